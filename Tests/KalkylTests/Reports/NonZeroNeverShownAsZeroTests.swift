@testable import Kalkyl
import Testing

/// eval's table chooses a definition's decimals over its whole block, so a small value beside
/// large ones was rounded away: 0.125 beside 1 234.5 read `0`, -0.3 beside 150 000 read `0`, and
/// explain said `belopp[Drift] = 0 kr`. A number that is not zero is now never written as `0`:
/// it gets the fewest decimals more that show it (`HumanNumbers.format`, under every figure
/// eval, explain, watch, diff and hover write). Within a billionth of zero it is zero.
@Suite struct NonZeroNeverShownAsZeroTests {
    static let model = """
        model "Andelar"
        dimension enhet = Drift, Nät
        input belopp[enhet]: kr = 0
        input belopp[Drift] = 0.125
        input belopp[Nät] = 1234.5
        input kostnad[enhet]: kr = 0
        input kostnad[Drift] = -0.3
        input kostnad[Nät] = 150000
        input andel[enhet]: % = 0
        input andel[Drift] = 0.00004
        input andel[Nät] = 0.5
        rest = 0.1 + 0.2 - 0.3

        """

    func evaluated() throws -> (CheckedModel, Evaluation) {
        let loaded = ModelLoader.load(source: SourceFile(path: "m.kalkyl", text: Self.model))
        let model = try #require(loaded.model, "\(loaded.diagnostics.map(\.message))")
        let evaluation = Evaluation(model: model, order: try #require(loaded.order))
        evaluation.evaluateAll()
        return (model, evaluation)
    }

    @Test("eval's table: a small value beside large ones shows, with the fewest decimals that show it")
    func evalTable() throws {
        let (model, evaluation) = try evaluated()
        let table = EvalTable(model: model, scenario: "base", slots: Array(model.definitions.indices), blocks: [:], evaluation: evaluation)
        func cells(_ name: String) throws -> [String] { table.cells(try #require(model.slot(named: name))) }
        #expect(try cells("belopp") == ["0,1", "1 235"])        // was 0 beside 1 235
        #expect(try cells("kostnad") == ["-0,3", "150 000"])    // was 0
        #expect(try cells("andel") == ["0,004 %", "50,00 %"])   // was 0,00 %
        #expect(try cells("rest") == ["0"])                     // 5.6e-17: a double's noise, zero
    }

    @Test("explain heads the cell as eval's table shows it")
    func explain() throws {
        let (model, evaluation) = try evaluated()
        let report = ExplainReport(Explainer.explain(try model.cell(named: "belopp[Drift]").get(), in: evaluation), in: evaluation)
        #expect(report.table(model: model).contains("belopp[Drift] = 0,125 kr") || report.table(model: model).contains("belopp[Drift] = 0,1 kr"))
    }

    @Test("The rule itself: zero stays 0, noise stays 0, a figure at its decimals is unchanged")
    func rule() {
        #expect(HumanNumbers.format(0.125, decimals: 0) == "0.1")
        #expect(HumanNumbers.format(-0.3, decimals: 0) == "-0.3")
        #expect(HumanNumbers.format(0.004, decimals: 2) == "0.004")
        #expect(HumanNumbers.format(0.0049, decimals: 0) == "0.005")
        #expect(HumanNumbers.format(0.6, decimals: 0) == "1")
        #expect(HumanNumbers.format(0, decimals: 2) == "0.00")
        #expect(HumanNumbers.format(1e-12, decimals: 2) == "0.00")
        #expect(HumanNumbers.format(1234.5, decimals: 0) == "1 235")
    }
}
