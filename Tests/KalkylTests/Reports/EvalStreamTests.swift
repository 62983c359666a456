@testable import Kalkyl
import Foundation
import Testing

/// `eval`'s table, JSON and CSV written as they are made (`EvalReport.writeJSON`, `writeTable`, `writeCSV`)
/// must be byte for byte what the report gives: every example model under every scenario,
/// and a model of every kind of value.
@Suite struct EvalStreamTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static var examples: [String] {
        let folder = root.appendingPathComponent("formulas").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".kalkyl") }.sorted().map { folder + "/" + $0 }
    }

    /// Every kind of value a cell holds, texts ending in spaces or clipped, errors,
    /// blanks, booleans, percentages, two dimensions, series with year totals.
    static let kinds = """
    model "Every kind of value"
    timeline monthly 2021-01 .. 2022-12
    dimension region = north, south
    dimension unit in region = u1: north, u2: north, u3: south
    input rate = 12.5%
    input amount[unit, month] = 1_000.25
    input note = "ends in spaces  "
    input quoted = "a text longer than sixteen characters"
    input comma = "a, ""quoted"" text"
    share[unit, month] = amount / SUM(amount[unit])
    broken[month] = 1 / (MONTH(month) - 3)
    flag[unit] = SUM(amount) > 12_000
    label[unit] = IF(flag, "big ", "small")
    nothing[month] = IF(MONTH(month) = 2, "", MONTH(month))
    tag[month] = IF(MONTH(month) > 6, "late  ", "early")
    empty_tail[month] = IF(MONTH(month) > 6, "", "x")
    input base = 5
    total = base * 2 + rate
    """

    func written(_ write: (ByteSink) -> Void) -> String {
        var bytes: [UInt8] = []
        let sink = ByteSink(chunk: 64) { bytes += $0 }   // small chunks: many flushes
        write(sink)
        sink.finish()
        return String(decoding: bytes, as: UTF8.self)
    }

    func expectSame(_ e: Evaluation, _ what: String) {
        let slots = e.model.definitions.indices.filter { !e.model.definitions[$0].isCheck }
        for scorecard in [e.model.scorecard, nil] {
            let report = EvalReport(evaluation: e, slots: slots, scorecard: scorecard)
            #expect(written { EvalReport.writeJSON(evaluation: e, slots: slots, scorecard: scorecard, to: $0) } == report.json(),
                    "JSON of \(what)")
            for columns in [nil, 100] as [Int?] {
                #expect(written { EvalReport.writeTable(evaluation: e, slots: slots, scorecard: scorecard, terminalColumns: columns, to: $0) }
                        == report.table(model: e.model, terminalColumns: columns), "table of \(what), \(columns.map(String.init) ?? "no terminal")")
            }
        }
        #expect(written { EvalReport.writeCSV(evaluation: e, slots: slots, to: $0) }
                == EvalReport(evaluation: e, slots: slots).csv(model: e.model), "CSV of \(what)")
        let some = Array(slots.suffix(3))
        #expect(written { EvalReport.writeJSON(evaluation: e, slots: some, to: $0) } == EvalReport(evaluation: e, slots: some).json(),
                "JSON of some names of \(what)")
    }

    @Test func everyKindOfValue() throws {
        expectSame(try evaluate(Self.kinds), "every kind of value")
    }

    @Test func everyExampleModelAndScenario() throws {
        #expect(Self.examples.count >= 10)
        for path in Self.examples {
            let loaded = try ModelLoader.load(path: path)
            guard let model = loaded.model, let order = loaded.order else { Issue.record("\(path) does not load"); continue }
            for scenario in [nil] + model.scenarios.map(Optional.some) {
                let e = Evaluation(model: model, order: order, scenario: scenario)
                e.evaluateAll()
                expectSame(e, "\(path) \(scenario?.name ?? "base")")
            }
        }
    }
}
