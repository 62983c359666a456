import Foundation
import Kalkyl
import KalkylXLSX
import Testing

/// A model that uses every construct the translation to Excel has to get right: PREV, a
/// period before the timeline, YTD over a fiscal year from July across two years, ROLLING,
/// aggregates over dimensions, member picks, fixed periods and ranges, text, truth values,
/// errors, CONCAT, a period in a formula, names Excel reads as cells, and text from a data
/// file that starts with = + - @.
@Suite struct ExportFeatureTests {
    static let staff = """
        id;namn;lön;start;kommentar
        E1;Anna Berg;41 500;2021-01;=1+1
        E2;Björn Ek;38 200,50;2021-03;+46 8 123 45
        E3;Cecilia Öst;45 000;2021-06;-5 dagar
        E4;David Ås;39 000;2021-02;@SUM(A1)

        """

    static let model = """
        model "Export features"
        timeline monthly 2020-11 .. 2022-02
        fiscal year starts 07

        dimension unit = Datacenter, Nätverk, MT
        dimension account = Lön, Drift
        dimension employee from "data/staff.csv" key id

        ## Anställda vid start
        input start_headcount[unit]: persons = 10
        input start_headcount[MT] = 4
        input growth: % = 2.5%
        ## En text som ser ut som en formel
        input note = "=HYPERLINK(""http://x"",""y"")"
        input region = "Norrbotten"
        input flag = TRUE
        input actuals_through = 2021-04
        input cost_base[unit, account, month]: kr = 1_000
        input cost_base[Nätverk, Drift, 2021-03 ..] = 2_500
        input salary[employee]: kr = column lön
        input comment[employee] = column kommentar
        input start[employee] = column start
        input q1 = 3

        headcount[unit, month]: persons = PREV(headcount, start_headcount + 1) + IF(month = 2021-06, 1, 0)
        change[unit, month]: persons = headcount - headcount[month-1]
        same_month_last_year[month]: kr = total_cost[month-12]
        cost[unit, account, month]: kr = cost_base * (1 + growth) ^ 2
        unit_cost[unit, month]: kr = SUM(cost[account])
        account_cost[account, month]: kr = SUM(cost[unit])
        total_cost[month]: kr = SUM(cost[unit, account])
        ytd_cost[month]: kr = YTD(total_cost)
        rolling_cost[month]: kr = ROLLING(total_cost, 3)
        unit_ytd[unit, month]: kr = YTD(unit_cost)
        share[unit, month]: % = unit_cost / total_cost
        datacenter_share[month]: % = share[Datacenter]
        mt_drift[month]: kr = cost[MT, Drift]
        first_part: kr = SUM(total_cost[2020-11 .. 2021-04])
        from_april: kr = SUM(total_cost[2021-04 ..])
        march: kr = total_cost[2021-03]
        avg_headcount[unit]: persons = AVERAGE(headcount)
        max_salary: kr = MAX(salary[employee])
        staff = COUNT(salary[employee])
        title = CONCATENATE("Region ", region, ": ", ROUND(first_part / 1000, 1), " tkr")
        joined = CONCAT(region, "/", q1)
        ratio_error = 1 / 0
        safe = IFERROR(ratio_error, -1)
        negpow = -2 ^ 2
        pct = 50% * 3
        is_big[month] = total_cost > 10_000
        before_actuals[month] = month <= actuals_through
        echo[employee] = comment
        active[employee, month]: persons = IF(month >= start, 1, 0)
        staff_count[month]: persons = SUM(active[employee])
        nested = IF(AND(flag, NOT(FALSE)), "ja", "nej")
        big_units = COUNTIF(avg_headcount[unit], ">5")
        note_mark = note & "!"
        scaled[month] = (PREV(scaled, q1 + 1) + 1) * 2
        month_end[month] = EOMONTH(month, 0)
        calendar[month] = YEAR(month) * 100 + MONTH(month)
        in_a_year[month] = EDATE(month, 12) - DATE(YEAR(month) + 1, MONTH(month), DAY(month))
        payment: kr = PMT(5% / 12, 60, -100_000)
        present: kr = NPV(5%, total_cost[2021-01 .. 2021-12])

        check ytd_ties: ytd_cost[2021-06] = SUM(total_cost[2020-11 .. 2021-06])
        check positive[unit, month]: headcount > 0
        check fails_on_purpose: staff = 5

        scenario grow "Tillväxt" {
          growth = 5%
          cost_base[Datacenter, Lön, 2021-06 ..] = 3_000
        }
        scenario cut {
          start_headcount = 8
        }

        """

    /// Writes the model and its data file into `scratch`.
    static func files(in scratch: Scratch) throws -> String {
        try FileManager.default.createDirectory(atPath: scratch.path("data"), withIntermediateDirectories: true)
        try staff.write(toFile: scratch.path("data/staff.csv"), atomically: true, encoding: .utf8)
        try model.write(toFile: scratch.path("features.kalkyl"), atomically: true, encoding: .utf8)
        return scratch.path("features.kalkyl")
    }

