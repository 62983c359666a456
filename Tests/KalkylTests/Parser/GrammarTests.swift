@testable import Kalkyl
import Testing

@Suite struct GrammarTests {
    func value(_ formula: String) -> Value? { FormulaEvaluator.evaluate(formula) }

    @Test("Excel's precedence", arguments: [
        ("-2^2", 4.0),            // negation binds tighter than ^
        ("2^3^2", 64),            // ^ is left-associative in Excel
        ("2+3*4", 14),
        ("(2+3)*4", 20),
        ("10-4-3", 3),
        ("2^-1", 0.5),
        ("50%*2", 1),
        ("-50%", -0.5),
        ("2*3%", 0.06),
        ("1+2^2*3", 13),
    ])
    func precedence(formula: String, expected: Double) {
        #expect(value(formula) == .number(expected))
    }

    @Test func comparisonsAndConcatenationBindLoosest() {
        #expect(value("1+1=2") == .bool(true))
        #expect(value("1&2=\"12\"") == .bool(true))
        #expect(value("\"a\"&1+2") == .text("a3"))
        #expect(value("3>2<>FALSE") == .bool(true))
    }

    @Test func errorsPropagateLeftFirst() {
        #expect(value("1/0+#N/A") == .error(.div0))
        #expect(value("#N/A+1/0") == .error(.na))
        #expect(value("IFERROR(1/0, 7)") == .number(7))
    }

    @Test("The tree prints back to text that parses to the same tree", arguments: [
        "a + b * c",
        "(a + b) * c",
        "-2 ^ 2",
        "2 ^ -2",
        "a - (b - c)",
        "a & \"x\"\"y\" & b",
        "IF(a >= 2021-04, SUM(x[2021-01 .. 2021-04]), PREV(y, 0))",
        "x[month-1] + x[month] + x[2021-04 ..]",
        "50% * ROUND(a / 3, 2)",
        "CONCATENATE(\"a\", , \"b\")",
    ])
    func roundTrip(text: String) throws {
        let (first, diagnostics) = Parser.parseFormula(text)
        #expect(diagnostics.isEmpty)
        let printed = ExpressionPrinter.print(try #require(first))
        #expect(printed == text)
        let (second, _) = Parser.parseFormula(printed)
        #expect(ExpressionPrinter.print(try #require(second)) == printed)
    }

    @Test func statementsOfAModel() throws {
        let text = """
        # comment
        model "Länsteknik 2021"
        timeline monthly 2021-01 .. 2021-12
        fiscal year starts 07
        ## Anställda december 2020
        input employees_start: persons = 137
        input hires[month] = 0
        input hires[2021-02] = 2
        employees[month] = PREV(employees, employees_start) + hires
        scenario stop "Anställningsstopp" {
          hires[2021-04 ..] = 0
        }
        """
        let (syntax, diagnostics) = Parser.parse(SourceFile(path: "t", text: text))
        #expect(diagnostics.isEmpty)
        #expect(syntax.statements.count == 8)
        guard case .definition(let d) = syntax.statements[3] else { Issue.record("expected a definition"); return }
        #expect(d.name == "employees_start" && d.isInput && d.unit == "persons" && d.label == "Anställda december 2020")
        guard case .scenario(let s) = syntax.statements[7] else { Issue.record("expected a scenario"); return }
        #expect(s.name == "stop" && s.label == "Anställningsstopp" && s.overrides.count == 1)
        if case .range(let from, let to)? = s.overrides[0].target.first { #expect(from.label == "2021-04" && to == nil) } else { Issue.record("expected a range") }
    }

    @Test func longLinesParseWithoutRecursion() {
        let text = "x = " + Array(repeating: "1", count: 200_000).joined(separator: "+")
        let evaluation = try? evaluate(text)
        #expect(evaluation?.value("x") == .number(200_000))
    }

    @Test func deepNestingIsRefusedWithAMessage() {
        let text = "x = " + String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)
        let found = diagnostics(of: text)
        #expect(found.count == 1)
        #expect(found.first?.message.contains("nests more than") == true)
    }
}
