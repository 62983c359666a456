/// The statistical functions, as Excel defines them.
enum StatisticalFunctions {
    static let table: [FunctionSpec] = []
}
