import Foundation
@testable import Kalkyl
import Testing

/// A wide budget whose first month's header is no period (`Jan 2026`, `2026-1`) lost that month
/// without a word: the months before a file's first period column are taken for history it does
/// not hold, and the column for one not read (red team, session 18, hunt18/t05: Q1 55, not 66).
@Suite struct UnreadMonthColumnTests {
    static let budget = """
        timeline monthly 2026-01 .. 2026-03
        dimension ansvar = "110", "120"
        input budget[ansvar, month] = data "budget.csv" wide key Ansvar missing 0
        """

    func shown(_ csv: String, model: String = budget) throws -> [String] {
        let loaded = try ModelLoader.load(path: "/mem/m.kalkyl", sources: MemorySources(["/mem/m.kalkyl": model + "\n", "/mem/budget.csv": csv], fallback: nil))
        return loaded.diagnostics.map { String(DiagnosticRenderer.render($0).prefix { $0 != "\n" }).replacing("/mem/", with: "") }
    }

    @Test("A first month's column under a header that is no period is warned about", arguments: [
        "Jan 2026", "2026-1", "2026-01*", "202601 prel", "jan-26", "Januari 2026",
    ])
    func aMonthUnderAnotherHeaderIsWarnedAbout(_ header: String) throws {
        let shown = try shown("Ansvar;Benämning;\(header);2026-02;2026-03\n110;Ledning;10;20;30\n120;Städ;1;2;3\n")
        #expect(shown == ["budget.csv:1:18: warning: the column '\(header)' holds numbers, but its header is no period, so it is not read: "
                          + "2026-01, before the file's first period column 2026-02, is blank"])
    }

    /// Months before the file's first column are history it does not hold: a name or a yearly
    /// total before them is no month.
    @Test func aNameOrATotalBeforeTheMonthsIsNoMonth() throws {
        #expect(try shown("Ansvar;Benämning;2026-02;2026-03\n110;Ledning;20;30\n120;Städ;2;3\n").isEmpty)
        #expect(try shown("Ansvar;Årsbudget;2026-02;2026-03\n110;50;20;30\n120;5;2;3\n").isEmpty)
        #expect(try shown("Ansvar;Jan 2026;2026-01;2026-02;2026-03\n110;1;10;20;30\n120;1;1;2;3\n").isEmpty)
    }

    /// A statement that sets the input from a later period reads no month before it: a column
    /// headed like that month (an April total before a forecast from May) is nothing it lost
    /// (a false alarm before, hunt18's residuals); one that sets the month itself is warned.
    @Test func onlyAMonthTheStatementReadsIsWarnedAbout() throws {
        func model(from first: String) -> String {
            """
            timeline monthly 2021-01 .. 2021-06
            input closed = 2021-03
            actuals through closed
            dimension ansvar = "110", "120"
            input kost[version, ansvar, month]: kr = 0
            input kost[forecast, ansvar, \(first) ..] = data "budget.csv" wide key Ansvar missing 0
            """
        }
        let csv = "Ansvar;Ack utfall apr 2021;2021-05;2021-06\n110;400;100;100\n120;40;10;10\n"
        #expect(try shown(csv, model: model(from: "2021-05")).isEmpty)
        #expect(try shown(csv, model: model(from: "2021-04")) == [
            "budget.csv:1:8: warning: the column 'Ack utfall apr 2021' holds numbers, but its header is no period, so it is not read: "
                + "2021-04, before the file's first period column 2021-05, is blank",
        ])
        #expect(try shown(csv, model: model(from: "2021-01")).count == 1)
    }

    /// Two months under headers that are no period (`Jan 2026;Feb 2026;2026-03`): only the
    /// column just before the first period column was looked at, so January was blank without a
    /// word (session 20, resid/03). Each is named, the earliest first; a column that names no
    /// month before them ends the run.
    @Test func everyUnreadMonthBeforeTheFirstPeriodColumnIsNamed() throws {
        let shown = try shown("Ansvar;Jan 2026;Feb 2026;2026-03\n110;10;20;30\n120;1;2;3\n")
        #expect(shown == [
            "budget.csv:1:8: warning: the column 'Jan 2026' holds numbers, but its header is no period, so it is not read: "
                + "2026-01, before the file's first period column 2026-03, is blank",
            "budget.csv:1:17: warning: the column 'Feb 2026' holds numbers, but its header is no period, so it is not read: "
                + "2026-02, before the file's first period column 2026-03, is blank",
        ])
        #expect(try self.shown("Ansvar;Jan 2026;Summa;Feb 2026;2026-03\n110;10;30;20;30\n120;1;3;2;3\n").count == 1)
        #expect(try self.shown("Ansvar;Feb 2026;Jan 2026;2026-03\n110;10;20;30\n120;1;2;3\n").isEmpty, "not in the months' order: no month")
    }
}
