import ArgumentParser
import Kalkyl

/// `kalkyl check FILE...`: parse and check, print every diagnostic.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check model files and their checks; report every error and failed check with its place."
    )

    @ArgumentParser.Argument(help: "Model files (formulas/*.kalkyl).")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one model file, as in: kalkyl check formulas/model.kalkyl") }
    }

    func run() throws {
        var worst: Int32 = 0
        for path in files {
            do {
                let (_, model, order) = try loadOrExit(path)
                let evaluation = Evaluation(model: model, order: order)
                evaluation.evaluateAll()
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
}
