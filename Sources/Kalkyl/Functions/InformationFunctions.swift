/// The information functions, as Excel defines them. They look at a value's kind and never
/// fail: ISNUMBER("12") is FALSE, ISBLANK("") is FALSE, ISERROR(#N/A) is TRUE
/// (ISERR(#N/A) is FALSE). ISEVEN and ISODD are the exception: they read a number and fail as
/// arithmetic does.
enum InformationFunctions {
    static let table: [FunctionSpec] = [
        test("ISERROR") { $0.isError }.with(units: .plainNumber),
        test("ISNA") { $0 == .error(.na) }.with(units: .plainNumber),
        test("ISBLANK") { $0 == .blank }.with(units: .plainNumber),
        test("ISNUMBER") { $0.number != nil }.with(units: .plainNumber),
        test("ISTEXT") { if case .text = $0 { true } else { false } }.with(units: .plainNumber),
        FunctionSpec("NA", []) { _ in .error(.na) }.with(units: .anyUnit),
        test("ISERR") { $0.isError && $0 != .error(.na) }.with(units: .plainNumber),
        test("ISLOGICAL") { if case .bool = $0 { true } else { false } }.with(units: .plainNumber),
        parity("ISEVEN", odd: false).with(units: .plainNumber),
        parity("ISODD", odd: true).with(units: .plainNumber),
        // N: a number as itself, TRUE as 1, text and empty as 0; an error stays an error.
        FunctionSpec("N", [.value("value")]) { args in
            switch args[0].scalar {
            case .number(let x): .number(x)
            case .bool(let b): .number(b ? 1 : 0)
            case .error(let e): .error(e)
            case .text, .blank: .number(0)
            }
        }.with(units: .plainNumber),
        // TYPE: 1 number (and empty), 2 text, 4 boolean, 16 error, 64 several cells.
        FunctionSpec("TYPE", [.array("value")]) { args in
            if case .range(let vs) = args[0], vs.count != 1 { return .number(64) }
            return switch args[0].scalar {
            case .number, .blank: .number(1)
            case .text: .number(2)
            case .bool: .number(4)
            case .error: .number(16)
            }
        }.with(units: .plainNumber),
    ]

    /// ISEVEN and ISODD look at the whole part of a number (text that reads as one counts, an
    /// empty cell is 0); TRUE and FALSE are #VALUE!, unlike in arithmetic.
    static func parity(_ name: String, odd: Bool) -> FunctionSpec {
        FunctionSpec(name, [.value("number")]) { args in
            let v = args[0].scalar
            if case .bool = v { return .error(.value) }
            switch Coerce.number(v) {
            case .failure(let e): return .error(e)
            case .success(let x):
                let isOdd = abs(x.rounded(.towardZero).truncatingRemainder(dividingBy: 2)) == 1
                return .bool(isOdd == odd)
            }
        }
    }

    static func test(_ name: String, _ predicate: @escaping @Sendable (Value) -> Bool) -> FunctionSpec {
        FunctionSpec(name, [.value("value")]) { args in .bool(predicate(args[0].scalar)) }
    }
}
