import Foundation
@testable import Kalkyl
import Testing

/// A series of dates (a pay day per month) or of weeks has no year total: eval's 2024 column
/// showed 545 793 for the pay days, a date in the year 3394, and 335 for their ISO weeks, in the
/// table, its JSON and the workbook's totals alike (red team, session 20, hunt20/t05).
@Suite struct DateSeriesTotalsTests {
    static let model = """
        model "Lönedagar"
        timeline monthly 2024-01 .. 2024-12
        lönedag[month] = WORKDAY_SE(DATE(YEAR(month), MONTH(month), 26), -1)
        månadsslut[month] = EOMONTH(month, 0)
        vecka[month] = ISOWEEKNUM(lönedag)
        arbetsdagar[month] = NETWORKDAYS_SE(month, EOMONTH(month, 0))
        stock sista_lönedag[month] = WORKDAY_SE(DATE(YEAR(month), MONTH(month), 26), -1)
        """

    func kind(_ e: Evaluation, _ name: String) -> TotalKind {
        let slot = e.model.slot(named: name)!
        return e.model.totalKind(of: slot, values: e.values(of: slot).values)
    }

    @Test func datesAndWeeksHaveNoYearTotal() throws {
        let e = try evaluate(Self.model)
        #expect(kind(e, "lönedag") == .none)
        #expect(kind(e, "månadsslut") == .none)
        #expect(kind(e, "vecka") == .none)
        let table = EvalReport(evaluation: e, slots: Array(e.model.definitions.indices)).table(model: e.model)
        #expect(!table.contains("545 793") && !table.contains("335"), "\(table)")
        let line = try #require(table.split(separator: "\n").first { $0.hasPrefix("lönedag") })
        #expect(line.hasSuffix("45 649"), "December's pay day, then an empty year column: \(line)")
    }

    /// Working days add up (251 in 2024), and a declared `stock` is the year's last pay day.
    @Test func countsOfDaysAndDeclaredTotalsAreKept() throws {
        let e = try evaluate(Self.model)
        #expect(kind(e, "arbetsdagar") == .sum)
        #expect(e.yearTotals(of: e.model.slot(named: "arbetsdagar")!).years.map(\.value) == [.number(251)])
        #expect(kind(e, "sista_lönedag") == .closing)
    }
}
