import ArgumentParser
import Foundation
import Kalkyl

enum ExplainFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

/// `kalkyl explain FILE NAME[PERIOD]`: why a cell has its value, as a tree of precedents.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show why a cell has its value: its formula or input, and the cells it reads, as a tree.",
        discussion: """
        The cell is NAME, NAME[PERIOD], NAME[MEMBER] or NAME[MEMBER, PERIOD], as in \
        employees[2021-04] or cost[Datacenter, 2021-04]. For an error value, the cell where \
        the error starts is named at the end.
        """
    )

    @ArgumentParser.Argument(help: "The model file.")
    var file: String

    @ArgumentParser.Argument(help: ArgumentHelp("The cell to explain, such as employees[2021-04].", valueName: "cell"))
    var cell: String

    @Option(name: .customLong("scenario"), help: ArgumentHelp("The scenario to evaluate (default base).", valueName: "scenario"))
    var scenarios: [String] = []

    /// The one scenario asked for: a second `--scenario` was dropped without a word, and the
    /// figures were the last one's alone (red team, session 19, hunt19/t10). It is wrong usage.
    var scenario: String { scenarios.first ?? "base" }

    @Option(name: .customLong("set"), help: ArgumentHelp("A what-if on an input: NAME=VALUE, NAME[PERIOD]=VALUE or NAME[FROM..TO]=VALUE. Repeatable.", valueName: "assignment"))
    var assignments: [String] = []

    @Option(help: "Levels of precedents to show below the cell.")
    var depth: Int = 2

    @Option(help: "table or json.")
    var format: ExplainFormat = .table

    func validate() throws {
        if scenarios.count > 1 {
            throw ValidationError("name one scenario: explain computes one at a time, and scenarios are not stacked (\(scenarios.joined(separator: ", ")) were named); diff compares two")
        }
        if depth < 0 { throw ValidationError("--depth is a number of levels, 0 or more") }
    }

    @OptionGroup var timeLimit: TimeLimitOption

    func run() throws {
        timeLimit.start()
        let (loaded, model, order) = try loadOrExit(file)
        let selectedScenario = try selectScenario(scenario, in: model, command: "explain")
        let parsedAssignments = try parseWhatIfs(assignments, in: model)
        let target: CellReference
        switch model.cell(named: cell) {
        case .success(let c): target = c
        case .failure(let error): throw usage(error.message)
        }

        let evaluation = Evaluation(model: model, order: order, scenario: selectedScenario)
        evaluation.evaluateAll()
        if !parsedAssignments.isEmpty { evaluation.set(parsedAssignments) }
        let explanation = Explainer.explain(target, in: evaluation, options: Explainer.Options(depth: depth))

        let report = ExplainReport(explanation, in: evaluation)
        let output = format == .json ? report.json() : report.table(model: model, whatIfs: assignments)
        FileHandle.standardOutput.write(Data(output.utf8))
        KeptUntilExit.keep(loaded, evaluation)
    }

    func usage(_ message: String) -> Error {
        printError("kalkyl explain: error: \(message)\n")
        return ExitCode(2)
    }
}
