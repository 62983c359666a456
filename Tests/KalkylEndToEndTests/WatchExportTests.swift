import Foundation
import Testing

/// `kalkyl watch --export OUT.xlsx`: the board pack is written at the start and again after
/// every good save, never half-written (a reader polling it all along only ever finds a whole
/// workbook), and left as it was while the model has errors.
@Suite struct WatchExportTests {
    let model = """
    model "Uppföljning"
    timeline monthly 2024-01 .. 2024-03
    ## Lön
    input salary: kr/persons = 40_000
    input staff[month]: persons = 10
    ## Kostnad
    cost[month]: kr = staff * salary
    ## Summa
    total: kr = SUM(cost)

    """
    let layout = """
    title "Månadsrapport"
    sheet "Resultat"
    columns "Helår" = year
    row cost "Kostnad"

    """

    /// Whether the bytes are a whole zip: they start with a local header and end with the
    /// end-of-central-directory record (no comment).
    static func isWholeZip(_ data: Data) -> Bool {
        let bytes = [UInt8](data)
        guard bytes.count >= 22, bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) else { return false }
        return Array(bytes[(bytes.count - 22)..<(bytes.count - 18)]) == [0x50, 0x4B, 0x05, 0x06]
    }

    /// The cached value text of the report's figure, read from the sheet's XML.
    static func sheetXML(_ path: String, _ entry: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = ["-p", path, entry]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func theBoardPackIsWrittenAgainOnEveryGoodSave() throws {
        let path = try KalkylBinary.temporaryModel(model)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let layoutPath = folder.appendingPathComponent("m.layout").path
        try layout.write(toFile: layoutPath, atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("pack.xlsx").path

        let process = Process()
        process.executableURL = URL(fileURLWithPath: KalkylBinary.path)
        process.arguments = ["watch", path, "--export", output, "--layout", layoutPath, "--max-updates", "4"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()

        // A reader polling the workbook all along: every read must be a whole workbook.
        nonisolated(unsafe) var reads = 0, broken = 0
        nonisolated(unsafe) var polling = true
        let poller = Thread {
            while polling {
                if let data = FileManager.default.contents(atPath: output) {
                    reads += 1
                    if !Self.isWholeZip(data) { broken += 1 }
                }
                usleep(2_000)
            }
        }
        poller.start()

        func waitFor(_ check: () throws -> Bool) throws {
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline, !(try check()) { usleep(50_000) }
        }
        try waitFor { FileManager.default.fileExists(atPath: output) }
        let first = try Self.sheetXML(output, "xl/worksheets/sheet2.xml")
        #expect(first.contains("<v>1200000</v>"), "1 200 000 kr for the year: \(first)")

        // A good save: 41 000 a head → 1 230 000 kr.
        Thread.sleep(forTimeInterval: 1.0)
        try model.replacingOccurrences(of: "40_000", with: "41_000").write(toFile: path, atomically: true, encoding: .utf8)
        try waitFor { try Self.sheetXML(output, "xl/worksheets/sheet2.xml").contains("<v>1230000</v>") }
        #expect(try Self.sheetXML(output, "xl/worksheets/sheet2.xml").contains("<v>1230000</v>"))

        // A save with an error: the workbook stays as it was.
        Thread.sleep(forTimeInterval: 1.0)
        let before = try Data(contentsOf: URL(fileURLWithPath: output))
        try (model + "broken = nope\n").write(toFile: path, atomically: false, encoding: .utf8)
        Thread.sleep(forTimeInterval: 1.5)
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == before)

        // Mended, then a save of the layout: written again, with the new label.
        try model.replacingOccurrences(of: "40_000", with: "41_000").write(toFile: path, atomically: true, encoding: .utf8)
        Thread.sleep(forTimeInterval: 1.5)
        try layout.replacingOccurrences(of: "\"Kostnad\"", with: "\"Personalkostnad\"").write(toFile: layoutPath, atomically: true, encoding: .utf8)
        try waitFor { try Self.sheetXML(output, "xl/sharedStrings.xml").contains("Personalkostnad") }
        #expect(try Self.sheetXML(output, "xl/sharedStrings.xml").contains("Personalkostnad"))
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate() }
        polling = false
        Thread.sleep(forTimeInterval: 0.05)
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(text.contains("wrote \(output)"), "\(text)")
        #expect(text.contains("has errors; keeping the last good values"), "\(text)")

        #expect(reads > 0 && broken == 0, "\(broken) of \(reads) reads found half a workbook")
        // No temporary file is left beside it.
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".tmp-") }
        #expect(left.isEmpty, "\(left)")
    }
}
