import Testing
@testable import Kalkyl

@Suite("TEXT and TEXT_SV: Excel's number format codes")
struct TextFormatFamilyTests {
    typealias A = FArg

    func text(_ x: Double, _ format: String) -> Value { callFunction("TEXT", A.n(x), A.t(format)) }

    @Test("rounding is Excel's: from 15 significant digits, halves away from zero")
    func rounding() {
        #expect(text(2.675, "0.00") == .text("2.68"))       // 2.67499999… as a double
        #expect(text(-2.675, "0.00") == .text("-2.68"))
        #expect(text(0.5, "0") == .text("1"))
        #expect(text(9.995, "0.00") == .text("10.00"))
        #expect(text(-0.004, "0.00") == .text("0.00"))      // no minus on a zero shown
        #expect(text(1_234_567.891, "#,##0.00") == .text("1,234,567.89"))
    }

    @Test("sections: negative without its minus, zero, and text")
    func sections() {
        #expect(text(-1234.5, "#,##0;(#,##0)") == .text("(1,235)"))
        #expect(text(0, "#,##0;(#,##0);\"–\"") == .text("–"))
        #expect(callFunction("TEXT", A.t("Drift"), A.t("0;-0;0;\"Enhet \"@")) == .text("Enhet Drift"))
        #expect(callFunction("TEXT", A.t("Drift"), A.t("0.00")) == .text("Drift"))
        #expect(callFunction("TEXT", A.t("12"), A.t("0.00")) == .text("12.00"))
        #expect(callFunction("TEXT", A.b(true), A.t("0.00")) == .text("TRUE"))
        #expect(callFunction("TEXT", A.blankRef, A.t("0.00")) == .text("0.00"))
    }

    @Test("placeholders, scaling by thousands, percent, exponents and literals")
    func numberCodes() {
        #expect(text(12_345_678, "#,##0,\" tkr\"") == .text("12,346 tkr"))
        #expect(text(12_345_678, "0.0,,\" mnkr\"") == .text("12.3 mnkr"))
        #expect(text(0.256, "0.0%") == .text("25.6%"))
        #expect(text(1.5, "#.??") == .text("1.5 "))
        #expect(text(42, "000000") == .text("000042"))
        #expect(text(12_345, "0.00E+00") == .text("1.23E+04"))
        #expect(text(0.000_123, "0.0E-0") == .text("1.2E-4"))
        #expect(text(12_345, "##0.0E+0") == .text("12.3E+3"))
        #expect(text(9.999, "0.0E+0") == .text("1.0E+1"))
        #expect(text(5, "[$kr-41D] 0") == .text("kr 5"))
        #expect(text(5, "0_)\\x") == .text("5 x"))
        #expect(text(5, "[Blue]0") == .text("5"))
    }

    @Test("dates and times, rounded to the second shown")
    func dates() {
        let day = ExcelDate.serial(year: 2024, month: 2, day: 29) + (14 * 3600 + 5 * 60 + 9) / 86_400.0
        #expect(text(day, "yyyy-mm-dd") == .text("2024-02-29"))
        #expect(text(day, "dddd d mmmm yyyy") == .text("Thursday 29 February 2024"))
        #expect(text(day, "hh:mm:ss") == .text("14:05:09"))
        #expect(text(day, "h:mm AM/PM") == .text("2:05 PM"))
        #expect(text(day, "h:mm a/p") == .text("2:05 p"))
        #expect(text(day, "mmm-yy") == .text("Feb-24"))
        #expect(text(1.5, "[h]:mm") == .text("36:00"))
        // A point or a comma between date parts is itself (they were once left out: 29022024).
        #expect(text(day, "dd.mm.yyyy") == .text("29.02.2024"))
        #expect(text(day, "mmmm d, yyyy") == .text("February 29, 2024"))
        #expect(text(day, "d mmm yyyy, hh.mm") == .text("29 Feb 2024, 14.05"))
        #expect(text(day, "YYYY-MM-DD HH:MM:SS") == .text("2024-02-29 14:05:09"))
        #expect(text(0.999_999_9, "hh:mm:ss") == .text("00:00:00"))   // the next midnight
        #expect(text(0.5 + 0.25 / 86_400, "ss.00") == .text("00.25"))
        #expect(text(-1, "yyyy") == .error(.value))
        #expect(text(2_958_466, "yyyy") == .error(.value))
    }

    /// A `[$-LCID]` tag names the language of month and day names (Swedish board packs write
    /// `[$-41D]mmmm`); a language whose names Kalkyl does not know is #VALUE!, not English.
    @Test("month and day names in the language a [$-LCID] tag names")
    func languages() {
        let monday = ExcelDate.serial(year: 2024, month: 1, day: 1)
        #expect(text(monday, "[$-41D]dddd d mmmm yyyy") == .text("måndag 1 januari 2024"))
        #expect(text(monday, "[$-41D]ddd d mmm") == .text("må 1 jan"))
        #expect(text(monday + 5, "[$-81D]dddd") == .text("lördag"))
        #expect(text(ExcelDate.serial(year: 2024, month: 10, day: 3), "[$-41D]mmm mmmmm") == .text("okt o"))
        #expect(text(ExcelDate.serial(year: 2024, month: 5, day: 3), "[$kr-41D]mmmm") == .text("krmaj"))
        #expect(text(monday, "[$-409]dddd mmmm") == .text("Monday January"))
        #expect(text(monday, "[$-407]mmmm") == .error(.value))
        #expect(text(monday, "[$-F800]dddd") == .error(.value))
        #expect(text(monday, "[$-41D]h AM/PM") == .error(.value))
        // Numbers and numeric dates do not depend on the names.
        #expect(text(monday, "[$-407]yyyy-mm-dd") == .text("2024-01-01"))
        #expect(text(5, "[$-41D]0.0") == .text("5.0"))
    }

