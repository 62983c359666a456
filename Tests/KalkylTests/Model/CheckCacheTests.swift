import Testing
@testable import Kalkyl

/// Checking again with what an earlier check read (the language server, on every keystroke)
/// gives what a first check of the same text and files gives: nothing stale is reused.
@Suite struct CheckCacheTests {
    static let model = """
    model "Cache"
    timeline monthly 2024-01 .. 2024-03
    dimension employee from "staff.csv" key id
    input salary[employee]: kr = column salary
    input budget[employee]: kr = data "budget.csv" key id column amount
    input overhead = 40%
    cost[employee, month]: kr = salary * (1 + overhead)
    total: kr = SUM(cost[employee]) + SUM(budget[employee])

    """
    static let staff = "id,salary\nA1,30000\nB2,40000\n"
    static let budget = "id,amount\nA1,100\nB2,200\n"

    func load(_ model: String, _ staff: String, _ budget: String, cache: CheckCache?) -> LoadedModel {
        let sources = MemorySources(["/m/model.kalkyl": model, "/m/staff.csv": staff, "/m/budget.csv": budget], fallback: nil)
        return ModelLoader.load(source: SourceFile(path: "/m/model.kalkyl", text: model), sources: sources, cache: cache)
    }

    func total(_ loaded: LoadedModel) throws -> Value {
        let model = try #require(loaded.model, "\(loaded.diagnostics.map(\.message))")
        let evaluation = Evaluation(model: model, order: try #require(loaded.order))
        evaluation.evaluateAll()
        return evaluation.values(of: try #require(model.slot(named: "total")))[0]
    }

    @Test func anEditOfTheModelAloneGivesWhatAFreshCheckGives() throws {
        let cache = CheckCache()
        #expect(try total(load(Self.model, Self.staff, Self.budget, cache: cache)) == .number(3 * 70000 * 1.4 + 300))
        let edited = Self.model.replacingOccurrences(of: "40%", with: "50%")
        let again = try total(load(edited, Self.staff, Self.budget, cache: cache))
        #expect(again == (try total(load(edited, Self.staff, Self.budget, cache: nil))))
        #expect(again == .number(3 * 70000 * 1.5 + 300))
    }

    @Test func aChangedDataFileIsReadAgain() throws {
        let cache = CheckCache()
        _ = try total(load(Self.model, Self.staff, Self.budget, cache: cache))
        // A value changed, a member added: both read afresh.
        let staff = "id,salary\nA1,31000\nB2,40000\nC3,10000\n"
        #expect(try total(load(Self.model, staff, Self.budget, cache: cache)) == (try total(load(Self.model, staff, Self.budget, cache: nil))))
        let budget = "id,amount\nA1,150\nB2,200\n"
        let both = try total(load(Self.model, staff, budget, cache: cache))
        #expect(both == (try total(load(Self.model, staff, budget, cache: nil))))
        // The budget file has no row for C3: blank, which SUM skips.
        #expect(both == .number(3 * 81000 * 1.4 + 350))
    }

    @Test func aStatementReadingAnotherColumnOrFileIsReadAgain() throws {
        let cache = CheckCache()
        _ = try total(load(Self.model, Self.staff, Self.budget, cache: cache))
        let staff = "id,salary,other\nA1,30000,1\nB2,40000,2\n"
        let other = Self.model.replacingOccurrences(of: "= column salary", with: "= column other")
        #expect(try total(load(other, staff, Self.budget, cache: cache)) == .number(3 * 3 * 1.4 + 300))
    }

    @Test func aProblemInTheDataIsReportedEveryTimeAtItsPlaceNow() throws {
        let cache = CheckCache()
        let budget = "id,amount\nA1,100\n"   // no row for B2: a warning on the statement
        let first = load(Self.model, Self.staff, budget, cache: cache)
        let moved = "\n\n" + Self.model
        let second = load(moved, Self.staff, budget, cache: cache)
        let warnings = { (l: LoadedModel) in l.diagnostics.filter { $0.severity == .warning && $0.location?.file.path == "/m/model.kalkyl" } }
        #expect(!warnings(first).isEmpty)
        #expect(warnings(first).map(\.message) == warnings(second).map(\.message))
        #expect(warnings(first).map { $0.location!.line + 2 } == warnings(second).map { $0.location!.line })
    }

    @Test func aMemberOfTwoDimensionsIsStillRefused() throws {
        let cache = CheckCache()
        let model = Self.model.replacingOccurrences(of: "input overhead", with: "dimension team = A1, Z9\ninput overhead")
        for _ in 0..<2 {
            let loaded = load(model, Self.staff, Self.budget, cache: cache)
            #expect(loaded.diagnostics.contains { $0.message.contains("'A1' is already a member of 'employee'") })
        }
    }

    /// The model over a budget file of its own name.
    func load(budgetFile: String, timelineEnd: String = "2024-03", cache: CheckCache) -> LoadedModel {
        let model = Self.model.replacingOccurrences(of: "budget.csv", with: budgetFile).replacingOccurrences(of: "2024-03", with: timelineEnd)
        let sources = MemorySources(["/m/model.kalkyl": model, "/m/staff.csv": Self.staff, "/m/\(budgetFile)": Self.budget], fallback: nil)
        return ModelLoader.load(source: SourceFile(path: "/m/model.kalkyl", text: model), sources: sources, cache: cache)
    }

    @Test func pastItsLimitTheLeastRecentlyUsedTableIsDropped() throws {
        let cache = CheckCache(mostTables: 2, mostEntries: 3)
        for file in ["b1.csv", "b2.csv", "b1.csv", "b3.csv"] {
            #expect(try total(load(budgetFile: file, cache: cache)) == .number(3 * 70000 * 1.4 + 300))
            #expect(cache.counts.tables <= 2 && cache.counts.cells <= 3 && cache.counts.memberIndexes <= 3)
        }
        // staff.csv is read by every load, b1.csv last by the third, b2.csv by the second: b2 went first, then b1.
        #expect(cache.keptTable("/m/staff.csv") != nil)
        #expect(cache.keptTable("/m/b3.csv") != nil)
        #expect(cache.keptTable("/m/b1.csv") == nil && cache.keptTable("/m/b2.csv") == nil)
    }

    @Test func aTimelineEditedKeystrokeByKeystrokeKeepsAtMostTheLimitOfReads() throws {
        let cache = CheckCache(mostTables: 4, mostEntries: 3)
        for month in 1...12 {
            let end = "2024-\(month < 10 ? "0" : "")\(month)"
            let loaded = load(budgetFile: "budget.csv", timelineEnd: end, cache: cache)
            #expect(try total(loaded) == (try total(load(budgetFile: "budget.csv", timelineEnd: end, cache: CheckCache()))))
            #expect(cache.counts.cells <= 3)
        }
        #expect(cache.counts.cells == 3)
    }
}
