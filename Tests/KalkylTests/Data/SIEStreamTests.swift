import Foundation
@testable import Kalkyl
import Testing

/// A SIE file read as it passes (`SIEStream`): for a file that reads cleanly, everything the
/// whole read finds (names, balances, the vouchers' groups with every line's place and amount,
/// the vouchers' places), wherever the pieces are cut, and every line and place of the
/// file-backed text the same as the text's; names with no `#KONTO` or `#OBJEKT` warned of as
/// the whole read warns; any file with something else to report, or whose text would not read
/// back as it was read, is left to the whole read.
@Suite struct SIEStreamTests {
    static let pieceSizes = [4, 7, 64, DiskSources.pieceSize]

    static func bytes(_ encoding: String) -> [UInt8] {
        let sie = SIEFileTests().sie
        switch encoding {
        case "IBM 437": return SIEFileTests().bytes(sie, .ibm437)
        case "Windows-1252": return SIEFileTests().bytes(sie, .windows1252)
        case "UTF-8 with a mark": return [0xEF, 0xBB, 0xBF] + Array(sie.utf8)
        case "CRLF, no last line break": return Array(sie.replacingOccurrences(of: "\n", with: "\r\n").dropLast(1).utf8)
        default: return Array(sie.utf8)
        }
    }

    func withFile<T>(_ bytes: [UInt8], _ body: (String) throws -> T) throws -> T {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sie-stream-\(UUID().uuidString).se").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return try body(path)
    }

    /// What a read found, as comparable text.
    static func summary(_ f: SIEFile) -> [String] {
        var out = ["\(f.encoding)", "\(f.accounts.sorted { $0.key < $1.key })", "\(f.dimensions.sorted { $0.key < $1.key })",
                   "\(f.objects.sorted { $0.key < $1.key }.map { ($0.key, $0.value.sorted { $0.key < $1.key }) })",
                   "\(f.accountOrder.map { "\($0.code)@\($0.range)" })",
                   "\(f.objectOrder.sorted { $0.key < $1.key }.map { ($0.key, $0.value.map { "\($0.code)@\($0.range)" }) })",
                   "\(Array(f.voucherIndex.starts))"]
        out += f.balances.map { "\($0.label) \($0.year) \(String(describing: $0.period)) \($0.account) \($0.objects.map { "\($0.dimension):\($0.code)@\($0.range)" }) \($0.amount) \($0.line) \($0.accountRange) \($0.amountRange) \($0.listRange)" }
        out += f.vouchers.groups.map { g in
            "\(f.vouchers.account(g)) \(f.vouchers.objects(g).map { "\($0.dimension):\($0.code)@\($0.range)" }) \(String(describing: g.month)) \(g.sum) \(Array(g.offsets)) \(g.amounts) \(g.first.line) \(g.first.accountRange) \(g.first.listRange) \(g.firstVoucher)"
        }
        return out
    }

