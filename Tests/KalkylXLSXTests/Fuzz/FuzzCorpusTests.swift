import Foundation
import Testing

/// CI's fuzz slice: every seed of each harness (the examples scripts/fuzz.sh starts from) and every
/// input of the committed corpus (Fuzz/corpus/TARGET: inputs of the long runs that reached code
/// the examples do not, and every input that once crashed or hung) through the same
/// harness the libFuzzer binary runs (FuzzHarness.swift), in-process, without the sanitizers.
/// An input that traps fails the whole test run, as it should. `scripts/fuzz.sh TARGET SECONDS`
/// goes on fuzzing from these.
@Suite struct FuzzCorpusTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The target's seeds, as scripts/fuzz.sh takes them from the examples, then its committed corpus.
    static func inputs(_ target: FuzzTarget) -> [URL] {
        func files(_ folder: String, _ suffix: String = "") -> [URL] {
            let url = root.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            return names.filter { $0.hasSuffix(suffix) }.sorted().map { url.appendingPathComponent($0) }
        }
        let seeds: [URL]
        switch target {
        case .parser: seeds = files("formulas", ".kalkyl") + files("workbooks", ".layout")
        case .check, .eval, .export: seeds = files("formulas", ".kalkyl")
        case .csv: seeds = files("formulas/data", ".csv")
        case .stream, .siestream: seeds = []   // a byte that picks the model, then a data file: the committed corpus
        case .sie: seeds = files("formulas/data", ".se")
        case .layout: seeds = files("workbooks", ".layout")
        }
        return seeds + files("\(FuzzTarget.corpusFolder)/\(target.rawValue)")
    }

    @Test(arguments: FuzzTarget.allCases)
    func theCommittedCorpusRunsCleanly(_ target: FuzzTarget) throws {
        let inputs = Self.inputs(target)
        #expect(!inputs.isEmpty, "no seeds for \(target.rawValue)")
        let context = FuzzContext(target: target, root: Self.root.path)
        let clock = ContinuousClock()
        for input in inputs {
            let bytes = try [UInt8](Data(contentsOf: input))
            let started = clock.now
            context.run(bytes)
            // libFuzzer's run stops at 10 s for one input; the debug build is slower, so 60 s.
            #expect(clock.now - started < .seconds(60), "\(input.lastPathComponent) took \(clock.now - started)")
        }
        print("FuzzCorpusTests: \(target.rawValue): \(inputs.count) inputs")
    }
}
