import ArgumentParser
import Foundation
import Kalkyl

/// `kalkyl diff FILE --scenario A [--scenario B]`: every value that differs between two
/// scenarios (B defaults to base), grouped by definition, largest change first.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show every value that differs between two scenarios.",
        discussion: """
        The first --scenario is compared against the second, or against base. Both are computed from one evaluation of the model: each scenario recomputes only what its overrides reach. Names after the file limit the comparison to those definitions. Definitions are listed by their largest change in per cent; a series' cells in order of member and period, a single value's by the size of the change. A percentage is shown in per cent.
        """
    )

    @ArgumentParser.Argument(help: "The model file.")
    var file: String

    @ArgumentParser.Argument(help: "The definitions to compare; all of them when none are given.")
    var names: [String] = []

    @Option(name: .customLong("scenario"), help: "The scenario to compare; given a second time, the one it is compared with (base when not given).")
    var scenarios: [String] = []

    @Option(name: .customLong("set"), help: ArgumentHelp("A what-if on an input, applied to both sides. Repeatable.", valueName: "assignment"))
    var assignments: [String] = []

    @Option(help: "The output: table (the default), csv or json.")
    var format: OutputFormat = .table

    func validate() throws {
        guard (1...2).contains(scenarios.count) else {
            throw ValidationError("name one or two scenarios, as in: kalkyl diff \(file) --scenario hiring_stop")
        }
    }

    @OptionGroup var timeLimit: TimeLimitOption

    func run() throws {
        timeLimit.start()
        let (_, model, order) = try loadOrExit(file)
        let toScenario = try selectScenario(scenarios[0], in: model, command: "diff")
        let fromScenario = try selectScenario(scenarios.count > 1 ? scenarios[1] : "base", in: model, command: "diff")
        let parsed = try parseWhatIfs(assignments, in: model)
        var slots: [Int]?
        if !names.isEmpty {
            slots = try names.map { name in
                guard let slot = model.slot(named: name) else {
                    let hint = Suggestions.closest(to: name, in: model.definitions.map(\.name)).map { "; did you mean '\($0)'?" } ?? ""
                    printError("kalkyl diff: error: '\(name)' is not defined in \(file)\(hint)\n")
                    throw ExitCode(2)
                }
                return slot
            }
        }
        let report = DiffReport(model: model, order: order, from: fromScenario, to: toScenario, whatIfs: parsed, slots: slots)
        let output: String
        switch format {
        case .json: output = report.json()
        case .csv: output = report.csv()
        case .table: output = report.table(toLabel: toScenario?.label, model: model)
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }
}
