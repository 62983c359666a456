import Foundation

/// XLOOKUP's and XMATCH's search: a match mode (exact, or the next smaller or larger item
/// when there is no exact one, wildcards, a regular expression) and a search mode (from the
/// first, from the last, or a binary search of data sorted either way).
struct ExtendedSearch {
    enum Match: Int { case exact = 0, orSmaller = -1, orLarger = 1, wildcard = 2, regex = 3 }
    enum Direction: Int { case first = 1, last = -1, ascending = 2, descending = -2 }

    let match: Match
    let direction: Direction

    /// The modes from the call's arguments at `matchIndex` and `matchIndex + 1`; #VALUE! for a mode Excel does not have.
    static func modes(_ a: ShapedArguments, matchIndex: Int) -> Result<ExtendedSearch, ExcelError> {
        let m: Int, d: Int
        switch a.integer(matchIndex, default: 0) {
        case .failure(let e): return .failure(e)
        case .success(let x): m = x
        }
        switch a.integer(matchIndex + 1, default: 1) {
        case .failure(let e): return .failure(e)
        case .success(let x): d = x
        }
        guard let match = Match(rawValue: m), let direction = Direction(rawValue: d) else { return .failure(.value) }
        // A binary search cannot look for a pattern.
        if match == .wildcard || match == .regex, direction == .ascending || direction == .descending { return .failure(.value) }
        return .success(ExtendedSearch(match: match, direction: direction))
    }

    /// The index of the cell found for `wanted`, nil when there is none (or #VALUE! for a
    /// regular expression that does not compile).
    func find(_ wanted: Value, in cells: [Value]) -> Result<Int?, ExcelError> {
        switch direction {
        case .ascending, .descending: return .success(binary(wanted, cells))
        case .first, .last: break
        }
        let order: [Int] = direction == .first ? Array(cells.indices) : cells.indices.reversed()
        switch match {
        case .wildcard:
            let pattern: WildcardPattern?
            if case .text(let t) = wanted { pattern = WildcardPattern(t) } else { pattern = nil }
            return .success(order.first { LookupOrder.equals(cells[$0], wanted, pattern: pattern) })
        case .regex:
            guard case .text(let t) = wanted else { return .success(order.first { LookupOrder.compare(cells[$0], wanted) == 0 }) }
            guard let regex = try? NSRegularExpression(pattern: t) else { return .failure(.value) }
            return .success(order.first { i in
                guard case .text(let s) = cells[i] else { return false }
                return regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
            })
        case .exact, .orSmaller, .orLarger:
            if let hit = order.first(where: { LookupOrder.compare(cells[$0], wanted) == 0 }) { return .success(hit) }
            guard match != .exact else { return .success(nil) }
            // The nearest item on the wanted side, in sort order; the first found among equals.
            var best: Int?
            for i in order {
                guard let side = LookupOrder.sortOrder(cells[i], wanted), side == (match == .orSmaller ? -1 : 1) else { continue }
                if let b = best, let closer = LookupOrder.sortOrder(cells[i], cells[b]), closer != (match == .orSmaller ? 1 : -1) { continue }
                best = i
            }
            return .success(best)
        }
    }

    /// A binary search of sorted data, as Excel does it: the last item at most (ascending) or
    /// at least (descending) the value; an equal one is the match, else its neighbour on the
    /// side the match mode asks for.
    func binary(_ wanted: Value, _ cells: [Value]) -> Int? {
        let descending = direction == .descending
        let last = LookupOrder.lastHolding(cells.count) { i in
            guard let order = LookupOrder.sortOrder(cells[i], wanted) else { return !descending }
            return descending ? order >= 0 : order <= 0
        }
        if let last, LookupOrder.compare(cells[last], wanted) == 0 { return last }
        let smaller = descending ? (last ?? -1) + 1 : last
        let larger = descending ? last : (last ?? -1) + 1
        switch match {
        case .orSmaller: return smaller.flatMap { cells.indices.contains($0) ? $0 : nil }
        case .orLarger: return larger.flatMap { cells.indices.contains($0) ? $0 : nil }
        default: return nil
        }
    }
}
