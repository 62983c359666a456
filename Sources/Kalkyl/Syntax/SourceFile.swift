/// A file's text, kept for positions and for quoting lines in diagnostics.
///
/// Two forms. In memory, the text is held once, as UTF-8 bytes: a data file of a gigabyte is a
/// gigabyte here, not a `String` and an array of it besides; the lexer and the data reader
/// walk `bytes`. File-backed (a data file once reading it is over, `droppingText()`, or made
/// by `LineSampler` as the file is read), only the places of every 32nd line are kept, and a
/// place or a line is found by reading its stretch of ≤ 32 lines back from the file:
/// `lineAndColumn(of:)`, `line(_:)` and `text` answer as the in-memory form does, or, when the
/// file has changed or gone since, say so in the quoted line rather than quote wrong text.
public final class SourceFile: Sendable {
    /// The path as the user gave it, used in `file:line:col` reports.
    public let path: String
    /// UTF-8 bytes of the text, without a byte-order mark, which the lexer walks. Empty in the
    /// file-backed form: only what reads a file while its text is in memory (the lexer, the
    /// parser, the data reader) may use it; places and quotes go through `lineAndColumn(of:)`
    /// and `line(_:)`.
    let bytes: [UInt8]
    /// Where every `lineSample`th line starts (lines 0, 32, 64, …): a line's start is found
    /// from the sample before it by passing over at most 31 line breaks. A ledger of 50 million
    /// lines keeps 12 MB of them, not the 200 MB every line's start in 32 bits took, and a
    /// place past 4 GiB fits.
    private let sampledLineStarts: [Int]
    /// How many lines the text has (a text ending in a line break has an empty last line).
    let lineCount: Int
    static let lineSample = 32
    /// How the text was decoded from disk, when it was (a data file `DiskSources` read
    /// without a problem): what the file-backed form needs to read it back.
    let origin: DiskOrigin?
    /// Whether a U+FEFF was dropped from the start of the text given.
    private let droppedMark: Bool
    /// The file-backed form's places; nil in memory.
    private let disk: FileBackedText?

