/// A column of dates is read as months, each the serial of its first day (`ColumnKind.period`),
/// so that `month >= start` counts the month a person starts in. A date in the middle of a month
/// (`2021-06-15`, a hire date) lost its day without a word: `DAY(start)` was 1 and a first
/// month's pay pro rata was the whole month's (red team, session 18, hunt18/t03). So did a date
/// on the last day of its month among first days (`2021-12-31` beside `2021-06-01`: a hire on
/// New Year's Eve paid the whole of December; hunt18's residuals). A date on the 1st is the
/// month; a column whose every date is its month's last day (`2021-01-31`, `2021-06-30`: end
/// months as HR systems write them) is a period-end convention, and is read so silently.
extension DataTable {
    /// The first filled cell of `column` whose day is lost when it is read as its month, with
    /// that day: a date inside a month (neither its first nor its last day), or, when there is
    /// none, the first month's last day in a column that also has a first day. Nil when every
    /// date is a 1st, or every date is a month's last day.
    func dateInsideAMonth(_ column: Int, keys: RowKeys) -> (row: Int, day: Int, isMonthEnd: Bool)? {
        var firstMonthEnd: (row: Int, day: Int, isMonthEnd: Bool)?
        var anyFirstDay = false
        for row in 0..<rowCount where !keys.isBlankRow(row) && !isBlank(row, column) {
            let text = Array(trimmedText(row, column).utf8)
            guard text.count == 10, text[4] == UInt8(ascii: "-"), text[7] == UInt8(ascii: "-"),
                  let year = Self.digits(text[0..<4]), let month = Self.digits(text[5..<7]), let day = Self.digits(text[8..<10]),
                  (1...12).contains(month) else { continue }
            if day == 1 {
                anyFirstDay = true
            } else if day == Self.days(year: year, month: month) {
                firstMonthEnd = firstMonthEnd ?? (row, day, true)
            } else {
                return (row, day, false)
            }
        }
        return anyFirstDay ? firstMonthEnd : nil
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
    static func datesReadAsMonths(_ text: String, day: Int, isMonthEnd: Bool = false, column: String, at location: SourceLocation) -> Diagnostic {
        let month = String(text.prefix(7))
        // A month's last day among first days: say what is read silently.
        let convention = isMonthEnd ? " (a column whose dates are all month-ends is read as months without a word)" : ""
        return Diagnostic(.warning, "'\(text)' is read as the month \(month): the column '\(column)' holds dates, read as months (each its first day), so the day \(day) is not kept",
                          at: location, hint: "if the month is meant, write \(month)\(convention); a day a formula needs (DAY, DAYS, a part of a month's pay) goes in a column of numbers of its own",
                          code: .datesReadAsMonths)
    }
}
