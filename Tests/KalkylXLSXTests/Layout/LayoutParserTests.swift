import Foundation
import Kalkyl
import KalkylXLSX
import Testing

/// A layout's text with the place of an expected error marked `1️⃣`: the marker is removed and
/// its line and column kept, so no test counts columns by hand.
struct MarkedLayout {
    let text: String
    let line: Int
    let column: Int

    init(_ marked: String) {
        let lines = marked.components(separatedBy: "\n")
        var found: (Int, Int)?
        for (n, line) in lines.enumerated() {
            if let range = line.range(of: "1️⃣") {
                found = (n + 1, line.distance(from: line.startIndex, to: range.lowerBound) + 1)
            }
        }
        text = marked.replacingOccurrences(of: "1️⃣", with: "")
        (line, column) = found ?? (0, 0)
    }
}

/// Layouts read and resolved against a model: what they say, and every mistake reported at its
/// place with a caret and, for a misspelt name, a did-you-mean.
@Suite struct LayoutParserTests {
    static let model: CheckedModel = {
        let source = SourceFile(path: "personnel.kalkyl", text: """
            model "Personal"
            timeline monthly 2021-01 .. 2021-12
            actuals through 2021-04
            dimension unit = Datacenter, Nätverk, "Division Nära"
            ## Anställda
            input employees[unit, month]: persons = 10
            input budget[unit, month]: kr = 1_000_000
            ## Personalkostnad
            cost[unit, month]: kr = employees * AS(90_000, kr/persons)
            cost total_cost[month]: kr = SUM(cost[unit])
            total_budget[month]: kr = SUM(budget[unit])
            year_cost: kr = SUM(total_cost)
            check positive: year_cost > 0
            scenario cut { employees[Datacenter, 2021-06 ..] = 8 }

            """)
        let loaded = ModelLoader.load(source: source)
        return loaded.model!
    }()

    func resolve(_ text: String) -> (ReportLayout?, [Diagnostic]) {
        ReportLayout.resolve(SourceFile(path: "pack.layout", text: text), model: Self.model)
    }

    /// Expects exactly one error, at the marker, whose message and hint contain the given texts.
    func expectError(_ marked: String, _ message: String, hint: String? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let layout = MarkedLayout(marked)
        let (resolved, diagnostics) = resolve(layout.text)
        #expect(resolved == nil, sourceLocation: sourceLocation)
        guard let d = diagnostics.first else { Issue.record("no error", sourceLocation: sourceLocation); return }
        #expect(diagnostics.count == 1, "\(DiagnosticRenderer.render(diagnostics))", sourceLocation: sourceLocation)
        #expect(d.location?.line == layout.line && d.location?.column == layout.column,
                "at \(d.location?.line ?? 0):\(d.location?.column ?? 0), expected \(layout.line):\(layout.column): \(d.message)",
                sourceLocation: sourceLocation)
        #expect(d.message.contains(message), "\(d.message)", sourceLocation: sourceLocation)
        if let hint { #expect(d.hint?.contains(hint) == true, "hint: \(d.hint ?? "none")", sourceLocation: sourceLocation) }
    }

