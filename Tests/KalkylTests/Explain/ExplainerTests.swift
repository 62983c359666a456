@testable import Kalkyl
import Testing

/// `Explainer`: the cells a formula reads for one cell, where inputs get their values, how
/// far down the tree goes, and where an error starts.
@Suite struct ExplainerTests {
    let model = """
    timeline monthly 2021-01 .. 2021-12
    fiscal year starts 07
    dimension unit = Datacenter, Nätverk, MT
    ## Anställda december
    input start: persons = 100
    input rate = 1%
    input hires[month] = 1
    input hires[2021-06 .. 2021-08] = 3
    input cost[unit, month] = 10
    input cost[Datacenter, 2021-02] = 20
    input salary = 40_000
    staff[month] = PREV(staff, start) - leavers + hires
    leavers[month] = ROUND(PREV(staff, start) * rate, 0)
    payroll[month] = staff * salary
    change[month] = payroll - payroll[month-1]
    versus_march[month] = payroll - payroll[2021-03]
    total = SUM(payroll)
    first_tertial = SUM(payroll[2021-01 .. 2021-04])
    payroll_ytd[month] = YTD(payroll)
    last_quarter[month] = ROLLING(payroll, 3)
    unit_total[month] = SUM(cost[unit])
    share[unit, month] = cost / unit_total
    flag[month] = IF(month >= 2021-07, 1, 0)
    scenario stop "Anställningsstopp" {
      hires[2021-07 ..] = 0
      salary = 41_000
    }
    """

    func explain(_ text: String, cell: String, scenario: String? = nil, set: [String] = [],
                 options: Explainer.Options = Explainer.Options()) throws -> (Explanation, CheckedModel) {
        let e = try evaluate(text, scenario: scenario)
        if !set.isEmpty { e.set(set.map { e.model.parseAssignment($0).0! }) }
        let target = try e.model.cell(named: cell).get()
        return (Explainer.explain(target, in: e, options: options), e.model)
    }

    /// The cells each precedent lists, as written.
    func cells(_ node: ExplainedCell) -> [[String]] {
        node.precedents.map { $0.cells.map(\.reference) }
    }

    @Test func aScalarReadsItsNames() throws {
        let (x, _) = try explain(model, cell: "total")
        #expect(x.root.reference == "total")
        #expect(x.root.expansion == .expanded)
        guard case .formula(let f) = x.root.source else { Issue.record("a formula"); return }
        #expect(f.text == "SUM(payroll)")
        #expect(f.location.line == 17)
        let range = try #require(x.root.precedents.first)
        #expect(range.kind == .range && range.reference == "payroll[2021-01 .. 2021-12]")
        #expect(range.cellCount == 12 && range.cells.count == 12 && range.errorCount == 0)
        #expect(range.cells.first?.value == .number(100 * 40_000))
    }

    @Test func seriesReadShiftedAndFixedPeriods() throws {
        let (x, _) = try explain(model, cell: "change[2021-05]", options: Explainer.Options(depth: 1))
        #expect(cells(x.root) == [["payroll[2021-05]"], ["payroll[2021-04]"]])
        #expect(x.root.precedents.map(\.kind) == [.cell, .cell])
        #expect(x.root.precedents[0].cells[0].expansion == .depthLimit)
        let (fixed, _) = try explain(model, cell: "versus_march[2021-09]", options: Explainer.Options(depth: 1))
        #expect(cells(fixed.root) == [["payroll[2021-09]"], ["payroll[2021-03]"]])
        let (ranged, _) = try explain(model, cell: "first_tertial", options: Explainer.Options(depth: 1))
        #expect(ranged.root.precedents.map(\.reference) == ["payroll[2021-01 .. 2021-04]"])
        #expect(cells(ranged.root) == [["payroll[2021-01]", "payroll[2021-02]", "payroll[2021-03]", "payroll[2021-04]"]])
    }

    @Test func theFirstPeriodReadsBeforeTheTimelineAsRef() throws {
        let (x, _) = try explain(model, cell: "change[2021-01]")
        #expect(x.root.value == .error(.ref))
        let outside = try #require(x.root.precedents.last)
        #expect(outside.kind == .outsideTimeline && outside.reference == "payroll[2020-12]" && outside.period == -1)
        #expect(outside.value == .error(.ref) && outside.cells.isEmpty)
        let origin = try #require(x.errorOrigin)
        #expect(origin.path.count == 1 && origin.cell.reference == "change[2021-01]")
    }

