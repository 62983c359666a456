import Foundation
import Kalkyl

/// The benchmark's guard: after the updates, every block of the incrementally updated
/// evaluation must have the same bits as a fresh full evaluation of the same inputs (read
/// from freshly written files). Anything else is a serious engine bug, reported loudly.
enum IdentityCheck {
    struct Mismatch {
        let name: String
        /// Differing cells: (the cell as `name[member, period]`, incremental value, fresh value).
        let cells: [(String, Value, Value)]
        let total: Int
    }

    /// The definitions whose blocks differ, with their first differing cells.
    static func compare(incremental: Evaluation, fresh: Evaluation) -> [Mismatch] {
        var mismatches: [Mismatch] = []
        for (slot, definition) in incremental.model.definitions.enumerated() {
            guard let freshSlot = fresh.model.slot(named: definition.name) else {
                mismatches.append(Mismatch(name: definition.name + " (missing from the fresh model)", cells: [], total: 0))
                continue
            }
            let a = incremental.values(of: slot), b = fresh.values(of: freshSlot)
            if a.isIdentical(to: b) { continue }
            var cells: [(String, Value, Value)] = []
            var total = 0
            for i in 0..<min(a.count, b.count) where !a[i].isIdentical(to: b[i]) {
                total += 1
                if cells.count < 5 { cells.append((cellName(i, slot: slot, in: incremental.model), a[i], b[i])) }
            }
            if a.count != b.count { total += abs(a.count - b.count) }
            mismatches.append(Mismatch(name: definition.name, cells: cells, total: total))
        }
        return mismatches
    }

    /// `cost[e757, 2021-03]` for cell 757 + 2 × N of `cost`.
    static func cellName(_ cell: Int, slot: Int, in model: CheckedModel) -> String {
        let definition = model.definitions[slot]
        let members = model.memberCount(of: slot)
        var parts = definition.dimensions.isEmpty ? [] : model.memberNames(of: slot, member: cell % members)
        if definition.isSeries { parts.append(model.timeline.label(cell / members)) }
        return definition.name + (parts.isEmpty ? "" : "[" + parts.joined(separator: ", ") + "]")
    }

    /// Prints the differences and how to reproduce them, on stderr.
    static func report(_ mismatches: [Mismatch], employees: Int, phase: String, edits: [String], zeroBudgets: Double) {
        var lines = ["NOT IDENTICAL: after the \(phase) updates at N = \(employees), the incremental values differ from a fresh evaluation"]
        for m in mismatches {
            lines.append("  \(m.name): \(m.total) cells differ")
            for (i, x, y) in m.cells {
                lines.append("    \(i): incremental \(describe(x)), fresh \(describe(y))")
            }
        }
        lines.append("reproduce: kalkyl-bench \(employees) --in-process --keep DIR"
                     + (zeroBudgets > 0 ? " --zero-budgets \(zeroBudgets)" : "") + ", then")
        lines.append("  kalkyl eval DIR/\(employees)/\(PersonnelModel.fileName) --format csv "
                     + edits.map { "--set '\($0)'" }.joined(separator: " "))
        lines.append("  and compare with kalkyl eval DIR/\(employees)/fresh-\(phase)/\(PersonnelModel.fileName) --format csv")
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    static func describe(_ v: Value) -> String {
        if case .number(let x) = v { return "\(x) (0x\(String(x.bitPattern, radix: 16)))" }
        return "\(v)"
    }
}
