@testable import Kalkyl
import Testing

/// The `--set` overrides an evaluation keeps: an edit through a plan records a plain number as
/// plain values (`OverrideLog.NumberSet`), every other assignment whole; read back, each must be
/// the assignment made, in the order made, and a full evaluation with them must give the
/// edited evaluation's bits.
@Suite struct OverrideLogTests {
    static let model = """
    timeline monthly 2021-01 .. 2021-04
    dimension region = north, south, west
    dimension employee = \((0..<90).map { "e\($0)" }.joined(separator: ", "))
    input salary[employee] = 30_000
    input quota[region, employee] = 1
    input bonus[employee, month] = 0
    input rate = 40%
    cost[employee, month] = salary * (1 + rate) + bonus
    weighted[region, employee] = quota * 2
    total_cost[month] = SUM(cost[employee])
    year = SUM(total_cost)
    """

    /// The same slot, periods, members, formula (constants bit for bit), data and place.
    static func same(_ a: InputAssignment, _ b: InputAssignment) -> Bool {
        guard a.slot == b.slot, a.periods == b.periods, a.members == b.members, a.formula.count == b.formula.count,
              (a.data == nil) == (b.data == nil), (a.location == nil) == (b.location == nil) else { return false }
        if let p = a.location, let q = b.location, p.file !== q.file || p.range != q.range { return false }
        for (x, y) in zip(a.formula, b.formula) {
            if case .constant(let u) = x, case .constant(let v) = y {
                guard u.isIdentical(to: v) else { return false }
            } else {
                guard String(describing: x) == String(describing: y) else { return false }
            }
        }
        return true
    }

    @Test func editsAreKeptAsMadeInOrder() throws {
        let e = try evaluate(Self.model)
        #expect(e.lonePlans[e.model.slot(named: "quota")!] != nil, "an input over two dimensions has a plan")
        let texts = ["salary[e3]=41000", "quota[south, e7]=3", "bonus[e5, 2021-02]=-0", "rate=50%", "salary[e3]=\"none\"",
                     "bonus[e8]=1000", "salary[e89]=0.1", "quota[west, e0]=-2.5", "salary[e3]=41000"]
        var made: [InputAssignment] = []
        for round in 0..<20 {   // past the first chunks of the log
            for text in texts {
                let a = try #require(e.model.parseAssignment(text).0, "\(text)")
                made.append(a)
                e.set([a])
            }
            let kept = e.overrides
            #expect(kept.count == made.count, "round \(round)")
            for (k, (a, b)) in zip(made, kept).enumerated() {
                #expect(Self.same(a, b), "round \(round), assignment \(k + 1) (\(texts[k % texts.count])) kept otherwise")
            }
        }
        let full = Evaluation(model: e.model, order: e.order)
        full.overrides = e.overrides
        full.evaluateAll()
        for slot in e.model.definitions.indices {
            #expect(e.values(of: slot).isIdentical(to: full.values(of: slot)), "\(e.model.definitions[slot].name) differs")
        }
    }

    @Test func anEvaluationComputedAgainWholeAppliesThePlannedEdits() throws {
        let e = try evaluate(Self.model)
        for text in ["salary[e3]=41000", "salary[e4]=42000", "quota[north, e1]=5", "bonus[e2, 2021-03]=7"] {
            e.set([e.model.parseAssignment(text).0!])
        }
        let salary = e.model.slot(named: "salary")!
        #expect(e.overrideLog.assignments(to: salary).map { $0.members } == [[3], [4]])
        // Every input computed again from the model and the overrides kept.
        let before = e.model.definitions.indices.map { e.values(of: $0) }
        e.evaluateAll()
        for slot in e.model.definitions.indices {
            #expect(e.values(of: slot).isIdentical(to: before[slot]), "\(e.model.definitions[slot].name)")
        }
    }
}
