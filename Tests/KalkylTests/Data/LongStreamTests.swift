import Foundation
@testable import Kalkyl
import Testing

/// A `long` statement's file read as its records pass (`LongStream`): for a file that reads
/// cleanly, the series are those `DataTable.long` finds in the whole text, value for value and
/// place for place, wherever the pieces are cut; any file with something to report, or whose
/// decimal mark is not the one its amounts were read with, is left to the whole read (nil).
@Suite struct LongStreamTests {
    static let timeline = Timeline(granularity: .monthly, first: 2024 * 12, count: 12)
    static let pieceSizes = [1, 3, 7, 64, DiskSources.pieceSize]

    static func utf16(_ text: String) -> [UInt8] { ChunkedDecodingTests.utf16(text, bigEndian: false) }

    /// Files read cleanly, with their key columns.
    static let clean: [(String, [UInt8], [String])] = [
        ("plain", Array("konto;period;belopp\n3010;2024-01;100,50\n3020;2024-01;-7\n3010;2024-02;1 234,25\n".utf8), ["konto"]),
        ("CRLF, quotes, padding, blank rows", Array("konto;period;belopp\r\n\"3010\";2024-01;\" 100,5 \"\r\n;;\r\n 3020 ;202402;\r\n\r\n3030;2024-03;\"1\"\r\n".utf8), ["konto"]),
        ("extra empty fields, no last line break", Array("konto;period;belopp;\n3010;2024-01;5;\n3010;2024-02;6;;".utf8), ["konto"]),
        ("sums", Array(("konto;period;belopp\n" + (0..<40).map { "30\($0 % 3);2024-0\($0 % 9 + 1);\($0),25\n" }.joined()).utf8), ["konto"]),
        ("two keys", Array("ansvar;konto;period;belopp\n10;3010;2024-01;1\n10;3020;2024-01;2\n20;3010;2024-01;3\n10;3010;2024-02;4\n".utf8), ["ansvar", "konto"]),
        ("no keys", Array("period;belopp\n2024-01;1\n2024-02;2\n".utf8), []),
        ("commas and points", Array("konto,period,belopp\n3010,2024-01,1.5\n3020,2024-01,\"1,234.5\"\n".utf8), ["konto"]),
        ("sep line", Array("sep=,\nkonto;x,period,belopp\n3010;a,2024-01,2\n".utf8), ["konto;x"]),
        ("mark and letters", [0xEF, 0xBB, 0xBF] + Array("konto;period;belopp\nÅsa;2024-01;1,5\nÖl;2024-02;2\n".utf8), ["konto"]),
        ("windows-1252", Array("konto;period;belopp\nA;2024-01;1\nL".utf8) + [0xE4] + Array("n;2024-01;2\n".utf8), ["konto"]),
        ("utf-16", utf16("konto\tperiod\tbelopp\r\nÅ;1\t2024-01\t3,5\r\n𝄞\t2024-02\t4\r\n"), ["konto"]),
        ("periods out of order and apart", Array("konto;period;belopp\n3010;2024-12;1\n3010;2024-06;2\n3020;2024-03;3\n3010;2024-01;4\n3020;2024-04;5\n3010;2024-07;6\n".utf8), ["konto"]),
        ("a long header line", Array(("konto;period;belopp;" + String(repeating: "x", count: 300) + "\n3010;2024-01;1;\n").utf8), ["konto"]),
    ]

    /// Files with something to report (or a decimal mark other than their separator's).
    static let notClean: [(String, [UInt8], [String])] = [
        ("too few fields", Array("konto;period;belopp\n3010;2024-01\n".utf8), ["konto"]),
        ("too many fields", Array("konto;period;belopp\n3010;2024-01;1;x\n".utf8), ["konto"]),
        ("a quote never closed", Array("konto;period;belopp\n3010;2024-01;\"1\n".utf8), ["konto"]),
        ("text after a quote", Array("konto;period;belopp\n3010;2024-01;\"1\"2\n".utf8), ["konto"]),
        ("no such column", Array("konto;period;summa\n3010;2024-01;1\n".utf8), ["konto"]),
        ("a column twice", Array("konto;period;belopp;konto\n3010;2024-01;1;2\n".utf8), ["konto"]),
        ("an empty key", Array("konto;period;belopp\n;2024-01;1\n".utf8), ["konto"]),
        ("a key with a line break", Array("konto;period;belopp\n\"30\n10\";2024-01;1\n".utf8), ["konto"]),
        ("a period outside", Array("konto;period;belopp\n3010;2025-01;1\n".utf8), ["konto"]),
        ("a year", Array("konto;period;belopp\n3010;2024;1\n".utf8), ["konto"]),
        ("no period", Array("konto;period;belopp\n3010;;1\n".utf8), ["konto"]),
        ("not a number", Array("konto;period;belopp\n3010;2024-01;tio\n".utf8), ["konto"]),
        ("two spellings", Array("konto;period;belopp\nAb;2024-01;1\nab;2024-02;1\n".utf8), ["konto"]),
        ("a second amount", Array("konto;period;belopp\n3010;2024-01;1\n3010;2024-01;2\n".utf8), ["konto"]),
        ("decimal points after semicolons", Array("konto;period;belopp\n3010;2024-01;1.5\n3020;2024-01;2.25\n".utf8), ["konto"]),
        ("a NUL", Array("konto;period;belopp\n3010;2024-01;1\0\n".utf8), ["konto"]),
        ("empty", [], ["konto"]),
        ("mixed encodings", Array("konto;period;belopp\nÖ;2024-01;1\n".utf8) + [0xE4] + Array(";2024-02;1\n".utf8), ["konto"]),
    ]

