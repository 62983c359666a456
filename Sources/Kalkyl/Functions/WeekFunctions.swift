/// Days of the week and week numbers: WEEKDAY, WEEKNUM and ISOWEEKNUM.
///
/// Excel counts weekdays from its serials, where 1 (1900-01-01) is a Sunday; before March 1900
/// that is a day off the real calendar because of the phantom 1900-02-29, and Kalkyl agrees
/// with Excel there too. A date is truncated; outside 0 … 9999-12-31 it is #NUM!.
enum WeekFunctions {
    static let table: [FunctionSpec] = [
        FunctionSpec("WEEKDAY", [.number("serial_number"), .number("return_type").optional(.number(1))]) { args in
            dateAndType(args) { serial, type in
                // The day the week starts on (0 Saturday, 1 Sunday, 2 Monday … as serial % 7) and the first number.
                let start: (day: Int, first: Int)
                switch type {
                case 1, 17: start = (1, 1)
                case 2, 11: start = (2, 1)
                case 3: start = (2, 0)
                case 12...16: start = ((type - 9) % 7, 1)
                default: return .error(.num)
                }
                return .number(Double((serial % 7 - start.day + 7) % 7 + start.first))
            }
        }.with(units: .plainNumber),
        FunctionSpec("WEEKNUM", [.number("serial_number"), .number("return_type").optional(.number(1))]) { args in
            dateAndType(args) { serial, type in
                if type == 21 { return .number(Double(isoWeek(serial))) }
                let weekStart: Int
                switch type {
                case 1, 17: weekStart = 1
                case 2, 11: weekStart = 2
                case 12...16: weekStart = (type - 9) % 7
                default: return .error(.num)
                }
                // Week 1 is the week of 1 January.
                let year = ExcelCalendar.civil(Double(serial))?.year ?? 1900
                let january1 = max(ExcelCalendar.firstOfMonth(year: year, month: 1), 1)
                let offset = (january1 % 7 - weekStart + 7) % 7
                return .number(Double((serial - january1 + offset) / 7 + 1))
            }
        }.with(units: .plainNumber),
        FunctionSpec("ISOWEEKNUM", [.number("date")], excel: .stored("_xlfn.ISOWEEKNUM")) { args in
            dateAndType(args + [.value(.number(1))]) { serial, _ in .number(Double(isoWeek(serial))) }
        }.with(units: .plainNumber),
    ]

    /// The ISO 8601 week: weeks start on Monday, and week 1 holds the year's first Thursday.
    static func isoWeek(_ serial: Int) -> Int {
        let mondayBased = (serial % 7 + 5) % 7          // 0 Monday … 6 Sunday
        let thursday = serial - mondayBased + 3
        // Excel's serial 0 (1900-01-00) lies in the last week of 1899, which had 52.
        guard thursday >= 1, let year = ExcelCalendar.civil(Double(thursday))?.year else { return 52 }
        return (thursday - max(ExcelCalendar.firstOfMonth(year: year, month: 1), 1)) / 7 + 1
    }

    /// The date (truncated, within Excel's dates) and the return type (truncated), then `f`.
    static func dateAndType(_ args: [Argument], _ f: (Int, Int) -> Value) -> Value {
        var x: [Double] = []
        for arg in args {
            switch ArgumentRules.number(arg) {
            case .success(let n): x.append(n)
            case .failure(let e): return .error(e)
            }
        }
        guard x[0] >= 0, x[0] < Double(ExcelCalendar.maxSerial + 1) else { return .error(.num) }
        guard abs(x[1]) < 1e6 else { return .error(.num) }
        return f(Int(x[0]), Int(x[1].rounded(.towardZero)))
    }
}
