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
        // Codes whose digits are grouped otherwise: a postcode, a telephone number, a version.
        for code in ["123 45", "+46 70 123 45 67", "1.2.3", "19850615-1234"] {
            #expect(try load("Ansvar;Timmar\n110;\(code)\n120;\(code)\n").diagnostics.isEmpty, "\(code)")
        }
        let numbers = try load("Ansvar;Timmar\n110;1,250\n120;2,500\n")
        #expect(numbers.diagnostics.isEmpty)
        let e = Evaluation(model: try #require(numbers.model), order: try #require(numbers.order))
        e.evaluateAll()
        #expect(e.value("t") == .number(3.75))
    }
}

/// A column of salaries written with their unit (`35 000 kr`, `35 000:-`) was text to an input
/// without a unit, so its SUM was 0 with exit 0 (red team, session 18, hunt18/t11): it is a
/// column of numbers, each such cell an error whose hint says where the unit goes.
@Suite struct AmountWithUnitColumnTests {
    @Test("Salaries written with their unit are errors, not a text", arguments: ["35 000 kr", "35 000:-", "35 000 SEK", "(1 200) kr"])
    func salariesWithTheirUnitAreErrors(_ cell: String) throws {
        let model = "dimension anst from \"k.csv\" key Anst\ninput lon[anst] = column Lön\nt = SUM(lon[anst])\n"
        let loaded = try ModelLoader.load(path: "/mem/m.kalkyl",
                                          sources: MemorySources(["/mem/m.kalkyl": model, "/mem/k.csv": "Anst;Lön\n1;\(cell)\n2;40 000\n"], fallback: nil))
        #expect(loaded.diagnostics.map(\.code) == [.notANumber])
        #expect(loaded.diagnostics.first?.hint == "write the amount alone: its unit belongs in the model (input lön[anställd]: kr = …)")
    }

    @Test func codesAndWordsStayText() throws {
        #expect(NumberProblem.isAmountWithUnit("35 000 kr"))
        #expect(!NumberProblem.isAmountWithUnit("10B"))
        #expect(!NumberProblem.isAmountWithUnit("Drifttekniker"))
        #expect(!NumberProblem.isAmountWithUnit("12 krukor"))
    }
}
