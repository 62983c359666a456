@testable import Kalkyl
import Testing

/// NEXT LINE (U+0085), LINE SEPARATOR (U+2028), PARAGRAPH SEPARATOR (U+2029) and a carriage
/// return without a line feed are line breaks to some editors and not to others. After a `#`
/// one hid the line an editor shows after it: `x = 1 # note` NEL `check x_is_large: x > 5`
/// checked nothing and eval printed 1 with no word. Now each is an error at the character outside
/// quotes; inside a quoted text (a member's code) it is the text's, escaped wherever printed.
@Suite struct LineBreaksOfSomeEditorsTests {
    func diagnostics(_ text: String) -> [Diagnostic] {
        ModelLoader.load(source: SourceFile(path: "m.kalkyl", text: text)).diagnostics
    }

    @Test("After a comment, the line an editor shows next is not swallowed: an error at the character", arguments: [
        ("\u{85}", "NEXT LINE (U+0085)"),
        ("\u{2028}", "LINE SEPARATOR (U+2028)"),
        ("\u{2029}", "PARAGRAPH SEPARATOR (U+2029)"),
        ("\r", "a carriage return (U+000D) without a line feed after it"),
    ])
    func afterAComment(breakCharacter: String, name: String) throws {
        let found = diagnostics("x = 1 # a note" + breakCharacter + "check x_is_large: x > 5\n")
        #expect(found.count == 1)
        let d = try #require(found.first)
        #expect(d.code == .lineBreakOfSomeEditors)
        #expect(d.message.hasPrefix(name))
        #expect(d.location?.line == 1)
        #expect(d.location?.column == 15)
    }

    @Test("Between tokens and in a label too: the code reads one way in every editor or not at all")
    func elsewhere() {
        #expect(diagnostics("x =\u{85}1\n").map(\.code) == [.lineBreakOfSomeEditors])
        #expect(diagnostics("## Heading\u{2029}x = 1\n").map(\.code) == [.lineBreakOfSomeEditors])
    }

    @Test("Inside quotes it is the text's: a member or a text holding U+2028 still reads")
    func insideQuotes() {
        #expect(diagnostics("x = \"a\u{2028}b\"\n").isEmpty)
        #expect(diagnostics("dimension unit = \"A\u{2028}B\", \"C\u{2029}D\", \"E\u{85}F\"\ninput v[unit] = 1\n").isEmpty)
    }

    @Test("Windows line ends (CR LF) and a non-breaking space stay as they were")
    func crlfStays() {
        #expect(diagnostics("x = 1 # a note\r\ny = x + 1\u{A0}\r\n").isEmpty)
    }
}