    func withFile<T>(_ bytes: [UInt8], _ body: (String) throws -> T) throws -> T {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("long-stream-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return try body(path)
    }

    /// A series as comparable text: key, where each key cell is, values, where each amount is and the rows summed.
    /// What a series keeps for one period: its value and its first amount's place.
    static let oneCell = MemoryLayout<Value>.stride + MemoryLayout<SourceRange?>.stride
    /// A period's cell under `sum`, with its first row's hash (`RepeatedRows`).
    static let oneHashedCell = oneCell + MemoryLayout<UInt64>.stride

    static func described(_ s: KeyedSeries) -> String {
        let summed = s.summedOffsets.keys.sorted().map { "\($0):\(Array(s.summedOffsets[$0]!))" }
        return "\(s.key) \(s.keyLocation.range) \(s.keyLocations.map(\.range)) \(s.values) \(s.locations.map { $0?.range }) \(summed)"
    }

    func stream(_ keys: [String], sum: Bool) -> LongStream {
        LongStream(periodColumn: "period", keyColumns: keys, amountColumn: "belopp", timeline: Self.timeline, duplicates: sum ? .sum : .error)
    }

    func whole(_ path: String, _ keys: [String], sum: Bool) throws -> (table: DataTable, long: DataExtraction<KeyedSeries>) {
        let table = DataTable.parse(try DiskSources().text(of: path, as: .data))
        let long = table.long(periodColumn: "period", keyColumns: keys.map { DataColumn($0) }, amountColumn: "belopp", timeline: Self.timeline,
                              duplicates: sum ? .sum : .error)
        return (table, long)
    }

    @Test(arguments: clean.indices) func aCleanFilesSeriesAreTheWholeTablesWhereverThePiecesAreCut(_ k: Int) throws {
        let (name, bytes, keys) = Self.clean[k]
        try withFile(bytes) { path in
            let (table, long) = try whole(path, keys, sum: true)
            #expect(table.diagnostics.isEmpty && long.diagnostics.isEmpty, "\(name): \(table.diagnostics.map(\.message)) \(long.diagnostics.map(\.message))")
            let expected = long.items.map(Self.described)
            for size in Self.pieceSizes {
                let read = try #require(stream(keys, sum: true).read(path, pieceSize: size), "\(name), pieces of \(size)")
                #expect(Array(read.series).map(Self.described) == expected, "\(name), pieces of \(size)")
                #expect(read.file.isFileBacked && read.file.lineCount == table.file.lineCount, "\(name)")
            }
        }
    }

    @Test(arguments: notClean.indices) func aFileWithSomethingToReportIsLeftToTheWholeRead(_ k: Int) throws {
        let (name, bytes, keys) = Self.notClean[k]
        try withFile(bytes) { path in
            for size in [1, 7, DiskSources.pieceSize] {
                #expect(stream(keys, sum: false).read(path, pieceSize: size) == nil, "\(name), pieces of \(size)")
            }
        }
    }

    /// Where a file read whole shows its first problem, which names it when the file is too
    /// large to be read whole: the record that stopped the stream, and its line read again.
    @Test func aFileLeftToTheWholeReadSaysWhereItsFirstProblemIs() throws {
        let text = "konto;period;belopp\n3010;2024-01;1\n\"30\n20\";2024-01;2\n3030;2024-01;tio\n3040;2024-01;x\n"
        let problem = text.utf8.count - "3030;2024-01;tio\n3040;2024-01;x\n".utf8.count
        try withFile(Array(text.utf8)) { path in
            for size in [1, 7, DiskSources.pieceSize] {
                guard case .readWhole(let at) = stream(["konto"], sum: false).outcome(path, pieceSize: size) else {
                    Issue.record("not left to the whole read")
                    return
                }
                // The key broken over two lines is the first problem, on line 3.
                #expect(at == "konto;period;belopp\n3010;2024-01;1\n".utf8.count, "pieces of \(size)")
            }
            #expect(DataTextStream.line(at: "konto;period;belopp\n3010;2024-01;1\n".utf8.count, in: path) == 3)
            #expect(DataTextStream.line(at: problem, in: path) == 5)
            #expect(DataTextStream.line(at: 10_000, in: path) == nil)
        }
        // A file whose decimal mark is not its separator's has no problem to name.
        try withFile(Array("konto;period;belopp\n3010;2024-01;1.5\n3020;2024-01;2.25\n".utf8)) { path in
            guard case .readWhole(let at) = stream(["konto"], sum: false).outcome(path) else { Issue.record("not left to the whole read"); return }
            #expect(at == nil)
        }
    }

    /// A series keeps the periods from the first its rows give to the last, not the whole
    /// timeline: 1,000 accounts each booked in the last of 1,200 months keep a cell each (about
    /// 0.3 MB), where a cell a month would be 57 MB.
    @Test func aSparseLedgerKeepsOnlyThePeriodsItsRowsGive() throws {
        let century = Timeline(granularity: .monthly, first: 1925 * 12, count: 1_200)
        let bytes = Array(("konto;period;belopp\n" + (0..<1_000).map { "\(3000 + $0);2024-12;1\n" }.joined()).utf8)
        try withFile(bytes) { path in
            var sparse = LongStream(periodColumn: "period", keyColumns: ["konto"], amountColumn: "belopp", timeline: century, duplicates: .sum)
            sparse.keepLimit = 1_000 * (LongStream.Kept.bytesPerSeries + 3 * 4 + Self.oneHashedCell) + 1_001 / 2
            guard case .read(let read) = sparse.outcome(path) else { Issue.record("not read"); return }
            #expect(read.series.count == 1_000)
            #expect(read.series.allSatisfy { $0.values.count == 1_200 && $0.values[1_199] == .number(1) && $0.values[..<1_199].allSatisfy { $0 == .blank } })
            #expect(read.series.allSatisfy { $0.locations.count == 1_200 && $0.locations[1_199] != nil })
            sparse.keepLimit -= 1
            guard case .tooMuch = sparse.outcome(path) else { Issue.record("not refused a byte under"); return }
        }
    }

    /// A quote in the header (`Not 12"`) reads as opening quoted text to the next quote, so
    /// the header line looks unended. The header is looked for again only each time the text
    /// has doubled, and a file whose header has not ended after `headerLimit` bytes is left to
    /// the whole read: it was looked for again at every piece, which took a minute on a 20 MB
    /// ledger. `headerLooks` counts the looks.
    @Test func aQuoteInTheHeaderIsNotLookedPastAPieceAtATime() throws {
        let header = "konto;period;belopp;Not 12\"\n"
        // Rows that differ (a row the same as another is a repeat, warned about: RepeatedRowTests).
        let small = Array((header + (0..<2_000).map { "3010;2024-01;1,5;x\($0)\n" }.joined()).utf8)        // 40 KB
        try withFile(small) { path in
            let (table, long) = try whole(path, ["konto"], sum: true)
            var looks = 0, pieces = 0
            let read = try #require(stream(["konto"], sum: true).read(path, pieceSize: 64, looks: &looks, pieces: &pieces))
            #expect(Array(read.series).map(Self.described) == long.items.map(Self.described))
            #expect(table.diagnostics.isEmpty && long.diagnostics.isEmpty)
            #expect(looks < 20, "\(looks) looks for the header in \(small.count / 64) pieces")
        }
        let row = "3010;2024-01;1,5;x\n"
        let large = Array((header + String(repeating: row, count: LongStream.headerLimit / row.utf8.count + 1_000)).utf8)
        try withFile(large) { path in
            var looks = 0, pieces = 0
            #expect(stream(["konto"], sum: true).read(path, pieceSize: 4096, looks: &looks, pieces: &pieces) == nil)
            #expect(looks < 30 && pieces <= LongStream.headerLimit / 4096 + 2, "\(looks) looks, \(pieces) pieces")
        }
    }

    /// A file found not to read cleanly is not read on: the rest is the whole read's to read.
    @Test func aFileWithAProblemIsNotReadPastIt() throws {
        let bytes = Array(("konto;period;summa\n" + String(repeating: "3010;2024-01;1\n", count: 20_000)).utf8)
        try withFile(bytes) { path in
            var looks = 0, pieces = 0
            #expect(stream(["konto"], sum: true).read(path, pieceSize: 4096, looks: &looks, pieces: &pieces) == nil)
            #expect(pieces == 1)
        }
    }

    /// A second amount is summed with `sum`, and left to the whole read (an error) without.
    @Test func aSecondAmountIsSummedOnlyWithSum() throws {
        try withFile(Array("konto;period;belopp\n3010;2024-01;1\n3010;2024-01;2,5\n".utf8)) { path in
            let read = try #require(stream(["konto"], sum: true).read(path))
            #expect(Array(read.series).map(\.values[0]) == [.number(3.5)])
            #expect(read.series[0].summedOffsets[0].map(Array.init) == [33, 48])
            #expect(stream(["konto"], sum: false).read(path) == nil)
        }
    }

    /// What a read keeps is counted as it reads, and a file that would keep more than its limit
    /// is refused there, read no further (not left to the whole read): its size is not limited.
    @Test func aFileThatWouldKeepMoreThanItsLimitIsRefusedWhereItPassesIt() throws {
        let row = "3010;2024-01;1,5\n3020;2024-02;2\n"
        let bytes = Array(("konto;period;belopp\n" + String(repeating: row, count: 10_000)).utf8)   // 330 KB
        try withFile(bytes) { path in
            var generous = stream(["konto"], sum: true)
            generous.keepLimit = 1 << 30
            guard case .read(let read) = generous.outcome(path, pieceSize: 4096) else { Issue.record("not read"); return }
            #expect(Array(read.series).map(\.values[0]) == [.number(15_000), .blank])
            // 2 series of one period each (with the first row's hash), then a place and a hash per summed row (the first
            // two of a cell 144 bytes with their dictionary entries, the others 16: a place's 4 and a hash's 12 with its
            // array's spare room), half a byte a line.
            let counted = 2 * (LongStreamTests.oneHashedCell + LongStream.Kept.bytesPerSeries + 3 * 4) + 2 * 144 + 2 * 9_998 * 16 + 20_001 / 2
            for (limit, refused) in [(counted - 1, true), (counted + 8, false)] {
                var tight = stream(["konto"], sum: true)
                tight.keepLimit = limit
                switch tight.outcome(path, pieceSize: 4096) {
                case .tooMuch(let refusal):
                    #expect(refused, "limit \(limit), counted \(counted): \(refusal)")
                    #expect(refusal.kept > limit && refusal.size == bytes.count && refusal.series == 2)
                case .read: #expect(!refused, "limit \(limit), counted \(counted)")
                case .readWhole: Issue.record("read whole")
                }
            }
            var small = stream(["konto"], sum: true)
            small.keepLimit = 10_000
            guard case .tooMuch(let refusal) = small.outcome(path, pieceSize: 4096) else { Issue.record("not refused"); return }
            #expect(refusal.bytesRead < bytes.count / 8, "read on to \(refusal.bytesRead) of \(bytes.count) bytes")
            #expect(refusal.estimate >= refusal.kept && refusal.estimate <= refusal.kept * bytes.count / refusal.bytesRead + 1)
        }
    }

    /// A file refused for what it keeps is judged by the part read: what the whole would keep at that rate.
    @Test func whatTheWholeFileWouldKeepIsJudgedFromThePartRead() {
        #expect(LongStream.TooMuch(kept: 100, bytesRead: 25, size: 1_000, series: 1).estimate == 4_000)
        #expect(LongStream.TooMuch(kept: 100, bytesRead: 1_000, size: 1_000, series: 1).estimate == 100)
        #expect(LongStream.TooMuch(kept: 100, bytesRead: 0, size: 1_000, series: 0).estimate == 100)
    }
}

/// A model's `long` ledger read from disk as a stream gives the values, places and diagnostics
/// the same model gives from the text in memory (which is never streamed).
@Suite struct StreamedLongBindingTests {
    static let model = """
    model "Huvudbok"
    timeline monthly 2024-01 .. 2024-03
    dimension konto from "konton.csv" key konto
    input utfall[konto, month]: kr = data "ledger.csv" long key konto period period amount belopp sum
    total[month]: kr = SUM(utfall[konto])
    """

