/// Excel's conversions between kinds of value, in one place so every function coerces alike.
enum Coerce {
    /// A value used where a number is needed (`+`, ROUND's argument, …).
    /// Text that reads as a number, a date or a time counts; other text is #VALUE!.
    static func number(_ v: Value) -> Result<Double, ExcelError> {
        switch v {
        case .number(let n): return .success(n)
        case .bool(let b): return .success(b ? 1 : 0)
        case .blank: return .success(0)
        case .error(let e): return .failure(e)
        case .text(let s):
            if let n = parseNumber(s) { return .success(n) }
            return .failure(.value)
        }
    }

    /// A value used where text is needed (`&`, CONCAT).
    static func text(_ v: Value) -> Result<String, ExcelError> {
        switch v {
        case .number(let n): return .success(ExcelNumberText.general(n))
        case .text(let s): return .success(s)
        case .bool(let b): return .success(b ? "TRUE" : "FALSE")
        case .blank: return .success("")
        case .error(let e): return .failure(e)
        }
    }

    /// A value used where a truth value is needed (IF's condition, NOT).
    /// Text "TRUE"/"FALSE" counts in any case, other text is #VALUE!.
    static func bool(_ v: Value) -> Result<Bool, ExcelError> {
        switch v {
        case .number(let n): return .success(n != 0)
        case .bool(let b): return .success(b)
        case .blank: return .success(false)
        case .error(let e): return .failure(e)
        case .text(let s):
            if let b = parseBool(s) { return .success(b) }
            return .failure(.value)
        }
    }

    /// "TRUE" or "FALSE" in any case, without surrounding spaces, as Excel reads them.
    static func parseBool(_ s: String) -> Bool? {
        switch s.uppercased() {
        case "TRUE": true
        case "FALSE": false
        default: nil
        }
    }

    /// Reads text as Excel does when text meets arithmetic.
    ///
    /// A number may have surrounding spaces, a sign, thousands commas, a decimal point, an
    /// exponent, trailing percent signs, a currency sign (`$`, `€`) before or after it, and
    /// accounting parentheses for a negative: `" €1,234.5 "`, `"(12)"`, `"8%"`, `"7.0e0"`.
    /// Failing that, an ISO date (`2024-01-10`, with an optional time), a day-month-year date
    /// with an English month name (`2-Feb-2026`) or in digits (`2/3/2023`, `10-12-1999`: day
    /// first, as the Excel of the oracle reads them and as Sweden writes them), or a time
    /// (`1:30`, `12:00 PM`) reads as an Excel serial number.
    static func parseNumber(_ raw: String) -> Double? {
        if let n = parsePlainNumber(raw) { return n == 0 ? 0 : n }
        return ExcelDateText.parse(raw)
    }

    static func parsePlainNumber(_ raw: String) -> Double? {
        var s = Substring(raw)
        trimSpaces(&s)
        guard !s.isEmpty else { return nil }
        var percents = 0
        while s.last == "%" {
            s.removeLast()
            percents += 1
            while s.last == " " { s.removeLast() }
        }
        var currency = false
        func takeCurrency(atEnd: Bool) {
            guard !currency, let c = atEnd ? s.last : s.first, c == "$" || c == "€" else { return }
            currency = true
            if atEnd { s.removeLast() } else { s.removeFirst() }
            trimSpaces(&s)
        }
        takeCurrency(atEnd: false)
        takeCurrency(atEnd: true)
        var negative = false
        if s.first == "-" || s.first == "+" {
            negative = s.first == "-"
            s.removeFirst()
            takeCurrency(atEnd: false)                          // -$5
        }
        if s.first == "(" && s.last == ")" && !negative {    // accounting negative: (123)
            s = s.dropFirst().dropLast()
            negative = true
            takeCurrency(atEnd: false)
        }
        guard let first = s.first, first.isASCII, first.isNumber || first == "." else { return nil }
        guard let value = parseDigits(s, decimalShift: -2 * percents) else { return nil }
        return negative ? -value : value
    }

    /// Digits with optional thousands commas, decimal point and exponent: `1,234.5e3`.
    /// `decimalShift` moves the decimal point before the one rounding to a double, so that
    /// "23.123%" is 0.23123 exactly as Excel reads it, not 23.123/100 = 0.23123000000000002.
    static func parseDigits(_ s: Substring, decimalShift: Int = 0) -> Double? {
        var plain = ""
        let parts = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integerPart = parts[0]
        if integerPart.contains(",") {
            // Thousands commas must group digits by three before the decimal point.
            let groups = integerPart.split(separator: ",", omittingEmptySubsequences: false)
            guard groups.dropFirst().allSatisfy({ $0.count == 3 }), !(groups.first ?? "").isEmpty else { return nil }
            plain = groups.joined()
        } else {
            plain = String(integerPart)
        }
        if parts.count == 2 { plain += "." + parts[1] }
        guard plain.allSatisfy({ $0.isASCII && ($0.isNumber || "eE+-.".contains($0)) }),
              plain.first != "e", plain.first != "E", Double(plain) != nil else { return nil }
        if decimalShift != 0 {
            let parts = plain.split(whereSeparator: { $0 == "e" || $0 == "E" })
            guard let exponent = parts.count == 2 ? Int(parts[1]) : 0 else { return nil }
            plain = "\(parts[0])e\(exponent + decimalShift)"
        }
        guard let value = Double(plain), value.isFinite else { return nil }
        return value
    }

