import Foundation

/// Decodes a data file given in pieces, as it is read from disk, into the UTF-8 text a table
/// is read from: the file's bytes are never held beside their text (a Windows-1252 or UTF-16
/// ledger used to be held twice), only the piece being decoded.
///
/// The result is the same as `SourceTextDecoder.decode` of the whole file, text and problem,
/// wherever the pieces are cut: a UTF-8 character, a UTF-16 pair or a CR LF split between two
/// pieces waits for the next one. The encoding is found as the whole file's is: UTF-8 until a
/// byte that is not UTF-8, Windows-1252 from there when no UTF-8 letter came before it (the
/// text so far is ASCII, the same in both), and a mix of the two is an error at the first
/// character that breaks the encoding the file started in.
struct ChunkedDataDecoder {
    private enum Mode {
        /// Too few bytes yet to see a byte-order mark.
        case start
        /// UTF-8 so far (no mark): bytes are copied as they are.
        case plain
        /// Windows-1252 from a byte that was not UTF-8; `searching` until a UTF-8 letter is found after it.
        case windows1252(searching: Bool)
        /// UTF-8 with a byte-order mark; `replacing` once a byte broke it (the rest is read
        /// with U+FFFD for what is not UTF-8, so its line can be quoted).
        case markedUTF8(replacing: Bool)
        case utf16(bigEndian: Bool)
        /// A SIE file's IBM 437, read back (`init(resuming:)`): a byte a character.
        case ibm437
    }

    private var mode = Mode.start
    /// Bytes of the file not decoded yet: a piece's tail that may begin a character.
    private var carry: [UInt8] = []
    /// The file's first bytes, for the zip check and the byte-order mark.
    private var head: [UInt8] = []
    /// The text decoded and not taken yet (`takeChecked`): it starts at `taken` in the text.
    private var out: [UInt8] = []
    /// How much of the text was taken from the front of `out` by `takeChecked`.
    private var taken = 0
    /// How long the text decoded so far is, taken or not: a place in it.
    private var textCount: Int { taken + out.count }
    private var encoding = DataFormat.Encoding.utf8
    private var problem: (range: Range<Int>, message: String, hint: String)?
    /// A problem whose end is known only when the text is (a marked file's broken byte).
    private var openProblemStart: Int?
    private var sawMultiByte = false
    /// How far the text has been checked for lone CRs and NULs (a place in the text).
    private var checked = 0
    private var firstNul: Int?

    /// The file's size, when known, to reserve the text's memory once.
    private let expectedSize: Int

    /// `expectedSize`: the file's size, if known, to reserve the text's memory once.
    init(expectedSize: Int = 0) {
        self.expectedSize = expectedSize
    }

    /// A decoder of a stretch of a file decoded before as `encoding`, from a character's start
    /// after its byte-order mark: a file-backed `SourceFile` reading lines back. A Windows-1252
    /// file decodes every byte as Windows-1252 there (it was read without a problem, so no
    /// UTF-8 letter is in it).
    init(resuming encoding: DataFormat.Encoding) {
        expectedSize = 0
        self.encoding = encoding
        switch encoding {
        case .utf8: mode = .plain
        case .utf8WithBOM: mode = .markedUTF8(replacing: false)
        case .windows1252: mode = .windows1252(searching: false)
        case .utf16LittleEndian: mode = .utf16(bigEndian: false)
        case .utf16BigEndian: mode = .utf16(bigEndian: true)
        case .ibm437: mode = .ibm437
        }
    }

    /// Decodes `bytes` as a data file read `pieceSize` bytes at a time.
    static func decode(_ bytes: [UInt8], pieceSize: Int) -> SourceTextDecoder.Decoded {
        var decoder = ChunkedDataDecoder(expectedSize: bytes.count)
        bytes.withUnsafeBufferPointer { all in
            var start = 0
            while start < all.count {
                let end = min(all.count, start + max(1, pieceSize))
                decoder.add(UnsafeBufferPointer(rebasing: all[start..<end]))
                start = end
            }
        }
        return decoder.finish()
    }

    /// Decodes the next piece of the file.
    mutating func add(_ piece: UnsafeBufferPointer<UInt8>) {
        if case .start = mode, head.isEmpty, piece.count >= 4 {
            head = Array(piece.prefix(4))
            let mark = chooseMode()
            decode(UnsafeBufferPointer(rebasing: piece[mark...]), final: false)
            return
        }
        if case .start = mode {
            head.append(contentsOf: piece.prefix(max(0, 4 - head.count)))
            carry.append(contentsOf: piece)
            guard head.count >= 4 else { return }
            carry.removeFirst(chooseMode())
            decodeCarry(final: false)
            return
        }
        if carry.isEmpty {
            decode(piece, final: false)
        } else {
            carry.append(contentsOf: piece)
            decodeCarry(final: false)
        }
    }

