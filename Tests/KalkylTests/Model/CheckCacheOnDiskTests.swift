import Foundation
@testable import Kalkyl
import Testing

/// What the language server and `watch` keep between checks names each data file without its
/// text (`CheckCache`), and a new save is told from the one read by its text's hash, not by
/// keeping the text, nor by the file's size and time alone.
@Suite struct CheckCacheOnDiskTests {
    static let model = """
    model "Cache"
    timeline monthly 2024-01 .. 2024-03
    dimension employee from "staff.csv" key id
    input salary[employee]: kr = column salary
    total: kr = SUM(salary[employee])

    """
    static let staff = "id;salary\nA1;30000\nB2;40000\n"

    func write(_ text: String, _ path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    func total(_ loaded: LoadedModel) throws -> Value {
        let model = try #require(loaded.model, "\(loaded.diagnostics.map(\.message))")
        let evaluation = Evaluation(model: model, order: try #require(loaded.order))
        evaluation.evaluateAll()
        return evaluation.values(of: try #require(model.slot(named: "total")))[0]
    }

    /// The line the model says salary[B2] was read from, quoted from its file.
    func quotedRow(_ loaded: LoadedModel) throws -> String {
        let model = try #require(loaded.model)
        let origins = try #require(model.definitions[model.slot(named: "salary")!].dataOrigins)
        return origins.file.line(try #require(origins.place(1)).line)
    }

    @Test func theCacheKeepsNoTextAndToldASaveByItsText() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("check-cache-disk-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let modelPath = folder + "/model.kalkyl", staffPath = folder + "/staff.csv"
        try write(Self.model, modelPath)
        try write(Self.staff, staffPath)
        let cache = CheckCache()

        let first = try ModelLoader.load(path: modelPath, cache: cache)
        #expect(try total(first) == .number(70000))
        let kept = try #require(cache.keptTable(staffPath))
        #expect(kept.file.isFileBacked, "the cache keeps no text of the file")

        // Unchanged: the kept table is used, and its places quote the file.
        let again = try ModelLoader.load(path: modelPath, cache: cache)
        #expect(try total(again) == .number(70000))
        #expect(cache.keptTable(staffPath)?.file === kept.file)
        #expect(try quotedRow(again) == "B2;40000")

        // Saved again with the same text: still the kept table, quoted from the new save.
        try write(Self.staff, staffPath)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(2)], ofItemAtPath: staffPath)
        let resaved = try ModelLoader.load(path: modelPath, cache: cache)
        #expect(cache.keptTable(staffPath)?.file === kept.file)
        #expect(try quotedRow(resaved) == "B2;40000")

        // Another text of the same size with the same modification time: read again.
        let time = try #require(try FileManager.default.attributesOfItem(atPath: staffPath)[.modificationDate] as? Date)
        try write(Self.staff.replacingOccurrences(of: "40000", with: "45000"), staffPath)
        try FileManager.default.setAttributes([.modificationDate: time], ofItemAtPath: staffPath)
        let changed = try ModelLoader.load(path: modelPath, cache: cache)
        #expect(try total(changed) == .number(75000))
        #expect(cache.keptTable(staffPath)?.file !== kept.file)
        #expect(try quotedRow(changed) == "B2;45000")
        // What the first check keeps names the file as it was: it says it has changed.
        #expect(try quotedRow(first) == "(the file has changed since it was read)")
    }
}
