import Foundation
import Kalkyl

/// Where a definition's cells are in the workbook, for one scenario.
struct Placement {
    var sheet: String
    /// The row of its first member; member m is on `firstRow + m`.
    var firstRow: Int
    /// The Excel name of a single cell (a scalar without dimensions), used in formulas.
    var definedName: String?
}

/// Why a model could not be turned into a workbook.
public struct ExportError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}

/// Prints a definition's compiled formula (`Op`s in postfix order) as an Excel formula template.
///
/// Names become cells: a scalar without dimensions is its defined name; a series is its row,
/// with the column of the period it reads; a member is its row. The parentheses are those
/// Excel's precedence needs (it is Kalkyl's). What Excel cannot say the way Kalkyl does is
/// translated to give the same value:
///
/// - `x[month-1]` before the timeline, and any reference off it, is Excel's `#REF!` literal,
///   which is what Kalkyl computes there.
/// - `PREV(x, init)` is `init` in the first period and the previous column after.
/// - `YTD(x)` is `SUM($F12:H12)` from the column where the fiscal year starts (TTD and QTD
///   from where its tertial or quarter starts), and
///   `ROLLING(x, n)` is `SUM(F12:H12)` over the last n columns (fewer at the start).
/// - A period written in a formula is `DATE(2021,4,1)`: the value Kalkyl gives it.
/// - Kalkyl's own functions (TERTIAL, VARIANCE, …) are the Excel expressions that define them, as
///   each one's `FunctionSpec.excel` gives them.
struct FormulaCompiler {
    let model: CheckedModel
    let grid: Grid
    let placements: [Placement?]
    /// The sheet the formula is written on: references to it need no sheet prefix.
    let sheet: String

    typealias Piece = FormulaTemplate.Piece

    /// An operand on the printing stack: its pieces and how tightly it binds (10 = atomic).
    struct Operand {
        var pieces: [Piece]
        var precedence: Int
        /// How many arguments it is when passed to a function (several areas are several).
        var arguments = 1
        /// For `PREV`, how tightly its first period's initial value binds: it is parenthesized
        /// only where that value needs it, and the later periods' reference never is.
        var initialPrecedence: Int? = nil
    }

    static let atomic = 10

    func compile(_ slot: Int) throws(ExportError) -> FormulaTemplate {
        let d = model.definitions[slot]
        let dates = periodLiterals(d.expression)
        var stack: [Operand] = []
        func pop() throws(ExportError) -> Operand {
            guard let top = stack.popLast() else { throw ExportError(message: "'\(d.name)': the compiled formula is malformed") }
            return top
        }
        for (opIndex, op) in d.formula.enumerated() {
            if let bound = d.periodBounds[opIndex] {
                stack.append(try boundedReference(op, bound, of: d))
                continue
            }
            switch op {
            case .constant(let v):
                stack.append(constant(v, dates: dates))
            case .array(let a):
                stack.append(Operand(pieces: [.text(a.text { constant($0, dates: [:]).pieces.first.flatMap(Self.literalText) ?? "" })],
                                     precedence: Self.atomic))
            case .missing:
                stack.append(Operand(pieces: [], precedence: Self.atomic))
            case .load(let source, let time, let members):
                stack.append(Operand(pieces: reference(source, time: time, members: members), precedence: Self.atomic))
            case .loadRange(let source, let access):
                stack.append(try range(source, access, of: d))
            case .axis:
                stack.append(Operand(pieces: [.cell(prefix: "", column: .period(0), row: .fixed(Grid.headerRow))], precedence: Self.atomic))
            case .prev(let source, let members):
                let initial = try pop()
                let previous = reference(source, time: .shifted(-1), members: members)
                stack.append(Operand(pieces: [.firstPeriod(initial.pieces, otherwise: previous)], precedence: Self.atomic,
                                     initialPrecedence: initial.precedence))
            case .toDate(let source, let group, let members):
                let starts = (0..<model.timeline.count).map { model.timeline.startIndex(of: $0, in: group) }
                stack.append(Operand(pieces: [.text("SUM(")] + area(source, members: members, columns: .toDate(starts)) + [.text(")")],
                                     precedence: Self.atomic))
            case .rolling(let source, let count, let members):
                stack.append(Operand(pieces: [.text("SUM(")] + area(source, members: members, columns: .rolling(count)) + [.text(")")],
                                     precedence: Self.atomic))
            case .negate:
                let a = try operatorOperand(try pop(), of: d)
                stack.append(Operand(pieces: [.text("-")] + wrapped(a, below: 7), precedence: 7))
            case .plus:
                break   // Excel's unary + does nothing, as Kalkyl's does
            case .percent:
                let a = try operatorOperand(try pop(), of: d)
                stack.append(Operand(pieces: wrapped(a, below: 6) + [.text("%")], precedence: 6))
            case .binary(let op):
                let b = try operatorOperand(try pop(), of: d)
                let a = try operatorOperand(try pop(), of: d)
                let p = op.precedence
                // Every operator is left-associative: a right operand of equal precedence needs parentheses.
                stack.append(Operand(pieces: wrapped(a, below: p) + [.text(op.rawValue)] + wrapped(b, below: p + 1), precedence: p))
            case .call(let spec, var argc):
                guard stack.count >= argc else { throw ExportError(message: "'\(d.name)': the compiled formula is malformed") }
                if spec.implicit == .columns {   // the shapes the checker added: not Excel's arguments
                    stack.removeLast(argc / 2)
                    argc /= 2
                }
                let args = Array(stack.suffix(argc))
                stack.removeLast(argc)
                let count = args.reduce(0) { $0 + $1.arguments }
                // Members that are not next to each other are several areas, which only a
                // parameter that repeats on its own (SUM's numbers) can be given as extra arguments.
                for (k, arg) in args.enumerated() where arg.arguments > 1 && !spec.splits(argument: k, of: args.count) {
                    throw ExportError(message: "'\(d.name)': \(spec.name) reads members that are not next to each other on the sheet, which Excel's \(spec.name) cannot take")
                }
                guard count <= 255 else {
                    throw ExportError(message: "'\(d.name)': \(spec.name) would need \(count) arguments in Excel, which allows 255")
                }
                let excelName: String
                switch spec.excel {
                case .same: excelName = spec.name
                case .stored(let name): excelName = name
                case .expression(let define):   // a function Excel does not have
                    stack.append(expression(define(args.map(literal)), args))
                    continue
                }
                var pieces: [Piece] = [.text(excelName + "(")]
                for (k, arg) in args.enumerated() {
                    if k > 0 { pieces.append(.text(",")) }
                    pieces += arg.pieces
                }
                pieces.append(.text(")"))
                stack.append(Operand(pieces: pieces, precedence: Self.atomic))
            }
        }
        guard stack.count == 1, let result = stack.first else { throw ExportError(message: "'\(d.name)': the compiled formula is malformed") }
        return FormulaTemplate(pieces: merged(result.pieces))
    }

