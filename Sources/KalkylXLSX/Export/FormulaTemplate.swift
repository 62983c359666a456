import Kalkyl

/// One definition's formula in Excel's syntax, printed once per sheet from the compiled model
/// (`Op`s, every reference resolved to exact cells) and rendered per cell.
///
/// Only references depend on the cell: the column of a period, the row of a member. Everything
/// else is text fixed when the template is made, so rendering a cell is a few appends.
struct FormulaTemplate {
    enum Piece {
        case text(String)
        /// One cell, or `#REF!` when its period is off the timeline.
        case cell(prefix: String, column: ColumnRef, row: RowRef)
        /// The cells of an aggregate, as one or more areas separated by commas.
        case areas(prefix: String, rows: RowsRef, columns: ColumnsRef)
        /// `PREV(x, init)`: the initial value in the first period, the previous period after.
        case firstPeriod([Piece], otherwise: [Piece])
    }

    enum ColumnRef {
        /// A fixed column, as printed: `$E` (the value column) or `$H` (one period: `x[2021-03]`).
        case fixed(String)
        /// The period being computed, shifted: `F` (the same), `E` (`x[month-1]`); relative.
        case period(Int)
    }

    enum RowRef {
        /// One row for every member: `$12`.
        case fixed(Int)
        /// The row of the source member that each member reads: relative.
        case member(first: Int, map: MemberMap)
    }

    enum RowsRef {
        case row(RowRef)
        /// Every listed member, as runs of consecutive rows (absolute).
        case runs([ClosedRange<Int>])
        /// For each member being computed, its own runs of rows.
        case groups([[ClosedRange<Int>]])
    }

    enum ColumnsRef {
        /// The value column of a source without periods, as printed: `$E`.
        case value(String)
        /// One period, shifted from the one being computed (relative).
        case period(Int)
        /// Fixed periods, absolute: `$F:$I`.
        case fixed(ClosedRange<Int>)
        /// From the start of the fiscal year to the period: `$F12:H12`.
        case yearToDate
        /// The last n periods, as many as the timeline has: `F12:H12`.
        case rolling(Int)
    }

    var pieces: [Piece]

    /// Whether a cell's formula is the same text for every period (no period-dependent piece).
    var dependsOnPeriod: Bool {
        func check(_ ps: [Piece]) -> Bool {
            ps.contains { piece in
                switch piece {
                case .text: false
                case .cell(_, let column, _): if case .period = column { true } else { false }
                case .areas(_, _, let columns):
                    switch columns {
                    case .value, .fixed: false
                    default: true
                    }
                case .firstPeriod: true
                }
            }
        }
        return check(pieces)
    }

    /// The formula of one cell: period `p` (0 for a definition without periods), member `m`.
    func render(period p: Int, member m: Int, grid: Grid, into out: inout String) {
        out.append("=")
        Self.render(pieces, period: p, member: m, grid: grid, into: &out)
    }

    func render(period p: Int, member m: Int, grid: Grid) -> String {
        var out = ""
        out.reserveCapacity(96)
        render(period: p, member: m, grid: grid, into: &out)
        return out
    }

    private static func render(_ pieces: [Piece], period p: Int, member m: Int, grid: Grid, into out: inout String) {
        for piece in pieces {
            switch piece {
            case .text(let s):
                out.append(s)
            case .cell(let prefix, let column, let row):
                switch column {
                case .fixed(let c):
                    out.append(prefix)
                    out.append(c)
                case .period(let k):
                    let q = p + k
                    guard q >= 0, q < grid.periodCount else { out.append("#REF!"); continue }
                    out.append(prefix)
                    out.append(grid.periodColumnNames[q])
                }
                appendRow(row, member: m, into: &out)
            case .areas(let prefix, let rows, let columns):
                // The period columns the areas span, or #REF! when they are off the timeline.
                var first: String, last: String
                switch columns {
                case .value(let c):
                    first = c; last = c
                case .period(let k):
                    let q = p + k
                    guard q >= 0, q < grid.periodCount else { out.append("#REF!"); continue }
                    first = grid.periodColumnNames[q]; last = first
                case .fixed(let r):
                    first = "$" + grid.periodColumnNames[r.lowerBound]
                    last = "$" + grid.periodColumnNames[r.upperBound]
                case .yearToDate:
                    first = "$" + grid.periodColumnNames[grid.timeline.fiscalYearStartIndex(of: p)]
                    last = grid.periodColumnNames[p]
                case .rolling(let n):
                    first = grid.periodColumnNames[max(0, p - n + 1)]
                    last = grid.periodColumnNames[p]
                }
                func area(_ top: String, _ bottom: String) {
                    out.append(prefix); out.append(first); out.append(top)
                    if first != last || top != bottom {
                        out.append(":"); out.append(last); out.append(bottom)
                    }
                }
                switch rows {
                case .row(let row):
                    var text = ""
                    appendRow(row, member: m, into: &text)
                    area(text, text)
                case .runs(let runs):
                    for (k, run) in runs.enumerated() {
                        if k > 0 { out.append(",") }
                        area("$\(run.lowerBound + 1)", "$\(run.upperBound + 1)")
                    }
                case .groups(let groups):
                    for (k, run) in groups[m].enumerated() {
                        if k > 0 { out.append(",") }
                        area("$\(run.lowerBound + 1)", "$\(run.upperBound + 1)")
                    }
                }
            case .firstPeriod(let initial, let otherwise):
                render(p == 0 ? initial : otherwise, period: p, member: m, grid: grid, into: &out)
            }
        }
    }

    @inline(__always)
    private static func appendRow(_ row: RowRef, member m: Int, into out: inout String) {
        switch row {
        case .fixed(let r):
            out.append("$")
            out.append(String(r + 1))
        case .member(let first, let map):
            let source: Int
            switch map {
            case .identity: source = m
            case .single(let s): source = s
            case .gather(let indices): source = indices[m]
            }
            out.append(String(first + source + 1))
        }
    }
}