    @Test func prevReadsTheInitialValueOnlyInTheFirstPeriod() throws {
        let (first, _) = try explain(model, cell: "staff[2021-01]", options: Explainer.Options(depth: 1))
        #expect(cells(first.root) == [["start"], ["leavers[2021-01]"], ["hires[2021-01]"]])
        let (later, _) = try explain(model, cell: "staff[2021-02]", options: Explainer.Options(depth: 1))
        #expect(cells(later.root) == [["staff[2021-01]"], ["leavers[2021-02]"], ["hires[2021-02]"]])
        #expect(later.root.precedents[0].kind == .previous)
        let (leavers, _) = try explain(model, cell: "leavers[2021-03]", options: Explainer.Options(depth: 1))
        #expect(cells(leavers.root) == [["staff[2021-02]"], ["rate"]])
    }

    @Test func ytdAndRollingReadTheirWindow() throws {
        // The fiscal year starts in July: YTD in September reads July to September.
        let (ytd, _) = try explain(model, cell: "payroll_ytd[2021-09]", options: Explainer.Options(depth: 1))
        let window = try #require(ytd.root.precedents.first)
        #expect(window.kind == .yearToDate && window.reference == "payroll[2021-07 .. 2021-09]" && window.cellCount == 3)
        let (june, _) = try explain(model, cell: "payroll_ytd[2021-06]", options: Explainer.Options(depth: 1))
        #expect(june.root.precedents.first?.reference == "payroll[2021-01 .. 2021-06]")
        let (rolling, _) = try explain(model, cell: "last_quarter[2021-02]", options: Explainer.Options(depth: 1))
        #expect(rolling.root.precedents.first?.kind == .rolling(periods: 3))
        #expect(cells(rolling.root) == [["payroll[2021-01]", "payroll[2021-02]"]])
    }

    @Test func theAxisIsAPrecedentWithItsPeriod() throws {
        let (x, m) = try explain(model, cell: "flag[2021-08]")
        let axis = try #require(x.root.precedents.first)
        #expect(axis.kind == .period && axis.reference == "month" && axis.period == 7)
        #expect(axis.value == .number(m.timeline.serial(ofAbsolute: m.timeline.first + 7)))
    }

    @Test func aDimensionAggregateReadsEveryMember() throws {
        let (x, _) = try explain(model, cell: "unit_total[2021-02]")
        let range = try #require(x.root.precedents.first)
        #expect(range.reference == "cost[unit, 2021-02]")
        #expect(range.cells.map(\.reference) == ["cost[Datacenter, 2021-02]", "cost[Nätverk, 2021-02]", "cost[MT, 2021-02]"])
        #expect(range.cells.map(\.value) == [.number(20), .number(10), .number(10)])
        let (share, _) = try explain(model, cell: "share[MT, 2021-02]", options: Explainer.Options(depth: 1))
        #expect(cells(share.root) == [["cost[MT, 2021-02]"], ["unit_total[2021-02]"]])
    }

    @Test func aWideRangeListsTheFirstCellsThenItsErrors() throws {
        let members = (0..<1000).map { "e\($0)" }.joined(separator: ", ")
        let text = """
        timeline monthly 2021-01 .. 2021-02
        dimension employee = \(members)
        input salary[employee] = 30000
        input salary[e500] = 0
        input salary[e900] = 0
        per_kr[employee, month] = 1 / salary
        total[month] = SUM(per_kr[employee])
        """
        let (x, _) = try explain(text, cell: "total[2021-02]", options: Explainer.Options(depth: 1, cellsPerRange: 5, errorCellsPerRange: 1))
        let range = try #require(x.root.precedents.first)
        #expect(range.reference == "per_kr[employee, 2021-02]")
        #expect(range.cellCount == 1000 && range.errorCount == 2 && range.firstCellCount == 5)
        #expect(range.cells.map(\.reference) == ["e0", "e1", "e2", "e3", "e4", "e500"].map { "per_kr[\($0), 2021-02]" })
        #expect(range.omittedCount == 994)
        let origin = try #require(x.errorOrigin)
        #expect(origin.error == .div0 && origin.cell.reference == "per_kr[e500, 2021-02]")
    }

    @Test func inputsSayWhichStatementSetThem() throws {
        func setBy(_ cell: String, scenario: String? = nil, set: [String] = []) throws -> InputSource {
            let (x, _) = try explain(model, cell: cell, scenario: scenario, set: set)
            guard case .input(let input) = x.root.source else { throw ModelError(message: "\(cell) is not an input") }
            #expect(x.root.expansion == .input && x.root.precedents.isEmpty)
            return input
        }
        let definition = try setBy("hires[2021-01]")
        #expect(definition.setBy == .definition && definition.text == "input hires[month] = 1" && definition.location?.line == 7)
        let assignment = try setBy("hires[2021-07]")
        #expect(assignment.setBy == .assignment && assignment.text == "input hires[2021-06 .. 2021-08] = 3" && assignment.location?.line == 8)
        let scenario = try setBy("hires[2021-07]", scenario: "stop")
        #expect(scenario.setBy == .scenario("stop") && scenario.text == "hires[2021-07 ..] = 0" && scenario.location?.line == 25)
        #expect(try setBy("hires[2021-06]", scenario: "stop").setBy == .assignment)
        #expect(try setBy("salary", scenario: "stop").text == "salary = 41_000")
        let whatIf = try setBy("hires[2021-07]", scenario: "stop", set: ["hires[2021-07..2021-09]=2"])
        #expect(whatIf.setBy == .whatIf && whatIf.text == "hires[2021-07..2021-09]=2")
        #expect(try setBy("hires[2021-10]", scenario: "stop", set: ["hires[2021-07..2021-09]=2"]).setBy == .scenario("stop"))
        // Members: an assignment to one member does not cover the others.
        #expect(try setBy("cost[Datacenter, 2021-02]").setBy == .assignment)
        #expect(try setBy("cost[MT, 2021-02]").setBy == .definition)
        #expect(try setBy("cost[MT, 2021-02]", set: ["cost[MT, 2021-02]=5"]).setBy == .whatIf)
    }

