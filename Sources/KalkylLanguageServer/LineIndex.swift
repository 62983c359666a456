import Kalkyl

/// A place in a document as an editor counts it: a 0-based line and a column in UTF-16 code
/// units (the Language Server Protocol's default encoding).
public struct Position: Sendable, Hashable, Comparable {
    public var line: Int
    public var character: Int

    public init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }

    public static func < (a: Position, b: Position) -> Bool {
        (a.line, a.character) < (b.line, b.character)
    }
}

/// Converts between the engine's byte offsets (UTF-8, as `SourceRange` counts) and editor
/// positions (lines and UTF-16 columns), so `å` is one column and an emoji two.
public struct LineIndex: Sendable {
    let bytes: [UInt8]
    /// Byte offset where each line starts.
    let lineStarts: [Int]

    public init(text: String) {
        bytes = Array(text.utf8)
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") { starts.append(i + 1) }
        lineStarts = starts
    }

    public var lineCount: Int { lineStarts.count }

    /// The line (0-based) holding a byte offset.
    public func line(of offset: Int) -> Int {
        let clamped = max(0, min(offset, bytes.count))
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        return low
    }

    public func position(of offset: Int) -> Position {
        let clamped = max(0, min(offset, bytes.count))
        let line = line(of: clamped)
        let prefix = String(decoding: bytes[lineStarts[line]..<clamped], as: UTF8.self)
        return Position(line: line, character: prefix.utf16.count)
    }

    /// The byte offset of a position; a column past the line's end is its end, as LSP asks.
    public func offset(of position: Position) -> Int {
        guard position.line >= 0 else { return 0 }
        guard position.line < lineStarts.count else { return bytes.count }
        let start = lineStarts[position.line]
        let end = lineEnd(position.line)
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        var units = 0
        var offset = start
        for scalar in text.unicodeScalars {
            if units >= position.character { break }
            units += scalar.utf16.count
            offset += scalar.utf8.count
        }
        return offset
    }

    /// Where a line's text ends, before its line break.
    public func lineEnd(_ line: Int) -> Int {
        var end = line + 1 < lineStarts.count ? lineStarts[line + 1] : bytes.count
        while end > lineStarts[line], bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return end
    }

    /// The text between two byte offsets.
    public func text(_ range: SourceRange) -> String {
        String(decoding: bytes[max(0, range.start)..<min(bytes.count, range.end)], as: UTF8.self)
    }
}
