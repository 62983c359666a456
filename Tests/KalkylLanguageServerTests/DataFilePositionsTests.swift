import Foundation
import Kalkyl
@testable import KalkylLanguageServer
import Testing

/// A data file's diagnostics published by the language server: their positions come from each
/// place's stretch of the file-backed data file (`FilePositions`), not from its whole text read
/// back once per diagnostic, which made a large file with many bad lines quadratic.
@Suite struct DataFilePositionsTests {
    /// 3,000 employees, every third salary `abc`; names with `å` and an emoji, so that a
    /// position's UTF-16 column differs from its bytes and its characters.
    static let rows = 3_000

    static func staff() -> String {
        "id;name;monthly_salary\n" + (0..<rows).map { i in
            "e\(i);Åsa 😀 \(i);" + (i % 3 == 0 ? "abc" : "\(30_000 + i)") + "\n"
        }.joined()
    }

    static let model = """
        timeline monthly 2021-01 .. 2021-12
        dimension employee from "staff.csv" key id
        input salary[employee]: kr = column monthly_salary
        total: kr = SUM(salary)

        """

    @Test func manyBadLinesArePlacedAsTheWholeTextPlacesThemWithoutReadingTheFileAgain() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kalkyl-lsp-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let staff = Self.staff()
        try Data(staff.utf8).write(to: folder.appendingPathComponent("staff.csv"))
        let modelURI = folder.appendingPathComponent("model.kalkyl").absoluteString
        let staffURI = folder.appendingPathComponent("staff.csv").absoluteString

        let server = LanguageServer()
        _ = await server.handle(["jsonrpc": "2.0", "id": 1, "method": "initialize",
                                 "params": ["rootUri": folder.absoluteString, "capabilities": [:] as JSONObject] as JSONObject])
        _ = await server.handle(["jsonrpc": "2.0", "method": "textDocument/didOpen", "params": ["textDocument": [
            "uri": modelURI, "languageId": "kalkyl", "version": 1, "text": Self.model] as JSONObject] as JSONObject])

        let document = try #require(server.models[modelURI])
        let inStaff = document.diagnostics.filter { $0.location?.file.path.hasSuffix("staff.csv") ?? false }
        #expect(inStaff.count >= 900, "a diagnostic per bad line: \(inStaff.count)")
        let file = try #require(inStaff.first?.location?.file)

        // The places as a LineIndex of the whole text gave them before.
        let whole = LineIndex(text: staff)
        for d in inStaff {
            let range = try #require(d.location?.range)
            for offset in [range.start, range.end] {
                #expect(FilePositions(file: file).position(of: offset) == whole.position(of: offset))
            }
        }

        // Published again: every bad line, where the text has it, and the file read back at most a
        // few times (once per diagnostic before: 1,000 times).
        let readsBefore = file.readsBack
        var out: [JSONObject] = []
        server.publishModel(modelURI, out: &out)
        #expect(file.readsBack - readsBefore <= 2, "read back \(file.readsBack - readsBefore) times")
        let published = out.first { (($0["params"] as? JSONObject)?["uri"] as? String) == staffURI }
        let diagnostics = try #require((published?["params"] as? JSONObject)?["diagnostics"] as? [JSONObject])
        #expect(diagnostics.count == inStaff.count)
        let lines = staff.split(separator: "\n", omittingEmptySubsequences: false)
        for d in diagnostics {
            let range = try #require(d["range"] as? JSONObject)
            let start = try #require(range["start"] as? JSONObject), end = try #require(range["end"] as? JSONObject)
            let line = try #require(start["line"] as? Int)
            let text = lines[line]
            let bad = try #require(text.range(of: ";abc"))
            let column = text[..<bad.lowerBound].utf16.count + 1
            #expect(start["character"] as? Int == column && end["character"] as? Int == column + 3 && end["line"] as? Int == line,
                    "line \(line): \(range)")
        }
    }
}
