import Foundation

/// Variance and standard deviation of a sample (VAR.S, STDEV.S: divided by n − 1) and of a
/// whole population (VAR.P, STDEV.P: by n).
///
/// The numbers are read by the aggregate rules of SUM. Computed in two passes (the mean, then
/// the squared deviations from it), which keeps large, close numbers exact enough; Excel does
/// not document its order, so results agree with Excel's to 1e-9 relative.
enum DispersionFunctions {
    static let table: [FunctionSpec] = [
        FunctionSpec("VAR.S", [], repeating: [.array("number")], excel: .stored("_xlfn.VAR.S")) { variance($0, sample: true) }.with(units: .squared),
        FunctionSpec("VAR.P", [], repeating: [.array("number")], excel: .stored("_xlfn.VAR.P")) { variance($0, sample: false) }.with(units: .squared),
        FunctionSpec("STDEV.S", [], repeating: [.array("number")], excel: .stored("_xlfn.STDEV.S")) { args in
            root(variance(args, sample: true))
        }.with(units: .sameAs(nil)),
        FunctionSpec("STDEV.P", [], repeating: [.array("number")], excel: .stored("_xlfn.STDEV.P")) { args in
            root(variance(args, sample: false))
        }.with(units: .sameAs(nil)),
    ]

    /// #DIV/0! for fewer than two numbers in a sample, or none in a population.
    static func variance(_ args: [Argument], sample: Bool) -> Value {
        switch ArgumentRules.numbers(args) {
        case .failure(let e): return .error(e)
        case .success(let x):
            let divisor = x.count - (sample ? 1 : 0)
            guard divisor > 0 else { return .error(.div0) }
            let mean = x.reduce(0, +) / Double(x.count)
            let squares = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            return ExcelMath.finite(squares / Double(divisor))
        }
    }

    static func root(_ v: Value) -> Value {
        guard case .number(let x) = v else { return v }
        return .number(x.squareRoot())
    }
}
