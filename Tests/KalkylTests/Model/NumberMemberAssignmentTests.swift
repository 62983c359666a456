@testable import Kalkyl
import Testing

/// A member whose name is a number (a cost centre `110`, an account `4010`) is written bare in a
/// formula (`kost[4010]`), but an input's assignment, a scenario's override and `--set` refused it
/// as a period: "'grad' is a scalar input and has no periods", "110 is a year, but the timeline
/// is monthly" (red team, session 18, hunt18/t12). They take it as the member now.
@Suite struct NumberMemberAssignmentTests {
    static let model = """
        timeline monthly 2024-01 .. 2024-03
        dimension ansvar = "110", "120"
        input grad[ansvar]: % = 50%
        input kost[ansvar, month]: kr = 10
        input grad[110] = 60%
        input kost[120, 2024-02] = 7
        scenario s { grad[120] = 70% }

        """

    @Test func anAssignmentTakesABareNumberAsItsMember() throws {
        let e = try evaluate(Self.model)
        #expect(e.numbers("grad") == [0.6, 0.5])
        #expect(e.numbers("kost") == [10, 10, 10, 7, 10, 10], "period by period, member by member")
        #expect(try evaluate(Self.model, scenario: "s").numbers("grad") == [0.6, 0.7])
    }

    @Test func setTakesABareNumberAsItsMember() throws {
        let e = try evaluate(Self.model)
        let (assignment, problems) = e.model.parseAssignment("kost[110, 2024-03]=5")
        #expect(problems.isEmpty, "\(problems.map(\.message))")
        e.set([try #require(assignment)])
        #expect(e.numbers("kost") == [10, 10, 10, 7, 5, 10])
    }

    /// A number that is no member is still a year, and says so.
    @Test func aNumberThatIsNoMemberIsAYear() throws {
        let e = try evaluate(Self.model)
        #expect(e.model.parseAssignment("kost[130, 2024-03]=5").1.map(\.message) == ["130 is a year, but the timeline is monthly; write a month such as 130-01"])
    }
}
