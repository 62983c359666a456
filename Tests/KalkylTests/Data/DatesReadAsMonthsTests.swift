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

    /// The first or the last day of a month is the month (an end month as HR systems write it).
    @Test func theFirstOrLastDayOfAMonthIsTheMonthWithoutAWord() throws {
        #expect(try load("Anst;Start\n1;2021-06-01\n2;2021-02-28\n3;2024-02-29\n4;2021-12-31\n5;2021-07\n").diagnostics.isEmpty)
    }
}
