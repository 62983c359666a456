import Foundation
import Testing

/// libxlsxwriter is opened by the commands that write a workbook, not loaded at every start
/// (Sources/CXlsxWriter/XLSXWriterLoader.c); when it cannot be opened, `export` says so.
/// The loader's own record of what it maps (`LD_DEBUG=files`) shows what each command loads.
@Suite struct XLSXWriterLoadingTests {
    static let model = "formulas/lansteknik-personnel-2021.kalkyl"

    func output() throws -> (folder: URL, path: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kalkyl-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (folder, folder.appendingPathComponent("out.xlsx").path)
    }

    #if os(Linux)
    @Test(arguments: [["check", model], ["eval", model], ["explain", model, "personnel_cost_year", "--depth", "0"]])
    func aCommandWritingNoWorkbookLoadsNeitherLibxlsxwriterNorLibcrypto(_ arguments: [String]) throws {
        let run = try KalkylBinary.run(arguments, environment: ["LD_DEBUG": "files"])
        #expect(run.status == 0, "\(run.stderr.suffix(2000))")
        #expect(run.stderr.contains("libc.so.6"), "the loader's record is there: \(run.stderr.prefix(2000))")
        #expect(!run.stderr.contains("libxlsxwriter"))
        #expect(!run.stderr.contains("libcrypto"))
    }

    @Test func exportLoadsLibxlsxwriterAndWritesTheWorkbook() throws {
        let (folder, out) = try output()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try KalkylBinary.run(["export", Self.model, "-o", out], environment: ["LD_DEBUG": "files"])
        #expect(run.status == 0, "\(run.stderr.suffix(2000))")
        #expect(run.stderr.contains("file=libxlsxwriter.so"), "\(run.stderr.prefix(2000))")
        #expect(run.stdout.hasPrefix("wrote \(out): "), "\(run.stdout)")
        #expect(FileManager.default.fileExists(atPath: out))
    }
    #endif

    @Test func exportWithoutTheLibraryIsExit3NamingWhatToInstall() throws {
        let (folder, out) = try output()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("libxlsxwriter-missing.so").path
        let run = try KalkylBinary.run(["export", Self.model, "-o", out], environment: ["KALKYL_XLSXWRITER": missing])
        #expect(run.status == 3, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("kalkyl export: error: could not write \(out): create workbook "), "\(run.stderr)")
        #expect(run.stderr.contains(" could not be loaded (\(missing): "), "\(run.stderr)")
        #expect(run.stderr.contains("writing a workbook needs it (Debian and Ubuntu: apt install libxlsxwriter"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "nothing is written")
    }
}
