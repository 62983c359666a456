import Foundation
@testable import Kalkyl
import Testing

/// A price or a rate (a unit per another: `kr/h`, `kr/FTE`) has no year total, as a `%` has
/// none: an hourly price of 850 read 10 200 kr/h for the year in eval's table, its JSON and the
/// workbook's totals (red team, session 19). A declared `average` (or `stock`, `flow`) says what
/// its year is.
@Suite struct RateTotalsTests {
    static let model = """
        model "Konsulter"
        timeline monthly 2026-01 .. 2026-12
        input timpris[month]: kr/h = 850
        input timmar[month]: h = 160
        kostnad[month]: kr = timpris * timmar
        dimension konsult = Anna, Bertil
        input pris[konsult, month]: kr/h = 900
        average snittpris[month]: kr/h = timpris
        input andel[month]: % = 50%
        """

    func kind(_ e: Evaluation, _ name: String) -> TotalKind {
        let slot = e.model.slot(named: name)!
        return e.model.totalKind(of: slot, values: e.values(of: slot).values)
    }

    @Test func aPricePerHourHasNoYearTotalAndItsCostSums() throws {
        let e = try evaluate(Self.model)
        #expect(kind(e, "timpris") == .none)
        #expect(kind(e, "pris") == .none)
        #expect(kind(e, "andel") == .none)
        #expect(kind(e, "kostnad") == .sum)
        #expect(kind(e, "timmar") == .sum)
        #expect(kind(e, "snittpris") == .average, "a declared average is the year's price")
        #expect(e.yearTotals(of: e.model.slot(named: "snittpris")!).years.map(\.value) == [.number(850)])
    }

    @Test func evalsTableShowsNoSumOfPrices() throws {
        let e = try evaluate(Self.model)
        let table = EvalReport(evaluation: e, slots: Array(e.model.definitions.indices)).table(model: e.model)
        #expect(!table.contains("10 200"), "\(table)")
        #expect(!table.contains("10 800"), "\(table)")
        #expect(table.contains("1 632 000"), "\(table)")
        let line = try #require(table.split(separator: "\n").first { $0.hasPrefix("timpris") })
        #expect(line.hasSuffix("850"), "the year's column is empty: \(line)")
    }

    @Test func onlyAUnitPerAnotherIsARate() {
        #expect(TotalKind.isRate("kr/h"))
        #expect(TotalKind.isRate("kr/FTE"))
        #expect(TotalKind.isRate("h/days"))
        #expect(!TotalKind.isRate("kr*h"))
        #expect(!TotalKind.isRate("kr"))
        #expect(!TotalKind.isRate("persons"))
        #expect(!TotalKind.isRate(nil))
    }
}
