/// A run of cells an operator reads: `count` cells of `storage` from `offset`, or a single
/// cell standing for every one when `stride` is 0 (a scalar, broadcast).
struct Vec {
    let storage: CellStorage
    let offset: Int
    let stride: Int

    @inline(__always) func value(_ i: Int) -> Value { storage[offset + i * stride] }

    var numbers: UnsafeMutablePointer<Double> { storage.numbers + offset }

    /// Whether the `n` cells read hold only numbers, so kernels can take their fast path.
    func allNumbers(_ n: Int) -> Bool {
        guard let kinds = storage.kinds else { return storage.uniformKind == .number }
        for i in 0..<(stride == 0 ? 1 : n) where kinds[offset + i] != .number { return false }
        return true
    }

    /// Whether the `n` cells read are numbers or booleans (which conditions read as 0 and 1).
    func allNumbersOrBools(_ n: Int) -> Bool {
        guard let kinds = storage.kinds else { return true }   // uniformly numbers or booleans
        for i in 0..<(stride == 0 ? 1 : n) where kinds[offset + i] != .number && kinds[offset + i] != .bool { return false }
        return true
    }

    static func constant(_ v: Value) -> Vec {
        let s = CellStorage(count: 1)
        s[0] = v
        return Vec(storage: s, offset: 0, stride: 0)
    }
}

/// Several cells for an aggregate, the same for every cell being computed: runs of a
/// block (a period's members, a member's periods), or loose values.
struct RangeCells {
    struct Segment {
        let storage: CellStorage
        let offset: Int
        let count: Int
        let stride: Int
    }
    var segments: [Segment] = []
    var loose: [Value] = []
    /// For all members of one period of a block: the block's slot, so an update can find
    /// which of these cells changed.
    var source: Int? = nil

    var count: Int { segments.reduce(loose.count) { $0 + $1.count } }

    var allNumbers: Bool {
        guard loose.isEmpty else { return false }
        for s in segments {
            guard let kinds = s.storage.kinds else {
                if s.storage.uniformKind != .number { return false }
                continue
            }
            for i in 0..<s.count where kinds[s.offset + i * s.stride] != .number { return false }
        }
        return true
    }

    /// The cells in order, for functions without a fast path.
    var values: [Value] {
        var out = loose
        out.reserveCapacity(count)
        for s in segments { for i in 0..<s.count { out.append(s.storage[s.offset + i * s.stride]) } }
        return out
    }
}

/// For each member being computed, its own cells over some periods: `SUM(cost)` in a
/// formula per employee reads each employee's row of months.
struct RowRanges {
    let storage: CellStorage
    /// The first cell of each period read (nil for a period off the timeline).
    let periodStarts: [Int?]
    /// For each member being computed, the source member it reads.
    let members: [Int]

    var allNumbers: Bool {
        guard !periodStarts.contains(nil) else { return false }
        guard let kinds = storage.kinds else { return storage.uniformKind == .number }
        for start in periodStarts { for m in members where kinds[start! + m] != .number { return false } }
        return true
    }

    /// The cells of member i, for functions without a fast path.
    func values(_ i: Int) -> [Value] {
        periodStarts.map { start in start.map { storage[$0 + members[i]] } ?? .error(.ref) }
    }
}

/// Where a kernel writes its `n` results.
struct Destination {
    let storage: CellStorage
    let offset: Int

    /// Prepares `n` cells to receive plain numbers, and returns where to write them.
    func numbers(_ n: Int) -> UnsafeMutablePointer<Double> { prepare(n, .number) }

    /// Prepares `n` cells to receive booleans (0 or 1 in `numbers`).
    func bools(_ n: Int) -> UnsafeMutablePointer<Double> { prepare(n, .bool) }

    func prepare(_ n: Int, _ kind: Kind) -> UnsafeMutablePointer<Double> {
        if offset == 0 && n == storage.count {
            storage.setUniform(kind)
        } else if storage.kinds != nil || storage.uniformKind != kind {
            let kinds = storage.makeKinds()
            if !storage.texts.isEmpty { for i in 0..<n where kinds[offset + i] == .text { storage.setText(nil, at: offset + i) } }
            (kinds + offset).update(repeating: kind, count: n)
        }
        return storage.numbers + offset
    }

    @inline(__always) func set(_ i: Int, _ v: Value) { storage[offset + i] = v }
}
