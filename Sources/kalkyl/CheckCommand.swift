import ArgumentParser
import Foundation
import Kalkyl

enum CheckFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// `kalkyl check FILE...`: parse and check, print every diagnostic.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check model files and their checks; report every error and failed check with its place."
    )

    @ArgumentParser.Argument(help: "Model files (formulas/*.kalkyl).")
    var files: [String]

    @Option(help: "text (a summary line per model on stdout, diagnostics on stderr) or json (one object on stdout: each model with every diagnostic and its code).")
    var format: CheckFormat = .text

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one model file, as in: kalkyl check formulas/model.kalkyl") }
    }

    @OptionGroup var timeLimit: TimeLimitOption

    func run() throws {
        timeLimit.start()
        if format == .json { return try runJSON() }
        var worst: Int32 = 0
        for path in files {
            do {
                let (loaded, model, order) = try loadOrExit(path)
                let evaluation = Evaluation(model: model, order: order)
                evaluation.evaluateAll()
                if files.count == 1 { KeptUntilExit.keep(loaded, evaluation) }
                let checked = CheckReport(evaluation, file: path)
                guard checked.passes else {
                    report(checked.diagnostics, limit: 200)
                    throw ExitCode(1)
                }
                print(checked.summary)
            } catch let exit as ExitCode {
                worst = max(worst, exit.rawValue)
            }
        }
        if worst != 0 { throw ExitCode(worst) }
    }

    /// `--format json`: every model's result in one object; the exit code as in the text form.
    func runJSON() throws {
        let report = CheckRunReport(models: files.map { CheckRunReport.Model(path: $0) })
        FileHandle.standardOutput.write(Data(report.json().utf8))
        let worst = report.models.map { $0.hasUnreadableFile ? 3 : $0.ok ? 0 : 1 }.max() ?? 0
        if worst != 0 { throw ExitCode(Int32(worst)) }
    }
}
