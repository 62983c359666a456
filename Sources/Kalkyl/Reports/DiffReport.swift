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

    /// The differences of `to` against `from`, two evaluations of one model.
    public init(from: Evaluation, to: Evaluation, fromName: String, toName: String) {
        let model = from.model
        var groups: [Group] = []
        for slot in model.definitions.indices where !model.definitions[slot].isCheck {
            let a = from.values(of: slot), b = to.values(of: slot)
            let m = model.memberCount(of: slot)
            let d = model.definitions[slot]
            var cells: [Cell] = []
            for i in 0..<a.count where !a[i].isIdentical(to: b[i]) {
                var difference: Double?, percent: Double?
                if case .number(let x) = a[i], case .number(let y) = b[i] {
                    difference = y - x
                    percent = x == 0 ? nil : (y - x) / abs(x)
                }
                cells.append(Cell(cell: from.cellName(slot: slot, index: i),
                                  period: d.isSeries ? model.timeline.label(i / m) : nil,
                                  members: model.memberNames(of: slot, member: i % m),
                                  from: a[i], to: b[i], difference: difference, percent: percent))
            }
            guard !cells.isEmpty else { continue }
            cells.sort { abs($0.difference ?? .infinity) > abs($1.difference ?? .infinity) }
            groups.append(Group(name: d.name, label: d.label, unit: d.unit, cells: cells))
        }
        self.model = model.name
        self.from = fromName
        self.to = toName
        self.differences = groups.sorted { ($0.largestPercent, $1.name) > ($1.largestPercent, $0.name) }
    }

    /// `kalkyl diff --format json`: each definition on a line, and each of its cells.
    public func json() -> String {
        let encoder = ReportEncoder(brokenPaths: ["", "differences", "differences/*/cells"])
        return (try? encoder.encode(self)) ?? "{}\n"
    }
}
