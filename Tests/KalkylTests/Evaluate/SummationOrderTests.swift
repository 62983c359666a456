@testable import Kalkyl
import Testing

/// SUM adds in one order on every path (issue 10): the kernels, the per-cell path, the
/// function's fallback for ranges holding text or blanks, and the incremental sum trees.
/// The bits of a sum depend on its numbers and where they stand, never on what else the
/// range holds.
@Suite struct SummationOrderTests {
    /// 100 × 0.1 with one more cell at position 50 (0, a text, or a blank), in SUM's order.
    static var expected: Double {
        var leaves: [Double] = []
        var current = 0.0
        for i in 0..<101 {
            if i != 50 { current += 0.1 }
            if i % 64 == 63 { leaves.append(current); current = 0 }
        }
        leaves.append(current)
        return PairwiseSum.combine(leaves)
    }

    func members(_ n: Int) -> String { (0..<n).map { "m\($0)" }.joined(separator: ", ") }

    /// The issue's example: 9.999999999999995 with a 0, 9.99999999999998 with a text, before.
    @Test(arguments: ["0", "\"none\""])
    func theCellSumSkipsDoesNotChangeTheBits(ignored: String) throws {
        let e = try evaluate("dimension k = \(members(101))\ninput x[k] = 0.1\ninput x[m50] = \(ignored)\ns = SUM(x[k])\n")
        #expect(e.value("s") == .number(Self.expected), "with \(ignored)")
    }

    /// A member's own row of more than 64 periods, read by a per-member formula.
    @Test(arguments: ["0", "\"none\""])
    func aLongRowSumsInTheSameOrder(ignored: String) throws {
        let text = """
        timeline monthly 2020-01 .. 2028-05
        dimension k = a, b
        input x[k, month] = 0.1
        input x[a, 2024-03] = \(ignored)
        input x[b, 2024-03] = 0
        s[k] = SUM(x)
        """
        let e = try evaluate(text)
        #expect(e.numbers("s") == [Self.expected, Self.expected], "with \(ignored)")
    }

    /// SUM over several arguments counts positions across them, the same with 0 or a text.
    @Test func severalArgumentsKeepTheirPlaces() throws {
        let zero = try evaluate("dimension k = \(members(50))\ninput x[k] = 0.1\ny = 0\ns = SUM(x[k], y, x[k])\n")
        let text = try evaluate("dimension k = \(members(50))\ninput x[k] = 0.1\ny = \"none\"\ns = SUM(x[k], y, x[k])\n")
        #expect(zero.value("s")!.isIdentical(to: text.value("s")!))
    }

    /// AVERAGE's total is SUM's, whichever path computes it.
    @Test func averageTakesSumsOrder() throws {
        let e = try evaluate("dimension k = \(members(101))\ninput x[k] = 0.1\ninput x[m50] = \"none\"\na = AVERAGE(x[k])\n")
        #expect(e.value("a") == .number(Self.expected / 100))
    }

    /// An edit of a number in a range that also holds text is recomputed to the bits a fresh
    /// evaluation gives, and to those of the same range holding 0 instead.
    @Test func anEditGivesTheBitsOfAFreshEvaluation() throws {
        let base = "dimension k = \(members(200))\ninput x[k] = 0.1\ninput x[m50] = \"none\"\ns = SUM(x[k])\n"
        let e = try evaluate(base)
        _ = e.set([e.model.parseAssignment("x[m120]=0.7").0!])
        let fresh = try evaluate(base + "input x[m120] = 0.7\n")
        let zero = try evaluate(base.replacingOccurrences(of: "\"none\"", with: "0") + "input x[m120] = 0.7\n")
        #expect(e.value("s")!.isIdentical(to: fresh.value("s")!))
        #expect(e.value("s")!.isIdentical(to: zero.value("s")!))
        // And the other way: the text edited into a 0 and back.
        let zeroed = try evaluate(base.replacingOccurrences(of: "\"none\"", with: "0"))
        _ = zeroed.set([zeroed.model.parseAssignment("x[m120]=0.7").0!])
        #expect(zeroed.value("s")!.isIdentical(to: fresh.value("s")!))
    }