    @Test("A clean file read as it passes is the file read whole",
          arguments: ["UTF-8", "IBM 437", "Windows-1252", "UTF-8 with a mark", "CRLF, no last line break"], pieceSizes)
    func aCleanFileIsReadAsItPasses(encoding: String, pieceSize: Int) throws {
        let bytes = Self.bytes(encoding)
        try withFile(bytes) { path in
            guard case .read(let streamed) = SIEStream.read(path, pieceSize: pieceSize) else {
                Issue.record("\(encoding) was not read as it passes")
                return
            }
            let whole = SIEFile(bytes: bytes, path: path)
            #expect(whole.diagnostics.isEmpty && streamed.diagnostics.isEmpty)
            #expect(streamed.file.isFileBacked && !whole.file.isFileBacked)
            #expect(Self.summary(streamed) == Self.summary(whole))
            #expect(streamed.file.lineCount == whole.file.lineCount)
            for n in 1...whole.file.lineCount { #expect(streamed.file.line(n) == whole.file.line(n), "line \(n)") }
            for offset in whole.vouchers.groups.flatMap(\.offsets) + Array(whole.voucherIndex.starts) {
                #expect(streamed.file.lineAndColumn(of: offset) == whole.file.lineAndColumn(of: offset))
            }
            let heading = SIEVoucherIndex.heading(streamed.file.line(streamed.file.lineAndColumn(of: streamed.voucherIndex.starts[0]).line))
            #expect(heading?.text == #"Faktura 1001 "service" Umeå"#)
        }
    }

    @Test("A file with something to report, or whose text would not read back, is read whole", arguments: [
        ("an unbalanced voucher", Array(SIEFileTests().sie.replacingOccurrences(of: "-20000.00", with: "-19000.00").utf8)),
        ("a lone CR", Array(SIEFileTests().sie.replacingOccurrences(of: "#SIETYP 4\n", with: "#SIETYP 4\r").utf8)),
        ("a NUL", Array(SIEFileTests().sie.replacingOccurrences(of: "#SIETYP 4", with: "#SIETYP 4\0").utf8)),
        ("a mark before IBM 437", [0xEF, 0xBB, 0xBF] + SIEFileTests().bytes(SIEFileTests().sie, .ibm437)),
        ("a voucher given twice, its series written with the Kelvin sign",
         Array((SIEFileTests().sie + "#VER \u{212A} 1 20240101 \"\"\n{\n}\n#VER K 1 20240101 \"\"\n{\n}\n").utf8)),
        ("a '#' and a combining mark", Array((SIEFileTests().sie + "#\u{0301}FOO 1\n").utf8)),
        ("two marks", [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + Array(SIEFileTests().sie.utf8)),
    ])
    func aFileWithAProblemIsReadWhole(name: String, bytes: [UInt8]) throws {
        try withFile(bytes) { path in
            guard case .readWhole = SIEStream.read(path, pieceSize: 7) else {
                Issue.record("\(name) was not left to the whole read")
                return
            }
        }
    }

    /// Names with no `#KONTO` or `#OBJEKT` are warnings only: such a file stays on the stream
    /// (a 26 MB file of objects of their own was read whole, and computed only from ~900,000 KiB
    /// of `ulimit -v`), with the warnings the whole read gives, rendered from the file on disk.
    @Test("A file whose only problems are missing names is read as it passes", arguments: [
        ("an account without #KONTO", SIEFileTests().sie.replacingOccurrences(of: "#TRANS 5010", with: "#TRANS 5020")),
        ("an object without #OBJEKT", SIEFileTests().sie.replacingOccurrences(of: "#OBJEKT 1 \"521020\"", with: "#OBJEKT 1 \"521029\"")),
        ("1,005 accounts without #KONTO", SIEFileTests().sie + (0..<1_005).map { "#VER B \($0) 20240301 \"\"\n{\n#TRANS \(70_000 + $0) {} 1.00\n#TRANS \(80_000 + $0) {} -1.00\n}\n" }.joined()),
    ])
    func aFileWithMissingNamesIsReadAsItPasses(name: String, text: String) throws {
        let bytes = Array(text.utf8)
        try withFile(bytes) { path in
            guard case .read(let streamed) = SIEStream.read(path, pieceSize: 7) else {
                Issue.record("\(name) was not read as it passes")
                return
            }
            let whole = SIEFile(bytes: bytes, path: path)
            #expect(!whole.diagnostics.isEmpty && whole.diagnostics.allSatisfy { $0.code == .sieNameMissing })
            #expect(DiagnosticRenderer.render(streamed.diagnostics) == DiagnosticRenderer.render(whole.diagnostics))
            #expect(Self.summary(streamed) == Self.summary(whole))
        }
    }

    @Test func aFileThatWouldKeepTooMuchIsRefusedAsItIsRead() throws {
        var text = "#KONTO 3010 \"x\"\n#KONTO 1930 \"y\"\n"
        for v in 0..<2_000 { text += "#VER A \(v) 20240115 \"v\"\n{\n#TRANS 3010 {} 1.00\n#TRANS 1930 {} -1.00\n}\n" }
        try withFile(Array(text.utf8)) { path in
            guard case .read(let all) = SIEStream.read(path, pieceSize: 1024) else {
                Issue.record("not read")
                return
            }
            let kept = all.keptBytes(lines: all.file.lineCount)
            #expect(kept > 4_000 * 12)
            guard case .tooMuch(let refusal, _) = SIEStream.read(path, keepLimit: kept / 2, pieceSize: 1024) else {
                Issue.record("not refused")
                return
            }
            #expect(refusal.kept > kept / 2 && refusal.bytesRead < refusal.size && refusal.estimate >= refusal.kept)
        }
    }

    /// A model reading a SIE file from the disk: the statements read it as it passes, and give
    /// the values, the places and the vouchers the whole read of the same file gives.
    @Test func aModelReadsItsSIEFileAsItPasses() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sie-model-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = ["gl.se": SIEInputTests.sie, "ansvar.csv": "Ansvar\n521010\n521020\n", "konto.csv": "Konto\n3110\n5010\n",
                     "model.kalkyl": SIEInputTests.model]
        for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        let loaded = try ModelLoader.load(path: folder.appendingPathComponent("model.kalkyl").path)
        let model = try #require(loaded.model, "\(loaded.diagnostics.map(\.message))")
        let origins = try #require(model.definitions[model.slot(named: "utfall")!].dataOrigins)
        #expect(origins.file.isFileBacked)
        let evaluation = Evaluation(model: model, order: try #require(loaded.order))
        evaluation.evaluateAll()
        let fromMemory = SIEInputTests.load()
        #expect(try SIEInputTests.cells(loaded, "utfall") == SIEInputTests.cells(fromMemory, "utfall"))
        #expect(try SIEInputTests.cells(loaded, "saldo") == SIEInputTests.cells(fromMemory, "saldo"))
        let x = Explainer.explain(try model.cell(named: "utfall[521010, 3110, 2024-01]").get(), in: evaluation)
        guard case .input(let input) = x.root.source, let data = input.data else {
            Issue.record("no data source: \(x.root.source)")
            return
        }
        let whole = try SIEInputTests.explanation(cell: "utfall[521010, 3110, 2024-01]")
        guard case .input(let wholeInput) = whole.root.source, let wholeData = wholeInput.data else {
            Issue.record("no data source: \(whole.root.source)")
            return
        }
        func shown(_ lines: [SIEVoucherLine]) -> [String] { lines.map { "\($0.series) \($0.number) \($0.date) \($0.text) \($0.amount) \($0.line):\($0.column)" } }
        #expect(shown(data.vouchers) == shown(wholeData.vouchers))
        #expect(shown(data.vouchers) == ["A 1 2024-01-15 Faktura 1001 -5000.0 20:26", "A 4 2024-01-31 Faktura 1002 -2500.0 \(SIEInputTests.place(of: "-2500.00").dropFirst("/m/gl.se:".count))"])
    }
}
