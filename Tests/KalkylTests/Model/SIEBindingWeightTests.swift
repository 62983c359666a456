import Foundation
@testable import Kalkyl
import Testing

/// What summing a SIE file's voucher groups into cells takes (`SIEBindingWeight.swift`):
/// weighed against what is left before it is taken, refused as a file that cannot be read.
@Suite struct SIEBindingWeightTests {
    static let file = SourceFile(path: "model.kalkyl", text: "")

    @Test func sortingTheGroupsIntoCellsIsWeighedFirst() throws {
        var binding = DataBinding(file: Self.file)
        let needed = 300_000 * DataBinding.bytesPerLandedGroup
        let fits = binding.sieGroupsFit(300_000, path: "gl.se", for: "u", at: SourceRange(0, 0), left: { needed })
        #expect(fits && binding.diagnostics.isEmpty)
        let fitsInLess = binding.sieGroupsFit(300_000, path: "gl.se", for: "u", at: SourceRange(0, 0), left: { needed - 1 })
        #expect(!fitsInLess)
        let refused = try #require(binding.diagnostics.last)
        #expect(refused.message.hasPrefix("the SIE file 'gl.se' has 300,000 voucher groups (#TRANS lines of one account, object list and month), "
                                          + "and sorting them into the cells of 'u' would take about 23 MiB in memory, more than the 23 MiB left of the "))
        #expect(refused.isUnreadableFile && refused.code == .unreadableDataFile)
    }

    /// Two groups of one cell (an object list with a project and one without) are copied into
    /// one list of places; a cell of one group shares the group's.
    @Test func thePlacesKeptForExplainAreCountedFromTheGroupsSortedByCell() throws {
        let text = """
        #KONTO 3010 "S"
        #KONTO 1930 "B"
        #VER A 1 20240115 ""
        {
        #TRANS 3010 {1 "A"} -1
        #TRANS 3010 {1 "A" 6 "P"} -2
        #TRANS 3010 {1 "B"} -3
        #TRANS 1930 {} 6
        }
        #VER A 2 20240116 ""
        {
        #TRANS 3010 {1 "A" 6 "P"} -4
        #TRANS 1930 {} 4
        }

        """
        let sie = SIEFile(bytes: Array(text.utf8), path: "gl.se")
        let groups = sie.vouchers.groups
        #expect(groups.count == 4)
        // Cell 0: the groups of {1 "A"} and {1 "A" 6 "P"} (three lines); cell 1: {1 "B"}.
        let landed = [SIELandedGroup(cell: 0, group: 0), SIELandedGroup(cell: 0, group: 1), SIELandedGroup(cell: 1, group: 2)]
        let census = SIELandedGroup.Census(landed, groups: groups)
        #expect(census.cells == 2 && census.copiedLines == 3 && census.mostLines == 3 && census.mostGroups == 2)
        let dictionary = 4 * (8 + MemoryLayout<SIETransactionPlaces>.stride + 1)
        #expect(census.bytes == dictionary + 3 * 16 + 2 * 64 + 3 * 32 + 2 * MemoryLayout<SIEVoucherGroup>.stride)
        var binding = DataBinding(file: Self.file)
        let fits = binding.sieTransactionsFit(census, path: "gl.se", for: "u", at: SourceRange(0, 0), left: { census.bytes - 1 })
        #expect(!fits)
        #expect(binding.diagnostics.last?.message.hasPrefix("the SIE file 'gl.se' sums its #TRANS lines into 2 cells of 'u', and keeping their places for explain would take about 1 MiB") == true)
    }
}
