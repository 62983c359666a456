import Foundation
@testable import Kalkyl
import Testing

/// A ledger read into the actuals with no row for a closed month of the year to date before
/// the last one: a July export saved over the year's ledger gave a year to date of 120 000 kr
/// where January to July booked 720 000 kr, and a ledger whose March export was lost 620 000 kr,
/// with exit 0 (red team, session 20, hunt20/t01). K0328 looked at the last closed month alone.
@Suite struct YearToDateActualsGapsTests {
    static func model(closed: String = "2024-07", timeline: String = "2024-01 .. 2024-12", fiscal: String = "", ledger: String = "gl.csv",
                      periods: String = "month") -> String {
        """
        timeline monthly \(timeline)
        \(fiscal)
        dimension ansvar = "110", "120"
        input closed = \(closed)
        actuals through closed
        input cost kost[version, ansvar, month]: kr = 0
        input kost[actual, ansvar, \(periods)] = data "\(ledger)" long key Ansvar period Period amount Belopp sum missing 0
        """
    }

    static func ledger(_ months: [String]) -> String {
        "Ansvar;Period;Belopp\n" + months.map { "110;\($0);100 000\n" }.joined()
    }

    func warnings(_ model: String, _ files: [String: String]) throws -> [String] {
        InMemoryModel.shown(try InMemoryModel.load(model, files: files))
    }

    @Test func aMonthsExportSavedOverTheYearsLedgerIsWarnedAbout() throws {
        let shown = try warnings(Self.model(), ["gl.csv": Self.ledger(["2024-07"])])
        #expect(shown == ["m.kalkyl:7:42: warning: gl.csv holds no actuals for 2024-01 .. 2024-06, closed months of the year to date "
                          + "(actuals through 2024-07); so the year to date takes those 6 months as empty"])
        let loaded = try InMemoryModel.load(Self.model(), files: ["gl.csv": Self.ledger(["2024-07"])])
        #expect(loaded.diagnostics.first?.code == .closedMonthWithoutActuals)
        #expect(loaded.diagnostics.first?.hint == "save the ledger for the year to date, every month from 2024-01, over gl.csv: it holds no month before 2024-07")
    }

    @Test func aClosedMonthLostFromTheLedgerIsWarnedAbout() throws {
        let shown = try warnings(Self.model(), ["gl.csv": Self.ledger(["2024-01", "2024-02", "2024-04", "2024-05", "2024-06", "2024-07"])])
        #expect(shown == ["m.kalkyl:7:42: warning: gl.csv holds no actuals for 2024-03, a closed month of the year to date "
                          + "(actuals through 2024-07); so the year to date takes that month as empty"])
    }

    /// The closed month's fiscal year from July: June, a month of last year, is not looked at.
    @Test func onlyTheClosedMonthsFiscalYearIsLookedAt() throws {
        let fiscal = Self.model(closed: "2024-09", fiscal: "fiscal year starts 07")
        #expect(try warnings(fiscal, ["gl.csv": Self.ledger(["2024-07", "2024-08", "2024-09"])]).isEmpty)
        #expect(try warnings(fiscal, ["gl.csv": Self.ledger(["2024-08", "2024-09"])]).first?
            .hasPrefix("m.kalkyl:7:42: warning: gl.csv holds no actuals for 2024-07, a closed month") == true)
        // A timeline a year longer than the ledger: last year's months are history it does not hold.
        #expect(try warnings(Self.model(timeline: "2023-01 .. 2024-12"), ["gl.csv": Self.ledger((1...7).map { "2024-0\($0)" })]).isEmpty)
    }

    /// A ledger for the whole year to date says nothing, nor do a file read for the first half
    /// year (not asked for July, which base20 did, K0328 at h1.csv) and one read from July.
    @Test func aWholeLedgerOrALaterStatementSaysNothing() throws {
        #expect(try warnings(Self.model(), ["gl.csv": Self.ledger((1...7).map { "2024-0\($0)" })]).isEmpty)
        let split = Self.model(periods: "2024-07 ..") + "\ninput kost[actual, ansvar, 2024-01 .. 2024-06] = data \"h1.csv\" long key Ansvar period Period amount Belopp sum missing 0"
        #expect(try warnings(split, ["gl.csv": Self.ledger(["2024-07"]), "h1.csv": Self.ledger((1...6).map { "2024-0\($0)" })]).isEmpty)
    }
}
