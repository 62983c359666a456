import Foundation
import Testing

/// A fixed-seed slice of the differential test (scripts/differential/run.py): random models
/// exported by the real binary, recalculated by LibreOffice, every formula cell compared with
/// the value Kalkyl cached. The long run is `scripts/differential.sh COUNT SEED`
/// (docs/reliability.md). Seeds 1 and 2 are the ones whose differences were triaged first.
@Suite struct DifferentialSliceTests {
    @Test func randomModelsRecalculateToKalkylsValuesInLibreOffice() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("kalkyl-differential-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "scripts/differential/run.py", "16", "1", "--batch", "16",
                             "--kalkyl", KalkylBinary.path, "--work", work.path]
        process.currentDirectoryURL = KalkylBinary.root
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        print(output.split(separator: "\n").prefix(4).joined(separator: "\n"))
        #expect(process.terminationStatus == 0, "\(output)")
        // The slice reaches LibreOffice: every model exported and compared.
        #expect(output.contains("16 exported and recalculated by LibreOffice"), "\(output)")
    }
}
