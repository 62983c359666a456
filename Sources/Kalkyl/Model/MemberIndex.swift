/// A dimension's members by name: `index["Nätverk"]` is the member's position, the first
/// where a name repeats, nil for a name that is no member. Names are equal as `String`s are.
///
/// It keeps the member list it was made from (the dimension's own, shared, not copied) and
/// 4 bytes a slot, at most half of them used: 1 MB for 100,000 members, where a
/// `[String: Int]` took 6.3 MB. Names are hashed from their bytes (`KeyHash`).
public struct MemberIndex: Sendable {
    private let members: [String]
    /// Open addressing, probed linearly: each slot holds a position + 1, or 0 when empty.
    private let slots: [Int32]

    public init(_ members: [String]) {
        self.members = members
        var capacity = 8
        while capacity < 2 * members.count { capacity *= 2 }
        var slots = [Int32](repeating: 0, count: capacity)
        let mask = capacity - 1
        for (position, name) in members.enumerated() {
            var slot = KeyHash.exact(name) & mask
            while true {
                let entry = Int(slots[slot])
                if entry == 0 {
                    slots[slot] = Int32(position + 1)
                    break
                }
                if members[entry - 1] == name { break }   // a repeat: the first stays
                slot = (slot + 1) & mask
            }
        }
        self.slots = slots
    }

    /// The position of the member named `name`, nil when none is.
    public subscript(name: String) -> Int? {
        let mask = slots.count - 1
        var slot = KeyHash.exact(name) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return nil }
            if members[entry - 1] == name { return entry - 1 }
            slot = (slot + 1) & mask
        }
    }

    /// Whether a member is named `name`.
    public func contains(_ name: String) -> Bool { self[name] != nil }
}