    // MARK: - Operands

    /// An operator's operand, which must be one area: members that are not next to each other
    /// on the sheet are several, which SUMPRODUCT's `(x > 0) * y` cannot take position by position.
    func operatorOperand(_ a: Operand, of d: CheckedDefinition) throws(ExportError) -> Operand {
        guard a.arguments == 1 else {
            throw ExportError(message: "'\(d.name)': an operator reads members that are not next to each other on the sheet, which Excel cannot compute position by position")
        }
        return a
    }

    /// A function Excel does not have, as the expression that defines it.
    func expression(_ e: ExcelExpression, _ args: [Operand]) -> Operand {
        var pieces: [Piece] = []
        for part in e.parts {
            switch part {
            case .text(let s): pieces.append(.text(s))
            case .argument(let k, let below): pieces += wrapped(args[k], below: below)
            }
        }
        return Operand(pieces: pieces, precedence: e.precedence)
    }

    static func literalText(_ piece: Piece) -> String? {
        if case .text(let s) = piece { return s }
        return nil
    }

    /// An argument's text when it is one literal, such as the start month the checker wrote.
    /// An argument left empty is "".
    func literal(_ a: Operand) -> String? {
        if a.pieces.isEmpty { return "" }
        guard a.pieces.count == 1, case .text(let s) = a.pieces[0] else { return nil }
        return s
    }

    func wrapped(_ a: Operand, below precedence: Int) -> [Piece] {
        if let initial = a.initialPrecedence, initial < precedence, case .firstPeriod(let first, let otherwise)? = a.pieces.first {
            return [.firstPeriod([.text("(")] + first + [.text(")")], otherwise: otherwise)]
        }
        return a.precedence < precedence ? [.text("(")] + a.pieces + [.text(")")] : a.pieces
    }

    /// Adjacent text pieces joined, so rendering appends fewer strings.
    private func merged(_ pieces: [Piece]) -> [Piece] {
        var out: [Piece] = []
        for piece in pieces {
            switch piece {
            case .text(let s):
                if case .text(let previous)? = out.last { out[out.count - 1] = .text(previous + s) } else { out.append(piece) }
            case .firstPeriod(let a, let b):
                out.append(.firstPeriod(merged(a), otherwise: merged(b)))
            default:
                out.append(piece)
            }
        }
        return out
    }

