import Foundation
@testable import Kalkyl
import Testing

/// watch, explain and diff write a figure as eval's table writes the same cell (`ValueFormat`):
/// its unit, a `%` definition in per cent, a period as its label, a year without grouping, the
/// model's decimal sign, and never fewer decimals than the figure needs to read as eval shows it.
/// watch printed a `%` input's change as `0.5 → 0.6  (+0.1)` (eval: 50 %) and every number with
/// a decimal point; explain wrote a year `2 026` and a SIE figure's vouchers with a point, rounded
/// to two decimals; diff's table wrote a period as its date number.
@Suite struct FiguresAsEvalShowsThemTests {
    static func load(_ files: [String: String]) throws -> (CheckedModel, EvaluationOrder) {
        let loaded = try ModelLoader.load(path: "/mem/m.kalkyl", sources: MemorySources(files, fallback: nil))
        return (try #require(loaded.model, "\(loaded.diagnostics.map(\.message))"), try #require(loaded.order))
    }

    /// The lines watch prints after the model and its files change from `before` to `after`.
    static func watchText(before: [String: String], after: [String: String]) throws -> String {
        let (m0, o0) = try load(before)
        let evaluation = Evaluation(model: m0, order: o0)
        evaluation.evaluateAll()
        let (m1, o1) = try load(after)
        let (next, edit) = evaluation.reconciled(with: m1, order: o1)
        return edit.withOrigins(from: next, limit: 20).text(time: "t", elapsed: "1", limit: 20, model: m1, before: m0)
    }

    // hunt18/w2: a `%` input read `in percent`, 50 → 60 in its file.
    static let percentModel = """
        model "cp"
        timeline monthly 2026-01 .. 2026-01
        dimension ansvar = "110", "120"
        input grad[ansvar]: % = data "grad.csv" key Ansvar column Grad in percent
        input lon[ansvar]: kr = 40000
        vg[ansvar]: kr = lon * grad

        """

    @Test func aPercentInputsChangeIsInPerCentAndPercentagePoints() throws {
        let text = try Self.watchText(
            before: ["/mem/m.kalkyl": Self.percentModel, "/mem/grad.csv": "Ansvar;Grad\n110;50\n120;75\n"],
            after: ["/mem/m.kalkyl": Self.percentModel, "/mem/grad.csv": "Ansvar;Grad\n110;60\n120;75\n"])
        #expect(text == """
            [t] 2 cells changed, 3 recomputed in 1 ms
              vg[110]    20 000 kr → 24 000 kr  (+4 000 kr)
              grad[110]  50 % → 60 %  (+10 pp)
                from grad.csv:2:5 (Grad)
            """, "\(text)")
    }

    @Test func aSwedishModelsAmountsHaveADecimalCommaAndTheirUnit() throws {
        let model = "model \"Lön och hyra\"\ninput lon: kr = 40000.5\ninput andel: % = 12.5%\ntotal: kr = lon * (1 + andel)\n"
        let edited = model.replacingOccurrences(of: "40000.5", with: "41000.25").replacingOccurrences(of: "12.5%", with: "12.75%")
        let text = try Self.watchText(before: ["/mem/m.kalkyl": model], after: ["/mem/m.kalkyl": edited])
        // total (45 000,5625) needs more than two decimals: whole kronor from 1 000, as eval shows it.
        #expect(text.hasSuffix("""
              total  45 001 kr → 46 228 kr  (+1 227 kr)
              lon    40 000,50 kr → 41 000,25 kr  (+999,75 kr)
                from /mem/m.kalkyl:2:7: input lon: kr = 41000.25
              andel  12,50 % → 12,75 %  (+0,25 pp)
                from /mem/m.kalkyl:3:7: input andel: % = 12.75%
            """), "\(text)")
    }

    /// A period is its label, as eval shows it; the days between two periods are no difference
    /// a reader wants, so none is shown. A new cell and a removed one keep their words.
    @Test func aPeriodIsItsLabelAndANewCellItsFigure() throws {
        let model = "timeline monthly 2026-01 .. 2026-02\ninput closed = 2026-01\n"
        let text = try Self.watchText(before: ["/mem/m.kalkyl": model],
                                      after: ["/mem/m.kalkyl": model.replacingOccurrences(of: "= 2026-01", with: "= 2026-02") + "input x: % = 5%\n"])
        #expect(text.hasSuffix("""
              closed  2026-01 → 2026-02
                from /mem/m.kalkyl:2:7: input closed = 2026-02
              x       (new) → 5 %
                from /mem/m.kalkyl:3:7: input x: % = 5%
            """), "\(text)")
    }

    // MARK: explain

    static func explainTable(_ model: String, files: [String: String] = [:], cell: String) throws -> String {
        let loaded = BookedSignTests.load(model, files: files)
        let checked = try #require(loaded.model, "\(loaded.diagnostics.map(\.message))")
        let evaluation = Evaluation(model: checked, order: try #require(loaded.order))
        evaluation.evaluateAll()
        return ExplainReport(Explainer.explain(try checked.cell(named: cell).get(), in: evaluation), in: evaluation).table(model: checked)
    }

    @Test func explainWritesAYearAsEvalDoes() throws {
        let table = try Self.explainTable("timeline monthly 2026-01 .. 2026-02\nfy[month] = YEAR(month)\n", cell: "fy[2026-02]")
        #expect(table.contains("fy[2026-02] = 2026\n"), "\(table)")
    }

    /// A SIE figure's vouchers as booked: every amount with the decimals the list needs to write
    /// each exactly, with the model's decimal comma (they were `-1 234 567.89` for a line booked
    /// `-1234567.891`, and `250.50` in a Swedish model). A `#TRANS` amount has at most two
    /// decimals (K0548), so the list writes öre: `-250,50` beside `-1 234 567,89`.
    @Test func aSIEFiguresVouchersAreWrittenExactlyWithTheModelsDecimalSign() throws {
        let sie = """
            #FLAGGA 0
            #SIETYP 4
            #RAR 0 20240101 20241231
            #KONTO 3110 "Försäljning"
            #KONTO 1930 "Bank"
            #VER A 1 20240123 "Faktura"
            {
            #TRANS 3110 {} -1234567.89
            #TRANS 1930 {} 1234567.89
            }
            #VER A 2 20240124 "Faktura"
            {
            #TRANS 3110 {} -250.5
            #TRANS 1930 {} 250.5
            }

            """
        let model = """
            model "Intäkter"
            timeline monthly 2024-01 .. 2024-01
            dimension konto from "gl.se" sie account 3000 .. 3999
            input utfall[konto, month]: kr = data "gl.se" sie vouchers key account missing 0

            """
        let table = try Self.explainTable(model, files: ["gl.se": sie], cell: "utfall[3110, 2024-01]")
        #expect(table.contains("-1 234 567,89  voucher A 1 2024-01-23 \"Faktura\"\n"), "\(table)")
        #expect(table.contains("      -250,50  voucher A 2 2024-01-24 \"Faktura\""), "\(table)")
    }

    // MARK: diff

    /// diff's table writes a period as its label (it wrote the date number, `46 082 → 46 143`,
    /// with a difference of 61 days) and a year without grouping, and a Swedish model's
    /// numbers with a decimal comma.
    @Test func diffWritesAPeriodAndAYearAsEvalDoes() throws {
        let text = """
            model "Jämförelse"
            timeline monthly 2026-01 .. 2026-02
            input closed = 2026-01
            input lon: kr = 1000.5
            fy = YEAR(closed)
            scenario s {
              closed = 2027-02
              lon = 1200.25
            }

            """
        let (model, order) = try Self.load(["/mem/m.kalkyl": text])
        let table = DiffReport(model: model, order: order, from: nil, to: model.scenario(named: "s")).table(toLabel: nil, model: model)
        #expect(table.contains("""
            closed
                        base        s  difference  %
              value  2026-01  2027-02

            """), "\(table)")
        #expect(table.hasSuffix("  value  2026  2027          +1  +0,05 %\n"), "\(table)")   // +1 on 2026 was +0,0 %
        #expect(table.contains("  value  1 000,50  1 200,25     +199,75  +20,0 %\n"), "\(table)")
    }

    /// Decimals chosen over all of a definition's values and differences wrote `1 000,50` as
    /// `1 001` beside a change to 150 000 (a difference over 100 000 takes none), where eval's
    /// table of the base shows 1 000,50: now the most any column needs.
    @Test func diffNeverWritesAValueLessPreciselyThanEvalsTable() throws {
        let text = "model \"Lön\"\ninput lon: kr = 1000.5\nscenario s {\n  lon = 150000\n}\n"
        let (model, order) = try Self.load(["/mem/m.kalkyl": text])
        let table = DiffReport(model: model, order: order, from: nil, to: model.scenario(named: "s")).table(toLabel: nil, model: model)
        #expect(table.hasSuffix("  value  1 000,5  150 000,0  +148 999,5  +14 892,5 %\n"), "\(table)")
    }

    /// Every example model: each definition's largest cell as explain heads it is the figure
    /// eval's table prints for that cell, with the definition's unit after it.
    @Test(arguments: ExampleModelTests.models)
    func explainHeadsEveryExampleCellAsEvalsTablePrintsIt(name: String) throws {
        let path = ExampleModelTests.root.appendingPathComponent("formulas").appendingPathComponent(name).path
        let loaded = try ModelLoader.load(path: path)
        let model = try #require(loaded.model)
        let evaluation = Evaluation(model: model, order: try #require(loaded.order))
        evaluation.evaluateAll()
        let table = EvalTable(model: model, scenario: "base", slots: Array(model.definitions.indices), blocks: [:], evaluation: evaluation)
        var options = Explainer.Options()
        options.depth = 0
        for slot in model.definitions.indices {
            let column = evaluation.values(of: slot)
            guard let index = (0..<column.count).filter({ column[$0].number != nil }).max(by: { abs(column[$0].number!) < abs(column[$1].number!) })
            else { continue }
            let members = model.memberCount(of: slot)
            let cell = CellReference(slot: slot, period: model.definitions[slot].isSeries ? index / members : nil, member: index % members)
            let report = ExplainReport(Explainer.explain(cell, in: evaluation, options: options), in: evaluation)
            let heading = report.table(model: model).split(separator: "\n")[1]
            let d = model.definitions[slot]
            let unit = d.unit == "%" || d.showsPeriod ? "" : d.unit.map { " " + $0 } ?? ""
            let expected = report.explanation.cell + " = " + table.cells(slot)[index] + unit
            #expect(heading == expected || heading.hasPrefix(expected + " — "), "\(name): \(heading)")
        }
    }
}
