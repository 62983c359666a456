import Testing
@testable import Kalkyl

/// Array constants as Excel writes them, `{1,2;3,4}`, and numbers in E notation, from the
/// text to the value: lexer, parser, printer, checker and evaluation.
@Suite struct ArrayConstantTests {
    func array(_ text: String) -> ArrayConstant? {
        guard let tree = Parser.parseFormula(text).0, case .array(let a) = tree.nodes[tree.root].kind else { return nil }
        return a
    }

    @Test func rowsAreSeparatedBySemicolonsAndValuesByCommas() {
        let a = array("{1,2,3;4,5,6}")
        #expect(a?.rows == 2 && a?.columns == 3)
        #expect(a?.values == [1, 2, 3, 4, 5, 6].map(Value.number))
        let column = array(#"{"a";"b"}"#)
        #expect(column?.rows == 2 && column?.columns == 1)
        #expect(column?.values == [.text("a"), .text("b")])
    }

    @Test func elementsAreConstantsOfEveryKind() {
        let a = array(#"{-1,+2.5,TRUE,false,#N/A,"say ""hi""",1E-10,2.5E+3}"#)
        #expect(a?.values == [.number(-1), .number(2.5), .bool(true), .bool(false), .error(.na), .text(#"say "hi""#),
                              .number(1e-10), .number(2500)])
    }

    @Test func eNotationReadsAsExcelReadsIt() {
        #expect(FormulaEvaluator.evaluate("=1E-10") == .number(1e-10))
        #expect(FormulaEvaluator.evaluate("=2.5E+3") == .number(2500))
        #expect(FormulaEvaluator.evaluate("=1e3+1") == .number(1001))
        #expect(FormulaEvaluator.evaluate("=-4.2E-2") == .number(-0.042))
    }

    @Test func printsBackAsExcelWritesIt() {
        for text in ["{1,2;3,4}", #"{"a";"b"}"#, "{-1,TRUE,#DIV/0!}", "SUM({1,2}, 3)"] {
            let tree = Parser.parseFormula(text).0
            #expect(tree.map { ExpressionPrinter.print($0) } == text)
        }
    }

    @Test func malformedArraysAreSyntaxErrorsThatSayWhy() {
        let cases = [
            ("{1,2;3}", "every row of an array has as many values: row 1 has 2, row 2 has 1"),
            ("{1,,2}", "an array cannot leave a value out"),
            ("{1,x}", "an array holds constants only"),
            ("{1,2+3}", "expected ',', ';' or '}'"),
            ("{1,-x}", "a sign must be followed by a number"),
            ("{1,2", "expected ',', ';' or '}'"),
            ("{}", "an array cannot leave a value out"),
        ]
        for (text, message) in cases {
            let (tree, diagnostics) = Parser.parseFormula(text)
            #expect(tree == nil, "\(text) parsed")
            #expect(diagnostics.contains { $0.message.contains(message) }, "\(text): \(diagnostics.map(\.message))")
        }
    }

    @Test func aggregatesReadAnArrayAsExcelReadsARange() {
        #expect(FormulaEvaluator.evaluate("=SUM({1,2;3,4})") == .number(10))
        // Text and booleans in an array are skipped, as in a range: SUM({1,TRUE,"2"}) is 1 in Excel.
        #expect(FormulaEvaluator.evaluate(#"=SUM({1,TRUE,"2"})"#) == .number(1))
        #expect(FormulaEvaluator.evaluate(#"=COUNT({1,"a";TRUE,2})"#) == .number(2))
        #expect(FormulaEvaluator.evaluate("=SUM({1,#N/A})") == .error(.na))
        #expect(FormulaEvaluator.evaluate("=MAX({-1,-5;-3,-2})") == .number(-1))
        // One value is one value: ROUND({2.5}, 0) is 3.
        #expect(FormulaEvaluator.evaluate("=ROUND({2.5},0)") == .number(3))
    }

    @Test func anArrayWhereOneValueIsExpectedIsACheckError() {
        expectDiagnostics("""
            model "A"
            a = 1️⃣{1,2} + 1
            b = ABS(2️⃣{1;2})
            c = SUM({1,2}) + AVERAGE({1;2;3})
            input d = 3️⃣{1,2}
            """, [("1️⃣", "the array {1,2} gives several values, and only a function's argument may take several"),
                  ("2️⃣", "ABS's number is one value, but the array {1;2} gives several"),
                  ("3️⃣", "the array {1,2} gives several values")])
    }

    @Test func aModelComputesWithArraysPerMemberAndPeriod() throws {
        let evaluation = try evaluate("""
            model "A"
            timeline yearly 2021 .. 2022
            dimension unit = A, B
            input base[unit] = 10
            scaled[unit, year] = base * SUM({1,2;3,4}) + MAX({1E-10,2.5E+3})
            """)
        #expect(evaluation.numbers("scaled") == [2600, 2600, 2600, 2600])
    }
}
