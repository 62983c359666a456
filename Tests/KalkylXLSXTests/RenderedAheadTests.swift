import Foundation
import Kalkyl
@testable import KalkylXLSX
import Testing

/// The Calc rows rendered on a second thread (`RenderedAhead`) come in the order the sheets
/// write them, the same cells as rendered in place, and the thread stops when told.
@Suite struct RenderedAheadTests {
    /// A model with two scenarios, series with totals, values without periods and a forecast.
    static func plan() throws -> (ExportPlan, ModelSheets.Formats) {
        let path = repositoryRoot.appendingPathComponent("formulas/division-followup-2024.kalkyl").path
        let loaded = try ModelLoader.load(path: path)
        let model = try #require(loaded.model), order = try #require(loaded.order)
        var evaluations: [(name: String, label: String?, scenario: Scenario?, evaluation: Evaluation)] = []
        for scenario in [nil] + model.scenarios.map(Optional.some) {
            let evaluation = Evaluation(model: model, order: order, scenario: scenario)
            evaluation.evaluateAll()
            evaluations.append((scenario?.name ?? "base", scenario?.label, scenario, evaluation))
        }
        let plan = try ExportPlan(model: model, evaluations: evaluations)
        return (plan, ModelSheets.Formats(plan: plan))
    }

    /// A batch's cells as text, to compare.
    static func cells(_ batch: CellBatch) -> [String] {
        func text(_ at: Int32) -> String {
            let bytes = batch.bytes[Int(at)...]
            return String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
        return batch.cells.map { c in
            switch c.kind {
            case .slow: "\(c.format) slow \(batch.slow[Int(c.cached)])"
            case .text: "\(c.row) \(c.column) \(c.format) text \(text(c.text))"
            case .formulaNumber: "\(c.row) \(c.column) \(c.format) \(text(c.text)) = \(c.number)"
            case .formulaText: "\(c.row) \(c.column) \(c.format) \(text(c.text)) = \(text(c.cached)) \(String(describing: c.retype))"
            }
        }
    }

    @Test func givesTheRowsRenderedInPlaceInTheirOrder() throws {
        let (plan, formats) = try Self.plan()
        #expect(plan.scenarios.count > 1 && !plan.formulaSlots.isEmpty)
        // Small batches, few in flight: the threads take turns many times.
        let ahead = try #require(RenderedAhead(plan: plan, formats: formats, capacity: 2, cellsPerBatch: 7))
        defer { ahead.stop() }
        var periodValues: [Value] = []
        var batches = 0
        for k in plan.scenarios.indices {
            for slot in plan.formulaSlots {
                guard let rows = try FormulaRows(plan: plan, formats: formats, slot: slot, scenario: k,
                                                 sheet: plan.scenarios[k].calcSheet, unit: nil) else { continue }
                var inPlace = CellBatch()
                for m in 0..<rows.members { rows.render(member: m, into: &inPlace, periodValues: &periodValues) }
                var rendered: [String] = []
                var formulaCells = 0
                while true {
                    let (batch, last) = try ahead.next()
                    rendered += Self.cells(batch)
                    formulaCells += batch.formulaCells
                    batches += 1
                    ahead.recycle(batch)
                    if last { break }
                }
                #expect(rendered == Self.cells(inPlace), "scenario \(k), \(plan.model.definitions[slot].name)")
                #expect(formulaCells == inPlace.formulaCells)
            }
        }
        #expect(batches > plan.formulaSlots.count * plan.scenarios.count, "rows of a definition came in several batches")
    }

    @Test func stopsWhenTheWriterStops() throws {
        let (plan, formats) = try Self.plan()
        for taken in [0, 1, 3] {
            let ahead = try #require(RenderedAhead(plan: plan, formats: formats, capacity: 1, cellsPerBatch: 1))
            for _ in 0..<taken { _ = try ahead.next() }
            ahead.stop()
        }
    }
}