    @Test func aLayoutSaysSheetsColumnsRowsAndCharts() throws {
        let (layout, diagnostics) = resolve("""
            # The pack
            title "Delårsrapport 1"
            period 2021-04
            scenario cut

            sheet "Resultat"
            title "Resultat per april"
            note "Mnkr."
            columns "Utfall" = ytd, "Budget" = budget ytd, "Avvikelse" = variance ytd, year
            heading "Personal"
            ## Personalkostnad, totalt
            row total_cost vs total_budget cost mnkr
            row cost[Datacenter] "Datacenter" vs budget[Datacenter] cost
            blank
            total "Summa"
            row year_cost subtotal
            chart line "Kostnad mot budget" total_cost, total_budget

            sheet "Anställda"
            scenario base
            columns months, tertials, 2021-05 .. 2021-06
            row employees closing
            """)
        #expect(diagnostics.isEmpty, "\(DiagnosticRenderer.render(diagnostics))")
        let pack = try #require(layout)
        #expect(pack.title == "Delårsrapport 1")
        #expect(pack.period == 3)
        #expect(pack.sheets.map(\.name) == ["Resultat", "Anställda"])
        #expect(pack.sheets.map(\.scenario) == ["cut", "base"])
        #expect(pack.scenarios == ["cut"])
        let result = pack.sheets[0]
        #expect(result.title == "Resultat per april" && result.note == "Mnkr.")
        guard case .table(let table) = result.items[0], case .chart(let chart) = result.items[1] else {
            Issue.record("expected a table, then a chart: \(result.items)")
            return
        }
        #expect(table.columns == [
            ReportColumn(header: "Utfall", measure: .value, span: .ytd),
            ReportColumn(header: "Budget", measure: .budget, span: .ytd),
            ReportColumn(header: "Avvikelse", measure: .variance, span: .ytd),
            ReportColumn(header: nil, measure: .value, span: .year),
        ])
        #expect(table.lines.count == 6)
        guard case .row(let total) = table.lines[1], case .row(let datacenter) = table.lines[2], case .row(let year) = table.lines[5] else {
            Issue.record("expected rows: \(table.lines)")
            return
        }
        #expect(total.label == "Personalkostnad, totalt", "the ## label names the row")
        #expect(total.direction == .cost && total.format == .mnkr)
        #expect(total.comparison?.slot == Self.model.slot(named: "total_budget"))
        #expect(datacenter.label == "Datacenter" && datacenter.cell.member == 0 && datacenter.comparison?.member == 0)
        #expect(year.isSubtotal && year.label == "year_cost")
        #expect(chart.kind == .line && chart.series.map(\.label) == ["total_cost", "total_budget"])

        guard case .table(let people) = pack.sheets[1].items[0] else { Issue.record("no table"); return }
        #expect(people.columns.last?.span == .periods(4...5))
        // A name over a dimension with no member given: its label as a heading, a row per member.
        #expect(people.lines.count == 4)
        guard case .heading("Anställda") = people.lines[0], case .row(let nara) = people.lines[3] else {
            Issue.record("expected a heading and member rows: \(people.lines)")
            return
        }
        #expect(nara.label == "Division Nära" && nara.indent == 1 && nara.cell.member == 2 && nara.aggregate == .closing)
    }

    @Test func aLinesKindInTheModelGivesItsVarianceDirection() throws {
        let (layout, diagnostics) = resolve("""
            sheet "R"
            columns ytd, budget ytd, variance ytd
            row total_cost vs total_budget
            row total_cost "Som intäkt" vs total_budget revenue
            row cost[Nätverk] vs budget[Nätverk]
            """)
        #expect(diagnostics.isEmpty, "\(DiagnosticRenderer.render(diagnostics))")
        guard case .table(let table)? = layout?.sheets.first?.items.first else { Issue.record("no table"); return }
        let directions = table.lines.compactMap { line -> ReportRow.Direction? in
            if case .row(let r) = line { return r.direction } else { return nil }
        }
        #expect(directions == [.cost, .revenue, .revenue], "total_cost is declared a cost line; cost[unit] is not")
    }

    @Test func aScenarioSwitchIsEverySheetsUnlessOneSaysOtherwise() throws {
        let (layout, diagnostics) = resolve("""
            scenarios cut, base
            sheet "A"
            sheet "B"
            scenario base
            """)
        #expect(diagnostics.isEmpty, "\(DiagnosticRenderer.render(diagnostics))")
        #expect(layout?.sheets.map(\.switchScenarios) == [["cut", "base"], []])
        #expect(layout?.sheets.map(\.scenario) == ["cut", "base"])
        #expect(layout?.scenarios == ["cut"])
        expectError("1️⃣scenarios cut", "a switch needs two scenarios or more", hint: "scenario cut")
        expectError("scenarios base, 1️⃣cutt", "the model has no scenario 'cutt'", hint: "did you mean 'cut'?")
        expectError("scenarios base, cut, 1️⃣base", "'base' is named twice")
        expectError("""
            sheet "R"
            1️⃣scenarios base, cut
            """, "the scenario switch is set once, above the first sheet")
    }

    /// In the model's language: Swedish words for a Swedish model (detected from "Lön"), English
    /// when it says `language en`.
    @Test(arguments: [("", "Lön: 51 rader, på bladet Calc", "Värde"), ("language en\n", "Lön: 51 rows, on the Calc sheet", "Value")])
    func theDefaultReportListsMembersUpToFifty(language: String, heading: String, valueHeader: String) throws {
        let members = (1...51).map { "e\($0)" }.joined(separator: ", ")
        let loaded = ModelLoader.load(source: SourceFile(path: "staff.kalkyl", text: """
            \(language)timeline monthly 2021-01 .. 2021-03
            dimension employee = \(members)
            dimension unit = A, B
            input salary[employee]: kr = 40_000
            ## Lön
            cost[employee, month]: kr = salary
            ## Per enhet
            unit_cost[unit, month]: kr = 5
            ## Totalt
            total[month]: kr = SUM(cost[employee])
            year_total: kr = SUM(total)

            """))
        let model = try #require(loaded.model, "\(DiagnosticRenderer.render(loaded.diagnostics))")
        let report = ReportLayout.standard(for: model)
        #expect(report.sheets.map(\.name) == ["Report"])
        guard case .table(let series)? = report.sheets.first?.items.first, case .table(let singles)? = report.sheets.first?.items.last else {
            Issue.record("expected two tables")
            return
        }
        let labels = series.lines.map { line -> String in
            switch line {
            case .heading(let text), .total(let text): text
            case .row(let r): r.label
            case .blank: ""
            }
        }
        #expect(labels == [heading, "Per enhet", "A", "B", "Totalt"])
        #expect(series.columns.map(\.span) == [.months, .tertials, .year])
        #expect(singles.lines.count == 1 && singles.columns == [ReportColumn(header: valueHeader, measure: .value, span: .value)])
    }

    @Test func theExampleLayoutFitsItsModel() throws {
        let loaded = try ModelLoader.load(path: repositoryRoot.appendingPathComponent("formulas/lansteknik-2021.kalkyl").path)
        let model = try #require(loaded.model)
        let (layout, diagnostics) = try ReportLayout.load(path: repositoryRoot.appendingPathComponent("workbooks/lansteknik-2021.layout").path, model: model)
        #expect(diagnostics.isEmpty, "\(DiagnosticRenderer.render(diagnostics))")
        #expect(layout?.sheets.map(\.name) == ["Resultat", "Personal", "Nyckeltal"])
        #expect(layout?.scenarios == ["hiring_stop"])
    }

    @Test func unknownNamesGetADidYouMean() {
        expectError("""
            sheet "R"
            columns value
            row 1️⃣year_cots
            """, "the model has no definition 'year_cots'", hint: "did you mean 'year_cost'?")
        expectError("""
            sheet "R"
            columns value
            row total_cost vs 1️⃣total_budgt
            """, "no definition 'total_budgt'", hint: "did you mean 'total_budget'?")
        expectError("""
            sheet "R"
            columns value
            row cost[1️⃣Natverk]
            """, "'Natverk' is not a member", hint: "did you mean 'Nätverk'?")
        expectError("""
            scenario 1️⃣cutt
            """, "the model has no scenario 'cutt'", hint: "did you mean 'cut'?")
        expectError("""
            sheet "R"
            columns value
            row 1️⃣positive
            """, "'positive' is a check")
    }

    @Test func misspeltWordsGetADidYouMean() {
        expectError("""
            sheet "R"
            1️⃣colums value
            """, "unknown statement 'colums'", hint: "did you mean 'columns'?")
        expectError("""
            sheet "R"
            columns value, 1️⃣ytdd
            """, "unknown column 'ytdd'", hint: "did you mean 'ytd'?")
        expectError("""
            sheet "R"
            columns value
            row total_cost 1️⃣cots
            """, "unknown option 'cots'", hint: "did you mean 'cost'?")
        expectError("""
            sheet "R"
            chart 1️⃣lines "Kostnad" total_cost
            """, "unknown kind of chart 'lines'", hint: "did you mean 'line'?")
    }

    @Test func whatDoesNotFitIsReportedWhereItIs() {
        expectError("""
            period 1️⃣2022-04
            """, "2022-04 is not on the model's timeline", hint: "2021-01 .. 2021-12")
        expectError("""
            sheet "R"
            1️⃣row total_cost
            """, "rows need columns above them")
        expectError("1️⃣columns value", "columns belong on a sheet")
        expectError("""
            sheet "R"
            heading 1️⃣Personal
            """, "expected the heading in quotes")
        expectError("""
            sheet "R"
            columns value
            row total_cost vs 1️⃣year_cost
            """, "a row compares like with like")
        expectError("""
            sheet "R"
            chart line "Kostnad" 1️⃣year_cost
            """, "'year_cost' is a single value")
        expectError("""
            sheet "R"
            columns value
            row total_cost mnkr 1️⃣kr
            """, "the row has two formats")
        expectError("""
            sheet "R"
            1️⃣sheet "r"
            """, "there is already a sheet 'r'")
        expectError("""
            1️⃣sheet "Resultat: april"
            """, "Excel does not allow ':'")
        expectError("""
            sheet "R"
            columns value
            row total_cost "Kostnad" 1️⃣"igen"
            """, "expected the end of the line")
        expectError("1️⃣", "the layout has no sheet")
    }

    @Test func everyBrokenLineIsReportedOnce() {
        let (layout, diagnostics) = resolve("""
            sheet "R"
            colums value
            columns value
            row year_cots
            row total_cost cots
            """)
        #expect(layout == nil)
        #expect(diagnostics.map { $0.location?.line ?? 0 } == [2, 4, 5])
        let rendered = DiagnosticRenderer.render(diagnostics)
        #expect(rendered.contains("pack.layout:4:5: error: the model has no definition 'year_cots'\nrow year_cots\n    ^" + String(repeating: "~", count: 8)
                                  + "\n  hint: did you mean 'year_cost'?"), "\(rendered)")
    }
}
