import Foundation
@testable import Kalkyl
import Testing

/// A file that several `long` statements read, read once for all of them (`LongStream.outcome(of:)`):
/// each statement's series are what its own read gives (and so what `DataTable.long` finds in
/// the whole text), wherever the pieces are cut; a problem for any statement leaves the file to
/// the whole read for every one; what they keep is judged together.
@Suite struct SharedLongStreamTests {
    static let timeline = LongStreamTests.timeline

    static let ledger = Array(("ansvar;konto;period;belopp;budget\n"
        + (0..<60).map { k in "\(10 + k % 2);30\(k % 3);2024-0\(k % 9 + 1);\(k),25;\(k % 4)\n" }.joined()
        + ";;;;\n10;3010;2024-12;-1;\n").utf8)

    func stream(_ keys: [String], amount: String = "belopp", period: String = "period", sum: Bool = true) -> LongStream {
        LongStream(periodColumn: period, keyColumns: keys, amountColumn: amount, timeline: Self.timeline, duplicates: sum ? .sum : .error)
    }

    /// Statements of other keys, amounts and `sum`s, over one file.
    var statements: [LongStream] {
        [stream(["ansvar", "konto"]), stream(["konto"]), stream(["ansvar"], amount: "budget"), stream([]), stream(["ansvar", "konto"])]
    }

    func withFile<T>(_ bytes: [UInt8], _ body: (String) throws -> T) throws -> T {
        try LongStreamTests().withFile(bytes, body)
    }

    @Test func eachStatementsSeriesAreItsOwnReadsWhereverThePiecesAreCut() throws {
        try withFile(Self.ledger) { path in
            let table = DataTable.parse(try DiskSources().text(of: path, as: .data))
            #expect(table.diagnostics.isEmpty)
            let alone = try statements.map { s in
                let read = try #require(s.read(path), "\(s.keyColumns) \(s.amountColumn)")
                let long = table.long(periodColumn: DataColumn(s.periodColumn), keyColumns: s.keyColumns.map { DataColumn($0) },
                                      amountColumn: DataColumn(s.amountColumn), timeline: Self.timeline, duplicates: s.duplicates)
                #expect(long.diagnostics.isEmpty)
                #expect(Array(read.series).map(LongStreamTests.described) == long.items.map(LongStreamTests.described))
                return Array(read.series).map(LongStreamTests.described)
            }
            for size in LongStreamTests.pieceSizes {
                guard case .read(let reads) = LongStream.outcome(of: statements, path, pieceSize: size) else {
                    Issue.record("pieces of \(size): not read")
                    continue
                }
                #expect(reads.map { Array($0.series).map(LongStreamTests.described) } == alone, "pieces of \(size)")
                #expect(reads.allSatisfy { $0.file.isFileBacked && $0.file.lineCount == table.file.lineCount })
            }
        }
    }

    /// Statements that cannot read their file cleanly, each with the file.
    var troubled: [(String, [UInt8], LongStream)] {
        [("an amount that is no number", Self.ledger + Array("10;3010;2024-12;x;\n".utf8), stream(["konto"])),
         ("a column missing", Self.ledger, stream(["konto"], amount: "summa")),
         ("a second amount without sum", Self.ledger, stream(["ansvar", "konto"], sum: false)),
         ("periods off the timeline", Self.ledger, stream(["konto"], period: "budget"))]
    }

    /// One statement that cannot read the file cleanly sends the file to the whole read for all.
    @Test(arguments: 0..<4) func aProblemForOneStatementLeavesTheFileToTheWholeReadForAll(_ k: Int) throws {
        let (name, bytes, troubled) = self.troubled[k]
        let other = stream(["ansvar"], amount: "budget")
        try withFile(bytes) { path in
            #expect(other.read(path) != nil && troubled.read(path) == nil, "\(name)")
            for statements in [[troubled, other], [other, troubled], [other, other, troubled]] {
                for size in [7, DiskSources.pieceSize] {
                    guard case .readWhole = LongStream.outcome(of: statements, path, pieceSize: size) else {
                        Issue.record("\(name), pieces of \(size): not left to the whole read")
                        continue
                    }
                }
            }
        }
    }

