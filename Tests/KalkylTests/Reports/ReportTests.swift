import Foundation
@testable import Kalkyl
import Testing

/// The reports a front end gets from the library: the values they hold, the JSON the command
/// line prints from them, and that any JSON decoder reads that JSON back.
@Suite struct ReportTests {
    func evaluate(_ text: String, scenario: String? = nil) throws -> Evaluation {
        let loaded = ModelLoader.load(source: SourceFile(path: "test.kalkyl", text: text))
        let model = try #require(loaded.model)
        let evaluation = Evaluation(model: model, order: try #require(loaded.order), scenario: scenario.flatMap(model.scenario(named:)))
        evaluation.evaluateAll()
        return evaluation
    }

    let model = """
    model "Test"
    timeline monthly 2021-01 .. 2021-02
    dimension unit = A, B
    input rate = 0.1
    input cost[unit, month] = 10
    total[month] = SUM(cost[unit]) * (1 + rate)
    note = "a ""quoted"" text"
    scenario high {
      rate = 0.5
    }
    """

    @Test func evalJSONKeepsTheModelsOrderAndSpellsNumbersExactly() throws {
        let evaluation = try evaluate(model)
        let report = EvalReport(evaluation: evaluation, slots: Array(evaluation.model.definitions.indices))
        #expect(report.json() == """
            {
              "model": "Test",
              "scenario": "base",
              "periods": ["2021-01", "2021-02"],
              "values": {
                "rate": 0.1,
                "cost": {"A": [10, 10], "B": [10, 10]},
                "total": [22, 22],
                "note": "a \\"quoted\\" text"
              },
              "total_periods": ["T1 2021", "2021"],
              "totals": {
                "cost": {"kind": "sum", "values": {"A": [20, 20], "B": [20, 20]}},
                "total": {"kind": "sum", "values": [44, 44]}
              }
            }

            """)
        let decoded = try JSONDecoder().decode(EvalReport.self, from: Data(report.json().utf8))
        guard case .series(let total)? = decoded.values["total"] else { Issue.record("total is a series"); return }
        #expect(total == [.number(22), .number(22)])
        #expect(decoded.kinds == nil && decoded.actualsThrough == nil)
    }

    @Test func diffListsTheChangedCellsLargestFirst() throws {
        let base = try evaluate(model), high = try evaluate(model, scenario: "high")
        let report = DiffReport(from: base, to: high, fromName: "base", toName: "high")
        #expect(report.differences.map(\.name) == ["rate", "total"])
        #expect(report.differences[1].cells.map(\.cell) == ["total[2021-01]", "total[2021-02]"])
        #expect(report.differences[1].cells[0].difference == 20 * 1.5 - 20 * 1.1)
        let decoded = try JSONDecoder().decode(DiffReport.self, from: Data(report.json().utf8))
        #expect(decoded.differences.count == 2 && decoded.to == "high")
    }

    @Test func theEncoderBreaksOnlyTheContainersNamedAndKeepsNilKeys() throws {
        struct Row: Codable { var name: String; var value: Double?; var items: [Int] }
        struct Table: Codable { var rows: [Row] }
        let table = Table(rows: [Row(name: "a", value: nil, items: [1, 2]), Row(name: "b", value: 1e16, items: [])])
        #expect(try ReportEncoder(brokenPaths: ["", "rows"]).encode(table) == """
            {
              "rows": [
                {"name": "a", "value": null, "items": [1, 2]},
                {"name": "b", "value": 1e+16, "items": []}
              ]
            }

            """)
        #expect(try ReportEncoder(brokenPaths: []).encode(table) == "{\"rows\": [{\"name\": \"a\", \"value\": null, \"items\": [1, 2]}, {\"name\": \"b\", \"value\": 1e+16, \"items\": []}]}\n")
    }

    @Test func checkReportSummarisesAPassingModel() throws {
        let report = CheckReport(try evaluate(model + "\ncheck positive: rate > 0\n"), file: "test.kalkyl")
        #expect(report.passes)
        #expect(report.summary == "test.kalkyl: ok — 4 definitions (2 inputs, 2 formulas; 2 over time), timeline 2021-01 .. 2021-02, scenarios: high; 1 check pass")
        let failing = CheckReport(try evaluate(model + "\ncheck big: rate > 1\n"), file: "test.kalkyl")
        #expect(failing.failures.map(\.message) == ["check 'big' fails: 0.1 > 1 is FALSE"])
        #expect(failing.failures.first?.line == 11)
    }
}
