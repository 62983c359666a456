/// Where each cell of a definition was before an edit, for the changes watch lists when the
/// definition's block was made afresh: the model computed again whole (a new timeline, new
/// members, a parent mapping saved) or the definition of another shape. A cell is the same
/// cell when its definition has the same name and its members and period the same names, so a
/// value that did not change is not listed as a change however the block moved. The earlier
/// cells no cell maps to (a member or period gone) are the edit's removed cells.
struct EarlierCells {
    let storage: CellStorage
    /// For each of the definition's dimensions, each member's index in the earlier model, -1
    /// for a member that is new.
    private let memberMaps: [[Int]]
    /// The earlier block's stride of each dimension (the last dimension fastest).
    private let strides: [Int]
    /// Each period's index in the earlier timeline, -1 for a new one; one entry for a scalar.
    private let periodMap: [Int]
    private let members: Int
    private let earlierMembers: Int
    /// For each of the definition's dimensions, whether each earlier member is still there.
    private let keptMembers: [[Bool]]
    /// Whether each earlier period is still there; one entry for a scalar.
    private let keptPeriods: [Bool]

    /// Nil when the earlier evaluation has no definition of that name over as many dimensions,
    /// both series or both not: then every cell is new. The dimensions' own names do not
    /// count, as a cell's name (`x[A]`) has only its members: `dept` saved as `unit` with the
    /// same members keeps every cell, and a dimension with other members has only new cells.
    init?(slot: Int, of model: CheckedModel, in earlier: Evaluation) {
        let d = model.definitions[slot]
        let before = earlier.model
        guard let oldSlot = before.slot(named: d.name), oldSlot < earlier.blocks.count else { return nil }
        let o = before.definitions[oldSlot]
        guard o.isSeries == d.isSeries, o.dimensions.count == d.dimensions.count else { return nil }
        storage = earlier.blocks[oldSlot]
        memberMaps = zip(o.dimensions, d.dimensions).map { old, new in
            let was = before.dimensions[old], now = model.dimensions[new]
            if was.members == now.members { return Array(now.members.indices) }
            return now.members.map { was.memberIndex[$0] ?? -1 }
        }
        var strides = Array(repeating: 1, count: o.dimensions.count)
        for k in strides.indices.reversed().dropFirst() { strides[k] = strides[k + 1] * before.dimensions[o.dimensions[k + 1]].members.count }
        self.strides = strides
        if d.isSeries {
            var periods: [String: Int] = [:]
            for p in 0..<before.timeline.count { periods[before.timeline.label(p)] = p }
            periodMap = (0..<model.timeline.count).map { periods[model.timeline.label($0)] ?? -1 }
        } else {
            periodMap = [0]
        }
        members = model.memberCount(of: slot)
        earlierMembers = before.memberCount(of: oldSlot)
        keptMembers = zip(o.dimensions, memberMaps).map { old, map in
            Self.kept(map, of: before.dimensions[old].members.count)
        }
        keptPeriods = Self.kept(periodMap, of: d.isSeries ? before.timeline.count : 1)
    }

    /// Which of `count` earlier indices a map from the new ones to them reaches.
    private static func kept(_ map: [Int], of count: Int) -> [Bool] {
        var kept = Array(repeating: false, count: count)
        for i in map where i >= 0 { kept[i] = true }
        return kept
    }

    /// The indices in the earlier block of the cells that are no more: a member or a period of
    /// theirs is gone. Empty, without looking at the cells, when nothing is gone.
    func removedIndices() -> [Int] {
        guard keptPeriods.contains(false) || keptMembers.contains(where: { $0.contains(false) }) else { return [] }
        return (0..<storage.count).filter { index in
            guard keptPeriods[index / earlierMembers] else { return true }
            let member = index % earlierMembers
            return keptMembers.indices.contains { k in !keptMembers[k][member / strides[k] % keptMembers[k].count] }
        }
    }

    /// The cell's value before the edit, nil when the cell is new.
    subscript(index: Int) -> Value? {
        let period = periodMap[index / members]
        guard period >= 0 else { return nil }
        var rest = index % members
        var at = period * earlierMembers
        for k in memberMaps.indices.reversed() {
            let map = memberMaps[k]
            let member = map[rest % map.count]
            guard member >= 0 else { return nil }
            at += member * strides[k]
            rest /= map.count
        }
        return storage[at]
    }
}
