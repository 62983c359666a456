/// Where one field is written in a data file's bytes: quotes and padding included.
///
/// Made when a field is read, instead of a `String` per field: a staff file of 100,000 rows
/// has 400,000 fields, and every statement reading it used to copy them all. A table keeps
/// only each field's start (`DataTable.rowStarts`, `fieldDeltas`).
struct FieldSpan: Sendable {
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

/// Splits a data file's text into records and fields by RFC 4180, keeping every field's place.
///
/// A field in double quotes may hold separators, line breaks and doubled quotes (`""` for
/// `"`). A quote inside an unquoted field is kept as a character, as Excel does. Two things
/// cannot be read and are reported, never glossed over: a quote that is never closed (the
/// rest of its line is skipped, and reading resumes on the next line so that one bad quote
/// does not swallow the file) and text after a closing quote (`"12"3`).
///
/// Records come one at a time (`next`), their fields as spans into the bytes (`FieldText`
/// reads their text) in `fields`, which the next record reuses: a ledger of 40 million rows is
/// never held as 40 million records beside the table made of them.
struct CSVScanner {
    struct Record {
        /// From the first field to the end of the last, without the line break.
        var range: SourceRange
        /// A problem was reported inside the record; its fields cannot be trusted.
        var broken = false
    }

    struct Problem {
        var range: SourceRange
        var message: String
        var hint: String?
    }

    let bytes: [UInt8]
    let separator: UInt8
    /// The fields of the record `next` returned last.
    private(set) var fields: [FieldSpan] = []
    /// Every problem met so far, in file order.
    private(set) var problems: [Problem] = []
    private var i: Int

    private static let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r"), space = UInt8(ascii: " ")

    /// Scans `bytes` from `start`.
    init(bytes: [UInt8], separator: UInt8, from start: Int = 0) {
        self.bytes = bytes
        self.separator = separator
        self.i = start
    }

    /// The next record, its fields in `fields`; nil at the end of the bytes. Empty lines are
    /// not records, and a record abandoned at an unclosed quote is none (its problem is in
    /// `problems`).
    mutating func next() -> Record? {
        while i < bytes.count {
            fields.removeAll(keepingCapacity: true)
            var position = i
            let scanned = scanRecord(&position)
            i = position
            guard let record = scanned else { continue }
            // A line with nothing on it: no record at all, unlike a row of empty fields.
            if fields.count == 1, fields[0].start == fields[0].end { continue }
            return record
        }
        return nil
    }

    /// Scans one record starting at `i` into `fields` and moves `i` past its line break. Nil
    /// when the record was abandoned because of an unclosed quote.
    private mutating func scanRecord(_ i: inout Int) -> Record? {
        let start = i
        var record = Record(range: SourceRange(start, start))
        while true {
            guard let field = scanField(&i, in: &record) else { return nil }
            fields.append(field)
            if i < bytes.count, bytes[i] == separator {
                i += 1
                continue
            }
            record.range = SourceRange(start, i)
            if i < bytes.count, bytes[i] == Self.cr { i += 1 }
            if i < bytes.count, bytes[i] == Self.lf { i += 1 }
            return record
        }
    }

    private mutating func scanField(_ i: inout Int, in record: inout Record) -> FieldSpan? {
        let start = i
        var j = i
        // Padding before an opening quote is tolerated: some exporters align their columns.
        while j < bytes.count, bytes[j] == Self.space, separator != Self.space { j += 1 }
        guard j < bytes.count, bytes[j] == Self.quote else {
            while i < bytes.count, bytes[i] != separator, bytes[i] != Self.lf, !(bytes[i] == Self.cr && i + 1 < bytes.count && bytes[i + 1] == Self.lf) {
                i += 1
            }
            return FieldSpan(start, i)
        }
        let open = j
        guard let close = FieldText.closingQuote(in: bytes, after: open) else {
            problems.append(Problem(range: SourceRange(open, open + 1), message: "this quote is never closed",
                                    hint: "the rest of the line is skipped; a quote inside a quoted field is written twice (\"\")"))
            i = open
            while i < bytes.count, bytes[i] != Self.lf { i += 1 }
            if i < bytes.count { i += 1 }
            return nil
        }
        j = close + 1
        while j < bytes.count, bytes[j] == Self.space, separator != Self.space { j += 1 }
        if j < bytes.count, bytes[j] != separator, bytes[j] != Self.lf, bytes[j] != Self.cr {
            let strayStart = j
            while j < bytes.count, bytes[j] != separator, bytes[j] != Self.lf, bytes[j] != Self.cr { j += 1 }
            problems.append(Problem(range: SourceRange(strayStart, j), message: "text after the closing quote of a field",
                                    hint: "quote the whole field, and write a quote inside it twice (\"\")"))
            record.broken = true
        }
        i = j
        return FieldSpan(start, j)
    }
}
