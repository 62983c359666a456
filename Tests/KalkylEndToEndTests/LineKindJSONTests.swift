import Foundation
import Testing

/// The declared line kind (`cost`, `revenue`, `result`) in `eval`'s and `explain`'s JSON:
/// added beside cli.md's shape, which stays as it was.
@Suite struct LineKindJSONTests {
    let model = """
    timeline monthly 2021-01 .. 2021-02
    cost staff[month] = 10
    input revenue fees[month] = 12
    result margin = -3
    net[month] = fees - staff
    """

    func json(_ arguments: [String]) throws -> [String: Any] {
        let run = try KalkylBinary.run(arguments)
        #expect(run.status == 0, "\(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    @Test func evalNamesEachLinesKindBesideTheContractedShape() throws {
        let path = try KalkylBinary.temporaryModel(model)
        let object = try json(["eval", path, "--format", "json"])
        #expect(Set(object.keys) == ["model", "scenario", "periods", "values", "kinds", "total_periods", "totals"])
        #expect(object["periods"] as? [String] == ["2021-01", "2021-02"])
        let values = try #require(object["values"] as? [String: Any])
        #expect(values["staff"] as? [Double] == [10, 10], "a value entry is still the bare value")
        #expect(values["net"] as? [Double] == [2, 2])
        let kinds = try #require(object["kinds"] as? [String: Any])
        #expect(Set(kinds.keys) == Set(values.keys))
        #expect(kinds["staff"] as? String == "cost")
        #expect(kinds["fees"] as? String == "revenue")
        #expect(kinds["margin"] as? String == "result")
        #expect(kinds["net"] is NSNull)
    }

    @Test func namedOutputsListOnlyTheirKinds() throws {
        let path = try KalkylBinary.temporaryModel(model)
        let object = try json(["eval", path, "--format", "json", "net", "fees"])
        let kinds = try #require(object["kinds"] as? [String: Any])
        #expect(Set(kinds.keys) == ["net", "fees"])
        #expect(kinds["fees"] as? String == "revenue" && kinds["net"] is NSNull)
    }

    @Test func aModelWithoutKindsKeepsExactlyTheContractedKeys() throws {
        let object = try json(["eval", "formulas/lansteknik-2021.kalkyl", "--format", "json"])
        // The contracted keys, and the tertial and year totals docs/cli.md adds on a monthly timeline.
        #expect(Set(object.keys) == ["model", "scenario", "periods", "values", "total_periods", "totals"])
    }

    @Test func explainNodesCarryTheKindBesideTheUnit() throws {
        let path = try KalkylBinary.temporaryModel(model)
        let object = try json(["explain", path, "net[2021-01]", "--depth", "1", "--format", "json"])
        let root = try #require(object["explanation"] as? [String: Any])
        #expect(root["kind"] is NSNull)
        let precedents = try #require(root["precedents"] as? [[String: Any]])
        let cells = precedents.flatMap { $0["cells"] as? [[String: Any]] ?? [] }
        let kindByName = Dictionary(uniqueKeysWithValues: cells.map { ($0["name"] as? String ?? "", $0["kind"] as? String) })
        #expect(kindByName == ["fees": "revenue", "staff": "cost"])
    }
}
