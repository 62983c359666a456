#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a block's doubles live: on the heap, or, for a large block in a process that asks for
/// it, in a mapping of its own.
///
/// A mapping of its own is zero already, so a zeroed block is not written twice (`calloc` from
/// a heap that has grown writes its zeros first), and goes back to the system whole when the
/// block is freed. Its pages are 4 KiB: 2 MiB pages took a fifth of the faults off a cold start
/// at 100,000 employees, but on this machine (a virtual machine that gives freed memory back to
/// its host) a 2 MiB page the host has taken back costs 5–8 ms to touch again, so one run in
/// four to eight took 2.5 times as long, and at 1,000,000 employees every run 0.6 s more
/// (docs/performance.md, "2 MiB pages taken back").
///
/// The command line asks for it (`mapsLargeBlocks`) for the commands that compute once and
/// exit; a process that computes blocks again and again (the language server, `watch`, the
/// benchmarks) keeps them on the heap, where a freed block's pages are taken again as they are.
package enum BlockMemory {
    /// Whether blocks of `ownMappingFrom` bytes or more get a mapping of their own. Set once,
    /// before any block is made; a block remembers where its memory came from.
    nonisolated(unsafe) package static var mapsLargeBlocks = false
    /// From this many bytes a block may have a mapping of its own.
    static let ownMappingFrom = 2 << 20
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

    /// A mapping of `bytes`, rounded up to whole pages; nil when the system gives none.
    private static func mapping(_ bytes: Int) -> UnsafeMutableRawPointer? {
        guard let mapped = mmap(nil, roundedUp(bytes, to: systemPage), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              mapped != MAP_FAILED else { return nil }
        return mapped
    }

    private static func roundedUp(_ n: Int, to unit: Int) -> Int { (n + unit - 1) / unit * unit }
}
