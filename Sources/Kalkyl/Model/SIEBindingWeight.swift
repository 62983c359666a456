/// What summing a SIE file's voucher groups into an input's cells takes besides the file
/// (`sieCells`), weighed before it is taken: 300,000 groups each a cell of its own took about
/// 100 bytes a group in a dictionary of arrays and 60 in the places kept for explain, unweighed.

/// A voucher group and the cell it is summed into: 16 bytes a group.
struct SIELandedGroup: Sendable {
    var cell: Int
    var group: Int

    /// What the cells' sums keep for explain (`DataOrigins.transactions`), from the groups
    /// sorted by cell: how many cells, the lines of the cells of more than one group (copied
    /// into one list a cell) and the most lines and groups of one such cell (held while copied).
    struct Census {
        var cells = 0
        var copiedLines = 0
        var mostLines = 0
        var mostGroups = 0

        init(_ landed: [SIELandedGroup], groups: [SIEVoucherGroup]) {
            var start = 0
            while start < landed.count {
                var end = start + 1, lines = groups[landed[start].group].amounts.count
                while end < landed.count, landed[end].cell == landed[start].cell {
                    lines += groups[landed[end].group].amounts.count
                    end += 1
                }
                cells += 1
                if end - start > 1 {
                    copiedLines += lines
                    mostLines = max(mostLines, lines)
                    mostGroups = max(mostGroups, end - start)
                }
                start = end
            }
        }

        /// In bytes: the places' dictionary made once for `cells` (buckets of a power of two,
        /// at most three quarters full), 16 bytes a copied line (its place and amount) and 64
        /// a copied list's headers, and the largest cell's lines and groups while it is summed.
        var bytes: Int {
            var buckets = 1
            while buckets * 3 < cells * 4 { buckets *= 2 }
            return buckets * (MemoryLayout<Int>.stride + MemoryLayout<SIETransactionPlaces>.stride + 1)
                + copiedLines * 16 + (copiedLines > 0 ? cells * 64 : 0)
                + mostLines * 32 + mostGroups * MemoryLayout<SIEVoucherGroup>.stride
        }
    }
}

/// An object already reported as no member of its dimension: the number of its key and its
/// code, which shares the file's text (no new string an object).
struct SIEReportedObject: Hashable, Sendable {
    var key: Int
    var code: String
}

extension DataBinding {
    /// A group's share of sorting the groups into cells: its `SIELandedGroup`, and the bucket
    /// of an object reported as no member (24 bytes, at most three quarters full, held twice
    /// while the set doubles).
    static let bytesPerLandedGroup = MemoryLayout<SIELandedGroup>.stride + 64

    /// Whether sorting `count` voucher groups into the cells of `input` fits in what is left;
    /// when it does not, the refusal, as for a file that cannot be read (exit 3).
    mutating func sieGroupsFit(_ count: Int, path: String, for input: String, at range: SourceRange, left: () -> Int = MachineMemory.left) -> Bool {
        sieFits(needed: count * Self.bytesPerLandedGroup, at: range, left: left) {
            "the SIE file '\(path)' has \(ModelSize.grouped(Double(count))) voucher groups (#TRANS lines of one account, object list and month), "
                + "and sorting them into the cells of '\(input)' would take about \($0) MiB in memory"
        }
    }

    /// Whether the places the cells' sums keep for explain (`census.bytes`) fit in what is left.
    mutating func sieTransactionsFit(_ census: SIELandedGroup.Census, path: String, for input: String, at range: SourceRange,
                                     left: () -> Int = MachineMemory.left) -> Bool {
        sieFits(needed: census.bytes, at: range, left: left) {
            "the SIE file '\(path)' sums its #TRANS lines into \(ModelSize.grouped(Double(census.cells))) cells of '\(input)', "
                + "and keeping their places for explain would take about \($0) MiB in memory"
        }
    }

    private mutating func sieFits(needed: Int, at range: SourceRange, left: () -> Int, _ what: (String) -> String) -> Bool {
        let left = left()
        guard needed > left else { return true }
        diagnostics.append(.error(what(DiskSources.mebibytes(needed)) + ", more than the \(DiskSources.mebibytes(left)) MiB left of the "
                                  + "\(DiskSources.mebibytes(MachineMemory.available)) MiB kalkyl may use here",
                                  at: location(range), hint: DataFile.tooLargeHint, code: .unreadableDataFile).unreadableFile)
        return false
    }
}
