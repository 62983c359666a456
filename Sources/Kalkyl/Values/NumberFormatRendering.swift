import Foundation

/// Numbers, dates and text written by a `NumberFormatCode`, as Excel's TEXT writes them (en-US
/// numbers; month and day names in the code's `NameLanguage`).
extension NumberFormatCode {
    /// The text of a number, or nil where Excel's TEXT gives #VALUE! (a date outside
    /// 1900-01-00 … 9999-12-31, a negative time).
    func format(_ x: Double) -> String? {
        let numeric = sections.filter { !$0.hasText || $0.hasDigits || $0.isDate }
        let usable = sections.count == 4 ? Array(sections.prefix(3)) : (numeric.isEmpty ? sections : numeric)
        let section: Section
        var value = x
        var signed = false
        switch usable.count {
        case 1:
            section = usable[0]
            signed = true
        case 2:
            section = x < 0 ? usable[1] : usable[0]
            if x < 0 { value = -x }
        default:
            section = x < 0 ? usable[1] : (x == 0 ? usable[2] : usable[0])
            if x < 0 { value = -x }
        }
        if section.isDate { return Self.date(value, section.tokens, names: names) }
        if section.tokens.contains(.general) {
            return Self.render(section.tokens) { _ in nil } general: { GeneralCellText.text(signed ? value : abs(value)) }
        }
        if !section.hasDigits {
            // Only literals: a negative number in a single section still shows its minus.
            let text = Self.render(section.tokens) { _ in nil } general: { "" }
            return signed && value < 0 ? "-" + text : text
        }
        return Self.number(value, section.tokens, signed: signed)
    }

    /// The text of a text value: the text section (the fourth, or a single one with `@`), or the
    /// text as it is.
    func format(text: String) -> String {
        let section = sections.count == 4 ? sections[3] : sections.last { $0.hasText }
        guard let section else { return text }
        return Self.render(section.tokens) { token in token == .text ? text : nil } general: { text }
    }

    /// Literals as they are; `special` for the other tokens.
    static func render(_ tokens: [Token], _ special: (Token) -> String?, general: () -> String) -> String {
        var out = ""
        for t in tokens {
            switch t {
            case .literal(let s): out += s
            case .general: out += general()
            default: out += special(t) ?? ""
            }
        }
        return out
    }

    // MARK: - Numbers

