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
public struct NumberReader: Sendable {
    public var decimalMark: DataFormat.DecimalMark

    public init(decimalMark: DataFormat.DecimalMark) {
        self.decimalMark = decimalMark
    }

    /// The number in `text`, nil for an empty (or all-space) cell.
    public func read(_ text: some StringProtocol) throws(NumberProblem) -> Double? {
        let original = String(text)
        var s = Substring(original).unicodeScalars[...]
        Self.trimSpaces(&s)
        if s.isEmpty { return nil }
        var negative = false, signs = 0
        if s.first == "(", s.last == ")" {
            negative = true; signs += 1
            s = s.dropFirst().dropLast()
            Self.trimSpaces(&s)
        }
        if let first = s.first, Self.signs.contains(first) {
            negative = negative != (first != "+"); signs += 1
            s = s.dropFirst()
            Self.trimSpaces(&s)
            if let second = s.first, Self.signs.contains(second) { throw .conflictingSigns(original) }
        }
        if let last = s.last, Self.minus.contains(last) {
            negative = negative != true; signs += 1
            s = s.dropLast()
            Self.trimSpaces(&s)
        }
        var exponentShift = 0
        if s.last == "%" {
            exponentShift = -2
            s = s.dropLast()
            Self.trimSpaces(&s)
        }
        guard signs <= 1 else { throw .conflictingSigns(original) }
        guard !s.isEmpty else { throw .notANumber(original) }

        // Mantissa and exponent.
        var mantissa = s, exponent = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = s[..<e]
            var digits = s[s.index(after: e)...]
            var exponentSign = 1
            if let first = digits.first, first == "+" || Self.minus.contains(first) {
                exponentSign = first == "+" ? 1 : -1
                digits = digits.dropFirst()
            }
            guard !digits.isEmpty, digits.allSatisfy(Self.isDigit), let value = Int(String(String.UnicodeScalarView(digits))), value < 100_000 else {
                throw .notANumber(original)
            }
            exponent = exponentSign * value
        }
        if let bad = mantissa.first(where: { !Self.isDigit($0) && !Self.groupSpaces.contains($0) && $0 != "," && $0 != "." }) {
            if mantissa.contains(where: Self.isDigit) { throw .unexpectedCharacter(Character(bad), in: original) }
            throw .notANumber(original)
        }
        let digits = try readMantissa(mantissa, original: original)
        let literal = "\(digits.integer.isEmpty ? "0" : digits.integer).\(digits.fraction.isEmpty ? "0" : digits.fraction)e\(exponent + exponentShift)"
        guard let value = Double(literal), value.isFinite else { throw .outOfRange(original) }
        if value == 0 { return 0 }
        return negative ? -value : value
    }

    /// The integer and fraction digits of a mantissa made of digits, group spaces and marks.
    private func readMantissa(_ m: Substring.UnicodeScalarView, original: String) throws(NumberProblem) -> (integer: String, fraction: String) {
        let mark = Unicode.Scalar(String(decimalMark.rawValue))!
        let other = Unicode.Scalar(String(decimalMark.other))!
        let marks = m.filter { $0 == mark }.count
        guard marks <= 1 else { throw .severalDecimalMarks(original, decimalMark) }
        let markIndex = m.firstIndex(of: mark)
        let integerPart = m[..<(markIndex ?? m.endIndex)]
        let fractionPart = markIndex.map { m[m.index(after: $0)...] } ?? m[m.endIndex...]
        if fractionPart.contains(other) { throw .otherDecimalMark(original, decimalMark) }
        guard fractionPart.allSatisfy(Self.isDigit) else { throw .badGrouping(original) }
        if markIndex != nil, fractionPart.isEmpty { throw .missingDigits(original, decimalMark) }
        guard !integerPart.isEmpty || !fractionPart.isEmpty else { throw .notANumber(original) }

        let others = integerPart.filter { $0 == other }.count
        let spaced = integerPart.contains(where: Self.groupSpaces.contains)
        if others > 0, spaced { throw .badGrouping(original) }
        var groups: [Substring.UnicodeScalarView] = [integerPart]
        if others > 0 {
            groups = integerPart.split(separator: other, omittingEmptySubsequences: false)
            if markIndex == nil, others == 1 {
                // `1.234` with a decimal comma: thousands, or a decimal point in the wrong file?
                if groups[1].count == 3, (1...3).contains(groups[0].count) { throw .ambiguousGrouping(original, decimalMark) }
                throw .otherDecimalMark(original, decimalMark)
            }
        } else if spaced {
            groups = integerPart.split(omittingEmptySubsequences: false, whereSeparator: Self.groupSpaces.contains)
        }
        if groups.count > 1 {
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
                throw .badGrouping(original)
            }
        }
        let integer = String(String.UnicodeScalarView(integerPart.filter(Self.isDigit)))
        return (integer, String(String.UnicodeScalarView(fractionPart)))
    }

    /// Which decimal mark a cell shows, if it shows one unambiguously: `12,5`, `1 234,50`,
    /// `1.234,50` show a comma; `12.5` and `1,234.50` a point; `1234`, `1,234` and text show none.
    static func decimalEvidence(_ text: some StringProtocol) -> DataFormat.DecimalMark? {
        var s = Substring(text).unicodeScalars[...]
        trimSpaces(&s)
        while let first = s.first, first == "(" || signs.contains(first) { s = s.dropFirst() }
        while let last = s.last, last == ")" || last == "%" || minus.contains(last) || groupSpaces.contains(last) { s = s.dropLast() }
        guard s.contains(where: isDigit), s.allSatisfy({ isDigit($0) || groupSpaces.contains($0) || $0 == "," || $0 == "." }) else { return nil }
        guard let lastMark = s.lastIndex(where: { $0 == "," || $0 == "." }) else { return nil }
        let mark: DataFormat.DecimalMark = s[lastMark] == "," ? .comma : .point
        let sameMarks = s.filter { $0 == s[lastMark] }.count
        guard sameMarks == 1 else { return nil }
        let after = s[s.index(after: lastMark)...]
        guard !after.isEmpty, after.allSatisfy(isDigit) else { return nil }
        let otherMarks = s[..<lastMark].contains { $0 == "," || $0 == "." }
        let spaced = s[..<lastMark].contains(where: groupSpaces.contains)
        if otherMarks || spaced || after.count != 3 { return mark }
        return nil
    }

    static let minus: Set<Unicode.Scalar> = ["-", "\u{2212}"]
    static let signs: Set<Unicode.Scalar> = ["-", "\u{2212}", "+"]
    /// Spaces that group thousands: plain, no-break, narrow no-break, thin and figure space.
    static let groupSpaces: Set<Unicode.Scalar> = [" ", "\u{00A0}", "\u{202F}", "\u{2009}", "\u{2007}"]
    static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }

    static func trimSpaces(_ s: inout Substring.UnicodeScalarView) {
        while let first = s.first, first == "\t" || groupSpaces.contains(first) { s = s.dropFirst() }
        while let last = s.last, last == "\t" || groupSpaces.contains(last) { s = s.dropLast() }
    }
}

/// Why a cell is not a number, worded for the person who exported the file.
public enum NumberProblem: Error, Sendable, Equatable {
    case notANumber(String)
    case unexpectedCharacter(Character, in: String)
    case otherDecimalMark(String, DataFormat.DecimalMark)
    case ambiguousGrouping(String, DataFormat.DecimalMark)
    case severalDecimalMarks(String, DataFormat.DecimalMark)
    case missingDigits(String, DataFormat.DecimalMark)
    case badGrouping(String)
    case conflictingSigns(String)
    case outOfRange(String)

    public var message: String {
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
        }
    }

    /// What to write instead, where that is not obvious from the message.
    public var hint: String? {
        switch self {
        case .ambiguousGrouping(let s, let mark):
            let digits = s.filter { $0.isNumber }
            let whole = String(digits), split = "\(digits.dropLast(3))\(mark.rawValue)\(digits.suffix(3))"
            return "write '\(whole)' for \(whole), or '\(split)' for a number with decimals"
        default: return nil
        }
    }
}
