/// Counting days between dates: DAYS, DAYS360, YEARFRAC, and DATEVALUE, which reads a date
/// written as text.
///
/// Dates are Excel serials (see `DateFunctions`), read as numbers: text that reads as a date
/// counts, TRUE is 1, an empty cell 0, and the first error wins. A date outside 0 … 9999-12-31
/// is #NUM!.
enum DayCountFunctions {
    static let table: [FunctionSpec] = [
        // DAYS(end_date, start_date): whole days from start to end, negative when end is earlier.
        FunctionSpec("DAYS", [.number("end_date"), .number("start_date")], excel: .stored("_xlfn.DAYS")) { args in
            serials(args, count: 2) { d in .number(Double(d[0] - d[1])) }
        }.with(units: .anyUnit),
        FunctionSpec("DAYS360", [.number("start_date"), .number("end_date"), .value("method").optional(.bool(false))]) { args in
            serials(args, count: 2, nearestSecond: true) { d in
                switch Coerce.bool(args[2].scalar) {
                case .success(let european): .number(Double(days360(d[0], d[1], european: european)))
                case .failure(let e): .error(e)
                }
            }
        }.with(units: .anyUnit),
        FunctionSpec("YEARFRAC", [.number("start_date"), .number("end_date"), .number("basis").optional(.number(0))]) { args in
            var basis = 0.0
            switch ArgumentRules.number(args[2]) {
            case .success(let b): basis = b.rounded(.towardZero)
            case .failure(let e): return .error(e)
            }
            return serials(args, count: 2) { d in
                guard (0...4).contains(basis) else { return .error(.num) }
                return ExcelMath.finite(yearFraction(min(d[0], d[1]), max(d[0], d[1]), basis: Int(basis)))
            }
        }.with(units: .anyUnit),
        // DATEVALUE(date_text): the date a text names, its time dropped. A number is #VALUE!.
        FunctionSpec("DATEVALUE", [.value("date_text")]) { args in
            switch args[0].scalar {
            case .error(let e): return .error(e)
            case .text(let s):
                guard let serial = ExcelDateText.parse(s) else { return .error(.value) }
                return .number(serial.rounded(.down))
            default: return .error(.value)
            }
        }.with(units: .date),
    ]

    /// The first `count` arguments as whole-day serials (truncated, or to the nearest second
    /// first as Excel's date parts are), then `f`; #NUM! for a date outside Excel's.
    static func serials(_ args: [Argument], count: Int, nearestSecond: Bool = false, _ f: ([Int]) -> Value) -> Value {
        // Every argument's error before any date's range: DAYS360(-1, 1/0) is #DIV/0!, not
        // #NUM! (found by the differential test; LibreOffice and Excel read the arguments first).
        var numbers: [Double] = []
        for arg in args.prefix(count) {
            switch ArgumentRules.number(arg) {
            case .success(let x): numbers.append(x)
            case .failure(let e): return .error(e)
            }
        }
        var days: [Int] = []
        for x in numbers {
            let whole = nearestSecond ? (x + 0.5 / 86_400).rounded(.down) : x.rounded(.towardZero)
            guard x >= 0, whole <= Double(ExcelCalendar.maxSerial) else { return .error(.num) }
            days.append(Int(whole))
        }
        return f(days)
    }

    /// DAYS360 as Excel computes it. US (NASD): a start on the last day of its month is the
    /// 30th, and an end on the 31st is the 30th when the start is (Excel does not move an end
    /// on the last of February, unlike the NASD rule). European: every 31st is the 30th.
    static func days360(_ start: Int, _ end: Int, european: Bool) -> Int {
        guard let a = ExcelCalendar.civil(Double(start)), let b = ExcelCalendar.civil(Double(end)) else { return 0 }
        var d1 = a.day, d2 = b.day
        if european {
            d1 = min(d1, 30)
            d2 = min(d2, 30)
        } else {
            if d1 == lastDay(a.year, a.month) { d1 = 30 }
            if d2 == 31 && d1 >= 30 { d2 = 30 }
        }
        let months: Int = (b.year - a.year) * 12 + b.month - a.month
        return months * 30 + d2 - d1
    }

    /// YEARFRAC's fraction of a year from `start` to `end` (start ≤ end) by a day-count basis:
    /// 0 US 30/360, 1 actual/actual, 2 actual/360, 3 actual/365, 4 European 30/360.
    static func yearFraction(_ start: Int, _ end: Int, basis: Int) -> Double {
        guard let a = ExcelCalendar.civil(Double(start)), let b = ExcelCalendar.civil(Double(end)) else { return 0 }
        let actual = Double(end - start)
        switch basis {
        case 1: return actual / actualYearLength(a, b, start: start, end: end)
        case 2: return actual / 360
        case 3: return actual / 365
        default:
            var d1 = a.day, d2 = b.day
            if basis == 4 {
                d1 = min(d1, 30)
                d2 = min(d2, 30)
            } else {
                // US 30/360 as YEARFRAC applies it: the last of February moves to the 30th.
                let startFeb = a.month == 2 && d1 == lastDay(a.year, 2), endFeb = b.month == 2 && d2 == lastDay(b.year, 2)
                if startFeb && endFeb { d2 = 30 }
                if startFeb { d1 = 30 }
                if d2 == 31 && d1 >= 30 { d2 = 30 }
                if d1 == 31 { d1 = 30 }
            }
            let days: Int = (b.year - a.year) * 360 + (b.month - a.month) * 30 + d2 - d1
            return Double(days) / 360
        }
    }

    /// Actual/actual's year: within a year, 366 days when a 29 February lies in the span (or
    /// the dates are in one leap year), else 365; over more, the average length of the
    /// calendar years the span touches.
    static func actualYearLength(_ a: (year: Int, month: Int, day: Int), _ b: (year: Int, month: Int, day: Int),
                                 start: Int, end: Int) -> Double {
        let withinAYear = a.year == b.year
            || (b.year == a.year + 1 && (a.month > b.month || (a.month == b.month && a.day >= b.day)))
        if withinAYear {
            if a.year == b.year { return isLeap(a.year) ? 366 : 365 }
            let spansLeapDay = (isLeap(a.year) && a.month <= 2) || (isLeap(b.year) && (b.month > 2 || (b.month == 2 && b.day == 29)))
            return spansLeapDay ? 366 : 365
        }
        let days = ExcelCalendar.firstOfMonth(year: b.year + 1, month: 1) - ExcelCalendar.firstOfMonth(year: a.year, month: 1)
        return Double(days) / Double(b.year - a.year + 1)
    }

    /// Excel's calendar: 1900 is a leap year (its phantom 29 February).
    static func isLeap(_ y: Int) -> Bool { y == 1900 || SwedishCalendar.isLeap(y) }

    static func lastDay(_ year: Int, _ month: Int) -> Int {
        month == 2 && year == 1900 ? 29 : SwedishCalendar.daysIn(year: year, month: month)
    }
}
