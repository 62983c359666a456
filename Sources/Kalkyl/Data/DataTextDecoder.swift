/// Turns a data file's bytes into text, whichever encoding the exporting system chose.
///
/// Swedish ERP and HR systems export UTF-8 (with or without a byte-order mark), Windows-1252
/// (older Raindance and Excel "CSV (semikolonavgränsad)"), or UTF-16 with a byte-order mark
/// (Excel's "Unicode text"). Without a byte-order mark the bytes are read as UTF-8 when they
/// are valid UTF-8 and as Windows-1252 otherwise: real Swedish text in Windows-1252 is
/// practically never valid UTF-8, since `å` alone (0xE5) would have to be followed by two
/// continuation bytes.
enum DataTextDecoder {
    struct Decoded {
        /// UTF-8 bytes of the text, without a byte-order mark, with every lone CR made a LF.
        var utf8: [UInt8]
        var encoding: DataFormat.Encoding
        /// A problem with the encoding, at a byte offset in `utf8`.
        var problem: (offset: Int, message: String, hint: String)?
    }

    static func decode(_ bytes: [UInt8]) -> Decoded {
        var decoded: Decoded
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let body = Array(bytes.dropFirst(3))
            decoded = Decoded(utf8: body, encoding: .utf8WithBOM)
            if let bad = UTF8Scan(body).firstInvalid {
                // The mark promises UTF-8: bytes that break the promise are an error, not a cue to guess.
                decoded.utf8 = Array(String(decoding: body, as: UTF8.self).utf8)
                let offset = String(decoding: body[..<bad], as: UTF8.self).utf8.count
                decoded.problem = (offset, "the file starts with a UTF-8 byte-order mark but byte \(hex(body[bad])) is not UTF-8",
                                   "export the file again as UTF-8")
            }
        } else if bytes.starts(with: [0xFF, 0xFE]) {
            decoded = Decoded(utf8: utf16(bytes.dropFirst(2), bigEndian: false), encoding: .utf16LittleEndian)
        } else if bytes.starts(with: [0xFE, 0xFF]) {
            decoded = Decoded(utf8: utf16(bytes.dropFirst(2), bigEndian: true), encoding: .utf16BigEndian)
        } else {
            let scan = UTF8Scan(bytes)
            if let bad = scan.firstInvalid {
                let (text, badOffset) = windows1252(bytes, marking: bad)
                decoded = Decoded(utf8: text, encoding: .windows1252)
                if scan.multiByteSequences > 0 {
                    // Both encodings in one file (often two exports pasted together): some
                    // letters would come out wrong whichever way it is read.
                    decoded.problem = (badOffset, "the file mixes UTF-8 and Windows-1252: byte \(hex(bytes[bad])) is not UTF-8, but earlier letters are",
                                       "export the file again in one encoding, preferably UTF-8")
                }
            } else {
                decoded = Decoded(utf8: bytes, encoding: .utf8)
            }
        }
        normalizeLoneCarriageReturns(&decoded.utf8)
        return decoded
    }

    /// Old Mac exports end lines with a bare CR. A LF in its place keeps every byte offset.
    private static func normalizeLoneCarriageReturns(_ bytes: inout [UInt8]) {
        for i in bytes.indices where bytes[i] == 0x0D && (i + 1 == bytes.count || bytes[i + 1] != 0x0A) {
            bytes[i] = 0x0A
        }
    }

    private static func utf16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(bigEndian ? a << 8 | b : b << 8 | a)
            i += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    /// Windows-1252 to UTF-8, and the UTF-8 offset of the byte at `marking`.
    private static func windows1252(_ bytes: [UInt8], marking: Int) -> ([UInt8], Int) {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var marked = 0
        for (i, b) in bytes.enumerated() {
            if i == marking { marked = out.count }
            if b < 0x80 {
                out.append(b)
            } else {
                let scalar = b < 0xA0 ? windows1252High[Int(b - 0x80)] : UInt32(b)
                out.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
            }
        }
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
            let lead = b[i]
            let length: Int
            switch lead {
            case 0x00...0x7F: i += 1; continue
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: firstInvalid = i; return
            }
            guard i + length <= b.count else { firstInvalid = i; return }
            // The second byte's range rules out overlong forms, surrogates and values past U+10FFFF.
            let second = b[i + 1]
            let secondRange: ClosedRange<UInt8> = switch lead {
            case 0xE0: 0xA0...0xBF
            case 0xED: 0x80...0x9F
            case 0xF0: 0x90...0xBF
            case 0xF4: 0x80...0x8F
            default: 0x80...0xBF
            }
            guard secondRange.contains(second), b[(i + 2)..<(i + length)].allSatisfy({ (0x80...0xBF).contains($0) }) else {
                firstInvalid = i; return
            }
            multiByteSequences += 1
            i += length
        }
    }
}
