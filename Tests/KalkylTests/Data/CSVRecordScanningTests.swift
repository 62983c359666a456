import Foundation
@testable import Kalkyl
import Testing

/// Reading a file record by record (`RecordScanner.next`) into a table that keeps only each row's
/// spans, and the file's text held once: what keeps a 1 GB ledger's memory bounded. Each
/// test pins that the rows, cells and diagnostics are those of the file, wherever a record
/// reuses the fields of the one before it.
@Suite struct CSVRecordScanningTests {
    func parse(_ text: String, options: DataReadOptions = .detect) -> DataTable {
        DataTable.parse(text: text, path: "test.csv", options: options)
    }

    @Test func recordsComeOneAtATimeEachWithOnlyItsOwnFields() {
        var scanner = RecordScanner(text: Array("a;b;c;d;e\n1;2\n\n3;\"x\ny\";4\n".utf8), separator: UInt8(ascii: ";"))
        var counts: [Int] = [], texts: [[String]] = []
        while let record = scanner.next() {
            counts.append(scanner.fields.count)
            texts.append(scanner.fields.map { scanner.text(of: $0) })
            #expect(!record.broken)
        }
        // A short record after a long one has only its own fields; the empty line is no record.
        #expect(counts == [5, 2, 3])
        #expect(texts == [["a", "b", "c", "d", "e"], ["1", "2"], ["3", "x\ny", "4"]])
        #expect(scanner.next() == nil)
    }

    @Test func aQuoteOverManyLinesAndAnUnclosedQuoteThenMoreRows() throws {
        let table = parse("id;text;v\nA;\"one\ntwo\nthree\";1\nB;\"never closed;2\nC;ok;3\n")
        try #require(table.rowCount == 2)
        #expect(table.rows.map { $0.cells.map(\.text) } == [["A", "one\ntwo\nthree", "1"], ["C", "ok", "3"]])
        expectDataDiagnostics(table.diagnostics, [(at: "5:3", text: "\"", message: "this quote is never closed")])
        // C's row is on line 6: the quoted line breaks count.
        #expect(table.location(table.rows[1].range).line == 6)
    }

    @Test func aQuoteLostInTheHeaderLeavesNoHeaderRatherThanADataRowInItsPlace() {
        let table = parse("id;\"v\nA;1\nB;2\n")
        #expect(table.header.isEmpty)
        #expect(table.rowCount == 0)
        expectDataDiagnostics(table.diagnostics, [(at: "1:4", text: "\"", message: "this quote is never closed")])
    }

    @Test func theDecimalMarkIsCountedOverEveryRowEvenOneWithTooManyFields() {
        // Two rows show a point, one of them refused for its field count: the point still wins, as it did
        // when every record was kept before the mark was decided.
        let table = parse("id;v\nA;1,5\nB;2.5;x\nC;3.5\n")
        #expect(table.format.decimalMark == .point)
        #expect(table.rows.count == 2)
        expectDataDiagnostics(table.diagnostics, [(at: "3:7", text: "x", message: "this row has 3 fields, but the header has 2")])
    }

    @Test func aGivenDecimalMarkIsNotCounted() {
        let table = parse("id;v\nA;1.5\n", options: DataReadOptions(decimalMark: .comma))
        #expect(table.format.decimalSource == .given)
    }

