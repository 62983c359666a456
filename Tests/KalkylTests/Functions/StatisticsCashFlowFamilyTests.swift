import Foundation
import Testing
@testable import Kalkyl

@Suite("Order statistics, dispersion, A-aggregates and cash-flow returns")
struct StatisticsCashFlowFamilyTests {
    typealias A = FArg

    func number(_ v: Value) -> Double { v.number ?? .nan }
    func numbers(_ xs: Double...) -> Argument { .range(xs.map(Value.number)) }

    @Test("MEDIAN, LARGE, SMALL: cells count only numbers; LARGE's k rounds up, SMALL's down; no numbers is #NUM!")
    func orderStatistics() {
        #expect(callFunction("MEDIAN", numbers(4, 1, 3, 2)) == .number(2.5))
        #expect(callFunction("MEDIAN", A.range(.number(5), .text("9"), .bool(true), .blank, .number(1)), A.n(3)) == .number(3))
        #expect(callFunction("MEDIAN", A.range(.text("x"))) == .error(.num))
        #expect(callFunction("MEDIAN", A.t("x")) == .error(.value))
        #expect(callFunction("LARGE", numbers(1, 5, 3), A.n(1.5)) == .number(3))
        #expect(callFunction("SMALL", numbers(1, 5, 3), A.n(1)) == .number(1))
        // Excel rounds a fractional k down in SMALL and up in LARGE (SMALL({2,4,6},1.5) is 2,
        // LARGE({2,4,6},1.5) is 4): the differential test's SMALL(x, 2.5) of two numbers
        // gave #NUM! where LibreOffice, which truncates too, gave the larger one.
        #expect(callFunction("SMALL", numbers(2, 4, 6), A.n(1.5)) == .number(2))
        #expect(callFunction("LARGE", numbers(2, 4, 6), A.n(1.5)) == .number(4))
        #expect(callFunction("SMALL", numbers(0.5, 2), A.n(2.5)) == .number(2))
        #expect(callFunction("SMALL", numbers(1, 5, 3), A.n(0.5)) == .error(.num))
        #expect(callFunction("LARGE", numbers(1, 5, 3), A.n(0.5)) == .number(5))
        #expect(callFunction("LARGE", numbers(1, 5, 3), A.n(3.5)) == .error(.num))
        #expect(callFunction("SMALL", numbers(1, 5, 3), A.n(3.5)) == .number(5))
        #expect(callFunction("SMALL", numbers(1, 5, 3), A.n(0)) == .error(.num))
        #expect(callFunction("LARGE", numbers(1, 5, 3), A.n(4)) == .error(.num))
        #expect(callFunction("LARGE", A.range(.number(1), .error(.na)), A.n(1)) == .error(.na))
    }

    @Test("PERCENTILE.INC interpolates between neighbours; QUARTILE.INC truncates the quartile")
    func percentiles() {
        let x = numbers(4, 1, 3, 2)
        #expect(callFunction("PERCENTILE.INC", x, A.n(0.25)) == .number(1.75))
        #expect(callFunction("PERCENTILE.INC", x, A.n(1)) == .number(4))
        #expect(callFunction("PERCENTILE.INC", x, A.n(1.1)) == .error(.num))
        #expect(callFunction("PERCENTILE.INC", A.range(), A.n(0.5)) == .error(.num))
        #expect(callFunction("QUARTILE.INC", x, A.n(1.9)) == .number(1.75))
        #expect(callFunction("QUARTILE.INC", x, A.n(4)) == .number(4))
        #expect(callFunction("QUARTILE.INC", x, A.n(5)) == .error(.num))
        #expect(callFunction("QUARTILE.INC", x, A.n(-0.5)) == .number(1))
    }

    @Test("RANK.EQ counts the larger (or smaller) numbers; a number not in the range is #N/A")
    func rank() {
        let x = numbers(1, 3, 3, 5)
        #expect(callFunction("RANK.EQ", A.n(3), x) == .number(2))
        #expect(callFunction("RANK.EQ", A.n(3), x, A.n(1)) == .number(2))
        #expect(callFunction("RANK.EQ", A.n(5), x, A.n(1)) == .number(4))
        #expect(callFunction("RANK.EQ", A.n(4), x) == .error(.na))
    }

    @Test("MODE.SNGL: the most frequent, the first on a tie, #N/A with no repeat")
    func mode() {
        #expect(callFunction("MODE.SNGL", numbers(3, 1, 1, 3, 2)) == .number(3))
        #expect(callFunction("MODE.SNGL", numbers(1, 2, 2, 3, 3, 3)) == .number(3))
        #expect(callFunction("MODE.SNGL", numbers(1, 2, 3)) == .error(.na))
    }

