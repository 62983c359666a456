import Foundation
import Kalkyl

/// One of formualizer's scenarios measured the way formualizer's runner measures it
/// (`run-formualizer-native`): `load` (here: files to a checked model), `evaluate_all` timed,
/// then each `edit_set_value` followed by an `evaluate_incremental`, timed. formualizer times
/// the recomputation after an untimed `set_value`; Kalkyl's `set` applies the what-if and
/// recomputes what it reaches in one call, and the time is that call's.
///
/// formualizer runs each once per process; here the full evaluation runs `--runs` times and
/// the edits `--updates` times (each followed, untimed, by the what-ifs that put the inputs
/// back), and medians are reported. The cells formualizer reads are checked after the first
/// full evaluation and after the last edits against values worked out without the engine, and
/// every block is compared bit for bit with a fresh evaluation of the edited files.
struct ScenarioRun {
    let options: Options
    let kind: ScenarioPlan.Kind
    let size: Int
    let clock = ContinuousClock()

    var folder: String {
        if let keep = options.keep { return keep + "/\(kind.rawValue)-\(size)" }
        return NSTemporaryDirectory() + "kalkyl-scenario-\(kind.rawValue)-\(size)-\(ProcessInfo.processInfo.processIdentifier)"
    }

    func measure() -> ScenarioFigures {
        let baseline = Memory.residentBytes()
        let plan = ScenarioPlan.make(kind, size: size)
        let path = write(plan.files, to: folder)
        defer { if options.keep == nil { try? FileManager.default.removeItem(atPath: folder) } }

        let t0 = clock.now
        let (model, order) = PersonnelModel.load(path: path)
        let loadMillis = seconds(clock.now - t0) * 1000
        let evaluation = Evaluation(model: model, order: order)
        if let threads = options.threads { evaluation.threads = threads }

        var evaluationMillis: [Double] = [], evaluationCPUMillis: [Double] = []
        for run in 0..<options.runs {
            let t = clock.now, cpu = Memory.cpuSeconds()
            evaluation.evaluateAll()
            evaluationMillis.append(seconds(clock.now - t) * 1000)
            evaluationCPUMillis.append((Memory.cpuSeconds() - cpu) * 1000)
            if run == 0 { check(plan.readsBefore, in: evaluation, when: "after the full evaluation") }
        }

        let steps = plan.steps.map { (edits: assignments($0.edits, in: evaluation), undo: assignments($0.undo, in: evaluation)) }
        var stepMicros = Array(repeating: [Double](), count: steps.count)
        var stepCells = Array(repeating: [Int](), count: steps.count)
        var stepCPUMicros = Array(repeating: [Double](), count: steps.count)
        for round in 0..<options.salaryUpdates {
            for (k, step) in steps.enumerated() {
                let t = clock.now, cpu = Memory.cpuSeconds()
                let report = evaluation.set(step.edits)
                stepMicros[k].append(seconds(clock.now - t) * 1e6)
                stepCPUMicros[k].append((Memory.cpuSeconds() - cpu) * 1e6)
                stepCells[k].append(report.recomputedCells)
            }
            if round == options.salaryUpdates - 1 { break }   // the last round leaves formualizer's edits in place
            for step in steps.reversed() { evaluation.set(step.undo) }
        }
        let peak = Memory.peakRSS()
        check(plan.readsAfter, in: evaluation, when: "after the edits")

        let freshPath = write(plan.filesAfter, to: folder + "/edited")
        let (freshModel, freshOrder) = PersonnelModel.load(path: freshPath)
        let fresh = Evaluation(model: freshModel, order: freshOrder)
        fresh.threads = 1
        fresh.evaluateAll()
        let mismatches = IdentityCheck.compare(incremental: evaluation, fresh: fresh)
        guard mismatches.isEmpty else {
            let lines = ["NOT IDENTICAL: \(kind.formualizerID) at N = \(size): the edited values differ from a fresh evaluation of \(freshPath)"]
                + mismatches.map { "  \($0.name): \($0.total) cells differ, first \($0.cells.map { "\($0.0) \(IdentityCheck.describe($0.1)) vs \(IdentityCheck.describe($0.2))" })" }
            fail(lines.joined(separator: "\n"))
        }

        return ScenarioFigures(
            scenario: kind.formualizerID, kind: kind.rawValue, size: size, threads: evaluation.threads,
            cells: evaluation.cellCount, formulaCells: evaluation.formulaCellCount, loadMillis: loadMillis,
            evaluationMillis: evaluationMillis, evaluationCPUMillis: evaluationCPUMillis,
            steps: zip(plan.steps, stepMicros.indices).map { step, k in
                ScenarioFigures.Step(edits: step.edits, update: Figures.Update(seconds: stepMicros[k].map { $0 / 1e6 }, cells: stepCells[k]),
                                     cpuMicros: stepCPUMicros[k])
            },
            reads: plan.readsAfter.map { ScenarioFigures.Read(address: $0.address, kalkyl: $0.kalkylName, value: describe($0.expected)) },
            baselineRSSBytes: baseline, peakRSSBytes: peak, checked: true)
    }

