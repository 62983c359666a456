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
                let failures = CheckRunner.run(evaluation)
                let checks = model.definitions.filter(\.isCheck).count
                if !failures.isEmpty {
                    report(CheckReport.diagnostics(failures, in: model), limit: 200)
                    throw ExitCode(1)
                }
                let definitions = model.definitions.filter { !$0.isCheck }
                let series = definitions.filter(\.isSeries).count
                let inputs = definitions.filter(\.isInput).count
                var summary = "\(path): ok — \(definitions.count) definitions (\(inputs) inputs, \(definitions.count - inputs) formulas; \(series) over time)"
                if model.timeline.count > 0 {
                    summary += ", timeline \(model.timeline.label(0)) .. \(model.timeline.label(model.timeline.count - 1))"
                }
                if !model.scenarios.isEmpty { summary += ", scenarios: " + model.scenarios.map(\.name).joined(separator: ", ") }
                if checks > 0 { summary += "; \(checks) check\(checks == 1 ? "" : "s") pass" }
                print(summary)
            } catch let exit as ExitCode {
                worst = max(worst, exit.rawValue)
            }
        }
        if worst != 0 { throw ExitCode(worst) }
    }
}
