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

