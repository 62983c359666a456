import Foundation
import Kalkyl
import KalkylXLSX
import Testing

/// A report sheet as LibreOffice computed it, read like a person reads it: a figure is found by
/// its row's label and its column's header.
struct ReportGrid {
    let rows: [[RecalculatedCell]]

    /// The figure in the row labelled `label` (the first such row at or after `after`), in the
    /// column headed `header` in the nearest header row above it.
    func figure(_ label: String, _ header: String, after: Int = 0) -> RecalculatedCell? {
        guard let r = rows.indices.first(where: { $0 >= after && rows[$0].first == .text(label) }) else { return nil }
        for h in stride(from: r - 1, through: 0, by: -1) {
            if let c = rows[h].firstIndex(of: .text(header)) { return c < rows[r].count ? rows[r][c] : .blank }
        }
        return nil
    }

    /// The cells right of the label in the row labelled `label`.
    func row(_ label: String) -> [RecalculatedCell]? {
        rows.first { $0.first == .text(label) }.map { Array($0.dropFirst()) }
    }
}

/// The board pack of the example, `workbooks/lansteknik-2021.layout`, and the default report:
/// recalculated by LibreOffice, every figure is the one Kalkyl computes; and the sheets freeze,
/// print and chart as the layout says.
@Suite struct BoardPackTests {
    static let model = repositoryRoot.appendingPathComponent("formulas/lansteknik-2021.kalkyl").path
    static let layout = repositoryRoot.appendingPathComponent("workbooks/lansteknik-2021.layout").path

    func close(_ cell: RecalculatedCell?, _ expected: Double, _ what: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        guard let cell else { Issue.record("\(what): not found", sourceLocation: sourceLocation); return }
        #expect(agrees(cell, .number(expected)), "\(what): LibreOffice \(cell), Kalkyl \(expected)", sourceLocation: sourceLocation)
    }

