// The personnel benchmark of issue 3 (docs/performance.md): N employees read from a
// generated staff CSV × 12 months, 27 formula cells per employee. For each N it reports
// parse+compile (from disk, CSV included), full evaluation (best and median) and ns per
// formula cell, three kinds of update with the cells they recomputed, peak memory, and
// whether the incremental values are bit-identical to a fresh evaluation.
//
//   swift build -c release --product kalkyl-bench
//   .build/release/kalkyl-bench 1000 10000 100000 [--json]      (see --help)
import Foundation
import Kalkyl

/// Everything runs inside functions: a `var` at the top level of main.swift is a global.
enum Bench {
    static func main() {
        let options = Options(Array(CommandLine.arguments.dropFirst()))
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

    /// Runs this executable again for one N, so that its peak memory is that N's alone.
    static func measureInChild(_ n: Int, _ options: Options) -> Figures {
        let process = Process()
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = options.childArguments(for: n)
        let output = Pipe()
        process.standardOutput = output
        do { try process.run() } catch { fail("cannot start \(executable): \(error)") }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { fail("the run at N = \(n) failed (exit \(process.terminationStatus))") }
        guard let figures = try? JSONDecoder().decode(Figures.self, from: data) else {
            fail("the run at N = \(n) printed no figures: \(String(decoding: data, as: UTF8.self))")
        }
        return figures
    }
}

Bench.main()
