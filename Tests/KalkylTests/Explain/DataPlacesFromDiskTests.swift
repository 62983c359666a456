import Foundation
@testable import Kalkyl
import Testing

/// Once a model is checked, its data files' texts are dropped (`DataTextsDropped`): explain
/// names a data cell, and the rows summed into it, from the file on disk, and a diagnostic in
/// a data file quotes its line from there, exactly as from the text in memory.
@Suite struct DataPlacesFromDiskTests {
    static let accounts = (0..<20).map { 4010 + 10 * $0 }

    /// A Windows-1252 ledger with CRLF line ends, 20 accounts × 12 months × 25 rows (6,001
    /// lines), a text column with letters past ASCII; `bad` replaces one row's amount.
    static func ledger(bad: (row: Int, amount: String)? = nil) -> (rows: [String], bytes: [UInt8]) {
        var rows: [String] = []
        for round in 0..<25 {
            for month in 1...12 {
                for account in accounts {
                    let amount = bad.map { rows.count == $0.row ? $0.amount : nil } ?? nil
                    rows.append("\(account);2024-\(month < 10 ? "0" : "")\(month);Lön Åsa Öberg \(round);\(amount ?? "\(account % 97 + round),25")")
                }
            }
        }
        return (rows, text(rows).unicodeScalars.map { UInt8($0.value) })
    }

    static func text(_ rows: [String]) -> String {
        (["konto;period;text;belopp"] + rows).joined(separator: "\r\n") + "\r\n"
    }

    static let model = """
    model "Stor huvudbok"
    timeline monthly 2024-01 .. 2024-12
    dimension konto from "konton.csv" key konto
    input utfall[konto, month]: kr = data "ledger.csv" long key konto period period amount belopp sum missing 0
    total[month]: kr = SUM(utfall[konto])
    """

    static func folder(bad: (row: Int, amount: String)? = nil) throws -> (path: String, rows: [String]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("places-from-disk-\(getpid())-\(bad == nil ? 0 : 1)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let (rows, bytes) = ledger(bad: bad)
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/ledger.csv"))
        try Data((["konto"] + accounts.map(String.init)).joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: folder + "/konton.csv"))
        try Data(model.utf8).write(to: URL(fileURLWithPath: folder + "/m.kalkyl"))
        return (folder, rows)
    }

    func dataCell(_ e: Evaluation, _ cell: String) throws -> DataCellSource {
        let explanation = Explainer.explain(try e.model.cell(named: cell).get(), in: e)
        guard case .input(let input) = explanation.root.source else { throw CancellationError() }
        return try #require(input.data)
    }

    @Test func explainNamesASummedCellsRowsFromTheFile() throws {
        let (folder, rows) = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let loaded = try ModelLoader.load(path: folder + "/m.kalkyl")
        let model = try #require(loaded.model, "\(DiagnosticRenderer.render(loaded.diagnostics))")
        let origins = try #require(model.definitions[model.slot(named: "utfall")!].dataOrigins)
        #expect(origins.file.isFileBacked, "the checked model keeps no text of the ledger")
        let e = Evaluation(model: model, order: try #require(loaded.order))
        e.evaluateAll()

        // The lines the generator wrote account 4130's June rows on, and where their amount starts.
        let wanted = rows.indices.filter { rows[$0].hasPrefix("4130;2024-06;") }.map { $0 + 2 }
        let cell = try dataCell(e, "utfall[4130, 2024-06]")
        #expect(wanted.count == 25 && cell.summed.map(\.line) == wanted)
        let amountColumn = { (line: Int) in rows[line - 2].split(separator: ";").dropLast().joined(separator: ";").count + 2 }
        #expect((cell.line, cell.column) == (wanted[0], amountColumn(wanted[0])))
        #expect(cell.summed.allSatisfy { $0.column == amountColumn($0.line) })
        // The row quoted from the file, in its own encoding, without its CR LF.
        #expect(origins.file.line(wanted[24]) == rows[wanted[24] - 2])

        // The same places as from the text in memory (an editor's buffers are never dropped).
        var files: [String: String] = [:]
        for name in ["m.kalkyl", "konton.csv"] { files[folder + "/" + name] = try String(contentsOfFile: folder + "/" + name, encoding: .utf8) }
        files[folder + "/ledger.csv"] = Self.text(rows)
        let memory = ModelLoader.load(source: SourceFile(path: folder + "/m.kalkyl", text: Self.model), sources: MemorySources(files, fallback: nil))
        let inMemory = try #require(memory.model)
        #expect(!(inMemory.definitions[inMemory.slot(named: "utfall")!].dataOrigins?.file.isFileBacked ?? true))
        let m = Evaluation(model: inMemory, order: try #require(memory.order))
        m.evaluateAll()
        for month in ["2024-01", "2024-06", "2024-12"] {
            for account in [4010, 4130, 4200] {
                let a = try dataCell(e, "utfall[\(account), \(month)]"), b = try dataCell(m, "utfall[\(account), \(month)]")
                #expect(a.line == b.line && a.column == b.column && a.summed.map(\.line) == b.summed.map(\.line)
                        && a.summed.map(\.column) == b.summed.map(\.column), "\(account) \(month)")
            }
        }
    }

    @Test func aDiagnosticInADataFileQuotesItsLineFromTheFile() throws {
        let (folder, rows) = try Self.folder(bad: (row: 4321, amount: "12,x5"))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let loaded = try ModelLoader.load(path: folder + "/m.kalkyl")
        let d = try #require(loaded.diagnostics.first { $0.location?.file.path.hasSuffix("ledger.csv") ?? false })
        #expect(d.location?.file.isFileBacked == true)
        let rendered = DiagnosticRenderer.render(d)
        #expect(rendered.contains("ledger.csv:4323:"), "\(rendered)")
        #expect(rendered.contains("\n" + rows[4321] + "\n"), "\(rendered)")
        // Its stretch is kept: it prints the same when the file is gone before it is shown.
        try FileManager.default.removeItem(atPath: folder + "/ledger.csv")
        #expect(DiagnosticRenderer.render(d) == rendered)
    }
}
