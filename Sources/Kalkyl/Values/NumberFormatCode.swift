/// An Excel number format code (`#,##0.00_);(#,##0.00)`, `yyyy-mm-dd`, `0.0%`), parsed into
/// sections of tokens for TEXT.
///
/// Up to four sections separated by `;`: positive, negative, zero and text. Within a section:
/// `0 # ?` digit placeholders, `.` the decimal point, `,` grouping (between digit placeholders)
/// or a division by 1,000 (after the last one), `%`, `E+0`/`E-0` exponents, the date and time
/// codes `y m d h s AM/PM` (and `[h] [m] [s]` for elapsed time), `@` the text, `General`, and
/// literals: `"…"`, `\c`, `_c` (a space as wide as c), `*c` (a fill, left out by TEXT), `[$kr-41D]`
/// (the currency text, and the language of month and day names: see `NameLanguage`) and the
/// characters that stand for themselves. `[Red]` and other colours are ignored. Conditions
/// (`[>100]`) and fractions (`# ?/?`) are not supported: TEXT gives #VALUE! for them rather than
/// a different text than Excel's.
struct NumberFormatCode: Sendable {
    enum DatePart: Sendable, Equatable {
        case year(Int), month(Int), minute(Int), day(Int), hour(Int), second(Int)
        /// `[h]`, `[m]`, `[s]`: hours, minutes or seconds since serial 0.
        case elapsedHours(Int), elapsedMinutes(Int), elapsedSeconds(Int)
        /// `AM/PM` (full) or `A/P`, in the case written.
        case meridiem(am: String, pm: String)
        /// `.0`, `.00`, `.000` after seconds.
        case fractionOfSecond(Int)
    }

    enum Token: Sendable, Equatable {
        case literal(String)
        /// `0`, `#` or `?`.
        case digit(Character)
        case point
        case comma
        case percent
        /// `E+` (a sign always) or `E-` (a minus only), followed by its digit placeholders.
        case exponent(alwaysSigned: Bool, digits: Int)
        case date(DatePart)
        case general
        case text
    }

    struct Section: Sendable {
        var tokens: [Token]
        var isDate: Bool { tokens.contains { if case .date = $0 { true } else { false } } }
        var hasDigits: Bool { tokens.contains { if case .digit = $0 { true } else { false } } }
        var hasText: Bool { tokens.contains(.text) }
    }

    var sections: [Section]

    /// The language month and day names are written in: English unless a `[$-LCID]` tag names
    /// another. Nil for a language whose names Kalkyl does not know: TEXT then gives #VALUE! for
    /// a named month or day (or AM/PM) rather than English names where Excel writes others.
    var names: NameLanguage? = .english

