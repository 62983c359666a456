/// A model file's text, kept for positions and for quoting lines in diagnostics.
///
/// The text is held once, as UTF-8 bytes: a data file of a gigabyte is a gigabyte here, not
/// a `String` and an array of it besides.
public final class SourceFile: Sendable {
    /// The path as the user gave it, used in `file:line:col` reports.
    public let path: String
    /// UTF-8 bytes of the text, without a byte-order mark, which the lexer walks.
    let bytes: [UInt8]
    /// Byte offset where each line starts (32 bits: a file read is under 2 GiB,
    /// `DiskSources.sizeLimit`, and a ledger has tens of millions of lines).
    let lineStarts: [UInt32]

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
        var starts: [UInt32] = [0]
        self.bytes.withUnsafeBufferPointer { buffer in
            for i in buffer.indices where buffer[i] == UInt8(ascii: "\n") { starts.append(UInt32(truncatingIfNeeded: i + 1)) }
        }
        self.lineStarts = starts
    }

    /// 1-based line and column (in characters) of a byte offset.
    public func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
        let clamped = max(0, min(offset, bytes.count))
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if Int(lineStarts[mid]) <= clamped { low = mid } else { high = mid - 1 }
        }
        let start = Int(lineStarts[low])
        let prefix = bytes[start..<clamped]
        let column = (String(decoding: prefix, as: UTF8.self)).count + 1
        return (low + 1, column)
    }

    /// The text of a 1-based line, without its line break.
    public func line(_ number: Int) -> String {
        guard number >= 1, number <= lineStarts.count else { return "" }
        let start = Int(lineStarts[number - 1])
        var end = number < lineStarts.count ? Int(lineStarts[number]) : bytes.count
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
