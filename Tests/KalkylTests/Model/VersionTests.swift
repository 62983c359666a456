import Foundation
@testable import Kalkyl
import Testing

/// Versions: actual, budget and forecast as members of one line, and the cut-off that makes
/// a forecast take the actuals up to it and the plan after (the rolling forecast).
@Suite struct VersionTests {
    let model = """
    timeline monthly 2021-01 .. 2021-06
    actuals through 2021-02
    dimension unit = Datacenter, MT
    input cost[version, unit, month] = 0
    input cost[actual, Datacenter, 2021-01] = 90
    input cost[actual, Datacenter, 2021-02] = 95
    input cost[budget, unit, month] = 100
    input cost[forecast, unit, month] = 98
    total[version, month] = SUM(cost[unit])
    year_forecast = SUM(total[forecast])
    variance[month] = total[forecast] - total[budget]
    variance_ytd[month] = YTD(variance)
    staff[version, month] = PREV(staff, 10) + 1
    """

    func grid(_ e: Evaluation, _ name: String, member: Int) -> [Double?] {
        let slot = e.model.slot(named: name)!
        let m = e.model.memberCount(of: slot)
        return (0..<e.model.timeline.count).map { e.values(of: slot)[$0 * m + member].number }
    }

    @Test func theForecastTakesTheActualsUpToTheCutOff() throws {
        let e = try evaluate(model)
        #expect(e.model.dimensions.map(\.name) == ["unit", "version"])
        // cost is [version, unit]: forecast/Datacenter is member 4, actual/Datacenter member 0.
        #expect(grid(e, "cost", member: 4) == [90, 95, 98, 98, 98, 98])
        #expect(grid(e, "cost", member: 5) == [0, 0, 98, 98, 98, 98])
        #expect(grid(e, "total", member: 2) == [90, 95, 196, 196, 196, 196])
        #expect(e.value("year_forecast") == .number(969))
        #expect(e.numbers("variance") == [-110, -105, -4, -4, -4, -4])
        // A recurrence over versions reads the forecast's closed months from the actuals.
        #expect(grid(e, "staff", member: 2) == [11, 12, 13, 14, 15, 16])
    }

    @Test func anUpdateOfAnActualMovesTheForecast() throws {
        let e = try evaluate(model)
        e.set([e.model.parseAssignment("cost[actual, MT, 2021-02]=7").0!])
        #expect(grid(e, "cost", member: 5) == [0, 7, 98, 98, 98, 98])
        #expect(e.numbers("variance_ytd")[1] == -208)
        // A forecast cell in a closed month follows the actuals, whatever it is set to.
        e.set([e.model.parseAssignment("cost[forecast, MT, 2021-01]=500").0!])
        #expect(grid(e, "cost", member: 5)[0] == 0)
        let full = Evaluation(model: e.model, order: e.order)
        full.overrides = e.overrides
        full.evaluateAll()
        for slot in e.model.definitions.indices {
            #expect(e.values(of: slot).isIdentical(to: full.values(of: slot)), "\(e.model.definitions[slot].name)")
        }
    }

    @Test func eachVersionFromItsOwnFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kalkyl-versions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "ansvar;period;belopp\nDatacenter;202101;1 000\nDatacenter;202102;1 100\nMT;202101;500\n"
            .write(to: folder.appendingPathComponent("utfall.csv"), atomically: true, encoding: .utf8)
        try "ansvar;202101;202102;202103\nDatacenter;1 050;1 050;1 050\nMT;520;520;520\n"
            .write(to: folder.appendingPathComponent("budget.csv"), atomically: true, encoding: .utf8)
        let path = folder.appendingPathComponent("m.kalkyl").path
        try """
        timeline monthly 2021-01 .. 2021-03
        actuals through 2021-02
        dimension unit = Datacenter, MT
        input cost[version, unit, month] = 0
        input cost[actual, unit, month] = data "utfall.csv" long key ansvar period period amount belopp
        input cost[budget, unit, month] = data "budget.csv" wide key ansvar
        input cost[forecast, unit, 2021-03 ..] = data "budget.csv" wide key ansvar
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let loaded = try ModelLoader.load(path: path)
        #expect(!loaded.hasErrors, "\(DiagnosticRenderer.render(loaded.diagnostics))")
        let e = Evaluation(model: try #require(loaded.model), order: try #require(loaded.order))
        e.evaluateAll()
        #expect(grid(e, "cost", member: 4) == [1_000, 1_100, 1_050])   // forecast, Datacenter
        #expect(grid(e, "cost", member: 5)[2] == 520)
        #expect(e.value("cost", period: 1, member: 1) == .blank, "MT has no actual for February")
    }
}