    struct Outcome: Equatable {
        var values: [String] = []
        var places: [String] = []
        var diagnostics: [String] = []
    }

    func outcome(ledger: String, in folder: String, fromDisk: Bool) throws -> Outcome {
        let files = [folder + "/m.kalkyl": Self.model, folder + "/konton.csv": "konto\n3010\n3020\n3030\n", folder + "/ledger.csv": ledger]
        for (path, text) in files { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) }
        let loaded = fromDisk ? try ModelLoader.load(path: folder + "/m.kalkyl")
            : ModelLoader.load(source: SourceFile(path: folder + "/m.kalkyl", text: Self.model), sources: MemorySources(files, fallback: nil))
        var out = Outcome(diagnostics: loaded.diagnostics.map { d in
            "\(d.severity) \(d.message) \(d.location.map { "\($0.line):\($0.column) \($0.file.line($0.line))" } ?? "") \(d.hint ?? "") \(d.notes.map(\.message))"
        })
        guard let model = loaded.model, let order = loaded.order else { return out }
        let e = Evaluation(model: model, order: order)
        e.evaluateAll()
        let slot = model.slot(named: "utfall")!
        let utfall = e.values(of: slot), total = e.values(of: model.slot(named: "total")!)
        out.values = (0..<utfall.count).map { "\(utfall[$0])" } + (0..<total.count).map { "\(total[$0])" }
        let origins = try #require(model.definitions[slot].dataOrigins)
        out.places = origins.offsets.indices.map { k in
            "\(origins.place(k).map { "\($0.line):\($0.column)" } ?? "-") \(origins.summed[k].map { $0.map { origins.file.lineAndColumn(of: $0) } }.map { "\($0)" } ?? "")"
        }
        return out
    }

