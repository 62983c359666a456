@testable import Kalkyl
import Testing

/// A four-byte slot holds a number and a tag side by side (`SlotLayout`): neither disturbs the
/// other for any number a half-full table can hold, at every table size.
@Suite struct SlotLayoutTests {
    @Test func theNumberAndTheTagComeBackAsStoredAtEveryTableSize() {
        let hashes = [0, -1, Int.max, Int.min, 0x1234_5678_9ABC_DEF0, -0x0F0F_0F0F_0F0F_0F0F]
        for bits in 3...32 {
            let slots = 1 << bits, layout = SlotLayout(slotCount: slots)
            for number in [0, 1, slots / 4, slots / 2] {
                for hash in hashes {
                    let tag = layout.tag(hash), entry = layout.entry(number: number, tag: tag)
                    #expect(entry != 0, "an occupied slot is never empty")
                    #expect(layout.number(in: entry) == number, "\(bits) bits, number \(number)")
                    #expect(layout.tag(of: entry) == tag, "\(bits) bits, hash \(hash)")
                }
            }
            // The tag is the hash's high bits above the number: 32 - bits of them.
            #expect(layout.tag(-1) == (bits == 32 ? 0 : UInt32.max << UInt32(bits)))
            #expect(layout.tag(0) == 0)
        }
    }

    /// Hashes that share a table position but differ in their high bits get different tags,
    /// so that a probe tells them apart without reading the key.
    @Test func hashesAtOnePositionAreToldApartByTheirTags() {
        let layout = SlotLayout(slotCount: 1 << 18)
        let a = 0x0000_0001_0000_0005, b = 0x4000_0000_0000_0005
        #expect(a & ((1 << 18) - 1) == b & ((1 << 18) - 1))
        #expect(layout.tag(a) != layout.tag(b))
    }
}
