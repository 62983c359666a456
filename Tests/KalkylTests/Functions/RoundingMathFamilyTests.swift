import Testing
@testable import Kalkyl

@Suite("Rounding to a multiple, and whole-number math")
struct RoundingMathFamilyTests {
    typealias A = FArg

    @Test("CEILING and FLOOR follow the signs of number and significance as Excel does")
    func ceilingAndFloorSigns() {
        #expect(callFunction("CEILING", A.n(7.1), A.n(0.5)) == .number(7.5))
        #expect(callFunction("CEILING", A.n(-10), A.n(7)) == .number(-7), "negative number, positive step: toward zero")
        #expect(callFunction("CEILING", A.n(-7.9), A.n(-7)) == .number(-14), "both negative: away from zero")
        #expect(callFunction("CEILING", A.n(7.1), A.n(-0.21)) == .error(.num))
        #expect(callFunction("CEILING", A.n(7.1), A.n(0)) == .number(0))
        #expect(callFunction("FLOOR", A.n(7.1), A.n(0)) == .error(.div0))
        #expect(callFunction("FLOOR", A.n(0), A.n(0)) == .number(0))
        #expect(callFunction("FLOOR", A.n(-7.1), A.n(2)) == .number(-8))
        #expect(callFunction("FLOOR", A.n(-7.9), A.n(-7)) == .number(-7))
        #expect(callFunction("FLOOR", A.n(2), A.n(-1)) == .error(.num))
    }

    @Test("the quotient is judged on 15 digits, and the result is the whole quotient times the step")
    func fifteenDigitQuotient() {
        #expect(callFunction("CEILING", A.n(7.9), A.n(0.1)) == .number(7.9), "7.9/0.1 is 79.00000000000001 as a double")
        #expect(same(callFunction("CEILING.MATH", A.n(7.1), A.n(0.1)), .number(7.1000000000000005)), "71 × 0.1, as Excel shows it")
        #expect(callFunction("CEILING.MATH", A.n(709), A.n(1e-307)) == .error(.num), "an infinite quotient")
    }

    @Test("the .MATH and .PRECISE forms ignore the step's sign; mode turns negative numbers")
    func mathAndPrecise() {
        #expect(callFunction("CEILING.MATH", A.n(-5.5), A.n(2)) == .number(-4))
        #expect(callFunction("CEILING.MATH", A.n(-5.5), A.n(2), A.n(1)) == .number(-6))
        #expect(callFunction("CEILING.MATH", A.n(6.3)) == .number(7))
        #expect(callFunction("FLOOR.MATH", A.n(-5.5), A.n(2)) == .number(-6))
        #expect(callFunction("FLOOR.MATH", A.n(-5.5), A.n(2), A.n(1)) == .number(-4))
        #expect(callFunction("CEILING.PRECISE", A.n(7.1), A.n(-0.21)) == .number(7.14))
        #expect(callFunction("FLOOR.PRECISE", A.n(-7.9), A.n(10)) == .number(-10))
        #expect(callFunction("FLOOR.PRECISE", A.n(5), A.n(0)) == .number(0))
    }

    @Test("MROUND rounds halves away from zero and refuses booleans and mixed signs")
    func mround() {
        #expect(callFunction("MROUND", A.n(7.5), A.n(5)) == .number(10))
        #expect(callFunction("MROUND", A.n(2.675), A.n(0.01)) == .number(2.68))
        #expect(callFunction("MROUND", A.n(-7.5), A.n(-5)) == .number(-10))
        #expect(callFunction("MROUND", A.n(-7.5), A.n(5)) == .error(.num))
        #expect(callFunction("MROUND", A.b(true), A.n(2)) == .error(.value))
        #expect(callFunction("MROUND", .missing, A.n(5)) == .error(.na))
    }

    @Test("EVEN and ODD round away from zero")
    func evenOdd() {
        #expect(callFunction("EVEN", A.n(-0.3)) == .number(-2))
        #expect(callFunction("EVEN", A.n(2)) == .number(2))
        #expect(callFunction("ODD", A.n(2)) == .number(3))
        #expect(callFunction("ODD", A.n(-1.2)) == .number(-3))
        #expect(callFunction("ODD", A.n(0)) == .number(1))
        #expect(callFunction("EVEN", A.t("x")) == .error(.value))
    }

