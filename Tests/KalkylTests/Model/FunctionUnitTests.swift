import Foundation
@testable import Kalkyl
import Testing

/// Every function's unit rule (issue 10, item 1; docs/units.md has the table): one test per
/// kind of rule, and kr + mnkr refused through every function whose result carries a unit.
@Suite struct FunctionUnitTests {
    /// lon in kr, inhyrd and x in mnkr; xk in kr; the others are free arguments.
    static let head = """
    dimension unit = A, B
    input cost lon: kr = 40_000
    input cost inhyrd: mnkr = 0.2
    input x[unit]: mnkr = 0.1
    input xk[unit]: kr = 100_000
    input kind[unit] = "a"
    input share[unit]: % = 50%
    input dates[unit] = 45_000
    input r: % = 5%
    input n: FTE = 1
    input d = 45_000

    """

    func errors(_ formulas: String) -> [String] {
        diagnostics(of: FunctionUnitTests.head + formulas).filter { $0.severity == .error }.map(\.message)
    }

    /// The result has the unit of the value it passes on: `lon + f(inhyrd)` is kr + mnkr, and
    /// the same call on kronor is no error. (IF, SUM, the SUMIF family and the time functions
    /// have their own tests in UnitCheckTests.)
    @Test(arguments: [
        // aggregates of one unit
        "AVERAGEA(x[unit])", "MINA(x[unit])", "MAXA(x[unit])", "MEDIAN(x[unit])", "MODE.SNGL(x[unit])",
        "STDEV.S(x[unit])", "STDEV.P(x[unit])", "GCD(inhyrd, 2)", "LCM(inhyrd, 2)",
        "LARGE(x[unit], 1)", "SMALL(x[unit], 2)", "PERCENTILE.INC(x[unit], 0.5)", "QUARTILE.INC(x[unit], 1)",
        // rounding: the value's unit
        "ROUND(inhyrd, 0)", "TRUNC(inhyrd)", "INT(inhyrd)", "EVEN(inhyrd)", "ODD(inhyrd)", "ABS(inhyrd)",
        "MOD(inhyrd, 2)", "MROUND(inhyrd, 0.1)", "CEILING(inhyrd, 0.1)", "FLOOR(inhyrd, 0.1)", "CEILING.MATH(inhyrd)",
        "FLOOR.MATH(inhyrd, 0.1)", "CEILING.PRECISE(inhyrd)", "FLOOR.PRECISE(inhyrd)",
        // lookups: the unit of the range returned from
        "XLOOKUP(\"a\", kind[unit], x[unit])", "XLOOKUP(\"z\", kind[unit], x[unit], 0)", "INDEX(x[unit], 1)",
        "LOOKUP(0.1, x[unit])", "LOOKUP(\"a\", kind[unit], x[unit])", "VLOOKUP(0.1, x[unit], 1, FALSE)",
        // money over time
        "NPV(r, x[unit])", "XNPV(r, x[unit], dates[unit])", "PMT(r, 12, inhyrd)", "PV(r, 12, inhyrd)", "FV(r, 12, inhyrd)",
        "IPMT(r, 1, 12, inhyrd)", "PPMT(r, 1, 12, inhyrd)", "CUMIPMT(r, 12, inhyrd, 1, 2, 0)", "CUMPRINC(r, 12, inhyrd, 1, 2, 0)",
        "ISPMT(r, 1, 12, inhyrd)", "SLN(inhyrd, 0, 5)", "SYD(inhyrd, 0, 5, 1)", "DB(inhyrd, 0, 5, 1)", "DDB(inhyrd, 0, 5, 1)",
        "INDEXED(inhyrd, r, d, d)", "VARIANCE(inhyrd, 0)",
        // units that multiply, divide and take powers
        "PRODUCT(inhyrd, 2)", "SUMPRODUCT(x[unit], share[unit])", "QUOTIENT(inhyrd, 2)", "POWER(inhyrd, 1)", "inhyrd ^ 1",
        "SQRT(inhyrd * inhyrd)", "SQRT(SUMSQ(x[unit]))", "SQRT(VAR.S(x[unit]))", "SQRT(VAR.P(x[unit]))",
        // a value that fits any unit does not hide the one beside it
        "IF(n > 0, inhyrd, NA())", "IF(n > 0, inhyrd, PI())",
    ])
    func kronorAndMillionsAreRefusedThrough(call: String) {
        let found = errors("c: kr = lon + \(call)\n")
        #expect(found.count == 1, "\(call): \(found)")
        #expect(found.first?.hasPrefix("kr + mnkr: 'lon' is kr (line 2), '") == true, "\(call): \(found)")
        let inKronor = call.replacingOccurrences(of: "inhyrd", with: "lon").replacingOccurrences(of: "x[unit]", with: "xk[unit]")
            .replacingOccurrences(of: "0.1", with: "1_000")
        #expect(errors("c: kr = lon + \(inKronor)\n").isEmpty, "\(inKronor)")
    }

