/// A long-form file (`konto;period;belopp`) read for a `long` statement as its records pass,
/// its text never held: the text comes a piece at a time (`DataTextStream`), each record is
/// scanned as it comes (`RecordScanner`), and only what the statement keeps stays: a series
/// per key and the places of its amounts (four bytes a summed row, for explain). A ledger of a
/// gigabyte is read in the memory of its series, those places and a piece, not in its text
/// and a table of offsets into it (docs/performance.md, "Large data files").
///
/// It gives what `DataTable.long` gives from the whole text, but only for a file that reads
/// without a problem. At the first thing that would be a diagnostic (a field count, a quote,
/// a column not found or named twice, a key that is empty, has a line break or is spelled two
/// ways, a period that is not on the timeline, an amount that is no number, a second amount
/// that is not to be summed), or when the file's decimal mark turns out other than the one
/// its amounts were read with (its separator's: `;` and tab a comma, `,` a point, which the
/// file's own numbers decide only at its end), it gives nil: the caller reads the file whole,
/// as before, and reports it with its text in memory. A clean file is read once; a file with
/// a problem twice.
///
/// Its size is not limited, since its text is not held: what it keeps is (`keepLimit`), counted
/// as it reads (`Kept`). A file whose series and places would take more is refused, read no
/// further, and not read whole either (`Outcome.tooMuch`). So is one that would take more than
/// is left of the memory (`MachineMemory.leftForGrowth`, measured as what is kept grows): half the memory
/// is the limit only where the rest of the process is small beside it, and under `ulimit -v` the
/// process itself takes about 100 MB before it reads a byte, so that a 100 MB ledger of summed
/// rows, under the limit, died allocating its places (SIGSEGV under `ulimit -v` 106,250 to
/// 190,000 KiB) instead of being refused.
///
/// A file that several `long` statements read is read once for all of them (`outcome(of:)`):
/// each record is given to every statement's reader (`Statement`), what they keep together is
/// judged against the limit, and a problem met by any of them leaves the file to the whole
/// read for all, as for one.
struct LongStream {
    let periodColumn: String
    let keyColumns: [String]
    let amountColumn: String
    let timeline: Timeline
    let duplicates: DuplicateAmounts
    /// How a `%` input's amounts read (`PercentCells`).
    var percent: PercentCells = .plain
    /// The currency of a money input (`CurrencyColumn.currency(ofUnit:)`): a row whose currency
    /// column says another is reported, so the file is read whole. Nil for an input of no money.
    var currency: String?
    /// The most text a header line (or a quote left open in it) is looked for in before the file
    /// is read whole instead: a ledger's header is a line of a few names.
    static let headerLimit = 1 << 20

    /// The most the read may keep (`Kept`), in bytes.
    var keepLimit = DiskSources.keepLimit

    /// What must stay left of the memory while a file is read as it passes, for the rest of the
    /// command to weigh what it makes next and say so (as `TextMemory.reserve`): a 64th of the
    /// memory kalkyl may use, at least 8 MiB.
    static let reserve = max(8 << 20, MachineMemory.available / 64)

    /// What was read: the file, file-backed, and a series per key in the order keys first appear.
    struct Read {
        let file: SourceFile
        let kept: [Series]
        let periods: Int
        /// Under `sum`: the rows the same as an earlier row in every column, warned about.
        var repeated = RepeatedRows()

        /// Each series over the whole timeline, made as it is asked for: one at a time, not all
        /// of them at once beside what is kept.
        var series: LazyMapCollection<[Series], KeyedSeries> { kept.lazy.map { [file, periods] series in series.keyed(in: file, periods: periods) } }
    }

    /// How a read ended.
    enum Outcome {
        case read(Read)
        /// The file is to be read whole (see the type). `problem` is where the record that showed
        /// the first thing to report starts in the text, when a record showed it (not the file's
        /// decimal mark, its encoding, nor a header line not ended within `headerLimit`).
        case readWhole(problem: Int?)
        /// What the file keeps passed `keepLimit`: it was read no further.
        case tooMuch(TooMuch)
    }

    /// A file refused for what it would keep: `kept` bytes when `bytesRead` of its `size` had
    /// been read, in `series` series.
    struct TooMuch: Equatable {
        let kept: Int
        let bytesRead: Int
        let size: Int
        let series: Int
        /// What the statement that keeps most kept alone (with the line samples): of several
        /// statements, what a whole read, which takes one statement's series at a time, holds.
        var largest = 0
        /// What the read could have kept when what was left of the memory ran out before the
        /// limit did (kept so far, and what was left less `LongStream.reserve`); nil when the
        /// limit was passed.
        var room: Int?

