/// A field's text read straight from the bytes it is written in, without a `String` per field.
enum FieldText {
    private static let quote = UInt8(ascii: "\""), space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")

    /// What a field holds: all of it, or for a quoted field what is between its quotes, and
    /// whether doubled quotes in there still read as one (`""` for `"`).
    struct Content {
        var range: Range<Int>
        var quoted: Bool
        var doubledQuotes: Bool
    }

    static func content(of span: FieldSpan, in bytes: [UInt8]) -> Content {
        let start = Int(span.start), end = Int(span.end)
        var open = start
        while open < end, bytes[open] == space { open += 1 }
        guard open < end, bytes[open] == quote else { return Content(range: start..<end, quoted: false, doubledQuotes: false) }
        var k = open + 1, doubled = false
        while k < end {
            if bytes[k] == quote {
                guard k + 1 < end, bytes[k + 1] == quote else { break }
                doubled = true
                k += 2
                continue
            }
            k += 1
        }
        return Content(range: (open + 1)..<min(k, end), quoted: true, doubledQuotes: doubled)
    }

    /// The field's text: without its quotes, `""` read as `"`, not trimmed.
    static func text(of span: FieldSpan, in bytes: [UInt8]) -> String {
        let content = content(of: span, in: bytes)
        return string(content.range, doubledQuotes: content.doubledQuotes, in: bytes)
    }

    /// The field's text without the padding around it (`DataCell.trimmed`).
    static func trimmedText(of span: FieldSpan, in bytes: [UInt8]) -> String {
        let content = content(of: span, in: bytes)
        return string(trimmed(content.range, in: bytes), doubledQuotes: content.doubledQuotes, in: bytes)
    }

    /// Whether the field is empty or padding only: blank, which is not zero.
    static func isBlank(_ span: FieldSpan, in bytes: [UInt8]) -> Bool {
        if span.start == span.end { return true }
        return trimmed(content(of: span, in: bytes).range, in: bytes).isEmpty
    }

    static func string(_ range: Range<Int>, doubledQuotes: Bool, in bytes: [UInt8]) -> String {
        guard doubledQuotes else { return String(decoding: bytes[range], as: UTF8.self) }
        var undoubled: [UInt8] = []
        undoubled.reserveCapacity(range.count)
        var k = range.lowerBound
        while k < range.upperBound {
            undoubled.append(bytes[k])
            k += bytes[k] == quote && k + 1 < range.upperBound && bytes[k + 1] == quote ? 2 : 1
        }
        return String(decoding: undoubled, as: UTF8.self)
    }

    /// `range` without the spaces and tabs exports pad cells with, the same characters as
    /// `trimmedOfPadding`: space, tab, U+00A0, U+202F, U+2009 and U+2007.
    static func trimmed(_ range: Range<Int>, in bytes: [UInt8]) -> Range<Int> {
        var low = range.lowerBound, high = range.upperBound
        while low < high {
            let n = paddingLength(startingAt: low, before: high, in: bytes)
            if n == 0 { break }
            low += n
        }
        while low < high {
            let n = paddingLength(endingAt: high, after: low, in: bytes)
            if n == 0 { break }
            high -= n
        }
        return low..<high
    }

    private static func paddingLength(startingAt i: Int, before end: Int, in bytes: [UInt8]) -> Int {
        let b = bytes[i]
        if b == space || b == tab { return 1 }
        if b == 0xC2, i + 1 < end, bytes[i + 1] == 0xA0 { return 2 }
        if b == 0xE2, i + 2 < end, bytes[i + 1] == 0x80, isThreeBytePaddingEnd(bytes[i + 2]) { return 3 }
        return 0
    }

    private static func paddingLength(endingAt end: Int, after start: Int, in bytes: [UInt8]) -> Int {
        let b = bytes[end - 1]
        if b == space || b == tab { return 1 }
        if b == 0xA0, end - 2 >= start, bytes[end - 2] == 0xC2 { return 2 }
        if isThreeBytePaddingEnd(b), end - 3 >= start, bytes[end - 3] == 0xE2, bytes[end - 2] == 0x80 { return 3 }
        return 0
    }

    /// The last byte of U+202F, U+2009 or U+2007 (E2 80 AF, E2 80 89, E2 80 87).
    private static func isThreeBytePaddingEnd(_ b: UInt8) -> Bool { b == 0xAF || b == 0x89 || b == 0x87 }
}
