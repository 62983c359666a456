/// Where one field is written in a data file's text: quotes and padding included.
///
/// Made when a field is read, instead of a `String` per field: a staff file of 100,000 rows
/// has 400,000 fields, and every statement reading it used to copy them all. A table keeps
/// only each field's start (`DataTable.rowStarts`, `fieldDeltas`).
struct FieldSpan: Sendable, Equatable {
    var start: Int
    var end: Int

    init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = end
    }

    init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    var range: SourceRange { SourceRange(start, end) }
}
