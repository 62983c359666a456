@testable import Kalkyl
import Testing

/// Two holes in the unit check (issue 10): a text branch switched off the check of the whole
/// expression (`lon + IF(c, inhyrd, "x")` passed, kr + mnkr), and a lookup compared its value
/// with an array of another unit (`XLOOKUP(lon, tak, …)` with lon in kr and tak in mnkr).
@Suite struct UnitChoiceAndLookupTests {
    static let head = """
    dimension unit = A, B
    input cost lon: kr = 40_000
    input cost inhyrd: mnkr = 0.2
    input c = 1
    input label = "x"
    input tak[unit]: mnkr = 0.1
    input takk[unit]: kr = 100_000
    input band[unit]: kr = 500
    input kind[unit] = "a"
    input floor[unit] = 500

    """

    func errors(_ formulas: String) -> [String] {
        diagnostics(of: Self.head + formulas).filter { $0.severity == .error }.map(\.message)
    }

    /// A branch that is text (or a written error, a left-out argument, a truth value) does not
    /// hide the numeric branch beside it: its unit is still the choice's.
    @Test(arguments: [
        "IF(c = 1, inhyrd, \"x\")", "IF(c = 1, \"x\", inhyrd)", "IF(c = 1, inhyrd, label)", "IFS(c = 1, inhyrd, c = 2, \"x\")",
        "IFERROR(inhyrd, \"x\")", "CHOOSE(c, \"x\", inhyrd)", "SWITCH(c, 1, \"x\", inhyrd)", "IF(c = 1, inhyrd, #N/A)",
        "IF(c = 1, inhyrd, TRUE)", "XLOOKUP(\"a\", kind[unit], tak[unit], , 0)", "IF(c = 1, inhyrd, TEXT(lon, \"0\"))",
        "IF(c = 1, inhyrd, DATE(2024, 1, 1))",
    ])
    func aTextBranchKeepsTheNumericBranchChecked(call: String) {
        let found = errors("s = lon + \(call)\n")
        #expect(found.count == 1, "\(call): \(found)")
        #expect(found.first?.hasPrefix("kr + mnkr: 'lon' is kr (line 2), ") == true, "\(call): \(found)")
        let inKronor = call.replacingOccurrences(of: "inhyrd", with: "lon").replacingOccurrences(of: "tak[", with: "takk[")
        #expect(errors("s = lon + \(inKronor)\n").isEmpty, "\(inKronor)")
    }

    /// A definition whose choice is text in every branch is text, and one that picks text or
    /// a number takes the number's unit (its text cells are #VALUE! when added, as in Excel).
    @Test func aChoiceOfTextsIsTextAndAMixedOneTakesTheNumbersUnit() {
        #expect(errors("t = IF(c = 1, \"a\", label)\ns = t & \"b\"\n").isEmpty)
        #expect(errors("m = IF(c = 1, inhyrd, \"none\")\ns = lon + m\n")
            == ["kr + mnkr: 'lon' is kr (line 2), 'm' is mnkr (line 11, from its formula)"])
        #expect(errors("m: mnkr = IF(c = 1, inhyrd, \"none\")\nk: kr = IF(c = 1, lon, \"none\")\n").isEmpty)
        #expect(errors("m: kr = IF(c = 1, inhyrd, \"none\")\n").first?.hasPrefix("'m' is declared kr, but its formula gives mnkr") == true)
        // Text added to a figure stays unchecked: Excel's #VALUE! at run time, not a unit.
        #expect(errors("s = lon + \"x\"\nt = lon + label\n").isEmpty)
    }

    /// A lookup compares its value with the lookup array, as `=` does (and SWITCH its
    /// expression with each value): one unit, the error naming both; a plain number (written,
    /// or of no unit: a table of thresholds), or text, on either side is no mix.
    @Test(arguments: [
        ("XLOOKUP(lon, tak[unit], kind[unit])", "kr and mnkr: 'lon' is kr (line 2), 'tak' is mnkr (line 6)"),
        ("XLOOKUP(inhyrd, band[unit], tak[unit], 0)", "mnkr and kr: 'inhyrd' is mnkr (line 3), 'band' is kr (line 8)"),
        ("VLOOKUP(lon, tak[unit], 1, TRUE)", "kr and mnkr: 'lon' is kr (line 2), 'tak' is mnkr (line 6)"),
        ("HLOOKUP(lon, tak[unit], 1, TRUE)", "kr and mnkr: 'lon' is kr (line 2), 'tak' is mnkr (line 6)"),
        ("LOOKUP(lon, tak[unit], kind[unit])", "kr and mnkr: 'lon' is kr (line 2), 'tak' is mnkr (line 6)"),
        ("LOOKUP(lon, tak[unit])", "kr and mnkr: 'lon' is kr (line 2), 'tak' is mnkr (line 6)"),
        ("MATCH(lon, tak[unit], 1)", "kr and mnkr: 'lon' is kr (line 2), 'tak' is mnkr (line 6)"),
        ("XMATCH(lon, tak[unit], -1)", "kr and mnkr: 'lon' is kr (line 2), 'tak' is mnkr (line 6)"),
        ("SWITCH(lon, inhyrd, 1, 0)", "kr and mnkr: 'lon' is kr (line 2), 'inhyrd' is mnkr (line 3)"),
        ("SWITCH(inhyrd, 0.1, 1, lon, 2, 0)", "mnkr and kr: 'inhyrd' is mnkr (line 3), 'lon' is kr (line 2)"),
    ])
    func aLookupComparesOneUnit(call: String, message: String) {
        #expect(errors("t = \(call)\n") == [message], "\(call)")
    }

    @Test(arguments: [
        "XLOOKUP(lon, band[unit], kind[unit])", "XLOOKUP(500, band[unit], tak[unit])", "XLOOKUP(\"a\", kind[unit], tak[unit])",
        "XLOOKUP(label, kind[unit], tak[unit])", "VLOOKUP(lon, band[unit], 1, TRUE)", "LOOKUP(lon, band[unit], kind[unit])",
        "MATCH(lon, band[unit], 1)", "XLOOKUP(inhyrd, tak[unit], tak[unit])", "SWITCH(lon, 40_000, 1, 0)",
        // a table of thresholds without a unit is looked up by kronor, as a number written is
        "XLOOKUP(lon, floor[unit], kind[unit], , -1)", "VLOOKUP(lon, floor[unit], 1, TRUE)", "LOOKUP(lon, floor[unit], tak[unit])",
        "MATCH(lon, floor[unit], 1)", "XMATCH(c, tak[unit])", "SWITCH(c, lon, 1, 0)",
        "SWITCH(label, \"x\", 1, \"y\", 2, 0)", "SWITCH(c, 1, lon, 2, lon * 2)",
    ])
    func aLookupOfOneUnitOrAWrittenValueIsNoError(call: String) {
        #expect(errors("t = \(call)\n").isEmpty, "\(call): \(errors("t = \(call)\n"))")
    }
}
