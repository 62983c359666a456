/// Splits a data file's text into records and fields by RFC 4180 as the text comes, a piece
/// at a time, keeping every field's place in the whole text.
///
/// A field in double quotes may hold separators, line breaks and doubled quotes (`""` for
/// `"`). A quote inside an unquoted field is kept as a character, as Excel does. Two things
/// cannot be read and are reported, never glossed over: a quote that is never closed (the
/// rest of its line is skipped, and reading resumes on the next line so that one bad quote
/// does not swallow the file) and text after a closing quote (`"12"3`).
///
/// The text is given in pieces (`add`, then `finish` after the last), as a data file is decoded
/// 4 MiB at a time, and only the record being read is kept between them (`window`): a record
/// cut between two pieces, inside a quoted field, between a CR and its LF, is read when the
/// rest comes, so the records, fields and problems are the same wherever the pieces are cut.
/// A record longer than a piece stays in the window until its end has come (it is read again
/// only once the window has doubled, `retryAt`); a quote that is never closed is known only at
/// the end of the text, so the rest of the text is kept until then (its search for a closing
/// quote resumes where it stopped, not from the record's start).
///
/// Records come one at a time (`next`), their fields as spans in `fields`, which the next
/// record reuses: a ledger of 40 million rows is never held as 40 million records.
struct RecordScanner {
    struct Record: Equatable {
        /// From the first field to the end of the last, without the line break.
        var range: SourceRange
        /// A problem was reported inside the record; its fields cannot be trusted.
        var broken = false
    }

    struct Problem: Equatable {
        var range: SourceRange
        var message: String
        var hint: String?
    }

    let separator: UInt8
    /// The text from `base` on: the record being read and what has come after it.
    private(set) var window: [UInt8] = []
    /// Where `window` starts in the whole text.
    private(set) var base = 0
    /// The fields of the record `next` returned last, as places in the whole text.
    private(set) var fields: [FieldSpan] = []
    /// Every problem met so far, in text order.
    private(set) var problems: [Problem] = []
    /// Where the next record starts in `window`.
    private var position = 0

    /// Hands over the problems met so far and forgets them, so that a file with one on every
    /// line does not keep them all: `next` takes back only those of a record it has not finished.
    mutating func takeProblems() -> [Problem] {
        defer { problems.removeAll() }
        return problems
    }
    /// Text before this place (a `sep=` line) is not scanned.
    private var skipTo: Int
    /// The last piece has come: the end of `window` is the end of the text.
    private(set) var ended = false
    /// A quoted field whose closing quote was not in the window yet: its opening quote, and
    /// where the search for its close goes on (places in the whole text).
    private var pendingQuote: (open: Int, searchedTo: Int)?
    /// After a record did not fit in the window: how many bytes from its start the window must
    /// hold before it is read again. Twice what the last attempt had, so that a record far longer
    /// than a piece (a file without line breaks, a field of megabytes) is scanned a bounded
    /// number of times over, not once more for every 4 MiB that comes.
    private var retryAt: Int?
    /// How many times a record was read and found to go on past the window (for the tests).
    private(set) var unfinishedReads = 0

    /// Scans the text given to `add`, from `start` (a place in the whole text).
    init(separator: UInt8, from start: Int = 0) {
        self.separator = separator
        self.skipTo = start
    }

    /// Scans `text` whole, as one piece that has ended; the window is `text` itself, not a copy.
    init(text: [UInt8], separator: UInt8, from start: Int = 0) {
        self.separator = separator
        self.skipTo = 0
        self.window = text
        self.position = min(max(0, start), text.count)
        self.ended = true
    }

    /// The next piece of the text. The records `next` gave are dropped from the window, so
    /// call it when `next` has given nil.
    mutating func add<Piece: Collection<UInt8>>(_ piece: Piece) {
        if position > 0 {
            window.removeSubrange(0..<position)
            base += position
            position = 0
        }
        window.append(contentsOf: piece)
        if skipTo > base {
            let skipped = min(window.count, skipTo - base)
            window.removeSubrange(0..<skipped)
            base += skipped
        }
    }

    /// The text has ended: the record in the window ends with it.
    mutating func finish() { ended = true }

    /// The field's text (`FieldText.text`), while its record is the last `next` gave.
    func text(of field: FieldSpan) -> String {
        FieldText.text(of: FieldSpan(field.start - base, field.end - base), in: window)
    }

    /// Whether the field is blank (`FieldText.isBlank`), while its record is the last `next` gave.
    func isBlank(_ field: FieldSpan) -> Bool {
        FieldText.isBlank(FieldSpan(field.start - base, field.end - base), in: window)
    }

