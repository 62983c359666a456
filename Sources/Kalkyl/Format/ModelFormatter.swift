/// The one canonical layout of a model file, for `kalkyl fmt` and the language server.
///
/// The formatter keeps the author's lines: every line of the file stays a line, blank lines
/// stay, comments stay on the line they are on. Within a line it decides the spacing from the
/// tokens alone:
/// - one space around binary operators, `=` and `..`, after commas and after `:`;
/// - none inside brackets and parentheses, before `,`, `:` and a postfix `%`, after a sign,
///   between a function and its `(` and between a name and its `[`;
/// - inside a subscript, `month-1` and `2021-04 ..]` are written tight, as periods are;
/// - statements start at the left margin, the lines of a `scenario` or `measure` block are
///   indented by two spaces, and a line that continues a statement (inside brackets, or after
///   a trailing comma) by four more.
///
/// Across lines it aligns two things:
/// - the `=` of a run of one-line definitions (with no blank line, comment or label between);
/// - the trailing comments of consecutive lines, at the column the author chose for them
///   (the leftmost in the run) or two spaces after the longest code, whichever is further right.
///   A comment-only line under a trailing comment, at its column, stays under it.
///
/// A file with syntax errors is not formatted: the errors are returned instead. Formatting a
/// formatted file changes nothing.
public enum ModelFormatter {
    /// The file in its canonical layout, or the syntax errors that prevent formatting it.
    public static func format(_ file: SourceFile) -> Result<String, FormatError> {
        let (syntax, diagnostics) = Parser.parse(file)
        let errors = diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else { return .failure(FormatError(diagnostics: errors)) }
        var layout = LineLayout(file: file, syntax: syntax)
        return .success(layout.render())
    }

    /// Formats text given in memory (an editor's buffer), with `path` used in its diagnostics.
    public static func format(text: String, path: String) -> Result<String, FormatError> {
        format(SourceFile(path: path, text: text))
    }
}

/// Why a file could not be formatted: its syntax errors.
public struct FormatError: Error, Sendable {
    public var diagnostics: [Diagnostic]
}

/// One source line, split into its tokens and its comment.
struct SourceLine {
    var tokens: [Token]
    /// The comment, from its `#` to the end of the line without trailing spaces.
    var comment: String?
    /// The column (in characters, from 0) of the comment's `#` in the source.
    var commentColumn = 0
}

/// The layout of the lines of one file: spacing, indentation and alignment.
struct LineLayout {
    let file: SourceFile
    let lines: [SourceLine]
    /// Where a sign (`-x`, `+x`) stands, by byte offset: no space after it.
    let signs: Set<Int>
    /// Where a function's name stands in a call: no space before its `(`.
    let calls: Set<Int>
    /// Where each one-line definition starts: the candidates for aligning `=`.
    let definitionStarts: Set<Int>

    init(file: SourceFile, syntax: SyntaxFile) {
        self.file = file
        let (tokens, _) = Lexer.tokenize(file)
        self.lines = LineLayout.split(file, tokens: tokens)
        var signs = Set<Int>(), calls = Set<Int>()
        for tree in syntax.formulaTrees {
            for node in tree.nodes {
                switch node.kind {
                case .negate, .plus: signs.insert(node.range.start)
                case .call: calls.insert(node.range.start)
                default: break
                }
            }
        }
        self.signs = signs
        self.calls = calls
        var starts = Set<Int>()
        func add(_ d: Definition) {
            if file.lineAndColumn(of: d.range.start).line == file.lineAndColumn(of: d.range.end).line { starts.insert(d.range.start) }
        }
        for statement in syntax.statements {
            switch statement {
            case .definition(let d): add(d)
            case .scenario(let s): s.overrides.forEach(add)
            default: break
            }
        }
        self.definitionStarts = starts
    }

