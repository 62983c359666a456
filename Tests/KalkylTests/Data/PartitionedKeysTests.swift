@testable import Kalkyl
import Testing

/// A table's keys found on several threads (`PartitionedKeys`) are what one thread finds: the
/// same code for every row (its key's number, a blank row, a bad key, a conflict with the same
/// other row) and the same first rows, and so the same members and diagnostics.
@Suite struct PartitionedKeysTests {
    /// Keys drawn from a small set, so that most repeat, with the spellings that fold alike
    /// (capitals, spaces, composed and decomposed letters, the Kelvin sign), padding, quotes,
    /// doubled quotes, empty keys, keys with a line break and rows of empty fields.
    static func table(rows: Int, seed: UInt64) -> DataTable {
        var generator = SplitMix64(seed: seed)
        let names = KeyHashTests.names.filter { !$0.contains("\u{2028}") }
        var lines = ["id;v;w"]
        for row in 0..<rows {
            let pick = Int(generator.next() % 100)
            var key: String
            switch pick {
            case 0..<40: key = "e\(generator.next() % UInt64(max(1, rows / 3)))"
            case 40..<50: key = "E\(generator.next() % 50)"
            case 50..<55: key = " e \(generator.next() % 50) "
            case 55..<75: key = "k" + names[Int(generator.next() % UInt64(names.count))]
            case 75..<80: key = "\"q\"\"\(generator.next() % 20)\""
            case 80..<83: key = "\"e\(generator.next() % 30)\""
            case 83..<85: key = ""
            case 85..<86: key = "\"line\nbreak\(generator.next() % 5)\""
            case 86..<88:
                lines.append(";;")
                continue
            default: key = "m\(row)"
            }
            lines.append("\(key);\(row);x")
        }
        return DataTable.parse(text: lines.joined(separator: "\n") + "\n", path: "keys.csv")
    }

    static func describe(_ keys: RowKeys, rows: Int) -> [String] {
        (0..<rows).map { keys.outcome($0).description }
    }

    @Test(arguments: [2, 3, 4, 8])
    func severalThreadsFindWhatOneFinds(threads: Int) {
        for seed in 1...6 as ClosedRange<UInt64> {
            let table = Self.table(rows: 3_000 * Int(seed), seed: seed)
            let one = RowKeys(table: table, columns: [0], threads: 1)
            let many = RowKeys(table: table, columns: [0], threads: threads, threadsFrom: 1)
            #expect(Self.describe(many, rows: table.rowCount) == Self.describe(one, rows: table.rowCount), "seed \(seed)")
            #expect(many.firstRows == one.firstRows, "seed \(seed)")
            // Every kind of row is there to compare.
            let kinds = Set(Self.describe(one, rows: table.rowCount).map { $0.prefix(4) })
            #expect(kinds == ["blan", "bad ", "conf", "key "], "seed \(seed)")
        }
    }

    /// Past `RowKeys.rowsForThreads` rows `RowKeys` itself takes the threads, and a dimension
    /// read from such a file has the same members and the same diagnostics, in the same order,
    /// as on one thread.
    @Test func aLargeFileGivesTheSameMembersAndDiagnostics() {
        let table = Self.table(rows: RowKeys.rowsForThreads + 5_000, seed: 42)
        let one = RowKeys(table: table, columns: [0], threads: 1), two = RowKeys(table: table, columns: [0], threads: 2)
        #expect(Self.describe(two, rows: table.rowCount) == Self.describe(one, rows: table.rowCount))
        let column = DataColumn("id", at: SourceLocation(file: table.file, range: SourceRange(0, 2)))
        let members = [one, two].map { table.members(keys: $0, keyColumn: column) }
        #expect(members[0].items.map(\.name) == members[1].items.map(\.name))
        #expect(members[0].diagnostics.map(\.rendered) == members[1].diagnostics.map(\.rendered))
        #expect(members[0].diagnostics.count > 100)
    }
}

extension Diagnostic {
    /// The message, place and notes, for comparing two lists of diagnostics.
    fileprivate var rendered: String {
        let place = location.map { "\($0.file.path):\($0.range.start)-\($0.range.end)" } ?? "-"
        return "\(place) \(message) \(hint ?? "") \(notes.map { "\($0.message)@\($0.location?.range.start ?? -1)" })"
    }
}
