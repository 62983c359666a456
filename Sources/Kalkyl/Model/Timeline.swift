/// A point on a timeline: a month (`2021-04`) or a year (`2021`).
public enum Period {
    public static func label(year: Int, month: Int) -> String {
        let y = String(year)
        let m = month < 10 ? "0\(month)" : String(month)
        return "\(String(repeating: "0", count: max(0, 4 - y.count)))\(y)-\(m)"
    }
}

/// A part of the fiscal year that figures are reported and accumulated by: the year, its
/// tertials (four months: T1 is January–April in a calendar year) and its quarters.
public enum PeriodGroup: String, Sendable, Hashable, CaseIterable {
    case year, tertial, quarter

    public var months: Int {
        switch self {
        case .year: 12
        case .tertial: 4
        case .quarter: 3
        }
    }
}

/// The period axis of a model: `timeline monthly 2021-01 .. 2021-12` or `timeline yearly 2019 .. 2023`.
public struct Timeline: Sendable, Hashable {
    public enum Granularity: String, Sendable, Hashable { case monthly, yearly }

    public internal(set) var granularity: Granularity
    /// Absolute index of the first period: `year * 12 + month - 1` for months, the year for years.
    public internal(set) var first: Int
    public internal(set) var count: Int
    /// The month a fiscal year starts in, 1–12; Swedish regions use the calendar year.
    public internal(set) var fiscalYearStart: Int

    public init(granularity: Granularity, first: Int, count: Int, fiscalYearStart: Int = 1) {
        self.granularity = granularity
        self.first = first
        self.count = count
        self.fiscalYearStart = fiscalYearStart
    }

    /// The name of the axis inside formulas: `month` or `year`.
    public var axisName: String { granularity == .monthly ? "month" : "year" }

    public var labels: [String] { (0..<count).map(label) }

    public func label(_ index: Int) -> String {
        let absolute = first + index
        switch granularity {
        case .monthly: return Period.label(year: absolute / 12, month: absolute % 12 + 1)
        case .yearly: return String(absolute)
        }
    }

    /// The index of a period written as `label(_:)` writes it, also off the timeline (negative
    /// before it); nil for text that is no such label.
    public func index(ofLabel text: String) -> Int? {
        switch granularity {
        case .yearly:
            return Int(text).map { $0 - first }
        case .monthly:
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month) else { return nil }
            return year * 12 + month - 1 - first
        }
    }

    /// The index on this timeline of an absolute period, or nil when outside it.
    public func index(ofAbsolute absolute: Int) -> Int? {
        let i = absolute - first
        return (0..<count).contains(i) ? i : nil
    }

    /// The index of the first period of the fiscal year that `index` lies in (clamped to the timeline).
    public func fiscalYearStartIndex(of index: Int) -> Int { startIndex(of: index, in: .year) }

    /// The index of the first period of the fiscal year's tertial, quarter or the year itself
    /// that `index` lies in (clamped to the timeline). On a yearly timeline, the period itself.
    public func startIndex(of index: Int, in group: PeriodGroup) -> Int {
        guard granularity == .monthly else { return index }
        let monthOfYear = (first + index) % 12 + 1
        let back = (monthOfYear - fiscalYearStart + 12) % 12 % group.months
        return max(0, index - back)
    }

    /// The label of the month whose first day is this Excel date, if it is one.
    public func periodLabel(ofSerial serial: Double) -> String? {
        guard granularity == .monthly, serial == serial.rounded() else { return nil }
        var low = 0, high = 12 * 10_000
        while low < high {   // months since year 0, found by bisection on their first days
            let mid = (low + high) / 2
            if ExcelDate.serial(year: mid / 12, month: mid % 12 + 1, day: 1) < serial { low = mid + 1 } else { high = mid }
        }
        guard ExcelDate.serial(year: low / 12, month: low % 12 + 1, day: 1) == serial else { return nil }
        return Period.label(year: low / 12, month: low % 12 + 1)
    }

    /// The value a period has in a formula: the Excel serial date of its first day for a month
    /// (so `month >= 2021-04` compares as Excel would), the year number for a year.
    public func serial(ofAbsolute absolute: Int) -> Double {
        switch granularity {
        case .monthly: return ExcelDate.serial(year: absolute / 12, month: absolute % 12 + 1, day: 1)
        case .yearly: return Double(absolute)
        }
    }
}

/// Excel's 1900 date system (with its phantom 1900-02-29).
public enum ExcelDate {
    public static func serial(year: Int, month: Int, day: Int) -> Double {
        // Days from 1899-12-31 by the proleptic Gregorian calendar, plus Excel's leap-day bug.
        func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
            let y = m <= 2 ? y0 - 1 : y0
            let era = (y >= 0 ? y : y - 399) / 400
            let yoe = y - era * 400
            let mp = (m + 9) % 12
            let doy = (153 * mp + 2) / 5 + d - 1
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
            return era * 146097 + doe - 719468
        }
        let days = daysFromCivil(year, month, day) - daysFromCivil(1899, 12, 31)
        return Double(days >= 60 ? days + 1 : days)
    }
}
