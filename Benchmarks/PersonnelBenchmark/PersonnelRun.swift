import Foundation
import Kalkyl

/// One N measured: the files written, loaded from disk, evaluated in full several times,
/// then edited (salaries, the payroll overhead, the hiring stop) with each update timed, and
/// finally the incremental values checked against a fresh evaluation of the edited files.
struct PersonnelRun {
    let options: Options
    let employees: Int
    let clock = ContinuousClock()

    /// The folder the files go to: under `--keep`, or a fresh temporary one.
    var folder: String {
        if let keep = options.keep { return keep + "/\(employees)" }
        return NSTemporaryDirectory() + "kalkyl-bench-\(employees)-\(ProcessInfo.processInfo.processIdentifier)"
    }

    /// The benchmark's model at this N, with the recurrence when asked for.
    var personnelModel: PersonnelModel {
        var model = PersonnelModel(staff: StaffList(count: employees, zeroBudgets: options.zeroBudgets))
        model.recurrence = options.recurrence
        return model
    }

    func measure() -> Figures {
        let baseline = Memory.residentBytes()
        let model = personnelModel
        let path = write(model, to: folder)
        defer { if options.keep == nil { try? FileManager.default.removeItem(atPath: folder) } }
        let csvBytes = model.staff.csv.utf8.count

        let started = clock.now
        let loaded: LoadedModel
        do { loaded = try ModelLoader.load(path: path) } catch { fail("\(error)") }
        let loadedAt = clock.now
        guard loaded.diagnostics.isEmpty, let checked = loaded.model, let order = loaded.order else {
            fail("the generated model does not load cleanly:\n" + DiagnosticRenderer.render(loaded.diagnostics))
        }
        let evaluation = makeEvaluation(checked, order)
        let setUp = clock.now
        let peakAfterLoad = Memory.peakRSS()

        var evaluationSeconds: [Double] = []
        for _ in 0..<options.runs {
            let t0 = clock.now
            evaluation.evaluateAll()
            evaluationSeconds.append(seconds(clock.now - t0))
        }
        let yearCostBefore = evaluation.value("year_cost")

        // The edits, and the model as each phase leaves it (for the identity check).
        let phases = Phase.all(model, options: options)
        let salary = timeUpdates(evaluation, phases[0].edits)
        let overhead = timeUpdates(evaluation, phases[1].edits)
        let hiring = timeUpdates(evaluation, phases[2].edits)

        let peak = Memory.peakRSS()
        let resident = Memory.residentBytes()
        let trimmed = Memory.trimmedResidentBytes()
        if evaluation.value("year_cost") == yearCostBefore { fail("the updates changed nothing: the identity check would prove nothing") }

        // The timed evaluation after all three phases; then, since a later phase recomputes
        // much of what an earlier one reached, the same edits replayed on a new evaluation
        // and checked after each phase.
        check(evaluation, against: phases[2], phases: phases)
        let replay = makeEvaluation(checked, order)
        replay.evaluateAll()
        for phase in phases.dropLast() {
            for text in phase.edits { replay.set([assignment(text, in: replay)]) }
            check(replay, against: phase, phases: phases)
        }

        return Figures(
            employees: employees, recurrence: options.recurrence, threads: evaluation.threads, cells: evaluation.cellCount, formulaCells: evaluation.formulaCellCount, csvBytes: csvBytes,
            loadMillis: seconds(loadedAt - started) * 1000, parseMillis: loaded.parseSeconds * 1000,
            graphMillis: loaded.graphSeconds * 1000, setupMillis: seconds(setUp - loadedAt) * 1000,
            evaluationMillis: evaluationSeconds.map { $0 * 1000 },
            salary: salary, payrollOverhead: overhead, hiringStop: hiring,
            baselineRSSBytes: baseline, peakRSSAfterLoadBytes: peakAfterLoad, peakRSSBytes: peak, residentBytes: resident,
            trimmedResidentBytes: trimmed, identical: true)
    }

    /// Compares every block with a fresh evaluation of the model as `phase` leaves it,
    /// written to files and loaded from them; stops the benchmark loudly on any difference.
    func check(_ evaluation: Evaluation, against phase: Phase, phases: [Phase]) {
        let freshPath = write(phase.modelAfter, to: folder + "/fresh-\(phase.name)")
        let (freshModel, freshOrder) = PersonnelModel.load(path: freshPath)
        let fresh = Evaluation(model: freshModel, order: freshOrder)
        fresh.threads = 1   // so that every run compares its threads' bits with one thread's
        fresh.evaluateAll()
        let mismatches = IdentityCheck.compare(incremental: evaluation, fresh: fresh)
        guard mismatches.isEmpty else {
            let edits = phases.prefix { $0.name != phase.name }.flatMap(\.edits) + phase.edits
            IdentityCheck.report(mismatches, employees: employees, phase: phase.name, edits: edits, zeroBudgets: options.zeroBudgets)
            exit(1)
        }
    }

    /// An evaluation on `--threads` threads (the engine's default without it).
    func makeEvaluation(_ model: CheckedModel, _ order: EvaluationOrder) -> Evaluation {
        let evaluation = Evaluation(model: model, order: order)
        if let threads = options.threads { evaluation.threads = threads }
        return evaluation
    }

    func assignment(_ text: String, in evaluation: Evaluation) -> InputAssignment {
        let (assignment, diagnostics) = evaluation.model.parseAssignment(text)
        guard let assignment else { fail("'\(text)': " + DiagnosticRenderer.render(diagnostics)) }
        return assignment
    }

