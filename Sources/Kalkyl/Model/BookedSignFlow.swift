/// Which SIE inputs of no kind a value is computed from, and with which sign: a `revenue`
/// line written `SUM(utfall_sie[konto])` over amounts read as booked (revenue a credit,
/// negative) is negative, and its variance against a budget kept positive has the wrong sign
/// (red team after t19: −220 where +20 is right, exit 0). The sign is followed through `+`,
/// `-`, a negation, `*` or `/` by a negative number written in the formula, and the functions
/// whose result carries an argument's amounts (SUM, lookups, IF's branches: their unit rule),
/// into the lines of no kind a formula names. A line of a declared kind is checked on its
/// own and is not followed; a comparison, a count, ABS or a variance carries no sign.
struct SignedSIEReads: Equatable {
    /// The SIE inputs whose amounts reach the value as read, and those that reach it negated.
    var asRead: [String] = []
    var negated: [String] = []
    /// A number written negative in the formula (`-1`), which turns a product around.
    var isNegativeNumber = false

    var isEmpty: Bool { asRead.isEmpty && negated.isEmpty }
    var turned: SignedSIEReads { SignedSIEReads(asRead: negated, negated: asRead) }

    func adding(_ other: SignedSIEReads) -> SignedSIEReads {
        SignedSIEReads(asRead: asRead + other.asRead.filter { !asRead.contains($0) },
                       negated: negated + other.negated.filter { !negated.contains($0) })
    }
}

struct BookedSignFlow {
    /// The model's definitions by name: the first statement of a name, which declares its
    /// kind (an input's assignments follow it).
    private let definitions: [String: Definition]
    /// The inputs whose amounts are followed: for K0224 those a statement of which reads a SIE
    /// file (the definition, or an assignment: `input kost[actual, ansvar, konto, month] = data
    /// "gl.se" sie vouchers …`); for K0225 at a VARIANCE every data input of no kind.
    private let sources: Set<String>
    private var known: [String: SignedSIEReads] = [:]