    private func constant(_ v: Value, dates: [UInt64: String]) -> Operand {
        switch v {
        case .number(let x):
            if let date = dates[x.bitPattern] { return Operand(pieces: [.text(date)], precedence: Self.atomic) }
            let text = Self.number(x)
            return Operand(pieces: [.text(text)], precedence: text.hasPrefix("-") ? 7 : Self.atomic)
        case .text(let s):
            // A long text comes back in parentheses, so it is atomic too.
            return Operand(pieces: [.text(Self.textLiteral(s))], precedence: Self.atomic)
        case .bool(let b):
            return Operand(pieces: [.text(b ? "TRUE" : "FALSE")], precedence: Self.atomic)
        case .error(let e):
            return Operand(pieces: [.text(e.spelling)], precedence: Self.atomic)
        case .blank:
            return Operand(pieces: [], precedence: Self.atomic)
        }
    }

    /// A number as Excel reads it back to the same double: the shortest round-trip digits.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "#NUM!" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        var text = "\(x)".uppercased()          // 0.4615, 1E-05, 1.5E+20
        if text.hasSuffix(".0") { text.removeLast(2) }
        if let e = text.firstIndex(of: "E"), !text[text.index(after: e)...].hasPrefix("-"), !text[text.index(after: e)...].hasPrefix("+") {
            text.insert("+", at: text.index(after: e))
        }
        return text
    }

    /// `"text"` with `""` for a quote; Excel allows 255 characters in one literal, so longer
    /// text is joined from pieces: `("…"&"…")`.
    static func textLiteral(_ s: String) -> String {
        func quoted(_ part: Substring) -> String { "\"" + part.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        guard s.count > 255 else { return quoted(Substring(s)) }
        var parts: [String] = []
        var rest = Substring(s)
        while !rest.isEmpty {
            parts.append(quoted(rest.prefix(255)))
            rest = rest.dropFirst(255)
        }
        return "(" + parts.joined(separator: "&") + ")"
    }

    /// The Excel dates of the periods written in the formula (`month >= 2021-04`), which the
    /// compiled form holds as plain numbers: printed back as `DATE(2021,4,1)`.
    private func periodLiterals(_ tree: FormulaTree) -> [UInt64: String] {
        var dates: [UInt64: String] = [:]
        for node in tree.nodes {
            guard case .period(let p) = node.kind, let month = p.month else { continue }
            let serial = ExcelDate.serial(year: p.year, month: month, day: 1)
            dates[serial.bitPattern] = "DATE(\(p.year),\(month),1)"
        }
        return dates
    }

    // MARK: - References

    private func prefix(_ placement: Placement) -> String {
        placement.sheet == sheet ? "" : XLSXAddress.sheetPrefix(placement.sheet)
    }

    private func rowRef(_ placement: Placement, _ members: MemberMap) -> FormulaTemplate.RowRef {
        switch members {
        case .single(let s): .fixed(placement.firstRow + s)
        case .identity, .gather: .member(first: placement.firstRow, map: members)
        }
    }

    /// One cell of `source` per cell being computed.
    private func reference(_ source: Int, time: TimeAccess, members: MemberMap) -> [Piece] {
        guard let placement = placements[source] else { return [.text("#REF!")] }
        let d = model.definitions[source]
        if !d.isSeries, let name = placement.definedName { return [.text(name)] }
        let column: FormulaTemplate.ColumnRef
        switch time {
        case .none: column = d.isSeries ? .period(0) : .fixed("$" + XLSXAddress.columnName(grid.value))
        case .shifted(let k): column = .period(k)
        case .fixed(let q): column = .fixed("$" + grid.periodColumnNames[q])
        }
        return [.cell(prefix: prefix(placement), column: column, row: rowRef(placement, members))]
    }

    /// One member's row of `source` over some columns: the window of YTD and ROLLING.
    private func area(_ source: Int, members: MemberMap, columns: FormulaTemplate.ColumnsRef) -> [Piece] {
        guard let placement = placements[source] else { return [.text("#REF!")] }
        return [.areas(prefix: prefix(placement), rows: .row(rowRef(placement, members)), columns: columns)]
    }

    /// The cells an aggregate reads: `F$12:F$40`, `$F12:$Q12`, or several areas.
    private func range(_ source: Int, _ access: RangeAccess, of d: CheckedDefinition) throws(ExportError) -> Operand {
        guard let placement = placements[source] else { return Operand(pieces: [.text("#REF!")], precedence: Self.atomic) }
        let rows: FormulaTemplate.RowsRef
        var areaCount = 1
        switch access.members {
        case .map(let map):
            rows = .row(rowRef(placement, map))
        case .all(let list):
            let runs = Self.runs(list).map { (placement.firstRow + $0.lowerBound)...(placement.firstRow + $0.upperBound) }
            rows = .runs(runs)
            areaCount = runs.count
        case .groups(let lists):
            let groups = lists.map { Self.runs($0).map { (placement.firstRow + $0.lowerBound)...(placement.firstRow + $0.upperBound) } }
            rows = .groups(groups)
            areaCount = groups.map(\.count).max() ?? 1
        }
        let columns: FormulaTemplate.ColumnsRef
        switch access.periods {
        case .none:
            if case .row(.fixed) = rows, let name = placement.definedName {
                return Operand(pieces: [.text(name)], precedence: Self.atomic)
            }
            columns = .value("$" + XLSXAddress.columnName(grid.value))
        case .shifted(let k): columns = .period(k)
        case .fixed(let r): columns = .fixed(r)
        }
        if case .row(.member(_, .identity)) = rows, model.memberCount(of: source) == 1, !model.definitions[source].isSeries,
           let name = placement.definedName {
            return Operand(pieces: [.text(name)], precedence: Self.atomic)
        }
        return Operand(pieces: [.areas(prefix: prefix(placement), rows: rows, columns: columns)], precedence: Self.atomic,
                       arguments: areaCount)
    }

    // MARK: - Periods an input bounds

    /// `x[closed]` or `x[2024-01 .. closed]`: the period found by the input's value as the
    /// workbook computes it, so that changing the input in the workbook moves the pick or the
    /// range, `INDEX($F12:$Q12,YEAR(closed)*12+MONTH(closed)-24287)`, and a range is
    /// `INDEX(…,from):INDEX(…,to)`.
    private func boundedReference(_ op: Op, _ bound: PeriodBoundUse, of d: CheckedDefinition) throws(ExportError) -> Operand {
        let whole = 0...(model.timeline.count - 1)
        switch op {
        case .load(let source, .fixed(let q), let members):
            guard let placement = placements[source] else { return Operand(pieces: [.text("#REF!")], precedence: Self.atomic) }
            let row: [Piece] = [.areas(prefix: prefix(placement), rows: .row(rowRef(placement, members)), columns: .fixed(whole))]
            return Operand(pieces: [.text("INDEX(")] + row + [.text(",")] + periodIndex(bound.to, fixed: q) + [.text(")")],
                           precedence: Self.atomic)
        case .loadRange(let source, let access):
            guard let placement = placements[source], case .fixed(let periods) = access.periods else {
                return Operand(pieces: [.text("#REF!")], precedence: Self.atomic)
            }
            let area: [Piece]
            var column = ""
            switch access.members {
            case .map(let map):
                area = [.areas(prefix: prefix(placement), rows: .row(rowRef(placement, map)), columns: .fixed(whole))]
            case .all(let list) where Self.runs(list).count == 1:
                let run = Self.runs(list)[0]
                area = [.areas(prefix: prefix(placement), rows: .runs([(placement.firstRow + run.lowerBound)...(placement.firstRow + run.upperBound)]),
                               columns: .fixed(whole))]
                column = "0,"   // INDEX(area,0,k): the whole column k of the members' rows
            default:
                throw ExportError(message: "'\(d.name)': a range bounded by an input reads members that are not next to each other on the sheet")
            }
            let from: [Piece] = [.text("INDEX(")] + area + [.text("," + column)] + periodIndex(bound.from, fixed: periods.lowerBound) + [.text(")")]
            let to: [Piece] = [.text("INDEX(")] + area + [.text("," + column)] + periodIndex(bound.to, fixed: periods.upperBound) + [.text(")")]
            return Operand(pieces: from + [.text(":")] + to, precedence: Self.atomic)
        default:
            throw ExportError(message: "'\(d.name)': the compiled formula is malformed")
        }
    }

    /// The 1-based position on the timeline of the period an input holds, as a formula of it;
    /// of a period written out, its number.
    private func periodIndex(_ input: Int?, fixed: Int) -> [Piece] {
        guard let input else { return [.text(String(fixed + 1))] }
        let name = reference(input, time: .none, members: .single(0))
        let t = model.timeline
        switch t.granularity {
        case .monthly:
            return [.text("(YEAR(")] + name + [.text(")*12+MONTH(")] + name + [.text(")-\(t.first))")]
        case .yearly:
            return [.text("(")] + name + [.text("-\(t.first - 1))")]
        }
    }

    /// Sorted member indices as runs of consecutive ones: [0, 1, 2, 5] → 0...2, 5...5.
    static func runs(_ list: [Int]) -> [ClosedRange<Int>] {
        var runs: [ClosedRange<Int>] = []
        for i in list {
            if let last = runs.last, last.upperBound + 1 == i {
                runs[runs.count - 1] = last.lowerBound...i
            } else {
                runs.append(i...i)
            }
        }
        return runs
    }
}
