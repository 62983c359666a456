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

    /// For a command that reads a model, computes it once and exits: the heap grows 32 MiB at a
    /// time, and a block of 2 MiB or more gets a mapping of its own (`BlockMemory`), zero
    /// already and not written twice. Not for `watch` or the language server: the heap keeps up
    /// to 32 MiB it no longer uses, and they compute blocks again and again, where the heap
    /// gives a freed block's pages back as they are. (2 MiB pages were tried here and taken out:
    /// `BlockMemory` says why.)
    static func computeOnceAndExit() {
        #if canImport(Glibc)
        setMalloc(-2, 32 * 1024 * 1024)   // M_TOP_PAD: what the heap grows by beyond a request
        BlockMemory.mapsLargeBlocks = true
        #endif
    }

    #if canImport(Glibc)
    private static func setMalloc(_ option: Int32, _ value: Int32) {
        guard let symbol = dlsym(nil, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        _ = mallopt(option, value)
    }
    #endif
}
