import Foundation
@testable import Kalkyl
import Testing

/// A staff file's hire date `2021-06-15` is read as the month June 2021 (its first day), so
/// `DAY(start)` was 1 and a first month's pay pro rata the whole month's, with exit 0 (red team,
/// session 18, hunt18/t03). The value stays the month (so `month >= start` counts June); the
/// day that is not kept is warned about.
@Suite struct DatesReadAsMonthsTests {
    static let staff = """
        timeline monthly 2021-01 .. 2021-12
        dimension anst from "staff.csv" key Anst
        input start[anst] = column Start
        dag[anst] = DAY(start)
        """

    func load(_ csv: String) throws -> LoadedModel {
        try ModelLoader.load(path: "/mem/m.kalkyl", sources: MemorySources(["/mem/m.kalkyl": Self.staff + "\n", "/mem/staff.csv": csv], fallback: nil))
    }

    func shown(_ loaded: LoadedModel) -> [String] {
        loaded.diagnostics.map { String(DiagnosticRenderer.render($0).prefix { $0 != "\n" }).replacing("/mem/", with: "") }
    }

    @Test func aDateInsideAMonthIsWarnedAboutAndReadAsTheMonth() throws {
        let loaded = try load("Anst;Start\n1;2021-06-15\n2;2021-03-01\n3;2021-01-20\n")
        #expect(shown(loaded) == ["staff.csv:2:3: warning: '2021-06-15' is read as the month 2021-06: the column 'Start' holds dates, "
                                  + "read as months (each its first day), so the day 15 is not kept"])
        #expect(loaded.diagnostics.first?.code == .datesReadAsMonths)
        let e = Evaluation(model: try #require(loaded.model), order: try #require(loaded.order))
        e.evaluateAll()
        #expect(e.value("start", member: 0) == .number(ExcelDate.serial(year: 2021, month: 6, day: 1)))
        #expect(e.value("dag", member: 0) == .number(1))
    }

    /// A column of first days is months; so is one whose every date is its month's last day (end
    /// months as HR systems write them: a period-end convention). Months written as months count
    /// for neither.
    @Test func firstDaysOrMonthEndsThroughoutAreTheMonthWithoutAWord() throws {
        #expect(try load("Anst;Start\n1;2021-06-01\n2;2021-03-01\n5;2021-07\n").diagnostics.isEmpty)
        #expect(try load("Anst;Start\n1;2021-06-30\n2;2021-02-28\n3;2024-02-29\n4;2021-12-31\n5;2021-07\n").diagnostics.isEmpty)
    }

    /// A month's last day among first days is a date, not an end month: `2021-12-31` beside
    /// `2021-06-01` was read as December without a word, `DAY(start)` 1 (hunt18's residuals).
    @Test func aMonthEndAmongFirstDaysIsWarnedAbout() throws {
        let loaded = try load("Anst;Start\n1;2021-06-01\n2;2021-12-31\n3;2021-03-01\n")
        #expect(shown(loaded) == ["staff.csv:3:3: warning: '2021-12-31' is read as the month 2021-12: the column 'Start' holds dates, "
                                  + "read as months (each its first day), so the day 31 is not kept"])
        #expect(loaded.diagnostics.first?.hint?.contains("a column whose dates are all month-ends is read as months without a word") == true)
        let e = Evaluation(model: try #require(loaded.model), order: try #require(loaded.order))
        e.evaluateAll()
        #expect(e.value("start", member: 1) == .number(ExcelDate.serial(year: 2021, month: 12, day: 1)))
    }

    /// A date inside its month is named before a month-end, wherever it stands.
    @Test func aDateInsideAMonthIsNamedBeforeAMonthEnd() throws {
        let shown = shown(try load("Anst;Start\n1;2021-06-30\n2;2021-01-01\n3;2021-03-15\n"))
        #expect(shown == ["staff.csv:4:3: warning: '2021-03-15' is read as the month 2021-03: the column 'Start' holds dates, "
                          + "read as months (each its first day), so the day 15 is not kept"])
    }
}
