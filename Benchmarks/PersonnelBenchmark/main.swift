// The personnel benchmark of issue 3: N employees × 12 months, 27 formula cells per employee.
// Prints parse+compile time, full evaluation time and ns per formula cell, the cost of a
// salary and a payroll-overhead update, and peak memory.
//
//   swift run -c release kalkyl-bench [N ...]      (default: 1000 10000 100000)
import Foundation
import Kalkyl

let sizes = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let employeeCounts = sizes.isEmpty ? [1_000, 10_000, 100_000] : sizes

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s[s.count / 2]
}

func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

print("machine: \(ProcessInfo.processInfo.processorCount) cores, \(ProcessInfo.processInfo.physicalMemory / 1_073_741_824) GiB")
print(String(repeating: "-", count: 118))
print("employees  formula cells  parse+compile    full eval   ns/cell   salary update (cells)   overhead update (cells)   peak MB")
let clock = ContinuousClock()
for n in employeeCounts {
    let model = PersonnelModel(employees: n)
    let started = clock.now
    let loaded = model.load()
    let parsed = clock.now
    guard let checked = loaded.model, let order = loaded.order else {
        print(DiagnosticRenderer.render(loaded.diagnostics))
        exit(1)
    }
    if ProcessInfo.processInfo.environment["KALKYL_BENCH_EVAL_ONLY"] != nil {   // for profiling the evaluation alone
        for _ in 0..<20 { Evaluation(model: checked, order: order).evaluateAll() }
        continue
    }
    if ProcessInfo.processInfo.environment["KALKYL_BENCH_UPDATES_ONLY"] != nil {   // for profiling updates alone
        let evaluation = Evaluation(model: checked, order: order)
        evaluation.evaluateAll()
        let assignments = (0..<2000).map { k in checked.parseAssignment("salary[e\((k * 7919) % n)]=\(41_000 + k)").0! }
        for a in assignments { evaluation.set([a]) }
        continue
    }
    var evalTimes: [Double] = []
    var evaluation = Evaluation(model: checked, order: order)
    for _ in 0..<5 {
        evaluation = Evaluation(model: checked, order: order)
        let t0 = clock.now
        evaluation.evaluateAll()
        evalTimes.append(seconds(clock.now - t0))
    }
    let formulaCells = evaluation.formulaCellCount
    var salaryTimes: [Double] = []
    var salaryCells = 0
    for k in 0..<21 {
        let (assignment, _) = checked.parseAssignment("salary[e\((k * 7919) % n)]=\(41_000 + k)")
        let t0 = clock.now
        let report = evaluation.set([assignment!])
        salaryTimes.append(seconds(clock.now - t0))
        salaryCells = report.recomputedCells
    }
    var overheadTimes: [Double] = []
    var overheadCells = 0
    for k in 0..<5 {
        let (assignment, _) = checked.parseAssignment("payroll_overhead=\(0.46 + Double(k) / 1000)")
        let t0 = clock.now
        let report = evaluation.set([assignment!])
        overheadTimes.append(seconds(clock.now - t0))
        overheadCells = report.recomputedCells
    }
    let eval = evalTimes.min()!
    let line = [
        String(n).padding(9), String(formulaCells).padding(14),
        String(format: "%10.1f ms", seconds(parsed - started) * 1000),
        String(format: "%9.2f ms", eval * 1000),
        String(format: "%9.2f", eval * 1e9 / Double(formulaCells)),
        String(format: "%13.1f µs (%d)", median(salaryTimes) * 1e6, salaryCells),
        String(format: "%15.2f ms (%d)", median(overheadTimes) * 1000, overheadCells),
        String(format: "%9.0f", peakMemoryMB()),
    ]
    print(line.joined(separator: "  "))
}

extension String {
    func padding(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
