import Kalkyl

/// The grammar of a board-pack layout (`workbooks/*.layout`). Each rule is one method below.
///
/// ```
/// layout     := (statement? NEWLINE)* END
/// statement  := LABEL* ( "title" STRING | "note" STRING | "period" (period | NAME) | "scenario" NAME
///                      | "scenarios" NAME ("," NAME)+
///                      | "sheet" STRING
///                      | "columns" column ("," column)*
///                      | "heading" STRING | "blank" | "total" STRING
///                      | "row" reference STRING? ("vs" reference)? option*
///                      | "chart" ("line" | "column") STRING reference ("," reference)* ("for" NAME ("," NAME)*)? )
/// column     := (STRING "=")? (NAME ("-" NAME)?)? ("budget" | "variance")? span
///               (a NAME: a scenario, or base; `stopp - base`: the difference of the two)
/// span       := "value" | "months" | "tertials" | "year" | "ytd" | period (".." period)?
/// reference  := NAME ("[" member ("," member)* "]")?
/// member     := NAME | STRING
/// option     := NAME | "%"
/// period     := PERIOD | NUMBER
/// ```
///
/// The words are the layout's keywords, the names the model's: a layout reads like the model it
/// presents, with `#` comments and `## labels` above rows. The tokens are the model language's
/// own (Kalkyl's lexer), so strings, periods and comments behave the same in both files.
public struct LayoutParser {
    var tokens: [Token]
    var index = 0
    let file: SourceFile
    var diagnostics: [Diagnostic] = []
    /// Errors inside one statement are reported once; the parser then skips to the next line.
    struct Abandon: Error {}

    /// The file proved too large to read: its tokens were not all read, and it is not parsed.
    var tooLarge = false

    init(file: SourceFile) {
        self.file = file
        let lexed = Lexer.weighed(file)
        tokens = lexed.tokens
        diagnostics = lexed.diagnostics
        tooLarge = lexed.tooLarge
    }

    /// Parses a whole layout; the diagnostics list every syntax error found.
    public static func parse(_ file: SourceFile) -> (LayoutSyntax, [Diagnostic]) {
        var parser = LayoutParser(file: file)
        guard !parser.tooLarge else { return (LayoutSyntax(file: file, statements: []), parser.diagnostics) }
        let statements = parser.parseLayout()
        return (LayoutSyntax(file: file, statements: statements), parser.diagnostics)
    }

    static let statementWords = ["title", "note", "period", "scenario", "scenarios", "sheet", "columns", "heading", "blank", "total", "row", "chart"]
    static let spanWords = ["value", "months", "tertials", "year", "ytd"]

    // MARK: - Rules

    mutating func parseLayout() -> [LayoutStatement] {
        var statements: [LayoutStatement] = []
        var labels: [String] = []
        while kind != .end {
            if kind == .newline { _ = advance(); continue }
            if case .label(let text) = kind {
                labels.append(text)
                _ = advance()
                continue
            }
            do {
                var statement = try parseStatement()
                statement.label = labels.isEmpty ? nil : labels.joined(separator: " ")
                guard kind == .newline || kind == .end else { throw fail("expected the end of the line, found \(describe(kind))") }
                statements.append(statement)
            } catch {
                recover()
            }
            labels = []
        }
        return statements
    }

