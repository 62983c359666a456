import Foundation
import Kalkyl
@testable import KalkylXLSX
import Testing

/// Kalkyl's period and variance functions, which Excel does not have, exported as the Excel
/// expressions that define them: LibreOffice must recalculate every cell to Kalkyl's value,
/// on a fiscal year from July, zero and negative budgets, text, and errors.
@Suite struct ExportPeriodVarianceTests {
    static let model = """
        model "Perioder och avvikelser"
        timeline monthly 2021-05 .. 2022-08
        fiscal year starts 07

        input cost actual[month]: kr = 100
        input actual[2021-09] = 0
        input actual[2021-10] = 95
        input actual[2022-01] = 130
        input budget[month]: kr = 110
        input budget[2021-09] = 0
        input budget[2021-10] = 0
        input budget[2021-11] = -50
        input revenue fees[month]: kr = 50
        input fees_budget[month]: kr = 40
        input result net[month]: kr = -14
        input net_budget[month]: kr = -22
        input net_budget[2022-02] = 10
        input text_budget = "abc"

        tertial[month] = TERTIAL(month)
        calendar_tertial[month] = TERTIAL(month, 1)
        quarter[month] = QUARTER(month)
        calendar_quarter[month] = QUARTER(month, 1)
        fiscal[month] = FISCAL_YEAR(month)
        calendar_year[month] = FISCAL_YEAR(month, 1)
        december_year[month] = FISCAL_YEAR(month, 12)
        tertial_of_a_sum[month] = TERTIAL(month + 40) * 10
        cost_variance[month]: kr = VARIANCE(actual, budget)
        cost_variance_pct[month]: % = VARIANCE_PCT(actual, budget)
        fee_variance[month]: kr = VARIANCE(fees, fees_budget)
        fee_variance_pct[month]: % = VARIANCE_PCT(fees + 1, fees_budget * 2)
        net_variance_pct[month]: % = VARIANCE_PCT(net, net_budget)
        exceeds[month] = VARIANCE_EXCEEDS(actual, budget, 5%)
        exceeds_amount[month] = VARIANCE_EXCEEDS(actual, budget, 5%, 20)
        change[month]: % = CHANGE_PCT(actual, actual[month-12])
        net_change[month]: % = CHANGE_PCT(net, net_budget)
        negated[month] = -VARIANCE(actual, budget) * 2
        text_variance = VARIANCE_PCT(actual[2021-05], text_budget)
        text_tertial = TERTIAL("x")
        per_april: kr = SUM(actual[2021-07 .. 2022-04])
        tertial_to_date[month]: kr = TTD(actual)
        quarter_to_date[month]: kr = QTD(actual) + TTD(fees)
        rolling[month]: kr = ROLLING(actual, 3)
        rolling_or_to_date[month]: kr = IFNA(ROLLING(fees, 12), YTD(fees))
        input avg_salary: kr = 36_650
        input revision: % = 2.2%
        salary[month]: kr = INDEXED(avg_salary, revision, 2021-09, month)
        salary_text[month] = INDEXED(text_budget, revision, 2021-09, month)
        salary_sum[month]: kr = INDEXED(actual + 1, revision = 0, 2021-06, month + 1)

        """

    @Test func periodAndVarianceFunctionsRecalculateToKalkylsValues() throws {
        let scratch = try Scratch()
        try Self.model.write(toFile: scratch.path("periods.kalkyl"), atomically: true, encoding: .utf8)
        let exported = try ExportedModel.make(path: scratch.path("periods.kalkyl"), output: scratch.path("periods.xlsx"))
        try expectFaithful(exported)
        // The calendar year's tertial is the plain expression; July's needs MOD.
        #expect(try Self.formula(exported, "calendar_tertial", year: 2021, month: 5) == "INT((MONTH(E$3)+3)/4)")
        #expect(try Self.formula(exported, "tertial", year: 2021, month: 5) == "INT(MOD(MONTH(E$3)-7,12)/4)+1")
        #expect(try Self.formula(exported, "cost_variance", year: 2021, month: 5) == "Inputs!E5-Inputs!E4")
        // The tertial to date from November 2021, the second tertial's first month, to December.
        #expect(try Self.formula(exported, "tertial_to_date", year: 2021, month: 12) == "SUM(Inputs!$K4:L4)")
        // ROLLING where the timeline has fewer periods than its window is #N/A in both.
        #expect(try Self.formula(exported, "rolling", year: 2021, month: 6) == "SUM(#N/A)")
        #expect(try Self.formula(exported, "rolling", year: 2021, month: 7) == "SUM(Inputs!E4:G4)")
    }

    /// The formula on the Calc sheet in the row of `name` and the column headed by the month.
    static func formula(_ exported: ExportedModel, _ name: String, year: Int, month: Int) throws -> String? {
        let cells = try exported.workbook.cells(of: "Calc")
        let strings = try ExportFeatureTests.sharedStrings(exported.workbook)
        let serial = String(Int(ExcelDate.serial(year: year, month: month, day: 1)))
        guard let header = cells.first(where: { $0.value == serial && $0.formula == nil }),
              let row = cells.first(where: { $0.type == "s" && $0.value.flatMap(Int.init).map { strings[$0] } == name }) else { return nil }
        let column = header.address.prefix { $0.isLetter }
        let rowNumber = row.address.drop { $0.isLetter }
        return cells.first { $0.address == "\(column)\(rowNumber)" }?.formula
    }

    @Test func periodNumbersAndTertialsToDateHaveNoTotals() throws {
        let loaded = ModelLoader.load(source: SourceFile(path: "t.kalkyl", text: """
            timeline monthly 2021-01 .. 2021-12
            input cost x[month]: kr = 1
            input budget[month]: kr = 2
            tertial[month] = TERTIAL(month)
            fiscal[month] = FISCAL_YEAR(month)
            ttd[month]: kr = TTD(x)
            ytd[month]: kr = YTD(x)
            variance[month]: kr = VARIANCE(x, budget)
            """))
        let model = try #require(loaded.model)
        let e = Evaluation(model: model, order: try #require(loaded.order))
        e.evaluateAll()
        func kind(_ name: String) -> TotalKind { model.totalKind(of: model.slot(named: name)!, values: e.values(of: model.slot(named: name)!).values) }
        #expect(kind("tertial") == .none)
        #expect(kind("fiscal") == .none)
        #expect(kind("ttd") == .none, "the year's last TTD would be its last tertial's sum")
        #expect(kind("ytd") == .closing)
        #expect(kind("variance") == .sum)
    }
}