    @Test func everyConstructRecalculatesToKalkylsValues() throws {
        let scratch = try Scratch()
        let exported = try ExportedModel.make(path: try Self.files(in: scratch), output: scratch.path("features.xlsx"))
        #expect(exported.workbook.sheets == ["Cover", "Report", "Inputs", "Calc", "Inputs grow", "Calc grow", "Inputs cut", "Calc cut", "Comparison", "Checks"])
        try expectFaithful(exported)
    }

    /// The formula of one cell on a sheet, found by the definition's name, member and period.
    static func formula(_ exported: ExportedModel, sheet: String = "Calc", _ name: String, member: String? = nil, period: Int? = nil) throws -> String? {
        let cells = try exported.workbook.cells(of: sheet)
        let strings = try sharedStrings(exported.workbook)
        func text(_ address: String) -> String? {
            guard let cell = cells.first(where: { $0.address == address }), cell.type == "s", let v = cell.value, let i = Int(v) else { return nil }
            return strings[i]
        }
        // Columns: A label, B name, C member, D unit, E value, F… periods.
        for row in 4...2000 {
            guard text("B\(row)") == name, member == nil || text("C\(row)") == member else { continue }
            let column = period.map { XLSXAddress.columnName(5 + $0) } ?? "E"
            return cells.first { $0.address == "\(column)\(row)" }?.formula
        }
        return nil
    }

    static func sharedStrings(_ workbook: ExportedWorkbook) throws -> [String] {
        let xml = try ExportedWorkbook.unzip(workbook.url, "xl/sharedStrings.xml")
        return xml.matches(of: /<si>(.*?)<\/si>/).map { si in
            si.1.matches(of: /<t[^>]*>(.*?)<\/t>/).map { ExportedWorkbook.unescape(String($0.1)) }.joined()
        }
    }

    @Test func referencesBeforeTheTimelineAndPrevAreTranslatedColumnByColumn() throws {
        let scratch = try Scratch()
        let exported = try ExportedModel.make(path: try Self.files(in: scratch), scenarios: [], output: scratch.path("f.xlsx"))
        func f(_ name: String, _ member: String? = nil, _ period: Int? = nil) throws -> String? {
            try Self.formula(exported, name, member: member, period: period)
        }
        // PREV: the initial value in the first period, the previous column after; parentheses only where needed.
        #expect(try f("headcount", "Datacenter", 0) == "Inputs!$E4+1+IF(F$3=DATE(2021,6,1),1,0)")
        #expect(try f("headcount", "Datacenter", 1) == "F4+IF(G$3=DATE(2021,6,1),1,0)")
        #expect(try f("scaled", nil, 0) == "(q1_+1+1)*2")
        #expect(try f("scaled", nil, 1)?.hasPrefix("(F") == true)
        // x[month-1] is #REF! in the first period, as in Kalkyl.
        #expect(try f("change", "MT", 0) == "F6-#REF!")
        #expect(try f("change", "MT", 1) == "G6-F6")
        // x[month-12]: #REF! for the first twelve months, then the same month a year back.
        #expect(try f("same_month_last_year", nil, 11) == "#REF!")
        #expect(try f("same_month_last_year", nil, 12)?.hasPrefix("F") == true)
        // YTD from the fiscal year's first month (July): anchored at the timeline's start, then at 2021-07.
        let ytdJune = try #require(try f("ytd_cost", nil, 7))
        let ytdJuly = try #require(try f("ytd_cost", nil, 8))
        #expect(ytdJune.hasPrefix("SUM($F") && ytdJune.contains(":M"))
        #expect(ytdJuly.hasPrefix("SUM($N") && ytdJuly.contains(":N"))
        // ROLLING: the last three columns; #N/A where the timeline has fewer, as in Kalkyl.
        #expect(try f("rolling_cost", nil, 0) == "SUM(#N/A)")
        #expect(try f("rolling_cost", nil, 1) == "SUM(#N/A)")
        #expect(try f("rolling_cost", nil, 2)?.hasPrefix("SUM(F") == true)
        #expect(try f("rolling_cost", nil, 5)?.hasPrefix("SUM(I") == true)
        // Aggregates over a dimension: consecutive rows as one area, others as several.
        #expect(try f("total_cost", nil, 0)?.hasPrefix("SUM(F$") == true)
        #expect(try f("account_cost", "Lön", 0)?.components(separatedBy: ",").count == 3)
        // Fixed periods and ranges are absolute; a period in a formula is a date.
        #expect(try f("march")?.hasPrefix("$J") == true)
        #expect(try f("first_part")?.hasPrefix("SUM($F") == true)
        #expect(try f("joined") == "_xlfn.CONCAT(region,\"/\",q1_)")
        #expect(try f("negpow") == "-2^2")
        #expect(try f("pct") == "50%*3")
        #expect(exported.workbook.definedNames["q1_"] != nil, "q1 reads as a cell in Excel")
    }

