/// A dimension's members by name: `index["Nätverk"]` is the member's position, the first
/// where a name repeats, nil for a name that is no member. Names are equal as `String`s are.
///
/// It keeps the member list it was made from (the dimension's own, shared, not copied) and
/// 4 bytes a slot, at most half of them used: 1 MB for 100,000 members, where a
/// `[String: Int]` took 6.3 MB. Names are hashed from their bytes (`KeyHash`); a slot keeps a
/// tag of the hash beside the position (`SlotLayout`), so that a probe past another member
/// reads no name from the list.
public struct MemberIndex: Sendable {
    private let members: [String]
    /// Open addressing, probed linearly: each slot holds a position + 1 and a tag, or 0 when empty.
    private let slots: [UInt32]

    public init(_ members: [String]) {
        self.members = members
        var capacity = 8
        while capacity < 2 * members.count { capacity *= 2 }
        var slots = [UInt32](repeating: 0, count: capacity)
        let mask = capacity - 1, layout = SlotLayout(slotCount: capacity)
        for (position, name) in members.enumerated() {
            let hash = KeyHash.exact(name), tag = layout.tag(hash)
            var slot = hash & mask
            while true {
                let entry = slots[slot]
                if entry == 0 {
                    slots[slot] = layout.entry(number: position, tag: tag)
                    break
                }
                if layout.tag(of: entry) == tag, members[layout.number(in: entry)] == name { break }   // a repeat: the first stays
                slot = (slot + 1) & mask
            }
        }
        self.slots = slots
    }

    /// The position of the member named `name`, nil when none is.
    public subscript(name: String) -> Int? {
        let mask = slots.count - 1, layout = SlotLayout(slotCount: slots.count)
        let hash = KeyHash.exact(name), tag = layout.tag(hash)
        var slot = hash & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if layout.tag(of: entry) == tag {
                let position = layout.number(in: entry)
                if members[position] == name { return position }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Whether a member is named `name`.
    public func contains(_ name: String) -> Bool { self[name] != nil }
}
