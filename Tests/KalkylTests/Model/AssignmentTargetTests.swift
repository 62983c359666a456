import Foundation
@testable import Kalkyl
import Testing

/// An assignment (`input x[…] = …` in a model, or `--set`) sets one member of each dimension
/// and one period or range. A second member or period was once taken in place of the first, a
/// wrong number with no word: `--set "salary[E0, E1]=3"` set E1 alone.
@Suite struct AssignmentTargetTests {
    static let model = """
        timeline monthly 2024-01 .. 2024-03
        dimension emp = E0, E1, E2
        input salary[emp, month] = 10
        total = SUM(salary[emp, 2024-01 .. 2024-03])

        """

    @Test func twoMembersOfOneDimensionAreAnError() {
        expectDiagnostics(Self.model + "input salary[E0, 1️⃣E1] = 3\n",
                          [("1️⃣", "'E1' and 'E0' are both members of 'emp': 'salary' is set for one member of each dimension")])
    }

    @Test func twoPeriodsAreAnError() {
        expectDiagnostics(Self.model + "input salary[E0, 2024-01, 1️⃣2024-03] = 3\n",
                          [("1️⃣", "a second period here: 'salary' is set for one period or one range of them")])
        expectDiagnostics(Self.model + "input salary[E0, 2024-01 .. 2024-02, 1️⃣2024-03] = 3\n",
                          [("1️⃣", "a second period here")])
    }

    @Test func aWhatIfWithTwoMembersIsAnErrorAndSetsNothing() throws {
        let e = try evaluate(Self.model)
        let (assignment, problems) = e.model.parseAssignment("salary[E0, E1]=3")
        #expect(assignment == nil)
        #expect(problems.map(\.message) == ["'E1' and 'E0' are both members of 'emp': 'salary' is set for one member of each dimension"])
        #expect(problems.first?.code == .whatIf)
    }

    @Test func oneMemberAndOnePeriodStillSetThatCell() throws {
        let e = try evaluate(Self.model + "input salary[E1, 2024-02] = 3\ninput salary[emp, 2024-03] = 4\n")
        // E0: 10 10 4, E1: 10 3 4, E2: 10 10 4: 24 + 17 + 24.
        #expect(e.numbers("total") == [65])
        let (assignment, problems) = e.model.parseAssignment("salary[E0, 2024-01 .. 2024-02]=1")
        #expect(problems.isEmpty)
        #expect(assignment != nil)
    }
}
