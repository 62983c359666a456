@testable import Kalkyl
import Testing

/// A line's forecast written as a formula (`kost[forecast, enhet, month] = …`) is a version
/// like one read from a file: the actuals in the closed months, the formula after them; what
/// it reads changing (a what-if, a scenario, an edit) computes it again, as a full evaluation would.
@Suite struct ForecastFormulaTests {
    let model = """
    timeline monthly 2024-01 .. 2024-06
    input closed = 2024-02
    actuals through closed
    dimension enhet = A, B
    input kost[version, enhet, month]: kr = 0
    input kost[actual, enhet, month] = 90
    input kost[actual, B, 2024-02] = 70
    input kost[budget, enhet, month] = 100
    input kost[budget, B, 2024-05 ..] = 120
    ## Justering per månad
    input justering[enhet]: kr = 5
    input justering[B] = -10
    kost[forecast, enhet, month] = kost[budget] + justering
    ## Årsprognos
    arsprognos[enhet]: kr = SUM(kost[forecast])
    utfall_hittills[enhet]: kr = SUM(kost[actual, 2024-01 .. closed])
    scenario stopp "Anställningsstopp" {
      justering = -20
    }
    """

    func forecast(_ e: Evaluation, _ unit: Int) -> [Double?] {
        // kost's members: version (actual, budget, forecast) × enhet (A, B).
        let slot = e.model.slot(named: "kost")!
        let block = e.values(of: slot)
        return (0..<6).map { p in block[p * 6 + 4 + unit].number }
    }

    @Test func theClosedMonthsAreActualsAndTheOpenOnesTheFormula() throws {
        let e = try evaluate(model)
        #expect(forecast(e, 0) == [90, 90, 105, 105, 105, 105])
        #expect(forecast(e, 1) == [90, 70, 90, 90, 110, 110])
        // The year: actuals to date, budget for the rest and the adjustment.
        let year: [Double?] = [600, 560]   // 90 + 90 + 4 × 105; 90 + 70 + 90 + 90 + 110 + 110
        #expect(e.numbers("arsprognos") == year)
        #expect(e.numbers("utfall_hittills") == [180, 160])
    }