    static func number(_ x: Double, _ tokens: [Token], signed: Bool) -> String {
        var value = abs(x)
        let negative = signed && x < 0
        let percents = tokens.count { $0 == .percent }
        for _ in 0..<percents { value *= 100 }
        let exponentAt = tokens.firstIndex { if case .exponent = $0 { true } else { false } }
        let pointAt = tokens.firstIndex(of: .point)
        let integerEnd = pointAt ?? exponentAt ?? tokens.count
        let digitIndices = tokens.indices.filter { if case .digit = tokens[$0] { true } else { false } }
        let integerPlaces = digitIndices.filter { $0 < integerEnd }
        let fractionEnd = exponentAt ?? tokens.count
        let fractionPlaces = digitIndices.filter { $0 > integerEnd && $0 < fractionEnd }
        // Commas: between integer placeholders they group; after the last one they divide by 1,000.
        var grouping = false
        var commaRoles: [Int: Bool] = [:]   // true: grouping, false: scaling
        for k in tokens.indices where tokens[k] == .comma {
            let before = integerPlaces.contains { $0 < k } || fractionPlaces.contains { $0 < k }
            let after = integerPlaces.contains { $0 > k }
            if before && after { grouping = true; commaRoles[k] = true } else if before { commaRoles[k] = false; value /= 1000 }
        }
        let decimals = fractionPlaces.count

        var integerDigits: String
        var fractionDigits: String
        var exponentText = ""
        if let exponentAt, case .exponent(let alwaysSigned, let width) = tokens[exponentAt] {
            let n = max(integerPlaces.count, 1)
            let engineering = integerPlaces.count > 1 && integerPlaces.contains { tokens[$0] == .digit("#") }
            var e = 0
            if let (_, e10) = ExcelNumberText.significantDigits(value) {
                e = engineering ? Int((Double(e10) / Double(n)).rounded(.down)) * n : e10 - (n - 1)
            }
            var (i, f) = DecimalDigits.rounded(value, shift: -e, decimals: decimals)
            if i.count > n && !engineering {   // 9.99 rounded up to 10.0: one more in the exponent
                e += 1
                (i, f) = DecimalDigits.rounded(value, shift: -e, decimals: decimals)
            }
            integerDigits = i
            fractionDigits = f
            let magnitude = String(abs(e))
            exponentText = (e < 0 ? "-" : (alwaysSigned ? "+" : "")) + String(repeating: "0", count: max(0, width - magnitude.count)) + magnitude
        } else {
            (integerDigits, fractionDigits) = DecimalDigits.rounded(value, shift: 0, decimals: decimals)
        }
        let shownZero = integerDigits.allSatisfy { $0 == "0" } && fractionDigits.allSatisfy { $0 == "0" }

        // The integer part, right-aligned on its placeholders; the first takes what is left.
        var digitsLeft = Array(integerDigits == "0" ? "" : integerDigits)
        var placeOutput: [Int: String] = [:]
        for (k, index) in integerPlaces.enumerated().reversed() {
            var text: String
            if let d = digitsLeft.popLast() {
                text = String(d)
                if k == 0 { text = String(digitsLeft) + text; digitsLeft = [] }
            } else {
                switch tokens[index] {
                case .digit("0"): text = "0"
                case .digit("?"): text = " "
                default: text = ""
                }
            }
            placeOutput[index] = text
        }
        if grouping, let first = integerPlaces.first {
            let joined = integerPlaces.map { placeOutput[$0] ?? "" }.joined()
            for index in integerPlaces { placeOutput[index] = "" }
            placeOutput[first] = grouped(joined)
        }
        // Trailing zeros of the fraction: `#` drops them, `?` makes them spaces.
        var fraction = Array(fractionDigits)
        var trailing = true
        for (k, index) in fractionPlaces.enumerated().reversed() {
            let d = fraction[k]
            if trailing && d == "0" && tokens[index] != .digit("0") {
                placeOutput[index] = tokens[index] == .digit("?") ? " " : ""
            } else {
                trailing = false
                placeOutput[index] = String(d)
            }
        }
        fraction.removeAll()

        var out = negative && !shownZero ? "-" : ""
        for (index, t) in tokens.enumerated() {
            switch t {
            case .literal(let s): out += s
            case .digit: out += placeOutput[index] ?? ""
            case .point: out += "."
            case .comma: if commaRoles[index] == nil { out += "," }
            case .exponent: out += "E" + exponentText
            default: break
            }
        }
        return out
    }

    /// `1234567` as `1,234,567`; leading spaces from `?` stay in front.
    static func grouped(_ s: String) -> String {
        let digits = s.drop { $0 == " " }
        let lead = s.prefix(s.count - digits.count)
        var out = ""
        for (k, c) in digits.enumerated() {
            if k > 0 && (digits.count - k) % 3 == 0 { out += "," }
            out.append(c)
        }
        return lead + out
    }

    // MARK: - Dates and times

