import Foundation
@testable import Kalkyl
import Testing

/// A data file is decoded piece by piece as it is read from disk (`ChunkedDataDecoder`): the
/// text and the encoding problem must be the same wherever the pieces are cut, so every case
/// here is decoded whole and in pieces of 1, 2, 3, 5 and 7 bytes, which cut every character,
/// UTF-16 pair and CR LF somewhere.
@Suite struct ChunkedDecodingTests {
    static let pieceSizes = [1, 2, 3, 5, 7, 64]

    /// What a decode gives, comparable.
    struct Result: Equatable, CustomStringConvertible {
        var text: [UInt8]
        var encoding: DataFormat.Encoding
        var problem: String?

        init(_ d: SourceTextDecoder.Decoded) {
            text = d.utf8
            encoding = d.encoding
            problem = d.problem.map { "\($0.range) \($0.message) | \($0.hint)" }
        }

        var description: String { "\(String(decoding: text, as: UTF8.self).debugDescription) \(encoding) \(problem ?? "-")" }
    }

    static func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) + text.utf16.flatMap { u in
            bigEndian ? [UInt8(u >> 8), UInt8(u & 0xFF)] : [UInt8(u & 0xFF), UInt8(u >> 8)]
        }
    }

    static let ae: UInt8 = 0xE4   // ä in Windows-1252

    /// Files with every awkward place in them.
    static let files: [(String, [UInt8])] = [
        ("empty", []),
        ("short", Array("a".utf8)),
        ("ascii CRLF", Array("id;x\r\n1;2\r\n3;4\r\n".utf8)),
        ("lone CRs", Array("id;x\r1;2\r\r3;4\r".utf8)),
        ("CR at the end", Array("id;x\r\n1;2\r".utf8)),
        ("utf8 letters", Array("id;titel\nE1;Sjuksköterska €\nE2;𝄞 Övrig\r\n".utf8)),
        ("utf8 with mark", [0xEF, 0xBB, 0xBF] + Array("id;namn\nE1;Åsa\r\n".utf8)),
        ("mark, then a broken byte", [0xEF, 0xBB, 0xBF] + Array("id;namn\nE1;L".utf8) + [ae] + Array("kare Åsa\n".utf8) + [0xE2, 0x82] + Array("x\n".utf8)),
        ("mark, broken at the end", [0xEF, 0xBB, 0xBF] + Array("id\nÅ".utf8) + [0xE2, 0x82]),
        ("windows-1252", Array("id;titel\nE1;L".utf8) + [ae] + Array("kare\r\nE2;".utf8) + [0xD6, 0x80, 0x9F, 0x81, 0x0D]),
        ("windows-1252 then utf8", Array("id;titel\nE1;L".utf8) + [ae] + Array("kare\nE2;Sjuksk".utf8) + [0xC3, 0xB6] + Array("terska\n".utf8)),
        ("windows-1252 then a 4-byte letter", Array("a;".utf8) + [0xE9] + Array(";".utf8) + Array("𝄞\n".utf8)),
        ("utf8 then windows-1252", Array("id;titel\r\nE1;Sjuksköterska\r\nE2;L".utf8) + [ae] + Array("kare\r\n".utf8)),
        ("utf8 cut short at the end", Array("id;Å\n".utf8) + [0xE2, 0x82]),
        ("ascii cut short at the end", Array("id;x\n".utf8) + [0xE2, 0x82]),
        ("overlong and surrogate bytes", Array("a\n".utf8) + [0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xF4, 0x90, 0x80, 0x80]),
        ("a NUL", Array("id;x\n1;".utf8) + [0] + Array("2\n".utf8)),
        ("a zip", [0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0]),
        ("a NUL after a mixed line", Array("ö\n".utf8) + [ae, 0]),
        ("utf16 LE", utf16("id;namn\r\nE1;Åsa 𝄞\r\nE2;Öl\r", bigEndian: false)),
        ("utf16 BE", utf16("id;namn\nE1;Åsa 𝄞\n", bigEndian: true)),
        ("utf16 cut short", utf16("id;x\n1;2", bigEndian: false) + [0x41]),
        ("utf16 lone high surrogate", utf16("id\nA", bigEndian: false) + [0x3D, 0xD8, 0x41, 0x00] + utf16("\n", bigEndian: false).dropFirst(2)),
        ("utf16 lone low surrogate", utf16("id\n", bigEndian: true) + [0xDC, 0x00, 0x00, 0x41]),
        ("utf16 high surrogate at the end", utf16("id\n", bigEndian: false) + [0x3D, 0xD8]),
        ("utf16 high surrogate and an odd byte", utf16("id\n", bigEndian: false) + [0x3D, 0xD8, 0x41]),
    ]

    @Test(arguments: files.indices)
    func piecesGiveTheWholeFilesText(_ k: Int) {
        let (name, bytes) = Self.files[k]
        let whole = Result(SourceTextDecoder.decode(bytes, as: .data))
        for size in Self.pieceSizes {
            let pieces = Result(ChunkedDataDecoder.decode(bytes, pieceSize: size))
            #expect(pieces == whole, "\(name), pieces of \(size): \(pieces) instead of \(whole)")
        }
    }

    /// The disk's reader, in pieces of 3 bytes and of its own size, gives the text of the whole bytes.
    @Test func aFileOnDiskIsDecodedAsItIsRead() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chunked-\(getpid()).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        for (name, bytes) in Self.files {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let whole = Result(SourceTextDecoder.decode(bytes, as: .data))
            for size in [3, DiskSources.pieceSize] {
                let read = Result(try DiskSources.decode(path, expectedSize: bytes.count, pieceSize: size))
                #expect(read == whole, "\(name), pieces of \(size)")
            }
            let text = try DiskSources().text(of: path, as: .data)
            #expect(text.file.bytes == whole.text && text.encoding == whole.encoding, "\(name)")
        }
    }

    /// Random files of ASCII, UTF-8 letters, Windows-1252 bytes, CRs and LFs, in every mix.
    @Test func randomFilesGiveTheSameTextInPieces() {
        var random = SplitMix64(seed: 10)
        let parts: [[UInt8]] = [Array("a".utf8), Array(";".utf8), [0x0D], [0x0A], [0x0D, 0x0A], Array("ö".utf8), Array("€".utf8), Array("𝄞".utf8),
                                [0xE4], [0x80], [0xC3], [0xE2, 0x82], [0xF0, 0x9D], [0x22]]
        for round in 0..<400 {
            var bytes: [UInt8] = round % 5 == 0 ? [0xEF, 0xBB, 0xBF] : []
            for _ in 0..<Int(random.next() % 24) { bytes += parts[Int(random.next() % UInt64(parts.count))] }
            if round % 7 == 0 { bytes = Self.utf16(String(decoding: bytes, as: UTF8.self), bigEndian: round % 2 == 0) + (round % 3 == 0 ? [0x41] : []) }
            let whole = Result(SourceTextDecoder.decode(bytes, as: .data))
            for size in [1, 2, 3] {
                let pieces = Result(ChunkedDataDecoder.decode(bytes, pieceSize: size))
                #expect(pieces == whole, "\(bytes), pieces of \(size): \(pieces) instead of \(whole)")
            }
        }
    }

}

