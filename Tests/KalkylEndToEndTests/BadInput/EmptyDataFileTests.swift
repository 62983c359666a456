import Foundation
import Testing

/// Every example model whose dimensions are read from data files, with each of its data files
/// emptied or cut to its header line: `check` reports the file and exits 1. Issue 10's fuzzing
/// found `check` trapping (exit 132) when a dimension read from an empty file had no members.
@Suite struct EmptyDataFileTests {
    static let models = ["lansteknik-interim-2021-04", "lansteknik-personnel-2021",
                         "region-operating-accounts-2023", "region-revenue-and-costs-2023"]

    /// A copy of formulas/ in a temporary folder, with `file` in data/ cut to `keep` lines.
    func copyOfExamples(cutting file: String, keep: Int) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kalkyl-empty-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: KalkylBinary.root.appendingPathComponent("formulas"), to: folder)
        let data = folder.appendingPathComponent("data").appendingPathComponent(file)
        let lines = try String(contentsOf: data, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        try lines.prefix(keep).map { $0 + "\n" }.joined().write(to: data, atomically: true, encoding: .utf8)
        return folder
    }

    @Test("An emptied data file is an error naming it", arguments: models, [0, 1])
    func emptiedDataFile(model: String, keep: Int) throws {
        let text = try String(contentsOf: KalkylBinary.root.appendingPathComponent("formulas/\(model).kalkyl"), encoding: .utf8)
        let files = try FileManager.default.contentsOfDirectory(atPath: KalkylBinary.root.appendingPathComponent("formulas/data").path)
            .filter { text.contains("data/\($0)") }
        #expect(!files.isEmpty)
        for file in files {
            let folder = try copyOfExamples(cutting: file, keep: keep)
            defer { try? FileManager.default.removeItem(at: folder) }
            let run = try KalkylBinary.run(["check", folder.appendingPathComponent("\(model).kalkyl").path])
            #expect(!run.crashed, "\(model) with \(file) cut to \(keep) lines crashed: \(run.stderr.prefix(300))")
            #expect(run.status == 1, "\(model) with \(file) cut to \(keep) lines: exit \(run.status)")
            #expect(run.stderr.contains(file), "\(model): the error names \(file): \(run.stderr.prefix(300))")
        }
    }
}
