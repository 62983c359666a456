/// A model file's text, kept for positions and for quoting lines in diagnostics.
///
/// The text is held once, as UTF-8 bytes: a data file of a gigabyte is a gigabyte here, not
/// a `String` and an array of it besides.
public final class SourceFile: Sendable {
    /// The path as the user gave it, used in `file:line:col` reports.
    public let path: String
    /// UTF-8 bytes of the text, without a byte-order mark, which the lexer walks.
    let bytes: [UInt8]
    /// Where every `lineSample`th line starts (lines 0, 32, 64, …): a line's start is found
    /// from the sample before it by passing over at most 31 line breaks. A ledger of 50 million
    /// lines keeps 12 MB of them, not the 200 MB every line's start in 32 bits took, and a
    /// place past 4 GiB fits.
    private let sampledLineStarts: [Int]
    /// How many lines the text has (a text ending in a line break has an empty last line).
    let lineCount: Int
    private static let lineSample = 32

    /// The text, without a UTF-8 byte-order mark.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public convenience init(path: String, text: String) {
        var body = text
        if body.hasPrefix("\u{FEFF}") { body.removeFirst() }
        self.init(path: path, validUTF8: Array(body.utf8))
    }

    /// A file whose bytes are valid UTF-8 already (as `SourceText` decodes them), taken as
    /// they are rather than copied through a `String`.
    init(path: String, validUTF8 bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
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
    }

    /// Where the line `index` (0-based) starts.
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

    /// 1-based line and column (in characters) of a byte offset.
    public func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
        let clamped = max(0, min(offset, bytes.count))
        var low = 0, high = sampledLineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if sampledLineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        var start = sampledLineStarts[low], line = low * Self.lineSample
        bytes.withUnsafeBufferPointer { buffer in
            for i in start..<clamped where buffer[i] == UInt8(ascii: "\n") {
                start = i + 1
                line += 1
            }
        }
        let prefix = bytes[start..<clamped]
        let column = (String(decoding: prefix, as: UTF8.self)).count + 1
        return (line + 1, column)
    }

    /// The text of a 1-based line, without its line break.
    public func line(_ number: Int) -> String {
        guard number >= 1, number <= lineCount else { return "" }
        let start = lineStart(number - 1)
        var end = number < lineCount ? lineStart(number) : bytes.count
        while end > start, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
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
