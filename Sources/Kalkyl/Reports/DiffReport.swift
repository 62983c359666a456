import Foundation

/// Every value that differs between two evaluations of a model (two scenarios), grouped by
/// definition: definitions by their largest change in per cent, their cells by the size of
/// the change. `json()` is `kalkyl diff --format json`.
public struct DiffReport: Codable, Sendable {
    /// One definition's cells that differ.
    public struct Group: Codable, Sendable {
        public var name: String
        public var label: String?
        public var unit: String?
        public var cells: [Cell]

        /// The largest change in per cent, for ordering definitions of different units.
        var largestPercent: Double { cells.map { abs($0.percent ?? .infinity) }.max() ?? 0 }
    }

    public struct Cell: Codable, Sendable {
        /// `name[members, period]`.
        public var cell: String
        public var period: String?
        public var members: [String]
        public var from: Value
        public var to: Value
        /// `to - from` when both are numbers.
        public var difference: Double?
        /// The change over the old value's size; nil when the old value is 0 or not a number.
        public var percent: Double?
    }

    public var model: String
    /// The scenarios compared: `to` against `from`.
    public var from: String
    public var to: String
    public var differences: [Group]

    /// Scenario `to` against scenario `from` (nil for base) of a model, both computed from one
    /// evaluation of the base with the `whatIfs`: each scenario recomputes only what its
    /// overrides reach. With `slots`, only those definitions are compared.
    public init(model: CheckedModel, order: EvaluationOrder, from: Scenario?, to: Scenario?, whatIfs: [InputAssignment] = [],
                slots: [Int]? = nil) {
        let base = Evaluation(model: model, order: order)
        base.evaluateAll()
        if !whatIfs.isEmpty { base.set(whatIfs) }
        let fromEvaluation = from == nil ? base : base.fork(scenario: from).0
        let toEvaluation = to == nil ? base : base.fork(scenario: to).0
        self.init(from: fromEvaluation, to: toEvaluation, fromName: from?.name ?? "base", toName: to?.name ?? "base", slots: slots)
    }

    /// The differences of `to` against `from`, two evaluations of one model.
    /// With `slots`, only those definitions are compared.
    public init(from: Evaluation, to: Evaluation, fromName: String, toName: String, slots: [Int]? = nil) {
        let model = from.model
        var groups: [Group] = []
        for slot in slots ?? Array(model.definitions.indices) where !model.definitions[slot].isCheck {
            let a = from.values(of: slot), b = to.values(of: slot)
            let m = model.memberCount(of: slot)
            let d = model.definitions[slot]
            var cells: [(index: Int, cell: Cell)] = []
            for i in 0..<a.count where !a[i].isIdentical(to: b[i]) {
                var difference: Double?, percent: Double?
                if case .number(let x) = a[i], case .number(let y) = b[i] {
                    difference = y - x
                    percent = x == 0 ? nil : (y - x) / abs(x)
                }
                cells.append((i, Cell(cell: from.cellName(slot: slot, index: i),
                                  period: d.isSeries ? model.timeline.label(i / m) : nil,
                                  members: model.memberNames(of: slot, member: i % m),
                                  from: a[i], to: b[i], difference: difference, percent: percent)))
            }
            guard !cells.isEmpty else { continue }
            if d.isSeries {
                // A series reads in time: each member's periods in order.
                cells.sort { ($0.index % m, $0.index / m) < ($1.index % m, $1.index / m) }
            } else {
                cells.sort { (abs($0.cell.difference ?? .infinity), -$0.index) > (abs($1.cell.difference ?? .infinity), -$1.index) }
            }
            groups.append(Group(name: d.name, label: d.label, unit: d.unit, cells: cells.map(\.cell)))
        }
        self.model = model.name
        self.from = fromName
        self.to = toName
        self.differences = groups.sorted { ($0.largestPercent, $1.name) > ($1.largestPercent, $0.name) }
    }

    /// `kalkyl diff --format csv`: a header, then a row per cell that differs, numbers exact.
    public func csv() -> String {
        var out = "name,label,unit,cell,period,members,from,to,difference,percent\n"
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        func value(_ v: Value) -> String {
            switch v {
            case .number(let x): NumberText.exact(x)
            case .text(let s): field(s)
            case .bool(let b): b ? "TRUE" : "FALSE"
            case .error(let e): e.spelling
            case .blank: ""
            }
        }
        for g in differences {
            for c in g.cells {
                out += [field(g.name), field(g.label ?? ""), field(g.unit ?? ""), field(c.cell), c.period ?? "", field(c.members.joined(separator: "/")),
                        value(c.from), value(c.to), c.difference.map(NumberText.exact) ?? "", c.percent.map(NumberText.exact) ?? ""]
                    .joined(separator: ",") + "\n"
            }
        }
        return out
    }

    /// `kalkyl diff --format json`: each definition on a line, and each of its cells.
    public func json() -> String {
        let encoder = ReportEncoder(brokenPaths: ["", "differences", "differences/*/cells"])
        return (try? encoder.encode(self)) ?? "{}\n"
    }
}
