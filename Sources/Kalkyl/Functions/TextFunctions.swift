/// The text functions, as Excel defines them.
enum TextFunctions {
    /// The longest text a cell holds; longer results are #VALUE!.
    static let maxLength = 32_767

    static let table: [FunctionSpec] = [
        // CONCAT takes ranges; it is new in Excel 2019, so files name it _xlfn.CONCAT.
        FunctionSpec("CONCAT", [], repeating: [.array("text")], maxArgs: 253, excel: .stored("_xlfn.CONCAT")) { args in
            join(ArgumentRules.flattened(args))
        }.with(units: .text),
        FunctionSpec("CONCATENATE", [], repeating: [.value("text")]) { args in
            join(args.map(\.scalar))
        }.with(units: .text),
    ]

    /// Every value as text (numbers in the General format, TRUE as "TRUE", empty as ""),
    /// joined; the first error wins.
    static func join(_ values: [Value]) -> Value {
        var out = ""
        for v in values {
            switch Coerce.text(v) {
            case .success(let s): out += s
            case .failure(let e): return .error(e)
            }
        }
        return out.utf16.count > maxLength ? .error(.value) : .text(out)
    }
}
