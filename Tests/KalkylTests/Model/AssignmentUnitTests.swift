import Foundation
@testable import Kalkyl
import Testing

/// An input's data assignment (`input kost[budget, ansvar, month] = data …` on
/// `input kost[version, ansvar, month]: kr = 0`), the way the README reads actuals and budget,
/// was read without its input's unit: a column headed `Budget (tkr)` gave 1 200 kr for 1,2
/// million, a ledger's EUR rows were summed as kronor (26 500 kr for 25 000 SEK and 1 500 EUR),
/// and `10 %` in the amount column was 0,1 kr, each with exit 0 (red team, session 20,
/// hunt20/t07). The same statement on the definition was refused (K0402, K0547, K0504).
@Suite struct AssignmentUnitTests {
    static let versions = """
        timeline monthly 2024-01 .. 2024-12
        dimension ansvar = "110"
        actuals through 2024-01
        input cost kost[version, ansvar, month]: kr = 0

        """

    func load(_ lines: String, _ files: [String: String]) throws -> LoadedModel {
        try InMemoryModel.load(Self.versions + lines, files: files)
    }

    @Test func aBudgetColumnInThousandsReadIntoAVersionOfKronorIsRefused() throws {
        let loaded = try load("input kost[budget, ansvar, month] = data \"b.csv\" key Ansvar column \"Budget (tkr)\" spread evenly",
                              ["b.csv": "Ansvar;Budget (tkr)\n110;1 200\n"])
        #expect(InMemoryModel.shown(loaded) == ["m.kalkyl:5:68: error: 'kost' is declared kr, but its column 'Budget (tkr)' is in tkr: "
                                                + "every figure would be read a thousand times too small"])
        #expect(loaded.diagnostics.map(\.code) == [.declaredUnitDiffers])
    }

    @Test func rowsInAnotherCurrencyReadIntoTheActualsAreRefused() throws {
        let loaded = try load("input kost[actual, ansvar, month] = data \"gl.csv\" long key Ansvar period Period amount Belopp sum missing 0",
                              ["gl.csv": "Ansvar;Period;Valuta;Belopp\n110;2024-01;SEK;25 000\n110;2024-01;EUR;1 500\n"])
        #expect(loaded.diagnostics.map(\.code) == [.otherCurrency], "\(InMemoryModel.shown(loaded))")
        #expect(InMemoryModel.shown(loaded).first?.hasPrefix("gl.csv:3:13: error: 'kost' is kr (SEK), but a row of gl.csv is in EUR") == true)
    }

    @Test func aPercentageInTheActualsAmountColumnIsRefused() throws {
        let loaded = try load("input kost[actual, ansvar, month] = data \"gl.csv\" long key Ansvar period Period amount Belopp sum missing 0",
                              ["gl.csv": "Ansvar;Period;Belopp\n110;2024-01;100\n110;2024-01;10 %\n"])
        #expect(InMemoryModel.shown(loaded) == ["gl.csv:3:13: error: '10 %' is a percentage, but the column is read as an amount in kronor"])
    }

    /// What the three files would be without their problem reads as before, and a version of
    /// a `%` input still takes its file's shares as fractions.
    @Test func filesInTheInputsUnitReadAsBefore() throws {
        let loaded = try load("""
            input kost[actual, ansvar, month] = data "gl.csv" long key Ansvar period Period amount Belopp sum missing 0
            input kost[budget, ansvar, month] = data "b.csv" key Ansvar column "Budget (kr)" spread evenly
            input grad[version, ansvar]: % = 0
            input grad[budget, ansvar] = data "g.csv" key Ansvar column Grad
            """, ["gl.csv": "Ansvar;Period;Valuta;Belopp\n110;2024-01;SEK;25 000\n", "b.csv": "Ansvar;Budget (kr)\n110;1 200 000\n",
                  "g.csv": "Ansvar;Grad\n110;80 %\n"])
        #expect(loaded.diagnostics.isEmpty, "\(InMemoryModel.shown(loaded))")
        let model = try #require(loaded.model)
        let e = Evaluation(model: model, order: try #require(loaded.order))
        e.evaluateAll()
        // The versions are actual, budget and forecast; ansvar has one member.
        #expect(e.value("kost", period: 0, member: 0) == .number(25_000))
        #expect(e.value("kost", period: 0, member: 1) == .number(100_000))
        #expect(e.value("grad", member: 1) == .number(0.8))
    }
}
