/// The information functions, as Excel defines them.
enum InformationFunctions {
    static let table: [FunctionSpec] = []
}