    mutating func parseStatement() throws -> LayoutStatement {
        let start = current.range
        guard case .identifier(let word) = kind else {
            throw fail("expected a statement such as 'row', 'sheet' or 'columns', found \(describe(kind))")
        }
        _ = advance()
        let kind: LayoutStatement.Kind
        switch word {
        case "title": kind = .title(try parseString("the title"))
        case "note": kind = .note(try parseString("the note"))
        case "period":
            if case .identifier(let name) = self.kind {
                kind = .period(LayoutPeriod(year: 0, month: nil, range: advance().range, name: name))
            } else {
                kind = .period(try parsePeriod())
            }
        case "scenario": kind = .scenario(try parseName("a scenario's name"))
        case "scenarios":
            var names = [try parseName("a scenario's name")]
            while self.kind == .comma {
                _ = advance()
                names.append(try parseName("a scenario's name"))
            }
            kind = .scenarios(names)
        case "sheet": kind = .sheet(try parseString("the sheet's name"))
        case "columns": kind = .columns(try parseColumns())
        case "heading": kind = .heading(try parseString("the heading"))
        case "blank": kind = .blank
        case "total": kind = .total(try parseString("the total's label"))
        case "row": kind = .row(try parseRow())
        case "chart": kind = .chart(try parseChart())
        default:
            let hint = Suggestions.closest(to: word, in: Self.statementWords).map { "did you mean '\($0)'?" }
                ?? "a layout line starts with one of: \(Self.statementWords.joined(separator: ", "))"
            throw fail("unknown statement '\(word)'", at: start, hint: hint, code: .unknownLayoutWord)
        }
        return LayoutStatement(kind: kind, range: start, label: nil)
    }

    mutating func parseColumns() throws -> [LayoutColumnSyntax] {
        var columns = [try parseColumn()]
        while kind == .comma {
            _ = advance()
            columns.append(try parseColumn())
        }
        return columns
    }

    mutating func parseColumn() throws -> LayoutColumnSyntax {
        let start = current.range
        var header: String?
        if case .string(let text) = kind {
            header = text
            _ = advance()
            _ = try expect(.equal, "'=' after the column's header")
        }
        // A scenario's figures (`stopp year`), or the difference of two (`stopp - base year`).
        var scenario: LayoutName?, against: LayoutName?
        if case .identifier(let word) = kind, !Self.spanWords.contains(word), word != "budget", word != "variance",
           Self.startsSpan(peek(1)) || peek(1) == .minus {
            scenario = LayoutName(text: word, range: advance().range)
            if kind == .minus {
                _ = advance()
                against = try parseName("the scenario to subtract, such as base")
            }
        }
        var measure = LayoutColumnSyntax.Measure.value
        if case .identifier(let word) = kind, word == "budget" || word == "variance" {
            measure = word == "budget" ? .budget : .variance
            _ = advance()
        }
        let span = try parseSpan()
        var column = LayoutColumnSyntax(header: header, measure: measure, span: span, range: start.union(tokens[max(0, index - 1)].range))
        column.scenario = scenario
        column.against = against
        return column
    }

    /// Whether a token can start what follows a column's scenario: a measure or a span.
    static func startsSpan(_ kind: TokenKind) -> Bool {
        switch kind {
        case .identifier(let word): spanWords.contains(word) || word == "budget" || word == "variance"
        case .period, .number: true
        default: false
        }
    }

    func peek(_ offset: Int) -> TokenKind {
        let i = index + offset
        return i < tokens.count ? tokens[i].kind : .end
    }

    mutating func parseSpan() throws -> LayoutColumnSyntax.Span {
        switch kind {
        case .identifier(let word):
            let range = current.range
            _ = advance()
            switch word {
            case "value": return .value
            case "months": return .months
            case "tertials": return .tertials
            case "year": return .year
            case "ytd": return .ytd
            default:
                let hint = Suggestions.closest(to: word, in: Self.spanWords + ["budget", "variance"]).map { "did you mean '\($0)'?" }
                    ?? "a column is value, months, tertials, year, ytd or a period such as 2021-04, after budget or variance if need be"
                throw fail("unknown column '\(word)'", at: range, hint: hint, code: .unknownLayoutWord)
            }
        case .period, .number:
            let from = try parsePeriod()
            guard kind == .dotDot else { return .periods(from, from) }
            _ = advance()
            return .periods(from, try parsePeriod())
        default:
            throw fail("expected a column (value, months, tertials, year, ytd or a period), found \(describe(kind))")
        }
    }

    mutating func parseRow() throws -> LayoutRowSyntax {
        let reference = try parseReference()
        var label: String?
        if case .string(let text) = kind {
            label = text
            _ = advance()
        }
        var comparison: LayoutReference?
        if case .identifier("vs") = kind {
            _ = advance()
            comparison = try parseReference()
        }
        var options: [LayoutName] = []
        while true {
            switch kind {
            case .identifier(let word):
                options.append(LayoutName(text: word, range: advance().range))
            case .percent:
                options.append(LayoutName(text: "%", range: advance().range))
            default:
                return LayoutRowSyntax(reference: reference, label: label, comparison: comparison, options: options)
            }
        }
    }