    /// What-ifs, scenarios and edits take the incremental paths: each must give what a model
    /// written with the change gives when evaluated from scratch.
    @Test func updatesGiveWhatAFullEvaluationGives() throws {
        let e = try evaluate(model)
        e.set([e.model.parseAssignment("justering[A]=7").0!])
        let fresh = try evaluate(model.replacingOccurrences(of: "input justering[B] = -10", with: "input justering[B] = -10\ninput justering[A] = 7"))
        #expect(forecast(e, 0) == forecast(fresh, 0) && forecast(e, 0) == [90, 90, 107, 107, 107, 107])
        #expect(e.numbers("arsprognos") == fresh.numbers("arsprognos"))

        // The line's own budget feeds its forecast.
        let b = try evaluate(model)
        b.set([b.model.parseAssignment("kost[budget, A, 2024-04]=200").0!])
        #expect(forecast(b, 0) == [90, 90, 105, 205, 105, 105])
        #expect(b.numbers("arsprognos")[0] == 700)   // 90 + 90 + 3 × 105 + 205

        // A scenario forked from base, and one evaluated from scratch.
        let (forked, _) = try evaluate(model).fork(scenario: e.model.scenario(named: "stopp"))
        let scratch = try evaluate(model, scenario: "stopp")
        #expect(forecast(forked, 0) == [90, 90, 80, 80, 80, 80])
        #expect(forecast(forked, 1) == forecast(scratch, 1) && forked.numbers("arsprognos") == scratch.numbers("arsprognos"))

        // An edit of the formula, reconciled with the last evaluation.
        let edited = model.replacingOccurrences(of: "= kost[budget] + justering", with: "= kost[budget] * 2 + justering")
        let loaded = ModelLoader.load(source: SourceFile(path: "test.kalkyl", text: edited))
        let (next, _) = try evaluate(model).reconciled(with: #require(loaded.model), order: #require(loaded.order))
        #expect(forecast(next, 0) == [90, 90, 205, 205, 205, 205])
        #expect(next.numbers("arsprognos") == (try evaluate(edited)).numbers("arsprognos"))
    }

    @Test func explainShowsTheFormulaAfterTheCloseAndTheActualBefore() throws {
        let e = try evaluate(model)
        let open = Explainer.explain(try e.model.cell(named: "kost[forecast, B, 2024-05]").get(), in: e, options: .init(depth: 1))
        guard case .formula(let f) = open.root.source else { Issue.record("a formula"); return }
        #expect(f.text == "kost[budget] + justering" && f.location.line == 13)
        #expect(open.root.expansion == .expanded)
        #expect(open.root.precedents.map { $0.cells.map(\.reference) } == [["kost[budget, B, 2024-05]"], ["justering[B]"]])
        let closed = Explainer.explain(try e.model.cell(named: "kost[forecast, B, 2024-02]").get(), in: e, options: .init(depth: 1))
        guard case .actual = closed.root.source else { Issue.record("the actual"); return }
    }

    @Test func mistakesAreNamedWhereTheyAre() {
        let head = """
        timeline monthly 2024-01 .. 2024-06
        actuals through 2024-02
        dimension enhet = A, B
        input kost[version, enhet, month]: kr = 0

        """
        expectDiagnostics(head + "1️⃣kost[forecast, enhet, month] = kost + 1\n", [("1️⃣", "the forecast of 'kost' reads its own forecast")])
        expectDiagnostics(head + "1️⃣kost[forecast, enhet, month] = SUM(kost[enhet]) + 1\n", [("1️⃣", "reads its own forecast")])
        expectDiagnostics(head + "kost1️⃣[forecast, A, month] = 1\n", [("1️⃣", "a forecast formula computes the whole forecast")])
        expectDiagnostics(head + "andel[version, month] = 1\n1️⃣andel[forecast, month] = 2\n", [("1️⃣", "only an input over version")])
        expectDiagnostics(head + "kost[forecast, enhet, month] = kost[budget]\n1️⃣kost[forecast, enhet, month] = kost[actual]\n",
                          [("1️⃣", "the forecast of 'kost' is computed twice")])
        // Without a close there is no forecast to compute.
        expectDiagnostics("""
        timeline monthly 2024-01 .. 2024-06
        dimension version = actual, budget, forecast
        input kost[version, month] = 0
        kost1️⃣[forecast, month] = 1

        """, [("1️⃣", "only an input can be set for some periods or members")])
    }

    /// A computed forecast is unit-checked as any definition (docs/units.md): inside, where kr
    /// meets FTE, and as a whole, against the unit the line declares.
    @Test func itsUnitsAreCheckedAsAnyFormulas() {
        let head = """
        timeline monthly 2024-01 .. 2024-06
        actuals through 2024-02
        dimension enhet = A, B
        input kost[version, enhet, month]: kr = 0
        input fte[enhet]: FTE = 3
        input lon_per_fte: kr/FTE = 50_000
        input stod: mnkr = 1

        """
        expectDiagnostics(head + "kost[forecast, enhet, month] = 1️⃣kost[budget] + fte\n",
                          [("1️⃣", "kr + FTE: 'kost' is kr (line 4), 'fte' is FTE (line 5)")])
        expectDiagnostics(head + "kost[forecast, enhet, month] = 1️⃣fte * 2\n",
                          [("1️⃣", "the forecast of 'kost' is kr, as the line is (line 4), but its formula gives FTE")])
        expectDiagnostics(head + "kost[forecast, enhet, month] = 1️⃣kost[budget] - stod\n",
                          [("1️⃣", "kr - mnkr: 'kost' is kr (line 4), 'stod' is mnkr (line 7)")])
        // What the units allow: FTE × kr/FTE is kr, and a conversion said once with AS.
        #expect(diagnostics(of: head + "kost[forecast, enhet, month] = kost[budget] + fte * lon_per_fte\n").isEmpty)
        #expect(diagnostics(of: head + "kost[forecast, enhet, month] = kost[budget] - AS(stod * 1_000_000, kr)\n").isEmpty)
    }
}
