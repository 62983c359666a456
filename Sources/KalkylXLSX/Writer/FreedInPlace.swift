internal import CXlsxWriter

/// glibc's malloc without its fast bins while libxlsxwriter frees a workbook.
///
/// `workbook_close` frees every cell, formula and string it holds: millions of chunks of under
/// 128 bytes, which glibc keeps in its fast bins, unmerged. The next large allocation or free
/// of the process (the Swift objects released after the close, printing the summary) then
/// merges them all at once (`malloc_consolidate`): 0.15 s after a 37,000-employee export,
/// work a C program that exits right after the close never does. Without fast bins each chunk
/// is merged with its free neighbours as it is freed, while they are still in the cache; the
/// close takes no longer (docs/performance.md, "Export"). The fast bins come back afterwards
/// at glibc's default size, so the setting does not outlive the close.
enum FreedInPlace {
    static func during<T>(_ body: () -> T) -> T {
        #if canImport(Glibc)
        _ = mallopt(M_MXFAST, 0)
        // glibc's default: 64 * sizeof(size_t) / 4.
        defer { _ = mallopt(M_MXFAST, Int32(64 * MemoryLayout<Int>.size / 4)) }
        #endif
        return body()
    }
}