    @Test(arguments: [
        "konto;period;belopp\n3010;2024-01;1,5\n3020;2024-01;2\n3010;2024-01;3\n3030;2024-03;-4,25\n",
        "konto;period;belopp\n3010;2024-01;1,5\n3040;2024-01;2\n",              // a key that is no member
        "konto;period;belopp\n3010;2024-01;1,5\n3020;2024-05;2\n3020;2024-06;2\n", // periods outside, reported once
        "konto;period;belopp\n3010;2024-01;x\n3020;2024-01;1.234\n",           // no number; another mark
        "konto;period;belopp\n3010;2024-01;1.5\n3020;2024-01;2\n",              // points after semicolons
        "konto;period\n3010;2024-01\n",                                          // no amount column
    ]) func fromDiskAsFromMemory(_ ledger: String) throws {
        if ledger.hasSuffix("-4,25\n") {
            // The clean ledger is one the disk's read takes as a stream.
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("streamed-long-\(UUID().uuidString).csv").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            try Data(ledger.utf8).write(to: URL(fileURLWithPath: path))
            let timeline = Timeline(granularity: .monthly, first: 2024 * 12, count: 3)
            #expect(LongStream(periodColumn: "period", keyColumns: ["konto"], amountColumn: "belopp", timeline: timeline, duplicates: .sum).read(path) != nil)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("streamed-long-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let disk = try outcome(ledger: ledger, in: folder, fromDisk: true), memory = try outcome(ledger: ledger, in: folder, fromDisk: false)
        #expect(disk == memory)
    }

    /// Random ledgers, most of them clean (streamed), some with a problem somewhere (read
    /// whole): from disk as from memory, values, places and every diagnostic.
    @Test func randomLedgersFromDiskAsFromMemory() throws {
        var random = SplitMix64(seed: 6)
        let keys = ["3010", "3020", "3030", " 3010", "\"3020\"", "3040"]
        let periods = ["2024-01", "202402", "2024-03", " 2024-01 ", "2024-04", "2024"]
        let amounts = ["1,5", "-2", "", "1 234,25", "\"7\"", "3.5", "x", "0,125"]
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("streamed-long-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for round in 0..<60 {
            let troubled = round % 3 == 0
            func pick(_ list: [String], clean: Int) -> String {
                let k = Int(random.next() % UInt64(troubled && random.next() % 8 == 0 ? list.count : clean))
                return list[k]
            }
            let lineBreak = round % 2 == 0 ? "\n" : "\r\n"
            var text = "konto;period;belopp" + lineBreak
            for _ in 0..<Int(random.next() % 30) {
                text += random.next() % 15 == 0 ? ";;" : "\(pick(keys, clean: 5));\(pick(periods, clean: 4));\(pick(amounts, clean: 5))"
                text += lineBreak
            }
            let disk = try outcome(ledger: text, in: folder, fromDisk: true), memory = try outcome(ledger: text, in: folder, fromDisk: false)
            #expect(disk == memory, "\(text.debugDescription)")
        }
    }
}
