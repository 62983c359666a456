@testable import Kalkyl
import Testing

/// The language a model's outputs speak: `language sv|en` when the model says, else detected
/// from the words its readers see; and the mistakes in saying it, at their place.
@Suite struct ReportLanguageTests {
    func language(_ text: String) throws -> ReportLanguage {
        let loaded = ModelLoader.load(source: SourceFile(path: "test.kalkyl", text: text))
        let model = try #require(loaded.model, "\(DiagnosticRenderer.render(loaded.diagnostics))")
        return ReportLanguage.of(model)
    }

    @Test func aDeclaredLanguageWinsOverTheWords() throws {
        #expect(try language("model \"Kalkyl\"\nlanguage sv\ninput x = 1\n") == .sv, "no å, ä or ö, yet Swedish")
        #expect(try language("model \"Västerås hospital\"\nlanguage en\ninput x = 1\n") == .en, "a Swedish place name, yet English")
    }

    @Test func withoutADeclarationTheWordsDecide() throws {
        #expect(try language("model \"Northfield\"\n## Staff\ninput x = 1\n") == .en)
        #expect(try language("model \"Northfield\"\n## Lön\ninput x = 1\n") == .sv, "a label")
        #expect(try language("model \"Northfield\"\ninput x = 1\nscenario s \"Anställningsstopp\" {\n  x = 2\n}\n") == .sv, "a scenario's label")
        #expect(try language("model \"Northfield\"\ndimension unit = Nätverk, Support\ninput x[unit] = 1\n") == .sv, "a member")
    }

    @Test func aSwedishLetterIsFoundComposedOrDecomposedAndPlainASCIIIsNot() {
        #expect(ReportLanguage.isSwedish("Sjuksköterska"))
        #expect(ReportLanguage.isSwedish("Va\u{030A}rd"), "a decomposed å: a and the combining ring above")
        #expect(ReportLanguage.isSwedish("ÖVRIGT"))
        #expect(!ReportLanguage.isSwedish("E000123"))
        #expect(!ReportLanguage.isSwedish("Café"), "é is not a Swedish letter")
        #expect(!ReportLanguage.isSwedish(""))
    }

    @Test func aLanguageItDoesNotKnowOrGivenTwiceIsAnError() {
        expectDiagnostics("language 1️⃣fr\ninput x = 1\n", [("1️⃣", "unknown language 'fr'")])
        expectDiagnostics("language sv\n1️⃣language en\ninput x = 1\n", [("1️⃣", "the model's language is given twice")])
    }

    @Test func aNameCalledLanguageIsStillADefinition() throws {
        let e = try evaluate("input language = 2\ny = language * 3\n")
        #expect(e.numbers("y") == [6])
    }
}
