import Foundation

/// Turns a file's bytes into text, once, for every kind of file (`SourceProvider.text`).
///
/// Data files: Swedish ERP and HR systems export UTF-8 (with or without a byte-order mark),
/// Windows-1252 (older Raindance and Excel "CSV (semikolonavgränsad)"), or UTF-16 with a
/// byte-order mark (Excel's "Unicode text"). Without a byte-order mark the bytes are read as
/// UTF-8 when they are valid UTF-8 and as Windows-1252 otherwise: real Swedish text in
/// Windows-1252 is practically never valid UTF-8, since `å` alone (0xE5) would have to be
/// followed by two continuation bytes. A file is one encoding: one that mixes the two (two
/// exports pasted together) is an error at the first character that breaks the encoding its
/// first letter chose, since some letters would come out wrong whichever way it is read.
///
/// Model and layout files are UTF-8 (with or without a byte-order mark); any other byte is an
/// error where it stands.
enum SourceTextDecoder {
    struct Decoded {
        /// UTF-8 bytes of the text, without a byte-order mark; in a data file every lone CR is
        /// made a LF.
        var utf8: [UInt8]
        var encoding: DataFormat.Encoding
        /// A problem with the encoding, at a range of bytes in `utf8`.
        var problem: (range: Range<Int>, message: String, hint: String)?
    }

    static func decode(_ bytes: [UInt8], as kind: SourceKind) -> Decoded {
        var decoded: Decoded
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let body = Array(bytes.dropFirst(3))
            decoded = Decoded(utf8: body, encoding: .utf8WithBOM)
            if let bad = UTF8Scan(body).firstInvalid {
                // The mark promises UTF-8: bytes that break the promise are an error, not a cue to guess.
                decoded = replacingInvalid(body, at: bad, encoding: .utf8WithBOM,
                                           "the file starts with a UTF-8 byte-order mark but byte \(hex(body[bad])) is not UTF-8",
                                           hint: kind == .data ? "export the file again as UTF-8" : kind.saveAsUTF8)
            }
        } else if kind == .data, bytes.starts(with: [0xFF, 0xFE]) {
            decoded = utf16(bytes.dropFirst(2), bigEndian: false)
        } else if kind == .data, bytes.starts(with: [0xFE, 0xFF]) {
            decoded = utf16(bytes.dropFirst(2), bigEndian: true)
        } else if kind != .data, bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            // Its byte-order mark says UTF-16: say so, not which of its bytes is not UTF-8.
            decoded = replacingInvalid(bytes, at: 0, encoding: .utf8, "this file is UTF-16 text, not UTF-8", hint: kind.saveAsUTF8)
            return decoded
        } else if let bad = UTF8Scan(bytes).firstInvalid {
            decoded = kind == .data ? mixedOrWindows1252(bytes, firstInvalid: bad) : notUTF8(bytes, at: bad, kind: kind)
        } else {
            decoded = Decoded(utf8: bytes, encoding: .utf8)
        }
        if kind == .data { normalizeLoneCarriageReturns(&decoded.utf8) }
        // A NUL is in no text a person writes: the file is binary (a workbook, a zip, an
        // image), and reading it as text would give nonsense names and numbers.
        if let nul = decoded.utf8.firstIndex(of: 0) {
            let zip = bytes.starts(with: [0x50, 0x4B, 0x03, 0x04])
            decoded.problem = (nul..<(nul + 1), "this is not a text file: it holds the byte 0x00" + (zip ? " (it is a zip file, as an .xlsx workbook is)" : ""),
                               kind.binaryHint(zip: zip))
        }
        return decoded
    }

    /// A data file that is not valid UTF-8: Windows-1252, unless it also holds UTF-8 letters.
    private static func mixedOrWindows1252(_ bytes: [UInt8], firstInvalid bad: Int) -> Decoded {
        let scan = UTF8Scan(bytes)
        if scan.multiByteSequences > 0 {
            // UTF-8 letters first: the first byte that is not UTF-8 breaks the file.
            let (text, offsets) = windows1252(bytes, marking: [bad, bad + 1])
            var decoded = Decoded(utf8: text, encoding: .windows1252)
            decoded.problem = (offsets[0]..<offsets[1],
                               "the file mixes UTF-8 and Windows-1252: byte \(hex(bytes[bad])) is not UTF-8, but earlier letters are",
                               "export the file again in one encoding, preferably UTF-8")
            return decoded
        }
        guard let (start, length) = UTF8Scan.firstMultiByte(bytes, from: bad) else {
            return Decoded(utf8: windows1252(bytes, marking: []).0, encoding: .windows1252)
        }
        // Windows-1252 letters first, then a letter written in UTF-8: that letter breaks it.
        let (text, offsets) = windows1252(bytes, marking: [start, start + length])
        var decoded = Decoded(utf8: text, encoding: .windows1252)
        let letter = String(decoding: bytes[start..<(start + length)], as: UTF8.self)
        let shown = bytes[start..<(start + length)].map(hex).joined(separator: " ")
        decoded.problem = (offsets[0]..<offsets[1],
                           "the file mixes Windows-1252 and UTF-8: \(shown) is '\(letter)' in UTF-8, but earlier letters are Windows-1252",
                           "export the file again in one encoding, preferably UTF-8")
        return decoded
    }

    /// A model or layout file with a byte that is not UTF-8.
    private static func notUTF8(_ bytes: [UInt8], at bad: Int, kind: SourceKind) -> Decoded {
        let mixes = UTF8Scan.firstMultiByte(bytes, from: 0) != nil
        return replacingInvalid(bytes, at: bad, encoding: .utf8,
                                "this file is not UTF-8 text (byte \(hex(bytes[bad])))" + (mixes ? ": it mixes UTF-8 and Windows-1252" : ""),
                                hint: kind.saveAsUTF8)
    }

    /// The bytes as UTF-8 with each invalid byte shown as U+FFFD, so the line can be quoted,
    /// and the problem at the byte `bad`.
    private static func replacingInvalid(_ bytes: [UInt8], at bad: Int, encoding: DataFormat.Encoding, _ message: String, hint: String) -> Decoded {
        let start = String(decoding: bytes[..<bad], as: UTF8.self).utf8.count
        var decoded = Decoded(utf8: Array(String(decoding: bytes, as: UTF8.self).utf8), encoding: encoding)
        decoded.problem = (start..<min(start + 3, decoded.utf8.count), message, hint)
        return decoded
    }

    /// Old Mac exports end lines with a bare CR. A LF in its place keeps every byte offset.
    private static func normalizeLoneCarriageReturns(_ bytes: inout [UInt8]) {
        for i in bytes.indices where bytes[i] == 0x0D && (i + 1 == bytes.count || bytes[i + 1] != 0x0A) {
            bytes[i] = 0x0A
        }
    }

    /// UTF-16 without its byte-order mark. A lone surrogate, or a last byte with no partner
    /// (a file cut short), is an error where it stands, not a character dropped in silence.
    private static func utf16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> Decoded {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(bigEndian ? a << 8 | b : b << 8 | a)
            i += 2
        }
        var decoded = Decoded(utf8: Array(String(decoding: units, as: UTF16.self).utf8),
                              encoding: bigEndian ? .utf16BigEndian : .utf16LittleEndian)
        if let bad = firstLoneSurrogate(units) {
            let at = String(decoding: units[..<bad], as: UTF16.self).utf8.count
            decoded.problem = (at..<(at + 3), "this is not UTF-16 text: the code unit \(String(format: "0x%04X", units[bad])) is half of a character",
                               "export the file again, preferably as UTF-8")
        } else if bytes.count % 2 == 1 {
            let end = decoded.utf8.count
            decoded.problem = (end..<end, "the file ends in the middle of a UTF-16 character: it was cut short",
                               "export the file again, preferably as UTF-8")
        }
        return decoded
    }

    /// The index of the first surrogate that is not half of a pair.
    private static func firstLoneSurrogate(_ units: [UInt16]) -> Int? {
        var k = 0
        while k < units.count {
            let u = units[k]
            if (0xD800...0xDBFF).contains(u) {
                guard k + 1 < units.count, (0xDC00...0xDFFF).contains(units[k + 1]) else { return k }
                k += 2
            } else if (0xDC00...0xDFFF).contains(u) {
                return k
            } else {
                k += 1
            }
        }
        return nil
    }

    /// Windows-1252 to UTF-8, and the UTF-8 offsets of the bytes at `marking` (in order).
    private static func windows1252(_ bytes: [UInt8], marking: [Int]) -> ([UInt8], [Int]) {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var marked: [Int] = []
        for (i, b) in bytes.enumerated() {
            if marked.count < marking.count, i == marking[marked.count] { marked.append(out.count) }
            if b < 0x80 {
                out.append(b)
            } else {
                let scalar = b < 0xA0 ? windows1252High[Int(b - 0x80)] : UInt32(b)
                out.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
            }
        }
        while marked.count < marking.count { marked.append(out.count) }
        return (out, marked)
    }

    /// Windows-1252 bytes 0x80–0x9F (the rest is Latin-1). The five unassigned bytes keep their
    /// C1 control code, as the WHATWG encoding standard decodes them.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "0x\(digits[Int(byte >> 4)])\(digits[Int(byte & 0xF)])"
    }
}

