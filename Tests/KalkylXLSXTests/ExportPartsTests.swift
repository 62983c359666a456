import Foundation
import Kalkyl
@testable import KalkylXLSX
import Testing

/// The small parts of the export, without LibreOffice.
@Suite struct ExportPartsTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func sha256MatchesTheStandardsVectors(_ text: String, _ digest: String) {
        #expect(SHA256.hex(Array(text.utf8)) == digest)
    }

    @Test func sha256OfAMillionAsInPieces() {
        var hasher = SHA256()
        for _ in 0..<1000 { hasher.update(Array(repeating: UInt8(ascii: "a"), count: 1000)) }
        let hex = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        #expect(hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test(arguments: [
        (137.0, "137"), (0.4615, "0.4615"), (-6.0, "-6"), (1e-5, "1E-05"), (1.5e20, "1.5E+20"),
        (0.1 + 0.2, "0.30000000000000004"), (1e15, "1000000000000000"), (1e22, "1E+22"), (123_456.789, "123456.789"),
    ])
    func numbersPrintAsExcelReadsThemBack(_ x: Double, _ text: String) {
        #expect(FormulaCompiler.number(x) == text)
        #expect(Double(text) == x)
    }

    @Test func textLiteralsQuoteAndSplitAtExcelsLimit() {
        #expect(FormulaCompiler.textLiteral("say \"hej\"") == "\"say \"\"hej\"\"\"")
        let long = String(repeating: "å", count: 300)
        #expect(FormulaCompiler.textLiteral(long) == "(\"" + String(repeating: "å", count: 255) + "\"&\"" + String(repeating: "å", count: 45) + "\")")
    }

    @Test func excelNamesAreLegalAndUnique() {
        var names = ExcelNames()
        #expect(names.claim("employees_start") == "employees_start")
        #expect(names.claim("anställda") == "anställda", "Swedish letters are letters to Excel and libxlsxwriter")
        #expect(names.claim("q1") == "q1_", "q1 reads as a cell")
        #expect(names.claim("tax2021") == "tax2021_", "TAX2021 is a cell in Excel's grid")
        #expect(names.claim("R") == "R_", "R means a row in R1C1")
        #expect(names.claim("TRUE") == "TRUE_")
        #expect(names.claim("Employees_Start") == "Employees_Start_", "names are compared without case")
        #expect(names.claim("hiring_stop.employees_start") == "hiring_stop.employees_start")
        var sheets = ExcelNames.Sheets()
        #expect(sheets.claim("Calc") == "Calc")
        #expect(sheets.claim("calc") == "calc 2")
        #expect(sheets.claim("Calc " + String(repeating: "x", count: 40)).count == 31)
    }

    @Test func tertialsAndYearsFollowTheFiscalYear() {
        let calendar = TotalGroup.groups(of: Timeline(granularity: .monthly, first: 2021 * 12, count: 12))
        #expect(calendar.map(\.title) == ["T1 2021", "T2 2021", "T3 2021", "2021"])
        #expect(calendar.map(\.periods) == [0...3, 4...7, 8...11, 0...11])
        let fiscal = TotalGroup.groups(of: Timeline(granularity: .monthly, first: 2020 * 12 + 10, count: 16, fiscalYearStart: 7))
        #expect(fiscal.map(\.title) == ["T2 2020/21", "T3 2020/21", "2020/21", "T1 2021/22", "T2 2021/22", "2021/22"])
        // 2020-11 .. 2021-02 is the whole second tertial of 2020/21 (which began in July 2020).
        #expect(fiscal.map(\.periods) == [0...3, 4...7, 0...7, 8...11, 12...15, 8...15])
        #expect(fiscal.map(\.isPartial) == [false, false, true, false, false, true])
        #expect(TotalGroup.groups(of: Timeline(granularity: .yearly, first: 2019, count: 5)).isEmpty)
    }

    @Test func totalsAreSumsOfFlowsAndClosingLevels() throws {
        let loaded = ModelLoader.load(source: SourceFile(path: "t.kalkyl", text: """
            timeline monthly 2021-01 .. 2021-12
            input start: persons = 10
            input hires_plan[month]: persons = 1
            hires[month]: persons = hires_plan
            staff[month]: persons = PREV(staff, start) + hires
            fte[month]: persons = staff * 0.9
            cost[month]: kr = fte * AS(40000, kr/persons)
            cost_ytd[month]: kr = YTD(cost)
            rate[month]: % = hires / staff
            label[month] = "x"
            """))
        let model = try #require(loaded.model)
        let e = Evaluation(model: model, order: try #require(loaded.order))
        e.evaluateAll()
        func kind(_ name: String) -> TotalKind { model.totalKind(of: model.slot(named: name)!, values: e.values(of: model.slot(named: name)!).values) }
        #expect(kind("hires") == .sum)
        #expect(kind("staff") == .closing)
        #expect(kind("fte") == .closing, "a headcount read from a level is a level")
        #expect(kind("cost") == .sum)
        #expect(kind("cost_ytd") == .closing)
        #expect(kind("rate") == .none)
        #expect(kind("label") == .none)
        #expect(TotalKind.sum.value(of: [.number(1), .text("x"), .number(2)]) == .number(3))
        #expect(TotalKind.sum.value(of: [.number(1), .error(.div0), .error(.na)]) == .error(.div0))
        #expect(TotalKind.closing.value(of: [.number(1), .number(5)]) == .number(5))
    }
}
