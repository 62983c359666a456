/// A field of a SIE line: a word, a quoted text (`\"` is a quote) or an object list `{…}`,
/// with where it is in its line, quotes and braces included. Its text is made only when it is
/// wanted: a `#TRANS` line's account and object list are numbered from their bytes.
struct SIEField {
    enum Kind { case word, quoted, list }
    var kind: Kind
    var start: Int
    var end: Int
    /// A quoted text with `\"` in it, whose text is not its bytes.
    var escaped = false

    var isList: Bool { kind == .list }
}

/// One line of a SIE file as its fields are read: its bytes, without the line break, and where
/// it starts in the text.
struct SIELine {
    let bytes: UnsafeBufferPointer<UInt8>
    let base: Int

    var range: SourceRange { SourceRange(base, base + bytes.count) }

    func range(_ f: SIEField) -> SourceRange { SourceRange(base + f.start, base + f.end) }

    /// The field's text as bytes: a word as written, a quoted text without its quotes and with
    /// `\"` read as a quote, a list without its braces.
    func withContent<T>(_ f: SIEField, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        switch f.kind {
        case .word:
            return body(UnsafeBufferPointer(rebasing: bytes[f.start..<f.end]))
        case .list:
            return body(UnsafeBufferPointer(rebasing: bytes[(f.start + 1)..<(f.end - 1)]))
        case .quoted:
            guard f.escaped else { return body(UnsafeBufferPointer(rebasing: bytes[(f.start + 1)..<(f.end - 1)])) }
            var text: [UInt8] = []
            var i = f.start + 1
            while i < f.end - 1 {
                if bytes[i] == UInt8(ascii: "\\"), i + 1 < f.end - 1, bytes[i + 1] == UInt8(ascii: "\"") { i += 1 }
                text.append(bytes[i])
                i += 1
            }
            return text.withUnsafeBufferPointer(body)
        }
    }

    func text(_ f: SIEField) -> String { withContent(f) { String(decoding: $0, as: UTF8.self) } }

    func isEmpty(_ f: SIEField) -> Bool { withContent(f) { $0.isEmpty } }

    /// Whether the field's text is `name`.
    func `is`(_ f: SIEField, _ name: StaticString) -> Bool {
        withContent(f) { text in
            text.count == name.utf8CodeUnitCount && (0..<text.count).allSatisfy { text[$0] == name.utf8Start[$0] }
        }
    }

    /// Splits the bytes `from..<to` of the line into fields, appended to `out`; the place of an
    /// unclosed quote or brace and what to say about it, when there is one.
    func fields(from: Int, to end: Int, into out: inout [SIEField]) -> (message: String, at: SourceRange)? {
        let first = out.count
        var i = from
        while i < end {
            let c = bytes[i]
            if c == 0x20 || c == 0x09 || c == 0x0D { i += 1; continue }
            let start = i
            if c == UInt8(ascii: "\"") {
                var escaped = false
                i += 1
                while i < end, bytes[i] != UInt8(ascii: "\"") {
                    if bytes[i] == UInt8(ascii: "\\"), i + 1 < end, bytes[i + 1] == UInt8(ascii: "\"") {
                        i += 1
                        escaped = true
                    }
                    i += 1
                }
                guard i < end else { return ("this quote is never closed", SourceRange(base + start, base + start + 1)) }
                i += 1
                out.append(SIEField(kind: .quoted, start: start, end: i, escaped: escaped))
            } else if c == UInt8(ascii: "{"), out.count > first {   // a line of its own "{" opens a voucher
                while i < end, bytes[i] != UInt8(ascii: "}") { i += 1 }
                guard i < end else { return ("this object list is never closed with '}'", SourceRange(base + start, base + start + 1)) }
                i += 1
                out.append(SIEField(kind: .list, start: start, end: i))
            } else {
                while i < end, bytes[i] != 0x20, bytes[i] != 0x09, bytes[i] != 0x0D { i += 1 }
                out.append(SIEField(kind: .word, start: start, end: i))
            }
        }
        return nil
    }

