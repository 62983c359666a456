@testable import Kalkyl
import Testing

/// Numbers as Swedish and English exports write them, each read under one decimal mark.
@Suite struct NumberReaderTests {
    let comma = NumberReader(decimalMark: .comma)
    let point = NumberReader(decimalMark: .point)

    @Test(arguments: [
        ("1234", 1234.0), ("1234,5", 1234.5), (",5", 0.5), ("0,25", 0.25),
        ("1 234 567,50", 1_234_567.5),                       // plain spaces
        ("1\u{00A0}234\u{00A0}567,50", 1_234_567.5),         // no-break spaces, as Swedish Excel writes
        ("1\u{202F}234\u{202F}567,50", 1_234_567.5),         // narrow no-break spaces
        ("1\u{2009}234,5", 1234.5),                          // thin space
        ("1.234,50", 1234.5), ("1.234.567", 1_234_567),      // '.' groups only next to a decimal comma, or repeated
        ("-1 250 000,00", -1_250_000), ("\u{2212}1 180 000", -1_180_000), ("+12", 12),
        ("4 250,00-", -4250), ("4 250,00\u{2212}", -4250),   // trailing minus (SAP, Raindance reports)
        ("(1 500,00)", -1500),                                // accounting parentheses
        ("- 12,5", -12.5),
        ("  36 900  ", 36900), ("\t7\t", 7),                  // padding
        ("100 %", 1), ("75%", 0.75), ("46,15 %", 0.4615),     // percentages, as in the language
        ("1,5E+03", 1500), ("2e-2", 0.02),                    // Excel's scientific format
        ("0", 0), ("-0", 0),
    ])
    func decimalComma(text: String, expected: Double) throws {
        #expect(try comma.read(text) == expected)
    }

    @Test(arguments: [
        ("1234.5", 1234.5), ("1,234,567.50", 1_234_567.5), ("1 234.5", 1234.5),
        ("-2345.5", -2345.5), ("(1500.00)", -1500), ("12.50-", -12.5), (".5", 0.5), ("1,234.5%", 12.345),
    ])
    func decimalPoint(text: String, expected: Double) throws {
        #expect(try point.read(text) == expected)
    }

    @Test func blankIsNotZero() throws {
        #expect(try comma.read("") == nil)
        #expect(try comma.read("   ") == nil)
        #expect(try comma.read("\u{00A0}") == nil)
        #expect(try comma.read("0") == 0)
    }

    @Test func roundedExactlyAsTheStandardLibraryDoes() throws {
        // Short numbers take a fast path; long ones the standard conversion. Both must give the
        // double nearest to the decimal, as Double("…") does.
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 { seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407; return seed >> 11 }
        for _ in 0..<5000 {
            let integer = String(next() % 10_000_000_000)
            let fraction = String(next() % 1_000_000_000_000).prefix(Int(next() % 13))
            let english = fraction.isEmpty ? integer : "\(integer).\(fraction)"
            let swedish = fraction.isEmpty ? integer : "\(integer),\(fraction)"
            #expect(try comma.read(swedish) == Double(english), "\(swedish)")
        }
        #expect(try comma.read("12345678901234567890,123") == Double("12345678901234567890.123"))
        #expect(try comma.read("0,000000000000000000000000001") == 1e-27)
        #expect(try point.read("9007199254740993") == 9_007_199_254_740_993)
    }

    @Test func percentIsExact() throws {
        // 46,15 % is the same double as the literal 0.4615, not 46.15 / 100.
        #expect(try comma.read("46,15 %") == 0.4615)
    }

    @Test(arguments: [
        ("12.5", NumberProblem.otherDecimalMark("12.5", .comma)),
        ("1.234", .ambiguousGrouping("1.234", .comma)),
        ("1,234.5", .otherDecimalMark("1,234.5", .comma)),
        ("1,2,3", .severalDecimalMarks("1,2,3", .comma)),
        ("12,", .missingDigits("12,", .comma)),
        ("12 34", .badGrouping("12 34")),
        ("1234 567", .badGrouping("1234 567")),
        ("1 234.567,5", .badGrouping("1 234.567,5")),
        ("1,23 4", .badGrouping("1,23 4")),
        ("--5", .conflictingSigns("--5")),
        ("-5-", .conflictingSigns("-5-")),
        ("(-5)", .conflictingSigns("(-5)")),
        ("12,5x", .unexpectedCharacter("x", in: "12,5x")),
        ("36 900 kr", .unexpectedCharacter("k", in: "36 900 kr")),
        ("abc", .notANumber("abc")),
        ("-", .notANumber("-")),
        ("1e999", .outOfRange("1e999")),
    ])
    func contradictionsAreErrorsNotGuesses(text: String, problem: NumberProblem) {
        #expect(throws: problem) { try comma.read(text) }
    }

