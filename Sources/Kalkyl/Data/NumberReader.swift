/// Reads numbers as Swedish and English exports write them, under one decimal mark per file.
///
/// Accepted, around digits: thousands grouped by spaces (also U+00A0 no-break space, U+202F
/// narrow no-break space, U+2009 thin space and U+2007 figure space, which Excel and Swedish
/// locales write) or by the other mark (`1.234,50` with a decimal comma, `1,234.50` with a
/// decimal point); a minus written `-` or `−` (U+2212) in front, or behind as SAP and
/// Raindance reports write it (`1 234,50-`); accounting parentheses `(1 234,50)`; a plus in
/// front; an exponent (`1,5E+03`, as Excel writes large numbers); a trailing `%`, which
/// divides by 100 as in the model language. Spaces around the number are ignored, and an
/// empty cell is blank, not zero.
///
/// A number that could be read two ways is an error, never a guess: with a decimal comma,
/// `1.234` could be 1234 or 1.234, and `12.5` contradicts the file's mark.
///
/// The reader works on UTF-8 bytes, not characters: a ledger export has hundreds of
/// thousands of cells, and character-level string handling cost several times the rest.
struct NumberReader: Sendable {
    var decimalMark: DataFormat.DecimalMark
    /// How a number without `%` reads in the column: as written, or for a `%` input (see
    /// `PercentCells`).
    var percent: PercentCells

    init(decimalMark: DataFormat.DecimalMark, percent: PercentCells = .plain) {
        self.decimalMark = decimalMark
        self.percent = percent
    }

    /// The longest a number may be, in bytes, besides the spaces and tabs around it: a longer
    /// cell is no number, and is not scanned, whose tokens take 24 bytes a byte (a quoted cell
    /// of 120 million line breaks, a file of two rows, asked for 2.9 GB).
    static let longestNumber = 4_096

    /// The number in `text`, nil for an empty (or all-space) cell.
    func read(_ text: some StringProtocol) throws(NumberProblem) -> Double? {
        if text.utf8.count > Self.longestNumber, let length = Self.trimmedLength(text), length > Self.longestNumber {
            throw .tooLong(String(text.prefix(20)), bytes: length)
        }
        let tokens = NumberToken.scan(text)
        var t = tokens[...]
        NumberToken.trim(&t)
        if t.isEmpty { return nil }
        let original = String(text)
        var negative = false, signs = 0
        if t.first?.kind == .open, t.last?.kind == .close {
            negative = true; signs += 1
            t = t.dropFirst().dropLast()
            NumberToken.trim(&t)
        }
        if let first = t.first?.kind, first == .minus || first == .plus {
            negative = negative != (first == .minus); signs += 1
            t = t.dropFirst()
            NumberToken.trim(&t)
            if let second = t.first?.kind, second == .minus || second == .plus { throw .conflictingSigns(original) }
        }
        if t.last?.kind == .minus {
            negative = !negative; signs += 1
            t = t.dropLast()
            NumberToken.trim(&t)
        }
        var exponent = 0
        let signed = t.last?.kind == .percent
        if signed {
            t = t.dropLast()
            NumberToken.trim(&t)
        }
        // `in percent`: a bare `50` is 50 %, read as `50 %` is, exactly.
        if signed || percent == .points { exponent = -2 }
        guard signs <= 1 else { throw .conflictingSigns(original) }
        guard !t.isEmpty else { throw .notANumber(original) }

        var mantissa = t
        if let e = t.firstIndex(where: { $0.kind == .exponent }) {
            mantissa = t[..<e]
            var digits = t[(e + 1)...]
            var sign = 1
            if let first = digits.first?.kind, first == .plus || first == .minus {
                sign = first == .plus ? 1 : -1
                digits = digits.dropFirst()
            }
            guard !digits.isEmpty, digits.count <= 5, digits.allSatisfy({ $0.kind == .digit }) else { throw .notANumber(original) }
            exponent += sign * digits.reduce(0) { $0 * 10 + Int($1.digit) }
        }
        if let bad = mantissa.first(where: { ![.digit, .space, .comma, .point].contains($0.kind) }) {
            if mantissa.contains(where: { $0.kind == .digit }) { throw .unexpectedCharacter(bad.character(in: text), in: original) }
            throw .notANumber(original)
        }
        let integer: ArraySlice<NumberToken>, fraction: ArraySlice<NumberToken>
        do {
            (integer, fraction) = try readMantissa(mantissa, original: original)
        } catch .badGrouping(let s) where Self.decimalEvidence(text).map({ $0 != decimalMark }) ?? false {
            // `1 000,50` in a file of decimal points is a decimal comma, not badly grouped digits.
            throw .otherDecimalMark(s, decimalMark)
        }
        guard let value = Self.value(integer: integer, fraction: fraction, exponent: exponent), value.isFinite else {
            throw .outOfRange(original)
        }
        guard !signed || percent != .money else { throw .percentOfMoney(original) }
        guard percent.accepts(value, signed: signed) else { throw .barePercent(original, negative ? -value : value) }
        if value == 0 { return 0 }
        return negative ? -value : value
    }

