import Testing
@testable import Kalkyl

@Suite("Math functions")
struct MathFunctionsTests {
    typealias A = FArg

    @Test("ROUND rounds halves away from zero, looking at 15 significant digits")
    func round() {
        #expect(callFunction("ROUND", A.n(2.5), A.n(0)) == .number(3))
        #expect(callFunction("ROUND", A.n(-2.5), A.n(0)) == .number(-3))
        #expect(callFunction("ROUND", A.n(-1.45), A.n(1)) == .number(-1.5))
        // 1.005 and 2.675 are just below the half as doubles; Excel rounds them up.
        #expect(callFunction("ROUND", A.n(1.005), A.n(2)) == .number(1.01))
        #expect(callFunction("ROUND", A.n(2.675), A.n(2)) == .number(2.68))
        #expect(callFunction("ROUND", A.n(1.05 * (0.0284 + 0.0046) - 0.0284), A.n(4)) == .number(0.0063))
        #expect(callFunction("ROUND", A.n(1234.5678), A.n(-2)) == .number(1200))
        #expect(callFunction("ROUND", A.n(5), A.n(-1)) == .number(10))
        #expect(callFunction("ROUND", A.n(4), A.n(-1)) == .number(0))
        #expect(callFunction("ROUND", A.n(0.1 + 0.2), A.n(20)) == .number(0.1 + 0.2), "past 15 digits nothing is rounded")
        #expect(callFunction("ROUND", A.n(7.123), A.n(-1.9)) == .number(10), "digits are truncated toward zero")
        #expect(same(callFunction("ROUND", A.n(-0.4), A.n(0)), .number(0)), "no negative zero")
    }

    @Test("ROUND coerces its arguments like Excel")
    func roundCoercion() {
        #expect(callFunction("ROUND", A.t("1.745"), A.n(1)) == .number(1.7))
        #expect(callFunction("ROUND", A.ref(.text("1.745")), A.n(1)) == .number(1.7), "text in a cell counts for a scalar argument")
        #expect(callFunction("ROUND", A.b(true), A.n(0)) == .number(1))
        #expect(callFunction("ROUND", A.blankRef, A.n(2)) == .number(0))
        #expect(callFunction("ROUND", A.n(1.5), .missing) == .number(2))
        #expect(callFunction("ROUND", A.t("uno"), A.n(0)) == .error(.value))
        #expect(callFunction("ROUND", A.e(.div0), A.t("x")) == .error(.div0), "the first argument's error wins")
        #expect(callFunction("ROUND", A.n(1), A.e(.na)) == .error(.na))
        #expect(callFunction("ROUND", A.range(.number(1), .number(2)), A.n(0)) == .error(.value))
    }

    @Test("ROUNDUP adds a unit in binary, as Excel does")
    func roundUp() {
        #expect(same(callFunction("ROUNDUP", A.n(7.123), A.n(1)), .number(7.199999999999999)))
        #expect(callFunction("ROUNDUP", A.n(-2.345), A.n(1)) == .number(-2.4))
        #expect(callFunction("ROUNDUP", A.n(3.2), A.n(0)) == .number(4))
        #expect(callFunction("ROUNDUP", A.n(-3.2), A.n(0)) == .number(-4))
        #expect(callFunction("ROUNDUP", A.n(1.7), A.n(3)) == .number(1.7))
        #expect(callFunction("ROUNDUP", A.n(1.1234e-7), A.n(3)) == .number(0.001))
        #expect(callFunction("ROUNDUP", A.n(1.745), A.n(-10)) == .number(1e10))
        #expect(callFunction("ROUNDUP", A.n(0), A.n(2)) == .number(0))
        #expect(callFunction("ROUNDUP", A.n(1.7e308), A.n(-308)) == .error(.num))
    }

    @Test("ROUNDDOWN, TRUNC and INT")
    func roundDown() {
        #expect(callFunction("ROUNDDOWN", A.n(1.745), A.n(2)) == .number(1.74))
        #expect(callFunction("ROUNDDOWN", A.n(-2.99), A.n(0)) == .number(-2))
        #expect(callFunction("ROUNDDOWN", A.n(123456), A.n(-2.9)) == .number(123400))
        // 0.1*3 is 0.30000000000000004; at 15 digits it is 0.3.
        #expect(callFunction("ROUNDDOWN", A.n(0.1 * 3), A.n(1)) == .number(0.3))
        #expect(callFunction("TRUNC", A.n(8.9)) == .number(8))
        #expect(callFunction("TRUNC", A.n(-8.9)) == .number(-8))
        #expect(callFunction("TRUNC", A.n(1.2345), A.n(2)) == .number(1.23))
        #expect(callFunction("TRUNC", A.n(9.99999e307), A.n(5)) == .number(9.99999e307))
        #expect(callFunction("INT", A.n(8.9)) == .number(8))
        #expect(callFunction("INT", A.n(-0.5)) == .number(-1))
        #expect(callFunction("INT", A.n(-8.00001)) == .number(-9))
        #expect(callFunction("INT", A.t(" 10 ")) == .number(10))
        #expect(callFunction("INT", A.t("")) == .error(.value))
    }

