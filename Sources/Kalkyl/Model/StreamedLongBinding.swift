/// A file that only `long` statements read, read as its records pass (`LongStream`) when
/// nothing else needs its text: the one-shot commands' ledgers of a gigabyte are read without
/// holding them, once for all the statements that read them.
extension DataBinding {
    /// The series of a `long` statement's file read as a stream, and the file (file-backed);
    /// nil when it is to be read whole, as before: with a `CheckCache` (the language server
    /// keeps tables between checks; `watch` has none, and streams), from a provider other than the disk, for a file the
    /// model reads otherwise too or read already, and for any file `LongStream` does not read
    /// cleanly for every statement that reads it, or one naming a key that is no member (each is
    /// reported with the text in memory, its line kept whatever happens to the file afterwards).
    ///
    /// The file is read at the first of its statements to be bound, for all of them, and each
    /// takes its own series when bound. A file whose series and places would keep more than
    /// `DiskSources.keepLimit` together is refused (`.refused`, with its error in `diagnostics`),
    /// whatever its size: its size is what a whole read is limited by, since that holds the text.
    /// Several statements that would each keep under the limit are read whole instead, as before:
    /// the stream holds all their series at once, a whole read one statement's at a time.
    mutating func streamedLong(path: String, pathRange: SourceRange, dims: [Int], names: NameTable) -> StreamedLong? {
        guard cache == nil, sources is DiskSources, tables[path] == nil, let statements = streamable[path] else { return nil }
        if streamedReads[path] == nil {
            let streams = statements.map {
                LongStream(periodColumn: $0.period, keyColumns: $0.keys, amountColumn: $0.amount, timeline: names.timeline,
                           duplicates: $0.sum ? .sum : .error, percent: $0.percent, currency: $0.currency)
            }
            let opened = DataFile.resolve(path, in: directory)
            switch LongStream.outcome(of: streams, opened, keepLimit: DiskSources.keepLimit) {
            case .readWhole(let problem):
                // A file too large to be read whole cannot report its problem from its text: the
                // refusal names the problem's line, found by reading the text again up to it.
                if let problem, let refused = tooLargeToReport(path, opened: opened, line: { DataTextStream.line(at: problem, in: opened) },
                                                                    at: pathRange) {
                    diagnostics.append(refused)
                    tables[path] = .some(nil)
                    return .refused
                }
                streamedReads[path] = [:]
                readWholeAt[path] = problem
            case .tooMuch(let refusal) where statements.count > 1 && refusal.estimate(refusal.largest) <= min(DiskSources.keepLimit, refusal.room ?? .max):
                // Together they keep too much, one by one they would not: read whole, as before,
                // which takes one statement's series at a time (the file's size is its limit then).
                streamedReads[path] = [:]
            case .tooMuch(let refusal):
                diagnostics.append(.keepsTooMuch(path, for: statements.map(\.name), refusal, limit: DiskSources.keepLimit, room: refusal.room,
                                                 at: location(pathRange)))
                tables[path] = .some(nil)
                return .refused
            case .read(let reads):
                streamedReads[path] = Dictionary(zip(statements.map(\.pathRange.start), reads), uniquingKeysWith: { first, _ in first })
            }
        }
        // Taken once: the statement's series are dropped here as its cells are made from them.
        guard let read = streamedReads[path]?.removeValue(forKey: pathRange.start) else { return nil }
        let refused = dims.map { refusedMembers[names.dimensions[$0].name] ?? [] }
        for series in read.series where !zip(series.key, refused).contains(where: { $1.contains($0) }) {
            // A key that is no member, or a word for a total (an export's totals row, `TotalsRow`).
            let problem = DataBinding.member(series.key, dims: dims, names: names, at: series.keyLocations).1
            guard problem != nil || series.key.contains(where: TotalsRow.isTotalsWord) else { continue }
            // Read whole to report it; the statements after it read the table that keeps. Unless
            // it is too large for that: then the refusal names the key's line.
            streamedReads[path] = [:]
            let place = problem?.location ?? series.keyLocations.first
            readWholeAt[path] = place?.range.start
            guard let refused = tooLargeToReport(path, opened: DataFile.resolve(path, in: directory), line: { place?.line },
                                                  at: pathRange) else { return nil }
            diagnostics.append(refused)
            tables[path] = .some(nil)
            return .refused
        }
        return .read(read)
    }

    /// The refusal of a file that has a problem to report and is too large to be read whole,
    /// which is how a problem is reported: its size, as for any file over the size limit, and
    /// the problem's `line`. Nil when the file may be read whole.
    private func tooLargeToReport(_ path: String, opened: String, line: () -> Int?, at pathRange: SourceRange) -> Diagnostic? {
        guard let size = try? DiskSources().readableSize(opened, limit: nil), size > DiskSources.sizeLimit else { return nil }
        let note = line().map {
            Diagnostic(.note, "read as its rows pass, the file shows a problem on line \($0) (\(path):\($0)); a file with a problem is read "
                       + "whole to report it, and this one is too large for that: correct that line, or read the file in parts", at: nil)
        }
        return .error("the data file '\(path)' \(SourceReadError.tooLarge(size).reason(kind: "data file"))", at: location(pathRange),
                      hint: DataFile.tooLargeHint, notes: note.map { [$0] } ?? [], code: .unreadableDataFile).unreadableFile
    }

    /// Why a file the stream read first was read whole, when it was: the problem it met, by its line.
    func readWholeNote(_ path: String, in table: DataTable) -> Diagnostic? {
        guard let offset = readWholeAt[path] else { return nil }
        let line = table.file.lineAndColumn(of: offset).line
        return Diagnostic(.note, "read as its rows pass, the file would keep only the periods its rows give; it is read whole to report "
                          + "what it shows on line \(line) (\(path):\(line))", at: nil)
    }

