import Foundation

/// Rounding to a multiple: CEILING, FLOOR and their .MATH and .PRECISE forms, MROUND, EVEN
/// and ODD, as Excel defines them.
///
/// Every argument is read as one number (text that reads as a number counts, TRUE is 1, an
/// empty cell 0) and the first argument's error wins. The functions differ only in which way
/// they round and in what a negative number or significance means:
///
/// | function | significance | negative number |
/// |---|---|---|
/// | CEILING(x, s) | 0 gives 0; x > 0 with s < 0 is #NUM! | s > 0 rounds toward zero, s < 0 away |
/// | FLOOR(x, s) | 0 gives #DIV/0!; x > 0 with s < 0 is #NUM! | s > 0 rounds away from zero, s < 0 toward |
/// | CEILING.MATH(x, [s], [mode]) | sign ignored, default 1 | toward zero; away when mode ≠ 0 |
/// | FLOOR.MATH(x, [s], [mode]) | sign ignored, default 1 | away from zero; toward when mode ≠ 0 |
/// | CEILING.PRECISE(x, [s]) | sign ignored, default 1 | toward zero (up) |
/// | FLOOR.PRECISE(x, [s]) | sign ignored, default 1 | away from zero (down) |
/// | MROUND(x, m) | 0 gives 0; signs must agree (#NUM!) | halves away from zero |
enum MultipleRoundingFunctions {
    static let table: [FunctionSpec] = [
        .numbers("CEILING", .number("significance")) { x, s in
            if s == 0 { return .number(0) }
            if x > 0 && s < 0 { return .error(.num) }
            return multiple(x, abs(s), x < 0 && s < 0 ? .down : .up)
        }.with(units: .firstArgument(orPlain: ["significance"])),
        .numbers("FLOOR", .number("significance")) { x, s in
            if s == 0 { return x == 0 ? .number(0) : .error(.div0) }
            if x > 0 && s < 0 { return .error(.num) }
            return multiple(x, abs(s), x < 0 && s < 0 ? .up : .down)
        }.with(units: .firstArgument(orPlain: ["significance"])),
        FunctionSpec("CEILING.MATH", [.number("number"), .number("significance").optional(.number(1)), .number("mode").optional(.number(0))],
                     excel: .stored("_xlfn.CEILING.MATH")) { args in
            FunctionArguments.numbers(args, defaults: [0, 1, 0]) { x in
                let towardZero = x[2] == 0
                return multiple(x[0], abs(x[1]), x[0] < 0 && !towardZero ? .down : .up)
            }
        }.with(units: .firstArgument(orPlain: ["significance"])),
        FunctionSpec("FLOOR.MATH", [.number("number"), .number("significance").optional(.number(1)), .number("mode").optional(.number(0))],
                     excel: .stored("_xlfn.FLOOR.MATH")) { args in
            FunctionArguments.numbers(args, defaults: [0, 1, 0]) { x in
                let towardZero = x[2] != 0
                return multiple(x[0], abs(x[1]), x[0] < 0 && towardZero ? .up : .down)
            }
        }.with(units: .firstArgument(orPlain: ["significance"])),
        FunctionSpec("CEILING.PRECISE", [.number("number"), .number("significance").optional(.number(1))], excel: .stored("_xlfn.CEILING.PRECISE")) { args in
            FunctionArguments.numbers(args, defaults: [0, 1]) { x in multiple(x[0], abs(x[1]), .up) }
        }.with(units: .firstArgument(orPlain: ["significance"])),
        FunctionSpec("FLOOR.PRECISE", [.number("number"), .number("significance").optional(.number(1))], excel: .stored("_xlfn.FLOOR.PRECISE")) { args in
            FunctionArguments.numbers(args, defaults: [0, 1]) { x in multiple(x[0], abs(x[1]), .down) }
        }.with(units: .firstArgument(orPlain: ["significance"])),
        // MROUND came from the Analysis ToolPak: TRUE is #VALUE!, a left-out argument #N/A.
        FunctionSpec("MROUND", [.number("number"), .number("multiple")]) { args in
            FunctionArguments.toolPakNumbers(args, defaults: [0, 0]) { v in
                let (x, m) = (v[0], v[1])
                if m == 0 || x == 0 { return .number(0) }
                if (x < 0) != (m < 0) { return .error(.num) }
                return multiple(x, abs(m), .toNearestOrAwayFromZero)
            }
        }.with(units: .firstArgument(orPlain: ["multiple"])),
        .number("EVEN") { x in awayFromZero(x, toOdd: false) }.with(units: .sameAs([0])),
        .number("ODD") { x in awayFromZero(x, toOdd: true) }.with(units: .sameAs([0])),
    ]

    /// The multiple of `step` (≥ 0) next to `x` in `direction`; 0 when the step is 0.
    ///
    /// Excel looks at the quotient x/step to 15 significant digits, so CEILING(7.9, 0.1) is
    /// 7.9 although 7.9/0.1 is 79.00000000000001 as a double; then the result is the whole
    /// quotient times the step, so CEILING.MATH(7.1, 0.1) is 7.1000000000000005 (71 × 0.1)
    /// as Excel shows it.
    static func multiple(_ x: Double, _ step: Double, _ direction: FloatingPointRoundingRule) -> Value {
        guard step != 0, x != 0 else { return .number(0) }
        let quotient = x / step
        guard quotient.isFinite else { return .error(.num) }
        // A step so small that x is a multiple of it to every digit: Excel gives x to 15
        // digits (CEILING(TIME(14,30,0), 1E-307) is 0.604166666666667).
        if abs(quotient) >= 1e15 { return .number(ExcelMath.fifteenDigits(x)) }
        let nearest = quotient.rounded()
        let whole: Double
        if nearest != 0, ExcelMath.fifteenDigits(quotient) == nearest {
            whole = nearest
        } else if direction == .toNearestOrAwayFromZero {
            // A half judged on 15 digits too: MROUND(2.675, 0.01) is 2.68.
            let fraction = ExcelMath.fifteenDigits(abs(quotient) - abs(quotient).rounded(.down))
            let magnitude = abs(quotient).rounded(.down) + (fraction >= 0.5 ? 1 : 0)
            whole = quotient < 0 ? -magnitude : magnitude
        } else {
            whole = quotient.rounded(direction)
        }
        return ExcelMath.finite(whole == 0 ? 0 : whole * step)
    }

    /// EVEN and ODD: away from zero to the next even (or odd) whole number.
    static func awayFromZero(_ x: Double, toOdd: Bool) -> Value {
        let magnitude = abs(x).rounded(.up)
        var n = magnitude
        if toOdd {
            if n.truncatingRemainder(dividingBy: 2) == 0 { n += 1 }
        } else if n.truncatingRemainder(dividingBy: 2) != 0 {
            n += 1
        }
        return ExcelMath.finite(x < 0 ? -n : n)
    }
}