    mutating func parseChart() throws -> LayoutChartSyntax {
        let kindName = try parseName("the kind of chart (line or column)")
        let title = try parseString("the chart's title")
        var series = [try parseReference()]
        while kind == .comma {
            _ = advance()
            series.append(try parseReference())
        }
        var chart = LayoutChartSyntax(kind: kindName, title: title, series: series)
        if case .identifier("for") = kind {
            _ = advance()
            chart.scenarios = [try parseName("a scenario's name")]
            while kind == .comma {
                _ = advance()
                chart.scenarios.append(try parseName("a scenario's name"))
            }
        }
        return chart
    }

    mutating func parseReference() throws -> LayoutReference {
        let name = try parseName("a name from the model")
        var members: [LayoutName] = []
        var range = name.range
        if kind == .leftBracket {
            _ = advance()
            repeat {
                if kind == .comma { _ = advance() }
                switch kind {
                case .identifier(let text), .string(let text):
                    members.append(LayoutName(text: text, range: advance().range))
                default:
                    throw fail("expected a member's name, found \(describe(kind))")
                }
            } while kind == .comma
            range = range.union(try expect(.rightBracket, "']'").range)
        }
        return LayoutReference(name: name, members: members, range: range)
    }

    mutating func parsePeriod() throws -> LayoutPeriod {
        switch kind {
        case .period(let year, let month):
            return LayoutPeriod(year: year, month: month, range: advance().range)
        case .number(let x) where x == x.rounded() && x >= 1 && x <= 9999:
            return LayoutPeriod(year: Int(x), month: nil, range: advance().range)
        default:
            throw fail("expected a period such as 2021-04 (or a year such as 2021), found \(describe(kind))")
        }
    }

    mutating func parseName(_ what: String) throws -> LayoutName {
        guard case .identifier(let text) = kind else { throw fail("expected \(what), found \(describe(kind))") }
        return LayoutName(text: text, range: advance().range)
    }

    mutating func parseString(_ what: String) throws -> String {
        guard case .string(let text) = kind else {
            throw fail("expected \(what) in quotes, found \(describe(kind))", hint: "text is written in double quotes: \"Personalkostnad\"")
        }
        _ = advance()
        return text
    }

    // MARK: - Tokens

    var current: Token { tokens[index] }
    var kind: TokenKind { tokens[index].kind }

    mutating func advance() -> Token {
        let t = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return t
    }

    mutating func expect(_ expected: TokenKind, _ what: String) throws -> Token {
        guard kind == expected else { throw fail("expected \(what), found \(describe(kind))") }
        return advance()
    }

    /// Records a syntax error and abandons the line. Most are "expected …", the grammar
    /// wanting something else here (K0109); other kinds name their code.
    mutating func fail(_ message: String, at range: SourceRange? = nil, hint: String? = nil,
                       code: DiagnosticCode = .expectedSomethingElse) -> Abandon {
        diagnostics.append(.error(message, at: SourceLocation(file: file, range: range ?? current.range), hint: hint, code: code))
        return Abandon()
    }

    /// Skips the rest of a broken statement, up to and including its line break.
    mutating func recover() {
        while kind != .end {
            if advance().kind == .newline { return }
        }
    }

    func describe(_ kind: TokenKind) -> String {
        switch kind {
        case .identifier(let s): "'\(s)'"
        case .number: "a number"
        case .period(let y, let m): "the period \(Period.label(year: y, month: m))"
        case .string(let s): "the text \"\(s)\""
        case .error(let e): e.spelling
        case .label: "a ## label"
        case .newline: "the end of the line"
        case .end: "the end of the file"
        case .equal: "'='"
        case .comma: "','"
        case .percent: "'%'"
        case .leftBracket: "'['"
        case .rightBracket: "']'"
        case .dotDot: "'..'"
        case .colon: "':'"
        default: "a symbol that has no place here"
        }
    }
}
