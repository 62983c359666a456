import Foundation
import Kalkyl

/// The board pack as the board gets it: a PDF of the cover and the report sheets, A4, with page
/// numbers, in the model's language, rendered by LibreOffice headless.
///
/// The workbook is written to a scratch folder with every other sheet hidden (LibreOffice
/// prints no hidden sheet, and the report sheets' formulas and charts still read them), then
/// `soffice --convert-to pdf` renders it with a throwaway profile whose locale is the model's
/// (sv-SE: "jan", "1 234,5"; en-US otherwise). The PDF is renamed into place only when
/// LibreOffice wrote it whole: an existing file at the target is never left half-written.
public enum BoardPackPDF {
    public struct Failure: Error, CustomStringConvertible {
        public enum Kind: Sendable { case notInstalled, failed }
        public var kind: Kind
        public var description: String
    }

    /// What was written.
    public struct Summary: Sendable {
        /// The sheets the PDF shows: the cover and the report sheets.
        public var sheets: [String]
    }

    /// The `soffice` on PATH, or nil when LibreOffice is not installed.
    public static func soffice(path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        for directory in (path ?? "").split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/soffice"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Writes `export`'s board pack to `path` as a PDF. Throws ``Failure`` (`notInstalled`
    /// before anything is written when there is no `soffice`), or the workbook's own errors.
    @discardableResult
    public static func write(_ export: WorkbookExport, to path: String, timeout: TimeInterval = 300) throws -> Summary {
        guard let soffice = soffice() else {
            throw Failure(kind: .notInstalled, description: "LibreOffice is not installed (no soffice on PATH); it renders the PDF: install libreoffice-calc-nogui")
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kalkyl-pdf-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let profile = scratch.appendingPathComponent("profile")
        try FileManager.default.createDirectory(at: profile.appendingPathComponent("user"), withIntermediateDirectories: true)
        let locale = ReportLanguage.of(export.model) == .sv ? "sv-SE" : "en-US"
        try profileSettings(locale: locale).write(to: profile.appendingPathComponent("user/registrymodifications.xcu"), atomically: true, encoding: .utf8)

        // The workbook's name becomes the PDF's: "board-pack.xlsx" gives "board-pack.pdf".
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let workbook = scratch.appendingPathComponent((stem.isEmpty ? "board-pack" : stem) + ".xlsx")
        var printed = export
        printed.options.printedSheetsOnly = true
        let summary = try printed.write(to: workbook.path)

        let run = try run(soffice, ["-env:UserInstallation=\(profile.absoluteString)", "--headless", "--norestore", "--nolockcheck",
                                    "--convert-to", "pdf", "--outdir", scratch.path, workbook.path], timeout: timeout)
        let pdf = workbook.deletingPathExtension().appendingPathExtension("pdf")
        // soffice exits 0 even when it failed: the file itself is the proof.
        guard let data = FileManager.default.contents(atPath: pdf.path), data.starts(with: Array("%PDF".utf8)),
              String(decoding: data.suffix(1024), as: UTF8.self).contains("%%EOF") else {
            let detail = (run.stderr + run.stdout).split(separator: "\n").filter { !$0.contains("javaldx") }.joined(separator: " ")
            throw Failure(kind: .failed, description: "LibreOffice wrote no PDF (exit \(run.status))" + (detail.isEmpty ? "" : ": " + detail))
        }
        try AtomicFile.write(to: path) { temporary in
            guard FileManager.default.createFile(atPath: temporary, contents: data) else {
                throw XLSXError(.file, operation: "could not write \(temporary)", message: "the PDF could not be written")
            }
        }
        return Summary(sheets: summary.printedSheets)
    }

    /// A profile that uses `locale` for month names and numbers, and never asks anything.
    static func profileSettings(locale: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
        <item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>\(locale)</value></prop></item>
        <item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>\(locale)</value></prop></item>
        </oor:items>

        """
    }

    private static func run(_ executable: String, _ arguments: [String], timeout: TimeInterval) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("kalkyl-soffice-\(UUID().uuidString).log")
        // A failure shows as the FileHandle below throwing.
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        // A file, not a pipe: nothing to drain while it runs.
        let handle = try FileHandle(forWritingTo: output)
        defer { try? handle.close() }
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw Failure(kind: .failed, description: "could not start \(executable): \(error.localizedDescription)")
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                process.waitUntilExit()
                throw Failure(kind: .failed, description: "LibreOffice took longer than \(Int(timeout)) s and was stopped")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.waitUntilExit()
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        return (process.terminationStatus, text, "")
    }
}
