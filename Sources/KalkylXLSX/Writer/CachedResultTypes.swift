/// Formula cells whose cached result is a truth value or an error, and the rewrite of a sheet's
/// XML that stores them as such.
///
/// libxlsxwriter 1.1.4 caches a formula's result only as a number or as text: TRUE is written
/// `<c r="B2" t="str"><f>…</f><v>TRUE</v></c>`, which a reader that does not recalculate (a
/// script with openpyxl, a viewer, Excel's protected view) shows as the text "TRUE". After the
/// file is written, the sheets holding such cells are rewritten to `t="b"` with `<v>1</v>`
/// (`t="e"` for an error), as Excel itself stores them.
struct CachedResultTypes {
    enum Kind { case boolean, error }

    /// By cell: `row × 16 384 + column`, both from 0.
    private(set) var cells: [Int: Kind] = [:]

    var isEmpty: Bool { cells.isEmpty }

    static func key(row: Int, column: Int) -> Int { row * 16_384 + column }

    mutating func mark(row: Int, column: Int, _ kind: Kind?) {
        let key = Self.key(row: row, column: column)
        if let kind { cells[key] = kind } else if !cells.isEmpty { cells[key] = nil }
    }

    /// Rewrites the marked cells of a sheet's XML. Every marked cell must be found as
    /// libxlsxwriter writes a formula with a text result; anything else is an error, since it
    /// means the library wrote something this code does not know.
    func retype(_ xml: inout [UInt8], sheet: String) throws {
        let operation = "store the truth values and errors of \(sheet) as such"
        func unexpected(_ what: String) -> XLSXError {
            XLSXError(.library(.zipBadZipFile), operation: operation, message: what)
        }
        let open = Array("<c r=\"".utf8), textType = Array(" t=\"str\"".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(xml.count)
        var copied = 0, found = 0, at = 0
        while let start = xml.firstRange(of: open, from: at) {
            // The reference: column letters, then the row's digits.
            var k = start + open.count, column = 0, row = 0
            while k < xml.count, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(xml[k]) {
                column = column * 26 + Int(xml[k] - UInt8(ascii: "A")) + 1
                k += 1
            }
            while k < xml.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(xml[k]) {
                row = row * 10 + Int(xml[k] - UInt8(ascii: "0"))
                k += 1
            }
            at = k
            guard column > 0, row > 0, let kind = cells[Self.key(row: row - 1, column: column - 1)] else { continue }
            let reference = String(decoding: xml[(start + open.count)..<k], as: UTF8.self)
            guard let tagEnd = xml.firstIndex(of: UInt8(ascii: ">"), from: k),
                  let type = xml.firstRange(of: textType, from: k), type < tagEnd,
                  let close = xml.firstRange(of: Array("</c>".utf8), from: tagEnd),
                  let value = xml.firstRange(of: Array("<v>".utf8), from: tagEnd), value < close,
                  let valueEnd = xml.firstRange(of: Array("</v>".utf8), from: value), valueEnd < close
            else { throw unexpected("cell \(reference) is not a formula with a text result") }
            let cached = String(decoding: xml[(value + 3)..<valueEnd], as: UTF8.self)
            let stored: String
            switch kind {
            case .boolean:
                guard cached == "TRUE" || cached == "FALSE" else { throw unexpected("cell \(reference) caches \(cached), not TRUE or FALSE") }
                stored = cached == "TRUE" ? "1" : "0"
            case .error:
                guard cached.hasPrefix("#") else { throw unexpected("cell \(reference) caches \(cached), not an error") }
                stored = cached
            }
            output += xml[copied..<type]
            output += Array((kind == .boolean ? " t=\"b\"" : " t=\"e\"").utf8)
            output += xml[(type + textType.count)..<(value + 3)]
            output += Array(stored.utf8)
            copied = valueEnd
            at = close
            found += 1
        }
        guard found == cells.count else {
            throw unexpected("\(cells.count - found) of its \(cells.count) cells with a truth value or an error were not in the sheet")
        }
        guard found > 0 else { return }
        output += xml[copied...]
        xml = output
    }
}

private extension [UInt8] {
    func firstIndex(of byte: UInt8, from start: Int) -> Int? {
        self[start...].firstIndex(of: byte)
    }

    /// Where `needle` next starts at or after `start`.
    func firstRange(of needle: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, !needle.isEmpty else { return nil }
        var k = start
        while k + needle.count <= count {
            guard let candidate = self[k...(count - needle.count)].firstIndex(of: first) else { return nil }
            var matches = true
            for j in 1..<needle.count where self[candidate + j] != needle[j] {
                matches = false
                break
            }
            if matches { return candidate }
            k = candidate + 1
        }
        return nil
    }
}
