/// Texts met while a file is read, each numbered once and found again from its bytes without
/// a `String` made: a SIE file names the same few accounts and object lists millions of
/// times, and a `String` and a hash of it per line was a fifth of its reading time.
struct ByteInterner {
    /// Every text's bytes, one after the other: text `k` is `bytes[starts[k]..<starts[k + 1]]`.
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    /// Open addressing over the texts' numbers, -1 where empty; never more than half full.
    private var slots = [Int32](repeating: -1, count: 64)

    var count: Int { hashes.count }

    /// The number of the text, and whether it is new.
    mutating func number(of text: UnsafeBufferPointer<UInt8>) -> (number: Int32, isNew: Bool) {
        let hash = Self.hash(text)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let k = slots[slot]
            if k < 0 { break }
            if hashes[Int(k)] == hash, equals(Int(k), text) { return (k, false) }
            slot = (slot + 1) & mask
        }
        let k = Int32(count)
        bytes.append(contentsOf: text)
        starts.append(bytes.count)
        hashes.append(hash)
        slots[slot] = k
        if 2 * count > slots.count { grow() }
        return (k, true)
    }

    /// The memory it takes, in bytes: the texts, each one's start and hash, and the table.
    var keptBytes: Int { bytes.capacity + 8 * (starts.capacity + hashes.capacity) + 4 * slots.count }

    /// The bytes of text `k`.
    func text(_ k: Int32) -> ArraySlice<UInt8> { bytes[starts[Int(k)]..<starts[Int(k) + 1]] }

    /// Text `k` as a `String` (the bytes are UTF-8).
    func string(_ k: Int32) -> String { String(decoding: text(k), as: UTF8.self) }

    private func equals(_ k: Int, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[k]
        guard starts[k + 1] - start == text.count else { return false }
        for i in 0..<text.count where bytes[start + i] != text[i] { return false }
        return true
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for k in 0..<count {
            var slot = Int(truncatingIfNeeded: hashes[k]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(k)
        }
    }

    /// FNV-1a, mixed at the end so that the low bits the table uses depend on every byte.
    private static func hash(_ text: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        h ^= h >> 29
        h = h &* 0xbf58_476d_1ce4_e5b9
        return h ^ (h >> 32)
    }
}