    @Test("QUOTIENT truncates; LOG takes any base")
    func quotientAndLog() {
        #expect(callFunction("QUOTIENT", A.n(-7.8), A.n(2.3)) == .number(-3))
        #expect(callFunction("QUOTIENT", A.n(1), A.n(0)) == .error(.div0))
        #expect(callFunction("QUOTIENT", A.b(true), A.n(1)) == .error(.value))
        #expect(callFunction("LOG", A.n(1000)) == .number(3))
        #expect(callFunction("LOG", A.n(8), A.n(2)) == .number(3))
        #expect(callFunction("LOG", A.n(8), A.n(1)) == .error(.div0))
        #expect(callFunction("LOG", A.n(0)) == .error(.num))
        #expect(same(callFunction("LOG", A.n(0.11), A.n(10)), .number(-0.9586073148417749)), "ln x / ln 10, as Excel")
    }

    @Test("GCD and LCM read whole numbers from values and ranges")
    func gcdLcm() {
        #expect(callFunction("GCD", A.range(.number(24), .number(36), .blank), A.n(8)) == .number(4))
        #expect(callFunction("LCM", A.range(.number(4), .number(6)), A.n(10)) == .number(60))
        #expect(callFunction("LCM", A.n(4), A.n(0)) == .number(0))
        #expect(callFunction("GCD", A.n(-4), A.n(2)) == .error(.num))
        #expect(callFunction("GCD", A.ref(.bool(true)), A.n(2)) == .error(.value))
        #expect(callFunction("GCD", A.ref(.text("8")), A.n(2)) == .number(2), "text in a cell is read as a number")
        #expect(callFunction("GCD", A.range(.blank, .blank)) == .error(.value), "no number at all")
        #expect(callFunction("LCM", A.n(5e15), A.n(3)) == .error(.num), "past 2^53")
    }

    @Test("FACT, COMBIN and SUMSQ")
    func factCombinSumsq() {
        #expect(callFunction("FACT", A.n(4.5)) == .number(24))
        #expect(callFunction("FACT", A.n(-1)) == .error(.num))
        #expect(callFunction("FACT", A.n(171)) == .error(.num))
        #expect(callFunction("COMBIN", A.n(10.9), A.n(3.9)) == .number(120))
        #expect(callFunction("COMBIN", A.n(3), A.n(10)) == .error(.num))
        #expect(callFunction("SUMSQ", A.n(3), A.range(.number(4), .text("x"), .bool(true))) == .number(25))
        #expect(callFunction("SUMSQ", A.t("2")) == .number(4))
        #expect(callFunction("SUMSQ", A.range(.number(1), .error(.na))) == .error(.na))
    }

    @Test("the information functions ISERR, ISLOGICAL, ISEVEN, ISODD, N and TYPE")
    func information() {
        #expect(callFunction("ISERR", A.e(.na)) == .bool(false))
        #expect(callFunction("ISERR", A.e(.div0)) == .bool(true))
        #expect(callFunction("ISLOGICAL", A.b(false)) == .bool(true))
        #expect(callFunction("ISLOGICAL", A.t("TRUE")) == .bool(false))
        #expect(callFunction("ISEVEN", A.n(-4.5)) == .bool(true))
        #expect(callFunction("ISODD", A.n(-3)) == .bool(true))
        #expect(callFunction("ISEVEN", A.b(true)) == .error(.value))
        #expect(callFunction("ISODD", A.blankRef) == .bool(false))
        #expect(callFunction("N", A.t("10")) == .number(0))
        #expect(callFunction("N", A.b(true)) == .number(1))
        #expect(callFunction("N", A.e(.na)) == .error(.na))
        #expect(callFunction("TYPE", A.e(.na)) == .number(16))
        #expect(callFunction("TYPE", A.t("a")) == .number(2))
        #expect(callFunction("TYPE", A.range(.number(1), .number(2))) == .number(64))
    }
}
