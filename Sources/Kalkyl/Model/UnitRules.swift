/// How a call carries units, for the unit checker: a registered function's rule
/// (`FunctionSpec.units`) with its parameters resolved to the positions of one call's
/// arguments. Only the forms the checker compiles itself, AS and the time functions, which are
/// not functions of the registry, are listed here.
enum UnitRules {
    enum Rule: Equatable {
        /// The arguments at these positions (all, when nil) need one unit, which is the result's.
        case sameAs(Set<Int>?)
        /// The unit of argument 0; the arguments at these positions have it or are plain.
        case firstArgument(orPlain: Set<Int>)
        /// The result is a plain number; the arguments at these positions need one unit.
        case plainNumberOf(Set<Int>)
        /// Units multiply (`*`), divide (`/`), square, take a square root, or follow `^`.
        case product, quotient, squared, squareRoot, power
        /// The result fits any unit, as a number written in the formula (NA(), PI()).
        case anyUnit
        /// `AS(expr, unit)`: the result is `unit`, the argument's own unit is set aside.
        case declares
        /// Text or a date: not a figure, and left out beside figures in a choice.
        case notAFigure
        /// A spec without a rule: not checked.
        case unchecked

        /// A plain number, whatever the arguments.
        static let plainNumber = Rule.plainNumberOf([])
    }

    /// AS and the time functions (`FunctionRegistry.timeFunctions`).
    static let compiledForms: [String: Rule] = [
        "AS": .declares,
        "PREV": .sameAs([0, 1]), "YTD": .sameAs([0]), "QTD": .sameAs([0]), "TTD": .sameAs([0]), "ROLLING": .sameAs([0]),
    ]

    /// The rule of a call of `name` with `count` arguments as written.
    static func rule(_ name: String, argumentCount count: Int) -> Rule {
        if let form = compiledForms[name.uppercased()] { return form }
        guard let spec = FunctionRegistry.lookup(name) else { return .unchecked }
        switch spec.units {
        case .sameAs(let positions): return .sameAs(positions)
        case .sameAsParameters(let names): return .sameAs(positions(of: names, in: spec, count: count))
        case .firstGiven(let names):
            let given = names.lazy.map { positions(of: [$0], in: spec, count: count) }.first { !$0.isEmpty }
            return .sameAs(given ?? [])
        case .firstArgument(let names): return .firstArgument(orPlain: positions(of: names, in: spec, count: count))
        case .plainNumber: return .plainNumber
        case .plainNumberOf(let names): return .plainNumberOf(positions(of: names, in: spec, count: count))
        case .product: return .product
        case .quotient: return .quotient
        case .squared: return .squared
        case .squareRoot: return .squareRoot
        case .power: return .power
        case .anyUnit: return .anyUnit
        case .text, .date: return .notAFigure
        case .unchecked: return .unchecked
        }
    }

    /// The arguments a lookup compares, which need one unit whatever its result: the value
    /// looked up and the array it is looked up in (`XLOOKUP(lon, tak, …)` with lon in kr and
    /// tak in mnkr compares kronor with millions), and SWITCH's expression with each value (the
    /// first parameter with each of the others, pair by pair: `UnitChecker.compare`). A plain
    /// number on either side fits, as one written does: a table of thresholds declared without
    /// a unit is looked up by kronor.
    static let comparedParameters: [String: Set<String>] = [
        "MATCH": ["lookup_value", "lookup_array"], "XMATCH": ["lookup_value", "lookup_array"],
        "XLOOKUP": ["lookup_value", "lookup_array"], "LOOKUP": ["lookup_value", "lookup_vector"],
        "VLOOKUP": ["lookup_value", "table_array"], "HLOOKUP": ["lookup_value", "table_array"],
        "SWITCH": ["expression", "value"],
    ]

    /// The positions of the arguments a call of `name` with `count` arguments compares.
    static func compared(_ name: String, argumentCount count: Int) -> Set<Int> {
        guard let names = comparedParameters[name.uppercased()], let spec = FunctionRegistry.lookup(name) else { return [] }
        return positions(of: names, in: spec, count: count)
    }

    /// The positions of the arguments standing for the parameters `names` in a call of `count`
    /// arguments; a left-out one that defaults to another argument adds that argument.
    static func positions(of names: Set<String>, in spec: FunctionSpec, count: Int) -> Set<Int> {
        var found = Set((0..<count).filter { spec.parameter(at: $0, of: count).map { names.contains($0.name) } ?? false })
        for (k, p) in spec.parameters.enumerated() where names.contains(p.name) && k >= count {
            if case .argument(let other) = p.defaultValue, other < count { found.insert(other) }
        }
        return found
    }
}
