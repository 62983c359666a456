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
/// `ChunkedDataDecoder` decodes them, piece by piece as `DiskSources` reads them.
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
        /// The version of the file on disk it was decoded from, when it was read from disk and
        /// did not change while it was read (`DiskSources`): lets its text be read back later.
        var identity: FileIdentity?
    }

    static func decode(_ bytes: [UInt8], as kind: SourceKind) -> Decoded {
        // A data file is decoded as `DiskSources` decodes it while reading it, in one piece here.
        if kind == .data { return ChunkedDataDecoder.decode(bytes, pieceSize: bytes.count) }
        var decoded: Decoded
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let body = Array(bytes.dropFirst(3))
            decoded = Decoded(utf8: body, encoding: .utf8WithBOM)
            if let bad = UTF8Scan(body).firstInvalid {
                // The mark promises UTF-8: bytes that break the promise are an error, not a cue to guess.
                decoded = replacingInvalid(body, at: bad, encoding: .utf8WithBOM,
                                           "the file starts with a UTF-8 byte-order mark but byte \(hex(body[bad])) is not UTF-8", hint: kind.saveAsUTF8)
            }
        } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            // Its byte-order mark says UTF-16: say so, not which of its bytes is not UTF-8.
            decoded = replacingInvalid(bytes, at: 0, encoding: .utf8, "this file is UTF-16 text, not UTF-8", hint: kind.saveAsUTF8)
            return decoded
        } else if let bad = UTF8Scan(bytes).firstInvalid {
            decoded = notUTF8(bytes, at: bad, kind: kind)
        } else {
            decoded = Decoded(utf8: bytes, encoding: .utf8)
        }
        // A NUL is in no text a person writes: the file is binary (a workbook, a zip, an
        // image), and reading it as text would give nonsense.
        if let nul = decoded.utf8.firstIndex(of: 0) {
            decoded.problem = notText(at: nul, zip: bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]), kind: kind)
        }
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

    /// The problem of a file holding the byte 0x00 at `nul`.
    static func notText(at nul: Int, zip: Bool, kind: SourceKind) -> (range: Range<Int>, message: String, hint: String) {
        (nul..<(nul + 1), "this is not a text file: it holds the byte 0x00" + (zip ? " (it is a zip file, as an .xlsx workbook is)" : ""),
         kind.binaryHint(zip: zip))
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "0x\(digits[Int(byte >> 4)])\(digits[Int(byte & 0xF)])"
    }
}

/// One pass over bytes as UTF-8: where the first invalid byte is, and how many multi-byte
/// characters come before it.
struct UTF8Scan {
    var firstInvalid: Int?
    var multiByteSequences = 0

    init(_ bytes: [UInt8]) {
        var i = 0
        bytes.withUnsafeBufferPointer { b in
            while i < b.count {
                if b[i] < 0x80 { i += 1; continue }
                guard let length = ChunkedDataDecoder.sequence(b, at: i, final: true) else { firstInvalid = i; return }
                multiByteSequences += 1
                i += length
            }
        }
    }

    /// The first valid multi-byte UTF-8 character at or after `from`: where it starts and
    /// its length.
    static func firstMultiByte(_ bytes: [UInt8], from: Int) -> (Int, Int)? {
        bytes.withUnsafeBufferPointer { b in
            var i = from
            while i < b.count {
                if b[i] >= 0xC2, let length = ChunkedDataDecoder.sequence(b, at: i, final: true) { return (i, length) }
                i += 1
            }
            return nil
        }
    }
}
