/// Builds the `Explanation` of a cell from an evaluated model: its source, its precedents to
/// a chosen depth, and for an error value the cell where the error starts.
public enum Explainer {
    public struct Options: Sendable {
        /// Levels of precedents below the cell: 0 shows the cell alone, 1 what its formula reads.
        public var depth: Int
        /// Cells listed from a range (an aggregate's argument, a YTD window), in order.
        public var cellsPerRange: Int
        /// Further cells listed from a range because they hold an error.
        public var errorCellsPerRange: Int
        /// Formula cells expanded in all; past it, cells are listed but not expanded.
        /// Keeps a deep explanation of a wide model to a size a person can read.
        public var maxExpandedCells: Int

        public init(depth: Int = 2, cellsPerRange: Int = 12, errorCellsPerRange: Int = 3, maxExpandedCells: Int = 500) {
            self.depth = depth
            self.cellsPerRange = cellsPerRange
            self.errorCellsPerRange = errorCellsPerRange
            self.maxExpandedCells = maxExpandedCells
        }
    }

    /// Explains one cell of an evaluation (which must have been evaluated), with the
    /// scenario and `--set` what-ifs it was evaluated with.
    public static func explain(_ cell: CellReference, in evaluation: Evaluation, options: Options = Options()) -> Explanation {
        var builder = ExplanationBuilder(evaluation: evaluation, options: options)
        let root = builder.node(cell, remaining: max(0, options.depth))
        return Explanation(scenario: evaluation.scenarioName, depth: max(0, options.depth), root: root,
                           errorOrigin: builder.errorOrigin(of: cell))
    }
}

/// The state of one explanation being built: which cells are expanded already.
struct ExplanationBuilder {
    let evaluation: Evaluation
    let model: CheckedModel
    let options: Explainer.Options
    /// Inputs listed and formula cells expanded so far: further up the tree, when it is printed.
    var shown = Set<CellReference>()
    var expandedCount = 0

    init(evaluation: Evaluation, options: Explainer.Options) {
        self.evaluation = evaluation
        self.model = evaluation.model
        self.options = options
    }

    func value(_ cell: CellReference) -> Value {
        let block = evaluation.values(of: cell.slot)
        let index = model.blockIndex(of: cell)
        return index < block.count ? block[index] : .blank
    }

    /// A cell, expanded `remaining` levels down. A cell is given in full once, where it first
    /// appears (the tree is built in the order it is read); after that it is `.shownAbove`.
    mutating func node(_ cell: CellReference, remaining: Int) -> ExplainedCell {
        let d = model.definitions[cell.slot]
        var node = ExplainedCell(cell: cell, reference: model.text(of: cell), value: value(cell), source: source(cell),
                                 expansion: .input, precedents: [])
        if shown.contains(cell) {
            node.expansion = .shownAbove
        } else if case .actual(let overlay) = node.source {
            // The forecast's own definition does not count in a closed month: show the actual.
            shown.insert(cell)
            node.expansion = .expanded
            node.precedents = [Precedent(kind: .cell, reference: model.text(of: overlay.actual),
                                         cells: [self.node(overlay.actual, remaining: remaining - 1)],
                                         firstCellCount: 1, cellCount: 1, errorCount: value(overlay.actual).isError ? 1 : 0,
                                         value: nil, period: nil)]
        } else if d.isInput && model.forecastFormula(of: cell) == nil {
            shown.insert(cell)
        } else if remaining <= 0 {
            node.expansion = .depthLimit
        } else if expandedCount >= options.maxExpandedCells {
            node.expansion = .sizeLimit
        } else {
            shown.insert(cell)
            expandedCount += 1
            node.expansion = .expanded
            node.precedents = model.reads(of: cell).map { precedent($0, from: cell, remaining: remaining - 1) }
        }
        return node
    }

