@testable import Kalkyl
import Testing

/// A data file's records scanned as its decoded text comes, a piece at a time
/// (`RecordScanner.add`): the records, their fields, the problems and the table made of them
/// are those of the whole text wherever the pieces are cut, inside a quoted field, between a
/// CR and its LF, in a doubled quote, after a byte-order mark.
@Suite struct RecordsInPiecesTests {
    static let pieceSizes = [1, 2, 3, 7]

    /// Texts whose records are cut in every way a piece can cut them.
    static let texts: [String] = [
        "a;b;c\n1;2;3\n",
        "a;b;c\r\n1;2;3\r\n\r\n4;5;6",                                   // CRLF, an empty line, no last line break
        "id;text;v\nA;\"one\ntwo\r\nthree\";1\nB;\"x\"\"y\"\"\";2\n",        // quoted line breaks and doubled quotes
        "id;text;v\nA;\"never closed;1\nB;ok;2\nC;\"\";3\n",              // an unclosed quote, then more rows
        "id;v\nA;\"12\"3\nB;\"4\"  ;\nC;  \"5\"\n",                          // text after a closing quote; padding around quotes
        "id;v\nA;\"",                                                      // a quote at the very end
        "id;v\nA;\"\"",                                                    // an empty quoted field at the very end
        "id;v\nA;\"x\"\"",                                                 // a doubled quote at the very end: never closed
        "\n\n;;\nx\n\"\"\n",                                              // empty lines and empty fields
        "a,\"b,c\",d\r\n1,\"2\r\n\",3\r",                                 // a lone CR at the end
    ]

    struct Scanned: Equatable {
        var records: [RecordScanner.Record] = []
        var fields: [[FieldSpan]] = []
        var texts: [[String]] = []
        var problems: [RecordScanner.Problem] = []
    }

    /// Every record of `text`, given `pieceSize` bytes at a time (nil: whole).
    func scan(_ text: [UInt8], separator: UInt8, from start: Int = 0, pieceSize: Int?) -> Scanned {
        var scanner = RecordScanner(separator: separator, from: start)
        var scanned = Scanned()
        func drain() {
            while let record = scanner.next() {
                scanned.records.append(record)
                scanned.fields.append(scanner.fields)
                scanned.texts.append(scanner.fields.map { scanner.text(of: $0) })
            }
        }
        let step = pieceSize ?? max(1, text.count)
        var at = 0
        while at < text.count {
            scanner.add(text[at..<min(text.count, at + step)])
            drain()
            at += step
        }
        scanner.finish()
        drain()
        scanned.problems = scanner.problems
        return scanned
    }

    @Test(arguments: texts) func theRecordsAndProblemsAreTheSameWhereverThePiecesAreCut(_ text: String) {
        let bytes = Array(text.utf8)
        let separator = UInt8(ascii: text.hasPrefix("a,") ? "," : ";")
        let whole = scan(bytes, separator: separator, pieceSize: nil)
        for size in Self.pieceSizes {
            #expect(scan(bytes, separator: separator, pieceSize: size) == whole, "pieces of \(size)")
        }
    }

    @Test func theRecordsOfTheWholeTextAreTheFilesRecords() {
        let scanned = scan(Array("id;text;v\nA;\"one\ntwo\";1\nC;\"3\"x;4\n\nD;;5\nB;\"never;2\nE;6;7".utf8), separator: UInt8(ascii: ";"), pieceSize: 2)
        #expect(scanned.texts == [["id", "text", "v"], ["A", "one\ntwo", "1"], ["C", "3", "4"], ["D", "", "5"], ["E", "6", "7"]])
        #expect(scanned.records.map(\.broken) == [false, false, true, false, false])
        #expect(scanned.problems.map(\.message) == ["text after the closing quote of a field", "this quote is never closed"])
        #expect(scanned.problems.map(\.range) == [SourceRange(29, 30), SourceRange(41, 42)])
    }

