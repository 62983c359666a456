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
        The first --scenario is compared against the second, or against base. Both are computed
        from one evaluation of the model: each scenario recomputes only what its overrides reach.
        Definitions are listed by their largest change in per cent, and their cells by the size
        of the change.
        """
    )

    @ArgumentParser.Argument(help: "The model file.")
    var file: String

    @Option(name: .customLong("scenario"), help: "The scenario to compare, then (optionally) the one to compare it with.")
    var scenarios: [String] = []

    @Option(name: .customLong("set"), help: ArgumentHelp("A what-if on an input, applied to both sides. Repeatable.", valueName: "assignment"))
    var assignments: [String] = []

    @Option(help: "table or json.")
    var format: OutputFormat = .table

    func validate() throws {
        guard (1...2).contains(scenarios.count) else {
            throw ValidationError("name one or two scenarios, as in: kalkyl diff \(file) --scenario hiring_stop")
        }
        if format == .csv { throw ValidationError("diff writes a table or json") }
    }

    func run() throws {
        let (_, model, order) = try loadOrExit(file)
        let toScenario = try selectScenario(scenarios[0], in: model, command: "diff")
        let fromScenario = try selectScenario(scenarios.count > 1 ? scenarios[1] : "base", in: model, command: "diff")
        let parsed = try parseWhatIfs(assignments, in: model)
        let base = Evaluation(model: model, order: order)
        base.evaluateAll()
        if !parsed.isEmpty { base.set(parsed) }
        let from = fromScenario == nil ? base : base.fork(scenario: fromScenario).0
        let to = toScenario == nil ? base : base.fork(scenario: toScenario).0
        let report = DiffReport(from: from, to: to, fromName: scenarios.count > 1 ? scenarios[1] : "base", toName: scenarios[0])
        let output = format == .json ? report.json() : report.table(toLabel: toScenario?.label)
        FileHandle.standardOutput.write(Data(output.utf8))
    }
}
