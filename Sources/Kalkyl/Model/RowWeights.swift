/// What a read keeps a row besides the table, weighed before it is taken (docs/reliability.md,
/// "Memory kept bounded"): a file under the size limit can have millions of rows, and what is
/// made of each of them is taken after the table's own memory was weighed.
extension DataBinding {
    /// A row's key number, its slot in the keys' index and its key's first row, for a key of
    /// one column: 4 + 8 + 4 bytes (a million rows of `key id column v` and of `wide key id`
    /// took no more than their table and cells).
    static let bytesPerKeyedRow = 16
    /// A key of several columns is kept in the index as its texts, an array of strings a key.
    static let bytesPerKeyOfColumnsRow = 256
    /// A member's name or parent, by its key, with the place of its cell: 250 bytes a row
    /// measured for a million names of 18 characters (`name n`), 204 for parents (`parent p`).
    static let bytesPerTextRow = 256

    /// Whether what a read keeps for each row of `table` (`bytesPerRow`) fits in what is left;
    /// when it does not, the refusal, as for a file that cannot be read (exit 3).
    /// `hint` says what a row's bytes are, when not the default's "for them besides its text".
    mutating func rowsFit(_ table: DataTable, path: String, bytesPerRow: Int, keeping what: String, at range: SourceRange,
                          hint: String? = nil, left: () -> Int = MachineMemory.left) -> Bool {
        let needed = table.rowCount.multipliedReportingOverflow(by: bytesPerRow)
        let left = left()
        guard needed.overflow || needed.partialValue > left else { return true }
        diagnostics.append(.rowsTakeTooMuch(path, rows: table.rowCount, keeping: what, needed: needed.overflow ? .max : needed.partialValue, left: left,
                                            hint: hint ?? "a row takes up to \(bytesPerRow) bytes for them besides its text; export the file in parts, "
                                                + "or with fewer rows", at: location(range)))
        return false
    }
}

extension Diagnostic {
    fileprivate static func rowsTakeTooMuch(_ path: String, rows: Int, keeping what: String, needed: Int, left: Int, hint: String,
                                            at location: SourceLocation) -> Diagnostic {
        .error("the data file '\(path)' has \(ModelSize.grouped(Double(rows))) rows, and \(what) read from them would take about "
               + "\(DiskSources.mebibytes(needed)) MiB in memory, more than the \(DiskSources.mebibytes(left)) MiB left of the "
               + "\(DiskSources.mebibytes(MachineMemory.available)) MiB kalkyl may use here",
               at: location, hint: hint, code: .unreadableDataFile).unreadableFile
    }
}
