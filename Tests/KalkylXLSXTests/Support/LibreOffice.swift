import Foundation

/// A cell as LibreOffice shows it after recalculating a workbook.
enum RecalculatedCell: Equatable, CustomStringConvertible {
    case blank
    case number(Double)
    case text(String)
    case bool(Bool)
    /// An Excel error (`#DIV/0!`) or a LibreOffice one (`Err:508`, a formula it could not read).
    case error(String)

    var description: String {
        switch self {
        case .blank: "blank"
        case .number(let value): "\(value)"
        case .text(let text): "text \"\(text)\""
        case .bool(let value): value ? "TRUE" : "FALSE"
        case .error(let error): "error \(error)"
        }
    }
}

/// Every sheet of a workbook after LibreOffice recalculated it, as a grid anchored at A1.
struct RecalculatedWorkbook {
    var sheets: [String: [[RecalculatedCell]]]

    /// The cell at an A1 address (`"B2"`); blank outside the used area. The sheet must exist.
    subscript(sheet: String, address: String) -> RecalculatedCell {
        guard let grid = sheets[sheet] else { fatalError("no sheet \(sheet) in \(sheets.keys.sorted())") }
        let (row, column) = Self.parse(address)
        guard row < grid.count, column < grid[row].count else { return .blank }
        return grid[row][column]
    }

    /// `"B2"` → (1, 1).
    static func parse(_ address: String) -> (row: Int, column: Int) {
        let letters = address.prefix(while: \.isLetter).uppercased()
        guard !letters.isEmpty, let row = Int(address.dropFirst(letters.count)), row >= 1 else {
            fatalError("not an A1 address: \(address)")
        }
        let column = letters.unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 }
        return (row - 1, column - 1)
    }
}

/// Opens workbooks in LibreOffice headless, recalculates every formula, and reads the values back.
///
/// LibreOffice does not recalculate an .xlsx on load by default: each run gets a fresh throwaway
/// profile whose `OOXMLRecalcMode` is 0 ("always"), so runs never share state and can go in
/// parallel. The workbook is converted to CSV, one file per sheet, with every text cell quoted,
/// which tells text (and errors) from numbers and booleans. `soffice` exits 0 even when it fails,
/// so the CSV files themselves are the proof of success.
///
/// Values come back as LibreOffice prints them: numbers to 15 significant digits, percentages
/// scaled (`12.5%`), date-formatted cells as dates (turned back into Excel serial numbers here),
/// errors as quoted text. A text cell that reads exactly like an error is taken for one.
enum LibreOffice {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The CSV filter: `,` separated, `"` quoted, UTF-8 (76), US English (1033), quote all text
    /// cells, raw values rather than as shown, values not formulas, every sheet to its own file (-1).
    static let csvFilter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,true,true,false,false,false,-1"