    /// The integer and fraction digits of a mantissa made of digits, group spaces and marks.
    private func readMantissa(_ m: ArraySlice<NumberToken>, original: String) throws(NumberProblem)
        -> (integer: ArraySlice<NumberToken>, fraction: ArraySlice<NumberToken>) {
        let mark: NumberToken.Kind = decimalMark == .comma ? .comma : .point
        let other: NumberToken.Kind = decimalMark == .comma ? .point : .comma
        let marks = m.count { $0.kind == mark }
        guard marks <= 1 else { throw .severalDecimalMarks(original, decimalMark) }
        let markIndex = m.firstIndex { $0.kind == mark }
        let integerPart = m[..<(markIndex ?? m.endIndex)]
        let fractionPart = markIndex.map { m[($0 + 1)...] } ?? m[m.endIndex...]
        if fractionPart.contains(where: { $0.kind == other }) { throw .otherDecimalMark(original, decimalMark) }
        guard fractionPart.allSatisfy({ $0.kind == .digit }) else { throw .badGrouping(original) }
        if markIndex != nil, fractionPart.isEmpty { throw .missingDigits(original, decimalMark) }
        guard !integerPart.isEmpty || !fractionPart.isEmpty else { throw .notANumber(original) }

        let others = integerPart.count { $0.kind == other }
        let spaced = integerPart.contains { $0.kind == .space }
        if others > 0, spaced { throw .badGrouping(original) }
        if others > 0 || spaced {
            let groups = integerPart.split(omittingEmptySubsequences: false) { $0.kind == other || $0.kind == .space }
            if others == 1, markIndex == nil {
                // `1.234` with a decimal comma: thousands, or a decimal point in the wrong file?
                if groups[1].count == 3, (1...3).contains(groups[0].count) { throw .ambiguousGrouping(original, decimalMark) }
                throw .otherDecimalMark(original, decimalMark)
            }
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
                throw .badGrouping(original)
            }
        }
        return (integerPart, fractionPart)
    }

    /// Exactly rounded: small mantissas and exponents multiply exactly in doubles (Clinger's
    /// fast path); anything else goes through the standard library's decimal conversion.
    private static func value(integer: ArraySlice<NumberToken>, fraction: ArraySlice<NumberToken>, exponent: Int) -> Double? {
        var mantissa: UInt64 = 0, significant = 0
        for token in integer where token.kind == .digit {
            if significant > 0 || token.digit != 0 { significant += 1 }
            mantissa = mantissa &* 10 &+ UInt64(token.digit)
        }
        for token in fraction {
            if significant > 0 || token.digit != 0 { significant += 1 }
            mantissa = mantissa &* 10 &+ UInt64(token.digit)
        }
        let scale = exponent - fraction.count
        if significant <= 15, abs(scale) <= 22 {
            let m = Double(mantissa)
            return scale >= 0 ? m * powersOfTen[scale] : m / powersOfTen[-scale]
        }
        var literal = String(decoding: integer.filter { $0.kind == .digit }.map { 48 + $0.digit }, as: UTF8.self)
        literal += "." + String(decoding: fraction.map { 48 + $0.digit }, as: UTF8.self) + "0e\(exponent)"
        return Double(literal.first == "." ? "0" + literal : literal)
    }

    static let powersOfTen: [Double] = (0...22).map { Double("1e\($0)")! }

    /// Which decimal mark a cell shows, if it shows one unambiguously: `12,5`, `1 234,50`,
    /// `1.234,50` show a comma; `12.5` and `1,234.50` a point; `1234`, `1,234` and text show none.
    static func decimalEvidence(_ text: some StringProtocol) -> DataFormat.DecimalMark? {
        // Most cells are ASCII, where every byte is one token: read them in place.
        var mark: DataFormat.DecimalMark?
        let ascii = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return false }
            mark = asciiDecimalEvidence(bytes)
            return true
        }
        return ascii == true ? mark : tokenDecimalEvidence(text)
    }

    /// `decimalEvidence` of ASCII bytes, where every byte is one token: the same steps
    /// without a token array (a fifth of a 100,000-row export's cells show a mark).
    static func asciiDecimalEvidence(_ bytes: UnsafeBufferPointer<UInt8>) -> DataFormat.DecimalMark? {
        var low = 0, high = bytes.count
        // Leading `(`, `-`, `+`, space, tab; trailing `)`, `%`, `-`, space, tab.
        while low < high, bytes[low] == 0x28 || bytes[low] == 0x2D || bytes[low] == 0x2B || bytes[low] == 0x20 || bytes[low] == 0x09 { low += 1 }
        while high > low, bytes[high - 1] == 0x29 || bytes[high - 1] == 0x25 || bytes[high - 1] == 0x2D || bytes[high - 1] == 0x20
                              || bytes[high - 1] == 0x09 { high -= 1 }
        var digits = false, lastMark = -1, commas = 0, points = 0
        for i in low..<high {
            switch bytes[i] {
            case 0x30...0x39: digits = true
            case 0x20: break
            case 0x2C: commas += 1; lastMark = i
            case 0x2E: points += 1; lastMark = i
            default: return nil
            }
        }
        guard digits, lastMark >= 0 else { return nil }
        let isComma = bytes[lastMark] == 0x2C
        guard (isComma ? commas : points) == 1, lastMark + 1 < high else { return nil }
        for i in (lastMark + 1)..<high where !(0x30...0x39).contains(bytes[i]) { return nil }
        let grouped = (low..<lastMark).contains { !(0x30...0x39).contains(bytes[$0]) }
        guard grouped || high - lastMark - 1 != 3 else { return nil }
        return isComma ? .comma : .point
    }

    /// The bytes of `text` between the spaces and tabs around it; nil when it is all spaces.
    static func trimmedLength(_ text: some StringProtocol) -> Int? {
        var first: Int?, last = 0
        for (i, b) in text.utf8.enumerated() where b != 0x20 && b != 0x09 {
            if first == nil { first = i }
            last = i
        }
        return first.map { last - $0 + 1 }
    }

    /// `decimalEvidence` by tokens, for any text; a cell too long to be a number shows none.
    static func tokenDecimalEvidence(_ text: some StringProtocol) -> DataFormat.DecimalMark? {
        if text.utf8.count > longestNumber, let length = trimmedLength(text), length > longestNumber { return nil }
        var t = NumberToken.scan(text)[...]
        while let first = t.first?.kind, [.open, .minus, .plus, .space, .tab].contains(first) { t = t.dropFirst() }
        while let last = t.last?.kind, [.close, .percent, .minus, .space, .tab].contains(last) { t = t.dropLast() }
        guard t.contains(where: { $0.kind == .digit }), t.allSatisfy({ [.digit, .space, .comma, .point].contains($0.kind) }),
              let lastMark = t.lastIndex(where: { $0.kind == .comma || $0.kind == .point }) else { return nil }
        let kind = t[lastMark].kind
        guard t.count(where: { $0.kind == kind }) == 1 else { return nil }
        let after = t[(lastMark + 1)...]
        guard !after.isEmpty, after.allSatisfy({ $0.kind == .digit }) else { return nil }
        let before = t[..<lastMark]
        let grouped = before.contains { $0.kind != .digit }
        guard grouped || after.count != 3 else { return nil }
        return kind == .comma ? .comma : .point
    }
}

