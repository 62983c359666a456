import Kalkyl

/// One model as the editor holds it: its unsaved text, parsed for positions and names, over
/// the library's `ModelSession`, which checks and evaluates every change of the buffer (or of
/// a data file open in the editor) and computes again only what the edit reached, as
/// `kalkyl watch` does. While the buffer has errors, hover and inlay hints show the session's
/// last good values.
public final class ModelDocument {
    public let path: String
    public private(set) var text: String
    public private(set) var version: Int
    public private(set) var source: SourceFile
    package private(set) var syntax: SyntaxFile
    public private(set) var lines: LineIndex
    public private(set) var occurrences: Occurrences
    /// Diagnostics of the current text: syntax, checking and evaluation order, and the checks
    /// that fail in its values (as warnings).
    public private(set) var diagnostics: [Diagnostic]
    /// The engine over the buffer; nil for a file only parsed (an outline of a file not open).
    let session: ModelSession?
    /// The last model that checked: the one the session's values are of.
    public private(set) var model: CheckedModel?
    /// Whether `model` is of the current text (false while the buffer has errors).
    public private(set) var isCurrent = false
    /// Inlay hint labels by definition name, for the current values.
    var hintCache: [String: String] = [:]
    /// Where data files are read for a column's header: the editor's buffers over the disk.
    public private(set) var sources: any SourceProvider

    /// A file only parsed, for its outline: no checking, no values.
    public init(path: String, text: String) {
        self.path = path
        self.text = text
        self.version = 0
        self.sources = DiskSources()
        (source, syntax, lines, occurrences, diagnostics) = Self.parse(path: path, text: text)
        self.session = nil
    }

    /// A model open in the editor: its text and the data files open beside it (`buffers`)
    /// over the disk, checked and evaluated.
    public init(path: String, text: String, version: Int, buffers: MemorySources) async {
        self.path = path
        self.text = text
        self.version = version
        self.sources = buffers
        (source, syntax, lines, occurrences, diagnostics) = Self.parse(path: path, text: text)
        var unsaved = buffers.files.mapValues { String(decoding: $0, as: UTF8.self) }
        unsaved[path] = text
        let session = ModelSession(path: path, sources: buffers.fallback ?? DiskSources(), buffers: unsaved)
        self.session = session
        await refresh(from: await session.state)
    }

    /// The buffer's new text: parsed here, checked and evaluated by the session.
    public func update(text: String, version: Int) async {
        self.text = text
        self.version = version
        let parseDiagnostics: [Diagnostic]
        (source, syntax, lines, occurrences, parseDiagnostics) = Self.parse(path: path, text: text)
        guard let session else {
            diagnostics = parseDiagnostics
            return
        }
        await refresh(from: session.update(text: text, listingChanges: false).state)
    }

    /// The buffer's text parsed for what the editor asks of it before any checking: positions,
    /// names and the syntax's diagnostics.
    private static func parse(path: String, text: String)
        -> (SourceFile, SyntaxFile, LineIndex, Occurrences, [Diagnostic]) {
        let source = SourceFile(path: path, text: text)
        let (parsed, diagnostics) = Parser.parse(source)
        return (source, parsed, LineIndex(text: source.text), Occurrences(parsed), diagnostics)
    }

    /// A data file's unsaved text changed (nil: it was closed, so the file on disk counts
    /// again); `buffers` are the editor's data buffers now.
    public func dataChanged(path file: String, text: String?, buffers: MemorySources) async {
        sources = buffers
        guard let session else { return }
        await refresh(from: session.update(file: file, text: text, listingChanges: false).state)
    }

    private func refresh(from state: SessionState) async {
        hintCache = [:]
        model = state.model
        isCurrent = state.isCurrent
        diagnostics = state.diagnostics
        guard state.isCurrent, let session else { return }
        // The text is right but the numbers are not: `kalkyl check` reports it as an error of
        // the model; in the editor it is a warning at the check.
        diagnostics += await session.failingChecks().map { failure in
            var warning = failure
            if warning.severity == .error { warning.severity = .warning }
            return warning
        }
    }

    /// Some definitions' values (base, or a scenario's), copied from the session, with the
    /// model they are of.
    func blocks(of names: [String], scenario: String? = nil) async -> SessionBlocks? {
        await session?.blocks(of: names, scenario: scenario)
    }

    /// The scenario block around a byte offset, if any.
    package func scenario(around offset: Int) -> ScenarioSyntax? {
        for case .scenario(let s) in syntax.statements where s.range.start <= offset && offset <= s.range.end { return s }
        return nil
    }

    /// The statement that defines a name first, for its label, unit and source range.
    package func definitionStatement(of name: String) -> Definition? {
        for statement in syntax.statements {
            switch statement {
            case .definition(let d) where d.name == name, .check(let d) where d.name == name: return d
            default: continue
            }
        }
        return nil
    }
}
