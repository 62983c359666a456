@testable import Kalkyl
import Testing

/// Property: SUMIFS, COUNTIFS and AVERAGEIFS computed for a run of members by grouping the facts
/// (`GroupedCriteria`) give every member, bit for bit, what the function gives cell by cell;
/// criteria it cannot group (comparisons, wildcards, numeric text among the facts) are left to
/// the cell-by-cell path.
@Suite struct GroupedCriteriaTests {
    /// Criteria values: texts differing in case, empty text, blanks, numbers (1 and a neighbour
    /// equal to 15 digits, a negative zero), booleans and their text, an error.
    static let keys: [Value] = [
        .text("North"), .text("north"), .text("NORTH"), .text("South"), .text("sOUTH"), .text(""), .blank,
        .number(1), .number(1.000_000_000_000_000_2), .number(2), .number(0), .number(-0.0),
        .bool(true), .bool(false), .text("TRUE"), .error(.na),
    ]
    /// Aggregated cells: numbers whose sum depends on the order of addition, text, booleans,
    /// blanks and errors.
    static let amounts: [Value] = [
        .number(0.1), .number(0.2), .number(0.3), .number(1e16), .number(-1e16), .number(3.7), .number(-2.25),
        .text("x"), .bool(true), .blank, .error(.div0),
    ]

    static func storage(_ values: [Value]) -> CellStorage {
        let s = CellStorage(count: values.count)
        for (i, v) in values.enumerated() { s[i] = v }
        return s
    }

    static func same(_ a: Value, _ b: Value) -> Bool {
        if case .number(let x) = a, case .number(let y) = b { return x.bitPattern == y.bitPattern }
        return a == b
    }

    /// Runs the grouped path on `facts` rows and `lines` criteria tuples and compares it with
    /// the function called once per line; returns whether the grouped path took the call.
    static func agree(_ name: String, amounts: [Value], ranges: [[Value]], criteria: [[Value]]) -> Bool {
        let spec = FunctionRegistry.lookup(name)!
        let n = criteria[0].count
        var operands: [Interpreter.Operand] = []
        var arguments: [[Argument]] = Array(repeating: [], count: n)
        if name != "COUNTIFS" {
            operands.append(.range(RangeCells(loose: amounts)))
            for i in 0..<n { arguments[i].append(.range(amounts)) }
        }
        for (range, column) in zip(ranges, criteria) {
            operands.append(.range(RangeCells(loose: range)))
            operands.append(.cells(Vec(storage: storage(column), offset: 0, stride: 1), reference: true))
            for i in 0..<n { arguments[i] += [.range(range), .reference(column[i])] }
        }
        let out = CellStorage(count: n)
        guard GroupedCriteria.run(spec, operands, n, into: Destination(storage: out, offset: 0)) else { return false }
        for i in 0..<n {
            let expected = spec.call(arguments[i])
            #expect(same(out[i], expected), "\(name) line \(i): grouped \(out[i]), cell by cell \(expected)")
        }
        return true
    }

    @Test func groupedAgreesWithCellByCell() {
        var random = SplitMix64(seed: 13)
        for round in 0..<300 {
            let facts = Int.random(in: 0...60, using: &random)
            let lines = Int.random(in: 2...20, using: &random)
            let columns = Int.random(in: 1...3, using: &random)
            let amounts = (0..<facts).map { _ in Self.amounts.randomElement(using: &random)! }
            let ranges = (0..<columns).map { _ in (0..<facts).map { _ in Self.keys.randomElement(using: &random)! } }
            let criteria = (0..<columns).map { _ in (0..<lines).map { _ in Self.keys.randomElement(using: &random)! } }
            for name in ["SUMIFS", "COUNTIFS", "AVERAGEIFS"] {
                #expect(Self.agree(name, amounts: amounts, ranges: ranges, criteria: criteria), "round \(round): \(name) not grouped")
            }
        }
    }

    @Test func leavesOtherCriteriaToTheCellByCellPath() {
        let amounts: [Value] = [.number(1), .number(2)]
        let plain: [Value] = [.text("a"), .text("b")]
        for criterion: Value in [.text(">1"), .text("<>a"), .text("a*"), .text("?"), .text("~*"), .text("=a"), .text("=")] {
            #expect(!Self.agree("SUMIFS", amounts: amounts, ranges: [plain], criteria: [[criterion, .text("a")]]))
        }
        // A number criterion matches numeric text by its value: not grouped.
        #expect(!Self.agree("SUMIFS", amounts: amounts, ranges: [[.text("5"), .text("a")]], criteria: [[.number(5), .text("a")]]))
        // Ranges of different sizes.
        #expect(!Self.agree("SUMIFS", amounts: [.number(1)], ranges: [plain], criteria: [[.text("a"), .text("b")]]))
    }
}
