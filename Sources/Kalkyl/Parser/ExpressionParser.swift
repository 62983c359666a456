/// The expression rules of the grammar at the top of `Parser.swift`, one method per rule.
/// Binary operators loop rather than recurse, so a line of 200,000 terms parses in one frame.
extension Parser {
    mutating func parseExpression() throws -> FormulaTree {
        var e = FormulaTree()
        _ = try parseComparison(&e)
        return e
    }

    /// Parses a formula on its own, as in `kalkyl eval --set x=41.5%` or an Excel test vector.
    /// A leading `=` is allowed, as Excel writes formulas.
    package static func parseFormula(_ text: String, path: String = "<formula>") -> (FormulaTree?, [Diagnostic]) {
        let file = SourceFile(path: path, text: text)
        var parser = Parser(file: file)
        if parser.kind == .equal { _ = parser.advance() }
        do {
            let e = try parser.parseExpression()
            if parser.kind != .end && parser.kind != .newline {
                throw parser.fail("unexpected \(parser.kind.display) after the formula")
            }
            return (parser.diagnostics.isEmpty ? e : nil, parser.diagnostics)
        } catch {
            return (nil, parser.diagnostics)
        }
    }

    mutating func parseBinaryLevel(_ e: inout FormulaTree, operators: (TokenKind) -> BinaryOperator?,
                                   operand: (inout Parser, inout FormulaTree) throws -> Int) throws -> Int {
        var left = try operand(&self, &e)
        while let op = operators(kind) {
            _ = advance()
            let right = try operand(&self, &e)
            left = e.add(.binary(op, left, right), e.nodes[left].range.union(e.nodes[right].range))
        }
        return left
    }

    mutating func parseComparison(_ e: inout FormulaTree) throws -> Int {
        try parseBinaryLevel(&e, operators: { k in
            switch k {
            case .equal: .equal
            case .notEqual: .notEqual
            case .less: .less
            case .lessEqual: .lessEqual
            case .greater: .greater
            case .greaterEqual: .greaterEqual
            default: nil
            }
        }, operand: { p, e in try p.parseConcat(&e) })
    }

    mutating func parseConcat(_ e: inout FormulaTree) throws -> Int {
        try parseBinaryLevel(&e, operators: { $0 == .ampersand ? .concat : nil }, operand: { p, e in try p.parseAdditive(&e) })
    }

    mutating func parseAdditive(_ e: inout FormulaTree) throws -> Int {
        try parseBinaryLevel(&e, operators: { k in
            switch k {
            case .plus: .add
            case .minus: .subtract
            default: nil
            }
        }, operand: { p, e in try p.parseTerm(&e) })
    }

    mutating func parseTerm(_ e: inout FormulaTree) throws -> Int {
        try parseBinaryLevel(&e, operators: { k in
            switch k {
            case .star: .multiply
            case .slash: .divide
            default: nil
            }
        }, operand: { p, e in try p.parsePower(&e) })
    }

    mutating func parsePower(_ e: inout FormulaTree) throws -> Int {
        try parseBinaryLevel(&e, operators: { $0 == .caret ? .power : nil }, operand: { p, e in try p.parsePercent(&e) })
    }

    mutating func parsePercent(_ e: inout FormulaTree) throws -> Int {
        var operand = try parseUnary(&e)
        while kind == .percent {
            let end = advance().range
            operand = e.add(.percent(operand), e.nodes[operand].range.union(end))
        }
        return operand
    }

    mutating func parseUnary(_ e: inout FormulaTree) throws -> Int {
        guard kind == .minus || kind == .plus else { return try parsePrimary(&e) }
        let sign = advance()
        try enterNesting(at: sign.range)
        defer { depth -= 1 }
        let operand = try parseUnary(&e)
        let range = sign.range.union(e.nodes[operand].range)
        return e.add(sign.kind == .minus ? .negate(operand) : .plus(operand), range)
    }

    mutating func enterNesting(at range: SourceRange) throws {
        depth += 1
        if depth > Parser.maxDepth {
            throw fail("this formula nests more than \(Parser.maxDepth) levels deep", at: range,
                       hint: "split it into named steps; each name is a line of its own", code: .nestedTooDeeply)
        }
    }