        /// What the whole file would keep, judged from the part read: at least what was kept.
        var estimate: Int { estimate(kept) }

        /// What the whole file would keep of `part`, kept of the part read.
        func estimate(_ part: Int) -> Int {
            guard bytesRead > 0, size > bytesRead else { return part }
            return Int((Double(part) * Double(size) / Double(bytesRead)).rounded(.up))
        }
    }

    /// Reads the file opened as `path`; nil when it cannot be read so (see the type) or keeps too much.
    func read(_ path: String, pieceSize: Int = DiskSources.pieceSize) -> Read? {
        var looks = 0, pieces = 0
        return read(path, pieceSize: pieceSize, looks: &looks, pieces: &pieces)
    }

    /// `read`, counting the looks for the header line and the pieces taken (for the tests).
    func read(_ path: String, pieceSize: Int, looks: inout Int, pieces: inout Int) -> Read? {
        if case .read(let read) = outcome(path, pieceSize: pieceSize, looks: &looks, pieces: &pieces) { read } else { nil }
    }

    /// Reads the file opened as `path`, saying how it ended.
    func outcome(_ path: String, pieceSize: Int = DiskSources.pieceSize) -> Outcome {
        var looks = 0, pieces = 0
        return outcome(path, pieceSize: pieceSize, looks: &looks, pieces: &pieces)
    }

    private func outcome(_ path: String, pieceSize: Int, looks: inout Int, pieces: inout Int) -> Outcome {
        switch LongStream.outcome(of: [self], path, keepLimit: keepLimit, pieceSize: pieceSize, looks: &looks, pieces: &pieces) {
        case .read(let reads): .read(reads[0])
        case .readWhole(let problem): .readWhole(problem: problem)
        case .tooMuch(let refusal): .tooMuch(refusal)
        }
    }

    /// How a read for several statements ended: what each read, in the order given.
    enum Outcomes {
        case read([Read])
        /// The file is to be read whole, for every statement (see the type), and where the record
        /// that showed the first thing to report starts (see `Outcome`).
        case readWhole(problem: Int?)
        /// What the statements keep together passed the limit: the file was read no further.
        case tooMuch(TooMuch)
    }

    /// Reads the file opened as `path` once for every statement of `streams`: one pass, each
    /// record given to each statement's reader, all of them judged together against `keepLimit`.
    /// What is left is measured by `left` (`MachineMemory.leftForGrowth`: what the series'
    /// arrays, grown by doubling, can take; and `leftForOneBlock` for a cell's arrays of 32 MiB or
    /// more, which the heap cannot hold) each time what is kept has grown by a quarter of what
    /// was left at the last look.
    static func outcome(of streams: [LongStream], _ path: String, keepLimit: Int = DiskSources.keepLimit,
                        pieceSize: Int = DiskSources.pieceSize, left: @escaping () -> Int = MachineMemory.leftForGrowth,
                        leftForOneBlock: @escaping () -> Int = MachineMemory.leftForOneBlock) -> Outcomes {
        var looks = 0, pieces = 0
        return outcome(of: streams, path, keepLimit: keepLimit, pieceSize: pieceSize, looks: &looks, pieces: &pieces,
                       left: left, leftForOneBlock: leftForOneBlock)
    }

    private static func outcome(of streams: [LongStream], _ path: String, keepLimit: Int, pieceSize: Int,
                                looks: inout Int, pieces: inout Int, left: @escaping () -> Int = MachineMemory.leftForGrowth,
                                leftForOneBlock: @escaping () -> Int = MachineMemory.leftForOneBlock) -> Outcomes {
        var reader = Reader(streams, keepLimit: keepLimit, left: left, leftForOneBlock: leftForOneBlock)
        defer { (looks, pieces) = (reader.headerLooks, reader.pieces) }
        var progress = DataTextStream.Progress()
        let read = try? DataTextStream.read(path, pieceSize: pieceSize, progress: &progress) { piece, _ in reader.add(piece) }
        let finished = read == nil ? nil : reader.finish()
        if reader.keptTooMuch {
            // Judged from the records taken, which may end before the bytes read do.
            let taken = reader.takenTo > 0 ? min(progress.bytesRead, reader.takenTo) : progress.bytesRead
            return .tooMuch(TooMuch(kept: reader.keptBytes, bytesRead: taken, size: progress.size, series: reader.seriesCount,
                                    largest: reader.largestKeptBytes, room: reader.room))
        }
        guard let read, let finished else { return .readWhole(problem: reader.problemAt) }
        return .read(zip(finished, streams).map { series, stream in
            var repeated = RepeatedRows()
            for s in series { s.repeats(into: &repeated) }
            return Read(file: read.file, kept: series, periods: stream.timeline.count, repeated: repeated)
        })
    }

