import Foundation

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
        let output: [UInt8]? = try xml.withUnsafeBufferPointer { bytes in
            // Only cells typed t="str" are looked at (a sheet has few): each is found by memmem,
            // its tag's start by the last '<' before it (attributes hold no '<').
            let textType = Array(" t=\"str\">".utf8), closeTag = Array("</c>".utf8)
            let valueTag = Array("<v>".utf8), valueEnd = Array("</v>".utf8)
            let booleanType = Array(" t=\"b\">".utf8), errorType = Array(" t=\"e\">".utf8)
            let trueText = Array("TRUE".utf8), falseText = Array("FALSE".utf8)
            var output: [UInt8] = []
            var copied = 0, found = 0, at = 0
            func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
            while let type = Self.find(textType, in: bytes, from: at) {
                at = type + textType.count
                guard let start = Self.findLast(UInt8(ascii: "<"), in: bytes, before: type), start + 6 < type,
                      bytes[start + 1] == UInt8(ascii: "c"), bytes[start + 2] == UInt8(ascii: " ") else { continue }
                // `<c r="` then the reference: column letters, then the row's digits.
                var k = start + 6, column = 0, row = 0
                while k < type, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(bytes[k]) {
                    column = column * 26 + Int(bytes[k] - UInt8(ascii: "A")) + 1
                    k += 1
                }
                let digits = k
                while k < type, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[k]) {
                    row = row * 10 + Int(bytes[k] - UInt8(ascii: "0"))
                    k += 1
                }
                guard column > 0, k > digits, let kind = cells[Self.key(row: row - 1, column: column - 1)] else { continue }
                let reference = (start + 6)..<k
                guard let close = Self.find(closeTag, in: bytes, from: at),
                      let value = Self.find(valueTag, in: bytes, from: at), value < close,
                      let end = Self.find(valueEnd, in: bytes, from: value), end < close
                else { throw unexpected("cell \(text(reference)) is not a formula with a text result") }
                let cached = UnsafeBufferPointer(rebasing: bytes[(value + 3)..<end])
                let stored: [UInt8]
                switch kind {
                case .boolean:
                    if cached.elementsEqual(trueText) { stored = [UInt8(ascii: "1")] }
                    else if cached.elementsEqual(falseText) { stored = [UInt8(ascii: "0")] }
                    else { throw unexpected("cell \(text(reference)) caches \(text((value + 3)..<end)), not TRUE or FALSE") }
                case .error:
                    guard cached.first == UInt8(ascii: "#") else { throw unexpected("cell \(text(reference)) caches \(text((value + 3)..<end)), not an error") }
                    stored = Array(cached)
                }
                if output.isEmpty { output.reserveCapacity(bytes.count) }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<type]))
                output.append(contentsOf: kind == .boolean ? booleanType : errorType)
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[at..<(value + 3)]))
                output.append(contentsOf: stored)
                copied = end
                at = close
                found += 1
            }
            guard found == cells.count else {
                throw unexpected("\(cells.count - found) of its \(cells.count) cells with a truth value or an error were not in the sheet")
            }
            guard found > 0 else { return nil }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
            return output
        }
        if let output { xml = output }
    }

    /// Where `needle` next starts at or after `start`: memchr finds each candidate first byte
    /// (the sheets run to megabytes), then the rest is compared.
    private static func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress, let first = needle.first else { return nil }
        var k = start
        while k + needle.count <= bytes.count {
            guard let hit = memchr(base + k, Int32(first), bytes.count - needle.count + 1 - k) else { return nil }
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + at, needle, needle.count) == 0 { return at }
            k = at + 1
        }
        return nil
    }

    /// The last `byte` before `end`: a tag's start, a few dozen bytes back.
    private static func findLast(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, before end: Int) -> Int? {
        var k = end - 1
        while k >= 0 {
            if bytes[k] == byte { return k }
            k -= 1
        }
        return nil
    }
}
