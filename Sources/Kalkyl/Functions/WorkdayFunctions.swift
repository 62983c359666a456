/// Working days: NETWORKDAYS counts them between two dates, WORKDAY steps a number of them
/// from a date; both skip Saturdays, Sundays and the holidays given. NETWORKDAYS_SE and
/// WORKDAY_SE are Kalkyl's: the same with Sweden's public holidays and the eves that are not
/// working days (see `SwedishCalendar`), so a personnel model need not type them in.
///
/// Dates are truncated; outside 0 … 9999-12-31 they are #NUM!. Holidays may be a range over a
/// dimension or periods, or one date; empty cells are skipped, text that is no date is
/// #VALUE!, and a holiday on a weekend changes nothing.
enum WorkdayFunctions {
    static let table: [FunctionSpec] = [
        FunctionSpec("NETWORKDAYS", [.number("start_date"), .number("end_date"), .array("holidays").optional()]) { args in
            workdays(args) { start, end, holidays in networkDays(start, end, holidays) }
        }.with(units: .anyUnit),
        FunctionSpec("WORKDAY", [.number("start_date"), .number("days"), .array("holidays").optional()]) { args in
            workdays(args) { start, days, holidays in workday(start, days, holidays) }
        }.with(units: .date),
        FunctionSpec("NETWORKDAYS_SE", [.number("start_date"), .number("end_date")],
                     excel: .expression { _ in ExcelExpression(["NETWORKDAYS(", .arg(0), ",", .arg(1), ",\(SwedishHolidayList.list.name))"]) }) { args in
            workdays(args) { start, end, _ in networkDays(start, end, SwedishHolidayList.serials) }
        }.with(SwedishHolidayList.list).with(units: .anyUnit),
        FunctionSpec("WORKDAY_SE", [.number("start_date"), .number("days")],
                     excel: .expression { _ in ExcelExpression(["WORKDAY(", .arg(0), ",", .arg(1), ",\(SwedishHolidayList.list.name))"]) }) { args in
            workdays(args) { start, days, _ in workday(start, days, SwedishHolidayList.serials) }
        }.with(SwedishHolidayList.list).with(units: .date),
    ]

    /// Reads the start date, the second number (end date or days) and the holidays, in that
    /// order, the first error winning; the holidays as sorted distinct weekdays. A date is
    /// checked before its fraction is dropped, as every date of the calendar is
    /// (`ExcelCalendar.civil`): −0.2 is before 1900-01-00, #NUM!, not day 0.
    static func workdays(_ args: [Argument], _ f: (Int, Double, [Int]) -> Value) -> Value {
        var x: [Double] = []
        for arg in args.prefix(2) {
            switch ArgumentRules.number(arg) {
            case .success(let n): x.append(n)
            case .failure(let e): return .error(e)
            }
        }
        guard isDate(x[0]) else { return .error(.num) }
        var holidays = Set<Int>()
        if args.count > 2 {
            for v in ArgumentRules.flattened([args[2]]) {
                switch v {
                case .blank: continue
                case .error(let e): return .error(e)
                case .bool: return .error(.value)
                case .number, .text:
                    switch Coerce.number(v) {
                    case .success(let d):
                        guard (0...Double(ExcelCalendar.maxSerial)).contains(d) else { return .error(.num) }
                        let day = Int(d)
                        if isWeekday(day) { holidays.insert(day) }
                    case .failure(let e): return .error(e)
                    }
                }
            }
        }
        return f(Int(x[0]), x[1], holidays.sorted())
    }

    /// A serial of the calendar: 0 (1900-01-00) to 9999-12-31, its fraction a time of that day.
    static func isDate(_ serial: Double) -> Bool {
        serial >= 0 && serial.rounded(.towardZero) <= Double(ExcelCalendar.maxSerial)
    }

    /// Excel's serial 0 is a Saturday and 1 a Sunday.
    static func isWeekday(_ serial: Int) -> Bool { serial % 7 >= 2 }

    /// Weekdays among the serials 0 ..< n.
    static func weekdaysBefore(_ n: Int) -> Int { n / 7 * 5 + max(0, n % 7 - 2) }

    /// Holidays (sorted weekdays) within lo ... hi.
    static func count(_ holidays: [Int], in lo: Int, _ hi: Int) -> Int {
        guard lo <= hi else { return 0 }
        return firstIndex(holidays, atLeast: hi + 1) - firstIndex(holidays, atLeast: lo)
    }

    static func firstIndex(_ sorted: [Int], atLeast x: Int) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// NETWORKDAYS: both ends counted; negative when the end comes first.
    static func networkDays(_ start: Int, _ endValue: Double, _ holidays: [Int]) -> Value {
        guard isDate(endValue) else { return .error(.num) }
        let end = Int(endValue)
        let lo = min(start, end), hi = max(start, end)
        let n = weekdaysBefore(hi + 1) - weekdaysBefore(lo) - count(holidays, in: lo, hi)
        return .number(Double(start <= end ? n : -n))
    }

    /// WORKDAY: the date `days` working days after start (before it when negative); 0 days is
    /// the start itself, even on a weekend.
    static func workday(_ start: Int, _ daysValue: Double, _ holidays: [Int]) -> Value {
        guard abs(daysValue.rounded(.towardZero)) <= Double(ExcelCalendar.maxSerial) else { return .error(.num) }
        let days = Int(daysValue)
        let step = days < 0 ? -1 : 1
        var current = start
        var remaining = abs(days)
        // Step over working days ignoring holidays, then again over the holidays passed.
        while remaining > 0 {
            let previous = current
            current = weekdays(from: current, remaining, step)
            guard (0...ExcelCalendar.maxSerial).contains(current) else { return .error(.num) }
            remaining = step > 0 ? count(holidays, in: previous + 1, current) : count(holidays, in: current, previous - 1)
        }
        return .number(Double(current))
    }

    /// The weekday `n` weekdays (n > 0) from `from` in direction `step`.
    static func weekdays(from: Int, _ n: Int, _ step: Int) -> Int {
        // Seven days always hold five weekdays.
        let weeks = (n - 1) / 5
        var current = from + weeks * 7 * step
        var remaining = n - weeks * 5
        while remaining > 0 {
            current += step
            if current < 0 { return current }
            if isWeekday(current) { remaining -= 1 }
        }
        return current
    }
}

/// Sweden's non-working weekdays as Excel serials, for NETWORKDAYS_SE and WORKDAY_SE and for
/// the list the workbook holds so that those cells recalculate alike.
///
/// The years are 1900–2199, each with today's holidays (the 1989 law as amended in 2005, when
/// the national day replaced Whit Monday): a model with dates outside them gets Saturdays and
/// Sundays only, in Kalkyl and in the workbook.
enum SwedishHolidayList {
    static let years = 1900...2199

    /// Sorted, weekdays only, each day once: two holidays on one day (Ascension Day on the
    /// first of May, as in 1913) are one day off. `count` counts the list's entries, so a day
    /// listed twice made WORKDAY_SE step one day too far (found by the differential test).
    static let serials: [Int] = Set(years.flatMap { year in
        SwedishCalendar.holidays(in: year).map { Int(ExcelDate.serial(year: year, month: $0.month, day: $0.day)) }
    }).filter(WorkdayFunctions.isWeekday).sorted()

    static let list = WorkbookList(
        name: "Helgdagar_SE", sheet: "Helgdagar",
        title: "Svenska helgdagar och aftnar som inte är arbetsdagar, måndag–fredag, \(years.lowerBound)–\(years.upperBound)",
        values: { serials.map(Double.init) })
}