    /// The `soffice` executable, or nil when LibreOffice is not installed.
    static var executable: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") + ["/usr/bin", "/usr/lib/libreoffice/program"] {
            let candidate = "\(directory)/soffice"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Recalculates `workbook` and returns the values of `sheets` (each must come back).
    static func recalculate(_ workbook: URL, sheets: [String], timeout: TimeInterval = 180) throws -> RecalculatedWorkbook {
        guard let soffice = executable else {
            throw Failure(description: "LibreOffice is not installed (soffice not on PATH): `make test` installs libreoffice-calc-nogui")
        }
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("kalkyl-libreoffice-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let profile = scratch.appendingPathComponent("profile")
        let output = scratch.appendingPathComponent("csv")
        try FileManager.default.createDirectory(at: profile.appendingPathComponent("user"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try recalculatingProfile.write(
            to: profile.appendingPathComponent("user/registrymodifications.xcu"), atomically: true, encoding: .utf8)

        let run = try Self.run(soffice, [
            "-env:UserInstallation=\(profile.absoluteString)",
            "--headless", "--norestore", "--nolockcheck",
            "--convert-to", csvFilter, "--outdir", output.path, workbook.path,
        ], timeout: timeout)

        let stem = workbook.deletingPathExtension().lastPathComponent
        var result = RecalculatedWorkbook(sheets: [:])
        for sheet in sheets {
            let file = output.appendingPathComponent("\(stem)-\(sheet).csv")
            guard let data = FileManager.default.contents(atPath: file.path), let text = String(data: data, encoding: .utf8) else {
                let produced = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
                throw Failure(description: """
                    LibreOffice produced no CSV for sheet '\(sheet)' of \(workbook.path) \
                    (exit \(run.status); files: \(produced.sorted())).
                    stdout: \(run.stdout)
                    stderr: \(run.stderr)
                    """)
            }
            result.sheets[sheet] = try CSV.parse(text).map { row in try row.map(cell) }
        }
        return result
    }

    /// A user profile that makes LibreOffice recalculate every .xlsx it loads.
    static let recalculatingProfile = """
        <?xml version="1.0" encoding="UTF-8"?>
        <oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
        <item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
        <item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
        </oor:items>

        """

    // MARK: - Reading cells

    static let errorSpellings: Set<String> = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"]

    static func cell(_ field: CSV.Field) throws -> RecalculatedCell {
        if field.quoted {
            if errorSpellings.contains(field.text) || field.text.wholeMatch(of: /Err:\d{3}/) != nil {
                return .error(field.text)
            }
            return .text(field.text)
        }
        let text = field.text
        switch text {
        case "": return .blank
        case "TRUE": return .bool(true)
        case "FALSE": return .bool(false)
        default: break
        }
        if let number = Double(text) { return .number(number) }
        if text.hasSuffix("%"), let percent = Double(text.dropLast()) { return .number(percent / 100) }
        if let serial = excelSerial(text) { return .number(serial) }
        throw Failure(description: "cannot read LibreOffice's cell text '\(text)'")
    }

    /// `04/01/2021`, `2021-04-01` or either with ` 02:57:46`, as Excel's serial number (days since
    /// 1899-12-30; right from 1900-03-01 on).
    static func excelSerial(_ text: String) -> Double? {
        let date: (year: Int, month: Int, day: Int)
        let rest: Substring
        if let match = text.prefixMatch(of: /(\d{2})\/(\d{2})\/(-?\d{4})/) {
            date = (Int(match.3)!, Int(match.1)!, Int(match.2)!)
            rest = text[match.range.upperBound...]
        } else if let match = text.prefixMatch(of: /(-?\d{4})-(\d{2})-(\d{2})/) {
            date = (Int(match.1)!, Int(match.2)!, Int(match.3)!)
            rest = text[match.range.upperBound...]
        } else {
            return nil
        }
        var seconds = 0
        if !rest.isEmpty {
            guard let time = rest.wholeMatch(of: /\s(\d{2}):(\d{2}):(\d{2})/) else { return nil }
            seconds = Int(time.1)! * 3600 + Int(time.2)! * 60 + Int(time.3)!
        }
        return Double(daysFromCivil(date.year, date.month, date.day) - daysFromCivil(1899, 12, 30)) + Double(seconds) / 86_400
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    // MARK: - Running soffice

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ executable: String, _ arguments: [String], timeout: TimeInterval) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read while it runs so a full pipe can't stall it.
        let out = Drain(stdout.fileHandleForReading)
        let err = Drain(stderr.fileHandleForReading)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                process.waitUntilExit()
                throw Failure(description: "soffice took longer than \(Int(timeout)) s and was stopped")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: out.text(), stderr: err.text())
    }

    /// Collects everything a pipe delivers, on a background thread.
    final class Drain: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ handle: FileHandle) {
            Thread.detachNewThread { [self] in
                let all = handle.readDataToEndOfFile()
                lock.withLock { data = all }
                done.signal()
            }
        }

        func text() -> String {
            done.wait()
            return lock.withLock { String(decoding: data, as: UTF8.self) }
        }
    }
}

/// RFC 4180 CSV, remembering which fields were quoted.
enum CSV {
    struct Field: Equatable {
        var text: String
        var quoted: Bool
    }

    static func parse(_ text: String) throws -> [[Field]] {
        var rows: [[Field]] = []
        var row: [Field] = []
        var field = ""
        var quoted = false
        var inQuotes = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return scalars.next()
        }
        func endField() { row.append(Field(text: field, quoted: quoted)); field = ""; quoted = false }
        func endRow() { endField(); rows.append(row); row = [] }
        var sawAnything = false
        while let c = next() {
            sawAnything = true
            if inQuotes {
                if c == "\"" {
                    if let after = next() {
                        if after == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = after }
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty && !quoted: inQuotes = true; quoted = true
            case ",": endField()
            case "\r": break
            case "\n": endRow()
            default: field.unicodeScalars.append(c)
            }
        }
        if inQuotes { throw LibreOffice.Failure(description: "CSV ends inside a quoted field") }
        // The last line has no line break; an empty file is no rows.
        if sawAnything && !(row.isEmpty && field.isEmpty && !quoted && text.hasSuffix("\n")) { endRow() }
        return rows
    }
}
