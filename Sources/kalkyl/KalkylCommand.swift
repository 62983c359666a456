import ArgumentParser
import Foundation
import Kalkyl

struct KalkylCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kalkyl",
        abstract: "A calculation engine for finance controllers: models in text, computed like a spreadsheet.",
        discussion: """
        Exit codes: 0 success, 1 the model has errors, 2 wrong usage, 3 a file could not be read or written.
        """,
        version: KalkylVersion.string,
        subcommands: [CheckCommand.self, EvalCommand.self, ExplainCommand.self, WatchCommand.self, DiffCommand.self, ExportCommand.self, FmtCommand.self, LspCommand.self]
    )
}

enum KalkylVersion {
    static let string = "0.1.0"
}

/// Writes to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

/// Prints diagnostics, at most `limit` errors of them, so binary garbage gives a screenful, not a flood.
func report(_ diagnostics: [Diagnostic], limit: Int = 25) {
    let shown = diagnostics.prefix(limit)
    printError(DiagnosticRenderer.render(Array(shown)))
    let errors = diagnostics.filter { $0.severity == .error }.count
    if diagnostics.count > limit {
        printError("… and \(diagnostics.count - limit) more; fix the first ones and run again\n")
    }
    if errors > 0 {
        printError("\(errors) error\(errors == 1 ? "" : "s")\n")
    }
}

/// Loads a model or exits: 3 when the file (or a data file it names) cannot be read, 1 when it has errors.
func loadOrExit(_ path: String) throws -> (LoadedModel, CheckedModel, EvaluationOrder) {
    let loaded: LoadedModel
    do {
        loaded = try ModelLoader.load(path: path)
    } catch {
        printError("kalkyl: error: \(error.description)\n")
        throw ExitCode(3)
    }
    if !loaded.diagnostics.isEmpty { report(loaded.diagnostics) }
    if loaded.hasUnreadableFile { throw ExitCode(3) }
    guard let model = loaded.model, let order = loaded.order, !loaded.hasErrors else { throw ExitCode(1) }
    return (loaded, model, order)
}

/// The scenario a command names (nil for base), or exit 2 naming the model's scenarios.
func selectScenario(_ name: String, in model: CheckedModel, command: String) throws -> Scenario? {
    guard name != "base" else { return nil }
    if let s = model.scenario(named: name) { return s }
    printError("kalkyl \(command): error: \(unknownScenario(name, in: model))\n")
    throw ExitCode(2)
}

/// What is wrong when the model has no scenario of that name: the name, the closest one, and
/// the ones it has.
func unknownScenario(_ name: String, in model: CheckedModel) -> String {
    let known = ["base"] + model.scenarios.map(\.name)
    let hint = Suggestions.closest(to: name, in: known).map { "did you mean '\($0)'? " } ?? ""
    return "unknown scenario '\(name)'; \(hint)the model has: \(known.joined(separator: ", "))"
}

/// `--set` what-ifs as input assignments, or exit 2 with what is wrong with them.
func parseWhatIfs(_ texts: [String], in model: CheckedModel) throws -> [InputAssignment] {
    try texts.map { text in
        let (assignment, diagnostics) = model.parseAssignment(text)
        guard let assignment else {
            printError(DiagnosticRenderer.render(diagnostics))
            throw ExitCode(2)
        }
        return assignment
    }
}
