import Foundation

/// What the benchmark measured at one N: the JSON line of `--json`, and a row of the table.
struct Figures: Codable {
    struct Update: Codable {
        /// Median, fastest and slowest time of the updates, in microseconds.
        var medianMicros: Double
        var minMicros: Double
        var maxMicros: Double
        var runs: Int
        /// Cells the engine recomputed (its `recomputedCells`), each value once.
        var recomputedCells: [Int]
        /// Every update's time (µs) and recomputed cells, in the order they ran.
        var micros: [Double]
        var cells: [Int]

        enum CodingKeys: String, CodingKey {
            case medianMicros = "median_us", minMicros = "min_us", maxMicros = "max_us", runs
            case recomputedCells = "recomputed_cells", micros = "times_us", cells = "cells_each"
        }
    }

    var employees: Int
    /// Whether the model had the cost to date per employee (`--recurrence`).
    var recurrence: Bool
    /// Threads each evaluation used (`--threads`).
    var threads: Int
    var cells: Int
    var formulaCells: Int
    var csvBytes: Int
    /// `ModelLoader.load(path:)`: reading the model and the CSV, parsing, checking, ordering.
    var loadMillis: Double
    var parseMillis: Double
    var graphMillis: Double
    /// Making the `Evaluation` (cell storage and the cell-level reader index).
    var setupMillis: Double
    var parseCompileMillis: Double { loadMillis + setupMillis }
    /// Every full evaluation, in the order they ran (the first on fresh memory).
    var evaluationMillis: [Double]
    var salary: Update
    var payrollOverhead: Update
    var hiringStop: Update
    /// Resident memory before the model is generated and loaded (the runtime and Foundation),
    /// and ru_maxrss at the end of the measurements (before the identity check).
    var baselineRSSBytes: Int
    /// ru_maxrss once the model is loaded and its evaluation set up (before evaluating).
    var peakRSSAfterLoadBytes: Int
    var peakRSSBytes: Int
    /// Resident memory after the measurements.
    var residentBytes: Int
    /// Resident memory after the allocator gave back what it kept of freed memory: the
    /// model's and the evaluation's own memory, and the runtime's.
    var trimmedResidentBytes: Int
    /// Whether the incremental values equal a fresh evaluation's, bit for bit.
    var identical: Bool

    var bestEvaluationMillis: Double { evaluationMillis.min() ?? 0 }
    var medianEvaluationMillis: Double { median(evaluationMillis) }
    var bestNanosPerCell: Double { bestEvaluationMillis * 1e6 / Double(formulaCells) }
    var medianNanosPerCell: Double { medianEvaluationMillis * 1e6 / Double(formulaCells) }
    /// Peak memory over every cell, inputs included.
    var peakBytesPerCell: Double { Double(peakRSSBytes) / Double(cells) }
    /// What the process holds after the measurements (trimmed, less the baseline), over every cell.
    var heldBytesPerCell: Double { Double(trimmedResidentBytes - baselineRSSBytes) / Double(cells) }
    /// The same without the memory the process had before loading the model.
    var addedBytesPerCell: Double { Double(peakRSSBytes - baselineRSSBytes) / Double(cells) }

    enum CodingKeys: String, CodingKey {
        case employees, recurrence, threads, cells, formulaCells = "formula_cells", csvBytes = "csv_bytes"
        case loadMillis = "load_ms", parseMillis = "parse_ms", graphMillis = "graph_ms", setupMillis = "setup_ms"
        case evaluationMillis = "eval_ms", salary = "salary_update", payrollOverhead = "overhead_update"
        case hiringStop = "hiring_stop_update", baselineRSSBytes = "baseline_rss_bytes", peakRSSAfterLoadBytes = "peak_rss_after_load_bytes"
        case peakRSSBytes = "peak_rss_bytes"
        case residentBytes = "resident_bytes", trimmedResidentBytes = "trimmed_resident_bytes", identical
    }

    /// One JSON line, with the derived figures added for whoever reads it.
    var jsonLine: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(self),
              var object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return "{}" }
        object["parse_compile_ms"] = parseCompileMillis
        object["eval_best_ms"] = bestEvaluationMillis
        object["eval_median_ms"] = medianEvaluationMillis
        object["ns_per_cell_best"] = bestNanosPerCell
        object["ns_per_cell_median"] = medianNanosPerCell
        object["peak_bytes_per_cell"] = peakBytesPerCell
        object["added_bytes_per_cell"] = addedBytesPerCell
        object["held_bytes_per_cell"] = heldBytesPerCell
        let line = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: line, as: UTF8.self)
    }
}

extension Figures.Update {
    init(seconds: [Double], cells: [Int]) {
        let micros = seconds.map { $0 * 1e6 }
        medianMicros = median(micros)
        minMicros = micros.min() ?? 0
        maxMicros = micros.max() ?? 0
        runs = micros.count
        var distinct: [Int] = []
        for c in cells where !distinct.contains(c) { distinct.append(c) }
        recomputedCells = distinct
        self.micros = micros
        self.cells = cells
    }

    /// The cells recomputed, as a range when they varied (a later starter's early months
    /// are 0 before and after a salary change, so the cut-off stops there).
    var cellsText: String {
        guard let low = recomputedCells.min(), let high = recomputedCells.max() else { return "" }
        return low == high ? String(low) : "\(low)–\(high)"
    }
}

func median(_ xs: [Double]) -> Double {
    guard !xs.isEmpty else { return 0 }
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}
