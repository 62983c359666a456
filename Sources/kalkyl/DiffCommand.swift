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
        let groups = ScenarioDifference.compute(from: from, to: to)
        let fromName = scenarios.count > 1 ? scenarios[1] : "base"
        let output = format == .json
            ? DiffFormatter.json(groups, model: model, from: fromName, to: scenarios[0])
            : DiffFormatter.table(groups, model: model, from: fromName, to: scenarios[0], toLabel: toScenario?.label)
        FileHandle.standardOutput.write(Data(output.utf8))
    }
}

/// The cells of one definition that differ between two evaluations.
struct ScenarioDifference {
    struct Cell {
        var name: String
        var period: String?
        var members: [String]
        var from: Value
        var to: Value
        var difference: Double?
        /// The change over the old value's size; nil when the old value is 0 or not a number.
        var percent: Double?
    }
    var slot: Int
    var cells: [Cell]

    /// The largest change in per cent, for ordering definitions of different units.
    var largestPercent: Double { cells.map { abs($0.percent ?? .infinity) }.max() ?? 0 }

    static func compute(from: Evaluation, to: Evaluation) -> [ScenarioDifference] {
        let model = from.model
        var groups: [ScenarioDifference] = []
        for slot in model.definitions.indices where !model.definitions[slot].isCheck {
            let a = from.values(of: slot), b = to.values(of: slot)
            let m = model.memberCount(of: slot)
            var cells: [Cell] = []
            for i in 0..<a.count where !a[i].isIdentical(to: b[i]) {
                var difference: Double?, percent: Double?
                if case .number(let x) = a[i], case .number(let y) = b[i] {
                    difference = y - x
                    percent = x == 0 ? nil : (y - x) / abs(x)
                }
                cells.append(Cell(name: from.cellName(slot: slot, index: i),
                                  period: model.definitions[slot].isSeries ? model.timeline.label(i / m) : nil,
                                  members: model.memberNames(of: slot, member: i % m),
                                  from: a[i], to: b[i], difference: difference, percent: percent))
            }
            guard !cells.isEmpty else { continue }
            cells.sort { abs($0.difference ?? .infinity) > abs($1.difference ?? .infinity) }
            groups.append(ScenarioDifference(slot: slot, cells: cells))
        }
        return groups.sorted { ($0.largestPercent, model.definitions[$1.slot].name) > ($1.largestPercent, model.definitions[$0.slot].name) }
    }
}
