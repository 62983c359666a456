/// The numbers most cells hold, read straight from the file's bytes: an export of 100,000
/// salaries should not make a `String` and a token array per cell.
extension NumberReader {
    /// The number written in `bytes[range]` (already trimmed of padding) when it is written
    /// plainly: an optional `-`, digits (or groups of three after the first, split by single
    /// spaces), and optionally the file's decimal mark and digits; at most 15 significant
    /// digits. Nil for anything else, which `read` then reads (or reports): this gives the
    /// same value as `read` for every cell it accepts, since both multiply the same digits
    /// exactly. In a `%` input, nil for a number `read` divides or refuses (`PercentCells`).
    func readPlain(_ bytes: [UInt8], _ range: Range<Int>) -> Double? {
        var i = range.lowerBound
        let end = range.upperBound
        let negative = i < end && bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        let mark = decimalMark == .comma ? UInt8(ascii: ",") : UInt8(ascii: ".")
        var mantissa: UInt64 = 0, significant = 0
        var groupDigits = 0, groups = 0, integerDigits = 0
        while i < end {
            let b = bytes[i]
            if b &- 0x30 < 10 {
                if significant > 0 || b != 0x30 { significant += 1 }
                mantissa = mantissa &* 10 &+ UInt64(b &- 0x30)
                groupDigits += 1
                integerDigits += 1
            } else if b == 0x20 {
                // A thousands space: the group before it has 1–3 digits (3 after the first).
                guard groupDigits > 0, groupDigits <= 3, groups == 0 || groupDigits == 3 else { return nil }
                groups += 1
                groupDigits = 0
            } else {
                break
            }
            i += 1
        }
        guard integerDigits > 0, groups == 0 || groupDigits == 3 else { return nil }
        var fractionDigits = 0
        if i < end {
            guard bytes[i] == mark else { return nil }
            i += 1
            while i < end, bytes[i] &- 0x30 < 10 {
                if significant > 0 || bytes[i] != 0x30 { significant += 1 }
                mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- 0x30)
                fractionDigits += 1
                i += 1
            }
            guard fractionDigits > 0, i == end else { return nil }
        }
        guard significant <= 15, fractionDigits <= 22 else { return nil }
        let value = fractionDigits == 0 ? Double(mantissa) : Double(mantissa) / Self.powersOfTen[fractionDigits]
        // A `%` input's bare number is `read`'s to divide (`in percent`) or refuse (above 1).
        guard percent == .plain || percent == .money || (percent == .fractions && value <= 1) else { return nil }
        if value == 0 { return 0 }
        return negative ? -value : value
    }
}
