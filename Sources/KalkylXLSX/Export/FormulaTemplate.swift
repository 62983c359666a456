import Kalkyl

/// One definition's formula in Excel's syntax, printed once per sheet from the compiled model
/// (`Op`s, every reference resolved to exact cells) and rendered per cell.
///
/// Only references depend on the cell: the column of a period, the row of a member. Everything
/// else is fixed when the template is made. Rendering runs a flat program of plain values
/// (no reference counting) that appends bytes: an export renders a formula a million times.
struct FormulaTemplate {
    /// What the compiler builds.
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
        /// From the start of the fiscal year (or its tertial or quarter) to the period: `$F12:H12`;
        /// the first column for each period.
        case toDate([Int])
        /// The last n periods, as many as the timeline has: `F12:H12`.
        case rolling(Int)
    }

    // MARK: - The program

    /// Bytes in `pool`.
    private struct Span { var start: Int32; var count: Int32 }

    private enum Column {
        case fixed(Span)
        case period(Int)
    }

    private enum Row {
        case fixed(Int)
        case identity(first: Int)
        case single(first: Int, member: Int)
        /// Member m reads row `first + gathers[table][m]`.
        case gather(first: Int, table: Int)
    }

    private enum Rows {
        case row(Row)
        /// Absolute runs `runs[table]`.
        case runs(table: Int)
        /// Member m's runs are `groups[table][m]`.
        case groups(table: Int)
    }

    private enum Columns {
        case value(Span)
        case period(Int)
        case fixed(Int, Int)
        /// The first column for period p is `startTables[table][p]`.
        case toDate(table: Int)
        case rolling(Int)
    }

    private enum Instruction {
        case literal(Span)
        case cell(prefix: Span, column: Column, row: Row)
        case areas(prefix: Span, rows: Rows, columns: Columns)
        /// In the first period run the next instructions up to `otherwise`, in the others those
        /// from `otherwise` up to `end`; then go on at `end`.
        case firstPeriod(otherwise: Int, end: Int)
    }

    private var program: [Instruction] = []
    private var pool: [UInt8] = []
    private var gathers: [[Int]] = []
    private var runTables: [[ClosedRange<Int>]] = []
    private var groupTables: [[[ClosedRange<Int>]]] = []
    private var startTables: [[Int]] = []

    init(pieces: [Piece]) {
        lower(pieces)
    }

    private mutating func span(_ text: String) -> Span {
        let start = pool.count
        pool += Array(text.utf8)
        return Span(start: Int32(start), count: Int32(pool.count - start))
    }

    private mutating func row(_ r: RowRef) -> Row {
        switch r {
        case .fixed(let row): return .fixed(row)
        case .member(let first, .identity): return .identity(first: first)
        case .member(let first, .single(let s)): return .single(first: first, member: s)
        case .member(let first, .gather(let indices)):
            gathers.append(indices)
            return .gather(first: first, table: gathers.count - 1)
        }
    }

    private mutating func lower(_ pieces: [Piece]) {
        for piece in pieces {
            switch piece {
            case .text(let s):
                program.append(.literal(span(s)))
            case .cell(let prefix, let column, let r):
                let c: Column
                switch column {
                case .fixed(let name): c = .fixed(span(name))
                case .period(let k): c = .period(k)
                }
                program.append(.cell(prefix: span(prefix), column: c, row: row(r)))
            case .areas(let prefix, let rows, let columns):
                let rs: Rows
                switch rows {
                case .row(let r): rs = .row(row(r))
                case .runs(let runs): runTables.append(runs); rs = .runs(table: runTables.count - 1)
                case .groups(let groups): groupTables.append(groups); rs = .groups(table: groupTables.count - 1)
                }
                let cs: Columns
                switch columns {
                case .value(let name): cs = .value(span(name))
                case .period(let k): cs = .period(k)
                case .fixed(let r): cs = .fixed(r.lowerBound, r.upperBound)
                case .toDate(let starts): startTables.append(starts); cs = .toDate(table: startTables.count - 1)
                case .rolling(let n): cs = .rolling(n)
                }
                program.append(.areas(prefix: span(prefix), rows: rs, columns: cs))
            case .firstPeriod(let initial, let otherwise):
                let at = program.count
                program.append(.firstPeriod(otherwise: 0, end: 0))
                lower(initial)
                let middle = program.count
                lower(otherwise)
                program[at] = .firstPeriod(otherwise: middle, end: program.count)
            }
        }
    }

    // MARK: - Rendering

    /// The formula of one cell, with its `=`: period `p` (0 for a definition without periods),
    /// member `m`, appended to `out`.
    func render(period p: Int, member m: Int, grid: Grid, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "="))
        run(0, program.count, period: p, member: m, grid: grid, into: &out)
    }

    func render(period p: Int, member m: Int, grid: Grid) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(96)
        render(period: p, member: m, grid: grid, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private func run(_ from: Int, _ to: Int, period p: Int, member m: Int, grid: Grid, into out: inout [UInt8]) {
        var i = from
        while i < to {
            switch program[i] {
            case .literal(let s):
                append(s, &out)
            case .cell(let prefix, let column, let r):
                switch column {
                case .fixed(let name):
                    append(prefix, &out)
                    append(name, &out)
                case .period(let k):
                    let q = p + k
                    // Off the timeline: Excel's #REF!, the value Kalkyl gives it.
                    if q < 0 || q >= grid.periodCount { out += Self.ref; i += 1; continue }
                    append(prefix, &out)
                    grid.appendColumn(q, absolute: false, to: &out)
                }
                appendRow(r, member: m, into: &out)
            case .areas(let prefix, let rows, let columns):
                let first: Int, last: Int, firstAbsolute: Bool, lastAbsolute: Bool
                var fixedName: Span? = nil
                switch columns {
                case .value(let name):
                    fixedName = name; first = 0; last = 0; firstAbsolute = true; lastAbsolute = true
                case .period(let k):
                    let q = p + k
                    guard q >= 0, q < grid.periodCount else { out += Self.ref; i += 1; continue }
                    first = q; last = q; firstAbsolute = false; lastAbsolute = false
                case .fixed(let lo, let hi):
                    first = lo; last = hi; firstAbsolute = true; lastAbsolute = true
                case .toDate(let table):
                    first = startTables[table][p]; last = p; firstAbsolute = true; lastAbsolute = false
                case .rolling(let n):
                    // A window the timeline cannot fill is #N/A in Kalkyl: SUM(#N/A) is #N/A in Excel.
                    guard let start = RollingWindow.start(of: p, count: n) else { out += Self.na; i += 1; continue }
                    first = start; last = p; firstAbsolute = false; lastAbsolute = false
                }
                func area(_ top: Row, _ bottom: Row) {
                    append(prefix, &out)
                    if let fixedName { append(fixedName, &out) } else { grid.appendColumn(first, absolute: firstAbsolute, to: &out) }
                    appendRow(top, member: m, into: &out)
                    let sameRow: Bool
                    switch (top, bottom) {
                    case (.fixed(let a), .fixed(let b)): sameRow = a == b
                    default: sameRow = true
                    }
                    let oneCell = fixedName == nil ? first == last && firstAbsolute == lastAbsolute && sameRow : sameRow
                    guard !oneCell else { return }
                    out.append(UInt8(ascii: ":"))
                    if let fixedName { append(fixedName, &out) } else { grid.appendColumn(last, absolute: lastAbsolute, to: &out) }
                    appendRow(bottom, member: m, into: &out)
                }
                switch rows {
                case .row(let r):
                    area(r, r)
                case .runs(let table):
                    for (k, run) in runTables[table].enumerated() {
                        if k > 0 { out.append(UInt8(ascii: ",")) }
                        area(.fixed(run.lowerBound), .fixed(run.upperBound))
                    }
                case .groups(let table):
                    for (k, run) in groupTables[table][m].enumerated() {
                        if k > 0 { out.append(UInt8(ascii: ",")) }
                        area(.fixed(run.lowerBound), .fixed(run.upperBound))
                    }
                }
            case .firstPeriod(let otherwise, let end):
                if p == 0 { run(i + 1, otherwise, period: p, member: m, grid: grid, into: &out) } else { run(otherwise, end, period: p, member: m, grid: grid, into: &out) }
                i = end
                continue
            }
            i += 1
        }
    }

    private static let ref = Array("#REF!".utf8)
    private static let na = Array("#N/A".utf8)

    @inline(__always)
    private func append(_ s: Span, _ out: inout [UInt8]) {
        guard s.count > 0 else { return }
        pool.withUnsafeBufferPointer { bytes in
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[Int(s.start)..<Int(s.start + s.count)]))
        }
    }

    @inline(__always)
    private func appendRow(_ r: Row, member m: Int, into out: inout [UInt8]) {
        switch r {
        case .fixed(let row):
            out.append(UInt8(ascii: "$"))
            Self.appendNumber(row + 1, &out)
        case .identity(let first): Self.appendNumber(first + m + 1, &out)
        case .single(let first, let s): Self.appendNumber(first + s + 1, &out)
        case .gather(let first, let table): Self.appendNumber(first + gathers[table][m] + 1, &out)
        }
    }

    /// A positive row number in decimal, without making a String.
    @inline(__always)
    static func appendNumber(_ n: Int, _ out: inout [UInt8]) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = n
        withUnsafeMutableBytes(of: &digits) { raw in
            let buffer = raw.bindMemory(to: UInt8.self)
            repeat {
                buffer[7 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0 && count < 8
            // As a typed buffer: appended with one copy, not byte by byte through a slice.
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[(8 - count)...]))
        }
    }
}