    /// What a statement's streamed read keeps, counted as it reads: its series (a value and a
    /// first place each period from the first its rows give to the last, as the arrays hold
    /// them, and the key) and the places of the rows summed into them. The input's cells made
    /// from the series are weighed before they are made (`ModelSize.dataCellsProblem`). The
    /// file adds every 32nd line's place (`LineSampler`, half a byte a line) once, whatever
    /// reads it. Measured: the 1 GB ledger of 47.6 M rows counts 218 MB and peaks at 232 MB
    /// (docs/performance.md).
    struct Kept {
        /// A series' arrays and its key in the dictionaries that find it, besides the key's text.
        static let bytesPerSeries = 256
        /// A line's share of `LineSampler`'s 16 bytes per 32 lines.
        static func bytes(lines: Int) -> Int { lines / 2 }

        var counted = 0
        /// Places of summed rows, and whether one was past 2 GiB.
        var summedPlaces = 0
        var pastTwoGiB = false
        /// Hashes of summed rows (under `sum`, `RepeatedRows`): eight bytes each, in arrays grown
        /// by doubling, so `bytesPerHash` with their spare room: the 1 GB ledger's 47.6 million
        /// hashes took 522 MB more at the peak (11 bytes a hash; docs/performance.md, "What the
        /// repeated rows' check costs the stream"), where 8 a hash were counted.
        var summedHashes = 0
        static let bytesPerHash = 12
        /// The most rows summed into one cell.
        private(set) var largestCell = 0
        /// What the cells' arrays of summed rows were given as they grew, the arrays they grew
        /// from too: `bytes` averages an array's spare room over its rows, as it is at the end,
        /// but cells grow in waves (a ledger's rows come in blocks that book every cell once, so
        /// the 100 MB ledger's 24,000 cells double their arrays within the same few hundred KB
        /// of the file, taking 72 MB at once where `bytes` grows by 0.4), and the arrays they
        /// leave are free pieces too small for the next size. When what is left is measured.
        private(set) var grown = 0
        /// What the statement has taken so far, at most: its count, and its cells' arrays as they grew.
        var spent: Int { counted + grown }

        /// What the largest cell may ask for at once beyond what is counted: its hashes' array
        /// doubled (the new one, twice as large as the old, which may hold twice its rows, while
        /// that is held: 32 bytes a row; its places' array as much or half), and once the file is
        /// read the repeated rows' check sorting its hashes and places (16 bytes a row and half
        /// as much again for the sort). Nothing for a ledger of small cells (the 1 GB ledger's
        /// hold 2,000 rows: 64 KB), but a file of one account and month asks for twice what it keeps.
        var largestAsking: Int { largestCell * 32 }

        /// Everything the statement keeps so far. A summed row's place takes four bytes, and
        /// eight once the file is past 2 GiB: a cell's `FileOffsets` then holds all its places
        /// in eight bytes, and in a ledger nearly every cell has rows past there (the 6.5 GB
        /// ledger counts 2,635 MB so and peaks at 2,954 MB; four bytes a place before 2 GiB counted 2,226).
        var bytes: Int { counted + summedPlaces * (pastTwoGiB ? 8 : 4) + summedHashes * Self.bytesPerHash }

        mutating func addSeries(keyBytes: Int) {
            counted += Kept.bytesPerSeries + 3 * keyBytes
        }

        /// A series' arrays grown by `bytes`.
        mutating func add(bytes: Int) { counted += bytes }

        /// A summed row's place, and its hash when `hashed`; the first two of a cell come with
        /// their dictionary entries. `rows`: how many the cell holds now; `grew`: what its arrays
        /// were given as they grew for this one (`grown`).
        mutating func addSummed(first: Bool, at offset: Int, hashed: Bool = false, rows: Int = 0, grew: Int = 0) {
            if rows > largestCell { largestCell = rows }
            grown += grew
            if first {
                counted += hashed ? 112 : 56
                summedPlaces += 2
                if hashed { summedHashes += 2 }
            } else {
                summedPlaces += 1
                if hashed { summedHashes += 1 }
            }
            if offset > Int(Int32.max) { pastTwoGiB = true }
        }
    }