    /// What the statements keep is counted together against one limit: two reading the same
    /// columns keep twice what one keeps (the line samples once).
    @Test func whatTheStatementsKeepIsJudgedTogether() throws {
        let row = "3010;2024-01;1,5\n3020;2024-02;2\n"
        let bytes = Array(("konto;period;belopp\n" + String(repeating: row, count: 10_000)).utf8)
        try withFile(bytes) { path in
            let lines = LongStream.Kept.bytes(lines: 20_001)
            // Under `sum` a cell keeps its first row's hash, and each summed row its hash (12 bytes with its array's spare room) beside its place.
            let one = 2 * (LongStreamTests.oneHashedCell + LongStream.Kept.bytesPerSeries + 3 * 4) + 2 * 112 + 2 * 10_000 * 16
            let pair = [stream(["konto"]), stream(["konto"])]
            for (limit, refused) in [(one + lines + 8, true), (2 * one + lines - 1, true), (2 * one + lines + 8, false)] {
                switch LongStream.outcome(of: pair, path, keepLimit: limit, pieceSize: 4096) {
                case .tooMuch(let refusal):
                    #expect(refused, "limit \(limit)")
                    #expect(refusal.kept > limit && refusal.series == 4 && refusal.size == bytes.count)
                    // One statement's share with the line samples: what a whole read would hold of them.
                    #expect(refusal.largest < refusal.kept && 2 * refusal.largest > refusal.kept, "\(refusal)")
                case .read(let reads):
                    #expect(!refused, "limit \(limit)")
                    #expect(reads.count == 2 && reads.allSatisfy { Array($0.series).map(\.values[0]) == [.number(15_000), .blank] })
                case .readWhole: Issue.record("read whole")
                }
            }
        }
    }
}

/// A model whose ledger several `long` statements read (a definition, an assignment into one
/// version, another column with no key) gives from disk, where the file is read once as a stream
/// for all of them, the values, places and diagnostics it gives from the text in memory.
@Suite struct SharedLongBindingTests {
    static let model = """
    model "Huvudbok"
    timeline monthly 2024-01 .. 2024-03
    dimension konto from "konton.csv" key konto
    dimension version = actual, budget
    input utfall[konto, month]: kr = data "ledger.csv" long key konto period period amount belopp sum
    input kost[version, konto, month]: kr = 0
    input kost[actual, konto, month] = data "ledger.csv" long key konto period period amount belopp sum
    input budget[month]: kr = data "ledger.csv" long period period amount budget sum missing 0
    total[month]: kr = SUM(utfall[konto]) + SUM(kost[actual, konto]) + budget
    """

