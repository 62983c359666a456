#if canImport(Glibc)
import Glibc
#endif

/// How the process's allocator hands memory back to the system.
enum AllocatorSetting {
    /// A large piece of memory freed (128 KiB or more) goes back to the system at once. glibc
    /// otherwise raises that size to the largest piece freed so far, so the temporaries of
    /// reading a large data file stay resident under the blocks an evaluation writes next: about
    /// 1 MB of the peak of `kalkyl explain` at 100,000 employees (docs/performance.md,
    /// "Truth-valued blocks stored one byte a cell"). `mallopt` is found at run time: the Glibc
    /// module does not bring in malloc.h.
    static func returnLargePiecesAtOnce() {
        #if canImport(Glibc)
        guard let symbol = dlsym(nil, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        _ = mallopt(-3, 128 * 1024)   // M_MMAP_THRESHOLD, which also stops the threshold moving
        #endif
    }
}