    /// The next record, its fields in `fields`; nil when the window holds no whole record
    /// (give the next piece) or, after `finish`, at the end of the text. Empty lines are not
    /// records, and a record abandoned at an unclosed quote is none (its problem is in `problems`).
    mutating func next() -> Record? {
        if let retryAt, !ended, window.count - position < retryAt { return nil }
        retryAt = nil
        // A second reference to the window's storage, so that it is read while `fields` and
        // `problems` are written (the window itself changes only in `add`).
        let text = window
        return text.withUnsafeBufferPointer { b in
            while position < b.count {
                fields.removeAll(keepingCapacity: true)
                let known = problems.count
                var i = position
                switch scanRecord(b, &i) {
                case .needsMore:
                    fields.removeAll(keepingCapacity: true)
                    problems.removeSubrange(known...)
                    retryAt = 2 * (b.count - position)
                    unfinishedReads += 1
                    return nil
                case .abandoned:
                    position = i
                case .record(let record):
                    position = i
                    // A line with nothing on it: no record at all, unlike a row of empty fields.
                    if fields.count == 1, fields[0].start == fields[0].end { continue }
                    return record
                }
            }
            return nil
        }
    }

    // MARK: One record, read whole or not at all

    /// How an attempt at reading a record from the window ended: it stops with `needsMore`
    /// wherever the text could go on in the next piece, so that only a whole record is given.
    private enum Outcome {
        case record(Record)
        /// Abandoned at a quote that is never closed.
        case abandoned
        case needsMore
    }

    private enum FieldOutcome {
        case field(FieldSpan)
        case abandoned
        case needsMore
    }

    private static let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r"), space = UInt8(ascii: " ")

    /// Scans one record from `i` (in the window) into `fields` and moves `i` past its line break.
    private mutating func scanRecord(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Outcome {
        let start = i
        var record = Record(range: SourceRange(base + start, base + start))
        while true {
            switch scanField(b, &i, record: &record) {
            case .field(let span): fields.append(span)
            case .abandoned: return .abandoned
            case .needsMore: return .needsMore
            }
            if i < b.count, b[i] == separator {
                i += 1
                continue
            }
            if i == b.count, !ended { return .needsMore }
            record.range = SourceRange(base + start, base + i)
            if i < b.count, b[i] == Self.cr {
                i += 1
                if i == b.count, !ended { return .needsMore }   // its LF may be in the next piece
            }
            if i < b.count, b[i] == Self.lf { i += 1 }
            return .record(record)
        }
    }

    private mutating func scanField(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, record: inout Record) -> FieldOutcome {
        let start = i
        var j = i
        // Padding before an opening quote is tolerated: some exporters align their columns.
        while j < b.count, b[j] == Self.space, separator != Self.space { j += 1 }
        guard j < b.count, b[j] == Self.quote else {
            while i < b.count, b[i] != separator, b[i] != Self.lf, !(b[i] == Self.cr && i + 1 < b.count && b[i + 1] == Self.lf) {
                i += 1
            }
            if i == b.count, !ended { return .needsMore }
            return .field(FieldSpan(base + start, base + i))
        }
        let open = j
        let resumeAt = pendingQuote.flatMap { $0.open == base + open ? $0.searchedTo - base : nil } ?? open + 1
        let close: Int
        switch closingQuote(b, from: resumeAt) {
        case .closed(let at):
            close = at
        case .searchFrom(let at):
            pendingQuote = (base + open, base + at)
            return .needsMore
        case .never:
            problems.append(Problem(range: SourceRange(base + open, base + open + 1), message: "this quote is never closed",
                                    hint: "the rest of the line is skipped; a quote inside a quoted field is written twice (\"\")"))
            i = open
            while i < b.count, b[i] != Self.lf { i += 1 }
            if i < b.count { i += 1 }
            return .abandoned
        }
        j = close + 1
        while j < b.count, b[j] == Self.space, separator != Self.space { j += 1 }
        if j == b.count, !ended { return .needsMore }
        if j < b.count, b[j] != separator, b[j] != Self.lf, b[j] != Self.cr {
            let strayStart = j
            while j < b.count, b[j] != separator, b[j] != Self.lf, b[j] != Self.cr { j += 1 }
            if j == b.count, !ended { return .needsMore }
            problems.append(Problem(range: SourceRange(base + strayStart, base + j), message: "text after the closing quote of a field",
                                    hint: "quote the whole field, and write a quote inside it twice (\"\")"))
            record.broken = true
        }
        i = j
        return .field(FieldSpan(base + start, base + j))
    }

    private enum QuoteSearch {
        case closed(Int)
        /// No closing quote yet: go on from here when more text has come.
        case searchFrom(Int)
        /// The text ended first.
        case never
    }

    /// The quote that closes a field, passing over doubled quotes, searched from `from`.
    private func closingQuote(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> QuoteSearch {
        var j = from
        while j < b.count {
            if b[j] == Self.quote {
                if j + 1 < b.count {
                    if b[j + 1] == Self.quote {
                        j += 2
                        continue
                    }
                    return .closed(j)
                }
                // The last character so far: the close, or the first of a doubled quote.
                return ended ? .closed(j) : .searchFrom(j)
            }
            j += 1
        }
        return ended ? .never : .searchFrom(j)
    }
}