    /// Arguments a function compares, subtracts or puts side by side need one unit, whatever
    /// the result: MATCH compares its value with the array, VARIANCE_PCT divides actual by
    /// budget, PMT adds pv and fv, MOD's divisor is a multiple of the number.
    @Test(arguments: [
        "MATCH(lon, x[unit], 0)", "XMATCH(lon, x[unit])", "RANK.EQ(lon, x[unit])", "VARIANCE(lon, inhyrd)",
        "VARIANCE_PCT(lon, inhyrd)", "CHANGE_PCT(lon, inhyrd)", "VARIANCE_EXCEEDS(lon, inhyrd, 5%)",
        "VARIANCE_EXCEEDS(lon, lon, 5%, inhyrd)", "PMT(r, 12, lon, inhyrd)", "PV(r, 12, lon, inhyrd)", "FV(r, 12, lon, inhyrd)",
        "NPER(r, lon, inhyrd)", "RATE(12, lon, inhyrd)", "RRI(12, lon, inhyrd)", "PDURATION(r, lon, inhyrd)",
        "SLN(lon, inhyrd, 5)", "MOD(lon, inhyrd)", "MROUND(lon, inhyrd)", "CEILING(lon, inhyrd)", "FLOOR.MATH(lon, inhyrd)",
        "XLOOKUP(\"z\", kind[unit], xk[unit], inhyrd)", "IRR(x[unit], lon)",
    ])
    func argumentsSideBySideNeedOneUnit(call: String) {
        let found = errors("c = \(call)\n")
        if call.hasPrefix("IRR") {
            // IRR's guess is a rate, free: one array of flows has one unit by itself.
            #expect(found.isEmpty, "\(found)")
            return
        }
        #expect(found.count == 1, "\(call): \(found)")
        #expect(found.first?.hasPrefix("kr and mnkr: '") == true, "\(call): \(found)")
    }

    /// Counts, positions, truth values, lengths, rates and parts of dates are plain numbers,
    /// whatever they count: added to kronor they are a mistake to name (`AS(COUNT(x), persons)`
    /// says what a count counts).
    @Test(arguments: [
        "COUNT(x[unit])", "COUNTA(kind[unit])", "COUNTIF(kind[unit], \"a\")", "COUNTIFS(kind[unit], \"a\", x[unit], \">0\")",
        "N(lon)", "VALUE(\"12\")", "LEN(\"abc\")", "FIND(\"b\", \"abc\")", "SEARCH(\"b\", \"abc\")", "EXACT(\"a\", \"b\")",
        "MATCH(0.1, x[unit], 0)", "XMATCH(0.1, x[unit])", "RANK.EQ(0.1, x[unit])", "YEAR(d)", "MONTH(d)", "DAY(d)",
        "WEEKDAY(d)", "WEEKNUM(d)", "ISOWEEKNUM(d)", "ISBLANK(lon)", "ISNUMBER(lon)", "ISEVEN(d)", "TYPE(lon)",
        "AND(lon > 0)", "NOT(lon > 0)", "SIGN(lon)", "EXP(r)", "LN(2)", "LOG10(lon)", "LOG(lon, 10)", "FACT(3)", "COMBIN(4, 2)",
        "IRR(x[unit])", "RATE(12, lon, -lon * 10)", "EFFECT(r, 12)", "NOMINAL(r, 12)", "VARIANCE_PCT(lon, lon)",
    ])
    func plainNumbersAreNotKronor(call: String) {
        let found = errors("c: kr = lon + \(call)\n")
        #expect(found.count == 1 && found.first?.hasPrefix("kr + a plain number: 'lon' is kr (line 2), ") == true, "\(call): \(found)")
    }