    @Test("MOD takes the divisor's sign and is exact")
    func mod() {
        #expect(callFunction("MOD", A.n(-5), A.n(2)) == .number(1))
        #expect(callFunction("MOD", A.n(5), A.n(-2)) == .number(-1))
        #expect(callFunction("MOD", A.n(-5), A.n(-2)) == .number(-1))
        #expect(same(callFunction("MOD", A.n(5), A.n(1e-10)), .number(9.999981783901343e-11)))
        #expect(same(callFunction("MOD", A.n(10.2), A.n(10)), .number(0.1999999999999993)))
        #expect(callFunction("MOD", A.n(3), A.n(0)) == .error(.div0))
        #expect(callFunction("MOD", A.n(1), A.blankRef) == .error(.div0))
        #expect(callFunction("MOD", A.t("eight"), A.blankRef) == .error(.value), "the first argument fails first")
        #expect(same(callFunction("MOD", A.n(-4), A.n(2)), .number(0)))
    }

    @Test("POWER follows Excel's rules and arithmetic")
    func power() {
        #expect(callFunction("POWER", A.n(0), A.n(0)) == .error(.num))
        #expect(callFunction("POWER", A.n(0), A.n(-1)) == .error(.div0))
        #expect(callFunction("POWER", A.n(-8), A.n(1.0 / 3)) == .error(.num))
        #expect(callFunction("POWER", A.n(-2), A.n(-3)) == .number(-0.125))
        #expect(same(callFunction("POWER", A.n(-2.4), A.n(5)), .number(-79.62624)))
        #expect(same(callFunction("POWER", A.n(2), A.n(Double.pi)), .number(8.824977827076289)))
        #expect(callFunction("POWER", A.n(10), A.n(400)) == .error(.num))
        #expect(callFunction("POWER", A.b(false), A.b(false)) == .error(.num))
        #expect(callFunction("POWER", A.e(.div0), A.e(.na)) == .error(.div0))
    }

    @Test("SQRT, EXP, LN, LOG10 and their domains")
    func transcendental() {
        #expect(callFunction("SQRT", A.n(16)) == .number(4))
        #expect(callFunction("SQRT", A.n(-1)) == .error(.num))
        #expect(callFunction("EXP", A.n(0)) == .number(1))
        #expect(callFunction("EXP", A.n(710)) == .error(.num))
        #expect(same(callFunction("EXP", A.n(-745)), .number(0)), "Excel has no subnormal numbers")
        #expect(callFunction("LN", A.n(1)) == .number(0))
        #expect(callFunction("LN", A.n(0)) == .error(.num))
        #expect(callFunction("LN", A.blankRef) == .error(.num))
        #expect(callFunction("LOG10", A.n(1000)) == .number(3))
        #expect(callFunction("LOG10", A.n(-10)) == .error(.num))
        #if (arch(x86_64) || arch(i386)) && !os(Windows) && !os(Android)
        #expect(same(callFunction("LOG10", A.n(1.3)), .number(0.11394335230683679)), "correctly rounded, as in Excel")
        #endif
    }

    @Test("ABS, SIGN and PI")
    func small() {
        #expect(callFunction("ABS", A.t("-3")) == .number(3))
        #expect(callFunction("ABS", A.e(.na)) == .error(.na))
        #expect(callFunction("SIGN", A.n(-0.0)) == .number(0))
        #expect(callFunction("SIGN", A.n(-1e-307)) == .number(-1))
        #expect(callFunction("SIGN", A.t("€100")) == .number(1))
        #expect(callFunction("SIGN", A.t("--8")) == .error(.value))
        #expect(callFunction("PI") == .number(Double.pi))
    }

    @Test("PRODUCT reads arguments like SUM and is 0 without numbers")
    func product() {
        #expect(callFunction("PRODUCT", A.n(2), A.t("3"), A.b(true)) == .number(6))
        #expect(callFunction("PRODUCT", A.t("seven")) == .error(.value))
        #expect(callFunction("PRODUCT", A.ref(.text("7"))) == .number(0))
        #expect(callFunction("PRODUCT", A.range(.number(2), .blank, .text("x"), .bool(true), .number(3))) == .number(6))
        #expect(callFunction("PRODUCT", A.range(.number(2), .error(.na)), A.e(.div0)) == .error(.na))
        #expect(callFunction("PRODUCT", A.n(1e200), A.n(1e200)) == .error(.num))
    }
}
