import ArgumentParser
import Foundation
import Kalkyl

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

/// `kalkyl eval FILE [options] [NAME...]`: compute a model and print its values.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Compute a model and print its values (all names, or those given)."
    )

    @ArgumentParser.Argument(help: "The model file.")
    var file: String

    @ArgumentParser.Argument(help: "Names to print; all when none are given.")
    var names: [String] = []

    @Option(name: .customLong("scenario"), help: ArgumentHelp("The scenario to evaluate (default base).", valueName: "scenario"))
    var scenarios: [String] = []

    /// The one scenario asked for: a second `--scenario` was dropped without a word, and the
    /// figures were the last one's alone (red team, session 19, hunt19/t10). It is wrong usage.
    var scenario: String { scenarios.first ?? "base" }

    @Option(name: .customLong("set"), help: ArgumentHelp("A what-if on an input: NAME=VALUE, NAME[PERIOD]=VALUE or NAME[FROM..TO]=VALUE. Repeatable.", valueName: "assignment"))
    var assignments: [String] = []

    @Option(help: "table, csv or json.")
    var format: OutputFormat = .table

    @Flag(help: "Print timings and cell counts as one JSON object on stderr.")
    var stats = false

    @OptionGroup var timeLimit: TimeLimitOption

    func validate() throws {
        if scenarios.count > 1 {
            throw ValidationError("name one scenario: eval computes one at a time, and scenarios are not stacked (\(scenarios.joined(separator: ", ")) were named); diff compares two")
        }
    }

    func run() throws {
        timeLimit.start()
        let (loaded, model, order) = try loadOrExit(file)
        let selectedScenario = try selectScenario(scenario, in: model, command: "eval")
        let parsedAssignments = try parseWhatIfs(assignments, in: model)
        var slots: [Int] = []
        for name in names {
            guard let slot = model.slot(named: name) else {
                let hint = Suggestions.closest(to: name, in: model.definitions.map(\.name)).map { "; did you mean '\($0)'?" } ?? ""
                throw usage("'\(name)' is not defined in \(file)\(hint)")
            }
            slots.append(slot)
        }
        if names.isEmpty { slots = model.definitions.indices.filter { !model.definitions[$0].isCheck } }
        // Without names, the report has the scorecard (and the table shows a measure's parts there).
        let scorecard = names.isEmpty ? model.scorecard : nil

        let clock = ContinuousClock()
        let evaluation = Evaluation(model: model, order: order, scenario: selectedScenario)
        let evalStart = clock.now
        evaluation.evaluateAll()
        let evalEnd = clock.now
        var report = Evaluation.UpdateReport()
        if !parsedAssignments.isEmpty { report = evaluation.set(parsedAssignments) }
        let updateEnd = clock.now

        // The table, the JSON and the CSV are written as they are made: 3 M values at 100,000 employees.
        let output = FileHandle.standardOutput
        let sink = ByteSink { output.write(Data($0)) }
        switch format {
        case .table:
            EvalReport.writeTable(evaluation: evaluation, slots: slots, scorecard: scorecard, terminalColumns: TerminalWidth.columns(), to: sink)
        case .csv:
            EvalReport.writeCSV(evaluation: evaluation, slots: slots, to: sink)
        case .json:
            EvalReport.writeJSON(evaluation: evaluation, slots: slots, scorecard: scorecard, to: sink)
        }
        sink.finish()
        let failedChecks = Set(CheckRunner.run(evaluation).map(\.slot))
        if !failedChecks.isEmpty && !stats {   // with --stats, stderr carries exactly one JSON object
            let names = failedChecks.sorted().map { "'\(model.definitions[$0].name)'" }.joined(separator: ", ")
            printError("warning: \(failedChecks.count) check\(failedChecks.count == 1 ? "" : "s") fail\(failedChecks.count == 1 ? "s" : ""): \(names); kalkyl check \(file) shows where\n")
        }

        if stats {
            let figures = EvalStats(parseSeconds: loaded.parseSeconds, graphSeconds: loaded.graphSeconds,
                                    evalSeconds: seconds(evalEnd - evalStart),
                                    updateSeconds: parsedAssignments.isEmpty ? 0 : seconds(updateEnd - evalEnd),
                                    cells: evaluation.cellCount, formulaCells: evaluation.formulaCellCount,
                                    recomputedCells: report.recomputedCells)
            printError(figures.json())
        }
        KeptUntilExit.keep(loaded, evaluation)
    }

    func usage(_ message: String) -> Error {
        printError("kalkyl eval: error: \(message)\n")
        return ExitCode(2)
    }
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