/// One character of a number cell, classified once from its UTF-8 bytes.
struct NumberToken {
    enum Kind: UInt8 { case digit, space, tab, comma, point, minus, plus, open, close, percent, exponent, other }
    var kind: Kind
    var digit: UInt8 = 0
    /// Where the character starts in the cell's UTF-8, and its length: to name it in a message.
    var offset: Int
    var length: UInt8

    static func scan(_ text: some StringProtocol) -> [NumberToken] {
        var tokens: [NumberToken] = []
        var utf8 = Array(text.utf8)[...]
        tokens.reserveCapacity(utf8.count)
        var offset = 0
        while let b = utf8.first {
            var length = 1
            let kind: Kind
            switch b {
            case 0x30...0x39: kind = .digit
            case 0x20: kind = .space
            case 0x09: kind = .tab
            case 0x2C: kind = .comma
            case 0x2E: kind = .point
            case 0x2D: kind = .minus
            case 0x2B: kind = .plus
            case 0x28: kind = .open
            case 0x29: kind = .close
            case 0x25: kind = .percent
            case 0x45, 0x65: kind = .exponent
            case 0xC2 where utf8.starts(with: [0xC2, 0xA0]): kind = .space; length = 2                   // U+00A0
            case 0xE2 where utf8.starts(with: [0xE2, 0x80, 0xAF]) || utf8.starts(with: [0xE2, 0x80, 0x89])
                         || utf8.starts(with: [0xE2, 0x80, 0x87]): kind = .space; length = 3             // U+202F, U+2009, U+2007
            case 0xE2 where utf8.starts(with: [0xE2, 0x88, 0x92]): kind = .minus; length = 3             // U+2212
            default:
                kind = .other
                length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
            }
            length = min(length, utf8.count)
            tokens.append(NumberToken(kind: kind, digit: kind == .digit ? b - 0x30 : 0, offset: offset, length: UInt8(length)))
            utf8 = utf8.dropFirst(length)
            offset += length
        }
        return tokens
    }

