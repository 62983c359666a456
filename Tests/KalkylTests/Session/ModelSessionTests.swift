@testable import Kalkyl
import Testing

/// A session over an editor's unsaved buffers: edits, what-ifs and scenarios one at a time,
/// with the same values a fresh load computes.
@Suite struct ModelSessionTests {
    let model = """
    timeline monthly 2021-01 .. 2021-03
    dimension unit from "data/units.csv" key enhet
    input budget[unit] = column belopp
    input rate = 0.5
    total = SUM(budget[unit]) * rate
    scenario low {
      rate = 0.25
    }
    """
    let units = "enhet;belopp\nA;100\nB;300\n"

    /// A model and its data file held in memory only: no disk at all.
    func session() -> ModelSession {
        ModelSession(path: "/mem/model.kalkyl", sources: MemorySources(["/mem/model.kalkyl": model, "/mem/data/units.csv": units], fallback: nil))
    }

    @Test func aModelAndItsDataAreReadFromMemory() async throws {
        let session = session()
        let state = await session.state
        #expect(state.diagnostics.isEmpty, "\(DiagnosticRenderer.render(state.diagnostics))")
        #expect(try await session.value(of: "total") == .number(200))
        #expect(try await session.value(of: "budget[B]") == .number(300))
    }

    @Test func anUnsavedEditIsComputedIncrementally() async throws {
        let session = session()
        let update = await session.update(text: model.replacingOccurrences(of: "input rate = 0.5", with: "input rate = 0.75"))
        #expect(update.state.isCurrent)
        #expect(update.edit?.changes.map(\.cell) == ["total", "rate"])
        #expect(try await session.value(of: "total") == .number(300))
    }

    /// An editor's edits list no changes, so the session hands the old blocks to the new
    /// evaluation instead of copying them: after a run of such edits every value is still the
    /// one a fresh load computes.
    @Test func editsWithoutAListingGiveAFreshLoadsValues() async throws {
        let session = session()
        var text = model
        for (old, new) in [("input rate = 0.5", "input rate = 0.75"), ("SUM(budget[unit]) * rate", "SUM(budget[unit]) * rate + 1"),
                           ("input rate = 0.75", "input rate = 2")] {
            text = text.replacingOccurrences(of: old, with: new)
            let update = await session.update(text: text, listingChanges: false)
            #expect(update.state.isCurrent)
            #expect(update.edit?.changes.isEmpty == true)
        }
        await session.update(file: "/mem/data/units.csv", text: "enhet;belopp\nA;100\nB;500\n", listingChanges: false)
        let fresh = ModelSession(path: "/mem/model.kalkyl", sources: MemorySources(["/mem/model.kalkyl": text, "/mem/data/units.csv": "enhet;belopp\nA;100\nB;500\n"], fallback: nil))
        for name in ["total", "rate", "budget"] {
            let edited = try #require(await session.blocks(of: [name])?.columns[0])
            let loaded = try #require(await fresh.blocks(of: [name])?.columns[0])
            #expect(edited.isIdentical(to: loaded), "\(name)")
        }
        #expect(try await session.value(of: "total") == .number(1201))
    }

    @Test func aSummaryIsTheBlocksTotalCountsAndEnds() async throws {
        let session = session()
        let summaries = try #require(await session.summaries(of: ["budget", "total", "nope"]))
        let budget = try #require(summaries.summaries[0])
        #expect(budget.count == 2 && budget.total == 400 && budget.numbers == 2 && budget.errors == 0 && budget.failing == 0)
        #expect(budget.first == .number(100) && budget.last == .number(300))
        #expect(summaries.summaries[1]?.total == 200)
        #expect(summaries.summaries[2] == nil, "a name the model does not define")
    }

    @Test func anEditedDataBufferIsRead() async throws {
        let session = session()
        await session.update(file: "/mem/data/units.csv", text: "enhet;belopp\nA;100\nB;500\n")
        #expect(try await session.value(of: "total") == .number(300))
    }