    /// The text, without a UTF-8 byte-order mark (read back from the file in the file-backed
    /// form; empty when it has changed since).
    public var text: String {
        guard let disk else { return String(decoding: bytes, as: UTF8.self) }
        return (try? disk.wholeText().get()).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// Whether the text is read back from the file rather than held.
    var isFileBacked: Bool { disk != nil }

    /// The length of the text in UTF-8 bytes, in either form.
    var textLength: Int { disk?.textLength ?? bytes.count }

    public convenience init(path: String, text: String) {
        var body = text
        if body.hasPrefix("\u{FEFF}") { body.removeFirst() }
        self.init(path: path, validUTF8: Array(body.utf8))
    }

    /// A file whose bytes are valid UTF-8 already (as `SourceText` decodes them), taken as
    /// they are rather than copied through a `String`; `origin` when they were decoded from disk.
    init(path: String, validUTF8 bytes: [UInt8], origin: DiskOrigin? = nil) {
        self.path = path
        droppedMark = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        self.bytes = droppedMark ? Array(bytes.dropFirst(3)) : bytes
        var samples: [Int] = [0]
        var count = 1
        self.bytes.withUnsafeBufferPointer { buffer in
            for i in buffer.indices where buffer[i] == UInt8(ascii: "\n") {
                if count % Self.lineSample == 0 { samples.append(i + 1) }
                count += 1
            }
        }
        self.sampledLineStarts = samples
        self.lineCount = count
        self.origin = origin
        self.disk = nil
    }

    /// The file-backed form (`LineSampler.fileBacked`).
    init(path: String, disk: FileBackedText) {
        self.path = path
        bytes = []
        sampledLineStarts = disk.textStarts
        lineCount = disk.lineCount
        origin = disk.origin
        droppedMark = false
        self.disk = disk
    }

    /// The same file without its text: places and lines read back from the file. Itself when
    /// it is file-backed already, or cannot be read back (not read from disk, or read with a
    /// problem: such a file is an error, reported while its text is in memory). The stretches
    /// holding the text offsets `keeping` stay in memory (a diagnostic's place and line).
    func droppingText(keeping offsets: [Int] = []) -> SourceFile {
        guard disk == nil, let origin else { return self }
        var sampler = LineSampler()
        if droppedMark { sampler.add([0xEF, 0xBB, 0xBF], encoding: origin.encoding) }
        if origin.encoding == .utf8 || origin.encoding == .utf8WithBOM {
            // UTF-8: the file's places are the text's, and the lines are sampled already.
            sampler.adoptUTF8(starts: sampledLineStarts, lineCount: lineCount, textLength: bytes.count, encoding: origin.encoding)
        } else {
            sampler.add(bytes, encoding: origin.encoding)
        }
        var pinned: [Int: [UInt8]] = [:]
        for offset in offsets {
            let index = sample(containing: max(0, min(offset, bytes.count)))
            guard pinned[index] == nil else { continue }
            let end = index + 1 < sampledLineStarts.count ? sampledLineStarts[index + 1] : bytes.count
            pinned[index] = Array(bytes[sampledLineStarts[index]..<end])
        }
        return sampler.fileBacked(path: path, origin: origin, pinned: pinned)
    }

    /// Where the line `index` (0-based) starts (in memory only: the model formatter's).
    func lineStart(_ index: Int) -> Int {
        var start = sampledLineStarts[index / Self.lineSample]
        var left = index % Self.lineSample
        bytes.withUnsafeBufferPointer { buffer in
            while left > 0 {
                while buffer[start] != UInt8(ascii: "\n") { start += 1 }
                start += 1
                left -= 1
            }
        }
        return start
    }

    /// The stretch of text from sample `index` to the next (in memory, a view of `bytes`), or
    /// why it cannot be read back.
    private func withStretch<T>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> Result<T, FileBackedText.Unreadable> {
        if let disk {
            return disk.stretch(index).map { text in text.withUnsafeBufferPointer(body) }
        }
        let end = index + 1 < sampledLineStarts.count ? sampledLineStarts[index + 1] : bytes.count
        return .success(bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[sampledLineStarts[index]..<end])) })
    }

    /// 1-based line and column (in characters) of a byte offset. In the file-backed form, when
    /// the file has changed since it was read, the first line of its stretch and column 1:
    /// `line(_:)` of it says that the file has changed.
    public func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
        if let (line, before) = lineAndTextBefore(offset) { return (line, before.count + 1) }
        return (sample(containing: max(0, min(offset, textLength))) * Self.lineSample + 1, 1)
    }

    /// 1-based line and column of a byte offset, or nil when the file-backed form's file has
    /// changed or gone since it was read: the place cannot be known then (`lineAndColumn(of:)`
    /// gives its stretch's first line).
    public func knownLineAndColumn(of offset: Int) -> (line: Int, column: Int)? {
        lineAndTextBefore(offset).map { ($0.line, $0.before.count + 1) }
    }

    /// The 1-based line of a byte offset and its line's text before it, from the stretch of at
    /// most 32 lines holding it (a file-backed file reads back that stretch, not the whole
    /// file); nil when the file-backed form's file has changed or gone since it was read. A
    /// person's column is the characters before plus one; the Language Server Protocol's, the
    /// UTF-16 code units before.
    package func lineAndTextBefore(_ offset: Int) -> (line: Int, before: String)? {
        let clamped = max(0, min(offset, textLength))
        let low = sample(containing: clamped)
        let base = sampledLineStarts[low], firstLine = low * Self.lineSample
        let found = withStretch(low) { stretch -> (line: Int, before: String) in
            let end = clamped - base
            var start = 0, line = firstLine
            for i in 0..<end where stretch[i] == UInt8(ascii: "\n") {
                start = i + 1
                line += 1
            }
            return (line + 1, String(decoding: UnsafeBufferPointer(rebasing: stretch[start..<end]), as: UTF8.self))
        }
        return try? found.get()
    }

    /// How many times the file-backed form has read its file back (a stretch or the whole
    /// text): what a front end that turns many places into positions should keep low.
    package var readsBack: Int { disk?.readsBack ?? 0 }

    /// The sample whose stretch holds the text offset `offset` (in the text).
    private func sample(containing offset: Int) -> Int {
        var low = 0, high = sampledLineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if sampledLineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The text of a range (what a diagnostic underlines), in either form; nil when the
    /// file-backed form's file has changed or gone since it was read.
    func text(in range: SourceRange) -> String? {
        let start = max(0, min(range.start, textLength)), end = max(start, min(range.end, textLength))
        guard disk != nil else { return String(decoding: bytes[start..<end], as: UTF8.self) }
        var index = sample(containing: start), collected: [UInt8] = []
        var position = sampledLineStarts[index]
        while position < end {
            guard case .success(let piece) = withStretch(index, { Array($0) }) else { return nil }
            collected += piece[(max(start, position) - position)..<(min(end, position + piece.count) - position)]
            position += piece.count
            index += 1
        }
        return String(decoding: collected, as: UTF8.self)
    }

    /// The text of a 1-based line, without its line break. In the file-backed form, when the
    /// file has changed or gone since it was read, a note saying so in parentheses.
    public func line(_ number: Int) -> String {
        guard number >= 1, number <= lineCount else { return "" }
        let found = withStretch((number - 1) / Self.lineSample) { stretch -> String in
            var start = 0, left = (number - 1) % Self.lineSample
            while left > 0, start < stretch.count {
                while start < stretch.count, stretch[start] != UInt8(ascii: "\n") { start += 1 }
                start = min(start + 1, stretch.count)
                left -= 1
            }
            var end = start
            while end < stretch.count, stretch[end] != UInt8(ascii: "\n") { end += 1 }
            if end < stretch.count { end += 1 }
            while end > start, stretch[end - 1] == UInt8(ascii: "\n") || stretch[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: stretch[start..<end]), as: UTF8.self)
        }
        switch found {
        case .success(let text): return text
        case .failure(let why): return why.quoted
        }
    }
}

/// A place in a source file: a byte range.
public struct SourceRange: Sendable, Hashable {
    public var start: Int
    public var end: Int
    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = max(start, end)
    }
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(min(start, other.start), max(end, other.end))
    }
}

/// A range within a given file.
public struct SourceLocation: Sendable {
    public let file: SourceFile
    public let range: SourceRange
    public init(file: SourceFile, range: SourceRange) {
        self.file = file
        self.range = range
    }
    public var line: Int { file.lineAndColumn(of: range.start).line }
    public var column: Int { file.lineAndColumn(of: range.start).column }
}