    @Test func theValuesAreThoseOfTheScenarioAndTheWhatIfs() throws {
        let (x, _) = try explain(model, cell: "payroll[2021-01]", scenario: "stop", set: ["start=200"], options: Explainer.Options(depth: 1))
        #expect(x.scenario == "stop")
        #expect(x.root.precedents.flatMap(\.cells).map(\.value) == [.number(199), .number(41_000)])
    }

    @Test func depthLimitsTheTreeAndACellIsExpandedOnce() throws {
        let (zero, _) = try explain(model, cell: "payroll[2021-03]", options: Explainer.Options(depth: 0))
        #expect(zero.root.expansion == .depthLimit && zero.root.precedents.isEmpty)
        let (deep, _) = try explain(model, cell: "payroll[2021-03]", options: Explainer.Options(depth: 3))
        // staff[2021-02] is read by staff[2021-03] and by leavers[2021-03]: expanded the first time only.
        let staff = deep.root.precedents[0].cells[0]
        #expect(staff.reference == "staff[2021-03]")
        let viaStaff = staff.precedents[0].cells[0]
        let viaLeavers = staff.precedents[1].cells[0].precedents[0].cells[0]
        #expect(viaStaff.reference == "staff[2021-02]" && viaStaff.expansion == .expanded)
        #expect(viaLeavers.reference == "staff[2021-02]" && viaLeavers.expansion == .shownAbove)
        // Level 3 is listed, not expanded.
        let level3 = viaStaff.precedents[0].cells[0]
        #expect(level3.reference == "staff[2021-01]" && level3.expansion == .depthLimit)
    }

    @Test func aSizeLimitStopsExpanding() throws {
        let (x, _) = try explain(model, cell: "total", options: Explainer.Options(depth: 5, maxExpandedCells: 3))
        let months = x.root.precedents[0].cells
        #expect(months[0].expansion == .expanded)
        #expect(months.last?.expansion == .sizeLimit)
    }

    @Test func anErrorIsTracedToWhereItStarts() throws {
        let text = """
        timeline monthly 2021-01 .. 2021-04
        input headcount[month] = 10
        input headcount[2021-03] = 0
        input budget = 100
        ratio[month] = 1 / headcount
        scaled[month] = ratio * budget
        total = SUM(scaled) + budget
        safe = IFERROR(total, 0)
        missing[month] = IF(ISERROR(scaled), NA(), scaled)
        """
        let (x, m) = try explain(text, cell: "total")
        #expect(x.root.value == .error(.div0))
        let origin = try #require(x.errorOrigin)
        #expect(origin.error == .div0)
        #expect(origin.path.map(m.text(of:)) == ["total", "scaled[2021-03]", "ratio[2021-03]"])
        #expect(origin.cell.reference == "ratio[2021-03]")
        #expect(origin.cell.precedents.flatMap(\.cells).map(\.reference) == ["headcount[2021-03]"])
        #expect(origin.cell.precedents[0].cells[0].value == .number(0))
        // The range that holds the error says so.
        #expect(x.root.precedents[0].errorCount == 1)
        // No error, no origin; an error of another kind starts where it is made.
        #expect(try explain(text, cell: "safe").0.errorOrigin == nil)
        let na = try #require(try explain(text, cell: "missing[2021-03]").0.errorOrigin)
        #expect(na.error == .na && na.path.count == 1 && na.cell.reference == "missing[2021-03]")
    }

    @Test func prevInitialOpsAreFoundByTheirStackEffect() throws {
        let e = try evaluate(model)
        let staff = e.model.definitions[e.model.slot(named: "staff")!].formula
        // PREV(staff, start) - leavers + hires: `start` (op 0) is PREV's initial value.
        #expect(CheckedModel.prevInitialOps(staff) == [0])
        let leavers = e.model.definitions[e.model.slot(named: "leavers")!].formula
        #expect(CheckedModel.prevInitialOps(leavers) == [0])
    }
}
