/// Swedish working days, in one place for everything that counts them (periodisation by
/// working days, NETWORKDAYS with Swedish holidays).
///
/// A working day is a Monday to Friday that is not a public holiday under the law on public
/// holidays (lagen (1989:253) om allmänna helgdagar: nyårsdagen, trettondedag jul, långfredagen,
/// annandag påsk, första maj, Kristi himmelsfärdsdag, nationaldagen, juldagen, annandag jul;
/// påskdagen, pingstdagen, midsommardagen and alla helgons dag always fall on a weekend) nor
/// one of the three eves that are not working days in practice and not bank days:
/// midsommarafton, julafton and nyårsafton.
enum SwedishCalendar {
    /// The days that are not working days although they may fall on a weekday, as
    /// (month, day) in `year`.
    static func holidays(in year: Int) -> [(month: Int, day: Int)] {
        let easter = easterSunday(year)
        func fromEaster(_ offset: Int) -> (month: Int, day: Int) { date(dayOfYear: dayOfYear(easter.month, easter.day, year) + offset, year) }
        // Midsommarafton: the Friday between 19 and 25 June.
        let midsummerEve = (19...25).first { weekday(year, 6, $0) == 5 }!
        return [(1, 1), (1, 6), fromEaster(-2), fromEaster(1), (5, 1), fromEaster(39), (6, 6), (6, midsummerEve),
                (12, 24), (12, 25), (12, 26), (12, 31)]
    }

    /// Working days in a month: Monday to Friday, less the holidays that fall on them.
    static func workingDays(year: Int, month: Int) -> Int {
        let off = Set(holidays(in: year).filter { $0.month == month }.map(\.day))
        return (1...daysIn(year: year, month: month)).count { day in
            let w = weekday(year, month, day)
            return w >= 1 && w <= 5 && !off.contains(day)
        }
    }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    /// 1 Monday … 7 Sunday (Zeller's congruence, Gregorian calendar).
    static func weekday(_ year: Int, _ month: Int, _ day: Int) -> Int {
        var y = year, m = month
        if m < 3 { m += 12; y -= 1 }
        let h = (day + (13 * (m + 1)) / 5 + y + y / 4 - y / 100 + y / 400) % 7   // 0 Saturday … 6 Friday
        return (h + 5) % 7 + 1
    }

    /// Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm).
    static func easterSunday(_ y: Int) -> (month: Int, day: Int) {
        let a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
        return (month, day)
    }

    private static func dayOfYear(_ month: Int, _ day: Int, _ year: Int) -> Int {
        (1..<month).reduce(0) { $0 + daysIn(year: year, month: $1) } + day
    }

    private static func date(dayOfYear: Int, _ year: Int) -> (month: Int, day: Int) {
        var rest = dayOfYear
        for month in 1...12 {
            let n = daysIn(year: year, month: month)
            if rest <= n { return (month, rest) }
            rest -= n
        }
        return (12, 31)
    }
}
