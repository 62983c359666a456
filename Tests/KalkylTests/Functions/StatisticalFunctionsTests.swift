import Testing
@testable import Kalkyl

@Suite("Statistical functions")
struct StatisticalFunctionsTests {
    typealias A = FArg

    @Test("SUM converts typed values but reads only numbers from cells")
    func sumValueVersusReference() {
        #expect(callFunction("SUM", A.b(true)) == .number(1))
        #expect(callFunction("SUM", A.ref(.bool(true))) == .number(0))
        #expect(callFunction("SUM", A.t("7")) == .number(7))
        #expect(callFunction("SUM", A.ref(.text("7"))) == .number(0))
        #expect(callFunction("SUM", A.t("seven")) == .error(.value))
        #expect(callFunction("SUM", A.ref(.text("seven"))) == .number(0))
        #expect(callFunction("SUM", A.range(.number(1), .text("x"), .bool(true), .blank, .number(2))) == .number(3))
        #expect(callFunction("SUM", .missing, A.n(1)) == .number(1))
        #expect(callFunction("SUM", A.t("2024-01-10")) == .number(45301), "typed text may be a date")
    }

    @Test("aggregates return the first error in argument order")
    func errorOrder() {
        #expect(callFunction("SUM", A.e(.div0), A.e(.na)) == .error(.div0))
        #expect(callFunction("SUM", A.range(.number(1), .error(.na)), A.e(.div0)) == .error(.na))
        #expect(callFunction("SUM", A.t("x"), A.e(.na)) == .error(.value))
        #expect(callFunction("AVERAGE", A.ref(.error(.ref)), A.n(1)) == .error(.ref))
        #expect(callFunction("MAX", A.n(2), A.ref(.error(.na))) == .error(.na))
    }

    @Test("SUM adds left to right, as Excel does")
    func sumOrder() {
        #expect(same(callFunction("SUM", A.n(-123), A.n(45.8), A.n(7), A.n(12), A.n(44)), .number(-14.200000000000003)))
        #expect(callFunction("SUM", A.n(1e308), A.n(1e308)) == .error(.num))
    }

    @Test("AVERAGE counts what SUM adds; no numbers is #DIV/0!")
    func average() {
        #expect(callFunction("AVERAGE", A.n(1), A.n(2), A.t("5"), A.b(true)) == .number(2.25))
        #expect(callFunction("AVERAGE", A.range(.number(1), .bool(false), .text("23"), .blank, .number(3))) == .number(2))
        #expect(callFunction("AVERAGE", A.blankRef) == .error(.div0))
        #expect(callFunction("AVERAGE", A.t("Hola")) == .error(.value))
        #expect(callFunction("AVERAGE", A.n(1), .missing) == .number(0.5))
    }

    @Test("MIN and MAX are 0 without numbers")
    func extremes() {
        #expect(callFunction("MIN", A.range(.text("a"), .text("b"))) == .number(0))
        #expect(callFunction("MAX", A.range(.number(-5), .number(-3), .text("9"))) == .number(-3))
        #expect(callFunction("MIN", A.n(1), A.t("-34")) == .number(-34))
        #expect(callFunction("MIN", A.n(1), A.ref(.text("-34"))) == .number(1))
        #expect(callFunction("MAX", A.t("x")) == .error(.value))
        #expect(callFunction("MIN", A.n(3), A.b(false)) == .number(0))
    }

    @Test("COUNT counts what reads as a number and never fails")
    func count() {
        #expect(callFunction("COUNT", A.b(true)) == .number(1))
        #expect(callFunction("COUNT", A.ref(.bool(true))) == .number(0))
        #expect(callFunction("COUNT", A.t("23")) == .number(1))
        #expect(callFunction("COUNT", A.t("Hola")) == .number(0))
        #expect(callFunction("COUNT", A.e(.na)) == .number(0))
        #expect(callFunction("COUNT", A.range(.number(1), .text("2"), .error(.na), .blank, .number(3))) == .number(2))
        #expect(callFunction("COUNT", A.blankRef, A.ref(.text("1"))) == .number(0))
    }
}