    /// The `{…}` of the line (its first `{` to the first `}`), or the line itself when it has none.
    var objectListRange: SourceRange {
        guard let open = bytes.firstIndex(of: UInt8(ascii: "{")), let close = bytes.firstIndex(of: UInt8(ascii: "}")), close > open else {
            return range
        }
        return SourceRange(base + open, base + close + 1)
    }
}

enum SIEAmountText {
    /// `-1234.50` as `Double(text)` reads it: the common form (a sign, at most 15 digits, a
    /// point) exactly, without a `String` (a whole number over a power of ten, both exact, is
    /// rounded once); any other through `Double`. Nil for what is no amount: only digits, `.`
    /// and `-` may be written.
    static func value(_ text: UnsafeBufferPointer<UInt8>) -> Double? { read(text).value }

    /// The amount as `value` reads it, and in öre, in one pass over its bytes (a second pass a
    /// `#TRANS` line took 3 % more instructions to read a SIE file).
    static func read(_ text: UnsafeBufferPointer<UInt8>) -> (value: Double?, ore: Ore) {
        var mantissa: UInt64 = 0, digits = 0, fraction = 0, point = false, plain = true, anyDigit = false
        for (k, b) in text.enumerated() {
            if b &- 0x30 < 10 {
                anyDigit = true
                if digits > 0 || b != 0x30 { digits += 1 }
                mantissa = mantissa &* 10 &+ UInt64(b &- 0x30)
                if point { fraction += 1 }
            } else if b == UInt8(ascii: ".") {
                if point { plain = false }
                point = true
            } else if b == UInt8(ascii: "-") {
                if k != 0 { plain = false }
            } else {
                return (nil, .unknown)
            }
        }
        let negative = text.first == UInt8(ascii: "-")
        let ore = plain && anyDigit ? Self.ore(mantissa: mantissa, digits: digits, fraction: fraction, negative: negative) : .unknown
        if plain, anyDigit, digits <= 15, fraction <= 22 {
            let x = Double(mantissa) / powersOfTen[fraction]
            return (negative ? -x : x, ore)
        }
        return (Double(String(decoding: text, as: UTF8.self)), ore)
    }

    private static let powersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { x, _ in x * 10 } }

    /// An amount in öre, as a voucher is booked: SIE writes kronor with at most two decimals.
    enum Ore: Equatable {
        case exact(Int64)
        /// A digit other than 0 past the second decimal (`1234567.891`): no booked amount.
        case fraction
        /// Not the plain form (`-`, digits, `.`, digits), or too many digits to count exactly.
        case unknown
    }

    /// The amount `value` reads, in öre: `-1234.5` is -123450, `1234.500` 123450 (zeros past
    /// the second decimal are no fraction of an öre).
    static func ore(_ text: UnsafeBufferPointer<UInt8>) -> Ore { read(text).ore }

    /// The öre of the digits `mantissa` (`digits` of them significant, the last `fraction`
    /// after the point): exact below 10^17, since no digit is dropped there.
    private static func ore(mantissa: UInt64, digits: Int, fraction: Int, negative: Bool) -> Ore {
        guard digits <= 17 else { return .unknown }
        var ore = mantissa
        if fraction <= 2 {
            for _ in fraction..<2 { ore *= 10 }
        } else {
            let dropped = fraction - 2
            guard dropped < 19 else { return mantissa == 0 ? .exact(0) : .fraction }
            let scale = (0..<dropped).reduce(UInt64(1)) { x, _ in x * 10 }
            guard mantissa % scale == 0 else { return .fraction }
            ore = mantissa / scale
        }
        guard ore <= UInt64(Int64.max) else { return .unknown }
        return .exact(negative ? -Int64(ore) : Int64(ore))
    }
}