    /// Nil also for a named month or day, or AM/PM, in a language without those names (`names`
    /// nil, or no AM/PM of its own).
    static func date(_ x: Double, _ tokens: [Token], names: NameLanguage?) -> String? {
        let meridiem = tokens.contains { if case .date(.meridiem) = $0 { true } else { false } }
        let named = meridiem || tokens.contains { token in
            switch token {
            case .date(.month(let n)), .date(.day(let n)): n >= 3
            default: false
            }
        }
        guard !named || names != nil else { return nil }
        let names = names ?? .english
        guard !meridiem || names.writesMeridiem else { return nil }
        guard x >= 0, x < Double(ExcelCalendar.maxSerial + 1) else { return nil }
        // Rounded to the precision shown: whole seconds, or the fraction of a second written.
        let subsecond = tokens.lazy.compactMap { t -> Int? in if case .date(.fractionOfSecond(let n)) = t { n } else { nil } }.first ?? 0
        let scale = Foundation.pow(10, Double(subsecond))
        let ticks = (x * 86_400 * scale).rounded()
        let dayTicks = 86_400 * scale
        let day = (ticks / dayTicks).rounded(.down)
        let timeTicks = ticks - day * dayTicks
        guard day <= Double(ExcelCalendar.maxSerial), let civil = ExcelCalendar.civil(day) else { return nil }
        let seconds = Int((timeTicks / scale).rounded(.down))
        let fraction = Int(timeTicks - Double(seconds) * scale)
        let hour = seconds / 3600, minute = seconds / 60 % 60, second = seconds % 60
        func padded(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        var out = ""
        for t in tokens {
            switch t {
            case .literal(let s): out += s
            case .date(let part):
                switch part {
                case .year(let n): out += n <= 2 ? padded(civil.year % 100, 2) : padded(civil.year, 4)
                case .month(let n):
                    switch n {
                    case 1, 2: out += padded(civil.month, n)
                    case 3: out += names.shortMonths[civil.month - 1]
                    case 5: out += String(names.months[civil.month - 1].prefix(1))
                    default: out += names.months[civil.month - 1]
                    }
                case .day(let n):
                    switch n {
                    case 1, 2: out += padded(civil.day, n)
                    case 3: out += names.shortDays[Int(day) % 7]
                    default: out += names.days[Int(day) % 7]
                    }
                case .hour(let n): out += padded(meridiem ? (hour + 11) % 12 + 1 : hour, min(n, 2))
                case .minute(let n): out += padded(minute, min(n, 2))
                case .second(let n): out += padded(second, min(n, 2))
                case .fractionOfSecond(let n): out += "." + padded(fraction, n)
                case .elapsedHours(let n): out += padded(Int(day) * 24 + hour, n)
                case .elapsedMinutes(let n): out += padded((Int(day) * 24 + hour) * 60 + minute, n)
                case .elapsedSeconds(let n): out += padded(((Int(day) * 24 + hour) * 60 + minute) * 60 + second, n)
                case .meridiem(let am, let pm): out += hour < 12 ? am : pm
                }
            // Between date parts a point or a comma is itself: `dd.mm.yyyy`, `mmmm d, yyyy`.
            case .point: out += "."
            case .comma: out += ","
            default: break
            }
        }
        return out
    }
}

/// A number's decimal digits as Excel rounds them for display: from its 15 significant
/// digits, halves away from zero, so 2.675 with two decimals is 2.68 as Excel shows it.
enum DecimalDigits {
    /// The integer digits ("0" for none) and exactly `decimals` fraction digits of
    /// |x| · 10^shift, rounded.
    static func rounded(_ x: Double, shift: Int, decimals: Int) -> (integer: String, fraction: String) {
        guard let (digits, exponent) = ExcelNumberText.significantDigits(x) else {
            return ("0", String(repeating: "0", count: decimals))
        }
        let e = exponent + shift
        let keep = e + 1 + decimals   // digits of `digits` that stay
        var kept: [UInt8]
        let d = Array(digits.utf8).map { $0 - 48 }
        if keep <= 0 {
            kept = keep == 0 && d[0] >= 5 ? [1] : [0]
        } else {
            kept = Array(d.prefix(keep)) + Array(repeating: 0, count: max(0, keep - d.count))
            if keep < d.count && d[keep] >= 5 {
                var k = kept.count - 1
                while k >= 0 {
                    if kept[k] == 9 { kept[k] = 0; k -= 1 } else { kept[k] += 1; break }
                }
                if k < 0 { kept.insert(1, at: 0) }
            }
        }
        // kept is an integer N; the value is N / 10^decimals.
        while kept.count < decimals + 1 { kept.insert(0, at: 0) }
        let integer = kept.dropLast(decimals).drop { $0 == 0 }
        let fraction = kept.suffix(decimals)
        return (integer.isEmpty ? "0" : String(integer.map { Character(String($0)) }), String(fraction.map { Character(String($0)) }))
    }
}
