import Foundation
@testable import Kalkyl
import Testing

/// Every function of the language is used in an example model where a controller would use
/// it, or is listed here with the reason it has no such place; docs/functions.md publishes
/// where each is used, and this test keeps that table true.
@Suite struct ExampleFunctionUseTests {
    /// Functions no example model uses, and why. A function used by an example must not be here.
    static let notInExamples: [String: String] = [
        "PI": "a constant of geometry; a controller's model has no circles",
        "FACT": "counts orderings; nothing a controller forecasts is a number of orderings",
        "COMBIN": "counts combinations; nothing a controller forecasts is a number of combinations",
        "GCD": "number theory; nothing a controller plans is a common divisor",
        "LCM": "number theory; nothing a controller plans is a common multiple",
        "EVEN": "rounds up to an even integer; no amount, count or rate in these models must be even",
        "ODD": "rounds up to an odd integer; no amount, count or rate in these models must be odd",
        "ISEVEN": "tests a number's parity; no figure in these models depends on it",
        "ISODD": "tests a number's parity; no figure in these models depends on it",
        "EXP": "continuous growth; loans, budgets and indexations here compound per year or month (RRI, EFFECT, NOMINAL, LOG)",
        "LN": "continuous growth; loans, budgets and indexations here compound per year or month (RRI, EFFECT, NOMINAL, LOG)",
        "SQRT": "no figure here is a square root; the spread of salaries is STDEV.S and STDEV.P",
        "SUMSQ": "a sum of squares is a step inside the standard deviation, which the salary review takes from STDEV.S",
        "VAR.S": "the pay survey reports the spread as the standard deviation, in kronor (STDEV.S); the variance is in kronor squared",
        "VAR.P": "the pay survey reports the spread as the standard deviation, in kronor (STDEV.P); the variance is in kronor squared",
        "CEILING.PRECISE": "CEILING.MATH without its mode argument; the salary review rounds with CEILING.MATH",
        "FLOOR.PRECISE": "FLOOR.MATH without its mode argument; the salary review rounds with FLOOR.MATH",
    ]

    /// Each function the language knows (the registry's and the time functions), by name.
    static var functionNames: [String] {
        (Array(FunctionRegistry.all.keys) + Array(FunctionRegistry.timeFunctions.keys)).sorted()
    }

    /// Where each function is called: example model → the names of the definitions and checks
    /// that call it, in the order written.
    static func uses() throws -> [String: [(model: String, definitions: [String])]] {
        var uses: [String: [(model: String, definitions: [String])]] = [:]
        for model in ExampleModelTests.models {
            let path = ExampleModelTests.root.appendingPathComponent("formulas").appendingPathComponent(model).path
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let (syntax, diagnostics) = Parser.parse(SourceFile(path: path, text: text))
            #expect(diagnostics.isEmpty, "\(model) parses")
            var byFunction: [String: [String]] = [:]
            for definition in definitions(of: syntax) {
                for node in definition.expression.nodes {
                    guard case .call(let name, _) = node.kind else { continue }
                    let function = name.uppercased()
                    if byFunction[function]?.last != definition.name { byFunction[function, default: []].append(definition.name) }
                }
            }
            let stem = String(model.dropLast(".kalkyl".count))
            for (function, names) in byFunction {
                var unique: [String] = []
                for name in names where !unique.contains(name) { unique.append(name) }
                uses[function, default: []].append((stem, unique))
            }
        }
        return uses
    }

    /// The definitions, checks and scenario overrides of a file, in the order written.
    static func definitions(of syntax: SyntaxFile) -> [Definition] {
        syntax.statements.flatMap { statement -> [Definition] in
            switch statement {
            case .definition(let d), .check(let d): [d]
            case .scenario(let s): s.overrides
            default: []
            }
        }
    }

    /// The table docs/functions.md publishes: each function, the example models that call it
    /// and, in each, the first definition or check that does (the first only, so that a new
    /// line further down a model leaves the table alone).
    static func table() throws -> String {
        let uses = try uses()
        var lines = ["| function | used in (example model: first definition using it) |", "|---|---|"]
        for name in functionNames {
            if let places = uses[name] {
                let text = places.map { "\($0.model): `\($0.definitions[0])`" }.joined(separator: "; ")
                lines.append("| \(name) | \(text) |")
            } else {
                lines.append("| \(name) | none: \(notInExamples[name] ?? "no reason given") |")
            }
        }
        return lines.joined(separator: "\n")
    }

    static let startMarker = "<!-- function uses: generated by ExampleFunctionUseTests -->"
    static let endMarker = "<!-- end of function uses -->"

    @Test func everyFunctionIsUsedByAnExampleOrSaysWhyNot() throws {
        let uses = try Self.uses()
        for name in Self.functionNames {
            let used = uses[name] != nil
            let excused = Self.notInExamples[name] != nil
            #expect(used || excused, "\(name) is used by no example model: give it a use where a controller would write it, or a reason in notInExamples")
            #expect(!(used && excused), "\(name) is used by an example model, so it must not be listed in notInExamples")
        }
        for name in Self.notInExamples.keys {
            #expect(Self.functionNames.contains(name), "\(name) in notInExamples is no function")
        }
    }

    /// The table in docs/functions.md is this test's; `KALKYL_RECORD_GOLDEN=1` writes it anew.
    @Test func theDocsTableOfUsesIsCurrent() throws {
        let path = ExampleModelTests.root.appendingPathComponent("docs/functions.md").path
        let docs = try String(contentsOfFile: path, encoding: .utf8)
        let start = try #require(docs.range(of: Self.startMarker), "docs/functions.md has the marker \(Self.startMarker)")
        let end = try #require(docs.range(of: Self.endMarker, range: start.upperBound..<docs.endIndex))
        let published = docs[start.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        let table = try Self.table()
        if ProcessInfo.processInfo.environment["KALKYL_RECORD_GOLDEN"] == "1", published != table {
            let updated = docs.replacingCharacters(in: start.upperBound..<end.lowerBound, with: "\n" + table + "\n")
            try updated.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        #expect(published == table, "docs/functions.md's table of uses is out of date; run with KALKYL_RECORD_GOLDEN=1 to write it:\n\(table)")
    }
}
