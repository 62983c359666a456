@testable import Kalkyl
import Testing

/// The period forms ERP exports use.
@Suite struct PeriodReaderTests {
    @Test(arguments: [
        ("2021-04", DataPeriod.month(year: 2021, month: 4)),
        ("202104", .month(year: 2021, month: 4)),              // Raindance, Unit4, SIE
        ("2021-04-01", .month(year: 2021, month: 4)),          // a date inside the month
        ("2021-04-30", .month(year: 2021, month: 4)),
        ("20210430", .month(year: 2021, month: 4)),
        ("2024-02-29", .month(year: 2024, month: 2)),
        (" 2021-12 ", .month(year: 2021, month: 12)),
        ("2021", .year(2021)),
    ])
    func forms(text: String, period: DataPeriod) throws {
        #expect(try PeriodReader.read(text) == period)
    }

    @Test(arguments: [
        ("202113", PeriodProblem.noSuchMonth("202113", 13)),
        ("2021-00", .noSuchMonth("2021-00", 0)),
        ("2021-04-31", .noSuchDay("2021-04-31")),
        ("2021-02-29", .noSuchDay("2021-02-29")),
        ("1900-02-29", .noSuchDay("1900-02-29")),
        ("2021-4", .notAPeriod("2021-4")),
        ("april 2021", .notAPeriod("april 2021")),
        ("", .notAPeriod("")),
    ])
    func errors(text: String, problem: PeriodProblem) {
        #expect(throws: problem) { try PeriodReader.read(text) }
    }

    @Test func absoluteIndicesMatchTheTimeline() throws {
        let april = try PeriodReader.read("202104")
        #expect(april.absolute == 2021 * 12 + 3)
        #expect(year2021.index(ofAbsolute: april.absolute) == 3)
        #expect(april.label == "2021-04")
        #expect(try PeriodReader.read("2021").absolute == 2021)
    }

    @Test func headersThatLookLikePeriods() {
        #expect(PeriodReader.looksLikePeriod("202113"))
        #expect(PeriodReader.looksLikePeriod("2021-01"))
        #expect(!PeriodReader.looksLikePeriod("Summa 2021"))
        #expect(!PeriodReader.looksLikePeriod("ansvar"))
    }
}