    static func trimSpaces(_ s: inout Substring) {
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
    }
}

/// Dates and times written as text, read into Excel serial numbers (1900 date system).
enum ExcelDateText {
    static let monthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]

    /// An ISO date with an optional time, a `d-Mon-yyyy` date, a `d/m/yyyy` date with an
    /// optional time, or a time on its own. Excel reads `" 10 "` as a number but
    /// `" 2024-01-10 "` not as a date, so dates are not trimmed; a time on its own is
    /// (`" 1:30 "` is 0.0625).
    static func parse(_ raw: String) -> Double? {
        if let d = isoDateTime(raw) { return d }
        if let d = dayMonthYear(raw) { return d }
        if let d = dayMonthYearInDigits(raw) { return d }
        var s = Substring(raw)
        Coerce.trimSpaces(&s)
        return time(s)
    }

    /// `2024-01-10`, `2024-01-10 06:00`.
    static func isoDateTime(_ raw: String) -> Double? {
        let parts = raw.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
        let fields = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        guard fields.count == 3, fields[0].count == 4, (1...2).contains(fields[1].count), (1...2).contains(fields[2].count),
              let y = digits(fields[0]), let m = digits(fields[1]), let d = digits(fields[2]),
              let date = serial(year: y, month: m, day: d) else { return nil }
        guard parts.count == 2 else { return date }
        guard let t = time(parts[1]) else { return nil }
        return date + t
    }

    /// `2-Feb-2026`, `29-Feb-1900`, `2 February 2026`.
    static func dayMonthYear(_ raw: String) -> Double? {
        let separator: Character = raw.contains("-") ? "-" : " "
        let fields = raw.split(separator: separator, omittingEmptySubsequences: false)
        guard fields.count == 3, (1...2).contains(fields[0].count), fields[2].count == 4,
              let d = digits(fields[0]), let y = digits(fields[2]) else { return nil }
        let name = fields[1].uppercased()
        guard name.count >= 3, let m = monthNames.firstIndex(where: { name.hasPrefix($0) }),
              fullMonthNames[m].hasPrefix(name) else { return nil }
        return serial(year: y, month: m + 1, day: d)
    }

    /// `2/3/2023` (2 March 2023), `10-12-1999 06:00`: day, month and a four-digit year in
    /// digits, split by `/` or `-` alike, day first. Excel reads such text by the computer's
    /// settings: the oracle's Excel gives 44987 for `VALUE("2/3/2023")` and 36504 (10 December)
    /// for `"10-12-1999"`, day first, as Sweden writes dates; an Excel set to en-US reads the
    /// month first. A two-digit year, which Excel places in a century by a cutoff, is refused.
    static func dayMonthYearInDigits(_ raw: String) -> Double? {
        let parts = raw.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
        guard let separator: Character = parts[0].contains("/") ? "/" : parts[0].contains("-") ? "-" : nil else { return nil }
        let fields = parts[0].split(separator: separator, omittingEmptySubsequences: false)
        guard fields.count == 3, (1...2).contains(fields[0].count), (1...2).contains(fields[1].count), fields[2].count == 4,
              let d = digits(fields[0]), let m = digits(fields[1]), let y = digits(fields[2]),
              let date = serial(year: y, month: m, day: d) else { return nil }
        guard parts.count == 2 else { return date }
        guard let t = time(parts[1]) else { return nil }
        return date + t
    }

    static let fullMonthNames = ["JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST",
                                 "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"]

    /// `13:45`, `1:30:15`, `12:00 PM`, as a fraction of a day (24:00 is 1).
    static func time(_ s: Substring) -> Double? {
        var text = s
        var meridiem: Int?   // 0 for AM, 12 for PM
        let upper = text.uppercased()
        if upper.hasSuffix("AM") || upper.hasSuffix("PM") {
            meridiem = upper.hasSuffix("PM") ? 12 : 0
            text = text.dropLast(2)
            Coerce.trimSpaces(&text)
        }
        let fields = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(fields.count), fields.allSatisfy({ !$0.isEmpty }),
              let h = digits(fields[0]), let m = digits(fields[1]), m < 60 else { return nil }
        var seconds = 0.0
        if fields.count == 3 {
            guard let sec = Double(fields[2]), fields[2].allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
                  sec < 60 else { return nil }
            seconds = sec
        }
        var hours = h
        if let meridiem {
            guard (1...12).contains(h) else { return nil }
            hours = h % 12 + meridiem
        }
        return (Double(hours) * 3600 + Double(m) * 60 + seconds) / 86400
    }

    static func digits(_ s: Substring) -> Int? {
        guard !s.isEmpty, s.count <= 9, s.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(s)
    }

    /// The serial number of a valid date from 1900-01-01 to 9999-12-31, with Excel's 1900-02-29.
    static func serial(year: Int, month: Int, day: Int) -> Double? {
        guard (1900...9999).contains(year), (1...12).contains(month), day >= 1 else { return nil }
        if year == 1900 && month == 2 && day == 29 { return 60 }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day <= lengths[month - 1] else { return nil }
        return ExcelDate.serial(year: year, month: month, day: day)
    }
}
