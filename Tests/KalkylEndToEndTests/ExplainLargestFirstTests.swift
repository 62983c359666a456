import Foundation
import Testing

/// explain of an aggregate over members lists what drives it first: the cells of largest
/// absolute value, then the rest summed on one line, so the listed cells and that line add up
/// to the total; numbers as the model's language writes them. A window of periods stays in
/// time order.
@Suite struct ExplainLargestFirstTests {
    /// Twenty cost centres: three large ones (one of them negative) among seventeen small.
    static let model: String = {
        let centres = (1...20).map { String(format: "A%02d", $0) }
        return """
        model "Division Medicinsk teknik"
        timeline monthly 2024-01 .. 2024-03
        dimension ansvar = \(centres.joined(separator: ", "))
        ## Anställda
        input anstallda[ansvar, month]: persons = 1.5
        input anstallda[A07, month] = -8_900
        input anstallda[A15, month] = 4_200
        input anstallda[A03, month] = 120
        input anstallda[A11, month] = 0
        ## Anställda totalt
        totalt[month]: persons = SUM(anstallda[ansvar])
        ## Hittills i år
        hittills[month]: persons = YTD(totalt)

        """
    }()

    @Test func theLargestComeFirstAndTheRestIsSummedOnOneLine() throws {
        let path = try KalkylBinary.temporaryModel(Self.model)
        let run = try KalkylBinary.run(["explain", path, "totalt[2024-02]", "--depth", "1"])
        #expect(run.status == 0, "\(run.stderr)")
        // 17 small cells, one of them 0: the 12 listed are A03 and the 1,5s in order read
        // after the three large ones; the 8 left hold 7 × 1,5 and the 0.
        #expect(run.stdout == """
        Division Medicinsk teknik

        totalt[2024-02] = -4 556 persons — Anställda totalt
        │ = SUM(anstallda[ansvar])
        └─ anstallda[ansvar, 2024-02]: 20 cells, largest first — Anställda
           ├─ anstallda[A07, 2024-02] = -8 900,0 persons
           │    line 6: input anstallda[A07, month] = -8_900
           ├─ anstallda[A15, 2024-02] = 4 200,0 persons
           │    line 7: input anstallda[A15, month] = 4_200
           ├─ anstallda[A03, 2024-02] = 120,0 persons
           │    line 8: input anstallda[A03, month] = 120
           ├─ anstallda[A01, 2024-02] = 1,5 persons
           │    line 5: input anstallda[ansvar, month]: persons = 1.5
           ├─ anstallda[A02, 2024-02] = 1,5 persons
           │    line 5: input anstallda[ansvar, month]: persons = 1.5
           ├─ anstallda[A04, 2024-02] = 1,5 persons
           │    line 5: input anstallda[ansvar, month]: persons = 1.5
           ├─ anstallda[A05, 2024-02] = 1,5 persons
           │    line 5: input anstallda[ansvar, month]: persons = 1.5
           ├─ anstallda[A06, 2024-02] = 1,5 persons
           │    line 5: input anstallda[ansvar, month]: persons = 1.5
           ├─ anstallda[A08, 2024-02] = 1,5 persons
           │    line 5: input anstallda[ansvar, month]: persons = 1.5
           ├─ anstallda[A09, 2024-02] = 1,5 persons
           │    line 5: input anstallda[ansvar, month]: persons = 1.5
           ├─ anstallda[A10, 2024-02] = 1,5 persons
           │    line 5: input anstallda[ansvar, month]: persons = 1.5
           ├─ anstallda[A12, 2024-02] = 1,5 persons
           │    line 5: input anstallda[ansvar, month]: persons = 1.5
           └─ … 8 more, together 10,5 persons

        """)
    }

    /// A window of periods reads as a series: in time order, and its omitted months summed.
    @Test func aWindowOfPeriodsStaysInTimeOrder() throws {
        let path = try KalkylBinary.temporaryModel(Self.model)
        let run = try KalkylBinary.run(["explain", path, "hittills[2024-03]", "--depth", "1"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("""
        └─ YTD over totalt[2024-01 .. 2024-03]: 3 cells — Anställda totalt
           │ = SUM(anstallda[ansvar])
           ├─ totalt[2024-01] = -4 556 persons
        """))
    }

    /// The JSON says how the cells were chosen and what the rest adds up to; listed cells and
    /// the rest give the total.
    @Test func theJSONGivesTheOrderAndTheRestsTotal() throws {
        let path = try KalkylBinary.temporaryModel(Self.model)
        let run = try KalkylBinary.run(["explain", path, "totalt[2024-02]", "--depth", "1", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let root = try #require(object["explanation"] as? [String: Any])
        let range = try #require((root["precedents"] as? [[String: Any]])?.first)
        #expect(range["order"] as? String == "largest_first")
        #expect(range["omitted"] as? Int == 8 && range["count"] as? Int == 20)
        #expect(range["omitted_total"] as? Double == 10.5)
        let cells = try #require(range["cells"] as? [[String: Any]])
        #expect(cells.prefix(3).map { $0["cell"] as? String } == ["anstallda[A07, 2024-02]", "anstallda[A15, 2024-02]", "anstallda[A03, 2024-02]"])
        let listed = cells.compactMap { $0["value"] as? Double }.reduce(0, +)
        #expect(listed + 10.5 == root["value"] as? Double)

        let window = try KalkylBinary.run(["explain", path, "hittills[2024-03]", "--depth", "1", "--format", "json"])
        let ytd = try #require(((try JSONSerialization.jsonObject(with: Data(window.stdout.utf8)) as? [String: Any])?["explanation"]
            as? [String: Any])?["precedents"] as? [[String: Any]])
        #expect(ytd.first?["order"] as? String == "as_read")
        #expect(ytd.first?["omitted_total"] is NSNull)
    }
}
