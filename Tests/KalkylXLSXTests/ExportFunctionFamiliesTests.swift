import Foundation
import Kalkyl
@testable import KalkylXLSX
import Testing

/// The function families of issue 11 exported to a workbook: LibreOffice 7.4 must recalculate
/// every cell to Kalkyl's value, for numbers, text, booleans and errors. One model per family.
///
/// The models leave out what LibreOffice computes differently from Excel (and Kalkyl): it shows
/// Err:502 where Excel gives #NUM! or #DIV/0! for arguments out of range (CEILING(5, -1),
/// FLOOR(5, 0), DB past the last period), takes TRUE in MROUND, finds RATE(10, -1200, 2000) =
/// 0.594 where Excel's iteration from 0.1 gives #NUM!, and reads CHAR above 127 in its own
/// code page, and writes TEXT(x, "General") with 15 digits where Excel and Kalkyl fit it in a
/// cell's 11 characters. docs/functions.md lists these.
@Suite struct ExportFunctionFamiliesTests {
    static let roundingAndMath = """
        model "Avrundning"
        timeline yearly 2021 .. 2023
        dimension unit = Drift, Nät, Städ
        input amount[unit] = 7.1
        input amount[Nät] = -7.9
        input amount[Städ] = 2.675
        input step = 0.1
        ceiling[unit] = CEILING(amount, IF(amount < 0, -step, step))
        floor[unit] = FLOOR(amount, IF(amount < 0, -step, step))
        ceiling_math[unit] = CEILING.MATH(amount, 0.5, 1)
        floor_math[unit] = FLOOR.MATH(amount, 0.5)
        ceiling_precise[unit] = CEILING.PRECISE(amount, -0.25)
        floor_precise[unit] = FLOOR.PRECISE(amount)
        mround[unit] = MROUND(amount, IF(amount < 0, -0.01, 0.01))
        even[unit] = EVEN(amount)
        odd[unit] = ODD(amount)
        quotient[unit] = QUOTIENT(amount * 100, 3)
        log_two[unit] = LOG(ABS(amount), 2)
        log_ten[unit] = LOG(ABS(amount))
        gcd = GCD(cents[unit], 30)
        cents[unit] = ROUND(ABS(amount) * 100, 0)
        lcm = LCM(4, 6, 10)
        fact = FACT(10)
        combin = COMBIN(40, 7)
        circle = PI() * 2
        natural_log = LN(amount[Drift])
        sumsq = SUMSQ(amount[unit], 2)
        iseven[unit] = ISEVEN(amount * 10)
        isodd[unit] = ISODD(amount * 10)
        iserr = ISERR(NA())
        islogical = ISLOGICAL(amount[Drift] > 0)
        n = N("text") + N(TRUE)
        type_text = TYPE("a")
        type_number = TYPE(amount[Drift])

        """

    static let loansAndDepreciation = """
        model "Lån och avskrivningar"
        timeline yearly 2021 .. 2025
        input loan: kr = 2_000_000
        input interest_rate: % = 4.5%
        input years = 5
        input cost: kr = 600_000
        input salvage: kr = 50_000
        period[year] = year - 2020
        interest[year]: kr = IPMT(interest_rate, period, years, loan)
        principal[year]: kr = PPMT(interest_rate, period, years, loan)
        interest_in_advance[year]: kr = IPMT(interest_rate, period, years, loan, 0, 1)
        straight_line[year]: kr = SLN(cost, salvage, years)
        fixed_declining[year]: kr = DB(cost, salvage, years, period, 7)
        double_declining[year]: kr = DDB(cost, salvage, years, period)
        sum_of_years[year]: kr = SYD(cost, salvage, years, period)
        interest_first_two = CUMIPMT(interest_rate / 12, years * 12, loan, 1, 24, 0)
        principal_first_two = CUMPRINC(interest_rate / 12, years * 12, loan, 1, 24, 1)
        ispmt = ISPMT(interest_rate, 1, years, loan)
        rate = RATE(years * 12, -40_000, loan)
        rri = RRI(years, cost, cost * 1.5)
        pduration = PDURATION(interest_rate, loan, loan * 2)
        effect = EFFECT(interest_rate, 12)
        nominal = NOMINAL(effect, 12)

        """

