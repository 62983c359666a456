import Kalkyl

/// One model as the editor holds it: its unsaved text, parsed, checked and evaluated.
///
/// Every change of the buffer is checked again; when it checks, the last good evaluation is
/// reconciled with it (as `kalkyl watch` does), so only what the edit reached is computed
/// again. While the buffer has errors, hover and inlay hints show the last good values.
public final class ModelDocument {
    public let path: String
    public private(set) var text: String
    public private(set) var version: Int
    public private(set) var source: SourceFile
    public private(set) var syntax: SyntaxFile
    public private(set) var lines: LineIndex
    public private(set) var occurrences: Occurrences
    /// Diagnostics of the current text: syntax, checking and evaluation order.
    public private(set) var diagnostics: [Diagnostic]
    /// The model and its base evaluation from the last text that checked.
    public private(set) var evaluation: Evaluation?
    /// Evaluations of scenarios, made on first use from the base one.
    var scenarioEvaluations: [String: Evaluation] = [:]
    /// Whether `evaluation` is of the current text (false while the buffer has errors).
    public private(set) var isCurrent = false
    /// Inlay hint labels by slot, for the current evaluation.
    var hintCache: [Int: String] = [:]
    /// Cells computed again by the last change (all of them on the first).
    public private(set) var recomputedCells = 0
    /// The data files as last read: a keystroke does not read a 100,000-row staff file again.
    let dataCache = CheckCache()

    /// Where the data files are read: the editor's unsaved buffers, in front of the disk.
    public private(set) var sources: any SourceProvider

    /// With `analyse` false the text is only parsed (for outlines of files not open in the editor).
    public init(path: String, text: String, version: Int = 0, analyse: Bool = true, sources: any SourceProvider = DiskSources()) {
        self.sources = sources
        self.path = path
        self.text = text
        self.version = version
        let source = SourceFile(path: path, text: text)
        let (parsed, parseDiagnostics) = Parser.parse(source)
        self.source = source
        self.syntax = parsed
        self.lines = LineIndex(text: source.text)
        self.occurrences = Occurrences(parsed)
        self.diagnostics = parseDiagnostics
        if analyse { update(text: text, version: version) }
    }

    public var model: CheckedModel? { evaluation?.model }

    /// Checks the new text (and data files, from `sources` when given) and brings the values
    /// up to date with it.
    public func update(text: String, version: Int, sources: (any SourceProvider)? = nil) {
        if let sources { self.sources = sources }
        self.text = text
        self.version = version
        source = SourceFile(path: path, text: text)
        lines = LineIndex(text: source.text)
        let (parsed, _) = Parser.parse(source)
        syntax = parsed
        occurrences = Occurrences(parsed)
        let loaded = ModelLoader.load(source: source, sources: self.sources, cache: dataCache)
        diagnostics = loaded.diagnostics
        guard let model = loaded.model, let order = loaded.order, !loaded.hasErrors else {
            isCurrent = false
            return
        }
        scenarioEvaluations = [:]
        hintCache = [:]
        if let previous = evaluation {
            let (next, report) = previous.reconciled(with: model, order: order, listingChanges: false)
            evaluation = next
            recomputedCells = report.recomputedCells
        } else {
            let fresh = Evaluation(model: model, order: order)
            fresh.evaluateAll()
            evaluation = fresh
            recomputedCells = fresh.cellCount
        }
        isCurrent = true
        diagnostics += failingChecks()
    }

    /// The checks that fail in the current values, as warnings at each check: the text is
    /// right, the numbers are not, which `kalkyl check` reports as an error of the model.
    func failingChecks() -> [Diagnostic] {
        guard let evaluation else { return [] }
        return CheckReport.diagnostics(CheckRunner.run(evaluation), in: evaluation.model).map { failure in
            var warning = failure
            if warning.severity == .error { warning.severity = .warning }
            return warning
        }
    }

    /// The evaluation of a scenario of the current model (the base one for nil or "base").
    public func evaluation(scenario name: String?) -> Evaluation? {
        guard let base = evaluation else { return nil }
        guard let name, name != "base" else { return base }
        if let known = scenarioEvaluations[name] { return known }
        guard let scenario = base.model.scenario(named: name) else { return nil }
        let (forked, _) = base.fork(scenario: scenario)
        scenarioEvaluations[name] = forked
        return forked
    }

    /// The scenario block around a byte offset, if any.
    public func scenario(around offset: Int) -> ScenarioSyntax? {
        for case .scenario(let s) in syntax.statements where s.range.start <= offset && offset <= s.range.end { return s }
        return nil
    }

    /// The statement that defines a name first, for its label, unit and source range.
    public func definitionStatement(of name: String) -> Definition? {
        for statement in syntax.statements {
            switch statement {
            case .definition(let d) where d.name == name, .check(let d) where d.name == name: return d
            default: continue
            }
        }
        return nil
    }
}
