@testable import Kalkyl
import Testing

/// Random scorecards never crash or hang the parser, the checker or the evaluation: a
/// fixed-seed stream of fragments of measures, loaded as models.
@Suite struct MeasureFuzzTests {
    static let fragments = ["measure ", "m", " in ", "Verksamhet", "Ekonomi", " {", "{", "}", "\n", "target ", "partial ",
                            "at least ", "at most ", "above ", "below ", "between ", " and ", "increase", "decrease", "within ",
                            "baseline = ", "outcome = ", "assessment = ", "\"uppnått\"", "\"delvis uppnått\"", "10", "3%", "x",
                            "m.outcome", "Verksamhet.uppnått", ": st", "## L\n", "dimension perspective = Verksamhet, Ekonomi\n",
                            "input x = 1\n", "check c: m = \"uppnått\"\n", "(", ")", "=", "-", "#"]

    @Test func randomScorecardsNeverCrash() {
        var state: UInt64 = 0x9E3779B97F4A7C15
        func next(_ n: Int) -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(n))
        }
        var evaluated = 0
        for _ in 0..<2_000 {
            var text = "dimension perspective = Verksamhet, Ekonomi\n"
            for _ in 0..<(1 + next(30)) { text += Self.fragments[next(Self.fragments.count)] }
            let loaded = ModelLoader.load(source: SourceFile(path: "fuzz.kalkyl", text: text))
            if let model = loaded.model, let order = loaded.order {
                Evaluation(model: model, order: order).evaluateAll()
                evaluated += 1
            } else {
                #expect(loaded.diagnostics.contains { $0.severity == .error })
            }
        }
        #expect(evaluated > 0, "some random models are valid and evaluated")
    }
}
