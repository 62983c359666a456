import Foundation

/// The vouchers given so far, by series and number, to find one given twice (two exports pasted
/// together) without a `String` kept and hashed for each of millions of vouchers: a number
/// written as a plain integer (digits, no leading zero) of a series in ASCII with no space is a
/// bit of that series' bits; any other voucher is kept as its text (`"A 12"`), compared as
/// before. The two never meet: two texts `series number` are the same only if the first space
/// splits them alike, and a plain integer has no space.
///
/// Two vouchers are one when their texts are one `String` (`==`, canonical equivalence), as
/// they were when every voucher was kept as its text: a text with a letter outside ASCII is
/// taken in its composed form first, so `K 1` written with the Kelvin sign (U+212A), which
/// composes to the ASCII `K 1`, is a bit like `K 1` and found again.
struct SIEVoucherNumbers {
    private var series = ByteInterner()
    private var bits: [[UInt64]] = []
    private var others = Set<String>()
    /// The largest number kept as a bit; a larger one is kept as text.
    private static let largest = 1 << 26

    /// Records the voucher; false when it was given before.
    mutating func insert(series name: String, number: String) -> Bool {
        if name.utf8.allSatisfy({ $0 < 0x80 }), number.utf8.allSatisfy({ $0 < 0x80 }) {
            return insertASCII(series: name, number: number)
        }
        let key = name + " " + number
        let composed = key.precomposedStringWithCanonicalMapping
        // Its ASCII equal, split at the first space as the text is; `==` has the last word.
        if composed.utf8.allSatisfy({ $0 < 0x80 }), composed == key, let space = composed.firstIndex(of: " ") {
            return insertASCII(series: String(composed[..<space]), number: String(composed[composed.index(after: space)...]))
        }
        return others.insert(key).inserted
    }

    /// A voucher whose series and number are ASCII: a bit when it can be one, else its text.
    private mutating func insertASCII(series name: String, number: String) -> Bool {
        if let n = Self.plainInteger(number), !name.utf8.contains(0x20) {
            var name = name
            let s = name.withUTF8 { Int(series.number(of: $0).number) }
            if s == bits.count { bits.append([]) }
            let word = n >> 6, bit = UInt64(1) << UInt64(n & 63)
            if word >= bits[s].count { bits[s] += [UInt64](repeating: 0, count: max(word + 1 - bits[s].count, bits[s].count)) }
            if bits[s][word] & bit != 0 { return false }
            bits[s][word] |= bit
            return true
        }
        return others.insert(name + " " + number).inserted
    }

    /// The memory it takes, in bytes.
    var keptBytes: Int { bits.reduce(0) { $0 + 8 * $1.count } + 64 * others.count }

    /// `1234` as an integer: ASCII digits, no sign, no leading zero, at most `largest`.
    private static func plainInteger(_ text: String) -> Int? {
        var n = 0
        for (k, b) in text.utf8.enumerated() {
            guard b &- 0x30 < 10, !(k == 0 && b == 0x30 && text.utf8.count > 1) else { return nil }
            n = n * 10 + Int(b &- 0x30)
            if n > largest { return nil }
        }
        return text.utf8.isEmpty ? nil : n
    }
}
