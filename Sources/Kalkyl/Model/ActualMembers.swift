extension Checker {
    /// Of the `m` members a read gives each period (its statement's dimensions left open, the
    /// last fastest), those that hold the actuals: every one when the statement sets `actual`
    /// (`input kost[actual, enhet, month] = data …`), those whose version is `actual` when the
    /// version is read from the file's key column (a ledger holding actuals and budget, `key
    /// Version, Ansvar`), nil when the statement reads another version or none, or the model
    /// has no closed month.
    func actualMembers(shape: NameShape, members: [Int?], names: NameTable) -> [Int]? {
        guard let c = closedActuals, shape.isSeries, let k = shape.dimensions.firstIndex(of: c.dimension), members.indices.contains(k) else { return nil }
        let open = zip(shape.dimensions, members).filter { $0.1 == nil }.map(\.0)
        let m = names.memberCount(open)
        if let member = members[k] { return member == c.actual ? Array(0..<m) : nil }
        guard let j = open.firstIndex(of: c.dimension) else { return nil }
        let size = names.size(open[j]), stride = open[(j + 1)...].reduce(1) { $0 * names.size($1) }
        guard size > 0, stride > 0 else { return nil }
        return (0..<m).filter { ($0 / stride) % size == c.actual }
    }
}