    /// Text and dates are not figures: their arguments are free and their results fit anything,
    /// as text and periods written in a formula do. Days and hours between dates are numbers a
    /// model declares in its own word.
    @Test func textAndDatesAreFree() {
        #expect(errors("""
        t = CONCAT(lon, inhyrd) & TEXT(lon, "0") & LEFT(inhyrd, 2) & TEXTJOIN(", ", TRUE, x[unit])
        due = EDATE(d, 1) + 30
        working: days = NETWORKDAYS(d, EOMONTH(d, 0))
        hours: h = HOUR(TIME(8, 30, 0)) + MINUTE(TIME(8, 30, 0)) / 60
        span: years = YEARFRAC(d, d + 365) + DAYS(d + 10, d) / 365
        """).isEmpty)
    }

    /// An input that holds text is text, not a plain number: VARIANCE_PCT(kr, text) is
    /// #VALUE! at run time, not a unit error; one without a unit that holds a number is plain.
    @Test func anInputHoldingTextIsNotAPlainNumber() {
        #expect(errors("input label = \"abc\"\nc = VARIANCE_PCT(lon, label) + MATCH(lon, label, 0)\n").isEmpty)
        #expect(errors("input plain = 3\nc = VARIANCE_PCT(lon, plain)\n")
            == ["kr and a plain number: 'lon' is kr (line 2), 'plain' has no unit (line 12)"])
    }

    /// PRODUCT and SUMPRODUCT multiply units as `*` does; QUOTIENT divides as `/` does.
    @Test func productsMultiplyUnits() {
        let model = """
        input cost_per_head: kr/persons = 50_000
        input staff: persons = 10
        input fte[unit]: FTE = 2
        input rate[unit]: kr/FTE = 600

        """
        #expect(errors(model + """
        a: kr = PRODUCT(cost_per_head, staff)
        b: kr = SUMPRODUCT(fte[unit], rate[unit])
        c: kr = SUMPRODUCT((kind[unit] = "a") * fte[unit] * rate[unit])
        e: persons = QUOTIENT(lon, cost_per_head)
        """).isEmpty)
        #expect(errors(model + "a: kr = PRODUCT(lon, staff)\n")
            == ["'a' is declared kr, but its formula gives kr*persons: 'PRODUCT(lon, staff)' is kr*persons"])
        #expect(errors(model + "b: kr = SUMPRODUCT(fte[unit], xk[unit])\n")
            == ["'b' is declared kr, but its formula gives kr*FTE: 'SUMPRODUCT(fte[unit], xk[unit])' is kr*FTE"])
    }

    /// SUMSQ, VAR.S and VAR.P give the square of their arguments' one unit, and SQRT takes it
    /// back (the example's `SQRT(SUMSQ(x) / COUNT(x))` is in x's unit); the root of kr is no unit.
    @Test func squaresAndRoots() {
        #expect(errors("s: kr = SQRT(SUMSQ(xk[unit]) / COUNT(xk[unit]))\nv: mnkr = SQRT(VAR.P(x[unit]))\n").isEmpty)
        #expect(errors("s = SUMSQ(xk[unit], x[unit])\n").first?.hasPrefix("kr and mnkr: 'xk' is kr") == true)
        #expect(errors("s = SQRT(lon)\n") == ["the square root of kr is no unit: 'lon' is kr (line 2)"])
        #expect(errors("s = SQRT(r)\n").isEmpty)
    }

    /// `^` and POWER: a plain base gives a plain number; a unit is raised only to a whole number
    /// written in the formula, since the unit of `x ^ n` would depend on n's value; an exponent
    /// has no unit.
    @Test func powersOfUnits() {
        #expect(errors("""
        input years = 3
        a: kr*kr = lon ^ 2
        b: kr*kr = POWER(lon, 2)
        c = lon ^ 0 + 1
        e: kr = 1 / lon ^ -1
        f: kr = lon * (1 + r) ^ years
        g: kr = lon * POWER(1.02, years)
        """).isEmpty)
        #expect(errors("input years = 3\nc = lon ^ years\n")
            == ["kr ^ years: a unit is raised only to a whole number written in the formula, and 'years' is not one"])
        #expect(errors("c = POWER(lon, 0.5)\n")
            == ["kr ^ 0.5: a unit is raised only to a whole number written in the formula, and '0.5' is not one"])
        #expect(errors("c = 2 ^ lon\n") == ["2 ^ lon: an exponent is a plain number, and 'lon' is kr (line 2)"])
    }

    /// MOD, MROUND, CEILING and FLOOR keep their number's unit; the multiple has that unit or none.
    @Test func multiplesHaveTheNumbersUnitOrNone() {
        #expect(errors("""
        input step: kr = 1_000
        input k = 4
        a: kr = MROUND(lon, step) + MROUND(lon, 1_000) + MOD(lon, k) + CEILING.MATH(lon, step) + FLOOR(lon, k)
        """).isEmpty)
        #expect(errors("a: FTE = MOD(lon, 7)\n") == ["'a' is declared FTE, but its formula gives kr: 'lon' is kr (line 2)"])
    }

    /// Every function has a unit rule, and docs/units.md lists each by name.
    @Test func everyFunctionHasARuleInTheDocs() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let doc = try String(contentsOf: root.appendingPathComponent("docs/units.md"), encoding: .utf8)
        let listed = Set(doc.split(separator: "\n").filter { $0.hasPrefix("| ") }.compactMap { line in
            line.split(separator: "|").first.map { $0.trimmingCharacters(in: .whitespaces) }
        }.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } })
        for (name, spec) in FunctionRegistry.all {
            #expect(spec.units != .unchecked, "\(name) has no unit rule")
            let isListed = listed.contains(name)
            #expect(isListed, "docs/units.md does not list \(name)")
        }
        for name in UnitRules.compiledForms.keys {
            let isListed = listed.contains(name)
            #expect(isListed, "docs/units.md does not list \(name)")
        }
    }
}