    func outcome(ledger: String, in folder: String, fromDisk: Bool) throws -> StreamedLongBindingTests.Outcome {
        let files = [folder + "/m.kalkyl": Self.model, folder + "/konton.csv": "konto\n3010\n3020\n3030\n", folder + "/ledger.csv": ledger]
        for (path, text) in files { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) }
        let loaded = fromDisk ? try ModelLoader.load(path: folder + "/m.kalkyl")
            : ModelLoader.load(source: SourceFile(path: folder + "/m.kalkyl", text: Self.model), sources: MemorySources(files, fallback: nil))
        var out = StreamedLongBindingTests.Outcome(diagnostics: loaded.diagnostics.map { d in
            "\(d.severity) \(d.message) \(d.location.map { "\($0.line):\($0.column) \($0.file.line($0.line))" } ?? "") \(d.hint ?? "") \(d.notes.map(\.message))"
        })
        guard let model = loaded.model, let order = loaded.order else { return out }
        let e = Evaluation(model: model, order: order)
        e.evaluateAll()
        for name in ["utfall", "kost", "budget", "total"] {
            let values = e.values(of: model.slot(named: name)!)
            out.values += (0..<values.count).map { "\(name) \(values[$0])" }
        }
        let origins = model.definitions.compactMap(\.dataOrigins) + model.baseAssignments.compactMap(\.dataOrigins)
        #expect(origins.count == 3)
        for o in origins {
            out.places += o.offsets.indices.map { k in
                "\(o.header ?? "") \(o.place(k).map { "\($0.line):\($0.column)" } ?? "-") \(o.summed[k].map { $0.map { o.file.lineAndColumn(of: $0) } }.map { "\($0)" } ?? "")"
            }
        }
        return out
    }

    static let clean = "konto;period;belopp;budget\n3010;2024-01;1,5;10\n3020;2024-01;2;\n3010;2024-01;3;5\n3030;2024-03;-4,25;1,5\n"

    @Test(arguments: [
        clean,
        "konto;period;belopp;budget\n3010;2024-01;1,5;1\n3040;2024-01;2;2\n",             // a key that is no member, for two of three
        "konto;period;belopp;budget\n3010;2024-01;1,5;x\n",                              // no number for one statement
        "konto;period;belopp\n3010;2024-01;1,5\n",                                       // a column missing for one
        "konto;period;belopp;budget\n3010;2024-01;1,5;1\n3020;2024-05;2;2\n",              // a period outside, for all
    ]) func fromDiskAsFromMemory(_ ledger: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shared-long-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let disk = try outcome(ledger: ledger, in: folder, fromDisk: true), memory = try outcome(ledger: ledger, in: folder, fromDisk: false)
        #expect(disk == memory)
        if ledger == Self.clean {
            #expect(disk.diagnostics.isEmpty && disk.values.count == 3 * 3 + 2 * 3 * 3 + 3 + 3, "\(disk.diagnostics) \(disk.values.count)")
            // The clean ledger is one the disk's read takes as a stream, once for the three statements.
            let syntax = Parser.parse(SourceFile(path: folder + "/m.kalkyl", text: Self.model)).0
            let statements = try #require(DataFiles.streamable(in: syntax)["ledger.csv"])
            #expect(statements.map(\.name) == ["utfall", "kost", "budget"])
            let timeline = Timeline(granularity: .monthly, first: 2024 * 12, count: 3)
            let streams = statements.map {
                LongStream(periodColumn: $0.period, keyColumns: $0.keys, amountColumn: $0.amount, timeline: timeline, duplicates: .sum)
            }
            guard case .read(let reads) = LongStream.outcome(of: streams, folder + "/ledger.csv") else { Issue.record("not streamed"); return }
            #expect(reads.count == 3)
        }
    }

    /// Random ledgers, most of them clean (streamed once for the three statements), some with a
    /// problem for one statement or all: from disk as from memory, values, places and diagnostics.
    @Test func randomLedgersFromDiskAsFromMemory() throws {
        var random = SplitMix64(seed: 11)
        let keys = ["3010", "3020", "3030", " 3010", "\"3020\"", "3040"]
        let periods = ["2024-01", "202402", "2024-03", " 2024-01 ", "2024-04"]
        let amounts = ["1,5", "-2", "", "1 234,25", "\"7\"", "0,125", "x", "3.5"]
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shared-long-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for round in 0..<40 {
            let troubled = round % 3 == 0
            func pick(_ list: [String], clean: Int) -> String {
                list[Int(random.next() % UInt64(troubled && random.next() % 6 == 0 ? list.count : clean))]
            }
            var text = "konto;period;belopp;budget\n"
            for _ in 0..<Int(random.next() % 25) {
                text += "\(pick(keys, clean: 5));\(pick(periods, clean: 4));\(pick(amounts, clean: 6));\(pick(amounts, clean: 6))\n"
            }
            let disk = try outcome(ledger: text, in: folder, fromDisk: true), memory = try outcome(ledger: text, in: folder, fromDisk: false)
            #expect(disk == memory, "\(text.debugDescription)")
        }
    }

    /// A file any other statement reads too (a dimension, a `keyed` input) is read whole, as before.
    @Test func aFileReadOtherwiseTooIsNotStreamed() {
        let model = """
        dimension konto from "a.csv" key konto
        input x[konto, month] = data "a.csv" long key konto period period amount belopp
        input y[konto, month] = data "b.csv" long key konto period period amount belopp
        input z[konto] = data "b.csv" key konto column belopp
        input w[konto, month] = data "c.csv" long key konto period period amount belopp
        """
        let syntax = Parser.parse(SourceFile(path: "m.kalkyl", text: model)).0
        #expect(DataFiles.streamable(in: syntax).mapValues { $0.map(\.name) } == ["c.csv": ["w"]])
    }
}