    @Test("what TEXT cannot write faithfully is #VALUE!, not another text")
    func refused() {
        #expect(text(5, "mm###") == .error(.value))         // date and digit placeholders mixed
        #expect(text(150, "[>100]0;0") == .error(.value))   // conditions are not supported
        #expect(text(1.5, "# ?/?") == .error(.value))       // nor fractions
        #expect(callFunction("TEXT", A.e(.na), A.t("0")) == .error(.na))
        #expect(callFunction("TEXT", A.n(1), A.e(.div0)) == .error(.div0))
    }

    @Test("General fits a cell's 11 characters")
    func general() {
        #expect(text(1.0 / 3, "General") == .text("0.333333333"))
        #expect(text(123_456_789_012, "General") == .text("1.23457E+11"))
        #expect(text(-0.000_000_01, "General") == .text("-0.00000001"))
        #expect(text(-1234.5, "General;(General)") == .text("(1234.5)"))
    }

    @Test("TEXT_SV: space thousands and a decimal comma, by the workbook's three substitutions")
    func swedish() {
        #expect(callFunction("TEXT_SV", A.n(1_234_567.891), A.t("#,##0.00")) == .text("1 234 567,89"))
        #expect(callFunction("TEXT_SV", A.n(-0.256), A.t("0.0%")) == .text("-25,6%"))
        #expect(callFunction("TEXT_SV", A.n(12_345_678), A.t("#,##0.0,\" tkr\"")) == .text("12 345,7 tkr"))
        #expect(callFunction("TEXT_SV", A.n(45_351), A.t("yyyy-mm-dd")) == .text("2024-02-29"))
        #expect(callFunction("TEXT_SV", A.n(1), A.t("mm###")) == .error(.value))
    }

    func sv(_ x: Double, _ format: String) -> Value { callFunction("TEXT_SV", A.n(x), A.t(format)) }

    /// Swedish Excel writes a format code with its own separators: TEXT(1234,5; "# ##0,00") is
    /// `1 234,50` there. TEXT_SV read `# ##0,00` as en-US (a literal space, a thousands comma)
    /// and gave `1 235`: the öre lost and the krona rounded. It reads the Swedish code now.
    @Test("TEXT_SV reads a format code written the Swedish way: a space groups, a comma is the decimal comma")
    func swedishWrittenCodes() {
        #expect(sv(1234.5, "# ##0,00") == .text("1 234,50"))
        #expect(sv(1_234_567, "# ##0") == .text("1 234 567"))            // was 1234 567
        #expect(sv(-1234.5, "# ##0,00;-# ##0,00") == .text("-1 234,50"))
        #expect(sv(1234.5, "0,00") == .text("1234,50"))                 // was 1 235
        #expect(sv(0.256, "0,0 %") == .text("25,6 %"))
        #expect(sv(1234.5, "# ##0 kr") == .text("1 235 kr"))
        #expect(sv(1234.5, "# ##0,00 \"kr\"") == .text("1 234,50 kr"))
        #expect(sv(1234.5, "\u{A0}# ##0,0") == .text("\u{A0}1 234,5"))
        #expect(sv(1234.5, "#\u{A0}##0,0") == .text("1 234,5"))           // Windows' no-break space
        #expect(sv(45_351, "yyyy-mm-dd") == .text("2024-02-29"))
        #expect(sv(1234.5, "0") == .text("1235"))
    }

    @Test("TEXT_SV gives #VALUE! for a code that reads two ways, rather than one of them")
    func swedishAmbiguousCodes() {
        #expect(sv(1234.567, "#,##0") == .error(.value))       // en-US 1 235, Swedish Excel 1234,567
        #expect(sv(1234.567, "0,000") == .error(.value))
        #expect(sv(1234.567, "0,") == .error(.value))          // thousands, or a bare decimal comma
        #expect(sv(1234.5, "# ##0 ") == .error(.value))        // thousands in Swedish Excel
        #expect(sv(1234.5, "# ##0.00") == .error(.value))      // a grouping space and a point
        #expect(sv(1234.567, "# ##0,000") == .text("1 234,567"))   // the space settles it
    }

    @Test("TEXT_SV's workbook expression gets the en-US code of a literal written the Swedish way")
    func swedishCodeInTheWorkbook() {
        #expect(TextFormatFunctions.excelFormat("\"# ##0,00\"") == .text("\"#,##0.00\""))
        #expect(TextFormatFunctions.excelFormat("\"0,0\"\" kr\"\"\"") == .text("\"0.0\"\" kr\"\"\""))
        #expect(TextFormatFunctions.excelFormat("\"#,##0\"") == .text("#VALUE!"))
        #expect(TextFormatFunctions.excelFormat("\"#,##0.00\"") == .arg(1))
        #expect(TextFormatFunctions.excelFormat(nil) == .arg(1))
    }
}
