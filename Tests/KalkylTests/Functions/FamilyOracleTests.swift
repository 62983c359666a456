import Foundation
import Testing
@testable import Kalkyl

/// The function families of issue 11 (financial, rounding and math, statistics, text, dates,
/// information) against the results Excel cached in `Fixtures/excel-oracle`.
///
/// Every row whose outermost function is one of `functions` runs here (the general oracle test
/// leaves them to this one), unless it is in `excluded` with the reason; a row that cannot run
/// (it calls a function Kalkyl does not have) fails the test. Numbers must match bit
/// for bit, except for the functions in `nearlyExact`, whose operation order Excel does not
/// document: those are held to 1e-9 relative (absolute below 1). Text, booleans and errors
/// always match exactly. Run `swift test --filter FamilyOracleTests` to see the counts per
/// function ("oracle family: NAME matched/rows").
@Suite("Excel oracle: function families")
struct FamilyOracleTests {
    static let functions: [String] = [
        // financial
        "IRR", "MIRR", "RATE", "IPMT", "PPMT", "CUMIPMT", "CUMPRINC", "ISPMT", "RRI", "PDURATION",
        "SLN", "DB", "DDB", "SYD", "EFFECT", "NOMINAL", "XNPV", "XIRR",
        // rounding and math
        "MROUND", "CEILING", "CEILING.MATH", "CEILING.PRECISE", "FLOOR", "FLOOR.MATH", "FLOOR.PRECISE",
        "EVEN", "ODD", "QUOTIENT", "LOG", "GCD", "LCM", "FACT", "COMBIN", "SUMSQ",
        // statistics
        "MEDIAN", "LARGE", "SMALL", "STDEV.S", "STDEV.P", "VAR.S", "VAR.P", "MODE.SNGL", "AVERAGEA",
        "MINA", "MAXA", "PERCENTILE.INC", "QUARTILE.INC", "RANK.EQ",
        // text
        "TEXT", "LEFT", "RIGHT", "MID", "LEN", "FIND", "SEARCH", "SUBSTITUTE", "UPPER", "LOWER", "PROPER",
        "TRIM", "TEXTJOIN", "TEXTBEFORE", "TEXTAFTER", "VALUE", "REPT", "EXACT", "CHAR",
        // dates
        "DAYS", "DAYS360", "YEARFRAC", "DATEVALUE", "TIME", "HOUR", "MINUTE", "SECOND", "WEEKDAY",
        "WEEKNUM", "ISOWEEKNUM", "NETWORKDAYS", "WORKDAY",
        // information
        "ISERR", "ISLOGICAL", "ISEVEN", "ISODD", "N", "TYPE",
        // lookup and choice
        "XLOOKUP", "XMATCH", "MATCH", "INDEX", "VLOOKUP", "HLOOKUP", "LOOKUP", "CHOOSE",
        // conditional aggregates (the oracle has no SUMIFS, COUNTIFS, AVERAGEIFS, MAXIFS or MINIFS rows:
        // Excel needs real ranges there; ConditionalAggregatesTests covers them)
        "SUMIFS", "COUNTIFS", "AVERAGEIFS", "MAXIFS", "MINIFS", "SUMPRODUCT", "COUNTA",
        // logical
        "IFS", "SWITCH", "XOR",
    ]

    /// Functions computed by a formula or an iteration whose operation order Excel does not
    /// document: held to 1e-9 relative.
    static let nearlyExact: Set<String> = [
        "IRR", "MIRR", "RATE", "IPMT", "PPMT", "CUMIPMT", "CUMPRINC", "RRI", "PDURATION", "DB", "DDB",
        "EFFECT", "NOMINAL", "XNPV", "XIRR", "STDEV.S", "STDEV.P", "VAR.S", "VAR.P", "COMBIN", "YEARFRAC",
    ]

    /// Rows that cannot match, with the reason.
    static let excluded: [Int: String] = [
        7145: "GCD(BLANK,BLANK): two references to empty cells, 0 in Excel; the harness cannot tell them from the "
            + "empty cells of a range (GCD(7.9,4.9,BLANK) is 1 because the range's empty cell is skipped), and Kalkyl skips both; "
            + "issue 11 leaves rows with BLANK to the language's own tests (a model has no unfilled cell to refer to)",
        8252: "LCM(BLANK,BLANK): as 7145",
        8296: "LCM(BLANK,(5)): a direct reference to an empty cell is 0 in Excel, so the LCM is 0; as 7145, Kalkyl skips it",
        1929: "IRR({1,-2,1}): a double root at 0, where Newton's method creeps in linearly and stops wherever its "
            + "tolerance says: Excel at 1.09e-7, Kalkyl at -1.3e-8; both are 0 to Excel's own precision",
        8624: "MINA(1,2,3,\"-1\") from cells is -1 in Excel, so that cell held the number -1 although the file quotes it; "
            + "the harness can only make quoted literals text (MINA(1,2,3,\"13\"), row 8623, is 0 because that cell is text)",
        8376: "LEN(DEC2HEX(…)): DEC2HEX is an engineering function (number bases), outside issue 11's list and "
            + "not in Kalkyl, as DEC2BIN and HEX2DEC are left out of the general oracle test; LEN's other 18 rows match",
    ].merging(dynamicArrayRows.map { ($0, dynamicArrays) }) { a, _ in a }

