/// A model's scorecard as computed: each perspective's count per status, and each measure's
/// rule, parts and status. Part of `eval`'s report.
public struct ScorecardReport: Codable, Sendable {
    public struct Perspective: Codable, Sendable {
        public var name: String
        /// The number of measures per status, keyed by the status (`uppnått`, …).
        public var counts: OrderedEntries<Value>
    }

    /// The partial rule: `within` a band, or a second bound (`at most`, `between`, …).
    public struct Partial: Codable, Sendable {
        public var rule: String
        public var value: Value?
        public var high: Value?
    }

    public struct Measure: Codable, Sendable {
        public var name: String
        public var label: String?
        public var perspective: String
        public var unit: String?
        public var direction: String
        public var baseline: Value?
        public var target: Value?
        public var targetHigh: Value?
        public var partial: Partial?
        public var outcome: Value?
        public var trend: Value?
        public var status: Value?

        enum CodingKeys: String, CodingKey {
            case name, label, perspective, unit, direction, baseline, target, targetHigh = "target_high", partial, outcome, trend, status
        }
    }

    public var perspectives: [Perspective]
    public var measures: [Measure]

    public init(evaluation: Evaluation, scorecard: Scorecard) {
        func value(_ slot: Int?) -> Value? { slot.map { evaluation.values(of: $0)[0] } }
        perspectives = scorecard.perspectives.enumerated().map { p, name in
            Perspective(name: name, counts: OrderedEntries(zip(Scorecard.Status.allCases, scorecard.counts[p]).map {
                ($0.rawValue, evaluation.values(of: $1)[0])
            }))
        }
        measures = scorecard.measures.map { m in
            let partial: Partial? = switch m.partial {
            case .none: nil
            case .within: Partial(rule: "within", value: value(m.slots.partial), high: nil)
            case .bound(let d): Partial(rule: d.keyword, value: value(m.slots.partial), high: value(m.slots.partialHigh))
            }
            return Measure(name: m.name, label: m.label, perspective: scorecard.perspectives[m.perspective], unit: m.unit,
                           direction: m.direction.keyword, baseline: value(m.slots.baseline), target: value(m.slots.target),
                           targetHigh: value(m.slots.targetHigh), partial: partial, outcome: value(m.slots.outcome),
                           trend: value(m.slots.trend), status: value(m.slots.status))
        }
    }
}