    @Test("VAR and STDEV of a sample and a population")
    func dispersion() {
        let x = numbers(2, 4, 4, 4, 5, 5, 7, 9)
        #expect(callFunction("VAR.P", x) == .number(4))
        #expect(callFunction("STDEV.P", x) == .number(2))
        #expect(abs(number(callFunction("VAR.S", x)) - 32.0 / 7) < 1e-15)
        #expect(callFunction("VAR.S", A.n(1)) == .error(.div0))
        #expect(callFunction("STDEV.S", numbers(1, 3)) == .number(2.0.squareRoot()))
        #expect(callFunction("STDEV.S", A.range(.number(1), .text("7"), .bool(true), .number(3))) == .number(2.0.squareRoot()),
                "text and booleans in cells do not count")
        #expect(callFunction("STDEV.S", numbers(1), A.n(3), A.e(.na)) == .error(.na))
        #expect(callFunction("STDEV.P", A.range(.text("a"))) == .error(.div0))
        // Two passes keep the variance of large close numbers exact.
        #expect(callFunction("VAR.P", numbers(1e9 + 1, 1e9 + 3)) == .number(1))
    }

    @Test("AVERAGEA, MINA and MAXA count TRUE as 1 and text in cells as 0")
    func allValues() {
        #expect(callFunction("AVERAGEA", A.range(.bool(true), .text("x"), .number(3), .blank)) == .number(4.0 / 3))
        #expect(callFunction("MAXA", A.range(.text("x"), .number(-1))) == .number(0))
        #expect(callFunction("MINA", A.range(.blank)) == .number(0))
        #expect(callFunction("AVERAGEA", A.range(.blank)) == .error(.div0))
        #expect(callFunction("MINA", A.t("x")) == .error(.value))
        #expect(callFunction("MAXA", A.t("7"), A.b(true)) == .number(7))
    }

    @Test("IRR is the rate where the flows' NPV is 0; no flow in or out is #NUM!")
    func irr() {
        let r = number(callFunction("IRR", numbers(-100, 60, 60)))
        #expect(abs(r - (120 / (-60 + (3600.0 + 24_000).squareRoot()) - 1)) < 1e-12)
        #expect(abs(number(callFunction("NPV", A.n(r), A.n(60), A.n(60))) - 100) < 1e-9)
        // A loss: a root below 0 is found from the guess 0.1.
        #expect(abs(number(callFunction("IRR", numbers(-5, 1))) + 0.8) < 1e-12)
        #expect(callFunction("IRR", numbers(10, 5)) == .error(.num))
        #expect(callFunction("IRR", numbers(-10, 5), A.n(-1)) == .error(.value))
        #expect(callFunction("IRR", A.range(.number(-10), .error(.div0), .number(20))) == .error(.div0))
    }

    @Test("MIRR grows the inflows at the reinvest rate and discounts the outflows at the finance rate")
    func mirr() {
        let m = number(callFunction("MIRR", numbers(-100, 50, 60), A.n(0.1), A.n(0.12)))
        #expect(abs(m - ((116.0 / 100).squareRoot() - 1)) < 1e-15)
        #expect(callFunction("MIRR", numbers(100, 50), A.n(0.1), A.n(0.12)) == .error(.div0))
        #expect(callFunction("MIRR", numbers(-100, -50), A.n(0.1), A.n(0.12)) == .number(-1))
    }

    @Test("XNPV and XIRR discount by days over 365 from the first date")
    func datedFlows() {
        let d = ExcelDate.serial(year: 2024, month: 1, day: 15)
        let dates = numbers(d, d + 365)
        #expect(abs(number(callFunction("XNPV", A.n(0.1), numbers(-1000, 1100), dates))) < 1e-9)
        #expect(abs(number(callFunction("XIRR", numbers(-1000, 1100), dates)) - 0.1) < 1e-12)
        let three = numbers(d, d + 200, d + 500)
        let x = number(callFunction("XIRR", numbers(-1000, 300, 900), three))
        #expect(abs(number(callFunction("XNPV", A.n(x), numbers(-1000, 300, 900), three))) < 1e-9)
        #expect(callFunction("XIRR", numbers(-1000, 1100), numbers(d)) == .error(.num))
        #expect(callFunction("XNPV", A.n(0.1), numbers(-1000, 1100), numbers(d, d - 1)) == .error(.num))
        #expect(callFunction("XNPV", A.n(0.1), numbers(-1000, 1100), A.range(.number(d), .text("x"))) == .error(.value))
        #expect(callFunction("XIRR", numbers(1000, 1100), dates) == .error(.num))
    }
}
