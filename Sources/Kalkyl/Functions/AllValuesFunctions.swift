/// AVERAGEA, MINA and MAXA: AVERAGE, MIN and MAX that count what cells hold besides numbers.
///
/// Typed into the call, a value is read as SUM reads it (TRUE is 1, "2" is 2, other text
/// #VALUE!). From cells, a dimension or an array, TRUE is 1, FALSE and any text 0; empty cells
/// are skipped. The first error wins.
enum AllValuesFunctions {
    static let table: [FunctionSpec] = [
        FunctionSpec("AVERAGEA", [], repeating: [.array("value")]) { args in
            values(args) { x in x.isEmpty ? .error(.div0) : ExcelMath.finite(x.reduce(0, +) / Double(x.count)) }
        }.with(units: .sameAs(nil)),
        FunctionSpec("MINA", [], repeating: [.array("value")]) { args in values(args) { .number($0.min() ?? 0) } }.with(units: .sameAs(nil)),
        FunctionSpec("MAXA", [], repeating: [.array("value")]) { args in values(args) { .number($0.max() ?? 0) } }.with(units: .sameAs(nil)),
    ]

    static func values(_ args: [Argument], _ f: ([Double]) -> Value) -> Value {
        var out: [Double] = []
        func cell(_ v: Value) -> ExcelError? {
            switch v {
            case .number(let n): out.append(n)
            case .bool(let b): out.append(b ? 1 : 0)
            case .text: out.append(0)
            case .blank: break
            case .error(let e): return e
            }
            return nil
        }
        for arg in args {
            switch arg {
            case .value(let v):
                switch v {
                case .blank: continue
                case .text(let s):
                    guard let n = Coerce.parseNumber(s) else { return .error(.value) }
                    out.append(n)
                default:
                    if let e = cell(v) { return .error(e) }
                }
            case .missing: out.append(0)
            case .reference(let v):
                if let e = cell(v) { return .error(e) }
            case .range(let vs):
                for v in vs {
                    if let e = cell(v) { return .error(e) }
                }
            }
        }
        return f(out)
    }
}
