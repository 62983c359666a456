import Foundation
import Testing

/// The red team's t20 through the real binary: hires per month in persons had December's 2 as
/// their year with exit 0; now `eval` warns at the input with the declaration to write, and
/// declared a flow the year column shows the 24 hired. And the closed month's missing actuals
/// of a ledger with a version key column, warned of as a file read into `actual` is (K0328).
@Suite struct PeopleFlowCommandTests {
    static let t20 = """
    model "Rekrytering"
    timeline monthly 2024-01 .. 2024-12
    input rekryteringskostnad: kr/persons = 50_000
    ## Nyanställda per månad
    input nyanställda[month]: persons = 2
    ## Avgångar per månad
    input avgångar[month]: persons = 1
    kostnad[month]: kr = nyanställda * rekryteringskostnad
    netto[month]: persons = nyanställda - avgångar

    """

    @Test func hiresPerMonthAreWarnedOfAndAddUpOnceDeclaredAFlow() throws {
        let path = try KalkylBinary.temporaryModel(Self.t20)
        let run = try KalkylBinary.run(["eval", path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("model.kalkyl:5:7: warning: 'nyanställda' counts persons, so its tertial and year totals are its last month's"), "\(run.stderr)")
        #expect(run.stderr.contains("  hint: a number per month (hires, leavers) adds up: input flow nyanställda[month]: persons = …; a level says so: input stock nyanställda[month]: persons = …\n"), "\(run.stderr)")
        let declared = Self.t20.replacingOccurrences(of: "input nyanställda", with: "input flow nyanställda")
            .replacingOccurrences(of: "input avgångar", with: "input flow avgångar")
        let flows = try KalkylBinary.run(["eval", try KalkylBinary.temporaryModel(declared), "--format", "json"])
        #expect(flows.status == 0 && flows.stderr.isEmpty, "\(flows.stderr)")
        // The tertials and the year: the 24 hired, and the net 12.
        #expect(flows.stdout.contains("\"nyanställda\": {\"kind\": \"sum\", \"values\": [8, 8, 8, 24]}"), "\(flows.stdout)")
        #expect(flows.stdout.contains("\"netto\": {\"kind\": \"sum\", \"values\": [4, 4, 4, 12]}"), "\(flows.stdout)")
    }

    @Test func aVersionKeyColumnWithoutTheClosedMonthsActualsIsWarnedOf() throws {
        let path = try KalkylBinary.temporaryModel("""
            timeline monthly 2024-01 .. 2024-12
            input closed = 2024-07
            actuals through closed
            dimension enhet = A, B
            input kost[version, enhet, month] = data "gl.csv" long key version, ansvar period period amount belopp sum missing 0

            """)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try "version;ansvar;period;belopp\nactual;A;202406;110\nbudget;A;202407;100\nbudget;B;202407;100\n"
            .write(to: folder.appendingPathComponent("gl.csv"), atomically: true, encoding: .utf8)
        let run = try KalkylBinary.run(["check", path])
        #expect(run.stderr.contains("model.kalkyl:5:42: warning: gl.csv holds no actuals for 2024-07, closed (actuals through 2024-07); its last row is for 2024-06, so the year to date takes that month as empty"), "\(run.stderr)")
    }
}
