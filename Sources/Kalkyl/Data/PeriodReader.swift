/// A month or a year read from a data file.
public enum DataPeriod: Sendable, Hashable {
    case month(year: Int, month: Int)
    case year(Int)

    /// The absolute index a `Timeline` uses: `year * 12 + month - 1` for a month, the year for a year.
    public var absolute: Int {
        switch self {
        case .month(let y, let m): y * 12 + m - 1
        case .year(let y): y
        }
    }

    public var granularity: Timeline.Granularity {
        if case .year = self { return .yearly }
        return .monthly
    }

    /// As the model language writes it: `2021-04` or `2021`.
    public var label: String {
        switch self {
        case .month(let y, let m): Period.label(year: y, month: m)
        case .year(let y): String(y)
        }
    }
}

/// Reads the periods ERP exports write: `2021-04`, `202104` (Raindance, Unit4 and SIE
/// periods), a date inside the month `2021-04-01` … `2021-04-30` or `20210430` (ledger
/// dates), and a year `2021` for yearly data.
public enum PeriodReader {
    /// The period in `text` (surrounding spaces ignored), or why it is not one.
    public static func read(_ text: some StringProtocol) throws(PeriodProblem) -> DataPeriod {
        let original = String(text)
        let s = Array(original.trimmedOfPadding.utf8)
        func number(_ range: Range<Int>) -> Int { s[range].reduce(0) { $0 * 10 + Int($1 - 48) } }
        let shape = String(decoding: s.map { (48...57).contains($0) ? UInt8(ascii: "9") : $0 }, as: UTF8.self)
        let year: Int, month: Int
        var day: Int?
        switch shape {
        case "9999":
            return .year(number(0..<4))
        case "9999-99", "999999":
            year = number(0..<4); month = number(shape.count == 7 ? 5..<7 : 4..<6)
        case "9999-99-99", "99999999":
            year = number(0..<4)
            month = number(shape.count == 10 ? 5..<7 : 4..<6)
            day = number(shape.count == 10 ? 8..<10 : 6..<8)
        default:
            throw .notAPeriod(original)
        }
        guard (1...12).contains(month) else { throw .noSuchMonth(original, month) }
        if let day, !(1...daysIn(year: year, month: month)).contains(day) { throw .noSuchDay(original) }
        return .month(year: year, month: month)
    }

    /// Whether a header cell is written like a period (digits in one of the shapes above), so
    /// that `202113` is reported as a bad month rather than taken for a column name.
    public static func looksLikePeriod(_ text: some StringProtocol) -> Bool {
        let s = String(text).trimmedOfPadding
        let shape = String(s.map { $0.isASCII && $0.isNumber ? "9" : $0 })
        return ["9999", "9999-99", "999999", "9999-99-99", "99999999"].contains(shape)
    }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// Why a cell is not a period.
public enum PeriodProblem: Error, Sendable, Equatable {
    case notAPeriod(String)
    case noSuchMonth(String, Int)
    case noSuchDay(String)

    public var message: String {
        switch self {
        case .notAPeriod(let s): "'\(s)' is not a period"
        case .noSuchMonth(let s, let m): "'\(s)' is not a period: there is no month \(m)"
        case .noSuchDay(let s): "'\(s)' is not a date"
        }
    }

    public var hint: String? {
        if case .notAPeriod = self { return "write a month as 2021-04 or 202104, a date as 2021-04-30, a year as 2021" }
        return nil
    }
}

extension StringProtocol {
    /// Without the spaces and tabs exports pad cells with (including no-break spaces).
    var trimmedOfPadding: String {
        var s = Substring(self).unicodeScalars[...]
        NumberReader.trimSpaces(&s)
        return String(String.UnicodeScalarView(s))
    }
}