    mutating func precedent(_ read: CellRead, from cell: CellReference, remaining: Int) -> Precedent {
        switch read.kind {
        case .period:
            let p = read.periods?.first ?? 0
            return Precedent(kind: .period, reference: model.timeline.axisName, cells: [], firstCellCount: 0, cellCount: 0, errorCount: 0,
                             value: .number(model.timeline.serial(ofAbsolute: model.timeline.first + p)), period: p)
        case .outsideTimeline:
            let p = read.periods?.first ?? 0
            return Precedent(kind: .outsideTimeline, reference: reference(read), cells: [], firstCellCount: 0, cellCount: 0, errorCount: 0,
                             value: .error(.ref), period: p)
        default:
            break
        }
        // The first cells (or, over members, the largest), then further ones that hold an
        // error; how many errors in all, and what the cells not listed add up to.
        let first = min(read.count, max(1, options.cellsPerRange))
        let block = evaluation.values(of: read.slot)
        let memberCount = model.memberCount(of: read.slot)
        let order: Precedent.Order = read.kind == .range && read.members.count > 1 ? .largestFirst : .asRead
        var listed = order == .largestFirst
            ? Self.largest(first, of: read.count) { block[read.blockIndex($0, memberCount: memberCount)] }
            : Array(0..<first)
        var isListed = Set(listed)
        var errors = 0
        for i in 0..<read.count where block[read.blockIndex(i, memberCount: memberCount)].isError {
            errors += 1
            if !isListed.contains(i), listed.count < first + options.errorCellsPerRange {
                listed.append(i)
                isListed.insert(i)
            }
        }
        var omittedTotal: Double?
        if listed.count < read.count {
            var total = 0.0
            for i in 0..<read.count where !isListed.contains(i) {
                if case .number(let x) = block[read.blockIndex(i, memberCount: memberCount)] { total += x }
            }
            omittedTotal = total
        }
        let cells = listed.map { node(read.cell($0), remaining: remaining) }
        let kind: Precedent.Kind
        switch read.kind {
        case .cell: kind = .cell
        case .previous: kind = .previous
        case .toDate(.year): kind = .yearToDate
        case .toDate(.tertial): kind = .tertialToDate
        case .toDate(.quarter): kind = .quarterToDate
        case .rolling(let n): kind = .rolling(periods: n)
        default: kind = .range
        }
        return Precedent(kind: kind, reference: reference(read), cells: cells, firstCellCount: first, cellCount: read.count,
                         errorCount: errors, value: nil, period: nil, order: order, omittedTotal: omittedTotal)
    }

    /// The indices of the `k` cells of largest absolute value among `count`, largest first,
    /// the earlier first among equals. Numbers come before anything else (text, blanks,
    /// errors), which keeps its order. One pass keeping the best `k`, so a sum over 100,000
    /// employees is not sorted whole.
    static func largest(_ k: Int, of count: Int, value: (Int) -> Value) -> [Int] {
        var best: [(size: Double, index: Int)] = []
        best.reserveCapacity(k + 1)
        for i in 0..<count {
            let size: Double
            if case .number(let x) = value(i), !x.isNaN { size = abs(x) } else { size = -1 }
            if best.count == k, let last = best.last, size <= last.size { continue }
            // After every entry at least as large: equals keep the order read.
            var low = 0, high = best.count
            while low < high {
                let mid = (low + high) / 2
                if best[mid].size >= size { low = mid + 1 } else { high = mid }
            }
            best.insert((size, i), at: low)
            if best.count > k { best.removeLast() }
        }
        return best.map(\.index)
    }

    /// What a read covers, as written in a model: a dimension where it reads every member,
    /// a member where it reads one, and a period or a range of periods.
    func reference(_ read: CellRead) -> String {
        let d = model.definitions[read.slot]
        var parts: [String] = []
        if read.members.count == 1 {
            parts = model.memberNames(of: read.slot, member: read.members[0]).map(CellReferenceText.quoted)
        } else if !d.dimensions.isEmpty {
            // For each dimension, the members read: one is named, several are the dimension.
            let sizes = d.dimensions.map { model.dimensions[$0].members.count }
            func indices(_ member: Int) -> [Int] {
                var rest = member
                var out = [Int](repeating: 0, count: sizes.count)
                for k in sizes.indices.reversed() {
                    out[k] = rest % sizes[k]
                    rest /= sizes[k]
                }
                return out
            }
            let first = indices(read.members[0])
            var varies = [Bool](repeating: false, count: sizes.count)
            for m in read.members.dropFirst() {
                for (k, i) in indices(m).enumerated() where i != first[k] { varies[k] = true }
                if !varies.contains(false) { break }
            }
            parts = sizes.indices.map { k in
                varies[k] ? model.dimensions[d.dimensions[k]].name
                    : CellReferenceText.quoted(model.dimensions[d.dimensions[k]].members[first[k]])
            }
        }
        if let periods = read.periods, let first = periods.first, let last = periods.last {
            parts.append(first == last ? model.timeline.label(first) : model.timeline.label(first) + " .. " + model.timeline.label(last))
        }
        return parts.isEmpty ? d.name : d.name + "[" + parts.joined(separator: ", ") + "]"
    }

    // MARK: Sources

