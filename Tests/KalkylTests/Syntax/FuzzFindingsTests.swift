@testable import Kalkyl
import Testing

/// What the coverage-guided fuzz harnesses (scripts/fuzz.sh) found, each as the smallest model
/// that shows it; the inputs libFuzzer wrote are in Fuzz/corpus, which FuzzCorpusTests replays.
@Suite struct FuzzFindingsTests {
    /// A series aggregated in a model without a timeline trapped in the checker (an empty
    /// range 0...-1): the eval and check harnesses found it within seconds, in an example model
    /// whose model and timeline lines a mutation had cut. Now the series' own error is the
    /// only one, as for a series read without aggregating.
    @Test(arguments: ["y = SUM(x)", "y = COUNT(x)", "z[d] = SUM(x)", "check q: SUM(x) = 1"])
    func aSeriesAggregatedWithoutATimelineIsAnError(_ line: String) {
        let loaded = ModelLoader.load(source: SourceFile(path: "fuzz.kalkyl", text: "model \"m\"\ndimension d = A\ninput x[month] = 1\n\(line)\n"))
        #expect(loaded.hasErrors)
        #expect(loaded.diagnostics.map(\.message).contains("'x' is a series, but the model has no timeline"))
    }
}
