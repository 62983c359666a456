import Foundation
import Testing
@testable import Kalkyl

@Suite("Rounding without text")
struct ExcelRoundingTests {
    /// Values of every magnitude, plus values just around the halves and whole numbers where
    /// the 15-digit view decides.
    static func samples() -> [(Double, Int)] {
        var g = SplitMix64(seed: 2021)
        var out: [(Double, Int)] = []
        for _ in 0..<20_000 {
            let d = Int.random(in: -6...12, using: &g)
            let magnitude = Double.random(in: -12...16, using: &g)
            var x = pow(10, magnitude) * (Bool.random(using: &g) ? 1 : -1)
            if Bool.random(using: &g) {
                // k + 1/2 (or k) units of 10^-d, nudged by a few units in the last place.
                let unit = pow(10, Double(-d))
                let k = Double(Int.random(in: 0...999_999, using: &g))
                let base = (k + (Bool.random(using: &g) ? 0.5 : 0)) * unit
                x = base
                for _ in 0..<Int.random(in: 0...4, using: &g) { x = Bool.random(using: &g) ? x.nextUp : x.nextDown }
            }
            out.append((x, d))
        }
        return out
    }

    @Test("the quick path agrees with the decimal path wherever it answers")
    func quickAgreesWithDecimal() {
        var answered = 0
        for (x, d) in Self.samples() {
            for mode in [ExcelMath.Rounding.nearest, .up, .down] {
                guard let quick = ExcelMath.quickRound(x, d, mode) else { continue }
                answered += 1
                let slow = ExcelMath.decimalRound(x, d, mode)
                #expect(slow.map { $0.bitPattern == quick.bitPattern } == true,
                        "\(mode) of \(x) to \(d) digits: quick \(quick), decimal \(String(describing: slow))")
            }
        }
        #expect(answered > 30_000, "the quick path should answer most cases, answered \(answered)")
    }

    @Test("a value rounded to 15 digits that gains a digit is still rounded at its own place")
    func carriedDigit() {
        #expect(ExcelMath.decimalRound(99_999_999_999_999.98, 0, .nearest) == 1e14)
        #expect(ExcelMath.decimalRound(99_999_999_999_999.98, 0, .down) == 1e14)
    }
}
