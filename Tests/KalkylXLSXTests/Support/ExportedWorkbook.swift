import Foundation
@testable import KalkylXLSX

/// An exported .xlsx read back from its XML: the sheets in tab order, the defined names, and
/// every formula cell with the value cached beside it. The file is a zip; `unzip -p` reads it.
struct ExportedWorkbook {
    struct FormulaCell {
        var sheet: String
        var address: String
        var formula: String
        var cached: XLSXFormulaResult
    }

    struct Cell {
        var address: String
        /// `nil` for no formula.
        var formula: String?
        /// The cell type attribute: nil (number), `s` (shared string), `str`, `b`, `e`.
        var type: String?
        var value: String?
    }

    let url: URL
    let sheets: [String]
    let definedNames: [String: String]

    init(_ url: URL) throws {
        self.url = url
        let workbook = try Self.unzip(url, "xl/workbook.xml")
        sheets = workbook.matches(of: /<sheet name="([^"]*)"/).map { Self.unescape(String($0.1)) }
        var names: [String: String] = [:]
        for match in workbook.matches(of: /<definedName name="([^"]*)"[^>]*>([^<]*)<\/definedName>/) {
            names[Self.unescape(String(match.1))] = Self.unescape(String(match.2))
        }
        definedNames = names
    }

    /// The raw XML of a sheet (sheets are stored as sheet1.xml, sheet2.xml, … in tab order).
    func xml(of sheet: String) throws -> String {
        guard let index = sheets.firstIndex(of: sheet) else { throw LibreOffice.Failure(description: "no sheet \(sheet) in \(sheets)") }
        return try Self.unzip(url, "xl/worksheets/sheet\(index + 1).xml")
    }

    func cells(of sheet: String) throws -> [Cell] {
        let xml = try xml(of: sheet)
        var cells: [Cell] = []
        // A text may hold a line break (CHAR(10)), so `.` matches newlines too.
        for match in xml.matches(of: /<c r="([A-Z]+[0-9]+)"([^>]*?)(\/>|>(.*?)<\/c>)/.dotMatchesNewlines()) {
            let attributes = String(match.2)
            let type = attributes.firstMatch(of: /t="([a-z]+)"/).map { String($0.1) }
            let body = match.4.map(String.init) ?? ""
            let formula = body.firstMatch(of: /<f>(.*?)<\/f>/.dotMatchesNewlines()).map { Self.unescape(String($0.1)) }
            let value = body.firstMatch(of: /<v>(.*?)<\/v>/.dotMatchesNewlines()).map { Self.unescape(String($0.1)) }
            cells.append(Cell(address: String(match.1), formula: formula, type: type, value: value))
        }
        return cells
    }

    /// Every formula cell of every sheet, with its cached value read by its type, as a reader
    /// that does not recalculate reads it: `b` a truth value, `e` an error, `str` text (a truth
    /// value cached as the text "TRUE" is text here, and fails a comparison with Kalkyl's TRUE).
    func formulaCells() throws -> [FormulaCell] {
        var out: [FormulaCell] = []
        for sheet in sheets {
            for cell in try cells(of: sheet) {
                guard let formula = cell.formula else { continue }
                let text = cell.value ?? ""
                let cached: XLSXFormulaResult
                switch cell.type {
                case nil: cached = .number(Double(text) ?? .nan)
                case "b": cached = .bool(text == "1")
                case "e": cached = XLSXCellError(rawValue: text).map { .error($0) } ?? .text("a bad error: " + text)
                default: cached = .text(text)
                }
                out.append(FormulaCell(sheet: sheet, address: cell.address, formula: "=" + formula, cached: cached))
            }
        }
        return out
    }

    /// A copy of the workbook at `output` with `text` typed into the cell at `address` of
    /// `sheet`, as a person picks an entry of a dropdown: the cell becomes that text (an inline
    /// string), its style kept, and LibreOffice recalculates whatever reads it.
    func typing(_ text: String, at address: String, on sheet: String, to output: String) throws -> URL {
        guard let index = sheets.firstIndex(of: sheet) else { throw LibreOffice.Failure(description: "no sheet \(sheet) in \(sheets)") }
        let copy = URL(fileURLWithPath: output)
        try? FileManager.default.removeItem(at: copy)
        try FileManager.default.copyItem(at: url, to: copy)
        var found = false
        try ZipRewrite.rewrite(copy.path) { name in
            guard name == "xl/worksheets/sheet\(index + 1).xml" else { return nil }
            return { bytes in
                var xml = String(decoding: bytes, as: UTF8.self)
                let pattern = try Regex("<c r=\"\(address)\"([^>]*?)(?:/>|>.*?</c>)").dotMatchesNewlines()
                guard let match = xml.firstMatch(of: pattern) else { return }
                let attributes = String(match.output[1].substring ?? "").replacing(/\st="[a-zA-Z]+"/, with: "")
                let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                xml.replaceSubrange(match.range, with: "<c r=\"\(address)\"\(attributes) t=\"inlineStr\"><is><t>\(escaped)</t></is></c>")
                found = true
                bytes = Array(xml.utf8)
            }
        }
        guard found else { throw LibreOffice.Failure(description: "no cell \(address) on \(sheet)") }
        return copy
    }

    static func unzip(_ url: URL, _ member: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = ["-p", url.path, member]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw LibreOffice.Failure(description: "unzip -p \(url.path) \(member) failed") }
        return String(decoding: data, as: UTF8.self)
    }

    static func unescape(_ s: String) -> String {
        guard s.contains("&") else { return s }
        return s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