    /// With `actuals through`, a forecast is its actuals in the closed months: those cells link
    /// to the actual row, in the inputs and in the formulas (a recurrence included).
    @Test func aForecastLinksToTheActualsInClosedMonths() throws {
        let scratch = try Scratch()
        try """
        ansvar;period;belopp
        Datacenter;202101;1 000
        Datacenter;202102;1 100
        MT;202101;500

        """.write(toFile: scratch.path("utfall.csv"), atomically: true, encoding: .utf8)
        try """
        model "Versioner"
        timeline monthly 2021-01 .. 2021-06
        actuals through 2021-02
        dimension unit = Datacenter, MT
        input cost[version, unit, month]: kr = 0
        input cost[actual, unit, month] = data "utfall.csv" long key ansvar period period amount belopp
        input cost[budget, unit, month] = 100
        input cost[forecast, unit, month] = 98
        total[version, month]: kr = SUM(cost[unit])
        year_forecast: kr = SUM(total[forecast])
        variance[month]: kr = total[forecast] - total[budget]
        variance_ytd[month]: kr = YTD(variance)
        staff[version, month]: persons = PREV(staff, 10) + 1
        scenario lean { cost[forecast, unit, 2021-04 ..] = 90 }

        """.write(toFile: scratch.path("versions.kalkyl"), atomically: true, encoding: .utf8)
        let exported = try ExportedModel.make(path: scratch.path("versions.kalkyl"), output: scratch.path("v.xlsx"))
        try expectFaithful(exported)
        let model = exported.model
        let versions = try #require(model.versions)
        let forecast = model.dimensions[versions.dimension].members[versions.forecast]
        let actual = model.dimensions[versions.dimension].members[versions.actual]
        // total[version, month] has one row per version: the forecast's closed months read the actual row.
        let closed = try #require(try Self.formula(exported, "total", member: forecast, period: 1))
        let open = try #require(try Self.formula(exported, "total", member: forecast, period: 2))
        #expect(closed.wholeMatch(of: /G[0-9]+/) != nil, "a link to the actual row: \(closed)")
        #expect(open.hasPrefix("SUM("))
        #expect(try Self.formula(exported, "total", member: actual, period: 1)?.hasPrefix("SUM(") == true)
    }

    /// The personnel benchmark's model at 60 employees with a hiring stop: aggregates over
    /// many members, per-member totals, YTD of a total, a scenario that changes a scalar.
    @Test func aModelWithManyMembersAndAScenario() throws {
        let scratch = try Scratch()
        let employees = (0..<60).map { "e\($0)" }.joined(separator: ", ")
        let starts = (0..<60).map { "input start[e\($0)] = \($0 % 12 + 1)" }.joined(separator: "\n")
        let months = (2...12).map { "input month_number[2021-\($0 < 10 ? "0" : "")\($0)] = \($0)" }.joined(separator: "\n")
        try """
        model "Personnel"
        timeline monthly 2021-01 .. 2021-12
        dimension employee = \(employees)
        input salary[employee]: kr = 40_000
        input start[employee] = 1
        \(starts)
        input budget[employee]: kr = 500_000
        input payroll_overhead = 46.15%
        input hiring_stop = 0
        input stop_month = 7
        input month_number[month] = 1
        \(months)
        active[employee, month] = IF(AND(hiring_stop = 1, start >= stop_month), 0, IF(month_number >= start, 1, 0))
        cost[employee, month]: kr = salary * (1 + payroll_overhead) * active
        total[employee]: kr = SUM(cost)
        variance[employee]: kr = total - budget
        variance_pct[employee] = IF(budget = 0, 0, variance / budget)
        headcount[month] = SUM(active[employee])
        total_cost[month]: kr = SUM(cost[employee])
        year_headcount = SUM(headcount)
        year_cost: kr = SUM(total_cost)
        cost_ytd[month]: kr = YTD(total_cost)
        scenario stop { hiring_stop = 1 }

        """.write(toFile: scratch.path("personnel.kalkyl"), atomically: true, encoding: .utf8)
        let exported = try ExportedModel.make(path: scratch.path("personnel.kalkyl"), output: scratch.path("p.xlsx"))
        try expectFaithful(exported)
    }

    @Test func textFromDataStaysText() throws {
        let scratch = try Scratch()
        let exported = try ExportedModel.make(path: try Self.files(in: scratch), scenarios: [], output: scratch.path("f.xlsx"))
        let strings = try Self.sharedStrings(exported.workbook)
        let hostile = ["=1+1", "+46 8 123 45", "-5 dagar", "@SUM(A1)", "=HYPERLINK(\"http://x\",\"y\")"]
        for text in hostile { #expect(strings.contains(text), "\(text) is not a text cell") }
        // No formula anywhere is the hostile text itself.
        for cell in try exported.workbook.formulaCells() {
            for text in hostile { #expect(cell.formula != text, "\(cell.sheet)!\(cell.address) became a formula") }
        }
        let book = try LibreOffice.recalculate(exported.workbook.url, sheets: ["Inputs", "Calc"])
        let inputs = try #require(book.sheets["Inputs"]).flatMap { $0 }
        for text in hostile { #expect(inputs.contains(.text(text)), "LibreOffice does not show \(text) as text") }
        let calc = try #require(book.sheets["Calc"]).flatMap { $0 }
        #expect(calc.contains(.text("@SUM(A1)")), "a formula reading the text gives the text")
    }
}
