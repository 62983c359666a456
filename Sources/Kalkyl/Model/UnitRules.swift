/// How the functions the unit checker knows carry units. A function not listed is not
/// checked: its result has no unit the checker can hold a formula to.
enum UnitRules {
    enum Rule: Equatable {
        /// The arguments at these positions (all, when nil) need one unit, which is the result's.
        case sameAs(Set<Int>?)
        /// The result is a plain number, whatever the arguments (COUNT).
        case plainNumber
        /// `AS(expr, unit)`: the result is `unit`, the argument's own unit is set aside.
        case declares
        case unchecked
    }

    static let table: [String: Rule] = [
        "AS": .declares,
        "SUM": .sameAs(nil), "MIN": .sameAs(nil), "MAX": .sameAs(nil), "AVERAGE": .sameAs(nil),
        "IF": .sameAs([1, 2]), "IFERROR": .sameAs([0, 1]),
        "ROUND": .sameAs([0]), "ROUNDUP": .sameAs([0]), "ROUNDDOWN": .sameAs([0]), "ABS": .sameAs([0]),
        "PREV": .sameAs([0, 1]), "YTD": .sameAs([0]), "QTD": .sameAs([0]), "TTD": .sameAs([0]), "ROLLING": .sameAs([0]),
        "COUNT": .plainNumber,
    ]

    static func rule(_ name: String) -> Rule { table[name] ?? .unchecked }
}
