/// Typing single cells: numbers under the file's decimal mark, periods on a timeline.
extension DataTable {
    /// The cell as a number, blank when empty; a cell that is not a number is reported and
    /// read as blank.
    func number(in cell: DataCell, reader: NumberReader, into diagnostics: inout some DiagnosticSink) -> Value {
        do {
            return try reader.read(cell.text).map(Value.number) ?? .blank
        } catch {
            diagnostics.append(numberDiagnostic(error, at: cell))
            return .blank
        }
    }

    /// The number in a cell of a row, blank when empty; read from the file's bytes when it is
    /// written plainly (`41 500`, `-38 200,50`), through `NumberReader.read` otherwise.
    func number(_ row: Int, _ column: Int, reader: NumberReader, into diagnostics: inout some DiagnosticSink) -> Value {
        switch plainNumber(row, column, reader: reader) {
        case .blank: return .blank
        case .number(let x): return .number(x)
        case .other: return number(in: cell(row, column), reader: reader, into: &diagnostics)
        }
    }

    /// Whether a cell of a row reads as a number (blank does not). A number too large for a
    /// double (`1e400`) counts: it is written as a number, so its column is numbers and the
    /// cell an error, never a text that sums to nothing. So does one written as a number that
    /// cannot be read one way (`1,250` in a file of decimal points, `12.5` in one of commas,
    /// `--5`): a column of hours `1,250`, `2,500` beside a column of points was text, and its SUM
    /// 0 with exit 0 (red team, session 18, hunt18/t10); so was a column of salaries `35 000 kr`
    /// (t11). Digits grouped otherwise (`123 45`, a postcode; `1.2.3`, `+46 70 123 45 67`) are a
    /// code's, and stay text.
    func isNumber(_ row: Int, _ column: Int, reader: NumberReader) -> Bool {
        switch plainNumber(row, column, reader: reader) {
        case .blank: return false
        case .number: return true
        case .other:
            let text = cell(row, column).text
            do {
                return try reader.read(text) != nil
            } catch .unexpectedCharacter, .notANumber {
                // `35 000 kr`, `35 000:-`: an amount with its unit written in (hunt18/t11).
                return NumberProblem.isAmountWithUnit(text)
            } catch .ambiguousGrouping, .otherDecimalMark, .conflictingSigns, .outOfRange, .barePercent, .percentOfMoney {
                return true
            } catch {
                return false
            }
        }
    }

    private enum PlainNumber { case blank, number(Double), other }

    private func plainNumber(_ row: Int, _ column: Int, reader: NumberReader) -> PlainNumber {
        let bytes = file.bytes
        let content = FieldText.content(of: span(row, column), in: bytes)
        guard !content.doubledQuotes else { return .other }
        let trimmed = FieldText.trimmed(content.range, in: bytes)
        if trimmed.isEmpty { return .blank }
        return reader.readPlain(bytes, trimmed).map(PlainNumber.number) ?? .other
    }

    /// A number problem at its cell. When the problem is the decimal mark, it says how the
    /// file's mark was decided, pointing at the number that decided it.
    func numberDiagnostic(_ problem: NumberProblem, at cell: DataCell) -> Diagnostic {
        var hint = problem.hint
        var notes: [Diagnostic] = []
        switch problem {
        case .otherDecimalMark, .ambiguousGrouping, .severalDecimalMarks:
            let mark = format.decimalMark.name
            switch format.decimalSource {
            case .data(let range):
                notes.append(Diagnostic(.note, "this number shows the file's \(mark)", at: location(range)))
            case .separator:
                hint = hint ?? "no number in the file has decimals, so its separator \(format.separator.spelled) decided: \(mark)"
            case .given:
                hint = hint ?? "the \(mark) was given when the file was read"
            }
        default:
            break
        }
        return .error(problem.message, at: location(of: cell), hint: hint, notes: notes, code: problem.code)
    }

    /// Where a period cell falls on a timeline.
    enum PeriodPlacement {
        case index(Int)
        case outside(DataPeriod)
        case wrongGranularity(DataPeriod)
        case unreadable(PeriodProblem)
    }

    static func place(_ text: String, on timeline: Timeline) -> PeriodPlacement {
        let period: DataPeriod
        do { period = try PeriodReader.read(text) } catch { return .unreadable(error) }
        guard period.granularity == timeline.granularity else { return .wrongGranularity(period) }
        guard let index = timeline.index(ofAbsolute: period.absolute) else { return .outside(period) }
        return .index(index)
    }
}

extension Timeline {
    /// `2021-01 .. 2021-12`, as messages name the timeline.
    var rangeDescription: String {
        count == 0 ? "(no periods)" : "\(label(0)) .. \(label(count - 1))"
    }
}

/// Problems that repeat row after row (a year of data outside the timeline), reported once
/// each at their first place with the lines of the others, so a hundred rows do not make a
/// hundred messages and none is left unmentioned.
struct RepeatedProblems {
    private var order: [String] = []
    private var first: [String: Diagnostic] = [:]
    /// The first five other lines of each kind, and how many there were: not every line, which
    /// a file of millions of such rows would keep.
    private var moreLines: [String: (shown: [Int], count: Int)] = [:]

    mutating func add(_ kind: String, at location: SourceLocation, _ make: () -> Diagnostic) {
        if first[kind] == nil {
            order.append(kind)
            first[kind] = make()
        } else {
            var more = moreLines[kind] ?? ([], 0)
            if more.shown.count < 5 { more.shown.append(location.line) }
            more.count += 1
            moreLines[kind] = more
        }
    }

    var diagnostics: [Diagnostic] {
        order.map { kind in
            var d = first[kind]!
            if let (lines, count) = moreLines[kind] {
                let shown = lines.map(String.init).joined(separator: ", ")
                let rest = count > 5 ? " and \(count - 5) more" : ""
                let also = "also on line\(count == 1 ? "" : "s") \(shown)\(rest)"
                d.hint = d.hint.map { "\($0); \(also)" } ?? also
            }
            return d
        }
    }
}