    /// Stops the benchmark when a cell formualizer reads does not hold its definition's value.
    func check(_ reads: [ScenarioPlan.Read], in evaluation: Evaluation, when: String) {
        for read in reads {
            let value = evaluation.value(read.name, period: read.period, member: read.member)
            guard let value, value.isIdentical(to: read.expected) else {
                fail("\(kind.formualizerID) at N = \(size): \(read.kalkylName) (formualizer's \(read.address)) is "
                     + "\(value.map(IdentityCheck.describe) ?? "missing") \(when), its definition gives \(IdentityCheck.describe(read.expected))")
            }
        }
    }

    func assignments(_ texts: [String], in evaluation: Evaluation) -> [InputAssignment] {
        texts.map { text in
            let (assignment, diagnostics) = evaluation.model.parseAssignment(text)
            guard let assignment else { fail("'\(text)': " + DiagnosticRenderer.render(diagnostics)) }
            return assignment
        }
    }

    func write(_ files: [(name: String, text: String)], to folder: String) -> String {
        do { return try ScenarioPlan.write(files, to: folder) } catch { fail("cannot write the scenario's files to \(folder): \(error)") }
    }

    func describe(_ value: Value) -> String {
        if case .number(let x) = value { return x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x) }
        return "\(value)"
    }
}

/// What one scenario's run measured: a JSON line under `--json`, a row of the table otherwise.
struct ScenarioFigures: Codable {
    struct Step: Codable {
        var edits: [String]
        var update: Figures.Update
        /// The processor time of each edit, this process's threads together.
        var cpuMicros: [Double]

        enum CodingKeys: String, CodingKey { case edits, update, cpuMicros = "cpu_us" }
    }

    struct Read: Codable {
        var address: String
        var kalkyl: String
        var value: String
    }

    var scenario: String
    var kind: String
    var size: Int
    var threads: Int
    var cells: Int
    var formulaCells: Int
    /// `ModelLoader.load(path:)`: reading the files, parsing, checking, ordering.
    var loadMillis: Double
    var evaluationMillis: [Double]
    /// The processor time of each full evaluation: on a shared machine, what the work cost
    /// when other processes had the cores part of the time.
    var evaluationCPUMillis: [Double]
    var steps: [Step]
    /// The cells formualizer reads, after the edits, as checked.
    var reads: [Read]
    var baselineRSSBytes: Int
    /// ru_maxrss after the edits, before the fresh evaluation of the identity check.
    var peakRSSBytes: Int
    var checked: Bool

    enum CodingKeys: String, CodingKey {
        case scenario, kind, size, threads, cells, formulaCells = "formula_cells", loadMillis = "load_ms"
        case evaluationMillis = "eval_ms", evaluationCPUMillis = "eval_cpu_ms", steps, reads, baselineRSSBytes = "baseline_rss_bytes", peakRSSBytes = "peak_rss_bytes", checked
    }

    var jsonLine: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func header(runs: Int, updates: Int) -> String {
        [
            "machine: \(Table.machine); load average \(Table.loadAverage())",
            "full evaluation: median of \(runs); each edit (set and recompute what it reaches): median of \(updates);"
                + " wall time, then the process's CPU time",
            "",
            "scenario (formualizer's id)    N        formula cells  load ms   full eval ms (CPU)    edit: median µs (CPU µs; cells recomputed)                      peak MB  cells read (checked)",
            String(repeating: "-", count: 190),
        ].joined(separator: "\n")
    }

    static let footer = """

    load: ModelLoader.load(path:) (the model and its CSV files read from disk, checked, ordered).
    edit: Evaluation.set with formualizer's edit (applying it and recomputing what it reaches); formualizer times the
    recomputation after an untimed set_value. Cells read: formualizer's read_cells after the edits, each checked against
    the value its definition gives (worked out without the engine); every block then compared bit for bit with a fresh
    evaluation of the edited files.
    """

    var row: String {
        let edits = steps.map {
            "\($0.edits.joined(separator: ", ")) \(String(format: "%.1f (%.1f", $0.update.medianMicros, median($0.cpuMicros))); \($0.update.cellsText))"
        }.joined(separator: "; ")
        return [
            Table.pad(scenario, 30), Table.pad(String(size), 8), Table.pad(String(formulaCells), 14),
            Table.pad(String(format: "%.1f", loadMillis), 8),
            Table.pad(String(format: "%.2f (%.2f)", median(evaluationMillis), median(evaluationCPUMillis)), 20),
            Table.pad(edits, 63, left: true), Table.pad(String(format: "%.1f", Double(peakRSSBytes) / 1_048_576), 8),
            reads.map { "\($0.kalkyl) = \($0.value)" }.joined(separator: ", "),
        ].joined(separator: "  ")
    }
}