    mutating func parsePrimary(_ e: inout FormulaTree) throws -> Int {
        let t = current
        switch t.kind {
        case .number(let n):
            _ = advance()
            return e.add(.number(n), t.range)
        case .string(let s):
            _ = advance()
            return e.add(.text(s), t.range)
        case .error(let err):
            _ = advance()
            return e.add(.error(err), t.range)
        case .period(let y, let m):
            _ = advance()
            return e.add(.period(PeriodLiteral(year: y, month: m, range: t.range)), t.range)
        case .leftParen:
            _ = advance()
            try enterNesting(at: t.range)
            groupDepth += 1
            defer { depth -= 1 }
            let inner = try parseComparison(&e)
            guard kind == .rightParen else {
                unclosedGroup = true
                throw fail("expected ')' to close the '(' here", at: t.range, hint: "found \(kind.display) instead", code: .unclosedBracket)
            }
            let close = advance().range
            groupDepth -= 1
            return e.add(.group(inner), t.range.union(close))
        case .identifier(let name):
            _ = advance()
            let upper = name.uppercased()
            if kind == .leftParen { return try parseCall(&e, name: name, nameRange: t.range) }
            if kind == .leftBracket { return try parseSubscript(&e, name: name, nameRange: t.range) }
            if upper == "TRUE" { return e.add(.bool(true), t.range) }
            if upper == "FALSE" { return e.add(.bool(false), t.range) }
            return e.add(.name(name), t.range)
        case .leftBrace:
            return try parseArray(&e)
        case .newline, .end:
            throw fail("the formula ends here, but a value was expected")
        default:
            throw fail("expected a value, a name or '(', found \(t.kind.display)")
        }
    }

    /// `{1,2;3,4}`: rows separated by `;`, values by `,`, each a constant, every row as long.
    mutating func parseArray(_ e: inout FormulaTree) throws -> Int {
        let open = advance().range
        groupDepth += 1
        var rows: [[Value]] = [[]]
        while true {
            rows[rows.count - 1].append(try parseArrayElement())
            if kind == .comma { _ = advance(); continue }
            if kind == .semicolon { _ = advance(); rows.append([]); continue }
            break
        }
        guard kind == .rightBrace else {
            unclosedGroup = true
            throw fail("expected ',', ';' or '}' in the array opened here", at: open, hint: "found \(kind.display) instead", code: .unclosedBracket)
        }
        let close = advance().range
        groupDepth -= 1
        let range = open.union(close)
        if let short = rows.firstIndex(where: { $0.count != rows[0].count }) {
            throw fail("every row of an array has as many values: row 1 has \(rows[0].count), row \(short + 1) has \(rows[short].count)", at: range, code: .notAnArrayOfConstants)
        }
        return e.add(.array(ArrayConstant(rows: rows.count, columns: rows[0].count, values: rows.flatMap { $0 })), range)
    }

    /// One value of an array constant: a number (with its sign), a text, TRUE, FALSE or an error.
    mutating func parseArrayElement() throws -> Value {
        let t = current
        switch t.kind {
        case .minus, .plus:
            _ = advance()
            guard case .number(let n) = kind else {
                throw fail("an array holds constants only: a sign must be followed by a number", at: t.range, code: .notAnArrayOfConstants)
            }
            _ = advance()
            return .number(t.kind == .minus ? -n : n)
        case .number(let n): _ = advance(); return .number(n)
        case .string(let s): _ = advance(); return .text(s)
        case .error(let x): _ = advance(); return .error(x)
        case .identifier(let word) where word.uppercased() == "TRUE" || word.uppercased() == "FALSE":
            _ = advance()
            return .bool(word.uppercased() == "TRUE")
        case .comma, .semicolon, .rightBrace:
            throw fail("an array cannot leave a value out", hint: "write 0 or \"\" for an empty place", code: .notAnArrayOfConstants)
        default:
            throw fail("an array holds constants only (numbers, texts, TRUE, FALSE, errors), not \(t.kind.display)",
                       hint: "compute the value in a definition of its own and use a range, such as x[unit]", code: .notAnArrayOfConstants)
        }
    }

