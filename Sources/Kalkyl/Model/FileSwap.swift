/// Puts one `SourceFile` in place of another in what names it: the same text in another form.
/// `CheckCache` keeps what it read naming each file in its file-backed form (no text), and hands
/// it out naming the text just read; a file read again with the same text is named as read now,
/// so a place in it is quoted from this read, not reported as changed since an earlier one.
struct FileSwap {
    private var swaps: [ObjectIdentifier: SourceFile] = [:]

    init() {}

    init(from old: SourceFile, to new: SourceFile) {
        add(from: old, to: new)
    }

    mutating func add(from old: SourceFile, to new: SourceFile) {
        if old !== new { swaps[ObjectIdentifier(old)] = new }
    }

    func file(_ file: SourceFile) -> SourceFile { swaps[ObjectIdentifier(file)] ?? file }

    func location(_ location: SourceLocation) -> SourceLocation {
        SourceLocation(file: file(location.file), range: location.range)
    }

    func diagnostic(_ d: Diagnostic) -> Diagnostic {
        var out = d
        out.location = d.location.map(location)
        out.notes = d.notes.map(diagnostic)
        return out
    }

    func table(_ table: DataTable) -> DataTable {
        guard !swaps.isEmpty else { return table }
        var out = table
        out.file = file(table.file)
        out.diagnostics = table.diagnostics.map(diagnostic)
        return out
    }

    func cells(_ cells: ReadCells) -> ReadCells {
        guard !swaps.isEmpty else { return cells }
        var out = cells
        if let origins = cells.origins { out.origins?.file = file(origins.file) }
        return out
    }
}
