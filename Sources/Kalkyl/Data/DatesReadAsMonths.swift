/// A column of dates is read as months, each the serial of its first day (`ColumnKind.period`),
/// so that `month >= start` counts the month a person starts in. A date in the middle of a month
/// (`2021-06-15`, a hire date) lost its day without a word: `DAY(start)` was 1 and a first
/// month's pay pro rata was the whole month's (red team, session 18, hunt18/t03). The first or
/// last day of a month (`2021-06-01`, `2021-01-31`, an end month as HR systems write it) is the
/// month, and is read so silently.
extension DataTable {
    /// The first filled cell of `column` written as a date with a day other than its month's
    /// first or last, with that day.
    func dateInsideAMonth(_ column: Int, keys: RowKeys) -> (row: Int, day: Int)? {
        for row in 0..<rowCount where !keys.isBlankRow(row) && !isBlank(row, column) {
            let text = Array(trimmedText(row, column).utf8)
            guard text.count == 10, text[4] == UInt8(ascii: "-"), text[7] == UInt8(ascii: "-"),
                  let year = Self.digits(text[0..<4]), let month = Self.digits(text[5..<7]), let day = Self.digits(text[8..<10]),
                  (1...12).contains(month) else { continue }
            if day > 1 && day < Self.days(year: year, month: month) { return (row, day) }
        }
        return nil
    }

    private static func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for b in bytes {
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(b - UInt8(ascii: "0"))
        }
        return value
    }

    /// The number of days of a month of the Gregorian calendar.
    static func days(year: Int, month: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension Diagnostic {
    /// The warning for `DataTable.dateInsideAMonth`.
    static func datesReadAsMonths(_ text: String, day: Int, column: String, at location: SourceLocation) -> Diagnostic {
        let month = String(text.prefix(7))
        return Diagnostic(.warning, "'\(text)' is read as the month \(month): the column '\(column)' holds dates, read as months (each its first day), so the day \(day) is not kept",
                          at: location, hint: "if the month is meant, write \(month); a day a formula needs (DAY, DAYS, a part of a month's pay) goes in a column of numbers of its own",
                          code: .datesReadAsMonths)
    }
}
