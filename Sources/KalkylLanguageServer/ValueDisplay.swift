import Kalkyl

/// Values as a reader wants them in a hover or a hint, as `kalkyl eval`'s table prints them:
/// numbers grouped by thousands with a space and as many decimals as they need; a `%` unit
/// as per cent.
enum ValueDisplay {
    static func text(_ value: Value, unit: String? = nil) -> String {
        guard case .number(let x) = value else { return value.description }
        if unit == "%" { return HumanNumbers.format(x * 100, decimals: 1) + " %" }
        return number(x)
    }

    static func number(_ x: Double) -> String {
        HumanNumbers.format(x, decimals: HumanNumbers.decimals(for: [x]))
    }
}