    /// The records taken as the pieces come: the file's separator, header and decimal marks,
    /// and each record handed to every statement's reader.
    private struct Reader {
        let keepLimit: Int
        /// What is left of the memory, and for one block (`outcome(of:)`).
        let left: () -> Int, leftForOneBlock: () -> Int
        /// What is spent (`spentBytes`) when what is left is next measured.
        var nextLeftLook = 0
        /// What the read could keep, when what is left ran out first (`TooMuch.room`).
        var room: Int?
        /// The text until its header line is whole, when the separator can be told.
        var start: [UInt8] = []
        /// How much of the text `start` holds when the header is next looked for: twice what it
        /// held at the last look, so that a header left open by a quote (which the look counts
        /// as opening quoted text, to the next quote anywhere) is not scanned again a piece at a
        /// time, which took a minute on a 20 MB ledger.
        var nextLook = 8
        var headerLooks = 0, pieces = 0
        var scanner: RecordScanner?
        var separator = DataFormat.Separator.semicolon
        /// The mark amounts are read with: the one the separator gives when the numbers show
        /// none, checked against what they show at the end.
        var numbers = NumberReader(decimalMark: .comma)
        var evidence = DecimalEvidence()
        var failed = false
        /// Whether what the statements keep passed the limit.
        var keptTooMuch = false
        /// The header's field count, once it is read.
        var width: Int?
        var rows = 0
        var statements: [Statement]
        /// The fields of the record being read as places in the scanner's window (kept to be reused).
        var here: [FieldSpan] = []

        init(_ streams: [LongStream], keepLimit: Int, left: @escaping () -> Int, leftForOneBlock: @escaping () -> Int) {
            self.keepLimit = keepLimit
            self.left = left
            self.leftForOneBlock = leftForOneBlock
            statements = streams.map(Statement.init)
            hashing = streams.contains { $0.duplicates == .sum }
        }

        /// Whether a statement sums its repeated rows, so that each record's text is hashed.
        let hashing: Bool

        var seriesCount: Int { statements.reduce(0) { $0 + $1.series.count } }

        /// What every statement keeps, and the file's line samples once.
        var keptBytes: Int { statements.reduce(0) { $0 + $1.kept.bytes } + Kept.bytes(lines: rows) }

        /// What every statement has taken at most (`Kept.spent`), and the file's line samples.
        var spentBytes: Int { statements.reduce(0) { $0 + $1.kept.spent } + Kept.bytes(lines: rows) }

        /// What the statement that keeps most keeps, and the file's line samples.
        var largestKeptBytes: Int { (statements.map(\.kept.bytes).max() ?? 0) + Kept.bytes(lines: rows) }

        /// Takes a piece; false once the file must be read whole, so that no more of it is read.
        mutating func add(_ piece: UnsafeBufferPointer<UInt8>) -> Bool {
            pieces += 1
            guard !failed else { return false }
            if scanner == nil {
                start.append(contentsOf: piece)
                guard startScanning(ended: false) else { return !failed }
            } else {
                scanner!.add(piece)
            }
            drain()
            checkKept()
            return !failed
        }

        /// Stops the read once it keeps more than it may, or would leave less than `reserve` of
        /// the memory (beyond what its largest cell may ask for at once) before its next look.
        private mutating func checkKept() {
            guard !failed else { return }
            let kept = keptBytes
            if kept > keepLimit {
                keptTooMuch = true
                return fail()
            }
            let spent = spentBytes
            guard spent >= nextLeftLook else { return }
            let asking = statements.map(\.kept.largestAsking).max() ?? 0
            let left = min(self.left(), asking >= EvaluationWeight.mappedFrom ? leftForOneBlock() : .max)
            guard left >= asking + LongStream.reserve else {
                room = kept + max(0, left - asking - LongStream.reserve)
                keptTooMuch = true
                return fail()
            }
            // A quarter of the way to the reserve, so that what is kept until the next look fits.
            nextLeftLook = spent + max(1 << 20, (left - asking - LongStream.reserve) / 4)
        }

