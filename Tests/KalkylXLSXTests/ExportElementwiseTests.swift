import Foundation
import Kalkyl
import KalkylXLSX
import Testing

/// SUMPRODUCT over operators computed position by position, exported: the workbook writes the
/// operators over the cells' areas as they stand (`SUMPRODUCT((Inputs!$E$4:$E$6="Öst")*Inputs!$E$8:$E$10)`),
/// a plain formula that Excel 2016 and LibreOffice compute without an array formula, and
/// LibreOffice recalculates every cell to Kalkyl's value, errors included.
@Suite struct ExportElementwiseTests {
    /// The model ElementwiseTests evaluates, with text and an error in arithmetic and a scenario.
    static var model: String {
        get throws {
            try String(contentsOf: repositoryRoot.appendingPathComponent("Tests/KalkylTests/Fixtures/elementwise.kalkyl"), encoding: .utf8)
                + """
                masked = SUMPRODUCT({1;0;1;0;1} * amount[line])
                percent = SUMPRODUCT(amount[line]%)
                text_times = SUMPRODUCT((amount[line] > 0) * region[line])
                divided = SUMPRODUCT(amount[line] / ratio[line])
                scenario costs_up "Kostnaderna upp" {
                  amount = 120
                }

                """
        }
    }

    @Test func recalculatesToKalkylsValues() throws {
        let scratch = try Scratch()
        try Self.model.write(toFile: scratch.path("model.kalkyl"), atomically: true, encoding: .utf8)
        let exported = try ExportedModel.make(path: scratch.path("model.kalkyl"), output: scratch.path("model.xlsx"))
        let base = exported.evaluations[0].1
        #expect(base.value("east_costs") == .number(77))
        #expect(base.value("busy_total") == .number(720))
        #expect(base.value("text_times") == .error(.value))
        let formulas = try exported.workbook.formulaCells().map(\.formula)
        let eastCosts = try #require(formulas.first { $0.contains("=\"Öst\")*") })
        #expect(eastCosts.hasPrefix("SUMPRODUCT((") || eastCosts.hasPrefix("=SUMPRODUCT(("), "\(eastCosts)")
        try expectFaithful(exported)
    }
}
