import Testing
@testable import Kalkyl

@Suite("Coercion")
struct CoercionTests {
    @Test("text reads as a number the way Excel reads it", arguments: [
        (" 10 ", 10.0), ("1,234.5", 1234.5), ("(12)", -12), ("8%", 0.08), ("7.0e0", 7), ("+.5", 0.5),
        ("€100", 100), ("100€", 100), (" €100 ", 100), ("$1,000", 1000), ("-$5", -5), ("23.123%", 0.23123),
        ("1e-5", 0.00001), ("123,456.67", 123_456.67),
    ])
    func numbers(text: String, expected: Double) {
        #expect(Coerce.parseNumber(text) == expected)
    }

    @Test("text that is not a number", arguments: ["", " ", "--8", "12,34", "e5", "1e", "inf", "nan", "0x10", "@",
                                                    "#REF!", "\"eight\"", "F100", "TRUE", "1 000", "$$5"])
    func notNumbers(text: String) {
        #expect(Coerce.parseNumber(text) == nil)
    }

    @Test("dates and times read as serial numbers")
    func dates() {
        #expect(Coerce.parseNumber("2024-01-10") == 45301)
        #expect(Coerce.parseNumber(" 2024-01-10 ") == nil, "Excel does not trim a date")
        #expect(Coerce.parseNumber("2024-02-29 06:00") == 45351.25)
        #expect(Coerce.parseNumber("2023-02-29") == nil)
        #expect(Coerce.parseNumber("29-Feb-1900") == 60)
        #expect(Coerce.parseNumber("1-Mar-1900") == 61)
        #expect(Coerce.parseNumber("2-Feb-2026") == 46055)
        #expect(Coerce.parseNumber("12:00 PM") == 0.5)
        #expect(Coerce.parseNumber(" 1:30 ") == 0.0625)
    }

    /// Dates in digits read day first, as the oracle's Excel does: VALUE("2/3/2023") is 44987
    /// (2 March 2023) and VALUE("10-12-1999") 36504 (10 December); a day or month out of range
    /// ("30/2/2010", "40-2-2023") is no date, and neither is a two-digit year or a fraction.
    /// Numbers, Swedish decimal commas among them, read as before.
    @Test("dates in digits read day first")
    func datesInDigits() {
        #expect(Coerce.parseNumber("2/3/2023") == 44987)
        #expect(Coerce.parseNumber("10-12-1999") == 36504)
        #expect(Coerce.parseNumber("02/03/2023 06:00") == 44987.25)
        #expect(Coerce.parseNumber("29/2/1900") == 60)
        for text in ["30/2/2010", "40-2-2023", "2/13/2023", "2/3/23", "2/3", "1/2", "2/3-2023", " 2/3/2023", "0/3/2023", "2/3/2023 6"] {
            #expect(Coerce.parseNumber(text) == nil, "\(text)")
        }
        #expect(Coerce.parseNumber("12,34") == nil, "Excel's en-US VALUE(\"12,34\") is #VALUE! (oracle 11024)")
        #expect(Coerce.parseNumber("1,234") == 1234)
        #expect(Coerce.parseNumber("2023") == 2023)
    }

    @Test("negative zero reads as zero")
    func negativeZero() {
        #expect(Coerce.parseNumber("-0.0")?.sign == .plus)
    }

    @Test("truth values from text")
    func bools() throws {
        #expect(try Coerce.bool(.text("true")).get() == true)
        #expect(try Coerce.bool(.text("FALSE")).get() == false)
        #expect(Coerce.bool(.text("yes")) == .failure(.value))
        #expect(Coerce.bool(.error(.na)) == .failure(.na))
    }

    @Test("numbers as text, General format", arguments: [
        (0.0, "0"), (-0.0, "0"), (123.0, "123"), (1.0 / 3, "0.333333333333333"), (2.0 / 3, "0.666666666666667"),
        (1e15, "1000000000000000"), (1e21, "1E+21"), (1.23456789e-12, "1.23456789E-12"), (-1e100, "-1E+100"),
        (0.001, "0.001"), (9.999999999999999e20, "1E+21"), (45301.25, "45301.25"),
    ])
    func numberText(value: Double, text: String) {
        #expect(ExcelNumberText.general(value) == text)
    }
}
