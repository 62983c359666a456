import Foundation
@testable import Kalkyl
import Testing

/// How a series totals over tertials and years: a stock to its closing value, a flow to its
/// sum, an average where the model says so; decided from the unit and declarable.
@Suite struct StockAndFlowTests {
    func kind(_ e: Evaluation, _ name: String) -> TotalKind {
        let slot = e.model.slot(named: name)!
        return e.model.totalKind(of: slot, values: e.values(of: slot).values)
    }

    func totals(_ e: Evaluation, _ name: String) -> [Value] {
        let slot = e.model.slot(named: name)!
        let column = e.values(of: slot)
        let kind = kind(e, name)
        return e.model.totalGroups.map { group in kind.value(of: group.periods.map { column[$0] }) }
    }

    @Test func aHeadcountIsAStockWhateverItsFormula() throws {
        let e = try evaluate("""
        timeline monthly 2021-01 .. 2021-12
        dimension employee = A, B, C
        input end_month[employee] = 2022-01
        input end_month[B] = 2021-03
        employed[employee, month]: persons = IF(month < end_month, 1, 0)
        headcount[month]: persons = SUM(employed[employee])
        fte[month]: FTE = headcount * AS(0.5, FTE/persons)
        cost[month]: kr = headcount * AS(40_000, kr/persons)
        """)
        #expect(e.model.totalGroups.map(\.title) == ["T1 2021", "T2 2021", "T3 2021", "2021"])
        #expect(kind(e, "headcount") == .closing)
        #expect(totals(e, "headcount") == [.number(2), .number(2), .number(2), .number(2)])
        #expect(kind(e, "fte") == .closing)
        #expect(kind(e, "cost") == .sum)
        let yearCost: Double = 40_000 * (2 * 3 + 10 * 2)   // B is employed in January and February
        #expect(totals(e, "cost").last == .number(yearCost))
    }

    @Test func aDefinitionDeclaresStockFlowOrAverage() throws {
        let e = try evaluate("""
        timeline monthly 2021-01 .. 2021-12
        input hires[month]: persons = 1
        staff[month]: persons = PREV(staff, 10) + hires
        flow hired[month]: persons = hires
        average fte[month]: FTE = AS(staff * 0.9, FTE)
        stock balance[month]: kr = AS(1000, kr/persons) * staff
        cost average_cost[month]: kr = staff * AS(100, kr/persons)
        """)
        #expect(kind(e, "hires") == .sum, "a change of a level is a flow")
        #expect(kind(e, "staff") == .closing)
        #expect(kind(e, "hired") == .sum)
        #expect(totals(e, "hired").last == .number(12))
        #expect(kind(e, "fte") == .average)
        // Staff is 11 … 22: an average of 16.5 over the year, of 12.5 over the first tertial.
        let fte = totals(e, "fte").compactMap(\.number)
        let t1 = fte[0] - 12.5 * 0.9
        let year = fte[3] - 16.5 * 0.9
        #expect(abs(t1) < 1e-9 && abs(year) < 1e-9)
        #expect(kind(e, "balance") == .closing)
        #expect(totals(e, "balance").last == .number(22_000))
        #expect(kind(e, "average_cost") == .sum)
        #expect(e.model.definitions[e.model.slot(named: "average_cost")!].kind == .cost)
    }

    @Test func whatFeedsAChangeOfAStockIsAFlow() throws {
        let e = try evaluate("""
        timeline monthly 2021-01 .. 2021-12
        input planned_hires[month]: persons = 2
        input leavers[month]: persons = 1
        input positions[month]: persons = 140
        hires[month]: persons = IF(month >= 2021-06, planned_hires, 0)
        departures[month]: persons = leavers
        employees[month]: persons = PREV(employees, 137) - departures + hires
        vacancies[month]: persons = positions - employees
        """)
        for name in ["planned_hires", "leavers", "hires", "departures"] { #expect(kind(e, name) == .sum, "\(name)") }
        for name in ["positions", "employees", "vacancies"] { #expect(kind(e, name) == .closing, "\(name)") }
        #expect(totals(e, "hires").last == .number(14))
        #expect(totals(e, "employees").last == .number(137 - 12 + 14))
    }

    @Test func kindAndTotalGoInEitherOrder() throws {
        let e = try evaluate("""
        timeline monthly 2021-01 .. 2021-03
        input stock cost a[month]: kr = 1
        input cost stock b[month]: kr = 2
        """)
        for name in ["a", "b"] {
            let d = e.model.definitions[e.model.slot(named: name)!]
            #expect(d.kind == .cost && d.declaredTotal == .stock)
        }
    }

    @Test func aSingleValueHasNoPeriodsToTotal() {
        expectDiagnostics("""
        timeline monthly 2021-01 .. 2021-12
        1️⃣stock start: persons = 10
        """, [("1️⃣", "'stock' says how a series' periods total, and start is a single value")])
    }

    @Test func averageFollowsExcelsAverage() {
        #expect(TotalKind.average.value(of: [.number(1), .blank, .number(2)]) == .number(1.5))
        #expect(TotalKind.average.value(of: [.blank]) == .error(.div0))
        #expect(TotalKind.average.value(of: [.number(1), .error(.na)]) == .error(.na))
        #expect(TotalKind.average.formula(first: "E5", last: "H5") == "AVERAGE(E5:H5)")
        #expect(TotalKind.closing.formula(first: "E5", last: "H5") == "H5")
    }

    @Test func thePersonnelExamplesHeadcountYearIsDecember() throws {
        let loaded = try ModelLoader.load(path: ExampleModelTests.root.appendingPathComponent("formulas/lansteknik-personnel-2021.kalkyl").path)
        let model = try #require(loaded.model)
        let e = Evaluation(model: model, order: try #require(loaded.order))
        e.evaluateAll()
        #expect(totals(e, "division_headcount") == [.number(131), .number(129), .number(127), .number(127)])
        #expect(kind(e, "personnel_cost") == .sum)
    }
}