    mutating func parseCall(_ e: inout FormulaTree, name: String, nameRange: SourceRange) throws -> Int {
        let open = advance().range
        try enterNesting(at: nameRange)
        groupDepth += 1
        defer { depth -= 1 }
        var args: [Int] = []
        if kind != .rightParen {
            while true {
                if kind == .comma || kind == .rightParen {
                    args.append(e.add(.missing, current.range))
                } else {
                    args.append(try parseComparison(&e))
                }
                if kind == .comma { _ = advance(); continue }
                break
            }
        }
        guard kind == .rightParen else {
            unclosedGroup = true
            if kind == .semicolon {
                throw fail("arguments are separated by ',' as in English Excel, not ';'", code: .semicolonBetweenArguments)
            }
            throw fail("expected ',' or ')' in the call to \(name), found \(kind.display)",
                       hint: "the call opened at column \(file.lineAndColumn(of: open.start).column)", code: .unclosedBracket)
        }
        let close = advance().range
        groupDepth -= 1
        return e.add(.call(name, args), nameRange.union(close))
    }

    /// `x[month]`, `x[month-1]`, `x[2021-03]`, `x[2021-01 .. 2021-04]`, `x[Datacenter]`, `x[unit, month-1]`.
    mutating func parseSubscript(_ e: inout FormulaTree, name: String, nameRange: SourceRange) throws -> Int {
        let open = advance().range
        groupDepth += 1
        defer { groupDepth -= 1 }
        let parts = try parseSubscriptParts(closing: "x[…]")
        let close = try expect(.rightBracket, "']'")
        let subRange = open.union(close.range)
        return e.add(.subscripted(name, parts, nameRange: nameRange, subscriptRange: subRange), nameRange.union(close.range))
    }

    /// Comma-separated parts inside brackets, on either side of `=`.
    mutating func parseSubscriptParts(closing: String) throws -> [SubscriptPart] {
        var parts: [SubscriptPart] = []
        repeat {
            if !parts.isEmpty { _ = advance() }
            parts.append(try parseSubscriptPart())
        } while kind == .comma
        return parts
    }

    /// The text of the file in `range`, as written.
    func rawText(_ range: SourceRange) -> String {
        let bytes = file.bytes
        return String(decoding: bytes[max(0, range.start)..<min(bytes.count, range.end)], as: UTF8.self)
    }

    /// The end of a range: a period, or the name of an input that holds one.
    mutating func parsePeriodBound() throws -> PeriodBound {
        if case .identifier(let word) = kind { return .name(word, advance().range) }
        return .period(try parsePeriodValue())
    }

    mutating func parseSubscriptPart() throws -> SubscriptPart {
        let t = current
        switch t.kind {
        case .identifier(let word) where word == "month" || word == "year":
            _ = advance()
            guard kind == .minus || kind == .plus else { return .relative(offset: 0, t.range) }
            let negative = advance().kind == .minus
            guard case .number(let n) = kind, n == n.rounded(), n >= 0, n < 100_000 else {
                throw fail("expected a whole number of periods, as in [\(word)-1]")
            }
            let end = advance().range
            return .relative(offset: negative ? -Int(n) : Int(n), t.range.union(end))
        case .identifier(let word):
            _ = advance()
            guard kind == .dotDot else { return .name(word, t.range) }
            _ = advance()
            if kind == .rightBracket || kind == .comma { return .boundedRange(from: .name(word, t.range), to: nil) }
            return .boundedRange(from: .name(word, t.range), to: try parsePeriodBound())
        case .string(let text):
            _ = advance()
            return .name(text, t.range)
        case .number(let n) where peekKind(1) != .dotDot && (n > 9999 || n != n.rounded() || rawText(t.range).hasPrefix("0")):
            // `kost[411050, 2024-08]`: a member whose name is a code, as a ledger's accounts are.
            _ = advance()
            return .name(rawText(t.range), t.range)
        case .period, .number:
            let from = try parsePeriodValue()
            guard kind == .dotDot else { return .period(from) }
            _ = advance()
            if kind == .rightBracket || kind == .comma { return .range(from: from, to: nil) }
            let to = try parsePeriodBound()
            if case .period(let p) = to { return .range(from: from, to: p) }
            return .boundedRange(from: .period(from), to: to)
        default:
            throw fail("expected a period such as 2021-04, [month], [month-1], a dimension or a member, found \(t.kind.display)")
        }
    }
}
