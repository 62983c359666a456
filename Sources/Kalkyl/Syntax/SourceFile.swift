/// A model file's text, kept for positions and for quoting lines in diagnostics.
public final class SourceFile: Sendable {
    /// The path as the user gave it, used in `file:line:col` reports.
    public let path: String
    /// The text, without a UTF-8 byte-order mark.
    public let text: String
    /// UTF-8 bytes of `text`, which the lexer walks.
    let bytes: [UInt8]
    /// Byte offset where each line starts.
    let lineStarts: [Int]

    public init(path: String, text: String) {
        self.path = path
        var body = text
        if body.hasPrefix("\u{FEFF}") { body.removeFirst() }
        self.text = body
        self.bytes = Array(body.utf8)
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") { starts.append(i + 1) }
        self.lineStarts = starts
    }

    /// 1-based line and column (in characters) of a byte offset.
    public func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
        let clamped = max(0, min(offset, bytes.count))
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        let start = lineStarts[low]
        let prefix = bytes[start..<clamped]
        let column = (String(decoding: prefix, as: UTF8.self)).count + 1
        return (low + 1, column)
    }

    /// The text of a 1-based line, without its line break.
    public func line(_ number: Int) -> String {
        guard number >= 1, number <= lineStarts.count else { return "" }
        let start = lineStarts[number - 1]
        var end = number < lineStarts.count ? lineStarts[number] : bytes.count
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
