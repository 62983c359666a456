import Foundation

/// Numbers written for machines (`eval`'s JSON and CSV, `diff`'s JSON): whole numbers below
/// 10^15 as integers, others in the shortest form that reads back to the same double.
package enum NumberText {
    package static func exact(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }
}

/// Numbers written for people: grouped by thousands with a space (as the reports do),
/// a decimal point, and the same number of decimals along a row.
public enum HumanNumbers {
    /// Decimals for a row: as many as its values need, up to `limit`; values that need more
    /// are rounded to what a reader wants: whole numbers from 1 000, two decimals below, four under 1.
    public static func decimals(for values: [Double], limit: Int = 2) -> Int {
        var counter = DecimalsCounter(limit: limit)
        for x in values { counter.add(x) }
        return counter.decimals
    }

    /// `decimals(for:limit:)` worked out one value at a time, for rows too long to gather into
    /// an array first (`eval`'s table reads a block's cells where they are).
    public struct DecimalsCounter {
        let limit: Int
        private var largest = 0.0
        private var seen = false
        /// Bit d: every finite value so far has at most d decimals (to a billionth of itself).
        private var fits: UInt64

        public init(limit: Int = 2) {
            precondition(limit >= 0 && limit < 63)
            self.limit = limit
            fits = (1 << UInt64(limit + 1)) - 1
        }

        public mutating func add(_ x: Double) {
            guard x.isFinite else { return }
            seen = true
            largest = max(largest, abs(x))
            var d = 0
            while d <= limit {
                if fits & (1 << UInt64(d)) != 0 {
                    let scale = pow(10.0, Double(d))
                    if !(abs((x * scale).rounded() / scale - x) <= 1e-9 * max(1, abs(x))) { fits &= ~(1 << UInt64(d)) }
                }
                d += 1
            }
        }

        public var decimals: Int {
            guard seen else { return 0 }
            if largest >= 100_000 { return 0 }   // öre on a six-figure amount is noise to a reader
            if fits != 0 { return fits.trailingZeroBitCount }
            if largest >= 1000 { return 0 }
            return largest >= 1 ? limit : max(limit, 4)
        }
    }

    /// How far from zero a number must be to be written as other than zero: what
    /// `DecimalsCounter` takes for exact (a billionth) is noise to a reader too.
    static let nonZero = 1e-9

    /// As `format(_:decimals:)`, with a decimal comma in a Swedish model ("40 000,5").
    public static func format(_ x: Double, decimals: Int, language: ReportLanguage) -> String {
        let text = format(x, decimals: decimals)
        return language == .sv ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    /// Rounds half away from zero, as Excel's ROUND and the printed reports do; but a number
    /// that is not zero is never written as `0` (or `-0`): it gets the fewest decimals more that
    /// show it (`0.1`, `-0.004`). Decimals are chosen over a row or a block, so a small value
    /// beside large ones was rounded away: 0.125 beside 1 234.5 read `0`, a share of 0.4 %
    /// beside 50 % read `0 %`. A value within a billionth of zero (what a subtraction of
    /// doubles leaves, 0.1 + 0.2 - 0.3) is zero to a reader, as `decimals(for:)` counts it.
    public static func format(_ x: Double, decimals: Int) -> String {
        var decimals = decimals
        var scale = pow(10.0, Double(decimals))
        var units = (x * scale).rounded(.toNearestOrAwayFromZero)
        while units == 0, abs(x) > nonZero, decimals >= 0, decimals < 10 {
            decimals += 1
            scale = pow(10.0, Double(decimals))
            units = (x * scale).rounded(.toNearestOrAwayFromZero)
        }
        if decimals >= 0, decimals <= 18, abs(units) < 4_503_599_627_370_496 { return digits(Int64(units), decimals: decimals) }
        let rounded = units / scale
        var text = String(format: "%.\(decimals)f", rounded.isFinite ? rounded : x)
        if text.hasPrefix("-"), Double(text) == 0 { text.removeFirst() }
        let negative = text.hasPrefix("-")
        if negative { text.removeFirst() }
        let parts = text.split(separator: ".", maxSplits: 1)
        var integer = String(parts[0])
        var grouped = ""
        while integer.count > 3 {
            grouped = " " + integer.suffix(3) + grouped
            integer = String(integer.dropLast(3))
        }
        grouped = integer + grouped
        if parts.count == 2 { grouped += "." + parts[1] }
        return (negative ? "-" : "") + grouped
    }

    /// `units` × 10^-`decimals`, grouped, written from its digits. Below 2^52 units this is
    /// exactly what `%.Nf` prints for `units / 10^N` (the double is within half a unit of
    /// the last decimal), without going through `String(format:)`, which was most of the
    /// time `kalkyl eval` took to print 100,000 employees.
    /// The bytes are written from the end of a buffer on the stack (at most 19 digits, 6
    /// spaces, a point and a sign), so a cell costs no allocation but its string's.
    private static func digits(_ units: Int64, decimals: Int) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { buffer in
            var magnitude = units.magnitude
            var i = buffer.count
            var written = 0
            while magnitude > 0 || written <= decimals {
                if written == decimals, decimals > 0 { i -= 1; buffer[i] = UInt8(ascii: ".") }
                if written > decimals, (written - decimals) % 3 == 0 { i -= 1; buffer[i] = UInt8(ascii: " ") }
                i -= 1
                buffer[i] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                written += 1
            }
            if units < 0 { i -= 1; buffer[i] = UInt8(ascii: "-") }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[i...]), as: UTF8.self)
        }
    }
}
