/// A 128-bit hash of a text's bytes, eight bytes a step: how the language server and `watch`
/// tell a data file they read before from a new save of it without keeping its text
/// (`CheckCache`). Two independent lanes, so that two different texts of the same length
/// share a hash with odds of about one in 2^128, not 2^64.
struct ContentHash: Hashable, Sendable {
    var count: Int
    var low: UInt64
    var high: UInt64

    init(_ bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { ContentHash($0) }
    }

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        var a: UInt64 = 0x243F_6A88_85A3_08D3, b: UInt64 = 0x1319_8A2E_0370_7344
        let raw = UnsafeRawBufferPointer(bytes)
        var i = 0
        while i + 8 <= raw.count {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            a = ((a ^ w) &* 0x9E37_79B9_7F4A_7C15)
            a = a << 29 | a >> 35
            b = (b &+ w) &* 0xC2B2_AE3D_27D4_EB4F
            b ^= b >> 31
            i += 8
        }
        var tail: UInt64 = 0
        for k in i..<raw.count { tail |= UInt64(raw[k]) << (8 * UInt64(k - i)) }
        a = (a ^ tail ^ UInt64(raw.count)) &* 0x9E37_79B9_7F4A_7C15
        b = (b &+ tail &+ UInt64(raw.count)) &* 0xC2B2_AE3D_27D4_EB4F
        count = raw.count
        low = Self.finish(a)
        high = Self.finish(b)
    }

    private static func finish(_ x: UInt64) -> UInt64 {
        var h = x
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }
}
