/// The grammar of a model file. Each rule is one method below, in this order.
///
/// ```
/// file        := (statement? NEWLINE)* END
/// statement   := LABEL* ( "model" STRING
///                       | "dimension" NAME ("in" NAME)? ("=" member (":" NAME)? ("," …)* | "from" STRING "key" NAME ("name" NAME)? ("parent" NAME ("from" STRING "key" NAME)?)?
///                                                   | "from" STRING "sie" (NUMBER | "account" accounts?))
///                         (a member of a dimension without "in" may be followed by ":" and its accounts: 3000..3999 6000)
///                       | "check" NAME subscript? ":" expression
///                       | "timeline" ("monthly" | "yearly") period ".." period
///                       | "fiscal" "year" "starts" NUMBER
///                       | "language" NAME                         (sv or en)
///                       | "actuals" "through" (period | NAME)
///                       | "scenario" NAME STRING? "{" (override NEWLINE)* "}"
///                       | "measure" NAME "in" NAME (":" unit)? "{" (measureLine NEWLINE)* "}"
///                       | "input"? kind NAME subscript? (":" unit)? "=" (expression | source options) )
/// kind        := ("cost" | "revenue" | "result")? ("stock" | "flow" | "average")?   (either order; only when a name follows)
/// source      := "column" NAME | "data" STRING ( "wide" keys | "long" keys? "period" NAME "amount" NAME "sum"?
///                                              | keys "column" NAME
///                                              | "sie" NAME "key" (NUMBER | "account") ("," (NUMBER | "account"))* )
///               options
/// options     := ("missing" "0" | "spread" … | "in" "percent")*       (DataOptionsParser.swift)
/// keys        := "key" NAME ("," NAME)*
/// options     := ("missing" "0" | "credit" "positive" | "spread" ("evenly" | "by" …))*   (DataOptionsParser)
/// override    := NAME subscript? "=" expression
/// measureLine := "target" bound | "partial" (bound | "within" expression)
///              | ("baseline" | "outcome" | "assessment") "=" expression
/// bound       := ("at" "least" | "at" "most" | "above" | "below") expression
///              | "between" expression "and" expression | "increase" | "decrease"
///
/// expression  := comparison
/// comparison  := concat (("=" | "<>" | "<" | "<=" | ">" | ">=") concat)*
/// concat      := additive ("&" additive)*
/// additive    := term (("+" | "-") term)*
/// term        := power (("*" | "/") power)*
/// power       := percent ("^" percent)*
/// percent     := unary "%"*
/// unary       := ("-" | "+") unary | primary
/// primary     := NUMBER | STRING | TRUE | FALSE | ERROR | PERIOD
///              | NAME "(" arguments? ")" | NAME subscript? | "(" expression ")" | array
/// array       := "{" row (";" row)* "}"          (rows of equal length, as Excel writes them)
/// row         := constant ("," constant)*
/// constant    := ("-" | "+")? NUMBER | STRING | TRUE | FALSE | ERROR
/// subscript   := "[" part ("," part)* "]"
/// part        := AXIS (("+" | "-") NUMBER)? | period | bound ".." bound? | NAME | STRING
/// bound       := period | NAME                          (a NAME: an input holding a period)
/// ```
///
/// Excel's precedence is visible in the chain: negation binds tighter than `%`, which binds
/// tighter than `^`, so `-2^2` is 4 as in Excel, and every binary operator is left-associative.
package struct Parser {
    var tokens: [Token]
    var index = 0
    let file: SourceFile
    var diagnostics: [Diagnostic] = []
    /// Nesting of parentheses, calls and signs; past the limit the formula is refused, not the stack.
    var depth = 0
    static let maxDepth = 256
    /// Open brackets around the current token: line breaks inside them do not end a statement.
    var groupDepth = 0
    /// Where the current statement started, to come back to when a bracket was never closed.
    var statementStart = 0
    var unclosedGroup = false
    /// Names whose definitions hold a syntax error (`SyntaxFile.brokenDefinitions`).
    var brokenDefinitions: Set<String> = []
    /// Errors inside one statement are reported once; the parser then skips to the next line.
    struct Abandon: Error {}

    /// The file proved too large to read: its tokens were not all read, and it is not parsed.
    var tooLarge = false

    package init(file: SourceFile) {
        self.file = file
        let lexed = Lexer.weighed(file)
        self.tokens = lexed.tokens
        self.diagnostics = lexed.diagnostics
        self.tooLarge = lexed.tooLarge
    }

    /// Parses a whole file; the diagnostics list every syntax error found.
    package static func parse(_ file: SourceFile) -> (SyntaxFile, [Diagnostic]) {
        var parser = Parser(file: file)
        guard !parser.tooLarge else { return (SyntaxFile(file: file, statements: [], expectations: []), parser.diagnostics.coded(.syntax)) }
        let statements = parser.parseFile()
        var syntax = SyntaxFile(file: file, statements: statements, expectations: Expectation.scan(file))
        syntax.brokenDefinitions = parser.brokenDefinitions.subtracting(statements.compactMap { statement -> String? in
            if case .definition(let d) = statement { d.name } else { nil }
        })
        return (syntax, parser.diagnostics.coded(.syntax))
    }

    // MARK: - Token access

    /// The next token that matters: line breaks inside brackets are skipped.
    var effectiveIndex: Int {
        var i = index
        if groupDepth > 0 { while tokens[i].kind == .newline, i < tokens.count - 1 { i += 1 } }
        return i
    }
    var current: Token { tokens[effectiveIndex] }
    var kind: TokenKind { tokens[effectiveIndex].kind }

    func peekKind(_ offset: Int) -> TokenKind {
        let i = index + offset
        return i < tokens.count ? tokens[i].kind : .end
    }

    mutating func advance() -> Token {
        index = effectiveIndex
        let t = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return t
    }

    func location(_ range: SourceRange) -> SourceLocation { SourceLocation(file: file, range: range) }

    /// Records a syntax error and abandons the statement. Most are "expected …", the grammar
    /// wanting something else here (K0109); other kinds name their code.
    mutating func fail(_ message: String, at range: SourceRange? = nil, hint: String? = nil,
                       code: DiagnosticCode = .expectedSomethingElse) -> Abandon {
        diagnostics.append(.error(message, at: location(range ?? current.range), hint: hint, code: code))
        return Abandon()
    }

    mutating func expect(_ expected: TokenKind, _ what: String) throws -> Token {
        guard kind == expected else { throw fail("expected \(what), found \(kind.display)") }
        return advance()
    }

    func isKeyword(_ word: String, _ offset: Int = 0) -> Bool {
        if case .identifier(let s) = peekKind(offset) { return s == word }
        return false
    }

    /// Skips the rest of a broken statement, up to and including its line break. After a
    /// bracket that was never closed, that is the end of the line the statement started on,
    /// so the lines it swallowed are read as the statements they are.
    mutating func recover(insideBlock: Bool = false) {
        groupDepth = 0
        if unclosedGroup {
            unclosedGroup = false
            index = statementStart
        }
        while true {
            switch kind {
            case .end: return
            case .newline: _ = advance(); return
            case .rightBrace where insideBlock: return
            default: _ = advance()
            }
        }
    }

    // MARK: - Statements

    mutating func parseFile() -> [Statement] {
        var statements: [Statement] = []
        while kind != .end {
            if kind == .newline { _ = advance(); continue }
            do {
                statementStart = index
                if let s = try parseStatement() { statements.append(s) }
                try endOfStatement()
            } catch {
                if let name = definedName(from: statementStart) { brokenDefinitions.insert(name) }
                recover()
            }
        }
        return statements
    }

    /// The name a statement starting at token `start` defines (`input x: kr = …`, `cost y[month] = …`),
    /// read from its first tokens, or nil when it is no definition: a definition that breaks
    /// further on still declares its name, so formulas reading it get no second error.
    func definedName(from start: Int) -> String? {
        var i = start
        func word(_ k: Int) -> String? {
            guard k < tokens.count, case .identifier(let w) = tokens[k].kind else { return nil }
            return w
        }
        while i < tokens.count, tokens[i].kind == .newline || { if case .label = tokens[i].kind { true } else { false } }() { i += 1 }
        while let w = word(i), word(i + 1) != nil, w == "input" || LineKind(rawValue: w) != nil || PeriodTotalDeclaration(rawValue: w) != nil {
            i += 1
        }
        guard let name = word(i), i + 1 < tokens.count else { return nil }
        switch tokens[i + 1].kind {
        case .equal, .colon, .leftBracket: return name
        default: return nil
        }
    }

    mutating func endOfStatement() throws {
        switch kind {
        case .newline: _ = advance()
        case .end: break
        default: throw fail("expected the end of the line after this statement, found \(kind.display)", hint: nextLineHint)
        }
    }

    var nextLineHint: String? {
        if case .identifier = kind { return "each definition goes on a line of its own" }
        return nil
    }

    mutating func parseStatement() throws -> Statement? {
        var label: String?
        while case .label(let text) = kind {
            label = label.map { $0 + " " + text } ?? text
            _ = advance()
            while kind == .newline { _ = advance() }
        }
        if kind == .end { return nil }
        if isKeyword("model") && isString(1) { return try parseModel() }
        if isKeyword("timeline") && !isDefinitionAhead(1) { return try parseTimeline() }
        if isKeyword("fiscal") && isKeyword("year", 1) { return try parseFiscalYear() }
        if isKeyword("language"), case .identifier(let code) = peekKind(1) {
            let start = advance().range
            let end = advance().range
            return .language(code, range: start.union(end), codeRange: end)
        }
        if isKeyword("actuals") && isKeyword("through", 1) {
            let start = advance().range
            _ = advance()
            if case .identifier(let name) = kind {
                let r = advance().range
                return .actualsThrough(.name(name, r), range: start.union(r))
            }
            let period = try parsePeriodValue()
            return .actualsThrough(.period(period), range: start.union(period.range))
        }
        if isKeyword("scenario") && !isDefinitionAhead(1) { return .scenario(try parseScenario()) }
        if isKeyword("measure") && !isDefinitionAhead(1) {
            return .measure(try parseMeasure(label: label))
        }
        if isKeyword("dimension"), case .identifier = peekKind(1), peekKind(2) == .equal || isKeyword("from", 2) || isKeyword("in", 2) {
            return .dimension(try parseDimension())
        }
        if isKeyword("check"), case .identifier = peekKind(1), peekKind(2) == .colon || peekKind(2) == .leftBracket {
            return .check(try parseCheck(label: label))
        }
        return .definition(try parseDefinition(label: label, allowInput: true))
    }

    func isString(_ offset: Int) -> Bool {
        if case .string = peekKind(offset) { return true }
        return false
    }

    /// `timeline = 3` defines a name, not a timeline.
    func isDefinitionAhead(_ offset: Int) -> Bool {
        switch peekKind(offset) {
        case .equal, .colon, .leftBracket: true
        default: false
        }
    }

    mutating func parseModel() throws -> Statement {
        let start = advance().range
        guard case .string(let name) = kind else { throw fail("expected the model's name in quotes") }
        let end = advance().range
        return .model(name: name, range: start.union(end))
    }

    mutating func parseTimeline() throws -> Statement {
        let start = advance().range
        guard case .identifier(let word) = kind, let granularity = Timeline.Granularity(rawValue: word) else {
            throw fail("expected 'monthly' or 'yearly' after 'timeline', found \(kind.display)")
        }
        _ = advance()
        let from = try parseTimelinePoint(granularity)
        _ = try expect(.dotDot, "'..' between the first and last period")
        let to = try parseTimelinePoint(granularity)
        let range = start.union(tokens[index - 1].range)
        if to.value < from.value {
            throw fail("the timeline ends before it starts", at: from.range.union(to.range), code: .timelineSpan)
        }
        if to.value - from.value >= 12 * 200 {
            throw fail("a timeline of more than 200 years is not supported", at: from.range.union(to.range), code: .timelineSpan)
        }
        return .timeline(granularity, from: from.value, to: to.value, range: range)
    }

    mutating func parseTimelinePoint(_ granularity: Timeline.Granularity) throws -> (value: Int, range: SourceRange) {
        let t = current
        switch (granularity, t.kind) {
        case (.monthly, .period(let y, let m)):
            _ = advance()
            return (y * 12 + m - 1, t.range)
        case (.yearly, .number(let n)) where n == n.rounded() && n >= 1 && n <= 9999:
            _ = advance()
            return (Int(n), t.range)
        case (.monthly, _):
            throw fail("expected a month such as 2021-01, found \(t.kind.display)")
        case (.yearly, _):
            throw fail("expected a year such as 2021, found \(t.kind.display)")
        }
    }

    mutating func parseFiscalYear() throws -> Statement {
        let start = advance().range
        _ = advance()
        guard isKeyword("starts") else { throw fail("expected 'starts', as in 'fiscal year starts 07'") }
        _ = advance()
        guard case .number(let n) = kind, n == n.rounded(), (1...12).contains(n) else {
            throw fail("expected the month the fiscal year starts in, 01 to 12, found \(kind.display)")
        }
        let end = advance().range
        return .fiscalYear(startMonth: Int(n), range: start.union(end))
    }

    /// The brackets on the left of `=` or `:`, if any: `x[unit, month]`, `x[Datacenter, 2021-04 ..]`.
    mutating func parseTarget(of name: String) throws -> ([SubscriptPart], SourceRange?) {
        guard kind == .leftBracket else { return ([], nil) }
        let open = advance().range
        let target = try parseSubscriptParts(closing: "\(name)[…]")
        let close = try expect(.rightBracket, "']'")
        return (target, open.union(close.range))
    }

    /// `column C`, or `data "file"` followed by `key K… column C`, `wide key K…` or
    /// `long key K… period P amount A [sum]`; nil when the input is a formula.
    mutating func parseDataSource() throws -> DataSourceSyntax? {
        if isKeyword("column"), peekKind(1) != .leftParen, peekKind(1) != .newline, peekKind(1) != .end {
            _ = advance()
            return .column(try parseDataName("the column"))
        }
        guard isKeyword("data"), case .string(let path) = peekKind(1) else { return nil }
        _ = advance()
        let pathRange = advance().range
        func keys() throws -> [DataName] {
            guard isKeyword("key") else { return [] }
            _ = advance()
            var names = [try parseDataName("a key column")]
            while kind == .comma {
                _ = advance()
                names.append(try parseDataName("a key column"))
            }
            return names
        }
        if isKeyword("wide") {
            _ = advance()
            return .wide(path: path, pathRange: pathRange, keys: try keys())
        }
        if isKeyword("sie") {
            _ = advance()
            return try parseSIESource(path: path, pathRange: pathRange)
        }
        if isKeyword("long") {
            _ = advance()
            let k = try keys()
            guard isKeyword("period") else { throw fail("expected 'period' and the column of periods, as in period period") }
            _ = advance()
            let period = try parseDataName("the period column")
            guard isKeyword("amount") else { throw fail("expected 'amount' and the column of amounts, as in amount belopp") }
            _ = advance()
            let amount = try parseDataName("the amount column")
            var sum = false
            if isKeyword("sum") { _ = advance(); sum = true }
            return .long(path: path, pathRange: pathRange, keys: k, period: period, amount: amount, sum: sum)
        }
        let k = try keys()
        guard !k.isEmpty, isKeyword("column") else {
            throw fail("expected 'wide', 'long', or 'key … column …' after the data file",
                       hint: "data \"budget.csv\" wide key ansvar; data \"ledger.csv\" long key ansvar period period amount belopp; data \"rates.csv\" key ansvar column sats")
        }
        _ = advance()
        return .keyed(path: path, pathRange: pathRange, keys: k, column: try parseDataName("the column"))
    }

    /// After `data "gl.se" sie`: what to read (`vouchers`, `psaldo`, `pbudget`, `ib`, `ub`,
    /// `res`) and the keys, one per dimension of the input: a SIE dimension's number (its
    /// objects) or `account`.
    mutating func parseSIESource(path: String, pathRange: SourceRange) throws -> DataSourceSyntax {
        let hint = "data \"gl.se\" sie vouchers key 1, account reads #TRANS per cost centre (SIE dimension 1) and account"
        let words = SIERecord.allCases.map(\.rawValue).joined(separator: ", ")
        guard case .identifier(let word) = kind, let record = SIERecord(rawValue: word.lowercased()) else {
            throw fail("expected what to read from the SIE file (\(words)), found \(kind.display)", hint: hint)
        }
        let recordRange = advance().range
        guard isKeyword("key") else { throw fail("expected 'key' and the keys, as in key 1, account", hint: hint) }
        _ = advance()
        var keys: [SIEKeySyntax] = []
        repeat {
            if !keys.isEmpty { _ = advance() }
            switch kind {
            case .number(let n) where n == n.rounded() && n >= 1 && n < 1000:
                keys.append(SIEKeySyntax(key: .object(dimension: Int(n)), range: advance().range))
            case .identifier(let name) where name.lowercased() == "account":
                keys.append(SIEKeySyntax(key: .account, range: advance().range))
            default:
                throw fail("expected a SIE dimension's number (1 is kostnadsställe) or 'account', found \(kind.display)", hint: hint)
            }
        } while kind == .comma
        return .sie(path: path, pathRange: pathRange, record: record, recordRange: recordRange, keys: keys)
    }

    /// A column name: a word, or a text for a name with spaces.
    mutating func parseDataName(_ what: String) throws -> DataName {
        switch kind {
        case .identifier(let name), .string(let name): return DataName(name: name, range: advance().range)
        default: throw fail("expected \(what)'s name, found \(kind.display)")
        }
    }

    /// `check NAME: EXPR` or `check NAME[month]: EXPR`.
    mutating func parseCheck(label: String?) throws -> Definition {
        let start = advance().range
        guard case .identifier(let name) = kind else { throw fail("expected the check's name") }
        let nameRange = advance().range
        let (target, targetRange) = try parseTarget(of: name)
        _ = try expect(.colon, "':' before what must hold, as in check \(name): total = 2_400")
        if kind == .newline || kind == .end { throw fail("expected what must hold after ':'") }
        let expression = try parseExpression()
        return Definition(name: name, nameRange: nameRange, isInput: false, target: target, targetRange: targetRange,
                          unit: nil, label: label, expression: expression, range: start.union(expression.range))
    }

    /// `dimension unit = Datacenter, Nätverk, "Division Nära"`.
    mutating func parseDimension() throws -> DimensionSyntax {
        let start = advance().range
        guard case .identifier(let name) = kind else { throw fail("expected the dimension's name") }
        let nameRange = advance().range
        var parent: DataName?
        if isKeyword("in") {
            _ = advance()
            parent = try parseDataName("the parent dimension")
        }
        if isKeyword("from") {
            _ = advance()
            guard case .string(let path) = kind else { throw fail("expected the data file's path in quotes, as in \"data/staff.csv\"") }
            let pathRange = advance().range
            if isKeyword("sie") { return try parseSIEDimension(name: name, nameRange: nameRange, parent: parent, start: start, path: path, pathRange: pathRange) }
            guard isKeyword("key") else { throw fail("expected 'key' and the column that names the members, as in key id") }
            _ = advance()
            let key = try parseDataName("the key column")
            var d = DimensionSyntax(name: name, nameRange: nameRange, members: [], file: (path, pathRange, key), range: start.union(key.range))
            d.parent = parent
            if isKeyword("name") {
                _ = advance()
                let column = try parseDataName("the column of the members' names")
                d.nameColumn = column
                d.range = d.range.union(column.range)
            }
            if parent != nil, isKeyword("parent") {
                _ = advance()
                let column = try parseDataName("the parent column")
                d.parentColumn = column
                d.range = d.range.union(column.range)
                if isKeyword("from") {
                    _ = advance()
                    guard case .string(let mapPath) = kind else { throw fail("expected the mapping file's path in quotes, as in \"data/rader.csv\"") }
                    let mapRange = advance().range
                    guard isKeyword("key") else { throw fail("expected 'key' and the mapping file's column of accounts, as in key Konto") }
                    _ = advance()
                    let mapKey = try parseDataName("the mapping file's key column")
                    d.parentFile = (mapPath, mapRange, mapKey)
                    d.range = d.range.union(mapKey.range)
                }
            }
            if d.nameColumn == nil, isKeyword("name") {
                _ = advance()
                let column = try parseDataName("the column of the members' names")
                d.nameColumn = column
                d.range = d.range.union(column.range)
            }
            return d
        }
        _ = try expect(.equal, "'='")
        var members: [(String, SourceRange)] = []
        var parents: [(String, SourceRange)] = []
        var accounts: [AccountSpan] = []
        repeat {
            if !members.isEmpty {
                _ = advance()
                while kind == .newline { _ = advance() }   // a long list goes on after a comma
            }
            switch kind {
            case .identifier(let m), .string(let m):
                members.append((m, advance().range))
            default:
                throw fail("expected a member name, found \(kind.display)", hint: "members are names (Datacenter) or texts (\"Division Nära\"), separated by commas")
            }
            if parent == nil, kind == .colon {
                _ = advance()
                accounts += try parseAccountSpans(member: members.count - 1)
            } else if let parent {
                // Without ':', every member's parent comes from the accounts of the parent's members.
                // Every member gives its parent, or none does.
                guard members.count == 1 || (kind == .colon) == !parents.isEmpty else {
                    throw fail("expected ':' and the member of '\(parent.name)' that \(members.last!.0) rolls up to", hint: "as in Datacenter: Länsteknik")
                }
                if kind != .colon { continue }
                _ = advance()
                let p = try parseDataName("the parent member")
                parents.append((p.name, p.range))
            }
        } while kind == .comma
        var d = DimensionSyntax(name: name, nameRange: nameRange, members: members, file: nil, range: start.union(members.last!.1))
        d.parent = parent
        d.parents = parents
        d.accounts = accounts
        if let last = accounts.last { d.range = d.range.union(last.range) }
        return d
    }

    /// After `dimension konto from "gl.se"`: `sie 1` (the objects of SIE dimension 1) or `sie
    /// account`, optionally with the accounts to take (`sie account 3000 .. 8999`).
    mutating func parseSIEDimension(name: String, nameRange: SourceRange, parent: DataName?, start: SourceRange,
                                    path: String, pathRange: SourceRange) throws -> DimensionSyntax {
        _ = advance()
        let key: SIEKeySyntax
        switch kind {
        case .number(let n) where n == n.rounded() && n >= 1 && n < 1000:
            key = SIEKeySyntax(key: .object(dimension: Int(n)), range: advance().range)
        case .identifier(let word) where word.lowercased() == "account":
            key = SIEKeySyntax(key: .account, range: advance().range)
        default:
            throw fail("expected a SIE dimension's number (1 is kostnadsställe) or 'account', found \(kind.display)",
                       hint: "dimension ansvar from \"gl.se\" sie 1; dimension konto from \"gl.se\" sie account 3000 .. 8999")
        }
        var accounts: [AccountSpan] = []
        if key.key == .account, kind != .newline, kind != .end { accounts = try parseAccountSpans(member: 0) }
        var d = DimensionSyntax(name: name, nameRange: nameRange, members: [], file: nil, range: start.union(accounts.last?.range ?? key.range))
        d.parent = parent
        d.sie = (path, pathRange, key, accounts)
        return d
    }

    /// `3000..3999`, `3010`, or several (`4000..4999 6000..6999`): the accounts of a report line.
    mutating func parseAccountSpans(member: Int) throws -> [AccountSpan] {
        func code() -> (String, SourceRange)? {
            switch kind {
            case .number, .identifier:
                let r = advance().range
                return (String(decoding: file.bytes[r.start..<r.end], as: UTF8.self), r)
            case .string(let text):
                return (text, advance().range)
            default:
                return nil
            }
        }
        var spans: [AccountSpan] = []
        while kind != .comma, kind != .newline, kind != .end {
            guard let (low, lowRange) = code() else {
                throw fail("expected an account or a range of accounts, found \(kind.display)", hint: "as in Intäkter: 3000..3999")
            }
            var span = AccountSpan(member: member, low: low, high: nil, range: lowRange)
            if kind == .dotDot {
                _ = advance()
                guard let (high, highRange) = code() else { throw fail("expected the range's last account, as in 3000..3999") }
                span.high = high
                span.range = lowRange.union(highRange)
            }
            spans.append(span)
        }
        if spans.isEmpty { throw fail("expected the report line's accounts after ':', as in Intäkter: 3000..3999") }
        return spans
    }

    mutating func parseScenario() throws -> ScenarioSyntax {
        let start = advance().range
        guard case .identifier(let name) = kind else { throw fail("expected the scenario's name after 'scenario'") }
        let nameRange = advance().range
        var label: String?
        if case .string(let text) = kind {
            label = text
            _ = advance()
        }
        while kind == .newline { _ = advance() }
        _ = try expect(.leftBrace, "'{' to open the scenario's overrides")
        var overrides: [Definition] = []
        while true {
            while kind == .newline { _ = advance() }
            if kind == .rightBrace || kind == .end { break }
            do {
                statementStart = index
                var label: String?
                if case .label(let text) = kind { label = text; _ = advance(); continue }
                let d = try parseDefinition(label: label, allowInput: false)
                overrides.append(d)
                if kind != .rightBrace { try endOfStatement() }
            } catch {
                recover(insideBlock: true)
            }
        }
        let end = try expect(.rightBrace, "'}' to close the scenario \(name)")
        return ScenarioSyntax(name: name, nameRange: nameRange, label: label, overrides: overrides, range: start.union(end.range))
    }

    mutating func parseDefinition(label: String?, allowInput: Bool) throws -> Definition {
        let start = current.range
        var isInput = false
        if isKeyword("input"), case .identifier = peekKind(1) {
            if !allowInput { throw fail("a scenario overrides inputs by name; leave out 'input'", code: .belongsOnTheDefinition) }
            isInput = true
            _ = advance()
        }
        var lineKind: (kind: LineKind, range: SourceRange)?
        var totalKind: (kind: PeriodTotalDeclaration, range: SourceRange)?
        // `cost`, `revenue`, `result` and `stock`, `flow`, `average`, in either order, before a name.
        while case .identifier(let word) = kind, case .identifier = peekKind(1) {
            if lineKind == nil, let declared = LineKind(rawValue: word) {
                if !allowInput { throw fail("a scenario overrides values; a line's kind goes on its definition", code: .belongsOnTheDefinition) }
                lineKind = (declared, advance().range)
            } else if totalKind == nil, let declared = PeriodTotalDeclaration(rawValue: word) {
                if !allowInput { throw fail("a scenario overrides values; '\(word)' goes on the definition", code: .belongsOnTheDefinition) }
                totalKind = (declared, advance().range)
            } else {
                break
            }
        }
        guard case .identifier(let name) = kind else {
            throw fail("expected a definition such as 'name = …', found \(kind.display)")
        }
        let nameRange = advance().range
        let (target, targetRange) = try parseTarget(of: name)
        var unit: String?
        if kind == .colon {
            _ = advance()
            unit = try parseUnit()
        }
        guard kind == .equal else {
            if kind == .newline || kind == .end {
                throw fail("expected '=' and a formula after \(name)", at: nameRange)
            }
            throw fail("expected '=' after \(name), found \(kind.display)")
        }
        _ = advance()
        if kind == .newline || kind == .end {
            throw fail("expected a formula after '='")
        }
        if isInput, let source = try parseDataSource() {
            let options = try parseDataOptions()
            var d = Definition(name: name, nameRange: nameRange, isInput: isInput, target: target, targetRange: targetRange,
                               unit: unit, label: label, expression: FormulaTree(), range: start.union(tokens[index - 1].range), source: source,
                               kind: lineKind)
            d.dataOptions = options
            d.total = totalKind
            return d
        }
        let expression = try parseExpression()
        var d = Definition(name: name, nameRange: nameRange, isInput: isInput, target: target, targetRange: targetRange,
                           unit: unit, label: label, expression: expression, range: start.union(expression.range), kind: lineKind)
        d.total = totalKind
        return d
    }

    /// `kr`, `%`, `persons`, `FTE`, or any word; words joined by `/` or `*` (`kr/persons`).
    mutating func parseUnit() throws -> String {
        var unit: String
        switch kind {
        case .identifier(let word): _ = advance(); unit = word
        case .percent: _ = advance(); return "%"
        default: throw fail("expected a unit after ':', such as kr, mnkr, %, persons or FTE")
        }
        while kind == .slash || kind == .star {
            unit += kind == .slash ? "/" : "*"
            _ = advance()
            guard case .identifier(let word) = kind else { throw fail("expected a unit after '\(unit.last!)', such as kr/persons") }
            _ = advance()
            unit += word
        }
        return unit
    }

    /// A period inside brackets: `2021-04`, or `2021` on a yearly axis.
    mutating func parsePeriodValue() throws -> PeriodLiteral {
        let t = current
        switch t.kind {
        case .period(let y, let m):
            _ = advance()
            return PeriodLiteral(year: y, month: m, range: t.range)
        case .number(let n) where n == n.rounded() && n >= 1 && n <= 9999:
            _ = advance()
            return PeriodLiteral(year: Int(n), month: nil, range: t.range)
        default:
            throw fail("expected a period such as 2021-04, found \(t.kind.display)")
        }
    }
}
