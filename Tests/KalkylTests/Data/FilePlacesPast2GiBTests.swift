@testable import Kalkyl
import Testing

/// Places in a data file past 2 GiB and 4 GiB: an input's and a summed ledger's offsets
/// (`FileOffsets`) and a table's row starts (`DataTable.rowStartsPast4GiB`). A file that large
/// is read by the release build in docs/reliability.md; these pin the arithmetic without one.
@Suite struct FilePlacesPast2GiBTests {
    @Test func offsetsStayFourBytesUntilOneIsPast2GiB() {
        var offsets = FileOffsets(none: 3)
        #expect(Array(offsets) == [-1, -1, -1])
        offsets[1] = Int(Int32.max)
        offsets.append(12)
        #expect(!offsets.isWide)
        #expect(Array(offsets) == [-1, Int(Int32.max), -1, 12])

        offsets[2] = 5 << 30
        #expect(offsets.isWide)
        #expect(Array(offsets) == [-1, Int(Int32.max), 5 << 30, 12])
        offsets.append(1 << 40)
        offsets[0] = 7
        #expect(Array(offsets) == [7, Int(Int32.max), 5 << 30, 12, 1 << 40])
    }

    @Test func offsetsMadeFromASequenceWidenAtTheFirstLargeOne() {
        let small = FileOffsets([0, 10, 20])
        #expect(!small.isWide && Array(small) == [0, 10, 20])
        let large = FileOffsets([3, Int(Int32.max) + 1, 4])
        #expect(large.isWide && Array(large) == [3, Int(Int32.max) + 1, 4])
        #expect(Array(FileOffsets(large[1...])) == [Int(Int32.max) + 1, 4])
    }

    @Test func aSummedAmountPast2GiBKeepsItsPlace() {
        var series = KeyedSeries(key: ["3010"], keyLocation: SourceLocation(file: SourceFile(path: "l.csv", text: "x"), range: SourceRange(0, 0)),
                                 keyLocations: [], values: [.number(1)], locations: [nil])
        series.summedOffsets[0] = FileOffsets([100, 3 << 30])
        series.summedOffsets[0]!.append(5 << 30)
        #expect(Array(series.summedOffsets[0]!) == [100, 3 << 30, 5 << 30])
    }

    /// Each row keeps its start's low 32 bits; the rows at which 4 GiB and 8 GiB are passed
    /// give the rest. The table is made from a small file, then told that its second and
    /// third rows start 4 GiB and 8 GiB further on.
    @Test func rowStartsPast4GiBAddTheBoundariesPassedBeforeThem() {
        var table = DataTable.parse(text: "a;b\n1;22\n333;4\n5;6;\n", path: "big.csv")
        let before = (0..<3).map { row in (0..<2).map { table.span(row, $0) } }
        #expect(table.rowStartsPast4GiB.isEmpty)
        table.rowStartsPast4GiB = [1, 2]
        for row in 0..<3 {
            for column in 0..<2 {
                let span = table.span(row, column), was = before[row][column]
                #expect(span.start == was.start + row << 32)
                #expect(span.end == was.end + row << 32)
            }
        }
        // The last row's record runs on past its last field (`5;6;`): its end is kept whole.
        let recordEnd = table.longerRecords[2]!
        table.longerRecords[2] = recordEnd + 2 << 32
        #expect(table.rowRange(2) == SourceRange(before[2][0].start + 2 << 32, recordEnd + 2 << 32))
        #expect(table.rowRange(1) == SourceRange(before[1][0].start + 1 << 32, before[1][1].end + 1 << 32))
    }
}
