import Foundation
@testable import Kalkyl
import Testing

/// A column of hours `1,250`, `2,500` in a file whose other column shows decimal points was
/// decided text, each cell being ambiguous there, so an input without a unit summed to 0 with
/// exit 0 (red team, session 18, hunt18/t10). A cell written as a number that cannot be read
/// one way counts as a number when the column's kind is decided: the column is numbers, and
/// each such cell an error.
@Suite struct NumberShapedColumnTests {
    func load(_ csv: String) throws -> LoadedModel {
        let model = "dimension ansvar from \"t.csv\" key Ansvar\ninput h[ansvar] = column Timmar\nt = SUM(h[ansvar])\n"
        return try ModelLoader.load(path: "/mem/m.kalkyl", sources: MemorySources(["/mem/m.kalkyl": model, "/mem/t.csv": csv], fallback: nil))
    }

    @Test func ambiguousNumbersMakeAColumnOfNumbersWithErrors() throws {
        let loaded = try load("Ansvar;Timmar;Kurs\n110;1,250;10.52\n120;2,500;10.61\n130;3,125;10.70\n")
        #expect(loaded.diagnostics.map(\.code) == Array(repeating: .notANumber, count: 3))
        #expect(loaded.diagnostics.first?.message == "'1,250' could be read two ways: ',' groups thousands only next to a decimal point")
        #expect(loaded.model == nil)
    }

    /// Words stay a column of text, and numbers read one way a column of numbers, as before.
    @Test func textAndPlainNumbersReadAsBefore() throws {
        let text = try load("Ansvar;Timmar\n110;heltid\n120;deltid\n")
        #expect(text.diagnostics.isEmpty)
        let numbers = try load("Ansvar;Timmar\n110;1,250\n120;2,500\n")
        #expect(numbers.diagnostics.isEmpty)
        let e = Evaluation(model: try #require(numbers.model), order: try #require(numbers.order))
        e.evaluateAll()
        #expect(e.value("t") == .number(3.75))
    }
}
