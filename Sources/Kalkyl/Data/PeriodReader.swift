/// A month or a year read from a data file.
enum DataPeriod: Sendable, Hashable {
    case month(year: Int, month: Int)
    case year(Int)

    /// The absolute index a `Timeline` uses: `year * 12 + month - 1` for a month, the year for a year.
    var absolute: Int {
        switch self {
        case .month(let y, let m): y * 12 + m - 1
        case .year(let y): y
        }
    }

    var granularity: Timeline.Granularity {
        if case .year = self { return .yearly }
        return .monthly
    }

    /// As the model language writes it: `2021-04` or `2021`.
    var label: String {
        switch self {
        case .month(let y, let m): Period.label(year: y, month: m)
        case .year(let y): String(y)
        }
    }
}

/// Reads the periods ERP exports write: `2021-04`, `202104` (Raindance, Unit4 and SIE
/// periods), a date inside the month `2021-04-01` … `2021-04-30` or `20210430` (ledger
/// dates), and a year `2021` for yearly data.
enum PeriodReader {
    /// The period in `text` (surrounding spaces ignored), or why it is not one.
    static func read(_ text: some StringProtocol) throws(PeriodProblem) -> DataPeriod {
        let original = String(text)
        let s = Array(original.trimmedOfPadding.utf8)
        guard let form = Form(s) else { throw .notAPeriod(original) }
        func number(_ from: Int, _ count: Int) -> Int { s[from..<(from + count)].reduce(0) { $0 * 10 + Int($1 - 48) } }
        let year = number(0, 4)
        guard form != .year else { return .year(year) }
        let month = number(form.monthOffset, 2)
        guard (1...12).contains(month) else { throw .noSuchMonth(original, month) }
        if let dayOffset = form.dayOffset, !(1...daysIn(year: year, month: month)).contains(number(dayOffset, 2)) {
            throw .noSuchDay(original)
        }
        return .month(year: year, month: month)
    }

    /// Whether a header cell is written like a period (digits in one of the shapes above), so
    /// that `202113` is reported as a bad month rather than taken for a column name.
    static func looksLikePeriod(_ text: some StringProtocol) -> Bool {
        Form(Array(text.trimmedOfPadding.utf8)) != nil
    }

    /// The shapes a period is written in: `2021`, `202104`, `2021-04`, `20210430`, `2021-04-30`.
    private enum Form {
        case year, compactMonth, month, compactDate, date

        init?(_ s: [UInt8]) {
            func digits(_ range: Range<Int>) -> Bool { s[range].allSatisfy { (48...57).contains($0) } }
            let dash = UInt8(ascii: "-")
            switch s.count {
            case 4 where digits(0..<4): self = .year
            case 6 where digits(0..<6): self = .compactMonth
            case 7 where digits(0..<4) && s[4] == dash && digits(5..<7): self = .month
            case 8 where digits(0..<8): self = .compactDate
            case 10 where digits(0..<4) && s[4] == dash && digits(5..<7) && s[7] == dash && digits(8..<10): self = .date
            default: return nil
            }
        }

        var monthOffset: Int { self == .compactMonth || self == .compactDate ? 4 : 5 }
        var dayOffset: Int? {
            switch self {
            case .compactDate: 6
            case .date: 8
            default: nil
            }
        }
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
enum PeriodProblem: Error, Sendable, Equatable {
    case notAPeriod(String)
    case noSuchMonth(String, Int)
    case noSuchDay(String)

    var message: String {
        switch self {
        case .notAPeriod(let s): "'\(s)' is not a period"
        case .noSuchMonth(let s, let m): "'\(s)' is not a period: there is no month \(m)"
        case .noSuchDay(let s): "'\(s)' is not a date"
        }
    }

    var hint: String? {
        if case .notAPeriod = self { return "write a month as 2021-04 or 202104, a date as 2021-04-30, a year as 2021" }
        return nil
    }
}

extension StringProtocol {
    /// Without the spaces and tabs exports pad cells with (including no-break spaces).
    var trimmedOfPadding: String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return "" }
        if !first.isPadding, !last.isPadding { return String(self) }
        guard let from = scalars.firstIndex(where: { !$0.isPadding }),
              let to = scalars.lastIndex(where: { !$0.isPadding }) else { return "" }
        return String(String.UnicodeScalarView(scalars[from...to]))
    }
}

extension Unicode.Scalar {
    /// A space or tab around a cell: plain, no-break, narrow no-break, thin and figure space.
    var isPadding: Bool {
        switch value {
        case 0x20, 0x09, 0xA0, 0x202F, 0x2009, 0x2007: true
        default: false
        }
    }
}
