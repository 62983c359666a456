/// A problem found in a model, with the place it was found.
public struct Diagnostic: Sendable, Error {
    public enum Severity: String, Sendable { case error, warning, note }

    public var severity: Severity
    public var message: String
    public var location: SourceLocation?
    /// Further places that explain this one, such as the first definition of a redefined name.
    public var notes: [Diagnostic]
    /// A suggestion printed after the caret, such as "did you mean 'employees'?".
    public var hint: String?
    /// Its stable code (`K0201`), which editors show and scripts match on; nil only on a
    /// diagnostic still being made (every stage codes those it hands out).
    public var code: DiagnosticCode?
    /// A file the model names (a data file) could not be found or read: the command line
    /// exits 3 for it, as for a model file it cannot read, not 1 as for a mistake in the model.
    public var isUnreadableFile = false

    public init(_ severity: Severity = .error, _ message: String, at location: SourceLocation?, hint: String? = nil, notes: [Diagnostic] = [],
                code: DiagnosticCode? = nil) {
        self.severity = severity
        self.message = message
        self.location = location
        self.hint = hint
        self.notes = notes
        self.code = code
    }

    public static func error(_ message: String, at location: SourceLocation?, hint: String? = nil, notes: [Diagnostic] = [],
                             code: DiagnosticCode? = nil) -> Diagnostic {
        Diagnostic(.error, message, at: location, hint: hint, notes: notes, code: code)
    }
}

/// Renders diagnostics as compilers do: `file:line:col: error: message`, the line, a caret.
public enum DiagnosticRenderer {
    public static func render(_ d: Diagnostic) -> String {
        var out = ""
        append(d, to: &out)
        return out
    }

    public static func render(_ ds: [Diagnostic]) -> String {
        ds.map(render).joined()
    }

    private static func append(_ d: Diagnostic, to out: inout String) {
        guard let loc = d.location else {
            out += "kalkyl: \(d.severity.rawValue): \(d.message)\n"
            if let hint = d.hint { out += "  hint: \(hint)\n" }
            for n in d.notes { append(n, to: &out) }
            return
        }
        let (line, column) = loc.file.lineAndColumn(of: loc.range.start)
        out += "\(loc.file.path):\(line):\(column): \(d.severity.rawValue): \(d.message)\n"
        let text = loc.file.line(line)
        let shown = text.count > 200 ? excerpt(text, around: column) : (text, column)
        out += shown.0 + "\n"
        // Keep tabs under tabs so the caret lines up in a terminal.
        let lead = shown.0.prefix(shown.1 - 1).map { $0 == "\t" ? "\t" : " " }.joined()
        let endColumn = loc.file.lineAndColumn(of: loc.range.end)
        var width = 1
        if endColumn.line == line { width = max(1, min(endColumn.column - column, 80)) }
        out += lead + "^" + String(repeating: "~", count: width - 1) + "\n"
        if let hint = d.hint { out += "  hint: \(hint)\n" }
        for n in d.notes { append(n, to: &out) }
    }

    /// A window of a very long line around the column, so a 200,000-term line prints readably.
    /// Found by walking the line's characters, not by making an array of them: a data file's
    /// line of 120 million bytes took 16 bytes a character (1.9 GB) that way.
    private static func excerpt(_ text: String, around column: Int) -> (String, Int) {
        let from = max(0, column - 1 - 80)
        let start = text.index(text.startIndex, offsetBy: from, limitedBy: text.endIndex) ?? text.endIndex
        let end = text.index(start, offsetBy: column - 1 + 80 - from, limitedBy: text.endIndex) ?? text.endIndex
        let prefix = from > 0 ? "…" : ""
        let suffix = end < text.endIndex ? "…" : ""
        return (prefix + String(text[start..<end]) + suffix, column - from + prefix.count)
    }
}
