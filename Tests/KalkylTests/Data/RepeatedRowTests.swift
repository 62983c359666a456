import Foundation
@testable import Kalkyl
import Testing

/// A ledger's rows pasted twice, identical in every column with their voucher numbers, were
/// summed twice under `sum` with exit 0 (issue 10, hunt16/t23): now each is warned about,
/// naming both lines, read whole or as the file passes.
@Suite struct RepeatedRowTests {
    static let model = """
        timeline monthly 2024-01 .. 2024-12
        dimension ansvar = "110", "120"
        input utfall[ansvar, month]: kr = data "gl.csv" long key Ansvar period Period amount Belopp sum missing 0
        """

    /// hunt16/t23's ledger: lines 26–29 repeat lines 22–25 (vouchers A21–A24 of June).
    static let ledger: String = {
        var rows = ["Ansvar;Period;Verifikation;Text;Belopp"]
        var n = 0
        for month in 1...6 {
            for ansvar in ["110", "110", "120", "120"] {
                n += 1
                rows.append("\(ansvar);2024\(String(format: "%02d", month));A\(n);Faktura \(n);1 000,00")
            }
        }
        rows += Array(rows[21...24])
        return rows.joined(separator: "\n") + "\n"
    }()

    func loadInMemory(_ csv: String, model: String = model) throws -> LoadedModel {
        try ModelLoader.load(path: "/mem/m.kalkyl", sources: MemorySources(["/mem/m.kalkyl": model + "\n", "/mem/gl.csv": csv], fallback: nil))
    }

    /// From disk, where a file only `long` statements read is read as it passes.
    func loadFromDisk(_ csv: String, model: String = model) throws -> LoadedModel {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kalkyl-repeated-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try csv.write(to: folder.appendingPathComponent("gl.csv"), atomically: true, encoding: .utf8)
        let path = folder.appendingPathComponent("m.kalkyl").path
        try (model + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return try ModelLoader.load(path: path)
    }

    func shown(_ loaded: LoadedModel) -> [String] {
        loaded.diagnostics.map { d in
            let text = DiagnosticRenderer.render(d)
            let first = String(text.prefix { $0 != "\n" })
            return String(first[first.range(of: "gl.csv")!.lowerBound...])
        }
    }

    static let expected = (0..<4).map {
        "gl.csv:\(26 + $0):27: warning: this row is the same as line \(22 + $0) in every column, so its amount is added twice "
            + "(4 rows of the file repeat an earlier one)"
    }

    @Test func rowsPastedTwiceAreWarnedAboutReadWhole() throws {
        let loaded = try loadInMemory(Self.ledger)
        #expect(shown(loaded) == Self.expected)
        #expect(loaded.diagnostics.allSatisfy { $0.severity == .warning && $0.code == .repeatedRow })
        #expect(loaded.diagnostics.first?.notes.first.map { $0.location?.line } == 22)
        #expect(loaded.diagnostics.first?.hint == "delete the repeated rows (an export pasted twice?): a ledger holds each voucher line once")
        #expect(loaded.model != nil, "a warning: the values are read as before")
    }

    @Test func rowsPastedTwiceAreWarnedAboutReadAsTheFilePasses() throws {
        let loaded = try loadFromDisk(Self.ledger)
        #expect(shown(loaded) == Self.expected)
    }

    /// Rows that differ in one column (the voucher) are two lines of the ledger, summed without a word.
    @Test func rowsThatDifferInOneColumnAreNotRepeats() throws {
        let ledger = "Ansvar;Period;Verifikation;Belopp\n110;202401;A1;1 000,00\n110;202401;A2;1 000,00\n120;202401;A3;5\n"
        #expect(try loadInMemory(ledger).diagnostics.isEmpty)
        #expect(try loadFromDisk(ledger).diagnostics.isEmpty)
    }

    /// A thousand are listed, the rest counted in one more naming the last line.
    @Test func repeatsAreCapped() throws {
        let rows = (0..<1_005).map { "110;202401;A\($0);1" }
        let ledger = "Ansvar;Period;Verifikation;Belopp\n" + (rows + rows).joined(separator: "\n") + "\n"
        for loaded in [try loadInMemory(ledger), try loadFromDisk(ledger)] {
            let warnings = loaded.diagnostics.filter { $0.code == .repeatedRow }
            #expect(warnings.count == 1_001)
            #expect(warnings.last?.message.contains("(and 4 more warnings like it after it, the last on line 2011") == true, "\(warnings.last?.message ?? "")")
            #expect(warnings.first?.message.contains("(1,005 rows of the file repeat an earlier one)") == true || warnings.first?.message.contains("1 005 rows") == true,
                    "\(warnings.first?.message ?? "")")
        }
    }

    /// What the stream keeps counts each summed row's hash: twelve bytes more a row than its place
    /// (the hash's eight and its array's spare room; 8 were counted, 11 measured).
    @Test func theStreamCountsTheHashesItKeeps() {
        var plain = LongStream.Kept(), hashed = LongStream.Kept()
        plain.addSummed(first: true, at: 10)
        hashed.addSummed(first: true, at: 10, hashed: true)
        for k in 0..<100 {
            plain.addSummed(first: false, at: 20 + k)
            hashed.addSummed(first: false, at: 20 + k, hashed: true)
        }
        #expect(hashed.bytes - plain.bytes == 56 + 102 * 12)
    }
}
