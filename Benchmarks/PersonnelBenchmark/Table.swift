import Foundation

/// The figures as a table for people: one row per N.
enum Table {
    static func header(runs: Int, updates: Int, zeroBudgets: Double, recurrence: Bool) -> String {
        var lines = [
            "machine: \(machine); load average \(loadAverage())",
            "full evaluation: best / median of \(runs); updates: median of \(updates) salaries, 7 overheads, 9 hiring-stop toggles",
        ]
        if zeroBudgets > 0 { lines.append("budgets of 0: \(zeroBudgets * 100) % of employees") }
        if recurrence { lines.append("with a recurrence per employee: " + PersonnelModel.recurrenceFormula) }
        lines += [
            "",
            "employees  formula cells  parse+compile   full eval best/median   ns/cell best/median"
                + "   salary µs (cells)   overhead ms (cells)   hiring stop ms (cells)   peak MB  B/cell  held B/cell  incremental",
            String(repeating: "-", count: 209),
        ]
        return lines.joined(separator: "\n")
    }

    static func row(_ f: Figures) -> String {
        [
            pad(String(f.employees), 9), pad(String(f.formulaCells), 14),
            pad(String(format: "%.1f ms", f.parseCompileMillis), 14),
            pad(String(format: "%.2f / %.2f ms", f.bestEvaluationMillis, f.medianEvaluationMillis), 22),
            pad(String(format: "%.2f / %.2f", f.bestNanosPerCell, f.medianNanosPerCell), 20),
            pad(String(format: "%.1f (%@)", f.salary.medianMicros, f.salary.cellsText), 18),
            pad(String(format: "%.2f (%@)", f.payrollOverhead.medianMicros / 1000, f.payrollOverhead.cellsText), 20),
            pad(String(format: "%.2f (%@)", f.hiringStop.medianMicros / 1000, f.hiringStop.cellsText), 23),
            pad(String(format: "%.0f", Double(f.peakRSSBytes) / 1_048_576), 8),
            pad(String(format: "%.1f", f.peakBytesPerCell), 6),
            pad(String(format: "%.1f", f.heldBytesPerCell), 11),
            "  " + (f.identical ? "identical" : "NOT IDENTICAL"),
        ].joined(separator: "  ")
    }

    static let footer = """

    parse+compile: ModelLoader.load(path:) (model and staff CSV read from disk) + Evaluation(model:order:).
    ns/cell: full evaluation / formula cells. B/cell: peak RSS (ru_maxrss, whole process) / all cells.
    held B/cell: resident memory after the measurements and malloc_trim(0), less the process's RSS before loading, / all cells.
    incremental: every block after the updates compared bit for bit with a fresh evaluation of the same inputs.
    """

    /// The cores, the processor and the memory: `2 cores (AMD EPYC …), 23 GiB`.
    static var machine: String {
        let info = ProcessInfo.processInfo
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
        return "\(info.processorCount) cores (\(cpu)), \(info.physicalMemory / 1_073_741_824) GiB"
    }

    /// `s` right-aligned in `width` characters, or left-aligned.
    static func pad(_ s: String, _ width: Int, left: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - s.count))
        return left ? s + fill : fill + s
    }

    static func loadAverage() -> String {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }
}