    mutating func source(_ cell: CellReference) -> CellSource {
        let d = model.definitions[cell.slot]
        if let closed = model.actualsThrough, let period = cell.period, period <= closed,
           let pair = model.forecastPairs(of: cell.slot).first(where: { $0.forecast == cell.member }) {
            return .actual(ActualSource(actualsThrough: closed, actual: CellReference(slot: cell.slot, period: period, member: pair.actual)))
        }
        if let forecast = model.forecastFormula(of: cell) {
            // A computed forecast after the close: its own formula, not the line's input.
            return .formula(FormulaSource(text: ExpressionPrinter.print(forecast.expression, axis: model.timeline.axisName),
                                          location: forecast.location))
        }
        guard d.isInput else {
            return .formula(FormulaSource(text: ExpressionPrinter.print(d.expression, axis: model.timeline.axisName), location: d.location))
        }
        var found = InputSource(setBy: .definition, text: Self.statement(at: d.location), location: d.location)
        var fromData: (origins: DataOrigins?, members: [Int?], periods: ClosedRange<Int>?)? = d.data == nil ? nil : (d.dataOrigins, [], nil)
        func consider(_ assignments: [InputAssignment], _ setBy: InputSource.SetBy) {
            for a in assignments where a.slot == cell.slot && covers(a, cell) {
                let text = setBy == .whatIf ? (a.location?.file.text ?? "") : a.location.map(Self.statement) ?? ""
                found = InputSource(setBy: setBy, text: text, location: a.location)
                fromData = a.data == nil ? nil : (a.dataOrigins, a.members, a.periods)
            }
        }
        // The order Evaluation applies them in: the last that covers the cell wins.
        consider(model.baseAssignments, .assignment)
        if let scenario = evaluation.scenario { consider(scenario.assignments, .scenario(scenario.name)) }
        consider(evaluation.overrides, .whatIf)
        if let (origins, fixed, periods) = fromData, let origins {
            found.data = dataCell(cell, origins: origins, fixed: fixed, periods: periods)
        }
        return .input(found)
    }

    /// The data file cell behind an input cell, read by a statement that fixes `fixed`
    /// members (the file's keys name the others) and sets `periods` (all when nil).
    func dataCell(_ cell: CellReference, origins: DataOrigins, fixed: [Int?], periods: ClosedRange<Int>?) -> DataCellSource? {
        let d = model.definitions[cell.slot]
        var rest = cell.member
        var digits = [Int](repeating: 0, count: d.dimensions.count)
        for k in d.dimensions.indices.reversed() {
            let size = model.dimensions[d.dimensions[k]].members.count
            digits[k] = rest % size
            rest /= size
        }
        var member = 0, memberCount = 1
        for k in d.dimensions.indices where k >= fixed.count || fixed[k] == nil {
            let size = model.dimensions[d.dimensions[k]].members.count
            member = member * size + digits[k]
            memberCount *= size
        }
        let period = cell.period ?? 0
        return origins.cell(member: member, period: period - (periods?.lowerBound ?? 0), memberCount: memberCount,
                            periodLabel: model.timeline.label(period))
    }

    /// Whether an assignment sets this cell: its periods (all when nil) and, per dimension,
    /// its member (all when nil).
    func covers(_ a: InputAssignment, _ cell: CellReference) -> Bool {
        if let periods = a.periods, let p = cell.period, !periods.contains(p) { return false }
        let d = model.definitions[cell.slot]
        var rest = cell.member
        for k in d.dimensions.indices.reversed() {
            let size = model.dimensions[d.dimensions[k]].members.count
            if k < a.members.count, let m = a.members[k], m != rest % size { return false }
            rest /= size
        }
        return true
    }

    /// The source line of a statement, without its trailing comment.
    static func statement(at location: SourceLocation) -> String {
        let line = location.file.line(location.line)
        var out = ""
        var quoted = false
        for c in line {
            if c == "\"" { quoted.toggle() }
            if c == "#", !quoted { break }
            out.append(c)
        }
        return out.trimmedForCell
    }

    // MARK: Errors

    /// Follows precedents that hold the cell's error, first one first, down to a cell whose
    /// precedents hold none: there the error starts. Iterative, so a long chain (`PREV`
    /// through many periods) cannot overflow the stack.
    mutating func errorOrigin(of cell: CellReference) -> ErrorOrigin? {
        guard case .error(let error) = value(cell) else { return nil }
        var path = [cell]
        var visited: Set<CellReference> = [cell]
        var current = cell
        search: while true {
            if case .actual(let overlay) = source(current) {
                // A closed forecast month holds its actual: the error came from there.
                guard value(overlay.actual) == .error(error), !visited.contains(overlay.actual) else { break }
                visited.insert(overlay.actual)
                path.append(overlay.actual)
                current = overlay.actual
                continue search
            }
            for read in model.reads(of: current) {
                let block = evaluation.values(of: read.slot)
                let memberCount = model.memberCount(of: read.slot)
                for i in 0..<read.count where block[read.blockIndex(i, memberCount: memberCount)] == .error(error) {
                    let next = read.cell(i)
                    guard !visited.contains(next) else { continue }
                    visited.insert(next)
                    path.append(next)
                    current = next
                    continue search
                }
            }
            break
        }
        var origin = ExplanationBuilder(evaluation: evaluation, options: Explainer.Options(depth: 1, cellsPerRange: 3, errorCellsPerRange: 3))
        return ErrorOrigin(error: error, path: path, cell: origin.node(current, remaining: 1))
    }
}
