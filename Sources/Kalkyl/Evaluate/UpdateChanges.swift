/// The cells an update has changed so far, by slot: what the SUM trees follow and what the
/// update reports. An array by slot, kept from one update to the next and cleared by the
/// slots it holds, so an update that changes tens of cells does no hashing and allocates
/// no table for them.
final class UpdateChanges {
    /// By slot: nil when unchanged; `.some(nil)` when (nearly) all of the block may have changed.
    private var bySlot: [CellSet??]
    /// The slots changed, in the order they first changed.
    private(set) var slots: [Int] = []

    init(slots count: Int) {
        bySlot = Array(repeating: nil, count: count)
        slots.reserveCapacity(min(count, 64))
    }

    subscript(slot: Int) -> CellSet?? {
        get { bySlot[slot] }
        set {
            if bySlot[slot] == nil, newValue != nil { slots.append(slot) }
            bySlot[slot] = newValue
            if newValue == nil, let k = slots.firstIndex(of: slot) { slots.remove(at: k) }
        }
    }

    /// Forgets every change, keeping the memory for the next update.
    func removeAll() {
        for slot in slots { bySlot[slot] = nil }
        slots.removeAll(keepingCapacity: true)
    }

    /// The changes as the report gives them.
    var bySlotInOrder: [(slot: Int, cells: CellSet?)] {
        slots.map { ($0, bySlot[$0]!) }
    }
}