/// One pass over bytes as UTF-8: where the first invalid byte is, and how many multi-byte
/// characters come before it.
struct UTF8Scan {
    var firstInvalid: Int?
    var multiByteSequences = 0

    init(_ bytes: some Collection<UInt8>) {
        let b = Array(bytes)
        var i = 0
        while i < b.count {
            if b[i] < 0x80 { i += 1; continue }
            guard let length = UTF8Scan.sequence(b, at: i) else { firstInvalid = i; return }
            multiByteSequences += 1
            i += length
        }
    }

    /// The length of the valid multi-byte UTF-8 character starting at `i`, or nil.
    static func sequence(_ b: [UInt8], at i: Int) -> Int? {
        let lead = b[i]
        let length: Int
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return nil
        }
        guard i + length <= b.count else { return nil }
        // The second byte's range rules out overlong forms, surrogates and values past U+10FFFF.
        let secondRange: ClosedRange<UInt8> = switch lead {
        case 0xE0: 0xA0...0xBF
        case 0xED: 0x80...0x9F
        case 0xF0: 0x90...0xBF
        case 0xF4: 0x80...0x8F
        default: 0x80...0xBF
        }
        guard secondRange.contains(b[i + 1]), b[(i + 2)..<(i + length)].allSatisfy({ (0x80...0xBF).contains($0) }) else { return nil }
        return length
    }

    /// The first valid multi-byte UTF-8 character at or after `from`: where it starts and
    /// its length. In a file read as Windows-1252 it is a line written in UTF-8.
    static func firstMultiByte(_ b: [UInt8], from: Int) -> (Int, Int)? {
        var i = from
        while i < b.count {
            if b[i] >= 0xC2, let length = sequence(b, at: i) { return (i, length) }
            i += 1
        }
        return nil
    }
}
