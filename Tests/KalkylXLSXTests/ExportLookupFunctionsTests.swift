import Foundation
import Kalkyl
@testable import KalkylXLSX
import Testing

/// Array constants, lookups, conditional aggregates and the logical functions of issue 11
/// exported to a workbook: LibreOffice 7.4 must recalculate every cell to Kalkyl's value.
@Suite struct ExportLookupFunctionsTests {
    static let arrays = """
        model "Matriser"
        timeline yearly 2021 .. 2022
        dimension unit = Drift, Nät
        input base[unit] = 10
        input base[Nät] = -2.5E+3
        scaled[unit, year] = base * SUM({1,2;3,4}) + MAX({1E-10,-2.5E+3})
        counted = COUNT({1,"a";3,2}) + SUM({-1,+2})
        small = SUM({1E-10}) * 1E+10

        """

    func roundTrip(_ model: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let scratch = try Scratch()
        try model.write(toFile: scratch.path("model.kalkyl"), atomically: true, encoding: .utf8)
        let exported = try ExportedModel.make(path: scratch.path("model.kalkyl"), output: scratch.path("model.xlsx"))
        try expectFaithful(exported, sourceLocation: sourceLocation)
    }

    @Test func arrayConstantsRecalculateToKalkylsValues() throws { try roundTrip(Self.arrays) }
}
