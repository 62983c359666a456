@testable import Kalkyl
import Testing

@Suite struct LexerTests {
    func kinds(_ text: String) -> [TokenKind] {
        Lexer.tokenize(SourceFile(path: "t", text: text)).tokens.map(\.kind)
    }

    @Test func numbersWithSeparatorsDecimalsAndExponents() {
        #expect(kinds("1_234_500 1234.5 .5 1E3 2.5e-2") == [.number(1_234_500), .number(1234.5), .number(0.5), .number(1000), .number(0.025), .end])
    }

    @Test func periodsAreNotSubtractions() {
        #expect(kinds("2021-04") == [.period(year: 2021, month: 4), .end])
        #expect(kinds("2021 - 04") == [.number(2021), .minus, .number(4), .end])
        #expect(kinds("x[month-1]") == [.identifier("x"), .leftBracket, .identifier("month"), .minus, .number(1), .rightBracket, .end])
    }

    @Test func rangesBetweenPeriods() {
        #expect(kinds("2021-01..2021-04") == [.period(year: 2021, month: 1), .dotDot, .period(year: 2021, month: 4), .end])
        #expect(kinds("2021-04 ..]") == [.period(year: 2021, month: 4), .dotDot, .rightBracket, .end])
    }

    @Test func textWithDoubledQuotes() {
        #expect(kinds(#""say ""hi""""#) == [.string("say \"hi\""), .end])
    }

    @Test func errorLiteralsAndComments() {
        #expect(kinds("#DIV/0! # a comment\n#N/A") == [.error(.div0), .newline, .error(.na), .end])
        #expect(kinds("x = 1 # N/A is not an error here") == [.identifier("x"), .equal, .number(1), .end])
    }

    @Test func labelsAtTheStartOfALine() {
        #expect(kinds("## Anställda\nx = 1") == [.label("Anställda"), .identifier("x"), .equal, .number(1), .end])
    }

    @Test func swedishLettersInNames() {
        #expect(kinds("årsprognos_övrigt") == [.identifier("årsprognos_övrigt"), .end])
    }

    @Test func crlfTabsAndBOM() {
        #expect(kinds("\u{FEFF}a\t=\t1\r\nb = 2\r\n") == [.identifier("a"), .equal, .number(1), .newline, .identifier("b"), .equal, .number(2), .newline, .end])
    }

    @Test func lineBreaksInsideParenthesesContinueTheFormula() throws {
        let e = try evaluate("x = (1 +\n 2)\ny = SUM(1,\n  2,\n  3)")
        #expect(e.value("x") == .number(3))
        #expect(e.value("y") == .number(6))
    }

    @Test func unexpectedCharactersAreReportedAndSkipped() {
        let (tokens, diagnostics) = Lexer.tokenize(SourceFile(path: "t", text: "x = 1 $ 2"))
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.contains("unexpected character") == true)
        #expect(tokens.map(\.kind) == [.identifier("x"), .equal, .number(1), .number(2), .end])
    }
}