    /// SUMIF, SUMIFS (by the cell-by-cell path and by groups of facts), AVERAGEIF and
    /// SUMPRODUCT add in SUM's order: over 100 × 0.1 that all match they are SUM to the last bit,
    /// so a reconciliation `SUM(x) = SUMIF(…)` holds (red team: they added left to right).
    @Test func theConditionalSumsAndSumProductAreSumToTheLastBit() throws {
        let text = """
        dimension k = \(members(100))
        dimension line = a, b
        input x[k] = 0.1
        input kind[k] = "p"
        input want[line] = "p"
        s = SUM(x[k])
        sumif = SUMIF(kind[k], "p", x[k])
        sumifs = SUMIFS(x[k], kind[k], "p")
        grouped[line] = SUMIFS(x[k], kind[k], want)
        averageif = AVERAGEIF(kind[k], "p", x[k])
        averageifs[line] = AVERAGEIFS(x[k], kind[k], want)
        sumproduct = SUMPRODUCT(x[k], 1 + 0 * x[k])
        """
        let e = try evaluate(text)
        let sum = try #require(e.value("s")?.number)
        #expect(sum != (0..<100).reduce(0.0) { t, _ in t + 0.1 }, "the test needs a sum whose order shows")
        for name in ["sumif", "sumifs", "sumproduct"] {
            #expect(e.value(name)?.number?.bitPattern == sum.bitPattern, "\(name)")
        }
        #expect(e.numbers("grouped").map { $0?.bitPattern } == [sum.bitPattern, sum.bitPattern])
        #expect(e.value("averageif")?.number?.bitPattern == (sum / 100).bitPattern)
        #expect(e.numbers("averageifs").map { $0?.bitPattern } == [(sum / 100).bitPattern, (sum / 100).bitPattern])
    }

    /// With a cell that is not a number among them (a text, FALSE, an empty text, or a
    /// number whose criterion does not match), SUMIF, SUMIFS (cell by cell and by groups of
    /// facts), AVERAGEIF(S) and SUMPRODUCT keep every number's place, as SUM keeps a skipped
    /// cell's: they are SUM of the same numbers to the last bit. Before, SUMIF added only the
    /// matching numbers, so the blocks of 64 after the gap moved and the last bits differed.
    @Test(arguments: ["\"none\"", "FALSE", "\"\"", "unmatched"])
    func theConditionalSumsKeepASkippedCellsPlace(ignored: String) throws {
        let cell = ignored == "unmatched" ? "5" : ignored
        let text = """
        dimension k = \(members(101))
        dimension line = a, b
        input x[k] = 0.1
        input x[m50] = \(cell)
        input kind[k] = "p"
        input kind[m50] = \(ignored == "unmatched" ? "\"q\"" : "\"p\"")
        input one[k] = 1
        input want[line] = "p"
        s = SUM(x[k])
        sumif = SUMIF(kind[k], "p", x[k])
        sumifs = SUMIFS(x[k], kind[k], "p")
        grouped[line] = SUMIFS(x[k], kind[k], want)
        averageif = AVERAGEIF(kind[k], "p", x[k])
        averageifs[line] = AVERAGEIFS(x[k], kind[k], want)
        sumproduct = SUMPRODUCT(x[k], one[k])

        """
        let e = try evaluate(text)
        let sum = Self.expected
        let packed = (0..<100).reduce(into: PairwiseSum.Accumulator()) { t, _ in t.add(0.1) }.total
        #expect(sum.bitPattern != packed.bitPattern, "the test needs a gap whose place shows")
        if ignored != "unmatched" { #expect(e.value("s")?.number?.bitPattern == sum.bitPattern) }
        for name in ["sumif", "sumifs"] + (ignored == "unmatched" ? [] : ["sumproduct"]) {
            #expect(e.value(name)?.number?.bitPattern == sum.bitPattern, "\(name) with \(ignored)")
        }
        #expect(e.numbers("grouped").map { $0?.bitPattern } == [sum.bitPattern, sum.bitPattern], "with \(ignored)")
        #expect(e.value("averageif")?.number?.bitPattern == (sum / 100).bitPattern, "with \(ignored)")
        #expect(e.numbers("averageifs").map { $0?.bitPattern } == [(sum / 100).bitPattern, (sum / 100).bitPattern], "with \(ignored)")

        // An edit gives the bits of a fresh evaluation, on every path.
        _ = e.set([try #require(e.model.parseAssignment("x[m100]=0.7").0)])
        let fresh = try evaluate(text + "input x[m100] = 0.7\n")
        for name in ["s", "sumif", "sumifs", "averageif", "sumproduct"] {
            #expect(e.value(name)!.isIdentical(to: fresh.value(name)!), "\(name) with \(ignored)")
        }
        #expect(e.numbers("grouped").map { $0?.bitPattern } == fresh.numbers("grouped").map { $0?.bitPattern }, "with \(ignored)")
    }
}
