@testable import Kalkyl
import Testing

/// A file is one encoding (issue 10). A data file that mixes Windows-1252 and UTF-8, in either
/// order, or a model or layout file that is not UTF-8, is an error at the first character that
/// breaks the encoding, never a file read with some letters wrong.
@Suite struct DataEncodingTests {
    /// A Windows-1252 line, then a UTF-8 line: before, read as Windows-1252 with exit 0 and
    /// "SjukskÃ¶terska" as a member's title.
    @Test func windows1252ThenUTF8() {
        let bytes = Array("id;titel\nE1;L".utf8) + [0xE4] + Array("kare\nE2;Sjuksk".utf8) + [0xC3, 0xB6] + Array("terska\n".utf8)
        let table = DataTable.parse(bytes: bytes, path: "staff.csv")
        #expect(table.format.encoding == .windows1252)
        expectDataDiagnostics(table.diagnostics, [
            (at: "3:10", text: "Ã¶", message: "the file mixes Windows-1252 and UTF-8: 0xC3 0xB6 is 'ö' in UTF-8, but earlier letters are Windows-1252"),
        ])
    }

    /// A UTF-8 line, then a Windows-1252 line (the case docs/data-files.md has always named).
    @Test func utf8ThenWindows1252() {
        let bytes = Array("id;titel\nE1;Sjuksköterska\nE2;L".utf8) + [0xE4] + Array("kare\n".utf8)
        let table = DataTable.parse(bytes: bytes, path: "staff.csv")
        expectDataDiagnostics(table.diagnostics, [
            (at: "3:5", text: "ä", message: "the file mixes UTF-8 and Windows-1252: byte 0xE4 is not UTF-8, but earlier letters are"),
        ])
    }

    /// Windows-1252 throughout, and UTF-8 throughout, are read without a word.
    @Test func oneEncodingIsFine() {
        let cp1252 = DataTable.parse(bytes: Array("id;titel\nE1;L".utf8) + [0xE4] + Array("kare\nE2;".utf8) + [0xD6, 0x76, 0x72, 0x69, 0x67, 0x0A], path: "a.csv")
        #expect(cp1252.diagnostics.isEmpty)
        #expect(cp1252.format.encoding == .windows1252)
        let utf8 = DataTable.parse(bytes: Array("id;titel\nE1;Läkare\nE2;Övrig\n".utf8), path: "b.csv")
        #expect(utf8.diagnostics.isEmpty)
    }

    /// Bytes a test hands the loader, as a file on disk would.
    struct ByteSources: SourceProvider {
        let files: [String: [UInt8]]
        func contents(of path: String) throws(SourceReadError) -> [UInt8] {
            guard let bytes = files[path] else { throw .notFound }
            return bytes
        }
    }

    /// A model with a UTF-8 line and a Windows-1252 line: the byte that is not UTF-8, where it stands.
    @Test func aModelThatMixesEncodings() throws {
        let bytes = Array("input lön = 1\ninput v".utf8) + [0xE4] + Array("rde = 2\n".utf8)
        let loaded = try ModelLoader.load(path: "m.kalkyl", sources: ByteSources(files: ["m.kalkyl": bytes]))
        #expect(loaded.model == nil)
        let d = try #require(loaded.diagnostics.first)
        #expect(loaded.diagnostics.count == 1)
        #expect(d.message == "this file is not UTF-8 text (byte 0xE4): it mixes UTF-8 and Windows-1252")
        #expect(d.location.map { "\($0.line):\($0.column)" } == "2:8")
    }

    /// A data file the model reads that mixes encodings stops the check, naming the file.
    @Test func aModelsDataFileThatMixesEncodings() throws {
        let model = "dimension employee from \"staff.csv\" key id\ninput titel[employee] = column titel\n"
        let staff = Array("id;titel\nE1;L".utf8) + [0xE4] + Array("kare\nE2;Sjuksk".utf8) + [0xC3, 0xB6] + Array("terska\n".utf8)
        let loaded = try ModelLoader.load(path: "/t/m.kalkyl", sources: ByteSources(files: ["/t/m.kalkyl": Array(model.utf8), "/t/staff.csv": staff]))
        #expect(loaded.hasErrors)
        #expect(loaded.diagnostics.contains { $0.message.contains("mixes Windows-1252 and UTF-8") && $0.location?.file.path == "/t/staff.csv" },
                "\(loaded.diagnostics.map(\.message))")
    }
}