    /// Drops the spaces and tabs around a number.
    static func trim(_ t: inout ArraySlice<NumberToken>) {
        while let k = t.first?.kind, k == .space || k == .tab { t = t.dropFirst() }
        while let k = t.last?.kind, k == .space || k == .tab { t = t.dropLast() }
    }

    func character(in text: some StringProtocol) -> Character {
        let bytes = Array(text.utf8)[offset..<(offset + Int(length))]
        return String(decoding: bytes, as: UTF8.self).first ?? "?"
    }
}

/// Why a cell is not a number, worded for the person who exported the file.
enum NumberProblem: Error, Sendable, Equatable {
    case notANumber(String)
    case unexpectedCharacter(Character, in: String)
    case otherDecimalMark(String, DataFormat.DecimalMark)
    case ambiguousGrouping(String, DataFormat.DecimalMark)
    case severalDecimalMarks(String, DataFormat.DecimalMark)
    case missingDigits(String, DataFormat.DecimalMark)
    case badGrouping(String)
    case conflictingSigns(String)
    case outOfRange(String)
    /// A number without `%` above 1 in a `%` input's column (`PercentCells.fractions`), and its value.
    case barePercent(String, Double)
    /// A number written with `%` in an amount in kronor (`PercentCells.money`).
    case percentOfMoney(String)
    /// Longer than a number may be (`NumberReader.longestNumber`): its first characters and its length.
    case tooLong(String, bytes: Int)