    static let textPieces = """
        model "Text"
        timeline yearly 2021 .. 2022
        dimension unit = Drift, "Nät och tele", Städ
        input code[unit] = "ab-12-cd"
        input code[Städ] = "  Städ  och   Service "
        left[unit] = LEFT(code, 2)
        right[unit] = RIGHT(code, 3)
        mid[unit] = MID(code, 4, 2)
        len[unit] = LEN(code)
        find[unit] = FIND("-", code)
        search[unit] = SEARCH("c?", code)
        substitute[unit] = SUBSTITUTE(code, "-", "/", 2)
        upper[unit] = UPPER(code)
        lower[unit] = LOWER("ÅÄÖ " & code)
        proper[unit] = PROPER(code)
        trim[unit] = TRIM(code)
        rept[unit] = REPT(LEFT(code, 1), 3)
        exact[unit] = EXACT(code, "ab-12-cd")
        value[unit] = VALUE(MID("x1,234.5%", 2, 8))
        char = CHAR(65) & CHAR(45)
        joined = TEXTJOIN(", ", TRUE, code[unit], "", 2021)
        before[unit] = TEXTBEFORE(code, "-")
        after[unit] = TEXTAFTER(code, "-")
        after_number = TEXTAFTER(2021.5, ".")
        before_error = TEXTBEFORE(1 / 0, "-")
        missing = FIND("z", "abc")

        """

    static let dates = """
        model "Datum"
        timeline monthly 2024-01 .. 2024-12
        dimension person = Anna, Bo, Cecilia
        input hired[person] = DATE(2019, 3, 15)
        input hired[Bo] = DATE(2023, 11, 30)
        input hired[Cecilia] = DATE(2024, 2, 28)
        input shift_start = TIME(7, 30, 0)
        input holidays[person] = DATE(2024, 1, 1)
        input holidays[Bo] = DATE(2024, 5, 1)
        input holidays[Cecilia] = DATE(2024, 6, 6)
        month_end[month] = EOMONTH(month, 0)
        days_in_month[month] = DAYS(month_end, month) + 1
        working_days[month] = NETWORKDAYS(month, month_end, holidays[person])
        working_days_se[month] = NETWORKDAYS_SE(month, month_end)
        first_payday[month] = WORKDAY_SE(DATE(YEAR(month), MONTH(month), 25) + 1, -1)
        tenth_working_day[month] = WORKDAY(month - 1, 10, holidays[person])
        days360[person] = DAYS360(hired, DATE(2024, 12, 31))
        days360_eu[person] = DAYS360(hired, DATE(2024, 12, 31), TRUE)
        years[person] = YEARFRAC(hired, DATE(2024, 12, 31), 1)
        years_us[person] = YEARFRAC(hired, DATE(2024, 12, 31))
        weekday[person] = WEEKDAY(hired, 2)
        weeknum[person] = WEEKNUM(hired, 2)
        isoweek[person] = ISOWEEKNUM(hired)
        hour = HOUR(shift_start)
        minute = MINUTE(shift_start + TIME(0, 45, 30))
        second = SECOND(shift_start + TIME(0, 0, 59))
        datevalue = DATEVALUE("2024-06-30")

        """