    init(_ written: [Definition], sources: Set<String>) {
        definitions = Dictionary(written.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.sources = sources
    }

    /// A flow in which each of `names` stands for itself: the signs its reads take within
    /// one formula (`VARIANCE(intakt, -intakt_budget)` reads `intakt_budget` negated).
    init(readingThemselves names: [String]) {
        definitions = [:]
        sources = []
        known = Dictionary(names.map { ($0, SignedSIEReads(asRead: [$0])) }, uniquingKeysWith: { first, _ in first })
    }

    /// The SIE inputs `name` is computed from: itself for a SIE input of no kind, what its
    /// formula reads for a line of no kind. Followed without recursion, so a long chain of
    /// definitions cannot overflow the stack; a cycle (an error elsewhere) reads as nothing.
    mutating func reads(of name: String) -> SignedSIEReads {
        var pending = [name]
        var visiting: Set<String> = []
        while let next = pending.last {
            if known[next] != nil {
                pending.removeLast()
                continue
            }
            guard let d = definitions[next], d.kind == nil else {
                known[next] = SignedSIEReads()
                pending.removeLast()
                continue
            }
            if sources.contains(next) {
                known[next] = SignedSIEReads(asRead: [next])
                pending.removeLast()
                continue
            }
            let unknown = d.expression.references.map(\.name).filter { known[$0] == nil && definitions[$0] != nil && !visiting.contains($0) }
            if visiting.insert(next).inserted, !unknown.isEmpty {
                pending += unknown
                continue
            }
            known[next] = d.source == nil ? reads(in: d.expression) : SignedSIEReads()
            pending.removeLast()
        }
        return known[name] ?? SignedSIEReads()
    }

    /// The SIE inputs the expression's value is computed from, once the names it reads are known.
    private func reads(in e: FormulaTree) -> SignedSIEReads {
        readsPerNode(e).last ?? SignedSIEReads()
    }

    /// What each node of `e` is computed from, once the names it reads are known.
    func readsPerNode(_ e: FormulaTree) -> [SignedSIEReads] {
        var at: [SignedSIEReads] = []
        at.reserveCapacity(e.nodes.count)
        for node in e.nodes {
            at.append(reads(of: node.kind, at: at))
        }
        return at
    }

    private func reads(of kind: NodeKind, at: [SignedSIEReads]) -> SignedSIEReads {
        switch kind {
        case .name(let n), .subscripted(let n, _, _, _):
            return known[n] ?? SignedSIEReads()
        case .negate(let a):
            var r = at[a].turned
            if at[a].isEmpty, !at[a].isNegativeNumber { r.isNegativeNumber = true }
            return r
        case .plus(let a), .group(let a), .percent(let a):
            return at[a]
        case .binary(let op, let a, let b):
            switch op {
            case .add: return at[a].adding(at[b])
            case .subtract: return at[a].adding(at[b].turned)
            case .multiply, .divide:
                // A product of two amounts read has no sign of its own to keep.
                if !at[a].isEmpty, !at[b].isEmpty { return SignedSIEReads() }
                let (amounts, factor) = at[a].isEmpty ? (at[b], at[a]) : (at[a], at[b])
                return factor.isNegativeNumber ? amounts.turned : amounts
            default:
                return SignedSIEReads()
            }
        case .call(let function, let args):
            // Most calls read no SIE amount: the function's rule is looked up only for those that do.
            guard args.contains(where: { !at[$0].isEmpty }), !Self.signless.contains(function.uppercased()) else { return SignedSIEReads() }
            let rule = UnitRules.rule(function, argumentCount: args.count)
            let carried: Set<Int>
            switch rule {
            case .sameAs(let positions?): carried = positions
            case .sameAs(nil), .product: carried = Set(args.indices)
            case .firstArgument, .declares, .quotient: carried = [0]
            default: return SignedSIEReads()
            }
            let amounts = carried.sorted().filter { $0 < args.count }.map { at[args[$0]] }
            if case .product = rule, amounts.filter({ !$0.isEmpty }).count > 1 {
                return SignedSIEReads()
            }
            return amounts.reduce(SignedSIEReads()) { $0.adding($1) }
        default:
            return SignedSIEReads()
        }
    }

    /// Functions whose result has no sign of the amounts: a magnitude, a favourable variance.
    private static let signless: Set<String> = ["ABS", "VARIANCE", "VARIANCE_PCT"]
}

extension Checker {
    /// A `revenue` or `result` formula computed from SIE amounts read as booked, with no
    /// negation anywhere (K0224, as the input read so would be); a `cost` formula computed
    /// from SIE amounts read with `credit positive`, likewise, also when other amounts reach
    /// it negated (revenue less costs, both as booked). A formula of no kind
    /// computed so joins the SIE inputs a VARIANCE checks (`names`).
    mutating func checkSignsThroughFormulas(_ written: [Definition], names: inout NameTable) {
        guard !names.sieAsBooked.isEmpty || !names.sieCreditPositive.isEmpty else { return }   // no SIE input: nothing to follow
        var flow = BookedSignFlow(written, sources: Set(names.sieAsBooked.keys).union(names.sieCreditPositive.keys))
        var seen: Set<String> = []
        for d in written where d.source == nil && !d.expression.nodes.isEmpty && seen.insert(d.name).inserted {
            guard let kind = d.kind?.kind else {
                let reads = flow.reads(of: d.name)
                guard reads.negated.isEmpty else { continue }
                let (asBooked, creditPositive) = (names.sieAsBooked, names.sieCreditPositive)
                if let input = reads.asRead.lazy.compactMap({ asBooked[$0] }).first { names.sieAsBooked[d.name] = input }
                if let input = reads.asRead.lazy.compactMap({ creditPositive[$0] }).first { names.sieCreditPositive[d.name] = input }
                continue
            }
            // Amounts read as booked come right into such a line only negated, every one of them
            // (revenue −(credits), a result −(revenue + costs)): one reaching it as read is wrong
            // whatever else the line reads (revenue less costs written `intakter - kostnader`).
            let reads = flow.reads(of: d.name, formulaOf: d)
            let wrong = kind == .cost ? names.sieCreditPositive : names.sieAsBooked
            guard let name = reads.asRead.first(where: { wrong[$0] != nil }), let input = wrong[name],
                  case .sie(let path, _, _, _, _)? = input.source else { continue }
            let statement = input.writtenOnOneLine(in: file)
            switch kind {
            case .revenue, .result:
                let kept = kind == .revenue ? "a revenue line, kept positive" : "a result line, kept in the report's signs (revenue positive, costs negative)"
                diagnostics.append(.error("'\(d.name)' is \(kept), but it is computed from '\(name)', read from \(path) as booked, revenue negative (a credit): "
                                          + "every variance of '\(d.name)' would have the wrong sign",
                                          at: location(d.expression.range),
                                          hint: "read credits positive: \(statement) credit positive; or negate the amounts in the formula, as in = -SUM(…)",
                                          code: .lineKindAgainstBookedSigns))
            case .cost:
                diagnostics.append(.error("'\(d.name)' is a cost line, kept positive, but it is computed from '\(name)', read from \(path) with credits positive, "
                                          + "costs negative: every variance of '\(d.name)' would have the wrong sign",
                                          at: location(d.expression.range),
                                          hint: "negate the amounts in the formula, as in = -SUM(…), or leave out credit positive: "
                                              + statement.replacingOccurrences(of: " credit positive", with: ""),
                                          code: .lineKindAgainstBookedSigns))
            }
        }
    }
}

extension BookedSignFlow {
    /// What the formula of the kinded line `d` reads (its own kind stops `reads(of:)`).
    mutating func reads(of name: String, formulaOf d: Definition) -> SignedSIEReads {
        for other in d.expression.references.map(\.name) where other != name { _ = reads(of: other) }
        return reads(in: d.expression)
    }
}
