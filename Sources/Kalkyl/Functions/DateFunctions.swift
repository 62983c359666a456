/// The date functions, on Excel's 1900 date system.
///
/// A date is a serial number: 1 is 1900-01-01, and 60 is the phantom 1900-02-29 that Excel
/// keeps for compatibility with Lotus 1-2-3. Dates run from 0 (shown as 1900-01-00) to
/// 2958465 (9999-12-31); a fraction is a time of day and is dropped. In a series formula a
/// month is the serial of its first day, so `MONTH(month)` is the month's number.
enum DateFunctions {
    static let table: [FunctionSpec] = [
        FunctionSpec("DATE", [.number("year"), .number("month"), .number("day")], date).with(units: .date),
        .dateSerial("YEAR") { d in .number(Double(d.year)) }.with(units: .plainNumber),
        .dateSerial("MONTH") { d in .number(Double(d.month)) }.with(units: .plainNumber),
        .dateSerial("DAY") { d in .number(Double(d.day)) }.with(units: .plainNumber),
        FunctionSpec("EDATE", [.number("start_date"), .number("months")]) { args in
            shifted(args) { year, month, day in
                // The same day of the month, or the month's last day when it is shorter.
                let last = ExcelCalendar.firstOfMonth(year: year, month: month + 1) - ExcelCalendar.firstOfMonth(year: year, month: month)
                return ExcelCalendar.firstOfMonth(year: year, month: month) + min(day, last) - 1
            }
        }.with(units: .date),
        FunctionSpec("EOMONTH", [.number("start_date"), .number("months")]) { args in
            shifted(args) { year, month, _ in ExcelCalendar.firstOfMonth(year: year, month: month + 1) - 1 }
        }.with(units: .date),
    ]

    /// DATE(year, month, day). A year below 1900 is counted from 1900 (DATE(23, 1, 1) is 1923);
    /// months and days outside their range roll over (DATE(2022, 13, 1) is 2023-01-01).
    @Sendable static func date(_ args: [Argument]) -> Value {
        var parts: [Double] = []
        for arg in args {
            switch ArgumentRules.number(arg) {
            case .success(let x): parts.append(x)
            case .failure(let e): return .error(e)
            }
        }
        guard parts.allSatisfy({ abs($0) < 1e9 }) else { return .error(.num) }
        var year = Int(parts[0].rounded(.towardZero))
        guard (0..<10000).contains(year) else { return .error(.num) }
        if year < 1900 { year += 1900 }
        let month = Int(parts[1].rounded(.towardZero)), day = Int(parts[2].rounded(.towardZero))
        // A month that rolls past 9999 is #NUM! even when the days would bring it back.
        guard year * 12 + month - 1 < 10000 * 12 else { return .error(.num) }
        return ExcelCalendar.checked(ExcelCalendar.firstOfMonth(year: year, month: month) + day - 1)
    }

    /// EDATE and EOMONTH: a start date and a number of months, both truncated. Unlike most
    /// functions they refuse TRUE and FALSE (#VALUE!), as Excel does.
    static func shifted(_ args: [Argument], _ target: (_ year: Int, _ month: Int, _ day: Int) -> Int) -> Value {
        var parts: [Double] = []
        for arg in args {
            let v = arg.scalar
            if case .bool = v { return .error(.value) }
            switch Coerce.number(v) {
            case .success(let x): parts.append(x)
            case .failure(let e): return .error(e)
            }
        }
        guard let start = ExcelCalendar.civil(parts[0]) else { return .error(.num) }
        guard abs(parts[1]) < 1e7 else { return .error(.num) }
        let months = Int(parts[1].rounded(.towardZero))
        return ExcelCalendar.checked(target(start.year, start.month + months, start.day))
    }
}

/// Excel's calendar in both directions: serials from years, months and days, and back.
enum ExcelCalendar {
    /// The largest serial Excel accepts: 9999-12-31.
    static let maxSerial = 2_958_465

    /// The serial of the first day of a month; months outside 1...12 roll into other years.
    /// Excel's February 1900 has 29 days, so March 1900 starts at 61.
    static func firstOfMonth(year: Int, month: Int) -> Int {
        let index = year * 12 + (month - 1)
        let y = index >= 0 ? index / 12 : (index - 11) / 12
        return Int(ExcelDate.serial(year: y, month: index - y * 12 + 1, day: 1))
    }

    /// A computed serial as a date value: #NUM! outside 0 ... 9999-12-31.
    static func checked(_ serial: Int) -> Value {
        (0...maxSerial).contains(serial) ? .number(Double(serial)) : .error(.num)
    }

    /// The year, month and day of a serial (its fraction dropped), or nil outside Excel's dates.
    /// Serial 0 is 1900-01-00 and serial 60 is 1900-02-29, as Excel shows them.
    static func civil(_ serial: Double) -> (year: Int, month: Int, day: Int)? {
        guard serial >= 0, serial < Double(maxSerial + 1) else { return nil }
        let s = Int(serial)
        if s == 0 { return (1900, 1, 0) }
        if s == 60 { return (1900, 2, 29) }
        // Days since 1899-12-31, without the phantom day; then Hinnant's civil-from-days,
        // counted from 0000-03-01 (693_900 days earlier).
        let z = (s < 60 ? s : s - 1) + 693_900
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}

extension FunctionSpec {
    /// A function of one date, such as YEAR: #NUM! for a serial outside Excel's dates.
    static func dateSerial(_ name: String,
                           _ f: @escaping @Sendable ((year: Int, month: Int, day: Int)) -> Value) -> FunctionSpec {
        .number(name) { x in ExcelCalendar.civil(x).map(f) ?? .error(.num) }
    }
}