        /// Each statement's series, after the last piece; nil when the file must be read whole.
        mutating func finish() -> [[Series]]? {
            if !failed, scanner == nil { _ = startScanning(ended: true) }
            guard !failed, scanner != nil else { return nil }
            scanner!.finish()
            drain()
            checkKept()
            guard !failed, width != nil, scanner!.problems.isEmpty,
                  evidence.decide(separator: separator).0 == numbers.decimalMark else { return nil }
            return statements.map(\.series)
        }

        /// Settles the separator as `DataTable.parse` does, once the text holds the header line
        /// (or has ended), and starts the scan there.
        private mutating func startScanning(ended: Bool) -> Bool {
            // `sep=;` and its line break fit in 7 bytes.
            guard ended || start.count >= nextLook || start.count > LongStream.headerLimit else { return false }
            headerLooks += 1
            let line = FormatDetection.separatorLine(in: start)
            let headerStart = line?.headerStart ?? 0
            let found = line.map { ($0.0, true) } ?? FormatDetection.headerSeparator(in: start, from: headerStart)
            guard ended || found.1 else {
                // A header line not ended within `headerLimit` bytes: the file is read whole.
                if start.count > LongStream.headerLimit { fail() }
                nextLook = 2 * start.count
                return false
            }
            separator = found.0
            numbers = NumberReader(decimalMark: separator == .comma ? .point : .comma)
            var scanner = RecordScanner(separator: separator.byte, from: headerStart)
            scanner.add(start)
            start = []
            self.scanner = scanner
            return true
        }

        /// Takes the records the scanner has whole, judging what is kept after each that made a
        /// series or widened one: a piece of short rows, each a new key over a long timeline, would
        /// otherwise take its series' memory before it is judged.
        private mutating func drain() {
            while !failed, let record = scanner!.next() {
                take(record)
                if grew {
                    grew = false
                    checkKept()
                }
            }
        }

        private mutating func take(_ record: RecordScanner.Record) {
            let scanner = self.scanner!
            recordAt = scanner.problems.first?.range.start ?? record.range.start
            takenTo = record.range.end
            guard !record.broken, scanner.problems.isEmpty else { return fail() }
            let fields = scanner.fields, window = scanner.window, base = scanner.base
            here.removeAll(keepingCapacity: true)
            for field in fields { here.append(FieldSpan(field.start - base, field.end - base)) }
            let here = self.here
            guard let width else { return readHeader(here.map { FieldText.text(of: $0, in: window).trimmedOfPadding }) }

            guard fields.count >= width, (width..<fields.count).allSatisfy({ FieldText.isBlank(here[$0], in: window) }),
                  rows < DataTable.maxRows else { return fail() }
            rows += 1
            evidence.add(here, window: window, base: base)
            if (0..<width).allSatisfy({ FieldText.isBlank(here[$0], in: window) }) { return }
            // The record's text within the header's width, as `DataTable.rowHash` takes a row's.
            let hash = hashing ? window.withUnsafeBufferPointer { RepeatedRows.hash(UnsafeBufferPointer(rebasing: $0[here[0].start..<here[width - 1].end])) } : 0
            for k in statements.indices {
                let spent = statements[k].kept.spent
                guard statements[k].take(fields, here, in: window, record: record.range, numbers: numbers, hash: hash) else { return fail() }
                if statements[k].kept.spent != spent { grew = true }
            }
        }

        private mutating func readHeader(_ names: [String]) {
            var seen = Set<String>()
            for name in names where !name.isEmpty {
                guard seen.insert(name).inserted else { return fail() }   // a column named twice
            }
            for k in statements.indices {
                guard statements[k].readHeader(names) else { return fail() }
            }
            width = names.count
        }

        /// Where the record being taken starts in the text, and where the one that made the read
        /// stop did: a problem to report, not what the read keeps, nor an amount the numbers so
        /// far say is written with the other decimal mark than the one it was read with.
        var recordAt: Int?
        var problemAt: Int?
        /// Where the last record taken ends in the text.
        var takenTo = 0
        /// Whether the record just taken added or widened a series, began a cell's summed places or
        /// grew their arrays (`Kept.spent`): a piece of 4 MiB holds 280,000 rows of a ledger, in
        /// which every cell's arrays may double; judged once a piece, the 100 MB ledger took the
        /// heap's last 9.7 MB between two looks.
        var grew = false

        private mutating func fail() {
            if !failed, !keptTooMuch, evidence.decide(separator: separator).0 == numbers.decimalMark { problemAt = recordAt }
            failed = true
        }
    }
}
