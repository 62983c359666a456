import Foundation
@testable import Kalkyl

/// One formula with the result Excel cached for it, from `Fixtures/excel-oracle/functions.tsv`
/// (see the README and ATTRIBUTION there).
struct OracleVector: Sendable, CustomStringConvertible {
    var id: Int
    /// The outermost function, `OPERATOR` or `EXPR`.
    var function: String
    var expression: String
    var excelResult: String
    /// `number`, `string`, `boolean` or `error`.
    var resultType: String
    /// The direct arguments of the outermost call came from cells (Excel's range rules apply).
    var fromRange: Bool
    var source: String

    var description: String { "#\(id) \(expression)" }

    /// Excel's result as a value.
    var expected: Value? {
        switch resultType {
        case "number": Double(excelResult).map(Value.number)
        case "string": .text(excelResult)
        case "boolean": .bool(excelResult == "TRUE")
        case "error": ExcelError(spelling: excelResult).map(Value.error)
        default: nil
        }
    }

    /// Every function name the formula calls, found in the text with string literals blanked out.
    var calledFunctions: Set<String> {
        var names = Set<String>()
        var inString = false
        var word = ""
        for c in expression {
            if c == "\"" { inString.toggle(); word = ""; continue }
            if inString { continue }
            if c.isLetter || c.isNumber || c == "." || c == "_" {
                word.append(c)
            } else {
                if c == "(", let first = word.first, first.isLetter { names.insert(word.uppercased()) }
                word = ""
            }
        }
        return names
    }

    var hasArrayConstant: Bool {
        var inString = false
        for c in expression {
            if c == "\"" { inString.toggle() } else if c == "{" && !inString { return true }
        }
        return false
    }

    static let all: [OracleVector] = {
        guard let url = Bundle.module.url(forResource: "functions", withExtension: "tsv",
                                          subdirectory: "Fixtures/excel-oracle"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        var rows: [OracleVector] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true).dropFirst() {
            // Results may be empty or have spaces at either end: split on tabs only, keep empties.
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 7, let id = Int(f[0]) else { continue }
            rows.append(OracleVector(id: id, function: f[1], expression: f[2], excelResult: f[3],
                                     resultType: f[4], fromRange: f[5] == "1", source: f[6]))
        }
        return rows
    }()
}

/// Evaluates oracle formulas the way Excel saw them.
enum OracleHarness {
    /// `BLANK` in a vector stands for a reference to an empty cell.
    static let blank: [String: Value] = ["BLANK": .blank]

    /// Evaluates a vector, or says why it could not be parsed.
    static func evaluate(_ vector: OracleVector) -> Result<Value, OracleFailure> {
        let (parsed, diagnostics) = Parser.parseFormula(vector.expression)
        guard let expression = parsed else {
            return .failure(OracleFailure(message: "does not parse: \(diagnostics.map(\.message).joined(separator: "; "))"))
        }
        guard vector.fromRange else { return .success(FormulaEvaluator.evaluate(expression, references: blank)) }
        let (rewritten, references) = referencing(expression)
        return .success(FormulaEvaluator.evaluate(rewritten, references: references))
    }

    /// For a from_range vector: the direct arguments of the outermost call came from cells, so
    /// each literal (`"7"`, `TRUE`, `-67`) becomes a name bound to that value as a reference,
    /// and each parenthesised argument (an inlined formula cell, `("")`) is computed first, by
    /// the same rule, and bound the same way.
    static func referencing(_ e: FormulaTree) -> (FormulaTree, [String: Value]) {
        var references = blank
        guard let call = outermostCall(e), case .call(_, let args) = e.nodes[call].kind else { return (e, references) }
        var replacements: [Int: NodeKind] = [:]
        for arg in args {
            let value: Value
            if let literal = literalValue(e, arg) {
                value = literal
            } else if case .group(let inner) = e.nodes[arg].kind {
                // A formula cell inlined here was expanded from its own ranges the same way:
                // SUM((SUM(1,TRUE,"true"))) stands for a SUM over a SUM over cells.
                let (cell, cellReferences) = referencing(subtree(e, root: inner))
                value = FormulaEvaluator.evaluate(cell, references: cellReferences)
            } else {
                continue
            }
            let name = "__ref\(references.count)"
            references[name] = value
            replacements[arg] = .name(name)
        }
        return (subtree(e, root: e.root, replacing: replacements), references)
    }

    /// The call nearest the root, looking through operators and parentheses left first.
    static func outermostCall(_ e: FormulaTree) -> Int? {
        var queue = [e.root]
        while !queue.isEmpty {
            let i = queue.removeFirst()
            if case .call = e.nodes[i].kind { return i }
            queue.append(contentsOf: e.children(of: i))
        }
        return nil
    }

    static func literalValue(_ e: FormulaTree, _ i: Int) -> Value? {
        switch e.nodes[i].kind {
        case .number(let n): .number(n)
        case .text(let s): .text(s)
        case .bool(let b): .bool(b)
        case .error(let x): .error(x)
        case .negate(let inner):
            if case .number(let n) = e.nodes[inner].kind { .number(-n) } else { nil }
        default: nil
        }
    }

    /// The part of `e` under `root` as an expression of its own, with some nodes replaced by
    /// leaves. The compiler walks every node in order, so unreachable nodes must not stay behind.
    static func subtree(_ e: FormulaTree, root: Int, replacing: [Int: NodeKind] = [:]) -> FormulaTree {
        var out = FormulaTree()
        func copy(_ i: Int) -> Int {
            if let leaf = replacing[i] { return out.add(leaf, e.nodes[i].range) }
            let kind: NodeKind
            switch e.nodes[i].kind {
            case .negate(let a): kind = .negate(copy(a))
            case .plus(let a): kind = .plus(copy(a))
            case .percent(let a): kind = .percent(copy(a))
            case .group(let a): kind = .group(copy(a))
            case .binary(let op, let a, let b):
                let l = copy(a)
                kind = .binary(op, l, copy(b))
            case .call(let name, let args):
                var copied: [Int] = []
                for a in args { copied.append(copy(a)) }
                kind = .call(name, copied)
            case let leaf: kind = leaf
            }
            return out.add(kind, e.nodes[i].range)
        }
        _ = copy(root)
        return out
    }

    /// Whether `got` is Excel's result: numbers bit for bit, text exactly, errors by kind.
    /// A formula whose result is an empty cell shows 0 in Excel.
    static func matches(_ got: Value, _ expected: Value) -> Bool {
        switch (got, expected) {
        case (.number(let a), .number(let b)): a == b
        case (.blank, .number(let b)): b == 0
        default: got == expected
        }
    }
}

extension OracleHarness {
    /// Numbers within 1e-12 of Excel's, relative to the larger of 1 and Excel's magnitude
    /// (results near zero, such as an NPV at its IRR, are held to 1e-12 absolute).
    static func nearlyMatches(_ got: Value, _ expected: Value) -> Bool {
        guard case .number(let a) = got, case .number(let b) = expected else { return false }
        return abs(a - b) <= 1e-12 * max(1, abs(b))
    }
}

struct OracleFailure: Error {
    var message: String
}
