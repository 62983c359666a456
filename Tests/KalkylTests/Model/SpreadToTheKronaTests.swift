import Foundation
@testable import Kalkyl
import Testing

/// A yearly amount spread over the months is rounded to whole kronor in each month. An input
/// declared in tkr or mnkr was rounded to whole tkr or mnkr instead: 2,4 mnkr spread by days
/// was 0 in January–November and 2,4 in December, and 1 000 tkr evenly 83 a month and 87 in
/// December, with exit 0 (red team, session 20, hunt20/t02).
@Suite struct SpreadToTheKronaTests {
    func evaluated(_ model: String, _ files: [String: String]) throws -> Evaluation {
        let loaded = try InMemoryModel.load("timeline monthly 2024-01 .. 2024-12\ndimension ansvar = \"110\"\n" + model, files: files)
        let checked = try #require(loaded.model, "\(InMemoryModel.shown(loaded))")
        let e = Evaluation(model: checked, order: try #require(loaded.order))
        e.evaluateAll()
        return e
    }

    func months(_ e: Evaluation, _ name: String, member: Int = 0) -> [Double] {
        (0..<12).compactMap { e.value(name, period: $0, member: member)?.number }
    }

    @Test func thousandsOfKronorAreSpreadToTheKrona() throws {
        let e = try evaluated("input budget[ansvar, month]: tkr = data \"b.csv\" key Ansvar column \"Budget (tkr)\" spread evenly",
                              ["b.csv": "Ansvar;Budget (tkr)\n110;1 000\n"])
        // 83 333 kr a month, December the 83 337 kr left.
        #expect(months(e, "budget") == Array(repeating: 83.333, count: 11) + [83.337])
    }

    @Test func millionsOfKronorAreSpreadToTheKrona() throws {
        let e = try evaluated("input budget[ansvar, month]: mnkr = data \"b.csv\" key Ansvar column \"Budget (mnkr)\" spread by days",
                              ["b.csv": "Ansvar;Budget (mnkr)\n110;2,4\n"])
        let spread = months(e, "budget")
        // 2024 has 366 days: January's 31 are 203 279 kr, February's 29 are 190 164 kr.
        #expect(spread[0] == 0.203279 && spread[1] == 0.190164, "\(spread)")
        #expect(abs(spread.reduce(0, +) - 2.4) < 1e-12)
        #expect(spread.allSatisfy { ($0 * 1_000_000 - ($0 * 1_000_000).rounded()).magnitude < 1e-6 }, "whole kronor: \(spread)")
    }

    /// A version of a line in tkr, spread through its assignment, is spread to the krona too.
    @Test func aVersionInThousandsIsSpreadToTheKrona() throws {
        let e = try evaluated("""
            actuals through 2024-01
            input kost[version, ansvar, month]: tkr = 0
            input kost[budget, ansvar, month] = data "b.csv" key Ansvar column "Budget (tkr)" spread evenly
            """, ["b.csv": "Ansvar;Budget (tkr)\n110;1 000\n"])
        #expect(months(e, "kost", member: 1) == Array(repeating: 83.333, count: 11) + [83.337])
    }

    /// Kronor and units that are no kronor at a scale are rounded to whole units, as before.
    @Test func kronorAndOtherUnitsAreSpreadToWholeUnits() throws {
        let e = try evaluated("""
            input kr_budget[ansvar, month]: kr = data "b.csv" key Ansvar column Belopp spread evenly
            input timmar[ansvar, month]: h = data "b.csv" key Ansvar column Belopp spread evenly
            """, ["b.csv": "Ansvar;Belopp\n110;100\n"])
        #expect(months(e, "kr_budget") == Array(repeating: 8, count: 11) + [12])
        #expect(months(e, "timmar") == Array(repeating: 8, count: 11) + [12])
    }
}
