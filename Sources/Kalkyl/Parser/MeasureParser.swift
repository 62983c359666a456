/// The `measure`, `measureLine` and `bound` rules of the grammar at the top of `Parser.swift`:
/// a scorecard row, parsed as a block like a scenario.
extension Parser {
    static let measureLines = ["target", "partial", "baseline", "outcome", "assessment"]

    mutating func parseMeasure(label: String?) throws -> MeasureSyntax {
        let start = advance().range
        var measure: MeasureSyntax
        do {
            guard case .identifier(let name) = kind else { throw fail("expected the measure's name after 'measure'") }
            let nameRange = advance().range
            guard isKeyword("in") else {
                throw fail("expected 'in' and the measure's perspective, as in: measure \(name) in Verksamhet { … }")
            }
            _ = advance()
            let perspective = try parseDataName("the perspective")
            var unit: String?
            if kind == .colon {
                _ = advance()
                unit = try parseUnit()
            }
            while kind == .newline { _ = advance() }
            _ = try expect(.leftBrace, "'{' to open the measure's target and outcome")
            measure = MeasureSyntax(name: name, nameRange: nameRange, perspective: perspective, unit: unit, label: label, range: start)
        } catch {
            skipBlockOnThisLine()
            throw error
        }
        var seen: [String: SourceRange] = [:]
        while true {
            while kind == .newline { _ = advance() }
            if kind == .rightBrace || kind == .end { break }
            do {
                statementStart = index
                try parseMeasureLine(&measure, seen: &seen)
                if kind != .rightBrace { try endOfStatement() }
            } catch {
                measure.isBroken = true
                recover(insideBlock: true)
            }
        }
        let end = try expect(.rightBrace, "'}' to close the measure \(measure.name)")
        measure.range = start.union(end.range)
        return measure
    }

    mutating func parseMeasureLine(_ measure: inout MeasureSyntax, seen: inout [String: SourceRange]) throws {
        guard case .identifier(let word) = kind, Self.measureLines.contains(word) else {
            var hint = "a measure has the lines target, partial, baseline, outcome and assessment"
            if case .identifier(let word) = kind, let close = Suggestions.closest(to: word, in: Self.measureLines) {
                hint = "did you mean '\(close)'?"
            }
            throw fail("expected a line of the measure such as 'target at most 10' or 'outcome = …', found \(kind.display)", hint: hint)
        }
        let wordRange = advance().range
        if let first = seen[word] {
            diagnostics.append(.error("the measure '\(measure.name)' has two \(word) lines", at: location(wordRange),
                                      notes: [Diagnostic(.note, "the first is here", at: location(first))], code: .measureLineTwice))
        }
        switch word {
        case "target":
            measure.target = try parseBound(after: "target")
            measure.targetRange = wordRange.union(tokens[index - 1].range)
        case "partial":
            if isKeyword("within") {
                _ = advance()
                measure.partial = .within(try parseMeasureExpression("the width of the band, as in partial within 2"))
            } else {
                let from = current.range
                let bound = try parseBound(after: "partial")
                if case .increase = bound { throw fail("'partial increase' says nothing a target does not; use partial within …", at: from, code: .partialRuleDoesNotFit) }
                if case .decrease = bound { throw fail("'partial decrease' says nothing a target does not; use partial within …", at: from, code: .partialRuleDoesNotFit) }
                measure.partial = .bound(bound, from.union(tokens[index - 1].range))
            }
        default:
            _ = try expect(.equal, "'=' after \(word)")
            let e = try parseMeasureExpression("a formula after '='")
            switch word {
            case "baseline": measure.baseline = e
            case "outcome": measure.outcome = e
            default: measure.assessment = e
            }
        }
        // Only a line that parsed counts: a broken one is reported once, as broken.
        if seen[word] == nil { seen[word] = wordRange }
    }

    /// `at least E`, `at most E`, `above E`, `below E`, `between E and E`, `increase` or `decrease`.
    mutating func parseBound(after word: String) throws -> MeasureBound {
        let example = "as in \(word) at most 10, \(word) at least 80%, \(word) between 1% and 3%" + (word == "target" ? ", target increase" : "")
        guard case .identifier(let direction) = kind else {
            throw fail("expected a direction after '\(word)': at least, at most, above, below, between, increase or decrease", hint: example)
        }
        switch direction {
        case "at" where isKeyword("least", 1) || isKeyword("most", 1):
            _ = advance()
            let most = isKeyword("most")
            _ = advance()
            let e = try parseMeasureExpression("the \(word) after 'at \(most ? "most" : "least")'")
            return most ? .atMost(e) : .atLeast(e)
        case "above", "below":
            _ = advance()
            let e = try parseMeasureExpression("the \(word) after '\(direction)'")
            return direction == "above" ? .above(e) : .below(e)
        case "between":
            _ = advance()
            let low = try parseMeasureExpression("the lower bound after 'between'")
            guard isKeyword("and") else { throw fail("expected 'and' and the upper bound, as in between 1% and 3%") }
            _ = advance()
            return .between(low, try parseMeasureExpression("the upper bound after 'and'"))
        case "increase", "decrease":
            _ = advance()
            return direction == "increase" ? .increase : .decrease
        default:
            let words = ["at least", "at most", "above", "below", "between", "increase", "decrease"]
            let hint = Suggestions.closest(to: direction, in: words).map { "did you mean '\($0)'?" } ?? example
            throw fail("expected a direction after '\(word)': at least, at most, above, below, between, increase or decrease, found \(kind.display)",
                       hint: hint)
        }
    }

    /// After a broken header, the block that follows on the same line is skipped whole, so
    /// that its lines are not read as statements of their own.
    mutating func skipBlockOnThisLine() {
        var i = index
        while i < tokens.count - 1, tokens[i].kind != .newline, tokens[i].kind != .leftBrace { i += 1 }
        guard tokens[i].kind == .leftBrace else { return }
        var open = 0
        while i < tokens.count - 1 {
            if tokens[i].kind == .leftBrace { open += 1 }
            if tokens[i].kind == .rightBrace { open -= 1; if open == 0 { break } }
            i += 1
        }
        index = i
        while index < tokens.count - 1, tokens[index].kind != .newline { index += 1 }
    }

    mutating func parseMeasureExpression(_ what: String) throws -> FormulaTree {
        if kind == .newline || kind == .end || kind == .rightBrace { throw fail("expected \(what)") }
        return try parseExpression()
    }
}