    /// The file's lines with the tokens that start on each and the comment that ends it.
    static func split(_ file: SourceFile, tokens: [Token]) -> [SourceLine] {
        var lines: [SourceLine] = []
        var next = 0
        for number in 0..<file.lineCount {
            let start = file.lineStart(number)
            var end = number + 1 < file.lineCount ? file.lineStart(number + 1) : file.bytes.count
            if end > start, file.bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
            var line = SourceLine(tokens: [])
            while next < tokens.count, tokens[next].range.start <= end, tokens[next].kind != .end || tokens[next].range.start < end {
                switch tokens[next].kind {
                case .newline, .end: break
                default: line.tokens.append(tokens[next])
                }
                next += 1
            }
            let codeEnd = line.tokens.last?.range.end ?? start
            let rest = String(decoding: file.bytes[min(codeEnd, end)..<end], as: UTF8.self)
            if let hash = rest.firstIndex(of: "#") {
                line.comment = String(rest[hash...]).trimmingTrailingSpaces()
                let before = String(decoding: file.bytes[start..<min(codeEnd, end)], as: UTF8.self) + rest[..<hash]
                line.commentColumn = before.count
            }
            lines.append(line)
        }
        return lines
    }

    func text(_ token: Token) -> String {
        let s = String(decoding: file.bytes[token.range.start..<token.range.end], as: UTF8.self)
        if case .label = token.kind { return s.trimmingTrailingSpaces() }
        return s
    }

    /// What opens a nesting: brackets and parentheses continue a statement, a block's brace does not.
    enum Opener { case paren, bracket, arrayBrace, block }

    /// A line laid out: its indentation and code, and for a one-line definition where its `=` is.
    struct LaidOut {
        var indent = 0
        /// The code before the defining `=` (for a definition), or all of it.
        var head = ""
        /// From the defining `=` on, for a definition.
        var tail: String?
        var comment: String?
        var commentColumn = 0
        var code: String { tail.map { head + " " + $0 } ?? head }
    }

    mutating func render() -> String {
        var stack: [Opener] = []
        var afterComma = false
        var laidOut: [LaidOut] = []
        for line in lines {
            var out = LaidOut(comment: line.comment, commentColumn: line.commentColumn)
            // Closing braces at the start of the line belong to the block they close.
            var depth = stack.filter { $0 == .block }.count
            if line.tokens.first?.kind == .rightBrace, stack.last == .block { depth -= 1 }
            let continues = afterComma || stack.contains { $0 != .block }
            out.indent = 2 * depth + (continues ? 4 : 0)
            guard !line.tokens.isEmpty else {
                laidOut.append(out)
                continue
            }
            let isDefinition = !continues && definitionStarts.contains(line.tokens[0].range.start)
            var code = ""
            var localDepth = 0
            var previous: Token?
            var foundEqual = false
            var inUnit = false
            for token in line.tokens {
                // A unit is written as one word: kr/persons.
                if isDefinition, !foundEqual, localDepth == 0, token.kind == .colon { inUnit = true }
                if inUnit, !foundEqual, let previous, [.slash, .star].contains(token.kind) || [.slash, .star].contains(previous.kind) {
                    // no space inside a compound unit
                } else if let previous { code += separator(previous, token, stack: stack) }
                if isDefinition, !foundEqual, localDepth == 0, token.kind == .equal {
                    foundEqual = true
                    out.head = code.trimmingTrailingSpaces()
                    code = ""
                }
                code += text(token)
                switch token.kind {
                case .leftParen: stack.append(.paren); localDepth += 1
                case .leftBracket: stack.append(.bracket); localDepth += 1
                case .leftBrace:
                    let opensBlock = localDepth == 0 && previous.map(Self.endsHeader) ?? true
                    stack.append(opensBlock ? .block : .arrayBrace)
                    localDepth += 1
                case .rightParen, .rightBracket, .rightBrace:
                    if !stack.isEmpty { stack.removeLast() }
                    localDepth -= 1
                default: break
                }
                previous = token
            }
            if foundEqual {
                out.tail = code
            } else {
                out.head = code
            }
            afterComma = line.tokens.last?.kind == .comma && !stack.contains { $0 != .block }
            laidOut.append(out)
        }
        alignDefinitions(&laidOut)
        return joined(alignComments(laidOut))
    }

