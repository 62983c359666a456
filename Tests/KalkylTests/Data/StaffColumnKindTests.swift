import Foundation
@testable import Kalkyl
import Testing

/// How a staff file's column is read when the input says no unit: decided from the whole
/// column. Three shapes HR systems export gave a wrong figure with exit 0 (red team, session 19):
/// an end month `tv` (tills vidare) or `2026-6` among periods made the column text, and
/// `month <= slut` TRUE for everyone (hunt19/t01); hire dates `20260131` were the number
/// 20 260 131 without a word (hunt19/t02); a degree of employment `100` beside `80 %` was 100
/// (hunt19/t06).
@Suite struct StaffColumnKindTests {
    static let model = """
        timeline monthly 2026-01 .. 2026-12
        dimension anst from "staff.csv" key id
        input lon[anst]: kr = column lön
        input v[anst] = column v
        kost[anst, month]: kr = lon * IF(OR(ISBLANK(v), v >= month), 1, 0)
        ar[anst]: kr = SUM(kost)

        """

    func load(_ csv: String) throws -> LoadedModel {
        try ModelLoader.load(path: "/mem/m.kalkyl", sources: MemorySources(["/mem/m.kalkyl": Self.model, "/mem/staff.csv": csv], fallback: nil))
    }

    func shown(_ loaded: LoadedModel) -> [String] {
        loaded.diagnostics.map { String(DiagnosticRenderer.render($0).prefix { $0 != "\n" }).replacing("/mem/", with: "") }
    }

    @Test(arguments: ["tv", "2026-6", "31.01.2026"])
    func aCellNotAPeriodAmongPeriodsIsAnError(_ cell: String) throws {
        let loaded = try load("id;lön;v\n1;35 000;2026-12\n2;40 000;2026-06\n3;32 500;\n4;30 000;\(cell)\n")
        #expect(shown(loaded) == ["staff.csv:5:10: error: '\(cell)' is not a period"])
        #expect(loaded.diagnostics.map(\.code) == [.notAPeriod])
    }

    @Test func aCompactDateAmongPeriodsIsItsMonth() throws {
        let loaded = try load("id;lön;v\n1;35 000;2026-12\n2;40 000;2026-06\n3;32 500;\n4;30 000;20260630\n")
        #expect(loaded.diagnostics.isEmpty)
        let e = Evaluation(model: try #require(loaded.model), order: try #require(loaded.order))
        e.evaluateAll()
        #expect(e.value("v", member: 3) == .number(ExcelDate.serial(year: 2026, month: 6, day: 1)))
        #expect(e.value("ar", member: 1) == .number(240_000), "paid January to June")
    }

    /// A column that is mostly text stays text: a period among words is no reason to refuse them.
    @Test func aColumnOfWordsWithOnePeriodStaysText() throws {
        let loaded = try load("id;lön;v\n1;35 000;Tillsvidare\n2;40 000;Visstid\n3;32 500;2026-06\n")
        #expect(loaded.diagnostics.isEmpty)
        let e = Evaluation(model: try #require(loaded.model), order: try #require(loaded.order))
        e.evaluateAll()
        #expect(e.value("v", member: 2) == .text("2026-06"))
    }

    @Test func datesWrittenAsEightDigitsAreWarnedOf() throws {
        let loaded = try load("id;lön;v\n1;35 000;20260131\n2;40 000;20260215\n")
        #expect(shown(loaded) == ["staff.csv:1:8: warning: the column 'v' is read as numbers, but its values, such as 20260131, are also dates"])
        #expect(loaded.diagnostics.first?.hint == "write dates as 2026-01-31, and the column is read as months")
        #expect(loaded.diagnostics.map(\.code) == [.numbersLikeMonths])
    }

    @Test func numbersOfEightDigitsThatAreNoDatesAreNotWarnedOf() throws {
        #expect(try load("id;lön;v\n1;35 000;20261331\n2;40 000;12345678\n").diagnostics.isEmpty)
    }

    @Test func aBareNumberBesideCellsWithPercentIsAnError() throws {
        let loaded = try load("id;lön;v\n1;35 000;100 %\n2;40 000;80 %\n3;32 500;100\n4;30 000;0,5\n")
        #expect(shown(loaded) == ["staff.csv:4:10: error: '100' could be read two ways: as 100 %, as other cells of the column "
                                  + "are written ('100 %'), or as the number 100"])
        #expect(loaded.diagnostics.map(\.code) == [.bareNumberAmongPercentages])
        #expect(loaded.diagnostics.first?.notes.map { $0.location?.line } == [2])
    }

    @Test func barePercentagesWithoutTheSignAnywhereAreNumbers() throws {
        let loaded = try load("id;lön;v\n1;35 000;100\n2;40 000;80\n")
        #expect(loaded.diagnostics.isEmpty)
    }

    /// The same in a wide file: degrees of employment per month, `100 %` in January and a bare
    /// `100` in February, were 1.8 and 180 (red team, session 19, hunt19/t11).
    @Test func aBareNumberBesideCellsWithPercentInAWideFileIsAnError() throws {
        let model = "timeline monthly 2026-01 .. 2026-02\ndimension anst = \"1\", \"2\"\ninput g[anst, month] = data \"w.csv\" wide key Anst\n"
        let csv = "Anst;202601;202602\n1;100 %;100\n2;80 %;0,8\n"
        let loaded = try ModelLoader.load(path: "/mem/m.kalkyl", sources: MemorySources(["/mem/m.kalkyl": model, "/mem/w.csv": csv], fallback: nil))
        #expect(shown(loaded) == ["w.csv:2:9: error: '100' could be read two ways: as 100 %, as other cells of the file are written ('100 %'), "
                                  + "or as the number 100"])
        #expect(loaded.diagnostics.map(\.code) == [.bareNumberAmongPercentages])
        let plain = try ModelLoader.load(path: "/mem/m.kalkyl", sources: MemorySources(["/mem/m.kalkyl": model, "/mem/w.csv": "Anst;202601;202602\n1;100;100\n2;80;80\n"], fallback: nil))
        #expect(plain.diagnostics.isEmpty, "bare numbers alone are numbers")
    }
}
