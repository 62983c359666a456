#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a block's doubles live: on the heap, or, for a large block in a process that asks for
/// it, in a mapping of its own backed by 2 MiB pages where the system allows.
///
/// A block's memory is first written cell by cell as the block is computed. In 4 KiB pages each
/// page's first write is a fault into the kernel: at 100,000 employees `cost` alone (9.6 MB)
/// took 2,400 faults at every cold start. A 2 MiB page is one fault. A mapping of its own is
/// also zero already, so a zeroed block is not written twice, and goes back to the system whole
/// when the block is freed (docs/performance.md, "Fifth round").
///
/// The command line asks for it (`mapsLargeBlocks`) for the commands that compute once and
/// exit; a process that computes blocks again and again (the language server, `watch`, the
/// benchmarks) keeps them on the heap, where a freed block's pages are taken again as they are.
package enum BlockMemory {
    /// Whether blocks of `ownMappingFrom` bytes or more get a mapping of their own. Set once,
    /// before any block is made; a block remembers where its memory came from.
    nonisolated(unsafe) package static var mapsLargeBlocks = false
    /// From this many bytes a block may have a mapping of its own: one 2 MiB page or more.
    static let ownMappingFrom = 2 << 20
    private static let hugePage = 2 << 20
    private static let systemPage = 4096

    /// Memory for `count` doubles (1 or more), all zero when `zeroed` (a mapping is always), and
    /// whether it is a mapping of its own.
    static func allocate(_ count: Int, zeroed: Bool, mapsLarge: Bool = mapsLargeBlocks) -> (cells: UnsafeMutablePointer<Double>, mapped: Bool) {
        let bytes = count * MemoryLayout<Double>.stride
        let mapped = mapsLarge && bytes >= ownMappingFrom
        let raw = mapped ? mapping(bytes) : zeroed ? calloc(count, MemoryLayout<Double>.stride) : malloc(bytes)
        guard let raw else { fatalError("out of memory for \(count) cells") }
        return (raw.bindMemory(to: Double.self, capacity: count), mapped)
    }

    /// Frees what `allocate(count, …)` gave, for the same `count`.
    static func release(_ cells: UnsafeMutablePointer<Double>?, count: Int, mapped: Bool) {
        guard let cells else { return }
        if mapped {
            munmap(cells, roundedUp(count * MemoryLayout<Double>.stride, to: systemPage))
        } else {
            free(cells)
        }
    }

    /// A mapping of `bytes` (rounded up to whole pages) that starts on a 2 MiB boundary, its
    /// whole 2 MiB stretches marked for 2 MiB pages; the rest of the last one stays in 4 KiB
    /// pages, so no more is resident than is written.
    private static func mapping(_ bytes: Int) -> UnsafeMutableRawPointer? {
        let length = roundedUp(bytes, to: systemPage)
        guard let mapped = mmap(nil, length + hugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              mapped != MAP_FAILED else { return nil }
        let start = roundedUp(Int(bitPattern: mapped), to: hugePage)
        let head = start - Int(bitPattern: mapped)
        if head > 0 { munmap(mapped, head) }
        munmap(UnsafeMutableRawPointer(bitPattern: start + length), hugePage - head)
        let block = UnsafeMutableRawPointer(bitPattern: start)
        #if os(Linux)
        _ = madvise(block, length / hugePage * hugePage, MADV_HUGEPAGE)
        #endif
        return block
    }

    private static func roundedUp(_ n: Int, to unit: Int) -> Int { (n + unit - 1) / unit * unit }
}
