/// How a call carries units, for the unit checker. A registered function's rule is part of its
/// description (`FunctionSpec.units`); only the forms the checker compiles itself, AS and the
/// time functions, which are not functions of the registry, are listed here.
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

    /// AS and the time functions (`FunctionRegistry.timeFunctions`).
    static let compiledForms: [String: Rule] = [
        "AS": .declares,
        "PREV": .sameAs([0, 1]), "YTD": .sameAs([0]), "QTD": .sameAs([0]), "TTD": .sameAs([0]), "ROLLING": .sameAs([0]),
    ]

    static func rule(_ name: String) -> Rule {
        if let form = compiledForms[name.uppercased()] { return form }
        switch FunctionRegistry.lookup(name)?.units ?? .unchecked {
        case .sameAs(let positions): return .sameAs(positions)
        case .plainNumber: return .plainNumber
        case .unchecked: return .unchecked
        }
    }
}
