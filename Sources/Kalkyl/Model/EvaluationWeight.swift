/// What an evaluation's blocks take, piece by piece (`ModelSize.computedCellsProblem`): all of
/// it must fit in what is left (`MachineMemory.left`, which counts the heap's free pieces), and
/// some of it cannot go into those pieces. A block of 2 MiB or more is a mapping of its own for
/// a command that computes once (`BlockMemory`), as is any piece of 32 MiB or more; the largest
/// piece taken from the heap (a block's dictionary of texts at its last growth) needs the heap
/// to grow, 32 MiB beyond it under `ulimit -v`, unless a free piece that large happens to be
/// there. The catalogue's staff file of 600,000 names, weighed by its total alone, was let
/// through under `ulimit -v 360000` and aborted growing that dictionary (25 MB).
struct EvaluationWeight {
    /// Every piece held at once: what is kept, and the largest of what is taken for a while.
    var bytes: Int { kept + largestPassing }
    /// The pieces kept while the model is evaluated.
    private(set) var kept = 0
    /// The largest piece held only for a while: a dictionary's old table while it grows, freed
    /// before the next block's texts are copied.
    private(set) var largestPassing = 0
    /// The pieces that are mappings of their own.
    private(set) var mapped = 0
    /// The largest piece taken from the heap.
    private(set) var largestHeapPiece = 0
    /// Whether blocks of `BlockMemory.ownMappingFrom` or more are mapped on their own.
    let mapsLargeBlocks: Bool

    /// glibc maps a piece of this size or more on its own (`AllocatorSetting`, `M_MMAP_THRESHOLD`).
    static let mappedFrom = 32 << 20

    init(mapsLargeBlocks: Bool = BlockMemory.mapsLargeBlocks) {
        self.mapsLargeBlocks = mapsLargeBlocks
    }

    /// A block of `cells` doubles, its kinds (a byte a cell) when they are of more than one
    /// kind, and a SUM's leaves and tree over it.
    mutating func block(cells: Int, bytesPerCell: Int = 8, kinds: Bool) {
        piece(cells * bytesPerCell, isBlock: true)
        if kinds { piece(cells, isBlock: false) }
        piece(ModelSize.sumTreeBytes(cells), isBlock: false)
    }

    /// A block's dictionary of `count` texts (`ModelSize.textTableBytes`), at the peak of its
    /// last growth: the new table is kept, the old one (half of it) freed once it is copied.
    mutating func texts(_ count: Int) {
        let all = ModelSize.textTableBytes(count)
        piece(all - all / 3, isBlock: false)
        largestPassing = max(largestPassing, all / 3)
    }

    private mutating func piece(_ n: Int, isBlock: Bool) {
        guard n > 0 else { return }
        kept += n
        if n >= Self.mappedFrom || (isBlock && mapsLargeBlocks && n >= BlockMemory.ownMappingFrom) {
            mapped += n
        } else {
            largestHeapPiece = max(largestHeapPiece, n)
        }
    }

    /// From this size the largest heap piece is weighed with the heap's growth: a smaller one is
    /// taken from the heap's free pieces (a read refused or freed before leaves tens of MiB
    /// of them; weighed with the growth, a block of 24,000 cells was refused after one).
    static let heapPieceWeighedFrom = 4 << 20

    /// What must be free beyond what is in use (`MachineMemory.leftForOneBlock`): the mapped
    /// pieces, and the largest heap piece, when it is large, with the heap's growth for it (`heapGrowth`).
    func unmapped(heapGrowth: Int) -> Int {
        mapped + (largestHeapPiece >= Self.heapPieceWeighedFrom ? largestHeapPiece + heapGrowth : 0)
    }
}
