/// The text functions, as Excel defines them.
enum TextFunctions {
    static let table: [FunctionSpec] = []
}
