/// A model's scorecard (styrkort): its perspectives, its measures, and the definitions that
/// hold each measure's parts, status and the counts per perspective.
///
/// A measure is compiled into ordinary scalar definitions, so the engine, `explain`, what-ifs
/// and the workbook treat them like any other: `NAME.baseline`, `NAME.target` (or
/// `NAME.target_low` and `NAME.target_high`), `NAME.partial` (or `.partial_low`,
/// `.partial_high`, `.tolerance`), `NAME.outcome`, `NAME.trend` (with a baseline and an
/// outcome) and `NAME` itself, the status. A part written as a constant is an input. Each perspective P gets `P.uppnått`,
/// `P.delvis_uppnått` and `P.inte_uppnått`, the number of its measures with that status.
public struct Scorecard: Sendable {
    /// The verdicts the reports give, in the reports' words.
    public enum Status: String, Sendable, CaseIterable {
        case met = "uppnått"
        case partlyMet = "delvis uppnått"
        case notMet = "inte uppnått"

        /// The suffix of a perspective's count: `Verksamhet.delvis_uppnått`.
        public var countSuffix: String { rawValue.replacingOccurrences(of: " ", with: "_") }
    }

    /// Which way the outcome must go.
    public enum Direction: Sendable, Equatable {
        case atLeast, atMost, above, below, between, increase, decrease
        /// No target: the status is the controller's assessment.
        case assessed

        /// The direction as the model writes it: `at most`, `between`, …
        public var keyword: String {
            switch self {
            case .atLeast: "at least"
            case .atMost: "at most"
            case .above: "above"
            case .below: "below"
            case .between: "between"
            case .increase: "increase"
            case .decrease: "decrease"
            case .assessed: "assessed"
            }
        }
    }

    /// When a measure that is not met is "delvis uppnått".
    public enum PartialRule: Sendable, Equatable {
        /// Never: a measure is met or not.
        case none
        /// A second target in the same direction (`partial at most 12`).
        case bound(Direction)
        /// Within a band of the target, or of the baseline for increase and decrease.
        case within
    }

    /// The definitions that hold a measure's parts, by slot.
    public struct Slots: Sendable, Equatable {
        public internal(set) var status: Int
        public internal(set) var outcome: Int?
        public internal(set) var baseline: Int?
        /// The target, or for `between` its lower bound.
        public internal(set) var target: Int?
        public internal(set) var targetHigh: Int?
        /// The partial target, or for `between` its lower bound, or the band's width.
        public internal(set) var partial: Int?
        public internal(set) var partialHigh: Int?
        /// "↑", "↓" or "→": the outcome against the baseline (utveckling), when it has both.
        public internal(set) var trend: Int? = nil
    }

    public struct Measure: Sendable {
        public internal(set) var name: String
        public internal(set) var label: String?
        public internal(set) var unit: String?
        /// Index into ``Scorecard/perspectives``.
        public internal(set) var perspective: Int
        public internal(set) var direction: Direction
        public internal(set) var partial: PartialRule
        public internal(set) var slots: Slots
        public internal(set) var location: SourceLocation
    }

    /// The dimension `perspective`, whose members are the perspectives in order.
    public internal(set) var dimension: Int
    public internal(set) var perspectives: [String]
    public internal(set) var measures: [Measure]
    /// For each perspective, the slot of its count for each status (in `Status.allCases` order).
    public internal(set) var counts: [[Int]]

    /// The slots generated for the scorecard, to tell them from the model's own definitions.
    public var generatedSlots: Set<Int> {
        var slots = Set(counts.joined())
        for m in measures {
            let s = m.slots
            for slot in [s.status, s.outcome, s.baseline, s.target, s.targetHigh, s.partial, s.partialHigh, s.trend].compactMap({ $0 }) {
                slots.insert(slot)
            }
        }
        return slots
    }
}
