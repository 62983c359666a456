import Kalkyl

/// The columns every model sheet shares (Inputs, Calc, Checks, Comparison), so that a period
/// is the same column on every sheet:
///
///     A label · B name · C member (only when the model has dimensions) · unit · value · periods… · totals… · model formula
///
/// The value column holds what has no periods (a scalar, or a scalar per member); each period
/// is a column, headed by its date; monthly timelines add a total per tertial and per year.
struct Grid {
    let timeline: Timeline
    let label = 0
    let name = 1
    let member: Int?
    let unit: Int
    let value: Int
    let firstPeriod: Int
    let periodCount: Int
    /// The tertial and year totals after the periods (empty for a yearly timeline).
    let totals: [TotalGroup]
    /// The model's own formula, as text, after the totals.
    let source: Int

    /// Row 1 the sheet's title, row 2 a note, row 3 the header; data starts on row 4.
    static let titleRow = 0
    static let noteRow = 1
    static let headerRow = 2
    static let firstDataRow = 3

    /// Column letters of the periods, made once: formulas are printed a million times.
    let periodColumnNames: [String]
    /// The same as bytes, one after another: `columnBytes[columnStart[q] ..< columnStart[q + 1]]`.
    private let columnBytes: [UInt8]
    private let columnStart: [Int]
    /// For each period, the first period of its fiscal year on the timeline (for YTD).
    let fiscalYearStart: [Int]

    init(model: CheckedModel) {
        timeline = model.timeline
        let hasDimensions = model.definitions.contains { !$0.dimensions.isEmpty }
        member = hasDimensions ? 2 : nil
        unit = hasDimensions ? 3 : 2
        value = unit + 1
        let first = value + 1
        firstPeriod = first
        periodCount = timeline.count
        totals = timeline.granularity == .monthly ? TotalGroup.groups(of: timeline) : []
        source = firstPeriod + periodCount + totals.count
        let names = (0..<timeline.count).map { XLSXAddress.columnName(first + $0) }
        periodColumnNames = names
        var bytes: [UInt8] = []
        var starts: [Int] = []
        for name in names {
            starts.append(bytes.count)
            bytes += Array(name.utf8)
        }
        starts.append(bytes.count)
        columnBytes = bytes
        columnStart = starts
        let axis = timeline
        fiscalYearStart = (0..<axis.count).map { axis.fiscalYearStartIndex(of: $0) }
    }

    func periodColumn(_ p: Int) -> Int { firstPeriod + p }

    /// Appends the letters of period q's column, after a `$` when absolute.
    @inline(__always)
    func appendColumn(_ q: Int, absolute: Bool, to out: inout [UInt8]) {
        if absolute { out.append(UInt8(ascii: "$")) }
        columnBytes.withUnsafeBufferPointer { bytes in
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[columnStart[q]..<columnStart[q + 1]]))
        }
    }
    /// The model-formula column: after the totals, or right after the periods on a sheet without them.
    func sourceColumn(withTotals: Bool) -> Int { withTotals ? source : firstPeriod + periodCount }
    func totalColumn(_ k: Int) -> Int { firstPeriod + periodCount + k }
    var lastColumn: Int { source }
}

/// A tertial or a (fiscal) year of a monthly timeline, for the totals columns.
struct TotalGroup {
    /// `T1 2021`, `2021`, or `2021/22` for a fiscal year that does not start in January.
    var title: String
    var periods: ClosedRange<Int>
    var isYear: Bool
    /// Fewer periods than a full tertial or year: the timeline starts or ends inside it.
    var isPartial: Bool

    /// Per fiscal year on the timeline: its tertials that have periods, then the year.
    static func groups(of timeline: Timeline) -> [TotalGroup] {
        guard timeline.granularity == .monthly, timeline.count > 0 else { return [] }
        var groups: [TotalGroup] = []
        var p = 0
        while p < timeline.count {
            let yearStart = timeline.fiscalYearStartIndex(of: p)
            // The absolute month the fiscal year starts in, even before the timeline does.
            let absolute = timeline.first + p
            let monthOfYear = absolute % 12 + 1
            let back = (monthOfYear - timeline.fiscalYearStart + 12) % 12
            let yearFirstAbsolute = absolute - back
            let yearLast = min(timeline.count - 1, yearFirstAbsolute + 11 - timeline.first)
            let year = yearFirstAbsolute / 12
            let yearTitle = timeline.fiscalYearStart == 1 ? String(year) : "\(year)/\(String(format2(year + 1)))"
            for t in 0..<3 {
                let firstAbsolute = yearFirstAbsolute + 4 * t
                let from = max(yearStart, firstAbsolute - timeline.first)
                let to = min(yearLast, firstAbsolute + 3 - timeline.first)
                guard from <= to else { continue }
                groups.append(TotalGroup(title: "T\(t + 1) \(yearTitle)", periods: from...to, isYear: false, isPartial: to - from + 1 < 4))
            }
            groups.append(TotalGroup(title: yearTitle, periods: yearStart...yearLast, isYear: true, isPartial: yearLast - yearStart + 1 < 12))
            p = yearLast + 1
        }
        return groups
    }

    private static func format2(_ year: Int) -> String {
        let r = year % 100
        return r < 10 ? "0\(r)" : String(r)
    }
}