    /// A cell longer than a number may be is no number, and is not scanned (its tokens took 24
    /// bytes a byte); the spaces and tabs around a number do not count.
    @Test func aCellLongerThanANumberMayBeIsNone() throws {
        let digits = String(repeating: "1", count: NumberReader.longestNumber + 1)
        #expect(throws: NumberProblem.tooLong("11111111111111111111", bytes: NumberReader.longestNumber + 1)) { try comma.read(digits) }
        let padding = String(repeating: " ", count: NumberReader.longestNumber), tabs = String(repeating: "\t", count: 10)
        #expect(try comma.read(padding + "1 234,5" + tabs + padding) == 1234.5)
        #expect(try comma.read(padding + padding) == nil)
        // A no-break space makes the cell non-ASCII, read by tokens: short, it shows its comma.
        #expect(NumberReader.tokenDecimalEvidence("\u{00A0}1,5") == .comma)
        #expect(NumberReader.tokenDecimalEvidence("\u{00A0}" + String(repeating: "1", count: NumberReader.longestNumber) + ",5") == nil)
        #expect(NumberProblem.tooLong("\n\n", bytes: 120_000_000).message
                == "'\\n\\n…' is not a number: it is 120,000,000 bytes long, and a number has at most 4,096")
    }

    @Test func pointFileProblems() {
        #expect(throws: NumberProblem.ambiguousGrouping("1,234", .point)) { try point.read("1,234") }
        #expect(throws: NumberProblem.otherDecimalMark("12,5", .point)) { try point.read("12,5") }
        #expect(throws: NumberProblem.otherDecimalMark("1.234,50", .point)) { try point.read("1.234,50") }
        // A Swedish amount in a file of decimal points: the decimal comma is the mistake, not the spaces.
        #expect(throws: NumberProblem.otherDecimalMark("1 000,50", .point)) { try point.read("1 000,50") }
        #expect(throws: NumberProblem.otherDecimalMark("1 234 567,5", .point)) { try point.read("1 234 567,5") }
        // Spaces grouping badly with no decimal comma in sight stay a grouping problem.
        #expect(throws: NumberProblem.badGrouping("12 34.5")) { try point.read("12 34.5") }
    }

    @Test func messagesSayWhatToWrite() {
        #expect(NumberProblem.otherDecimalMark("12.5", .comma).message == "'12.5' has a decimal point, but this file writes decimals with a comma")
        let ambiguous = NumberProblem.ambiguousGrouping("1.234", .comma)
        #expect(ambiguous.message == "'1.234' could be read two ways: '.' groups thousands only next to a decimal comma")
        #expect(ambiguous.hint == "write '1234' for 1234, or '1,234' for a number with decimals")
    }

    @Test(arguments: [
        ("12,5", DataFormat.DecimalMark.comma), ("1 234,50", .comma), ("1.234,50", .comma), ("1 234,500", .comma), ("-4 250,00-", .comma),
        ("12.5", .point), ("1,234.50", .point), ("(1500.00)", .point),
    ])
    func evidenceOfADecimalMark(text: String, mark: DataFormat.DecimalMark) {
        #expect(NumberReader.decimalEvidence(text) == mark)
    }

    @Test(arguments: ["1234", "1,234", "1.234", "1.234.567", "2021-04-01", "Nätverk", "", "12,5x"])
    func noEvidence(text: String) {
        #expect(NumberReader.decimalEvidence(text) == nil)
    }

    /// The byte path for ASCII cells decides as the token path does, on every cell of up to
    /// four characters drawn from those a mark's decision looks at (a digit stands for any),
    /// and on longer ones drawn at random.
    @Test func asciiEvidenceAgreesWithTokens() {
        let alphabet = Array("1 ,.-+()%\tEx").map(String.init)
        var disagreements: [String] = []
        func check(_ text: String) {
            if NumberReader.decimalEvidence(text) != NumberReader.tokenDecimalEvidence(text) { disagreements.append(text) }
        }
        var texts = [""]
        for _ in 1...4 {
            texts = texts.flatMap { t in alphabet.map { t + $0 } }
            for text in texts { check(text) }
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let length = Int.random(in: 5...12, using: &generator)
            check((0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined())
        }
        for text in ["1\u{00A0}234,5", "\u{2212}12,5", "12,5\u{202F}", "1 234,50", "1 234,500", "12.345"] { check(text) }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(10))")
    }
}
