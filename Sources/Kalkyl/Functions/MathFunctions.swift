/// The math functions, as Excel defines them.
enum MathFunctions {
    static let table: [FunctionSpec] = []
}
