import Testing
@testable import Kalkyl

/// Edge cases and errors of the functions whose own tests had none beyond the oracle's rows:
/// a left-out or empty argument, an argument out of range, a value of another kind, an error.
/// Each expectation is Excel's documented result.
@Suite("Functions: edge cases and errors of their own")
struct FunctionEdgeCaseTests {
    typealias A = FArg

    @Test("MAXIFS and MINIFS: no match is 0, an error counts only where the criteria match")
    func maxifsAndMinifs() {
        let amounts = A.range(.number(5), .number(9), .error(.div0), .text("12"), .number(-3))
        let kinds = A.range(.text("a"), .text("b"), .text("b"), .text("a"), .text("a"))
        #expect(callFunction("MAXIFS", amounts, kinds, A.t("a")) == .number(5), "text in max_range is skipped")
        #expect(callFunction("MINIFS", amounts, kinds, A.t("a")) == .number(-3))
        #expect(callFunction("MAXIFS", amounts, kinds, A.t("c")) == .number(0), "nothing matches: 0, not an error")
        #expect(callFunction("MINIFS", amounts, kinds, A.t("c")) == .number(0))
        #expect(callFunction("MAXIFS", amounts, kinds, A.t("b")) == .error(.div0), "the error is in a matching cell")
        #expect(callFunction("MAXIFS", A.range(.number(1), .number(2)), A.range(.text("a")), A.t("a")) == .error(.value),
                "ranges of different sizes")
        #expect(callFunction("MINIFS", amounts, kinds, A.t("<>b"), A.range(.number(1), .number(2), .number(3), .number(4), .number(5)), A.t(">1"))
                == .number(-3), "every pair must hold")
    }

    @Test("CUMPRINC: periods and type out of range are #NUM!, TRUE is #VALUE!")
    func cumprinc() {
        func cumprinc(_ args: Argument...) -> Value {
            FunctionRegistry.lookup("CUMPRINC")!.call(args)
        }
        let r = A.n(0.05), n = A.n(10), pv = A.n(1_000)
        // The whole loan's principal is the loan, paid out: -1000.
        guard case .number(let whole) = cumprinc(r, n, pv, A.n(1), A.n(10), A.n(0)) else { Issue.record("no number"); return }
        #expect(abs(whole + 1_000) < 1e-9)
        #expect(cumprinc(r, n, pv, A.n(3), A.n(2), A.n(0)) == .error(.num), "start after end")
        #expect(cumprinc(r, n, pv, A.n(0), A.n(2), A.n(0)) == .error(.num), "start before the first period")
        #expect(cumprinc(r, n, pv, A.n(1), A.n(11), A.n(0)) == .error(.num), "end after the last period")
        #expect(cumprinc(r, n, pv, A.n(1), A.n(2), A.n(2)) == .error(.num), "type is 0 or 1")
        #expect(cumprinc(A.n(0), n, pv, A.n(1), A.n(2), A.n(0)) == .error(.num), "a rate of 0")
        #expect(cumprinc(r, n, A.n(-1_000), A.n(1), A.n(2), A.n(0)) == .error(.num), "a negative present value")
        #expect(cumprinc(r, n, pv, A.n(1), A.n(2), A.b(false)) == .error(.value), "an Analysis ToolPak function takes no booleans")
        #expect(cumprinc(r, n, A.e(.na), A.n(1), A.n(2), A.n(0)) == .error(.na))
    }

    @Test("CEILING.PRECISE, FLOOR.PRECISE and FLOOR.MATH: the significance's sign is ignored, 0 gives 0")
    func preciseAndMath() {
        #expect(callFunction("CEILING.PRECISE", A.n(-4.3), A.n(2)) == .number(-4), "toward +∞")
        #expect(callFunction("CEILING.PRECISE", A.n(4.3), A.n(-2)) == .number(6))
        #expect(callFunction("CEILING.PRECISE", A.n(4.3), A.n(0)) == .number(0))
        #expect(callFunction("CEILING.PRECISE", A.n(4.3)) == .number(5))
        #expect(callFunction("FLOOR.PRECISE", A.n(-3.2), A.n(-1)) == .number(-4), "toward −∞")
        #expect(callFunction("FLOOR.PRECISE", A.n(3.2), A.n(0)) == .number(0))
        #expect(callFunction("FLOOR.PRECISE", A.t("x")) == .error(.value))
        #expect(callFunction("FLOOR.MATH", A.n(-5.5), A.n(2)) == .number(-6))
        #expect(callFunction("FLOOR.MATH", A.n(-5.5), A.n(2), A.n(-1)) == .number(-4), "a mode turns negative numbers toward 0")
        #expect(callFunction("FLOOR.MATH", A.n(5.5), A.n(0)) == .number(0))
        #expect(callFunction("FLOOR.MATH", A.e(.num), A.n(1)) == .error(.num))
    }

    /// Seed 15, model 12 of the differential run: COMBIN(44197, 100) was #NUM! in Kalkyl and
    /// 3.31587831623287E+306 in LibreOffice. The result fits a double; only the product on the
    /// way to it overflowed. Python's exact math.comb(44197, 100) is 3.315878316232868E+306.
    @Test("COMBIN near the largest double: a result that fits is a number, one past it #NUM!")
    func combinNearTheLargestDouble() {
        guard case .number(let big) = callFunction("COMBIN", A.n(44_197), A.n(100)) else {
            Issue.record("COMBIN(44197, 100) is no number"); return
        }
        #expect(abs(big / 3.315878316232868e306 - 1) < 1e-12)
        guard case .number(let widest) = callFunction("COMBIN", A.n(1_029), A.n(514)) else {
            Issue.record("COMBIN(1029, 514) is no number"); return
        }
        #expect(abs(widest / 1.429820686498904e308 - 1) < 1e-12, "the largest C(n, n/2) a double holds")
        #expect(callFunction("COMBIN", A.n(1_030), A.n(515)) == .error(.num), "past 1.79769313486232E+308")
    }

    @Test("ODD rounds away from zero to an odd integer; ISODD truncates and refuses TRUE")
    func odd() {
        #expect(callFunction("ODD", A.n(0)) == .number(1))
        #expect(callFunction("ODD", A.n(2)) == .number(3))
        #expect(callFunction("ODD", A.n(-1.5)) == .number(-3))
        #expect(callFunction("ODD", A.t("a")) == .error(.value))
        #expect(callFunction("ISODD", A.n(-3)) == .bool(true))
        #expect(callFunction("ISODD", A.n(2.9)) == .bool(false), "the whole part, 2, is even")
        #expect(callFunction("ISODD", A.b(true)) == .error(.value))
        #expect(callFunction("ISODD", A.e(.na)) == .error(.na))
    }

    @Test("VAR.P: one number is 0, none is #DIV/0!, an error is the result")
    func varP() {
        #expect(callFunction("VAR.P", A.range(.number(1), .number(2), .number(3), .number(4))) == .number(1.25))
        #expect(callFunction("VAR.P", A.n(7)) == .number(0))
        #expect(callFunction("VAR.P", A.range(.text("a"), .blank)) == .error(.div0))
        #expect(callFunction("VAR.P", A.range(.number(1), .error(.ref))) == .error(.ref))
    }

    @Test("MAXA counts TRUE as 1 and text in cells as 0; typed text that is no number is #VALUE!")
    func maxa() {
        #expect(callFunction("MAXA", A.range(.number(-2), .text("x"), .number(-5))) == .number(0))
        #expect(callFunction("MAXA", A.range(.bool(true), .number(0.5))) == .number(1))
        #expect(callFunction("MAXA", A.range(.blank)) == .number(0), "nothing to count")
        #expect(callFunction("MAXA", A.t("x")) == .error(.value))
        #expect(callFunction("MAXA", A.range(.number(1), .error(.na))) == .error(.na))
    }

    @Test("RIGHT, UPPER, PROPER, TRIM and EXACT on counts, kinds and errors")
    func textChanges() {
        #expect(callFunction("RIGHT", A.t("abc")) == .text("c"), "one character when the count is left out")
        #expect(callFunction("RIGHT", A.t("abc"), A.n(0)) == .text(""))
        #expect(callFunction("RIGHT", A.t("abc"), A.n(5)) == .text("abc"))
        #expect(callFunction("RIGHT", A.t("abc"), A.n(-1)) == .error(.value))
        #expect(callFunction("RIGHT", A.e(.div0), A.n(1)) == .error(.div0))
        #expect(callFunction("UPPER", A.b(true)) == .text("TRUE"))
        #expect(callFunction("UPPER", A.n(1.5)) == .text("1.5"))
        #expect(callFunction("UPPER", A.e(.na)) == .error(.na))
        #expect(callFunction("PROPER", A.t("o'neil-smith")) == .text("O'Neil-Smith"), "a letter after any non-letter starts a word")
        #expect(callFunction("PROPER", A.blankRef) == .text(""))
        #expect(callFunction("TRIM", A.t("   ")) == .text(""))
        #expect(callFunction("TRIM", A.t("a\u{00A0} b")) == .text("a\u{00A0} b"), "only the space (32) is trimmed")
        #expect(callFunction("TRIM", A.e(.value)) == .error(.value))
        #expect(callFunction("EXACT", A.t("a"), A.t("A")) == .bool(false))
        #expect(callFunction("EXACT", A.n(1), A.t("1")) == .bool(true), "both are compared as text")
        #expect(callFunction("EXACT", A.b(true), A.t("TRUE")) == .bool(true))
        #expect(callFunction("EXACT", A.t("a"), A.e(.na)) == .error(.na))
    }

    @Test("DAYS and DAYS360: text dates, truncation, order and errors")
    func days() {
        #expect(callFunction("DAYS", A.t("2021-03-01"), A.t("2021-02-01")) == .number(28))
        #expect(callFunction("DAYS", A.n(10.9), A.n(1.2)) == .number(9), "each date is truncated")
        #expect(callFunction("DAYS", A.n(1), A.n(10)) == .number(-9))
        #expect(callFunction("DAYS", A.n(1), A.t("x")) == .error(.value))
        #expect(callFunction("DAYS", A.n(-1), A.n(1)) == .error(.num))
        // Excel's documentation: 30 January to 1 February 2011 is 1 day, 1 January to 31 December 360.
        #expect(callFunction("DAYS360", A.n(40_573), A.n(40_575)) == .number(1))
        #expect(callFunction("DAYS360", A.n(40_544), A.n(40_908)) == .number(360))
        // Backwards the US rule moves the start, 31 December, to the 30th: (1 − 12)·30 + (1 − 30) = −359.
        #expect(callFunction("DAYS360", A.n(40_908), A.n(40_544)) == .number(-359))
        #expect(callFunction("DAYS360", A.t("x"), A.n(1)) == .error(.value))
    }

    @Test("MINUTE and SECOND read times from text and round to the second")
    func minuteAndSecond() {
        #expect(callFunction("MINUTE", A.t("12:45")) == .number(45))
        #expect(callFunction("SECOND", A.n(59.6 / 86_400)) == .number(0), "59.6 seconds is the next minute")
        #expect(callFunction("MINUTE", A.n(59.6 / 86_400)) == .number(1))
        #expect(callFunction("MINUTE", A.n(-0.5)) == .error(.num))
        #expect(callFunction("SECOND", A.t("x")) == .error(.value))
        #expect(callFunction("SECOND", A.e(.na)) == .error(.na))
    }

    @Test("ISLOGICAL is TRUE only for a boolean and never passes an error on")
    func isLogical() {
        #expect(callFunction("ISLOGICAL", A.b(false)) == .bool(true))
        #expect(callFunction("ISLOGICAL", A.n(1)) == .bool(false))
        #expect(callFunction("ISLOGICAL", A.t("TRUE")) == .bool(false))
        #expect(callFunction("ISLOGICAL", A.e(.na)) == .bool(false))
        #expect(callFunction("ISLOGICAL", A.blankRef) == .bool(false))
    }
}
