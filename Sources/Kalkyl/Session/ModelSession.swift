/// One model, loaded, checked and evaluated, that takes edits one at a time: a changed
/// buffer of the model or of a file it reads, a what-if (`--set`), a scenario. It is what a
/// long-lived front end holds (a language server, `watch`): an actor, so requests from any
/// task are served one after the other, and the evaluation it owns never leaves it; callers
/// get values and reports, which are `Sendable` copies.
///
/// While the latest text has errors, the values stay those of the last good model
/// (`SessionState.isCurrent` is false) and the diagnostics are the latest text's.
public actor ModelSession {
    /// The model file, as named when opened.
    public nonisolated let path: String
    /// Unsaved buffers in front of the provider the session was opened with.
    private var sources: MemorySources
    private var evaluation: Evaluation?
    private var scenarioName = "base"
    private var whatIfs: [String] = []
    private var diagnostics: [Diagnostic] = []
    /// Evaluations of other scenarios than the session's, made on first use; dropped on any change.
    private var scenarioEvaluations: [String: Evaluation] = [:]
    /// The data files as last read: an edit of the model does not read a 100,000-row staff file again.
    private let cache = CheckCache()

    /// Opens the model at `path`, reading it and its files from `sources`, with `buffers`
    /// (unsaved texts by path, the model's own among them) in front of them.
    public init(path: String, sources: any SourceProvider = DiskSources(), buffers: [String: String] = [:]) {
        self.path = path
        self.sources = MemorySources(buffers, fallback: sources)
        let loaded = ModelSession.load(path: path, sources: self.sources, cache: cache)
        self.diagnostics = loaded.diagnostics
        if let model = loaded.model, let order = loaded.order, !loaded.hasErrors {
            let evaluation = Evaluation(model: model, order: order)
            evaluation.evaluateAll()
            self.evaluation = evaluation
        }
    }

    /// What the session holds now.
    public var state: SessionState {
        SessionState(model: evaluation?.model, diagnostics: diagnostics, isCurrent: isCurrent, scenario: scenarioName, whatIfs: whatIfs)
    }

    private var isCurrent = true

    // MARK: Edits

    /// A file's text changed without being saved (an editor's buffer): the model file or one
    /// it reads. nil drops the buffer, so the file on disk counts again. Only what the edit
    /// reached is computed again. With `listingChanges` false the edit's report names no cells
    /// (an editor redrawing values needs none, and naming every changed cell of a large model
    /// costs more than computing them).
    @discardableResult
    public func update(file: String? = nil, text: String?, listingChanges: Bool = true) -> SessionUpdate {
        sources[file ?? path] = text
        return reload(listingChanges: listingChanges)
    }

    /// Reads the model and its files again (after a save on disk), computing again only what changed.
    @discardableResult
    public func reload(listingChanges: Bool = true) -> SessionUpdate {
        let loaded = ModelSession.load(path: path, sources: sources, cache: cache)
        diagnostics = loaded.diagnostics
        guard let model = loaded.model, let order = loaded.order, !loaded.hasErrors else {
            isCurrent = false
            return SessionUpdate(state: state, edit: nil)
        }
        isCurrent = true
        scenarioEvaluations = [:]
        if model.scenario(named: scenarioName) == nil { scenarioName = "base" }   // the scenario was removed
        guard let old = evaluation else {
            let fresh = Evaluation(model: model, order: order, scenario: model.scenario(named: scenarioName))
            fresh.evaluateAll()
            evaluation = fresh
            applyWhatIfs()
            return SessionUpdate(state: state, edit: nil)
        }
        evaluation = nil   // the old evaluation hands its blocks to the new one
        let (next, edit) = old.reconciled(with: model, order: order, listingChanges: listingChanges, consuming: true)
        evaluation = next
        applyWhatIfs()
        return SessionUpdate(state: state, edit: edit)
    }

    /// Evaluates a scenario (`base` for none) from now on.
    public func select(scenario name: String) throws(SessionError) {
        guard let evaluation else { throw .noModel }
        let model = evaluation.model
        guard name == "base" || model.scenario(named: name) != nil else {
            throw .unknownScenario(name, known: ["base"] + model.scenarios.map(\.name))
        }
        guard name != scenarioName else { return }
        scenarioName = name
        scenarioEvaluations = [:]
        let fresh = Evaluation(model: model, order: evaluation.order, scenario: model.scenario(named: name))
        fresh.evaluateAll()
        self.evaluation = fresh
        applyWhatIfs()
    }

    /// What-ifs in `--set` syntax (`hires[2021-06..]=2`), in place of those set before; only
    /// what they reach is computed again. Wrong ones are refused with their diagnostics and
    /// change nothing.
    @discardableResult
    public func set(_ texts: [String]) throws(SessionError) -> Evaluation.UpdateReport {
        guard let evaluation else { throw .noModel }
        var parsed: [InputAssignment] = []
        for text in texts {
            let (assignment, problems) = evaluation.model.parseAssignment(text)
            guard let assignment else { throw .whatIf(text, problems) }
            parsed.append(assignment)
        }
        let dropped = !whatIfs.isEmpty
        whatIfs = texts
        scenarioEvaluations = [:]
        if dropped {   // earlier what-ifs are undone by computing the scenario afresh
            let fresh = Evaluation(model: evaluation.model, order: evaluation.order, scenario: evaluation.scenario)
            fresh.evaluateAll()
            self.evaluation = fresh
        }
        return self.evaluation!.set(parsed)
    }

    private func applyWhatIfs() {
        guard let evaluation, !whatIfs.isEmpty else { return }
        let parsed = whatIfs.compactMap { evaluation.model.parseAssignment($0).0 }
        whatIfs = whatIfs.filter { evaluation.model.parseAssignment($0).0 != nil }   // one whose input was removed lapses
        evaluation.set(parsed)
    }

    // MARK: Reading

    /// One cell's value: `employees[2021-04]`, `cost[Datacenter, 2021-04]`, `total`.
    public func value(of cell: String) throws(SessionError) -> Value {
        guard let evaluation else { throw .noModel }
        switch evaluation.model.cell(named: cell) {
        case .success(let c):
            let m = evaluation.model.memberCount(of: c.slot)
            return evaluation.values(of: c.slot)[(c.period ?? 0) * m + c.member]
        case .failure(let error):
            throw .unknownCell(error.message)
        }
    }

    /// A definition's values: a scalar's value, a series over the periods, by member.
    public func values(of name: String) -> ValueTree? {
        guard let evaluation, let slot = evaluation.model.slot(named: name) else { return nil }
        return ValueTree(evaluation, slot: slot)
    }

    /// Copies of some definitions' blocks, by name (nil for an unknown one), with the model they
    /// are of: in the session's evaluation, or in another scenario's (`base` for none) with the
    /// same what-ifs. nil when there is no model or no such scenario.
    public func blocks(of names: [String], scenario: String? = nil) -> SessionBlocks? {
        guard let evaluation = evaluation(scenario: scenario) else { return nil }
        let model = evaluation.model
        return SessionBlocks(model: model, columns: names.map { name in model.slot(named: name).map(evaluation.values(of:)) })
    }

    /// Some definitions' totals, counts and ends (``BlockSummary``), without copying their
    /// blocks out: what an editor's inlay hints show after every keystroke.
    public func summaries(of names: [String], scenario: String? = nil) -> SessionSummaries? {
        guard let evaluation = evaluation(scenario: scenario) else { return nil }
        let model = evaluation.model
        return SessionSummaries(model: model, summaries: names.map { name in model.slot(named: name).map(evaluation.summary(of:)) })
    }

    /// Some definitions' year totals as `kalkyl eval` shows them (``YearTotals``), without
    /// copying their blocks out: what an editor's inlay hints show beside the last value.
    public func yearTotals(of names: [String], scenario: String? = nil) -> SessionYearTotals? {
        guard let evaluation = evaluation(scenario: scenario) else { return nil }
        let model = evaluation.model
        return SessionYearTotals(model: model, totals: names.map { name in model.slot(named: name).map(evaluation.yearTotals(of:)) })
    }

    private func evaluation(scenario name: String?) -> Evaluation? {
        guard let evaluation else { return nil }
        guard let name, name != scenarioName else { return evaluation }
        if let known = scenarioEvaluations[name] { return known }
        let model = evaluation.model
        guard name == "base" || model.scenario(named: name) != nil else { return nil }
        let other: Evaluation
        if scenarioName == "base" {   // only what the scenario's overrides reach is computed again
            other = evaluation.fork(scenario: model.scenario(named: name)).0
        } else {   // a fork would keep the session's scenario's overrides
            other = Evaluation(model: model, order: evaluation.order, scenario: model.scenario(named: name))
            other.evaluateAll()
            other.set(whatIfs.compactMap { model.parseAssignment($0).0 })
        }
        scenarioEvaluations[name] = other
        return other
    }

    /// The checks that fail in the current values, as `kalkyl check` reports them.
    public func failingChecks() -> [Diagnostic] {
        guard let evaluation else { return [] }
        return CheckReport.diagnostics(CheckRunner.run(evaluation), in: evaluation.model)
    }

    /// `eval`'s report of these names, or of every definition but the checks.
    public func evalReport(names: [String] = []) -> EvalReport? {
        guard let evaluation else { return nil }
        let model = evaluation.model
        let slots = names.isEmpty ? model.definitions.indices.filter { !model.definitions[$0].isCheck } : names.compactMap(model.slot(named:))
        return EvalReport(evaluation: evaluation, slots: slots, scorecard: names.isEmpty ? model.scorecard : nil)
    }

    /// Why a cell has its value.
    public func explain(_ cell: String, depth: Int = 2) throws(SessionError) -> ExplainReport {
        guard let evaluation else { throw .noModel }
        switch evaluation.model.cell(named: cell) {
        case .success(let c):
            let explanation = Explainer.explain(c, in: evaluation, options: Explainer.Options(depth: depth))
            return ExplainReport(explanation, in: evaluation)
        case .failure(let error):
            throw .unknownCell(error.message)
        }
    }

    /// The model's checks, each failing cell a diagnostic.
    public func check() -> CheckReport? {
        evaluation.map { CheckReport($0, file: path) }
    }

    /// What differs in another scenario (the what-ifs apply to both sides).
    public func diff(against other: String) throws(SessionError) -> DiffReport {
        guard let evaluation else { throw .noModel }
        let model = evaluation.model
        guard other == "base" || model.scenario(named: other) != nil else {
            throw .unknownScenario(other, known: ["base"] + model.scenarios.map(\.name))
        }
        let parsed = whatIfs.compactMap { model.parseAssignment($0).0 }
        return DiffReport(model: model, order: evaluation.order, from: model.scenario(named: scenarioName),
                          to: model.scenario(named: other), whatIfs: parsed)
    }

    static func load(path: String, sources: MemorySources, cache: CheckCache) -> LoadedModel {
        do {
            return try ModelLoader.load(path: path, sources: sources, cache: cache)
        } catch {
            return LoadedModel(model: nil, order: nil, diagnostics: [.error(error.description, at: nil, code: .unreadableModel)],
                               parseSeconds: 0, graphSeconds: 0)
        }
    }
}