    /// Nil for a code TEXT does not support (a condition, a fraction) or cannot read (date and
    /// digit placeholders mixed, `mm###`).
    init?(_ code: String) {
        var sections: [Section] = []
        var current: [Token] = []
        let chars = Array(code)
        var i = 0
        func literal(_ s: String) {
            if case .literal(let previous)? = current.last { current[current.count - 1] = .literal(previous + s) } else { current.append(.literal(s)) }
        }
        func run(of c: Character) -> Int {
            var n = 0
            while i + n < chars.count, chars[i + n].lowercased() == c.lowercased() { n += 1 }
            return n
        }
        while i < chars.count {
            let c = chars[i]
            if let part = Self.datePart[c] {
                let n = run(of: c)
                current.append(.date(part(n)))
                i += n
                continue
            }
            switch c {
            case ";":
                sections.append(Section(tokens: current))
                current = []
                i += 1
            case "\"":
                var j = i + 1
                while j < chars.count, chars[j] != "\"" { j += 1 }
                literal(String(chars[(i + 1)..<min(j, chars.count)]))
                i = j + 1
            case "\\":
                if i + 1 < chars.count { literal(String(chars[i + 1])) }
                i += 2
            case "_":
                literal(" ")
                i += 2
            case "*":
                i += 2
            case "[":
                guard let close = chars[i...].firstIndex(of: "]") else { return nil }
                let inside = String(chars[(i + 1)..<close])
                i = close + 1
                let lower = inside.lowercased()
                if inside.hasPrefix("$") {
                    let currency = inside.dropFirst().prefix { $0 != "-" }
                    literal(String(currency))
                    if let dash = inside.firstIndex(of: "-") {
                        names = NameLanguage(localeID: String(inside[inside.index(after: dash)...]))
                    }
                } else if let first = lower.first, "hms".contains(first), lower.allSatisfy({ $0 == first }) {
                    switch first {
                    case "h": current.append(.date(.elapsedHours(lower.count)))
                    case "m": current.append(.date(.elapsedMinutes(lower.count)))
                    default: current.append(.date(.elapsedSeconds(lower.count)))
                    }
                } else if let first = lower.first, "<>=".contains(first) {
                    return nil   // a condition
                }
                // Colours ([Red], [Color10]) change nothing in text.
            case "0", "#", "?":
                current.append(.digit(c))
                i += 1
            case ".":
                // After seconds, `.00` is a fraction of a second.
                if Self.followsSeconds(current), i + 1 < chars.count, chars[i + 1] == "0" {
                    var n = 0
                    while i + 1 + n < chars.count, chars[i + 1 + n] == "0" { n += 1 }
                    current.append(.date(.fractionOfSecond(n)))
                    i += 1 + n
                } else {
                    current.append(.point)
                    i += 1
                }
            case ",":
                current.append(.comma)
                i += 1
            case "%":
                current.append(.percent)
                literal("%")
                i += 1
            case "/":
                // A fraction (`# ?/?`) when digit placeholders come on both sides.
                if current.contains(where: { if case .digit = $0 { true } else { false } }),
                   i + 1 < chars.count, "0#?123456789".contains(chars[i + 1]) { return nil }
                literal("/")
                i += 1
            case "E", "e":
                if i + 1 < chars.count, chars[i + 1] == "+" || chars[i + 1] == "-" {
                    var n = 0
                    while i + 2 + n < chars.count, "0#?".contains(chars[i + 2 + n]) { n += 1 }
                    current.append(.exponent(alwaysSigned: chars[i + 1] == "+", digits: max(n, 1)))
                    i += 2 + n
                } else {
                    literal(String(c))
                    i += 1
                }
            case "@":
                current.append(.text)
                i += 1
            case _ where c.lowercased() == "g" && String(chars[i...].prefix(7)).lowercased() == "general":
                current.append(.general)
                i += 7
            case "A", "a":
                let rest = String(chars[i...])
                if rest.uppercased().hasPrefix("AM/PM") {
                    current.append(.date(.meridiem(am: String(rest.prefix(2)), pm: String(rest.dropFirst(3).prefix(2)))))
                    i += 5
                } else if rest.uppercased().hasPrefix("A/P") {
                    current.append(.date(.meridiem(am: String(rest.prefix(1)), pm: String(rest.dropFirst(2).prefix(1)))))
                    i += 3
                } else {
                    literal(String(c))
                    i += 1
                }
            default:
                literal(String(c))
                i += 1
            }
        }
        sections.append(Section(tokens: current))
        guard sections.count <= 4 else { return nil }
        // `m` is minutes after an hour or before seconds.
        for k in sections.indices {
            sections[k].tokens = Self.minutesResolved(sections[k].tokens)
            let s = sections[k]
            if s.isDate && (s.hasDigits || s.tokens.contains(.general)) { return nil }
        }
        self.sections = sections
    }

    /// The date and time codes written as a run of one letter, in either case (`yyyy`, `mm`,
    /// `d`, `hh`, `ss`): the letter gives the part, the run's length its form. An `m` is read as
    /// a month here and as minutes by ``minutesResolved(_:)`` where its neighbours say so.
    static let datePart: [Character: @Sendable (Int) -> DatePart] = [
        "y": DatePart.year, "m": DatePart.month, "d": DatePart.day, "h": DatePart.hour, "s": DatePart.second,
        "Y": DatePart.year, "M": DatePart.month, "D": DatePart.day, "H": DatePart.hour, "S": DatePart.second,
    ]

    static func followsSeconds(_ tokens: [Token]) -> Bool {
        for t in tokens.reversed() {
            switch t {
            case .date(.second), .date(.elapsedSeconds): return true
            case .literal: continue
            default: return false
            }
        }
        return false
    }

    static func minutesResolved(_ tokens: [Token]) -> [Token] {
        var out = tokens
        let parts = tokens.indices.filter { if case .date = tokens[$0] { true } else { false } }
        for (k, index) in parts.enumerated() {
            guard case .date(.month(let n)) = tokens[index], n <= 2 else { continue }
            var afterHour = false, beforeSecond = false
            if k > 0, case .date(let p) = tokens[parts[k - 1]] {
                if case .hour = p { afterHour = true }
                if case .elapsedHours = p { afterHour = true }
            }
            if k + 1 < parts.count, case .date(let p) = tokens[parts[k + 1]] {
                if case .second = p { beforeSecond = true }
                if case .elapsedSeconds = p { beforeSecond = true }
            }
            if afterHour || beforeSecond { out[index] = .date(.minute(n)) }
        }
        return out
    }
}