    @Test func textBeforeTheStartIsNotScannedWhateverThePieces() {
        let text = Array("sep=,\na;b,c\n1;2,3\n".utf8)
        let whole = scan(text, separator: UInt8(ascii: ","), from: 6, pieceSize: nil)
        #expect(whole.texts == [["a;b", "c"], ["1;2", "3"]])
        #expect(whole.fields[0][0] == FieldSpan(6, 9))
        for size in Self.pieceSizes { #expect(scan(text, separator: UInt8(ascii: ","), from: 6, pieceSize: size) == whole) }
    }

    /// Only the record being read stays in the window: what `next` gave is dropped at the next piece.
    @Test func theWindowHoldsTheRecordBeingReadNotTheRecordsBefore() {
        var scanner = RecordScanner(separator: UInt8(ascii: ";"))
        var rows = 0
        for _ in 0..<1_000 {
            scanner.add(Array("1234;5678;\"9\n0\"\n".utf8))
            while scanner.next() != nil { rows += 1 }
            #expect(scanner.window.count <= 16)
        }
        scanner.finish()
        while scanner.next() != nil { rows += 1 }
        #expect(rows == 1_000)
        #expect(scanner.base + scanner.window.count == 16_000)
    }

    /// A quote never closed keeps the rest of the text (its close could be anywhere), but its
    /// search goes on where it stopped: in one-byte pieces it is not searched again from the
    /// quote at every byte, which would take 64 K × 64 K steps.
    @Test func aNeverClosedQuoteInOneBytePiecesIsSearchedOnce() {
        let text = Array(("id;v\nA;\"" + String(repeating: "x;1\n", count: 16_384)).utf8)
        let scanned = scan(text, separator: UInt8(ascii: ";"), pieceSize: 1)
        #expect(scanned.problems.map(\.range) == [SourceRange(7, 8)])
        #expect(scanned.texts.count == 1 + 16_383)
    }

    /// A record far longer than a piece (a file without line breaks) is read again only when
    /// the window holds twice what it held at the last try: a megabyte in kilobyte pieces is
    /// tried about 11 times, not 1,024 times from its start.
    @Test func aRecordLongerThanManyPiecesIsReadALogarithmicNumberOfTimes() {
        let field = String(repeating: "x", count: 63) + ";"
        let text = Array(("id;v\n" + String(repeating: field, count: 16_384) + "\nA;1\n").utf8)
        var scanner = RecordScanner(separator: UInt8(ascii: ";"))
        var records: [Int] = []
        var at = 0
        while at < text.count {
            scanner.add(text[at..<min(text.count, at + 1_024)])
            while scanner.next() != nil { records.append(scanner.fields.count) }
            at += 1_024
        }
        scanner.finish()
        while scanner.next() != nil { records.append(scanner.fields.count) }
        #expect(records == [2, 16_385, 2])
        #expect(scanner.unfinishedReads <= 12, "tried \(scanner.unfinishedReads) times")
        #expect(scan(text, separator: UInt8(ascii: ";"), pieceSize: 1_024) == scan(text, separator: UInt8(ascii: ";"), pieceSize: nil))
    }

    // MARK: The table read from pieces

    /// The table's header, rows (every field's place and text), format and diagnostics, as text.
    func summary(_ table: DataTable) -> [String] {
        var lines = ["format \(table.format)", "header \(table.header.map { "\($0.range) \($0.text)" })"]
        for row in 0..<table.rowCount {
            lines.append("row \(table.rowRange(row)) \((0..<table.header.count).map { "\(table.span(row, $0).range) \(table.cell(row, $0).text)" })")
        }
        for d in table.diagnostics {
            let at = d.location.map { "\($0.range) \($0.line):\($0.column)" } ?? "nowhere"
            lines.append("\(at) \(d.code?.description ?? "") \(d.message) \(d.hint ?? "") \(d.notes.map(\.message))")
        }
        return lines
    }

    static let files: [[UInt8]] = [
        Array("id;text;v\nA;\"one\ntwo\";1\nB;2\nC;3;4;5\nD;3;4;;\nF;\"3\"x;4\nG;ok;1,5\nE;\"never;2\nH;7;8\n".utf8),   // too few, too many, unclosed, stray
        [0xEF, 0xBB, 0xBF] + Array("id;v\r\nÅ;1\r\n\r\nB;\"2\r\n3\"\r\n".utf8),                              // a byte-order mark and CRLF
        Array("sep=,\r\nid,v\r\nA,1.5\r\nB,\"2,5\"\r\n".utf8),                                             // Excel's separator line
        Array("id;t;v\n".utf8) + [0xC5, 0x6B, 0x65] + Array(";1;x\nB;\"".utf8) + [0xE4] + Array("\n\";2\n".utf8),  // Windows-1252
        Array("id;\"v\nA;1\nB;2\n".utf8),                                                                  // a quote lost in the header
        Array("id;id\nA;1\n".utf8),                                                                        // a column named twice
        Array("\n\n".utf8),                                                                                // no header
    ]

    @Test(arguments: files) func theTableIsTheSameWhereverThePiecesAreCut(_ bytes: [UInt8]) {
        let decoded = SourceText(bytes: bytes, path: "test.csv", as: .data)
        let whole = summary(DataTable.parse(decoded, pieceSize: Int.max))
        #expect(!whole.isEmpty)
        for size in Self.pieceSizes {
            #expect(summary(DataTable.parse(decoded, pieceSize: size)) == whole, "pieces of \(size)")
        }
    }

    @Test func theTableInPiecesKeepsItsDiagnosticsPlaces() {
        let table = DataTable.parse(SourceText(bytes: Self.files[0], path: "test.csv", as: .data), pieceSize: 3)
        expectDataDiagnostics(table.diagnostics, [
            (at: "4:4", text: "", message: "this row has 2 fields, but the header has 3"),
            (at: "5:7", text: "5", message: "this row has 4 fields, but the header has 3"),
            (at: "7:6", text: "x", message: "text after the closing quote of a field"),
            (at: "9:3", text: "\"", message: "this quote is never closed"),
        ])
        #expect(table.rows.map { $0.cells.map(\.text) } == [["A", "one\ntwo", "1"], ["D", "3", "4"], ["G", "ok", "1,5"], ["H", "7", "8"]])
    }
}