    /// A `long` file read as a stream, or refused for what it would keep.
    enum StreamedLong {
        case read(LongStream.Read)
        case refused
    }
}

extension Diagnostic {
    /// A file read as it passes that would keep more than it may: what it would keep (judged
    /// from the part read), the limit and the memory it is half of, in the manner of a file over
    /// the size limit (`SourceReadError.reason`), with the same advice to read it in parts.
    /// `room`: what the read could keep when the memory left ran out before `limit` did
    /// (`LongStream.TooMuch.room`, `SIEStream`).
    static func keepsTooMuch(_ path: String, for names: [String], _ refusal: LongStream.TooMuch, limit: Int, room: Int? = nil, at location: SourceLocation,
                             keeping what: String = "its series and the places of the rows summed into them") -> Diagnostic {
        let estimate = refusal.estimate
        let quoted = names.map { "'\($0)'" }
        let name = quoted.count < 2 ? quoted.joined() : quoted.dropLast().joined(separator: ", ") + " and " + quoted.last!
        let message = "the data file '\(path)' would keep about \(DiskSources.mebibytes(estimate)) MiB in memory for \(name), "
            + (room.map { "more than the \(DiskSources.mebibytes($0)) MiB it could keep with what is left of the \(DiskSources.mebibytes(2 * limit)) MiB kalkyl may use here (\(what)\(refusal.judged))" }
               ?? "more than the \(DiskSources.mebibytes(limit)) MiB a file read as its rows pass may keep (\(what)\(refusal.judged); "
               + "such a file may keep half of the \(DiskSources.mebibytes(2 * limit)) MiB kalkyl may use here)")
        return Diagnostic.error(message, at: location, hint: DataFile.tooLargeHint(partsUnder: refusal.partsUnder(min(limit, room ?? limit))),
                                code: .unreadableDataFile).unreadableFile
    }

    /// A `long` file read whole (`DataTable.long`) whose series over the whole timeline would
    /// keep more than the `room` they have (`WholeLongKept.limit`): what they would keep, judged
    /// from the part read; `why` says why the file was read whole when the stream read it first.
    static func keepsTooMuchReadWhole(_ path: String, for name: String, _ refusal: LongStream.TooMuch, room: Int, why: Diagnostic?,
                                      at location: SourceLocation) -> Diagnostic {
        let message = "the data file '\(path)' would keep about \(DiskSources.mebibytes(refusal.estimate)) MiB in memory for '\(name)' read "
            + "whole, more than the \(DiskSources.mebibytes(room)) MiB left of the \(DiskSources.mebibytes(MachineMemory.available)) MiB "
            + "kalkyl may use here (a series over the whole timeline for each of its keys\(refusal.judged); "
            + "\(DiskSources.mebibytes(MachineMemory.heapGrowth)) MiB more are kept back for the heap to grow by)"
        return Diagnostic.error(message, at: location, hint: DataFile.tooLargeHint(partsUnder: refusal.partsUnder(room)),
                                notes: why.map { [$0] } ?? [], code: .unreadableDataFile).unreadableFile
    }
}

extension LongStream.TooMuch {
    /// `, judged from the first 12 % of the file`, when it was not read to its end.
    var judged: String {
        bytesRead < size ? ", judged from the first \(bytesRead * 100 / max(1, size)) % of the file" : ""
    }

    /// The size of parts that would each keep under `limit`, by the same measure (whole MiB).
    func partsUnder(_ limit: Int) -> Int {
        Int(Double(size) * Double(limit) / Double(max(1, estimate))) & ~((1 << 20) - 1)
    }
}

extension DataFiles {
    /// A `long` statement as written: what reading its file for it takes.
    struct LongStatement {
        let name: String
        /// Where its path is written in the model: the statement's mark, unique to it.
        let pathRange: SourceRange
        let keys: [String]
        let period: String
        let amount: String
        let sum: Bool
        /// How its amounts read, for a `%` input.
        let percent: PercentCells
        /// The currency its rows must be in, for an input of money whose amount column names no
        /// currency of its own (`CurrencyColumn`, `DataBinding.otherCurrencyProblems`).
        let currency: String?
    }

    /// The files (by path as written) that `long` statements name and nothing else does, each
    /// with those statements in the model's order: such a file may be read as a stream, once for
    /// all of them, without a table kept for others.
    static func streamable(in syntax: SyntaxFile) -> [String: [LongStatement]] {
        var long: [String: [LongStatement]] = [:]
        var other = Set<String>()
        let percentInputs = PercentCells.declared(in: syntax)
        let units = syntax.declaredInputUnits
        for statement in syntax.statements {
            switch statement {
            case .dimension(let d):
                if let file = d.file { other.insert(file.path) }
                if let sie = d.sie { other.insert(sie.path) }
            case .definition(let written), .check(let written):
                // An assignment (`input kost[actual, …] = data …`) is read as its input's unit says.
                let d = written.withUnit(from: units)
                guard let source = d.source else { continue }
                if case .long(let path, let pathRange, let keys, let period, let amount, let sum) = source {
                    long[path, default: []].append(LongStatement(name: d.name, pathRange: pathRange, keys: keys.map(\.name), period: period.name,
                                                                 amount: amount.name, sum: sum, percent: PercentCells(d, percentInputs: percentInputs),
                                                                 currency: DataBinding.currency(inHeader: amount.name) == nil
                                                                     ? CurrencyColumn.currency(ofUnit: d.unit) : nil))
                } else if let path = source.path {
                    other.insert(path)
                }
            default: break
            }
        }
        return long.filter { !other.contains($0.key) }
    }
}