    @Test func textWithErrorsKeepsTheLastGoodValues() async throws {
        let session = session()
        let update = await session.update(text: model + "\nbroken = nope\n")
        #expect(!update.state.isCurrent)
        #expect(update.state.diagnostics.map(\.message) == ["unknown name 'nope'"])
        #expect(try await session.value(of: "total") == .number(200))
        await session.update(text: model)
        #expect(await session.state.isCurrent)
    }

    @Test func whatIfsAndScenariosOneAtATime() async throws {
        let session = session()
        try await session.set(["rate=1"])
        #expect(try await session.value(of: "total") == .number(400))
        try await session.select(scenario: "low")
        #expect(try await session.value(of: "total") == .number(400), "the what-if still wins over the scenario")
        try await session.set([])
        #expect(try await session.value(of: "total") == .number(100))
        let diff = try await session.diff(against: "base")
        #expect(diff.differences.map(\.name) == ["rate", "total"])
        await #expect(throws: SessionError.self) { try await session.select(scenario: "nope") }
        await #expect(throws: SessionError.self) { try await session.set(["nope=1"]) }
    }

    @Test func reportsComeOutOfTheSession() async throws {
        let session = session()
        let report = try #require(await session.evalReport(names: ["total"]))
        #expect(report.json().contains("\"total\": 200"))
        let explained = try await session.explain("total", depth: 1)
        #expect(explained.explanation.precedents.map(\.reads) == ["range", "cell"])
        #expect(await session.check()?.passes == true)
    }

    /// Requests from many tasks at once, as a language server's would come: edits and reads
    /// are served one after the other, and every read sees one whole state, never half an update.
    @Test func requestsFromManyTasksAtOnce() async throws {
        let session = session()
        let rates = (1...40).map { Double($0) / 8 }
        let seen = await withTaskGroup(of: (Value?, Value?)?.self) { group in
            for rate in rates {
                group.addTask {
                    _ = try? await session.set(["rate=\(rate)"])
                    return nil
                }
                group.addTask {   // one request, so one state: rate and total from the same moment
                    guard let report = await session.evalReport(names: ["rate", "total"]) else { return (nil, nil) }
                    guard case .value(let r)? = report.values["rate"], case .value(let t)? = report.values["total"] else { return (nil, nil) }
                    return (r, t)
                }
            }
            var out: [(Value?, Value?)] = []
            for await pair in group { if let pair { out.append(pair) } }
            return out
        }
        #expect(seen.count == rates.count)
        for (rate, total) in seen {
            #expect(total == rate.flatMap(\.number).map { .number(400 * $0) }, "rate \(String(describing: rate)): total \(String(describing: total))")
        }
        let last = try await session.value(of: "rate")
        #expect(try await session.value(of: "total") == .number(400 * (last.number ?? 0)))
    }

    /// A language server's reads: unsaved buffers given when it opens, blocks of the base and
    /// of a scenario side by side (the same bits a fresh evaluation of it gives), and the
    /// checks that fail.
    @Test func buffersScenarioBlocksAndFailingChecks() async throws {
        let buffered = model + "\ncheck enough: total >= 150\n"
        let session = ModelSession(path: "/mem/model.kalkyl", sources: MemorySources(["/mem/data/units.csv": units], fallback: nil),
                                   buffers: ["/mem/model.kalkyl": buffered])
        #expect(await session.failingChecks().isEmpty)
        let base = try #require(await session.blocks(of: ["total", "nope"]))
        #expect(base.columns[0]?.values == [.number(200)])
        #expect(base.columns[1] == nil)
        let low = try #require(await session.blocks(of: ["total"], scenario: "low"))
        #expect(low.columns[0]?.values == [.number(100)])
        #expect(await session.blocks(of: ["total"], scenario: "nope") == nil)
        await session.update(file: "/mem/data/units.csv", text: "enhet;belopp\nA;100\nB;100\n", listingChanges: false)
        #expect(await session.blocks(of: ["total"], scenario: "low")?.columns[0]?.values == [.number(50)], "an edit drops the scenario's old values")
        let failing = await session.failingChecks()
        #expect(failing.map(\.code) == [.checkFails])
        #expect(failing.first?.location?.line == 9)
    }
}
