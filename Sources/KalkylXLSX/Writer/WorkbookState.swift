internal import CXlsxWriter

/// The one owner of a libxlsxwriter workbook pointer, shared by the workbook and its sheets and
/// formats.
///
/// `workbook_close` frees the workbook *and every sheet and format in it*, even when it fails, so
/// every handle must ask this box whether the C memory still exists before touching it. The box
/// never refers back to the handles: the workbook, its sheets and its formats all point here and
/// nowhere else, so there is no retain cycle. An unclosed workbook is freed without being written
/// when the last handle goes away.
final class WorkbookState {
    private var pointer: UnsafeMutablePointer<lxw_workbook>?
    /// Sheet names already used, folded for Excel's case-insensitive comparison.
    var sheetNameKeys: Set<String> = []
    /// Defined names already used, folded the same way.
    var definedNameKeys: Set<String> = []
    /// One C format per distinct style (libxlsxwriter frees them at close).
    var formats: [XLSXStyle: UnsafeMutablePointer<lxw_format>] = [:]

    init(pointer: UnsafeMutablePointer<lxw_workbook>) {
        self.pointer = pointer
    }

    var isClosed: Bool { pointer == nil }

    /// The workbook pointer, or `XLSXError.closed` once it has been freed.
    func workbook(_ operation: @autoclosure () -> String) throws -> UnsafeMutablePointer<lxw_workbook> {
        guard let pointer else { throw XLSXError.closed(operation()) }
        return pointer
    }

    /// Throws `XLSXError.closed` if the C memory behind sheets and formats is gone.
    func requireOpen(_ operation: @autoclosure () -> String) throws {
        guard pointer != nil else { throw XLSXError.closed(operation()) }
    }

    /// Writes the file and frees everything; afterwards every handle throws `.closed`.
    func close() throws {
        guard let pointer else { throw XLSXError.closed("close workbook") }
        // Forget the pointer first: workbook_close frees it whatever it returns.
        self.pointer = nil
        formats.removeAll()
        let result = FreedInPlace.during { workbook_close(pointer) }
        try check(result, "close workbook")
    }

    deinit {
        // Never closed (the build failed or was abandoned): free without writing a file.
        if let pointer { lxw_workbook_free(pointer) }
    }
}