/// A source file keeps the start of every 32nd line only; every place still has its line and column.
@Suite struct SampledLineStartsTests {
    @Test func everyPlaceHasTheLineAndColumnOfAFullIndex() {
        var text = ""
        for k in 0..<200 { text += (k % 7 == 0 ? "" : "rad \(k);ö;" + String(repeating: "x", count: k % 5)) + (k % 3 == 0 ? "\r\n" : "\n") }
        let bytes = Array(text.utf8)
        let file = SourceFile(path: "x", validUTF8: bytes)
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == 0x0A { starts.append(i + 1) }
        #expect(file.lineCount == starts.count)
        #expect((0..<file.lineCount).map(file.lineStart) == starts)
        for offset in 0...bytes.count {
            let line = starts.lastIndex { $0 <= offset }!
            let column = String(decoding: bytes[starts[line]..<offset], as: UTF8.self).count + 1
            let found = file.lineAndColumn(of: offset)
            #expect(found.line == line + 1 && found.column == column, "offset \(offset)")
        }
        for number in [1, 32, 33, 34, 65, 199] {
            var end = starts[number] - 1   // its line break
            if bytes[end - 1] == 0x0D { end -= 1 }
            #expect(file.line(number) == String(decoding: bytes[starts[number - 1]..<end], as: UTF8.self))
        }
        #expect(file.line(file.lineCount) == "")
        #expect(file.line(file.lineCount + 1) == "")
    }
}
