internal import CXlsxWriter

/// libxlsxwriter, opened when the first workbook is made rather than linked into the binary
/// (Sources/CXlsxWriter/XLSXWriterLoader.c): a command that writes no workbook never loads it,
/// nor the libcrypto and minizip it brings.
enum XLSXWriterLibrary {
    /// Opens the library once per process, or throws ``XLSXError/Kind/libraryUnavailable``
    /// saying which file could not be loaded and why.
    static func open(_ operation: @autoclosure () -> String) throws {
        guard let failure = kalkyl_xlsxwriter_open() else { return }
        throw XLSXError(.libraryUnavailable, operation: operation(), message: String(cString: failure))
    }
}
