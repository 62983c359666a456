@testable import Kalkyl
import Testing

/// A SUM over every member keeps a tree of its cells that updates add again along the changed
/// cells' paths. While the summed row holds a text, the SUM is computed without the tree and the
/// tree follows no change; once the row is numbers again, an update must not find the tree from
/// before and add again only its own leaves. Found by a review: after the three edits below
/// `t[2021-01]` was 2000 where a full evaluation gives 3980 (e1 and e70 are in different leaves).
@Suite struct StaleSumTreeTests {
    static let model = """
        timeline monthly 2021-01 .. 2021-03
        dimension employee = \((0..<100).map { "e\($0)" }.joined(separator: ", "))
        input pay[employee, month] = 10
        c[employee, month] = pay * 2
        t[month] = SUM(c[employee])

        """

    /// `lone`: each edit of one member alone (through the member's plan); otherwise with a
    /// second member's edit beside it (the general update).
    @Test(arguments: [true, false]) func aTextInTheSummedRowThenNumbersAgainGivesTheFullEvaluationsTotal(lone: Bool) throws {
        let loaded = ModelLoader.load(source: SourceFile(path: "s.kalkyl", text: Self.model))
        let model = try #require(loaded.model), order = try #require(loaded.order)
        let t = try #require(model.slot(named: "t"))
        let edited = Evaluation(model: model, order: order)
        edited.evaluateAll()
        var applied: [InputAssignment] = []
        for text in ["pay[e1, 2021-01] = \"none\"", "pay[e70, 2021-01] = 1000", "pay[e1, 2021-01] = 10"] {
            let assignment = try #require(model.parseAssignment(text).0)
            applied.append(assignment)
            edited.set(lone ? [assignment] : [assignment, try #require(model.parseAssignment("pay[e99, 2021-03] = 10").0)])
        }
        let full = Evaluation(model: model, order: order)
        full.overrides = applied
        full.evaluateAll()
        #expect(edited.values(of: t).isIdentical(to: full.values(of: t)), "\(edited.values(of: t)) against \(full.values(of: t))")
        #expect(full.values(of: t)[0] == .number(3980))
    }
}