    /// A block's `{` follows the header's last word, text or unit; an array's follows an operator.
    static func endsHeader(_ token: Token) -> Bool {
        switch token.kind {
        case .identifier, .string, .percent, .rightBracket: true
        default: false
        }
    }

    /// The spacing between two tokens on one line.
    func separator(_ a: Token, _ b: Token, stack: [Opener]) -> String {
        // An array constant is written as Excel writes it: {1,2;3,-4}.
        if stack.last == .arrayBrace { return "" }
        switch a.kind {
        case .leftParen, .leftBracket: return ""
        case .leftBrace where stack.last == .arrayBrace: return ""
        default: break
        }
        switch b.kind {
        case .rightParen, .rightBracket, .comma, .semicolon, .colon: return ""
        case .rightBrace where stack.last == .arrayBrace: return ""
        case .leftParen:
            if case .identifier = a.kind, calls.contains(a.range.start) { return "" }
        case .leftBracket:
            if case .identifier = a.kind { return "" }
        case .percent:
            return a.kind == .colon ? " " : ""
        default: break
        }
        if stack.last == .bracket {
            if [.minus, .plus].contains(a.kind) || [.minus, .plus].contains(b.kind) { return "" }
        }
        if (a.kind == .minus || a.kind == .plus) && signs.contains(a.range.start) { return "" }
        return " "
    }

    /// Pads the code before `=` in each run of one-line definitions to the run's widest.
    func alignDefinitions(_ lines: inout [LaidOut]) {
        var i = 0
        while i < lines.count {
            guard lines[i].tail != nil else { i += 1; continue }
            var j = i
            while j + 1 < lines.count, lines[j + 1].tail != nil, lines[j + 1].indent == lines[i].indent { j += 1 }
            let width = lines[i...j].map(\.head.count).max() ?? 0
            for k in i...j { lines[k].head = lines[k].head.padded(toCharacters: width) }
            i = j + 1
        }
    }

    /// Each line's text, with trailing comments aligned in runs of consecutive lines.
    func alignComments(_ lines: [LaidOut]) -> [String] {
        var result: [String] = []
        var i = 0
        while i < lines.count {
            let line = lines[i]
            let code = line.code
            guard !code.isEmpty, line.comment != nil else {
                let indent = String(repeating: " ", count: line.indent)
                let body = code.isEmpty ? (line.comment ?? "") : code
                result.append(body.isEmpty ? "" : indent + body)
                i += 1
                continue
            }
            // A run: lines with code and a comment, and comment-only lines hanging under them.
            var run = [i]
            var j = i + 1
            while j < lines.count, lines[j].comment != nil {
                if !lines[j].code.isEmpty {
                    run.append(j)
                } else if lines[j].commentColumn == lines[j - 1].commentColumn, lines[j - 1].comment != nil {
                    run.append(j)
                } else {
                    break
                }
                j += 1
            }
            let codeWidth = run.map { lines[$0].code.isEmpty ? 0 : lines[$0].indent + lines[$0].code.count }.max() ?? 0
            let chosen = run.filter { !lines[$0].code.isEmpty }.map { lines[$0].commentColumn }.min() ?? 0
            let column = max(codeWidth + 2, chosen)
            for k in run {
                let start = lines[k].code.isEmpty ? "" : String(repeating: " ", count: lines[k].indent) + lines[k].code
                result.append(start.padded(toCharacters: column) + lines[k].comment!)
            }
            i = j
        }
        return result
    }

    /// The lines as a file: no trailing blank lines, one final line break.
    func joined(_ lines: [String]) -> String {
        var lines = lines
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
        return String(s)
    }
}
