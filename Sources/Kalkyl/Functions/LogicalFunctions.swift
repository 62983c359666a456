/// The logical functions, as Excel defines them.
enum LogicalFunctions {
    static let table: [FunctionSpec] = []
}
