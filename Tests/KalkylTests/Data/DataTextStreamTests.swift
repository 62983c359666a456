import Foundation
@testable import Kalkyl
import Testing

/// A data file's text handed out a piece at a time as it is read (`DataTextStream`): the pieces
/// make the text the whole read gives, each at its place, the records scanned from them as they
/// come are the whole text's, and the file-backed form made as they passed answers every place
/// and line as the text in memory does. A file with a problem is not streamed (read whole).
@Suite struct DataTextStreamTests {
    static let pieceSizes = [1, 2, 3, 7, DiskSources.pieceSize]

    /// Files with every awkward place in them, and the record texts cut in every way.
    static var files: [(String, [UInt8])] {
        ChunkedDecodingTests.files + RecordsInPiecesTests.texts.map { ($0.debugDescription, Array($0.utf8)) } + [
            ("a U+FEFF after a mark", [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + Array("a;b\n1;2\n".utf8)),
            ("a U+FEFF without a mark", [0xEF, 0xBB, 0xBF] + Array("a;b\n1;2\n".utf8)),
            ("utf16 with a U+FEFF", ChunkedDecodingTests.utf16("\u{FEFF}id;x\n1;2\n", bigEndian: false)),
            ("many lines", Array((0..<100).map { "rad \($0);ö;\($0 % 3 == 0 ? "\"a\r\nb\"" : "x")\r\n" }.joined().utf8)),
            ("windows-1252 lines", Array((0..<70).map { "r\($0);" }.joined(separator: "\n").utf8) + [0xE4] + Array("\n1;2\n".utf8)),
        ]
    }

    struct Streamed {
        var text: [UInt8] = []
        var placesRight = true
        var read: DataTextStream.Read?
    }

    func stream(_ path: String, pieceSize: Int, _ also: (UnsafeBufferPointer<UInt8>, Int) -> Void = { _, _ in }) throws -> Streamed {
        var streamed = Streamed()
        streamed.read = try DataTextStream.read(path, pieceSize: pieceSize) { piece, at in
            if at != streamed.text.count { streamed.placesRight = false }
            streamed.text += piece
            also(piece, at)
            return true
        }
        return streamed
    }

    func withFile<T>(_ bytes: [UInt8], _ body: (String) throws -> T) throws -> T {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return try body(path)
    }

    @Test func thePiecesAreTheWholeReadsTextAtTheirPlaces() throws {
        for (name, bytes) in Self.files {
            try withFile(bytes) { path in
                let whole = try DiskSources().text(of: path, as: .data)
                for size in Self.pieceSizes {
                    let streamed = try stream(path, pieceSize: size)
                    guard whole.problem == nil else {
                        #expect(streamed.read == nil, "\(name): a file with a problem is read whole")
                        continue
                    }
                    #expect(streamed.text == whole.file.bytes, "\(name), pieces of \(size)")
                    #expect(streamed.placesRight, "\(name), pieces of \(size)")
                    #expect(streamed.read?.encoding == whole.encoding, "\(name), pieces of \(size)")
                }
            }
        }
    }

    /// The records, fields and problems `RecordScanner` finds in the pieces as they come are
    /// those of the whole text.
    @Test func recordsScannedAsThePiecesComeAreTheWholeTexts() throws {
        for (name, bytes) in Self.files {
            try withFile(bytes) { path in
                let whole = try DiskSources().text(of: path, as: .data)
                guard whole.problem == nil else { return }
                let separator = FormatDetection.separator(ofHeaderIn: whole.file.bytes, from: 0).byte
                let expected = RecordsInPiecesTests().scan(whole.file.bytes, separator: separator, pieceSize: nil)
                for size in Self.pieceSizes {
                    var scanner = RecordScanner(separator: separator)
                    var scanned = RecordsInPiecesTests.Scanned()
                    func drain() {
                        while let record = scanner.next() {
                            scanned.records.append(record)
                            scanned.fields.append(scanner.fields)
                            scanned.texts.append(scanner.fields.map { scanner.text(of: $0) })
                        }
                    }
                    _ = try stream(path, pieceSize: size) { piece, _ in
                        scanner.add(piece)
                        drain()
                    }
                    scanner.finish()
                    drain()
                    scanned.problems = scanner.problems
                    #expect(scanned == expected, "\(name), pieces of \(size)")
                }
            }
        }
    }

    /// The file-backed form made as the text passed gives every place's line and column and
    /// every line as the text in memory does.
    @Test func theFileBackedFormMadeAsTheTextPassedAnswersAsTheText() throws {
        for (name, bytes) in Self.files {
            try withFile(bytes) { path in
                let whole = try DiskSources().text(of: path, as: .data)
                guard whole.problem == nil else { return }
                for size in [1, 5, DiskSources.pieceSize] {
                    guard let file = try stream(path, pieceSize: size).read?.file else {
                        Issue.record("\(name): not streamed")
                        return
                    }
                    #expect(file.isFileBacked)
                    #expect(file.lineCount == whole.file.lineCount && file.textLength == whole.file.textLength, "\(name)")
                    for offset in 0...whole.file.textLength where file.lineAndColumn(of: offset) != whole.file.lineAndColumn(of: offset) {
                        Issue.record("\(name), pieces of \(size): offset \(offset) at \(file.lineAndColumn(of: offset)), not \(whole.file.lineAndColumn(of: offset))")
                        break
                    }
                    for line in 1...whole.file.lineCount where file.line(line) != whole.file.line(line) {
                        Issue.record("\(name), pieces of \(size): line \(line) reads \(file.line(line).debugDescription), not \(whole.file.line(line).debugDescription)")
                        break
                    }
                }
            }
        }
    }

    /// A pipe cannot be read a second time: it is never streamed, so the caller's whole read gets all of it.
    @Test func aPipeIsNotStreamed() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stream-pipe-\(getpid())").path
        defer { unlink(path) }
        #expect(mkfifo(path, 0o600) == 0)
        var pieces = 0
        let read = try DataTextStream.read(path) { _, _ in pieces += 1; return true }
        #expect(read == nil && pieces == 0)
    }
}
