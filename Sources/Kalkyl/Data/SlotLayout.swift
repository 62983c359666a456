/// How a four-byte slot of an open-addressing table (`KeyIndex`, `MemberIndex`) is split: an
/// entry's number + 1 in its low bits (0 is an empty slot), and a tag of its hash above them,
/// so that a probe past another entry compares tags and reads nothing else.
///
/// A table at most half full holds fewer entries than its slots, so a number + 1 fits in
/// log2(slot count) bits; the tag is the rest, taken from the hash's high 32 bits, which the
/// slot's position (the hash's low bits) does not use.
struct SlotLayout {
    let numberMask: UInt32

    /// For a table of `slotCount` slots, a power of two.
    init(slotCount: Int) {
        precondition(slotCount > 0 && slotCount & (slotCount - 1) == 0, "a power of two")
        let numberBits = slotCount.trailingZeroBitCount
        numberMask = numberBits >= 32 ? .max : (1 << UInt32(numberBits)) - 1
    }

    @inline(__always)
    func tag(_ hash: Int) -> UInt32 { UInt32(truncatingIfNeeded: UInt64(bitPattern: Int64(hash)) >> 32) & ~numberMask }

    @inline(__always)
    func tag(of entry: UInt32) -> UInt32 { entry & ~numberMask }

    /// The number an occupied slot holds.
    @inline(__always)
    func number(in entry: UInt32) -> Int { Int(entry & numberMask) - 1 }

    @inline(__always)
    func entry(number: Int, tag: UInt32) -> UInt32 { tag | UInt32(number + 1) }
}