/// A session's model, diagnostics and settings at one moment.
public struct SessionState: Sendable {
    /// The last model without errors; nil when there has been none.
    public var model: CheckedModel?
    /// The latest text's problems.
    public var diagnostics: [Diagnostic]
    /// Whether the values are the latest text's (false while it has errors).
    public var isCurrent: Bool
    public var scenario: String
    /// The what-ifs in force, as typed.
    public var whatIfs: [String]
}

/// Some definitions' values, copied out of a session, and the model they are of.
public struct SessionBlocks: Sendable {
    public let model: CheckedModel
    /// In the order asked for; nil for a name the model does not define.
    public let columns: [Column?]
}

/// Some definitions' summaries, and the model they are of.
public struct SessionSummaries: Sendable {
    public let model: CheckedModel
    /// In the order asked for; nil for a name the model does not define.
    public let summaries: [BlockSummary?]
}

/// Some definitions' year totals, and the model they are of.
public struct SessionYearTotals: Sendable {
    public let model: CheckedModel
    /// In the order asked for; nil for a name the model does not define.
    public let totals: [YearTotals?]
}

/// What an edit did: the state after it, and the cells it changed (nil when nothing could
/// be compared: the text has errors, or there was no earlier model).
public struct SessionUpdate: Sendable {
    public var state: SessionState
    public var edit: EditReport?
}

public enum SessionError: Error, Sendable, CustomStringConvertible {
    /// The model has never loaded without errors.
    case noModel
    case unknownScenario(String, known: [String])
    case unknownCell(String)
    /// A what-if that does not read, with what is wrong.
    case whatIf(String, [Diagnostic])

    public var description: String {
        switch self {
        case .noModel: "the model has errors, and no earlier version without them"
        case .unknownScenario(let name, let known): "unknown scenario '\(name)'; the model has: \(known.joined(separator: ", "))"
        case .unknownCell(let message): message
        case .whatIf(let text, let problems): "--set \(text): " + problems.map(\.message).joined(separator: "; ")
        }
    }
}