    /// Applies each what-if in turn (parsed beforehand) and times `set` alone.
    func timeUpdates(_ evaluation: Evaluation, _ texts: [String]) -> Figures.Update {
        let assignments = texts.map { assignment($0, in: evaluation) }
        var times: [Double] = []
        var cells: [Int] = []
        for a in assignments {
            let t0 = clock.now
            let report = evaluation.set([a])
            times.append(seconds(clock.now - t0))
            cells.append(report.recomputedCells)
        }
        return Figures.Update(seconds: times, cells: cells)
    }

    /// One kind of edit, applied several times: its what-ifs in `--set` syntax, and the model
    /// with all of them (and the earlier phases') written into its files.
    struct Phase {
        let name: String
        let edits: [String]
        let modelAfter: PersonnelModel

        /// Salaries of different employees spread over the list, one at a time; then the
        /// payroll overhead; then the hiring stop on and off, ending on.
        static func all(_ model: PersonnelModel, options: Options) -> [Phase] {
            var model = model
            let n = model.staff.employees.count
            var salaries: [String] = []
            for k in 0..<options.salaryUpdates {
                let index = (k * 7919) % n
                let ore = (model.staff.employees[index].salaryOre / 100 + 500 + k) * 100
                model.staff.employees[index].salaryOre = ore
                salaries.append("salary[e\(index)]=\(StaffList.modelNumber(ore: ore))")
            }
            let salary = Phase(name: "salary", edits: salaries, modelAfter: model)
            let overheads = (0..<options.overheadUpdates).map { "46.\(20 + 5 * $0)%" }
            model.payrollOverhead = overheads.last ?? model.payrollOverhead
            let overhead = Phase(name: "overhead", edits: overheads.map { "payroll_overhead=\($0)" }, modelAfter: model)
            let toggles = (0..<options.hiringToggles).map { $0 % 2 == 0 ? 1 : 0 }
            model.hiringStop = toggles.last ?? model.hiringStop
            let hiring = Phase(name: "hiring-stop", edits: toggles.map { "hiring_stop=\($0)" }, modelAfter: model)
            return [salary, overhead, hiring]
        }
    }

    func write(_ model: PersonnelModel, to folder: String) -> String {
        do { return try model.write(to: folder) } catch { fail("cannot write the benchmark's files to \(folder): \(error)") }
    }

    /// Loads one N and repeats one operation, for `perf record`.
    func profile(_ what: Options.Profile, repeat count: Int?) {
        let model = personnelModel
        let path = write(model, to: folder)
        defer { if options.keep == nil { try? FileManager.default.removeItem(atPath: folder) } }
        if what == .load {
            let n = count ?? 5
            let t0 = clock.now
            for _ in 0..<n { _ = PersonnelModel.load(path: path) }
            print(String(format: "%d loads: %.1f ms each", n, seconds(clock.now - t0) * 1000 / Double(n)))
            return
        }
        let (checked, order) = PersonnelModel.load(path: path)
        let evaluation = makeEvaluation(checked, order)
        evaluation.evaluateAll()
        let texts: [String]
        switch what {
        case .load:
            return
        case .eval:
            let n = count ?? 200
            let log = WorkLog()
            evaluation.workLog = log
            let t0 = clock.now, cpu0 = Memory.cpuSeconds()
            for _ in 0..<n { evaluation.evaluateAll() }
            let wall = seconds(clock.now - t0), cpu = Memory.cpuSeconds() - cpu0
            print(String(format: "%d evaluations on %d threads: %.2f ms each (%.2f ms of CPU time)", n, evaluation.threads,
                         wall * 1000 / Double(n), cpu * 1000 / Double(n)))
            print(WorkReport(log.current, wall: wall, cpu: cpu, evaluations: n, threads: evaluation.threads).text)
            return
        case .salary:
            // Two values per employee in turn, so that every update changes something.
            texts = (0..<(count ?? 20_000)).map { k in "salary[e\((k * 7919) % employees)]=\(40_000 + k % 2 * 1_000 + k / employees)" }
        case .overhead:
            texts = (0..<(count ?? 200)).map { "payroll_overhead=\(40 + $0 % 2).5%" }
        case .hiring:
            texts = (0..<(count ?? 200)).map { "hiring_stop=\(1 - $0 % 2)" }
        }
        let assignments = texts.map { evaluation.model.parseAssignment($0).0! }
        let t0 = clock.now, cpu0 = Memory.cpuSeconds()
        for a in assignments { evaluation.set([a]) }
        print(String(format: "%d updates: %.2f µs each (%.2f µs of CPU time)", assignments.count,
                     seconds(clock.now - t0) * 1e6 / Double(assignments.count),
                     (Memory.cpuSeconds() - cpu0) * 1e6 / Double(assignments.count)))
    }
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

/// The process's memory and processor time, as the kernel counts them.
enum Memory {
    /// Processor time used by the process so far, all threads: on a shared machine it says
    /// what the work cost even when other processes took turns on the cores.
    static func cpuSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    /// The peak resident set so far (ru_maxrss), in bytes.
    static func peakRSS() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }

    /// The resident set after glibc's `malloc_trim(0)` has given freed memory back: what the
    /// process really holds, without what the allocator kept of memory freed while loading.
    static func trimmedResidentBytes() -> Int {
        typealias Trim = @convention(c) (Int) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") {
            _ = unsafeBitCast(symbol, to: Trim.self)(0)
        }
        return residentBytes()
    }

    /// The resident set now, from /proc/self/statm.
    static func residentBytes() -> Int {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = statm.split(separator: " ")
        return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
    }
}
