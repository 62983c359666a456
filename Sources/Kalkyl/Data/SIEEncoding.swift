/// Which encoding a SIE file's bytes are in, decided from all of them, a piece at a time: UTF-8
/// when they are valid UTF-8 (after a byte-order mark); otherwise IBM 437 or Windows-1252, by
/// which one's Swedish letters (å ä ö Å Ä Ö é) the bytes hold more of, IBM 437 on a tie, as the
/// standard says, and IBM 437 too for bytes Windows-1252 leaves unassigned (0x81, 0x8D, 0x8F,
/// 0x90, 0x9D), which Foundation's decoder refused. It keeps no text: a file read as it passes
/// is looked at once for this, then decoded.
struct SIEEncodingEvidence {
    private var carry: [UInt8] = []
    private var valid = true
    private var pc8 = 0, ansi = 0
    private var unassigned = false

    mutating func add(_ piece: UnsafeBufferPointer<UInt8>) {
        for b in piece where b >= 0x80 {
            switch b {
            case 0x86, 0x84, 0x94, 0x8F, 0x8E, 0x99, 0x82: pc8 += 1
            case 0xE5, 0xE4, 0xF6, 0xC5, 0xC4, 0xD6, 0xE9: ansi += 1
            default: break
            }
            if b == 0x81 || b == 0x8D || b == 0x8F || b == 0x90 || b == 0x9D { unassigned = true }
        }
        guard valid else { return }
        if carry.isEmpty {
            validate(piece, final: false)
        } else {
            let joined = carry + Array(piece)
            carry = []
            joined.withUnsafeBufferPointer { validate($0, final: false) }
        }
    }

    /// The encoding, once every byte was added.
    mutating func finish() -> SIEFile.Encoding {
        if valid, !carry.isEmpty {
            let tail = carry
            carry = []
            tail.withUnsafeBufferPointer { validate($0, final: true) }
        }
        if valid { return .utf8 }
        return ansi > pc8 && !unassigned ? .windows1252 : .ibm437
    }

    private mutating func validate(_ b: UnsafeBufferPointer<UInt8>, final: Bool) {
        var i = 0
        while i < b.count {
            if b[i] < 0x80 { i += 1; continue }
            guard let length = ChunkedDataDecoder.sequence(b, at: i, final: final) else {
                valid = false
                return
            }
            if length == 0 {
                carry = Array(b[i...])
                return
            }
            i += length
        }
    }

    /// Appends the UTF-8 text of `bytes` read as IBM 437 or Windows-1252.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, as encoding: SIEFile.Encoding, into text: inout [UInt8]) {
        let high = encoding == .windows1252 ? windows1252High : ibm437High
        var i = 0
        while i < bytes.count {
            // ASCII, most of a SIE file, in runs.
            var end = i
            while end < bytes.count, bytes[end] < 0x80 { end += 1 }
            if end > i { text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<end])) }
            if end < bytes.count {
                text.append(contentsOf: high[Int(bytes[end]) - 0x80])
                end += 1
            }
            i = end
        }
    }

    /// The UTF-8 bytes of IBM 437's characters for the bytes 0x80–0xFF.
    private static let ibm437High: [[UInt8]] = "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{A0}"
        .unicodeScalars.map { Array(String($0).utf8) }

    /// Windows-1252's characters for 0x80–0xFF (the unassigned five never decoded so: such a file is IBM 437).
    private static let windows1252High: [[UInt8]] = (0x80...0xFF).map { b -> [UInt8] in
        let low: [UInt32] = [0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
                             0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178]
        let scalar = b < 0xA0 ? low[b - 0x80] : UInt32(b)
        return Array(String(Unicode.Scalar(scalar)!).utf8)
    }
}