    @Test func theExampleBoardPackShowsKalkylsFigures() throws {
        let scratch = try Scratch()
        let exported = try ExportedModel.make(path: Self.model, layout: Self.layout, output: scratch.path("board-pack.xlsx"))
        #expect(exported.workbook.sheets == ["Cover", "Resultat", "Personal", "Nyckeltal", "Inputs", "Calc", "Inputs hiring_stop", "Calc hiring_stop", "Comparison"])
        // Every formula, the report's included, gives its cached value; the Calc sheets Kalkyl's.
        let book = try expectFaithful(exported)
        let reportFormulas = try exported.workbook.formulaCells().filter { ["Resultat", "Personal", "Nyckeltal"].contains($0.sheet) }
        #expect(reportFormulas.count > 100)
        #expect(reportFormulas.allSatisfy { $0.formula.contains("'Calc hiring_stop'!") || $0.formula.contains("'Inputs hiring_stop'!")
                                            || $0.formula.contains("hiring_stop.") || $0.formula.wholeMatch(of: /=([A-Z]+[0-9]+-[A-Z]+[0-9]+|SUM\([A-Z]+[0-9]+:[A-Z]+[0-9]+\))/) != nil
                                            || $0.formula.hasPrefix("=MATCH(B3,") || $0.formula == "=Resultat!$B$3" },
                "report figures read the hiring-stop scenario's sheets, or cells of their own table, or the scenario switch")
        // Every figure that reads the model follows the switch: hiring stop first, base second.
        #expect(reportFormulas.filter { $0.formula.contains("Calc") }.allSatisfy { $0.formula.hasPrefix("=CHOOSE(Resultat!$C$3,") })

        // The figures, from Kalkyl's evaluation of the hiring stop (the report's forecast).
        let model = exported.model
        let stop = try #require(exported.evaluations.first { $0.name == "hiring_stop" }).evaluation
        func series(_ name: String) -> [Double] { stop.values(of: model.slot(named: name)!).values.map { $0.number ?? .nan } }
        func single(_ name: String) -> Double { stop.values(of: model.slot(named: name)!)[0].number ?? .nan }
        let cost = series("personnel_cost"), budget = series("personnel_budget")
        let mn = 1_000_000.0

        let result = ReportGrid(rows: try #require(book.sheets["Resultat"]))
        close(result.figure("Personalkostnad", "Utfall jan–apr"), cost[0..<4].reduce(0, +) / mn, "cost January–April")
        close(result.figure("Personalkostnad", "Budget jan–apr"), budget[0..<4].reduce(0, +) / mn, "budget January–April")
        close(result.figure("Personalkostnad", "Avvikelse jan–apr"), series("personnel_variance_ytd")[3] / mn, "variance per April (+1.5 mnkr)")
        close(result.figure("Personalkostnad", "Årsprognos"), single("personnel_cost_forecast") / mn, "year-end forecast")
        close(result.figure("Personalkostnad", "Prognosavvikelse"), (single("personnel_budget_year") - single("personnel_cost_forecast")) / mn, "forecast variance")
        close(result.figure("Årsprognos, resultat", "Avvikelse helår, mnkr"), single("forecast_result_mnkr"), "the total of the forecast (+8 mnkr)")
        close(result.figure("Övriga kostnader", "Avvikelse helår, mnkr"), single("other_costs_forecast_variance") / mn, "other costs in mnkr")

        let people = ReportGrid(rows: try #require(book.sheets["Personal"]))
        let employees = series("employees")
        let row = try #require(people.row("Antal anställda"))
        for p in 0..<12 { close(row[p], employees[p], "employees, month \(p + 1)") }
        close(people.figure("Antal anställda", "T1 2021"), employees[3], "a headcount's tertial is its closing value")
        close(people.figure("Avgångar", "2021"), series("departures").reduce(0, +), "departures add up over the year")

        let figures = ReportGrid(rows: try #require(book.sheets["Nyckeltal"]))
        close(figures.figure("Antal anställda", "Per april 2021"), employees[3], "employees in April (131)")
        close(figures.figure("Förändring i procent", "Per april 2021"), single("headcount_change_pct"), "a percentage")
    }

    @Test func theBoardPackFreezesPrintsColoursAndCharts() throws {
        let scratch = try Scratch()
        let exported = try ExportedModel.make(path: Self.model, layout: Self.layout, output: scratch.path("board-pack.xlsx"))
        let workbook = exported.workbook
        let result = try workbook.xml(of: "Resultat")
        // The header row of the first table (row 5, under the scenario switch) and the label column stay in view.
        #expect(result.contains(#"<pane xSplit="1" ySplit="5" topLeftCell="B6" activePane="bottomRight" state="frozen"/>"#), "\(result.prefix(1500))")
        #expect(result.contains(#"<pageSetUpPr fitToPage="1"/>"#), "fit to the page's width")
        #expect(result.contains(#"<pageSetup paperSize="9" fitToHeight="0" orientation="landscape"/>"#), "A4 landscape, one page wide")
        #expect(result.contains("<oddHeader>&amp;LLänsteknik 2021&amp;CDelårsrapport 1 2021&amp;Rper april 2021</oddHeader>"))
        #expect(result.contains("<oddFooter>&amp;LResultat&amp;R&amp;P (&amp;N)</oddFooter>"))
        // Variances: green when better than budget, red when worse.
        #expect(result.contains(#"<cfRule type="cellIs" dxfId="0" priority="1" operator="greaterThan"><formula>0</formula></cfRule>"#))
        #expect(result.contains(#"operator="lessThan"><formula>0</formula></cfRule>"#))
        #expect(result.contains("<drawing r:id="))
        let styles = try ExportedWorkbook.unzip(workbook.url, "xl/styles.xml")
        #expect(styles.contains("<dxfs count=\"2\"><dxf><font><color rgb=\"FF006100\"/></font><fill><patternFill><bgColor rgb=\"FFC6EFCE\"/></patternFill></fill></dxf>"), "\(styles)")

        let line = try ExportedWorkbook.unzip(workbook.url, "xl/charts/chart1.xml")
        let calc = "'Calc hiring_stop'"
        #expect(line.contains("<c:lineChart>"))
        #expect(line.contains("Personalkostnad mot periodbudget per månad (mnkr)"))
        // The model's own cells, in kronor: the axis shows them as mnkr.
        #expect(line.contains("<c:f>\(calc)!$E$8:$P$8</c:f>") && line.contains(##"formatCode="#,##0.0,,""##), "\(line)")
        // The months at the bottom of the plot, clear of a line that dips below 0.
        #expect(line.contains(#"<c:catAx>"#) && line.contains(#"<c:tickLblPos val="low"/>"#), "\(line)")
        let column = try ExportedWorkbook.unzip(workbook.url, "xl/charts/chart2.xml")
        #expect(column.contains("<c:barChart>") && column.contains("<c:barDir val=\"col\"/>"))
        #expect(column.contains(#"<c:tickLblPos val="low"/>"#))
        let personnel = try workbook.xml(of: "Personal")
        #expect(personnel.contains(#"state="frozen""#) && personnel.contains("<drawing r:id="))
        // One table and no chart: its header row repeats on every printed page.
        let names = try ExportedWorkbook.unzip(workbook.url, "xl/workbook.xml")
        #expect(names.contains(#"<definedName name="_xlnm.Print_Titles" localSheetId="3">Nyckeltal!$5:$5</definedName>"#), "\(names)")
    }

    /// Without a layout: a Report sheet with every formula, kronor that run to millions in mnkr.
    @Test func theDefaultReportShowsEveryFormula() throws {
        let scratch = try Scratch()
        try """
            model "Personal"
            timeline monthly 2021-01 .. 2021-12
            dimension unit = Datacenter, Nätverk
            input employees[unit, month]: persons = 10
            input employees[Datacenter, 2021-07 ..] = 12
            ## Personalkostnad
            cost[unit, month]: kr = employees * AS(90_000, kr/persons)
            ## Totalt
            total_cost[month]: kr = SUM(cost[unit])
            ## Anställda
            headcount[month]: persons = SUM(employees[unit])
            ## Helår
            year_cost: kr = SUM(total_cost)

            """.write(toFile: scratch.path("m.kalkyl"), atomically: true, encoding: .utf8)
        let exported = try ExportedModel.make(path: scratch.path("m.kalkyl"), output: scratch.path("m.xlsx"))
        #expect(exported.workbook.sheets == ["Cover", "Report", "Inputs", "Calc"])
        let book = try expectFaithful(exported)
        let report = ReportGrid(rows: try #require(book.sheets["Report"]))
        let base = exported.evaluations[0].evaluation
        let model = exported.model
        let total = base.values(of: model.slot(named: "total_cost")!).values.map { $0.number! }
        let totals = try #require(report.row("Totalt"))
        for p in 0..<12 { close(totals[p], total[p] / 1_000_000, "total cost in mnkr, month \(p + 1)") }
        close(report.figure("Totalt", "2021"), total.reduce(0, +) / 1_000_000, "the year")
        // Under the label of a definition over units, a row per unit.
        let cost = base.values(of: model.slot(named: "cost")!)
        let datacenter = try #require(report.figure("Datacenter", "T3 2021"))
        close(datacenter, (8...11).map { cost[$0 * 2].number! }.reduce(0, +) / 1_000_000, "Datacenter's third tertial in mnkr")
        close(report.figure("Helår", "Värde"), total.reduce(0, +) / 1_000_000, "a single value in its own table")
    }

    /// A scorecard's statuses in the reports' colours, as text the recalculation keeps.
    @Test func scorecardStatusesAreColoured() throws {
        let scratch = try Scratch()
        try """
            model "Styrkort"
            dimension perspective = Verksamhet, Ekonomi
            input result: mnkr = -5
            ## Incidenter
            measure incidents in Verksamhet {
              target at most 10
              outcome = 16
            }
            ## Resultat
            measure result_met in Ekonomi {
              target at least 0
              outcome = result
            }

            """.write(toFile: scratch.path("s.kalkyl"), atomically: true, encoding: .utf8)
        try """
            sheet "Styrkort"
            columns "Måluppfyllelse" = value
            row incidents
            row result_met
            row result "Resultat, mnkr" variance

            """.write(toFile: scratch.path("s.layout"), atomically: true, encoding: .utf8)
        let exported = try ExportedModel.make(path: scratch.path("s.kalkyl"), layout: scratch.path("s.layout"), output: scratch.path("s.xlsx"))
        let book = try expectFaithful(exported)
        let card = ReportGrid(rows: try #require(book.sheets["Styrkort"]))
        #expect(card.figure("Incidenter", "Måluppfyllelse") == .text("inte uppnått"))
        #expect(card.figure("Resultat", "Måluppfyllelse") == .text("inte uppnått"))
        let xml = try exported.workbook.xml(of: "Styrkort")
        #expect(xml.contains(#"<cfRule type="expression" dxfId="1" priority="2"><formula>B5="delvis uppnått"</formula></cfRule>"#), "\(xml)")
        #expect(xml.contains(#"<formula>B5="inte uppnått"</formula>"#) && xml.contains(#"<formula>B6="uppnått"</formula>"#))
        let styles = try ExportedWorkbook.unzip(exported.workbook.url, "xl/styles.xml")
        #expect(styles.contains(#"<color rgb="FF9C5700"/>"#), "the yellow of 'delvis uppnått'")
    }

    /// `scenarios a, b`: a dropdown on the first report sheet picks the scenario, and every report
    /// formula follows it. The same formulas with the other scenario picked recalculate to that
    /// scenario's figures.
    @Test func theScenarioSwitchPicksEveryFigure() throws {
        let scratch = try Scratch()
        for order in [["hiring_stop", "base"], ["base", "hiring_stop"]] {
            let layout = scratch.path("switch.layout")
            try """
                scenarios \(order.joined(separator: ", "))
                sheet "Prognos"
                columns "Årsprognos" = year, "Per april" = value
                row personnel_cost mnkr
                row employees
                row forecast_result_mnkr
                sheet "Personal"
                columns months
                row employees

                """.write(toFile: layout, atomically: true, encoding: .utf8)
            let exported = try ExportedModel.make(path: Self.model, layout: layout, output: scratch.path("switch.xlsx"))
            let book = try expectFaithful(exported)
            let picked = try #require(exported.evaluations.first { $0.name == order[0] }).evaluation
            func value(_ name: String) -> [Double] { picked.values(of: exported.model.slot(named: name)!).values.map { $0.number ?? .nan } }
            // A Swedish model's switch offers the base as the cover names it, "bas".
            let shown = order.map { $0 == "base" ? "bas" : $0 }
            let grid = ReportGrid(rows: try #require(book.sheets["Prognos"]))
            #expect(grid.row("Scenario")?.first == .text(shown[0]))
            close(grid.figure("Personalkostnad", "Årsprognos"), value("personnel_cost").reduce(0, +) / 1_000_000, "\(order[0]): the year's cost")
            close(grid.figure("Antal anställda", "Årsprognos"), value("employees")[11], "\(order[0]): December's headcount")
            close(grid.figure("Årsprognos resultat, mnkr", "Per april"), value("forecast_result_mnkr")[0], "\(order[0]): the forecast result")
            let personal = ReportGrid(rows: try #require(book.sheets["Personal"]))
            #expect(personal.row("Scenario")?.first == .text(shown[0]), "the other sheets show the pick")
            let months = try #require(personal.row("Antal anställda"))
            for p in 0..<12 { close(months[p], value("employees")[p], "\(order[0]): employees, month \(p + 1)") }

            let xml = try exported.workbook.xml(of: "Prognos")
            #expect(xml.contains(#"<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="B3"><formula1>"\#(shown.joined(separator: ","))"</formula1></dataValidation>"#), "\(xml)")
            let calc = order.map { $0 == "base" ? "Calc!" : "'Calc hiring_stop'!" }
            #expect(xml.contains("<f>CHOOSE(Prognos!$C$3,SUM(\(calc[0])E8:P8)/1000000,SUM(\(calc[1])E8:P8)/1000000)</f>"), "\(xml)")
        }
    }

    /// Choosing each entry of a Swedish model's dropdown, as a person does in LibreOffice, gives
    /// that scenario's figures: "bas" the model as written, "hiring_stop" the hiring stop. The
    /// switch's position (C3) matches the word the dropdown offers, and the note names it.
    @Test func choosingEachEntryOfTheSwedishSwitchRecalculatesToItsScenario() throws {
        let scratch = try Scratch()
        let layout = scratch.path("switch.layout")
        try """
            scenarios hiring_stop, base
            sheet "Prognos"
            columns "Årsprognos" = year
            row personnel_cost mnkr
            row employees
            sheet "Personal"
            columns months
            row employees

            """.write(toFile: layout, atomically: true, encoding: .utf8)
        let exported = try ExportedModel.make(path: Self.model, layout: layout, output: scratch.path("switch.xlsx"))
        let xml = try exported.workbook.xml(of: "Prognos")
        #expect(xml.contains(#"<formula1>"hiring_stop,bas"</formula1>"#), "\(xml)")
        #expect(xml.contains(#"<f>MATCH(B3,{"hiring_stop","bas"},0)</f>"#), "\(xml)")
        for (choice, scenario, position) in [("bas", "base", 2.0), ("hiring_stop", "hiring_stop", 1.0)] {
            let picked = try exported.workbook.typing(choice, at: "B3", on: "Prognos", to: scratch.path("\(choice).xlsx"))
            let book = try LibreOffice.recalculate(picked, sheets: ["Prognos", "Personal"])
            let evaluation = try #require(exported.evaluations.first { $0.name == scenario }).evaluation
            func value(_ name: String) -> [Double] { evaluation.values(of: exported.model.slot(named: name)!).values.map { $0.number ?? .nan } }
            let grid = ReportGrid(rows: try #require(book.sheets["Prognos"]))
            let switchRow = try #require(grid.row("Scenario"))
            #expect(switchRow.first == .text(choice) && switchRow.dropFirst().first == .number(position), "\(choice): \(switchRow)")
            close(grid.figure("Personalkostnad", "Årsprognos"), value("personnel_cost").reduce(0, +) / 1_000_000, "\(choice): the year's cost")
            close(grid.figure("Antal anställda", "Årsprognos"), value("employees")[11], "\(choice): December's headcount")
            let personal = ReportGrid(rows: try #require(book.sheets["Personal"]))
            #expect(personal.row("Scenario")?.first == .text(choice), "the other sheet follows the pick")
            let months = try #require(personal.row("Antal anställda"))
            for p in 0..<12 { close(months[p], value("employees")[p], "\(choice): employees, month \(p + 1)") }
        }
        // The two differ, so each pick did recalculate.
        let base = exported.evaluations[0].evaluation, stop = try #require(exported.evaluations.first { $0.name == "hiring_stop" }).evaluation
        let employees = exported.model.slot(named: "employees")!
        #expect(base.values(of: employees)[11] != stop.values(of: employees)[11])
    }

    /// An English model's switch keeps "base", as its cover does.
    @Test func anEnglishModelsSwitchOffersBase() throws {
        let scratch = try Scratch()
        try """
            model "Staff"
            timeline monthly 2024-01 .. 2024-12
            input hires[month]: persons = 1
            staff[month]: persons = PREV(staff, 10) + hires
            scenario freeze "Hiring freeze" {
              hires = 0
            }

            """.write(toFile: scratch.path("staff.kalkyl"), atomically: true, encoding: .utf8)
        try """
            scenarios base, freeze
            sheet "Staff"
            columns months
            row staff

            """.write(toFile: scratch.path("staff.layout"), atomically: true, encoding: .utf8)
        let exported = try ExportedModel.make(path: scratch.path("staff.kalkyl"), layout: scratch.path("staff.layout"),
                                              output: scratch.path("staff.xlsx"))
        let xml = try exported.workbook.xml(of: "Staff")
        #expect(xml.contains(#"<formula1>"base,freeze"</formula1>"#) && xml.contains(#"MATCH(B3,{"base","freeze"},0)"#), "\(xml)")
    }
}
