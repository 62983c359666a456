/// The information functions, as Excel defines them. They look at a value's kind and never
/// fail: ISNUMBER("12") is FALSE, ISBLANK("") is FALSE, ISERROR(#N/A) is TRUE.
enum InformationFunctions {
    static let table: [FunctionSpec] = [
        test("ISERROR") { $0.isError },
        test("ISNA") { $0 == .error(.na) },
        test("ISBLANK") { $0 == .blank },
        test("ISNUMBER") { $0.number != nil },
        test("ISTEXT") { if case .text = $0 { true } else { false } },
        FunctionSpec("NA", arity: 0...0) { _ in .error(.na) },
    ]

    static func test(_ name: String, _ predicate: @escaping @Sendable (Value) -> Bool) -> FunctionSpec {
        FunctionSpec(name, arity: 1...1) { args in .bool(predicate(args[0].scalar)) }
    }
}