    /// The text decoded and checked since the last call, which the decoder no longer keeps: a
    /// reader that takes the text as it comes (`DataTextStream`) holds a piece of it at a
    /// time, never the whole. It starts at `takenSoFar` before the call, a place in the text;
    /// a CR at its end waits for the next piece, which tells whether a LF follows. Once
    /// `hasProblem`, the text taken may not be what the whole file decodes to (a file that
    /// turns out to mix UTF-8 and Windows-1252 is read again as Windows-1252 from its start):
    /// the reader stops and reads the file whole.
    mutating func takeChecked() -> [UInt8] {
        let count = checked - taken
        guard count > 0 else { return [] }
        let piece = Array(out[..<count])
        out.removeFirst(count)
        taken = checked
        return piece
    }

    /// Where the text `takeChecked` gives next starts.
    var takenSoFar: Int { taken }

    /// Whether decoding has met a problem (the text is then an error, read whole).
    var hasProblem: Bool { problem != nil || firstNul != nil }

    /// The encoding found so far (a file without a mark is UTF-8 until a byte that is not).
    var encodingSoFar: DataFormat.Encoding { encoding }

    /// The text not taken yet (`takeChecked`; all of it when none was), after the last piece.
    mutating func finish() -> SourceTextDecoder.Decoded {
        if case .start = mode { carry.removeFirst(chooseMode()) }
        decodeCarry(final: true)
        if let start = openProblemStart, var open = problem {
            open.range = start..<min(start + 3, textCount)
            problem = open
        }
        checkLineBreaksAndNul(final: true)
        var decoded = SourceTextDecoder.Decoded(utf8: out, encoding: encoding)
        decoded.problem = problem
        out = []
        // A NUL is in no text a person writes: the file is binary (a workbook, a zip, an
        // image), and reading it as text would give nonsense names and numbers.
        if let nul = firstNul {
            decoded.problem = SourceTextDecoder.notText(at: nul, zip: head.starts(with: [0x50, 0x4B, 0x03, 0x04]), kind: .data)
        }
        return decoded
    }

