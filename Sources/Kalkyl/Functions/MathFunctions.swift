import Foundation

/// The math functions, as Excel defines them.
///
/// Every argument is read as one number (text that reads as a number counts, TRUE is 1, an
/// empty cell 0) and the first argument's error wins. Results that would be infinite or NaN
/// are #NUM!, since Excel has no such values.
enum MathFunctions {
    static let table: [FunctionSpec] = [
        .numbers("ROUND", .number("num_digits")) { x, d in rounded(x, d, .nearest) }.with(units: .sameAs([0])),
        .numbers("ROUNDUP", .number("num_digits")) { x, d in rounded(x, d, .up) }.with(units: .sameAs([0])),
        .numbers("ROUNDDOWN", .number("num_digits")) { x, d in rounded(x, d, .down) }.with(units: .sameAs([0])),
        // TRUNC is ROUNDDOWN with the digits optional.
        .numbers("TRUNC", .number("num_digits").optional(.number(0))) { x, d in rounded(x, d, .down) }.with(units: .sameAs([0])),
        .number("INT") { x in ExcelMath.floor(x).map(Value.number) ?? .error(.num) }.with(units: .sameAs([0])),
        .number("ABS") { x in .number(abs(x)) }.with(units: .sameAs([0])),
        .number("SIGN") { x in .number(x > 0 ? 1 : x < 0 ? -1 : 0) }.with(units: .plainNumber),
        .numbers("MOD", .number("divisor")) { a, b in ExcelMath.mod(a, b).value }.with(units: .firstArgument(orPlain: ["divisor"])),
        .numbers("POWER", .number("power")) { x, y in ExcelMath.power(x, y).value }.with(units: .power),
        .number("SQRT") { x in x < 0 ? .error(.num) : .number(x.squareRoot()) }.with(units: .squareRoot),
        .number("EXP") { x in ExcelMath.finite(ExcelMath.exp(x)) }.with(units: .plainNumber),
        .number("LN") { x in x <= 0 ? .error(.num) : ExcelMath.finite(ExcelMath.ln(x)) }.with(units: .plainNumber),
        .number("LOG10") { x in x <= 0 ? .error(.num) : ExcelMath.finite(ExcelMath.log10(x)) }.with(units: .plainNumber),
        FunctionSpec("PI", []) { _ in .number(Double.pi) }.with(units: .anyUnit),
        FunctionSpec("PRODUCT", [], repeating: [.array("number")], product).with(units: .product),
    ]

    static func rounded(_ x: Double, _ digits: Double, _ mode: ExcelMath.Rounding) -> Value {
        ExcelMath.round(x, digits: digits, mode).map(Value.number) ?? .error(.num)
    }

    /// PRODUCT follows the aggregate rules of SUM; with no numbers at all it is 0, not 1.
    @Sendable static func product(_ args: [Argument]) -> Value {
        var result = 1.0
        var seen = false
        if let e = ArgumentRules.forEachNumber(args, { result *= $0; seen = true }) { return .error(e) }
        return seen ? ExcelMath.finite(result) : .number(0)
    }
}
