import Foundation
@testable import Kalkyl
import Testing

/// A data file's places are found without its text in memory (`SourceFile.droppingText()`,
/// `LineSampler`): every place, line and the whole text must be what the in-memory form gives,
/// in every encoding a data file may have, with every kind of line end, around every 32nd line
/// (where the samples are), and at the end with and without a final line break.
@Suite struct FileBackedSourceTests {
    /// Lines with letters of one, two, three and four bytes in UTF-8 and a combining accent
    /// (two characters' bytes, one column).
    static func lines(_ count: Int, wide: Bool = true) -> [String] {
        (0..<count).map { i in
            let letters = wide ? "Åsa 𝄞 e\u{301} €" : "Åsa é €"
            return i % 5 == 3 ? "" : "rad \(i);\(String(repeating: letters, count: i % 3));\(i * 7),25"
        }
    }

    static func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) + text.utf16.flatMap { u in
            bigEndian ? [UInt8(u >> 8), UInt8(u & 0xFF)] : [UInt8(u & 0xFF), UInt8(u >> 8)]
        }
    }

    static func windows1252(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { s in s == "€" ? 0x80 : UInt8(s.value) }
    }

    static let files: [(String, [UInt8])] = {
        let plain = lines(100).joined(separator: "\n")
        return [
            ("empty", []),
            ("one line, no break", Array("a;b".utf8)),
            ("one line break only", Array("\n".utf8)),
            ("UTF-8, final break", Array((plain + "\n").utf8)),
            ("UTF-8, no final break", Array(plain.utf8)),
            ("UTF-8, 32 lines and a break", Array((lines(32).joined(separator: "\n") + "\n").utf8)),
            ("UTF-8, 64 lines and a break", Array((lines(64).joined(separator: "\n") + "\n").utf8)),
            ("UTF-8, 33 lines", Array(lines(33).joined(separator: "\n").utf8)),
            ("UTF-8 with mark, CRLF", [0xEF, 0xBB, 0xBF] + Array((lines(97).joined(separator: "\r\n") + "\r\n").utf8)),
            ("UTF-8 with mark and a second U+FEFF", [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + Array(plain.utf8)),
            ("UTF-8 starting with U+FEFF", [0xEF, 0xBB, 0xBF] + Array(lines(40).joined(separator: "\n").utf8)),
            ("lone CRs", Array((lines(70).joined(separator: "\r") + "\r").utf8)),
            ("CRs, CRLFs and LFs", Array(lines(90).enumerated().map { $1 + ["\r", "\r\n", "\n"][$0 % 3] }.joined().utf8)),
            ("UTF-16 LE, CRLF", utf16(lines(80).joined(separator: "\r\n") + "\r\n", bigEndian: false)),
            ("UTF-16 BE, LF, no final break", utf16(plain, bigEndian: true)),
            ("UTF-16 LE, lone CRs", utf16(lines(66).joined(separator: "\r"), bigEndian: false)),
            ("UTF-16 BE with a U+FEFF after its mark", utf16("\u{FEFF}" + plain + "\n", bigEndian: true)),
            ("Windows-1252, CRLF", windows1252(lines(100, wide: false).joined(separator: "\r\n") + "\r\n")),
            ("Windows-1252, LF, no final break", windows1252(lines(65, wide: false).joined(separator: "\n"))),
            ("Windows-1252 after 40 ASCII lines", Array((0..<40).map { "r\($0);1" }.joined(separator: "\n").utf8) + [0x0A] + windows1252(lines(30, wide: false).joined(separator: "\n"))),
        ]
    }()

    static func path(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("file-backed-\(getpid())-\(name).csv").path
    }

    /// Every place, line and the text of `backed` are those of `memory`.
    static func expectSame(_ backed: SourceFile, _ memory: SourceFile, _ name: String) {
        #expect(backed.isFileBacked && backed.bytes.isEmpty, "\(name)")
        #expect(backed.lineCount == memory.lineCount, "\(name): line count")
        #expect(backed.textLength == memory.bytes.count, "\(name): text length")
        for offset in -1...(memory.bytes.count + 1) {
            let b = backed.lineAndColumn(of: offset), m = memory.lineAndColumn(of: offset)
            #expect(b == m, "\(name): offset \(offset)")
            if b != m { return }
        }
        for line in 0...(memory.lineCount + 1) {
            #expect(backed.line(line) == memory.line(line), "\(name): line \(line)")
        }
        #expect(backed.text == memory.text, "\(name): text")
        for start in stride(from: 0, through: memory.bytes.count, by: 13) {
            for length in [0, 5, 200, 5_000] {
                let range = SourceRange(start, start + length)
                #expect(backed.text(in: range) == memory.text(in: range), "\(name): text in \(start) + \(length)")
            }
        }
    }

    @Test func droppingTheTextAnswersAsTheTextDoes() throws {
        for (name, bytes) in Self.files {
            let path = Self.path("drop")
            defer { try? FileManager.default.removeItem(atPath: path) }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let read = try DiskSources().text(of: path, as: .data)
            #expect(read.problem == nil, "\(name)")
            #expect(read.file.origin != nil, "\(name): read from disk")
            Self.expectSame(read.file.droppingText(), read.file, name)
        }
    }

    /// The form `LineSampler` makes from the decoder's text in pieces (as a reader that never
    /// holds the text gives it) is the same, wherever the pieces are cut.
    @Test func samplingTheTextInPiecesAnswersAsTheTextDoes() throws {
        for (name, bytes) in Self.files {
            let path = Self.path("sample")
            defer { try? FileManager.default.removeItem(atPath: path) }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let read = try DiskSources().text(of: path, as: .data)
            let decoded = SourceTextDecoder.decode(bytes, as: .data)
            let origin = try #require(read.file.origin)
            for size in [1, 2, 7, 1 << 20] {
                var sampler = LineSampler()
                var start = 0
                repeat {
                    let end = min(decoded.utf8.count, start + size)
                    sampler.add(Array(decoded.utf8[start..<end]), encoding: decoded.encoding)
                    start = end
                } while start < decoded.utf8.count
                Self.expectSame(sampler.fileBacked(path: path, origin: origin), read.file, "\(name), pieces of \(size)")
            }
        }
    }

    /// A diagnostic at a place in a data file prints the same from either form.
    @Test func aDiagnosticRendersTheSame() throws {
        let path = Self.path("diagnostic")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(Self.utf16(Self.lines(70).joined(separator: "\r\n"), bigEndian: false)).write(to: URL(fileURLWithPath: path))
        let memory = try DiskSources().text(of: path, as: .data).file
        let backed = memory.droppingText()
        for line in [1, 32, 33, 63, 65, 70] {
            let start = memory.lineStart(line - 1) + 4
            let range = SourceRange(start, start + 3)
            let render = { (file: SourceFile) in
                DiagnosticRenderer.render(.error("not a number", at: SourceLocation(file: file, range: range), hint: "write it as 1,5"))
            }
            #expect(render(backed) == render(memory), "line \(line)")
            #expect(render(backed).contains("\(path):\(line):5: error: not a number\n"), "line \(line)")
        }
    }

    /// A file saved again, cut or gone after it was read is said to be so in the quoted line,
    /// never quoted as if it were the one read.
    @Test func aChangedFileIsSaidToHaveChanged() throws {
        let path = Self.path("changed")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = Self.lines(100).joined(separator: "\n") + "\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let read = try DiskSources().text(of: path, as: .data)
        let backed = read.file.droppingText()
        let late = read.file.lineStart(80)

        // The same size, one letter changed, saved a second later: the modification time tells.
        try Data(text.replacingOccurrences(of: "rad 80", with: "rad 8X").utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(1)], ofItemAtPath: path)
        #expect(backed.line(81) == "(the file has changed since it was read)")
        #expect(backed.lineAndColumn(of: late + 2) == (65, 1))
        #expect(DiagnosticRenderer.render(.error("x", at: SourceLocation(file: backed, range: SourceRange(late, late + 1))))
                .contains("(the file has changed since it was read)\n"))
        #expect(backed.text == "")

        // Cut short, then gone.
        try Data(text.utf8.prefix(100)).write(to: URL(fileURLWithPath: path))
        #expect(backed.line(2) == "(the file has changed since it was read)")
        try FileManager.default.removeItem(atPath: path)
        #expect(backed.line(3) == "(the file can no longer be read)")
        #expect(backed.lineAndColumn(of: 10) == (1, 1))
    }

    /// A file rewritten in place at the same size with its modification time put back (as
    /// `cp -p` or `touch -r` do), one line break moved: the change time tells, and a stretch
    /// with another count of line breaks is never quoted. Before, line 3 was quoted as the old
    /// line 4 and line 4 read past the stretch.
    @Test func aFileRewrittenWithItsOldModificationTimeIsSaidToHaveChanged() throws {
        let path = Self.path("same-time")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("id;x\nA1;10\nB2;20\nC3;30".utf8).write(to: URL(fileURLWithPath: path))
        let read = try DiskSources().text(of: path, as: .data)
        let backed = read.file.droppingText()   // nothing read back yet: no stretch is cached
        let modified = try #require(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.write(contentsOf: Data("id;x\nA1;10;B2;99\nC3;30".utf8))
        try handle.close()
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: path)
        for line in 1...4 {
            #expect(backed.line(line) == "(the file has changed since it was read)", "line \(line)")
        }
    }

    /// A path that has become a named pipe is said to have changed at once, not waited on.
    @Test func aFileReplacedByANamedPipeIsNotWaitedOn() throws {
        let path = Self.path("pipe")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("id;x\nA1;10\n".utf8).write(to: URL(fileURLWithPath: path))
        let backed = try DiskSources().text(of: path, as: .data).file.droppingText()
        try FileManager.default.removeItem(atPath: path)
        #expect(mkfifo(path, 0o600) == 0)
        #expect(backed.line(2) == "(the file has changed since it was read)")
    }

    /// Text not read from disk, or read with a problem, stays in memory: there is nothing to
    /// read back, or its decoding is not the same all through.
    @Test func onlyTextReadFromDiskWithoutAProblemIsDropped() throws {
        #expect(!SourceFile(path: "m.kalkyl", text: "a = 1\n").droppingText().isFileBacked)
        let memory = try MemorySources(["/x/d.csv": "id;x\n1;2\n"], fallback: nil).text(of: "/x/d.csv", as: .data)
        #expect(!memory.file.droppingText().isFileBacked)
        let path = Self.path("mixed")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(Array("id;ö\nE2;L".utf8) + [0xE4] + Array("kare\n".utf8)).write(to: URL(fileURLWithPath: path))
        let mixed = try DiskSources().text(of: path, as: .data)
        #expect(mixed.problem != nil)
        #expect(!mixed.file.droppingText().isFileBacked)
    }
}
