import Dispatch
import Foundation
import Kalkyl
import Synchronization

/// The Calc sheets' formula rows rendered on a second thread while this one writes the
/// workbook: the other sheets first, then each Calc sheet's batches as they come. libxlsxwriter
/// is called from the writing thread only (it is not thread safe); the second thread renders
/// formulas, converts values and checks texts (``FormulaRows``, ``CellBatch``), about a tenth of
/// an export's work, which then no longer waits for libxlsxwriter nor it for them.
///
/// At most a fixed number of batches are in flight, so the rows rendered ahead take a few megabytes
/// whatever the model's size; the rendering thread waits when they are all full. The batches
/// come in the order ``ModelSheets/writeCalc(_:scenario:ahead:)`` writes them: scenario by
/// scenario, definition by definition, member by member.
///
/// `@unchecked Sendable` because the rendering thread reads the plan (its model, grid and the
/// evaluations' blocks, through `Evaluation.values(of:)`) while the writing thread reads them
/// too: nothing writes them during an export (the evaluations are complete before the plan is
/// made). The two threads share nothing else but the queue, behind its lock.
final class RenderedAhead: @unchecked Sendable {
    /// Batches waiting to be written, and whether the writer has stopped.
    private struct Queue {
        var items: [Item] = []
        var spare: [CellBatch] = []
        var stopped = false
    }

    enum Item: Sendable {
        /// Rows of one definition; `last` when they are its last.
        case rows(CellBatch, last: Bool)
        /// The definition's rows could not be made (the formula compiler's error).
        case failed(any Error)
    }

    private let queue = Mutex(Queue())
    private let filled = DispatchSemaphore(value: 0)
    private let room: DispatchSemaphore
    private let finished = DispatchSemaphore(value: 0)
    private let plan: ExportPlan
    private let formats: ModelSheets.Formats
    private let cellsPerBatch: Int

    /// Starts rendering every scenario's Calc rows, at most `capacity` batches of about
    /// `cellsPerBatch` cells ahead: by default 32 of 4,096, about 12 MB at the personnel
    /// model's 90 bytes a cell. Nil when the system gives no thread for it (a process or
    /// memory limit): the rows are then rendered in place, rather than waited for for ever.
    init?(plan: ExportPlan, formats: ModelSheets.Formats, capacity: Int = 32, cellsPerBatch: Int = 4_096) {
        self.plan = plan
        self.formats = formats
        self.cellsPerBatch = cellsPerBatch
        // Made empty and signalled: libdispatch traps when a semaphore is freed with a value
        // below the one it was made with, as `room` is when the writer stops early.
        room = DispatchSemaphore(value: 0)
        for _ in 0..<capacity { room.signal() }
        // Not Foundation's Thread, whose start ignores a thread that could not be made:
        // `next` and `stop` would then wait for ever.
        guard let thread = SystemThread.start({ [self] in
            render()
            finished.signal()
        }) else { return nil }
        thread.detach()
    }

    /// The next batch, waiting for it if need be; throws the error the rendering met there.
    func next() throws -> (batch: CellBatch, last: Bool) {
        filled.wait()
        let item = queue.withLock { $0.items.removeFirst() }
        room.signal()
        switch item {
        case .rows(let batch, let last): return (batch, last)
        case .failed(let error): throw error
        }
    }

    /// Hands a written batch back for its storage to be used again.
    func recycle(_ batch: CellBatch) {
        queue.withLock { $0.spare.append(batch) }
    }

    /// Stops the rendering (if it has not finished) and waits for its thread to end: call it
    /// once, when the workbook is written or could not be.
    func stop() {
        queue.withLock { $0.stopped = true }
        // Wakes the rendering thread if it waits for room; it then sees `stopped`.
        room.signal()
        finished.wait()
    }

    // MARK: - The rendering thread

    private func render() {
        var periodValues: [Value] = []
        for k in plan.scenarios.indices {
            for slot in plan.formulaSlots {
                let rows: FormulaRows
                do {
                    guard let made = try FormulaRows(plan: plan, formats: formats, slot: slot, scenario: k,
                                                     sheet: plan.scenarios[k].calcSheet, unit: nil) else { continue }
                    rows = made
                } catch {
                    _ = put(.failed(error))
                    return
                }
                var batch = spareBatch()
                for m in 0..<rows.members {
                    rows.render(member: m, into: &batch, periodValues: &periodValues)
                    if batch.cells.count >= cellsPerBatch, m + 1 < rows.members {
                        guard put(.rows(batch, last: false)) else { return }
                        batch = spareBatch()
                    }
                }
                guard put(.rows(batch, last: true)) else { return }
            }
        }
    }

    /// Queues an item, waiting for room; false when the writer has stopped.
    private func put(_ item: Item) -> Bool {
        room.wait()
        return queue.withLock { q in
            guard !q.stopped else { return false }
            q.items.append(item)
            filled.signal()
            return true
        }
    }

    private func spareBatch() -> CellBatch {
        var batch = queue.withLock { $0.spare.popLast() } ?? CellBatch()
        batch.removeAll()
        return batch
    }
}
