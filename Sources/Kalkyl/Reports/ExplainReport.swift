/// An explanation as data: the cell, where its value comes from, the cells it reads, and
/// where an error starts. `json()` is `kalkyl explain --format json`.
public struct ExplainReport: Codable, Sendable {
    public struct ErrorOriginReport: Codable, Sendable {
        public var error: String
        public var cell: String
        /// From the cell explained to the origin, both included.
        public var path: [String]
        public var explanation: Node
    }

    /// One cell, its source and (when expanded) its precedents.
    public struct Node: Codable, Sendable {
        public var cell: String
        public var name: String
        public var period: String?
        /// Dimension → member.
        public var members: OrderedEntries<String>
        /// Dimension → the member's name (`411010` → "VC Centrum"), present only for
        /// members whose dimension has names.
        public var memberNames: OrderedEntries<String>?
        public var label: String?
        public var unit: String?
        public var kind: String?
        public var value: Value
        public var source: Source
        /// `expanded`, `input`, `depth_limit`, `shown_above` or `size_limit`.
        public var expansion: String
        public var precedents: [PrecedentReport]

        enum CodingKeys: String, CodingKey {
            case cell, name, period, members, memberNames = "member_names", label, unit, kind, value, source, expansion, precedents
        }

        // `member_names` is there only for members with names; the other keys always are.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(cell, forKey: .cell)
            try c.encode(name, forKey: .name)
            try c.encode(period, forKey: .period)
            try c.encode(members, forKey: .members)
            if let memberNames { try c.encode(memberNames, forKey: .memberNames) }
            try c.encode(label, forKey: .label)
            try c.encode(unit, forKey: .unit)
            try c.encode(kind, forKey: .kind)
            try c.encode(value, forKey: .value)
            try c.encode(source, forKey: .source)
            try c.encode(expansion, forKey: .expansion)
            try c.encode(precedents, forKey: .precedents)
        }
    }

    /// Where a value comes from: `formula`, `input` or `actual`; the fields each kind has.
    public struct Source: Codable, Sendable {
        public var kind: String
        public var formula: String?
        /// `definition`, `assignment`, `scenario` or `set`.
        public var setBy: String?
        public var scenario: String?
        public var text: String?
        public var data: DataCell?
        public var actualsThrough: String?
        public var actual: String?
        public var file: String?
        public var line: Int?

        enum CodingKeys: String, CodingKey {
            case kind, formula, setBy = "set_by", scenario, text, data, actualsThrough = "actuals_through", actual, file, line
        }

        // Each kind has its own fields; `file` and `line` are always there.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kind, forKey: .kind)
            if let formula { try c.encode(formula, forKey: .formula) }
            if let setBy { try c.encode(setBy, forKey: .setBy) }
            if let scenario { try c.encode(scenario, forKey: .scenario) }
            if let text { try c.encode(text, forKey: .text) }
            if let data { try c.encode(data, forKey: .data) }
            if let actualsThrough { try c.encode(actualsThrough, forKey: .actualsThrough) }
            if let actual { try c.encode(actual, forKey: .actual) }
            try c.encode(file, forKey: .file)
            try c.encode(line, forKey: .line)
        }
    }

    /// The data file cell an input's value was read from.
    public struct DataCell: Codable, Sendable {
        public var file: String
        public var line: Int
        public var column: Int
        public var header: String
        /// For a value summed from several rows: each row's cell, the first included.
        public var rows: [DataRow]?
        /// For a value read from a SIE file's vouchers: each `#TRANS` line, with its voucher.
        public var vouchers: [VoucherRow]?
        /// True when the file has changed or gone since it was read (between saves in watch
        /// and the language server): `line` is then the first of the at most 32 lines that
        /// held the cell and `column` 1, not its place (`DataCellSource.fileChanged`). Nil, and
        /// not written, otherwise.
        public var fileChanged: Bool?
        /// True when the statement reads with `credit positive`: the value is the file's cell,
        /// or the sum of its rows or `#TRANS` amounts, as booked, negated. Nil, and not written, otherwise.
        public var negated: Bool? = nil

        enum CodingKeys: String, CodingKey {
            case file, line, column, header, rows, vouchers, fileChanged = "file_changed", negated
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(file, forKey: .file)
            try c.encode(line, forKey: .line)
            try c.encode(column, forKey: .column)
            try c.encode(header, forKey: .header)
            if let rows { try c.encode(rows, forKey: .rows) }
            if let vouchers { try c.encode(vouchers, forKey: .vouchers) }
            if fileChanged == true { try c.encode(true, forKey: .fileChanged) }
            if negated == true { try c.encode(true, forKey: .negated) }
        }

        /// `, negated (credit positive)` after the place or the list's heading, when it is.
        public var negatedNote: String { negated == true ? DataCellSource.negatedNote : "" }

        /// `data/staff.csv:2:12`, or in a file changed since it was read the lines that held the cell.
        public var place: String {
            DataCellSource.place(file: file, line: line, column: column, fileChanged: fileChanged == true)
        }
    }

    /// A `#TRANS` line of a SIE file behind a value: where it is, its amount, and its voucher
    /// (`#VER` series, number, date and text).
    public typealias VoucherRow = SIEVoucherLine

    /// One row's cell of a summed value.
    public struct DataRow: Codable, Sendable {
        public var line: Int
        public var column: Int
    }

    /// What one step of a formula reads.
    public struct PrecedentReport: Codable, Sendable {
        /// `cell`, `range`, `previous`, `ytd`, `ttd`, `qtd`, `rolling`, `period` or `outside_timeline`.
        public var reads: String
        public var reference: String
        /// For `rolling`, its number of periods.
        public var periods: Int?
        /// For `period` and `outside_timeline`.
        public var period: String?
        public var value: Value?
        public var count: Int
        public var errors: Int
        public var omitted: Int
        public var firstCells: Int
        /// `as_read` (the first cells in order) or `largest_first` (over members: the cells of
        /// largest absolute value).
        public var order: String
        /// The sum of the numbers among the omitted cells; null when none is omitted.
        public var omittedTotal: Double?
        public var cells: [Node]

        enum CodingKeys: String, CodingKey {
            case reads, reference, periods, period, value, count, errors, omitted, firstCells = "first_cells", order,
                 omittedTotal = "omitted_total", cells
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(reads, forKey: .reads)
            try c.encode(reference, forKey: .reference)
            if let periods { try c.encode(periods, forKey: .periods) }
            if let period { try c.encode(period, forKey: .period) }
            if let value { try c.encode(value, forKey: .value) }
            try c.encode(count, forKey: .count)
            try c.encode(errors, forKey: .errors)
            try c.encode(omitted, forKey: .omitted)
            try c.encode(firstCells, forKey: .firstCells)
            try c.encode(order, forKey: .order)
            try c.encode(omittedTotal.map(Value.number) ?? .blank, forKey: .omittedTotal)
            try c.encode(cells, forKey: .cells)
        }
    }

    public var model: String
    public var scenario: String
    public var cell: String
    public var depth: Int
    public var explanation: Node
    public var errorOrigin: ErrorOriginReport?
    /// How many decimals the table shows each definition's numbers with (by name), chosen
    /// over its whole block as the eval table does. Not part of the JSON.
    public var decimals: [String: Int] = [:]

    enum CodingKeys: String, CodingKey {
        case model, scenario, cell, depth, explanation, errorOrigin = "error_origin"
    }

    /// The report of an explanation made in `evaluation`, whose blocks give each number's decimals.
    public init(_ explanation: Explanation, in evaluation: Evaluation) {
        let model = evaluation.model
        let builder = Builder(model: model)
        self.model = model.name
        self.scenario = explanation.scenario
        self.cell = explanation.root.reference
        self.depth = explanation.depth
        self.explanation = builder.node(explanation.root)
        self.errorOrigin = explanation.errorOrigin.map { origin in
            ErrorOriginReport(error: origin.error.spelling, cell: origin.cell.reference,
                              path: origin.path.map(model.text(of:)), explanation: builder.node(origin.cell))
        }
        self.decimals = Self.decimals(of: explanation, in: evaluation)
    }

    /// Each definition's decimals in the tree, chosen over its whole block as the eval table does.
    static func decimals(of explanation: Explanation, in evaluation: Evaluation) -> [String: Int] {
        let model = evaluation.model
        var slots = Set<Int>()
        var stack = [explanation.root]
        if let origin = explanation.errorOrigin { stack.append(origin.cell) }
        while let node = stack.popLast() {
            slots.insert(node.cell.slot)
            for p in node.precedents { stack += p.cells }
        }
        var out: [String: Int] = [:]
        for slot in slots {
            let format = ValueFormat(model.definitions[slot], timeline: model.timeline, language: .en)
            let column = evaluation.values(of: slot)
            out[model.definitions[slot].name] = format.decimals(of: (0..<column.count).lazy.map { column[$0] })
        }
        return out
    }

    /// `kalkyl explain --format json`: the top level one key a line, each node on one line.
    public func json() -> String {
        (try? ReportEncoder(brokenPaths: [""]).encode(self)) ?? "{}\n"
    }

    private struct Builder {
        let model: CheckedModel

        func node(_ n: ExplainedCell) -> Node {
            let d = model.definitions[n.cell.slot]
            let names = model.memberNames(of: n.cell.slot, member: n.cell.member)
            let described = zip(d.dimensions, names).compactMap { dim, member -> (String, String)? in
                let dimension = model.dimensions[dim]
                return dimension.memberIndex[member].flatMap(dimension.description(of:)).map { (dimension.name, $0) }
            }
            return Node(cell: n.reference, name: d.name, period: n.cell.period.map(model.timeline.label),
                        members: OrderedEntries(zip(d.dimensions, names).map { (model.dimensions[$0].name, $1) }),
                        memberNames: described.isEmpty ? nil : OrderedEntries(described),
                        label: d.label, unit: d.unit, kind: d.kind?.rawValue, value: n.value, source: source(n.source),
                        expansion: expansionName(n.expansion), precedents: n.precedents.map(precedent))
        }

        func precedent(_ p: Precedent) -> PrecedentReport {
            var periods: Int?
            if case .rolling(let n) = p.kind { periods = n }
            return PrecedentReport(reads: readsName(p.kind), reference: p.reference, periods: periods,
                                   period: p.period.map(model.timeline.label), value: p.value, count: p.cellCount,
                                   errors: p.errorCount, omitted: p.omittedCount, firstCells: p.firstCellCount,
                                   order: p.order == .largestFirst ? "largest_first" : "as_read", omittedTotal: p.omittedTotal,
                                   cells: p.cells.map(node))
        }

        func source(_ s: CellSource) -> Source {
            var out = Source(kind: "")
            var location: SourceLocation?
            switch s {
            case .formula(let f):
                out.kind = "formula"
                out.formula = f.text
                location = f.location
            case .input(let input):
                out.kind = "input"
                switch input.setBy {
                case .definition: out.setBy = "definition"
                case .assignment: out.setBy = "assignment"
                case .scenario(let name): out.setBy = "scenario"; out.scenario = name
                case .whatIf: out.setBy = "set"
                }
                out.text = input.text
                if input.setBy != .whatIf { location = input.location }
                out.data = input.data.map { cell in
                    DataCell(file: cell.path, line: cell.line, column: cell.column, header: cell.header,
                             rows: cell.summed.isEmpty ? nil : cell.summed.map { DataRow(line: $0.line, column: $0.column) },
                             vouchers: cell.vouchers.isEmpty ? nil : cell.vouchers, fileChanged: cell.fileChanged ? true : nil,
                             negated: cell.negated ? true : nil)
                }
            case .actual(let overlay):
                out.kind = "actual"
                out.actualsThrough = model.timeline.label(overlay.actualsThrough)
                out.actual = model.text(of: overlay.actual)
            }
            out.file = location?.file.path
            out.line = location?.line
            return out
        }

        func expansionName(_ e: ExplainedCell.Expansion) -> String {
            switch e {
            case .expanded: "expanded"
            case .input: "input"
            case .depthLimit: "depth_limit"
            case .shownAbove: "shown_above"
            case .sizeLimit: "size_limit"
            }
        }

        func readsName(_ k: Precedent.Kind) -> String {
            switch k {
            case .cell: "cell"
            case .range: "range"
            case .previous: "previous"
            case .yearToDate: "ytd"
            case .tertialToDate: "ttd"
            case .quarterToDate: "qtd"
            case .rolling: "rolling"
            case .period: "period"
            case .outsideTimeline: "outside_timeline"
            }
        }
    }
}

extension ExplainReport.Source {
    init(kind: String) { self.kind = kind }
}
