import Foundation
@testable import Kalkyl
import Testing

/// `kalkyl fmt`'s layout: spacing, indentation, alignment, and what it must never change.
@Suite struct ModelFormatterTests {
    func format(_ text: String) throws -> String {
        switch ModelFormatter.format(text: text, path: "test.kalkyl") {
        case .success(let s): return s
        case .failure(let e): throw e
        }
    }

    /// The tokens of a text with their spelling, comments included: what formatting may not change.
    func words(_ text: String) -> [String] {
        let file = SourceFile(path: "t", text: text)
        let (tokens, _) = Lexer.tokenize(file)
        let bytes = Array(text.utf8)
        var out = tokens.filter { $0.kind != .newline && $0.kind != .end }
            .map { String(decoding: bytes[$0.range.start..<$0.range.end], as: UTF8.self).trimmingTrailingSpaces() }
        out += text.split(separator: "\n").compactMap { line in
            LayoutTestSupport.comment(in: String(line))
        }
        return out
    }

    @Test func spacingAroundOperatorsCommasAndBrackets() throws {
        let source = """
        model "m"
        timeline monthly 2021-01..2021-12
        input a:kr=1_000
        input r = 41.5 %

        input h[month]=0
        input h[2021-04..]=2

        x[month]=IF(a>0,-a*(1+r),PREV( x , a ))+h[month - 1]
        y=SUM(x[2021-01..2021-04])+ -a

        """
        let out = try format(source)
        #expect(out.contains("x[month] = IF(a > 0, -a * (1 + r), PREV(x, a)) + h[month-1]"))
        #expect(out.contains("timeline monthly 2021-01 .. 2021-12"))
        #expect(out.contains("input a: kr = 1_000\ninput r     = 41.5%\n"))
        #expect(out.contains("input h[month]      = 0\ninput h[2021-04 ..] = 2\n"))
        #expect(out.contains("y        = SUM(x[2021-01 .. 2021-04]) + -a\n"))
        #expect(try format(out) == out)
    }

    @Test func alignsTheEqualsOfARunOfDefinitionsOnly() throws {
        let source = """
        model "m"
        input employees_start = 137
        input avg_salary: kr = 41_500

        ## Label breaks the run
        input x = 1
        # a comment breaks it too
        input longer_name = 2
        check ok: x = 1

        """
        let out = try format(source)
        #expect(out.contains("input employees_start = 137\ninput avg_salary: kr  = 41_500\n"))
        #expect(out.contains("## Label breaks the run\ninput x = 1\n# a comment breaks it too\ninput longer_name = 2\ncheck ok: x = 1\n"))
        #expect(try format(out) == out)
    }

    @Test func blocksAreIndentedAndContinuationsIndentedFurther() throws {
        let source = """
        model "m"
        timeline monthly 2021-01 .. 2021-12
        dimension unit = A,
              B, C
        input hires[month] = 0
        input rate = 1
        scenario s "S" {
        hires[2021-04 ..] = 0
              rate = 2
        }
        y = SUM(
        hires)

        """
        let out = try format(source)
        #expect(out.contains("dimension unit = A,\n    B, C\n"))
        #expect(out.contains("scenario s \"S\" {\n  hires[2021-04 ..] = 0\n  rate              = 2\n}\n"))
        #expect(out.contains("y = SUM(\n    hires)\n"))
        #expect(try format(out) == out)
    }

    @Test func trailingCommentsAlignInRunsAtTheAuthorsColumn() throws {
        let source = """
        model "m"   # the name
        input a = 1        # one
        input bb = 22   # two
                        # still two
        # on its own

        input c = 3 # three
        """
        // One run of trailing comments (with the line hanging under it): two spaces after the longest
        // code, since the author's leftmost column (after `model "m"`) is further left than that.
        let expected = """
        model "m"      # the name
        input a  = 1   # one
        input bb = 22  # two
                       # still two
        # on its own

        input c = 3  # three

        """
        let out = try format(source)
        #expect(out == expected)
        #expect(try format(out) == out)
        // Where the code fits, the author's column stays.
        let wide = "input a = 1          # one\ninput b = 2          # two\n"
        #expect(try format(wide) == wide)
    }

    @Test func refusesAFileWithSyntaxErrors() {
        guard case .failure(let error) = ModelFormatter.format(text: "x = (1 +\n", path: "bad.kalkyl") else {
            Issue.record("a broken file was formatted")
            return
        }
        #expect(!error.diagnostics.isEmpty)
    }

    /// Widths are counted in characters: a member with an emoji, or a text with an `å` written
    /// as `a` and a combining ring (as a Mac's file names and some pasted text hold it), is two
    /// UTF-16 units but one character, and padding by UTF-16 units cut such a line in half.
    @Test func charactersOfTwoUTF16UnitsAreNeverCut() throws {
        let nfd = "a\u{030A}"   // å, decomposed
        let source = """
        model "E"
        dimension unit = "Vård 🏥🏥", "L\(nfd)b"
        input rent[unit] = 1
        input rent["Vård 🏥🏥"] = 5
        input x = 1
        input rent["L\(nfd)b"] = 2
        label = "🏥🏥🏥🏥" # a comment
        y = 2          # another

        """
        let out = try format(source)
        #expect(words(out) == words(source))
        #expect(out.contains("input rent[\"Vård 🏥🏥\"] = 5\n"), "\(out)")
        #expect(out.contains("input x               = 1\n"), "\(out)")
        #expect(out.contains("input rent[\"L\(nfd)b\"]     = 2\n"), "\(out)")
        #expect(out.contains("label                 = \"🏥🏥🏥🏥\"  # a comment\ny                     = 2       # another\n"), "\(out)")
        #expect(try format(out) == out)
    }

    @Test("Every example model: formatting keeps every token and comment, and is idempotent",
          arguments: ExampleModelTests.models)
    func exampleModel(name: String) throws {
        let path = ExampleModelTests.root.appendingPathComponent("formulas").appendingPathComponent(name).path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let once = try format(text)
        #expect(words(once) == words(text), "formatting changed a token or comment of \(name)")
        #expect(try format(once) == once, "formatting \(name) twice differs from once")
        // Line structure is the author's: the same number of lines, blank where blank.
        let before = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces).isEmpty }
        let after = once.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces).isEmpty }
        #expect(Array(before.reversed().drop(while: { $0 }).reversed()) == Array(after.reversed().drop(while: { $0 }).reversed()))
    }
}

enum LayoutTestSupport {
    /// The comment of a line as the lexer sees it: from a `#` outside texts that is no error literal or label.
    static func comment(in line: String) -> String? {
        let file = SourceFile(path: "t", text: line)
        let (tokens, _) = Lexer.tokenize(file)
        let end = tokens.filter { $0.kind != .newline && $0.kind != .end }.last?.range.end ?? 0
        let rest = String(decoding: Array(line.utf8)[end...], as: UTF8.self)
        guard let hash = rest.firstIndex(of: "#") else { return nil }
        return String(rest[hash...]).trimmingTrailingSpaces()
    }
}

@Suite struct ModelFormatterArrayTests {
    @Test func arraysAreWrittenAsExcelWritesThem() throws {
        let source = "model \"A\"\nx = SUM( { 1 , 2 ; 3 , -4.5E+1 } , {\"a\" ; TRUE} )\n"
        guard case .success(let out) = ModelFormatter.format(text: source, path: "test.kalkyl") else {
            Issue.record("did not format")
            return
        }
        #expect(out == "model \"A\"\nx = SUM({1,2;3,-4.5E+1}, {\"a\";TRUE})\n")
    }
}