    /// Sets the mode from the file's first bytes; the length of its byte-order mark.
    private mutating func chooseMode() -> Int {
        if head.starts(with: [0xEF, 0xBB, 0xBF]) {
            mode = .markedUTF8(replacing: false)
            encoding = .utf8WithBOM
            out.reserveCapacity(expectedSize)
            return 3
        }
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) {
            let big = head[0] == 0xFE
            mode = .utf16(bigEndian: big)
            encoding = big ? .utf16BigEndian : .utf16LittleEndian
            out.reserveCapacity(expectedSize / 2)   // ASCII: one byte for two
            return 2
        }
        mode = .plain
        out.reserveCapacity(expectedSize)
        return 0
    }

    private mutating func decodeCarry(final: Bool) {
        let pending = carry
        carry = []
        pending.withUnsafeBufferPointer { decode($0, final: final) }
    }

    /// Decodes `bytes`, keeping in `carry` a tail that needs the next piece (none when `final`).
    private mutating func decode(_ bytes: UnsafeBufferPointer<UInt8>, final: Bool) {
        var i = 0
        while i < bytes.count {
            let used: Int
            switch mode {
            case .start: return
            case .plain: used = plainUTF8(bytes, from: i, final: final)
            case .windows1252(let searching): used = windows1252(bytes, from: i, final: final, searching: searching)
            case .markedUTF8(let replacing): used = replacing ? replacingUTF8(bytes, from: i, final: final) : markedUTF8(bytes, from: i, final: final)
            case .utf16(let big): used = utf16(bytes, from: i, final: final, bigEndian: big)
            case .ibm437:
                SIEEncodingEvidence.decode(UnsafeBufferPointer(rebasing: bytes[i...]), as: .ibm437, into: &out)
                used = bytes.count - i
            }
            if used == 0 { break }
            i += used
        }
        if i < bytes.count { carry.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i...])) }
        checkLineBreaksAndNul(final: final)
    }

    /// The length of the UTF-8 character at `i`; nil when it is not one; 0 when the piece ends
    /// before it can be told (not `final`).
    static func sequence(_ b: UnsafeBufferPointer<UInt8>, at i: Int, final: Bool) -> Int? {
        let lead = b[i]
        let length: Int
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return nil
        }
        if i + length > b.count {
            guard !final else { return nil }
            // Wait for the rest only if what is here could begin the character.
            return validPrefix(b, at: i, length: length) ? 0 : nil
        }
        return validPrefix(b, at: i, length: length) ? length : nil
    }

    /// Whether the bytes from `i` (up to `length`, as many as there are) are a UTF-8 character's start.
    private static func validPrefix(_ b: UnsafeBufferPointer<UInt8>, at i: Int, length: Int) -> Bool {
        let lead = b[i]
        // The second byte's range rules out overlong forms, surrogates and values past U+10FFFF.
        let secondRange: ClosedRange<UInt8> = switch lead {
        case 0xE0: 0xA0...0xBF
        case 0xED: 0x80...0x9F
        case 0xF0: 0x90...0xBF
        case 0xF4: 0x80...0x8F
        default: 0x80...0xBF
        }
        let end = min(i + length, b.count)
        if i + 1 < end, !secondRange.contains(b[i + 1]) { return false }
        var k = i + 2
        while k < end {
            if b[k] & 0xC0 != 0x80 { return false }
            k += 1
        }
        return true
    }

    /// UTF-8 without a mark: copies what is valid; at the first byte that is not, the file is
    /// Windows-1252 (ASCII so far) or mixes the two (UTF-8 letters so far).
    private mutating func plainUTF8(_ b: UnsafeBufferPointer<UInt8>, from start: Int, final: Bool) -> Int {
        var i = start
        while i < b.count {
            if b[i] < 0x80 { i += 1; continue }
            guard let length = Self.sequence(b, at: i, final: final) else {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<i]))
                if sawMultiByte {
                    // UTF-8 letters first: the first byte that is not UTF-8 breaks the file.
                    // The text so far is read again as Windows-1252, as the whole file is.
                    // (Text taken already is not read again: a reader that takes it stops at the problem.)
                    let before = out
                    out = []
                    out.reserveCapacity(max(before.count, expectedSize + expectedSize / 8))
                    for byte in before { Self.appendWindows1252(byte, to: &out) }
                    let at = textCount
                    Self.appendWindows1252(b[i], to: &out)
                    problem = (at..<textCount, "the file mixes UTF-8 and Windows-1252: byte \(Self.hex(b[i])) is not UTF-8, but earlier letters are",
                               "export the file again in one encoding, preferably UTF-8")
                    checked = taken
                    firstNul = nil
                    mode = .windows1252(searching: false)
                } else {
                    mode = .windows1252(searching: true)
                    // A letter past ASCII takes two or three bytes in UTF-8.
                    out.reserveCapacity(expectedSize + expectedSize / 8)
                    Self.appendWindows1252(b[i], to: &out)
                }
                encoding = .windows1252
                return i + 1 - start
            }
            if length == 0 { break }
            sawMultiByte = true
            i += length
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<i]))
        return i - start
    }

    /// Windows-1252; while `searching`, the first UTF-8 letter is an error (a line written in UTF-8).
    private mutating func windows1252(_ b: UnsafeBufferPointer<UInt8>, from start: Int, final: Bool, searching: Bool) -> Int {
        var i = start
        while i < b.count {
            let byte = b[i]
            if searching, byte >= 0xC2, let length = Self.sequence(b, at: i, final: final) {
                if length == 0 { break }
                let at = textCount
                for k in i..<(i + length) { Self.appendWindows1252(b[k], to: &out) }
                let letter = String(decoding: UnsafeBufferPointer(rebasing: b[i..<(i + length)]), as: UTF8.self)
                let shown = b[i..<(i + length)].map(Self.hex).joined(separator: " ")
                problem = (at..<textCount, "the file mixes Windows-1252 and UTF-8: \(shown) is '\(letter)' in UTF-8, but earlier letters are Windows-1252",
                           "export the file again in one encoding, preferably UTF-8")
                mode = .windows1252(searching: false)
                return i + length - start
            }
            Self.appendWindows1252(byte, to: &out)
            i += 1
        }
        return i - start
    }

    /// UTF-8 after its mark: the first byte that breaks it is an error, and the rest is read
    /// with U+FFFD in place of what is not UTF-8.
    private mutating func markedUTF8(_ b: UnsafeBufferPointer<UInt8>, from start: Int, final: Bool) -> Int {
        var i = start
        while i < b.count {
            if b[i] < 0x80 { i += 1; continue }
            guard let length = Self.sequence(b, at: i, final: final) else {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<i]))
                // The mark promises UTF-8: bytes that break the promise are an error, not a cue to guess.
                openProblemStart = textCount
                problem = (0..<0, "the file starts with a UTF-8 byte-order mark but byte \(Self.hex(b[i])) is not UTF-8", "export the file again as UTF-8")
                mode = .markedUTF8(replacing: true)
                return i - start + replacingUTF8(b, from: i, final: final)
            }
            if length == 0 { break }
            i += length
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<i]))
        return i - start
    }

    /// The rest of a broken marked file, as `String(decoding:as:)` reads it; a tail that may
    /// begin a character waits for the next piece.
    private mutating func replacingUTF8(_ b: UnsafeBufferPointer<UInt8>, from start: Int, final: Bool) -> Int {
        var end = b.count
        if !final {
            // The last byte that can lead a character, if it is within three of the end and
            // what follows it could still become that character.
            var k = b.count - 1
            while k >= max(start, b.count - 3), b[k] & 0xC0 == 0x80 { k -= 1 }
            if k >= max(start, b.count - 3), b[k] >= 0xC2, b[k] <= 0xF4, Self.sequence(b, at: k, final: false) == 0 { end = k }
        }
        guard end > start else { return 0 }
        out.append(contentsOf: String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self).utf8)
        return end - start
    }

    /// UTF-16 without its mark. A lone surrogate, or a last byte with no partner (a file cut
    /// short), is an error where it stands, not a character dropped in silence.
    private mutating func utf16(_ b: UnsafeBufferPointer<UInt8>, from start: Int, final: Bool, bigEndian: Bool) -> Int {
        var i = start
        func unit(_ k: Int) -> UInt16 {
            let a = UInt16(b[k]), c = UInt16(b[k + 1])
            return bigEndian ? a << 8 | c : c << 8 | a
        }
        while i + 1 < b.count {
            let u = unit(i)
            if u < 0xD800 || u > 0xDFFF {
                Self.appendUTF8(UInt32(u), to: &out)
                i += 2
            } else if u <= 0xDBFF, i + 3 < b.count, (0xDC00...0xDFFF).contains(unit(i + 2)) {
                let low = unit(i + 2)
                Self.appendUTF8(0x10000 + (UInt32(u - 0xD800) << 10) + UInt32(low - 0xDC00), to: &out)
                i += 4
            } else if u <= 0xDBFF, i + 3 >= b.count, !final {
                break   // its partner may be in the next piece
            } else {
                if problem == nil {
                    problem = (textCount..<(textCount + 3), "this is not UTF-16 text: the code unit \(String(format: "0x%04X", u)) is half of a character",
                               "export the file again, preferably as UTF-8")
                }
                Self.appendUTF8(0xFFFD, to: &out)
                i += 2
            }
        }
        if final, i < b.count {
            if problem == nil {
                problem = (textCount..<textCount, "the file ends in the middle of a UTF-16 character: it was cut short",
                           "export the file again, preferably as UTF-8")
            }
            return b.count - start
        }
        return i - start
    }

    /// Old Mac exports end lines with a bare CR: a LF in its place keeps every byte offset. A
    /// CR at the end waits to see whether a LF follows.
    private mutating func checkLineBreaksAndNul(final: Bool) {
        let end = final ? textCount : textCount - 1
        guard checked < end else { return }
        let count = out.count, from = checked - taken, to = end - taken, base = taken
        var nul = firstNul
        out.withUnsafeMutableBufferPointer { text in
            for i in from..<to {
                let b = text[i]
                if b == 0x0D, i + 1 == count || text[i + 1] != 0x0A {
                    text[i] = 0x0A
                } else if b == 0, nul == nil {
                    nul = base + i
                }
            }
        }
        firstNul = nul
        checked = end
    }

    private static func appendWindows1252(_ b: UInt8, to out: inout [UInt8]) {
        if b < 0x80 {
            out.append(b)
        } else {
            appendUTF8(b < 0xA0 ? windows1252High[Int(b - 0x80)] : UInt32(b), to: &out)
        }
    }

    private static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case ..<0x80:
            out.append(UInt8(scalar))
        case ..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Windows-1252 bytes 0x80–0x9F (the rest is Latin-1). The five unassigned bytes keep their
    /// C1 control code, as the WHATWG encoding standard decodes them.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    private static func hex(_ byte: UInt8) -> String { SourceTextDecoder.hex(byte) }
}
