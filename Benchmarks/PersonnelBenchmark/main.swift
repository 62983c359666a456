// The personnel benchmark of issue 3 (docs/performance.md): N employees read from a
// generated staff CSV × 12 months, 27 formula cells per employee. For each N it reports
// parse+compile (from disk, CSV included), full evaluation (best and median) and ns per
// formula cell, three kinds of update with the cells they recomputed, peak memory, and
// whether the incremental values are bit-identical to a fresh evaluation.
//
//   swift build -c release --product kalkyl-bench
//   .build/release/kalkyl-bench 1000 10000 100000 [--json]      (see --help)
//
// With --scenario it measures formualizer's engine-neutral scenarios instead, written as
// Kalkyl models (FormualizerScenarios.swift, ScenarioRun.swift):
//   .build/release/kalkyl-bench --scenario all 100000
import Foundation
import Kalkyl

/// Everything runs inside functions: a `var` at the top level of main.swift is a global.
enum Bench {
    static func main() {
        let options = Options(Array(CommandLine.arguments.dropFirst()))
        if !options.scenarios.isEmpty {
            scenarios(options)
            return
        }
        if let profile = options.profile {
            PersonnelRun(options: options, employees: options.sizes[0]).profile(profile, repeat: options.repeatCount)
            return
        }
        if options.child {
            print(PersonnelRun(options: options, employees: options.sizes[0]).measure().jsonLine)
            return
        }
        if !options.json { print(Table.header(runs: options.runs, updates: options.salaryUpdates, zeroBudgets: options.zeroBudgets,
                                                  recurrence: options.recurrence)) }
        for n in options.sizes {
            let figures = options.inProcess ? PersonnelRun(options: options, employees: n).measure() : measureInChild(n, options)
            print(options.json ? figures.jsonLine : Table.row(figures))
        }
        if !options.json { print(Table.footer) }
    }

    /// formualizer's scenarios (`--scenario`): each N of each in a child process of its own.
    static func scenarios(_ options: Options) {
        if options.child {
            print(ScenarioRun(options: options, kind: options.scenarios[0], size: options.sizes[0]).measure().jsonLine)
            return
        }
        if !options.json { print(ScenarioFigures.header(runs: options.runs, updates: options.salaryUpdates)) }
        for kind in options.scenarios {
            for n in options.sizes {
                let data = runChild(options.childArguments(for: kind, size: n), what: "\(kind.rawValue) at N = \(n)")
                guard let figures = try? JSONDecoder().decode(ScenarioFigures.self, from: data) else {
                    fail("the run of \(kind.rawValue) at N = \(n) printed no figures: \(String(decoding: data, as: UTF8.self))")
                }
                print(options.json ? figures.jsonLine : figures.row)
            }
        }
        if !options.json { print(ScenarioFigures.footer) }
    }

    /// Runs this executable again for one N, so that its peak memory is that N's alone.
    static func measureInChild(_ n: Int, _ options: Options) -> Figures {
        let data = runChild(options.childArguments(for: n), what: "the run at N = \(n)")
        guard let figures = try? JSONDecoder().decode(Figures.self, from: data) else {
            fail("the run at N = \(n) printed no figures: \(String(decoding: data, as: UTF8.self))")
        }
        return figures
    }

    /// Runs this executable with `arguments` and returns what it printed.
    static func runChild(_ arguments: [String], what: String) -> Data {
        let process = Process()
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        do { try process.run() } catch { fail("cannot start \(executable): \(error)") }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { fail("\(what) failed (exit \(process.terminationStatus))") }
        return data
    }
}

Bench.main()
