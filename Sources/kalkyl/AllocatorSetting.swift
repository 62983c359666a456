#if canImport(Glibc)
import Glibc
#endif
import Kalkyl

/// How the process's allocator takes memory from the system.
enum AllocatorSetting {
    /// A piece of 32 MiB or more is mapped on its own, and goes back to the system when freed;
    /// a smaller one comes from the heap, where a freed piece is used again. glibc starts by
    /// mapping every piece of 128 KiB or more and raises that size only as such pieces are
    /// freed; a piece mapped afresh is zeroed by the kernel a page at a time as it is first
    /// written, 4 KiB a fault. The temporaries of reading a data file (an input's cells before
    /// they are packed, the key and member indexes) are such pieces, a few MB each, made and freed
    /// one after another: from the heap they take each other's pages. 32 MiB is where glibc's
    /// own raising stops. At 100,000 employees `kalkyl explain` takes 7,300 page faults instead
    /// of 11,400, its peak 0.9 MB higher (docs/performance.md, "Fourth round").
    /// `mallopt` is found at run time: the Glibc module does not bring in malloc.h.
    static func mapOnlyVeryLargePieces() {
        #if canImport(Glibc)
        setMalloc(-3, 32 * 1024 * 1024)   // M_MMAP_THRESHOLD, which also stops it moving
        #endif
    }

    /// For a command that reads a model, computes it once and exits: memory in 2 MiB pages where
    /// the system allows them (transparent huge pages, `madvise`), one fault where 4 KiB pages
    /// took 512. The heap grows 32 MiB at a time, its first 32 MiB so marked: a data file's
    /// text, its table and the members are written there. A block of 2 MiB or more gets a
    /// mapping of its own, so marked (`BlockMemory`). At 100,000 employees a cold start takes
    /// about 1,700 page faults instead of 7,300 (docs/performance.md, "Fifth round"). Not for
    /// `watch` or the language server: the heap keeps up to 32 MiB it no longer uses, and they
    /// compute blocks again and again, where the heap gives a freed block's pages back as they are.
    static func computeOnceAndExit() {
        #if canImport(Glibc)
        setMalloc(-2, 32 * 1024 * 1024)   // M_TOP_PAD: what the heap grows by beyond a request
        backHeapWithLargePages()
        BlockMemory.mapsLargeBlocks = true
        #endif
    }

    #if canImport(Glibc)
    /// Grows the heap now (a piece larger than what is left of it, and the pad) and marks what
    /// it then has beyond the pieces already made. Growth past it is not marked: the kernel makes
    /// it a region of its own.
    private static func backHeapWithLargePages() {
        let hugePage = 2 << 20
        guard let probe = malloc(1 << 20) else { return }
        defer { free(probe) }
        let start = (Int(bitPattern: probe) + hugePage - 1) / hugePage * hugePage
        let top = Int(bitPattern: sbrk(0))
        if top > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), top - start, MADV_HUGEPAGE) }
    }

    private static func setMalloc(_ option: Int32, _ value: Int32) {
        guard let symbol = dlsym(nil, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        _ = mallopt(option, value)
    }
    #endif
}