    var message: String {
        switch self {
        case .notANumber(let s): "'\(s)' is not a number"
        case .unexpectedCharacter(let c, let s): "'\(s)' is not a number: unexpected '\(c)'"
        case .otherDecimalMark(let s, let mark):
            "'\(s)' has a \(mark == .comma ? "decimal point" : "decimal comma"), but this file writes decimals with a \(mark == .comma ? "comma" : "point")"
        case .ambiguousGrouping(let s, let mark):
            "'\(s)' could be read two ways: '\(mark.other)' groups thousands only next to a \(mark.name)"
        case .severalDecimalMarks(let s, let mark): "'\(s)' has more than one \(mark.name)"
        case .missingDigits(let s, let mark): "'\(s)' has no digits after its \(mark.name)"
        case .badGrouping(let s): "'\(s)' groups its digits wrongly: after the first group, every group has three digits"
        case .conflictingSigns(let s): "'\(s)' has more than one sign"
        case .outOfRange(let s): "'\(s)' is too large for a number"
        case .barePercent(let s, let x): Self.barePercentMessage(s, x)
        case .percentOfMoney(let s): "'\(s.trimmedOfPadding)' is a percentage, but the column is read as an amount in kronor"
        case .tooLong(let s, let bytes):
            "'\(s.debugDescription.dropFirst().dropLast())…' is not a number: it is \(ModelSize.grouped(Double(bytes))) bytes long, "
            + "and a number has at most \(ModelSize.grouped(Double(NumberReader.longestNumber)))"
        }
    }

    /// `'50' in a % input could be read two ways: as 50 %, or as 5000 %, …`: the figure the
    /// number gives read as a fraction, which is what would have been computed.
    static func barePercentMessage(_ text: String, _ value: Double) -> String {
        let shown = PercentCells.spelled(value * 100)
        return "'\(text.trimmedOfPadding)' in a % input could be read two ways: as \(text.trimmedOfPadding) %, or as \(shown) %, "
            + "since a number without '%' is a fraction (0.5 is 50 %)"
    }

    /// What to write instead of a bare percentage: the sign, a fraction, or `in percent`.
    static func barePercentHint(_ text: String) -> String {
        "write '\(text.trimmedOfPadding) %' (or the fraction, 0.5 for 50 %); if the file gives every value in per cent without '%', "
            + "add 'in percent' at the end of the data statement"
    }

    /// A bare percentage has a code of its own: the cell is a number, read two ways.
    var code: DiagnosticCode {
        if case .barePercent = self { return .barePercent }
        return .notANumber
    }

    /// Whether a cell is an amount with its unit written after it (`35 000 kr`, `35 000:-`,
    /// `1 200 tkr`, `500 SEK`): no number, but no text either.
    static func isAmountWithUnit(_ text: String) -> Bool {
        // Most cells that are no number are words: told from their first character, without the
        // pattern (a text column of two million names is looked at cell by cell).
        guard let first = text.first(where: { !$0.isWhitespace }), first.isASCII && first.isNumber || "-−+(".contains(first) else { return false }
        return text.trimmingCharacters(in: .whitespaces)
            .wholeMatch(of: /(?i)[-−+(]?\s*[0-9][0-9 \u{00A0}\u{202F}.,]*\s*\)?\s*(kr|sek|tkr|mnkr|kronor|:-)\.?\s*\)?\s*-?/) != nil
    }

    /// What to write instead, where that is not obvious from the message.
    var hint: String? {
        switch self {
        case .unexpectedCharacter(_, let s) where Self.isAmountWithUnit(s), .notANumber(let s) where Self.isAmountWithUnit(s):
            return "write the amount alone: its unit belongs in the model (input lön[anställd]: kr = …)"
        case .barePercent(let s, _):
            return Self.barePercentHint(s)
        case .percentOfMoney:
            return "write the amount; a share belongs in a column read into a % input (a share typed in the wrong column?)"
        case .ambiguousGrouping(let s, let mark):
            let digits = s.filter { $0.isASCII && $0.isNumber }
            let whole = String(digits), split = "\(digits.dropLast(3))\(mark.rawValue)\(digits.suffix(3))"
            return "write '\(whole)' for \(whole), or '\(split)' for a number with decimals"
        default: return nil
        }
    }
}