    @Test func crlfAndAByteOrderMarkKeepEveryPlace() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("id;v\r\nÅ;1\r\n\r\nB;\"2\r\n3\"\r\n".utf8)
        let table = DataTable.parse(bytes: bytes, path: "test.csv")
        #expect(table.format.encoding == .utf8WithBOM)
        #expect(table.diagnostics.isEmpty)
        try #require(table.rowCount == 2)
        #expect(table.rows.map { $0.cells.map(\.text) } == [["Å", "1"], ["B", "2\r\n3"]])
        #expect(table.location(table.rows[1].range).line == 4)
        #expect(table.file.bytes.first == UInt8(ascii: "i"))
    }

    @Test func windows1252IsTranscodedOnceAndItsPlacesAreCharacters() throws {
        let bytes: [UInt8] = Array("id;t;v\n".utf8) + [0xC5, 0x6B, 0x65] + Array(";1;x\nB;\"".utf8) + [0xE4] + Array("\n\";2\n".utf8)
        let table = DataTable.parse(bytes: bytes, path: "test.csv")
        #expect(table.format.encoding == .windows1252)
        #expect(table.diagnostics.isEmpty)
        try #require(table.rowCount == 2)
        #expect(table.rows[0].cells[0].text == "Åke")
        #expect(table.rows[1].cells[1].text == "ä\n")
        #expect(table.location(of: table.rows[1].cells[2]).line == 4)
        #expect(table.location(of: table.rows[0].cells[1]).column == 5)
    }

    @Test func aRowKeepsItsFieldsStartsAndEveryFieldAndRowEndsWhereItIsWritten() throws {
        // Padding after a closing quote, empty fields past the last column, an empty last field, CRLF.
        let table = parse("id;text;v\r\nA;\"x;y\"  ;1;;\r\nB;;\r\n\"C\";\"\";  7 \r\n")
        #expect(table.diagnostics.isEmpty)
        try #require(table.rowCount == 3)
        func written(_ row: Int, _ column: Int) -> String {
            let span = table.span(row, column)
            return String(decoding: table.file.bytes[Int(span.start)..<Int(span.end)], as: UTF8.self)
        }
        #expect((0..<3).map { written(0, $0) } == ["A", "\"x;y\"  ", "1"])
        #expect((0..<3).map { written(1, $0) } == ["B", "", ""])
        #expect((0..<3).map { written(2, $0) } == ["\"C\"", "\"\"", "  7 "])
        // A row's range runs to the end of its record, the empty fields after the last column included.
        let range = table.rowRange(0)
        #expect(String(decoding: table.file.bytes[range.start..<range.end], as: UTF8.self) == "A;\"x;y\"  ;1;;")
        #expect(table.rows[1].cells.map(\.text) == ["B", "", ""])
        #expect(table.isBlankRow(1) == false)
        #expect(table.rows[2].cells.map(\.trimmed) == ["C", "", "7"])
    }

    /// A row of 64 KiB or more keeps its offsets whole; the rows around it keep two bytes a field.
    @Test func aRowTooLongForTwoByteOffsetsKeepsItsFieldsAndEnd() throws {
        let long = String(repeating: "x", count: 70_000), last = String(repeating: "y", count: 65_535)
        let table = parse("id;text;v\nA;b;1\nB;\(long);2;;\nC;\"\(last)\n\";3\nD;;\(last)\n")
        #expect(table.diagnostics.isEmpty)
        try #require(table.rowCount == 4)
        #expect(table.rows.map { $0.cells.map(\.text) } == [["A", "b", "1"], ["B", long, "2"], ["C", last + "\n", "3"], ["D", "", last]])
        #expect(table.longRows.count == 3)
        let range = table.rowRange(1)
        #expect(String(decoding: table.file.bytes[range.start..<range.end], as: UTF8.self) == "B;\(long);2;;")
        #expect(table.location(3, 2).line == 6 && table.location(3, 2).column == 4)
    }

    @Test func aSourceFileHoldsItsTextOnceAsBytes() {
        let file = SourceFile(path: "x", validUTF8: Array("a;b\nc;d\n".utf8))
        #expect(file.text == "a;b\nc;d\n")
        #expect((0..<file.lineCount).map(file.lineStart) == [0, 4, 8])
        #expect(file.line(2) == "c;d")
        // A second mark after the one the decoder took off is dropped too, as the text's was.
        #expect(SourceFile(path: "x", validUTF8: [0xEF, 0xBB, 0xBF, 0x61]).bytes == [0x61])
        #expect(SourceFile(path: "x", text: "\u{FEFF}ab").bytes == [0x61, 0x62])
    }

    @Test func aLedgerSummedPerAccountAndMonthNamesEveryRowBehindAFigure() {
        var text = "konto;period;belopp\n"
        for k in 0..<3_000 { text += "\(3000 + k % 3);2024-0\(1 + k % 2);\(k),25\n" }
        let table = parse(text)
        let timeline = Timeline(granularity: .monthly, first: 2024 * 12, count: 12)
        let read = table.long(periodColumn: "period", keyColumns: ["konto"], amountColumn: "belopp", timeline: timeline, duplicates: .sum)
        #expect(read.diagnostics.isEmpty)
        #expect(read.items.count == 3)
        // Konto 3000 in January: rows k ≡ 0 (mod 6), 500 of them.
        let rows = stride(from: 0, to: 3_000, by: 6)
        #expect(read.items[0].values[0] == .number(rows.reduce(0.0) { $0 + Double($1) + 0.25 }))
        #expect(read.items[0].summedOffsets[0]?.count == 500)
        #expect(read.items[0].summedOffsets[0]?[0] == read.items[0].locations[0]!.range.start)
        let second = read.items[0].summedOffsets[0]![1]
        #expect(table.file.lineAndColumn(of: second) == (8, 14))
    }
}

@Suite struct FileSizeLimitTests {
    @Test func theLimitFollowsTheMachinesMemoryPast2GiB() {
        #expect(DiskSources.sizeLimit(memory: 4 << 30) == 1 << 30)
        #expect(DiskSources.sizeLimit(memory: 64 << 30) == 16 << 30)
        #expect(DiskSources.sizeLimit == DiskSources.sizeLimit(memory: MachineMemory.available))
        #expect(MachineMemory.available > 0)
        // A file read as its rows pass is limited by what it keeps: half the memory.
        #expect(DiskSources.keepLimit(memory: 4 << 30) == 2 << 30)
        #expect(DiskSources.keepLimit == DiskSources.keepLimit(memory: MachineMemory.available))
    }

    @Test func aFileOverTheLimitIsRefusedBeforeItIsRead() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kalkyl-sparse-\(getpid()).csv").path
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        defer { unlink(path) }
        _ = truncate(path, off_t(DiskSources.sizeLimit + 1))   // a hole: no disk, no memory
        #expect(throws: SourceReadError.tooLarge(DiskSources.sizeLimit + 1)) { try DiskSources().contents(of: path) }
        let reason = SourceReadError.tooLarge(DiskSources.sizeLimit + 1).reason(kind: "data file")
        #expect(reason.contains("more than the \(DiskSources.mebibytes(DiskSources.sizeLimit)) MiB a file may have"))
        #expect(reason.contains("times its size in memory, and this machine has \(DiskSources.mebibytes(MachineMemory.available)) MiB"))
    }
}