    /// Lookups over an array that a dynamic-array function makes (SEQUENCE, SORT, UNIQUE,
    /// FILTER, TEXTSPLIT, HSTACK, VSTACK).
    static let dynamicArrayRows = [1176, 1177, 1178, 1179, 1180, 1234, 1235, 11076, 11077, 11078, 11079,
                                   7383, 7384, 7385, 7386, 8581, 8582, 8583, 8584]
    static let dynamicArrays = "the lookup reads an array made by a dynamic-array function of Microsoft 365 (SEQUENCE, "
        + "SORT, UNIQUE, FILTER, TEXTSPLIT, HSTACK, VSTACK): issue 11 does not list them, Excel 2016 and LibreOffice 7.4, "
        + "the workbook's targets, do not have them, and a Kalkyl function gives one value per cell, never an array; "
        + "the same lookups over array constants and dimensions match"

    enum Outcome { case matched, differs(String), excluded, notRunnable }

    static func outcome(_ v: OracleVector) -> Outcome {
        if excluded[v.id] != nil { return .excluded }
        guard v.calledFunctions.allSatisfy({ FunctionRegistry.lookup($0) != nil }) else { return .notRunnable }
        guard let expected = v.expected.map(decodedEscapes) else { return .differs("unreadable expected result \(v.excelResult)") }
        switch OracleHarness.evaluate(v) {
        case .failure(let f):
            return v.hasArrayConstant ? .notRunnable : .differs(f.message)
        case .success(let got):
            if OracleHarness.matches(got, expected) { return .matched }
            if nearlyExact.contains(v.function), case .number(let a) = got, case .number(let b) = expected,
               abs(a - b) <= 1e-9 * max(1, abs(b)) {
                return .matched
            }
            return .differs("expected \(expected.oracleText)  got \(got.oracleText)")
        }
    }

    /// The file writes control characters as Excel's XML does: CHAR(1) is `_x0001_`.
    static func decodedEscapes(_ v: Value) -> Value {
        guard case .text(let s) = v, s.contains("_x") else { return v }
        var out = ""
        var rest = Substring(s)
        while let start = rest.range(of: "_x") {
            out += rest[..<start.lowerBound]
            let after = rest[start.upperBound...]
            if after.count >= 5, after.dropFirst(4).first == "_", let code = UInt32(after.prefix(4), radix: 16),
               let scalar = Unicode.Scalar(code) {
                out.unicodeScalars.append(scalar)
                rest = after.dropFirst(5)
            } else {
                out += "_x"
                rest = after
            }
        }
        return .text(out + rest)
    }

    @Test("every row of the families' functions gives Excel's result or is excluded with a reason")
    func familiesMatchExcel() {
        var failures: [String] = []
        var lines: [String] = []
        var totals = (rows: 0, matched: 0, excluded: 0, whole: 0)
        let rows = Dictionary(grouping: OracleVector.all.filter { Self.functions.contains($0.function) }, by: \.function)
        for name in Self.functions {
            var matched = 0, excluded = 0, notRunnable = 0
            let vectors = rows[name] ?? []
            for v in vectors {
                switch Self.outcome(v) {
                case .matched: matched += 1
                case .excluded: excluded += 1
                case .notRunnable:
                    notRunnable += 1
                    failures.append("#\(v.id) [\(name)] \(v.expression)\n    calls a function Kalkyl does not have; "
                                    + "add it, or exclude the row with the reason")
                case .differs(let why):
                    failures.append("#\(v.id) [\(name)\(v.fromRange ? ", from range" : "")] \(v.expression)\n    \(why)")
                }
            }
            guard FunctionRegistry.lookup(name) != nil else { continue }
            totals.rows += vectors.count
            totals.matched += matched
            totals.excluded += excluded
            if matched == vectors.count { totals.whole += 1 }
            lines.append("oracle family: \(name) \(matched)/\(vectors.count)"
                         + (excluded > 0 ? ", \(excluded) excluded" : "") + (notRunnable > 0 ? ", \(notRunnable) not runnable yet" : ""))
        }
        lines.append("oracle family: \(totals.matched)/\(totals.rows) rows match, \(totals.excluded) excluded; "
                     + "\(totals.whole)/\(Self.functions.count) functions whole")
        print(lines.joined(separator: "\n"))
        for f in failures { Issue.record(Comment(rawValue: f)) }
        #expect(failures.isEmpty, "\(failures.count) vectors differ from Excel")
        for (id, reason) in Self.excluded {
            #expect(OracleVector.all.contains { $0.id == id }, "excluded row \(id) is not in the file (\(reason))")
        }
    }
}
