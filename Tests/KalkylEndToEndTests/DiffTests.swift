import Foundation
import Testing

/// `kalkyl diff` on the real binary.
@Suite struct DiffTests {
    let example = "formulas/lansteknik-2021.kalkyl"

    @Test func aScenarioAgainstBaseAsATable() throws {
        let run = try KalkylBinary.run(["diff", example, "--scenario", "hiring_stop"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Länsteknik 2021: hiring_stop (Fortsatt anställningsstopp 2021) against base\n36 values in 9 definitions differ\n"))
        #expect(run.stdout.contains("  2021-12  2 571 071    4 927 886  +2 356 815  +91,7 %"), "a Swedish model: a decimal comma")
    }

    @Test func jsonListsEveryDifferingCell() throws {
        let run = try KalkylBinary.run(["diff", example, "--scenario", "hiring_stop", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["from"] as? String == "base" && object["to"] as? String == "hiring_stop")
        let differences = try #require(object["differences"] as? [[String: Any]])
        let employees = try #require(differences.first { $0["name"] as? String == "employees" })
        let cells = try #require(employees["cells"] as? [[String: Any]])
        let december = try #require(cells.first { $0["period"] as? String == "2021-12" })
        #expect(december["from"] as? Double == 139 && december["to"] as? Double == 131 && december["difference"] as? Double == -8)
        #expect(differences.reduce(0) { $0 + (($1["cells"] as? [Any])?.count ?? 0) } == 36)
    }

    @Test func twoScenariosAndUsage() throws {
        let same = try KalkylBinary.run(["diff", example, "--scenario", "hiring_stop", "--scenario", "hiring_stop"])
        #expect(same.stdout.contains("No value differs."))
        #expect(try KalkylBinary.run(["diff", example]).status == 2)
        #expect(try KalkylBinary.run(["diff", example, "--scenario", "nope"]).status == 2)
    }
}