    static let statisticsAndCashFlows = """
        model "Statistik och kassaflöden"
        timeline yearly 2021 .. 2025
        dimension unit = Drift, Nät, Städ, Kök, IT
        dimension payment = Start, Första, Andra, Slut
        input salary[unit] = 41_000
        input salary[Nät] = 38_500
        input salary[Städ] = 29_900
        input salary[Kök] = 29_900
        input salary[IT] = 52_300
        input flow[payment] = 4_000
        input flow[Start] = -10_000
        input paid_on[payment] = DATE(2024, 1, 15)
        input paid_on[Första] = DATE(2024, 9, 30)
        input paid_on[Andra] = DATE(2025, 6, 1)
        input paid_on[Slut] = DATE(2026, 3, 31)
        input cash[year] = 300
        input cash[2021] = -1_000
        median = MEDIAN(salary[unit])
        large = LARGE(salary[unit], 2)
        small = SMALL(salary[unit], 1.5)
        p90 = PERCENTILE.INC(salary[unit], 0.9)
        q1 = QUARTILE.INC(salary[unit], 1)
        rank[unit] = RANK.EQ(salary, salary[unit])
        rank_ascending[unit] = RANK.EQ(salary, salary[unit], 1)
        mode = MODE.SNGL(salary[unit])
        var_s = VAR.S(salary[unit])
        var_p = VAR.P(salary[unit])
        stdev_s = STDEV.S(salary[unit])
        stdev_p = STDEV.P(salary[unit])
        averagea = AVERAGEA(salary[unit], TRUE)
        mina = MINA(salary[unit], FALSE)
        maxa = MAXA(salary[unit])
        irr = IRR(cash)
        irr_guess = IRR(cash, -0.5)
        mirr = MIRR(cash, 0.04, 0.06)
        xnpv = XNPV(0.05, flow[payment], paid_on[payment])
        xirr = XIRR(flow[payment], paid_on[payment])

        """

    static let textFormats = """
        model "Textformat"
        timeline yearly 2021 .. 2022
        dimension unit = Drift, Nät, Städ
        input amount[unit] = 1234567.891
        input amount[Nät] = -2.675
        input amount[Städ] = 0
        input day = DATE(2024, 2, 29) + TIME(14, 5, 9)
        plain[unit] = TEXT(amount, "0")
        decimals[unit] = TEXT(amount, "#,##0.00")
        accounting[unit] = TEXT(amount, "#,##0_);(#,##0);\"\"–\"\"")
        thousands[unit] = TEXT(amount, "#,##0,\"\" tkr\"\"")
        percent[unit] = TEXT(amount / 1000000, "0.0%")
        scientific[unit] = TEXT(amount, "0.00E+00")
        padded[unit] = TEXT(ABS(amount), "000000")
        swedish[unit] = TEXT_SV(amount, "#,##0.00")
        swedish_written[unit] = TEXT_SV(amount, "# ##0,00")
        swedish_mkr[unit] = TEXT_SV(amount / 1000000, "0.0\"\" mnkr\"\"")
        iso = TEXT(day, "yyyy-mm-dd")
        long_date = TEXT(day, "dddd d mmmm yyyy")
        clock = TEXT(day, "hh:mm:ss")
        short_time = TEXT(day, "h:mm AM/PM")
        month_label = TEXT(day, "mmm-yy")
        label = TEXT("Drift", "\"\"Enhet: \"\"@")

        """

    func roundTrip(_ model: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let scratch = try Scratch()
        try model.write(toFile: scratch.path("model.kalkyl"), atomically: true, encoding: .utf8)
        let exported = try ExportedModel.make(path: scratch.path("model.kalkyl"), output: scratch.path("model.xlsx"))
        try expectFaithful(exported, sourceLocation: sourceLocation)
    }

    @Test func roundingAndMathRecalculateToKalkylsValues() throws { try roundTrip(Self.roundingAndMath) }
    @Test func loansAndDepreciationRecalculateToKalkylsValues() throws { try roundTrip(Self.loansAndDepreciation) }
    @Test func textPiecesRecalculateToKalkylsValues() throws { try roundTrip(Self.textPieces) }
    @Test func datesRecalculateToKalkylsValues() throws { try roundTrip(Self.dates) }
    @Test func statisticsAndCashFlowsRecalculateToKalkylsValues() throws { try roundTrip(Self.statisticsAndCashFlows) }
    @Test func textFormatsRecalculateToKalkylsValues() throws { try roundTrip(Self.textFormats) }
}
