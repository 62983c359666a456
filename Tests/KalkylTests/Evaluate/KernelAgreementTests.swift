@testable import Kalkyl
import Testing

/// The whole-run kernels must give, cell for cell and bit for bit, what Excel's cell-by-cell
/// rules give (`FormulaEvaluator`, which evaluates one cell through the same functions).
@Suite struct KernelAgreementTests {
    /// Values that exercise the edges: zero divisors, overflow, near-equal numbers, negatives,
    /// products that fall below the normal range. 19 of them: 361 cells, so the kernels' last
    /// group of four lanes is a partial one.
    static let samples: [Double] = [0, 1, -1, 0.1, 0.2, 0.30000000000000004, 0.3, 1e308, -1e308, 2.5, -2.5,
                                    1e-310, 7, 1_234_567.891, 3, 1e-13, 100, 0.5, 1e-160]

    static let formulas = [
        "a + b", "a - b", "a * b", "a / b", "a = b", "a <> b", "a < b", "a <= b", "a > b", "a >= b",
        "-a", "a%", "IF(a > b, a, b)", "IF(a, b, 0)", "AND(a > 0, b > 0)", "OR(a = 0, b = 0)", "NOT(a > b)",
        "a * (1 + b) - a / 3", "IF(AND(a = 1, b >= 2), 0, IF(a >= b, 1, 0))", "ROUND(a / 7, 2)", "IFERROR(a / b, -1)",
    ]

    @Test("Kernels agree with the cell-by-cell rules", arguments: formulas)
    func agreement(formula: String) throws {
        let n = Self.samples.count
        let members = (0..<(n * n)).map { "m\($0)" }.joined(separator: ", ")
        var text = "dimension k = \(members)\ninput a[k] = 0\ninput b[k] = 0\n"
        for i in 0..<n {
            for j in 0..<n {
                text += "input a[m\(i * n + j)] = \(Self.samples[i])\ninput b[m\(i * n + j)] = \(Self.samples[j])\n"
            }
        }
        text += "r[k] = \(formula)\n"
        let e = try evaluate(text)
        let result = e.values(of: e.model.slot(named: "r")!)
        let (tree, _) = Parser.parseFormula(formula)
        for i in 0..<n {
            for j in 0..<n {
                let expected = FormulaEvaluator.evaluate(tree!, references: ["a": .number(Self.samples[i]), "b": .number(Self.samples[j])])
                let got = result[i * n + j]
                #expect(got.isIdentical(to: expected), "\(formula) with a = \(Self.samples[i]), b = \(Self.samples[j]): \(got) vs \(expected)")
            }
        }
    }

    /// An update recomputes single cells on plain doubles (`runNumericCell`), or with the
    /// general rules where that gives up; either way each cell must get the bits a full
    /// evaluation gives it. Every cell of `a` is changed to the next sample, one at a time.
    @Test("Single-cell updates agree with whole runs", arguments: formulas)
    func updatesAgree(formula: String) throws {
        let n = Self.samples.count
        let members = (0..<(n * n)).map { "m\($0)" }.joined(separator: ", ")
        var text = "dimension k = \(members)\ninput a[k] = 0\ninput b[k] = 0\ninput c = 2\n"
        for i in 0..<n {
            for j in 0..<n {
                text += "input a[m\(i * n + j)] = \(Self.samples[i])\ninput b[m\(i * n + j)] = \(Self.samples[j])\n"
            }
        }
        text += "r[k] = \(formula)\ns[k] = r * c + b\n"
        let e = try evaluate(text)
        var edited = text
        for cell in 0..<(n * n) {
            let next = Self.samples[(cell / n + 1) % n]
            e.set([e.model.parseAssignment("a[m\(cell)]=\(next)").0!])
            edited += "input a[m\(cell)] = \(next)\n"
        }
        let full = try evaluate(edited)
        for name in ["r", "s"] {
            let slot = e.model.slot(named: name)!
            let got = e.values(of: slot), expected = full.values(of: slot)
            for i in 0..<got.count {
                #expect(got[i].isIdentical(to: expected[i]), "\(formula), \(name)[m\(i)]: \(got[i]) after updates, \(expected[i]) in full")
            }
        }
    }

    @Test func aLongSumIsPairwiseAndMatchesItself() throws {
        // 1,000 members: above 64, SUM adds in blocks of 64 and the blocks pairwise.
        let members = (0..<1000).map { "m\($0)" }.joined(separator: ", ")
        var text = "dimension k = \(members)\ninput x[k] = 0.1\n"
        text += "s = SUM(x[k])\n"
        let e = try evaluate(text)
        var leaves: [Double] = []
        for start in stride(from: 0, to: 1000, by: 64) {
            var t = 0.0
            for _ in start..<min(1000, start + 64) { t += 0.1 }
            leaves.append(t)
        }
        #expect(e.value("s") == .number(PairwiseSum.combine(leaves)))
    }
}

@Suite struct SharedSumTests {
    @Test func aSumReadByEveryMemberIsTheSameInEveryRun() throws {
        // 10,000 members: several runs of members each read SUM over all of them.
        let members = (0..<10_000).map { "m\($0)" }.joined(separator: ", ")
        var text = "timeline monthly 2021-01 .. 2021-02\ndimension k = \(members)\ninput x[k, month] = 0.1\ninput x[m7, 2021-02] = 5\n"
        text += "share[k, month] = x / SUM(x[k])\ntotal[month] = SUM(share[k])\n"
        let e = try evaluate(text)
        let sum = PairwiseSum.combine(PairwiseSum.leafSums(Array(repeating: 0.1, count: 10_000), 10_000))
        #expect(e.value("share", period: 0, member: 9_999) == .number(0.1 / sum))
        let report = e.set([e.model.parseAssignment("x[m9000, 2021-01]=0.2").0!])
        let full = try evaluate(text.replacingOccurrences(of: "input x[m7, 2021-02] = 5\n", with: "input x[m7, 2021-02] = 5\ninput x[m9000, 2021-01] = 0.2\n"))
        #expect(e.values(of: e.model.slot(named: "share")!).isIdentical(to: full.values(of: full.model.slot(named: "share")!)))
        #expect(report.recomputedCells > 10_000, "every member's share of January reads the changed sum")
    }
}
