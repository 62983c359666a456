import Testing
@testable import Kalkyl

/// Calls a registered function directly with arguments, as the evaluator would for one cell.
func callFunction(_ name: String, _ args: Argument..., sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Value {
    guard let spec = FunctionRegistry.lookup(name) else {
        Issue.record("\(name) is not registered", sourceLocation: sourceLocation)
        return .error(.name)
    }
    #expect(spec.accepts(argumentCount: args.count),
            "\(name) takes \(spec.arityDescription), called with \(args.count)", sourceLocation: sourceLocation)
    return spec.call(args)
}

/// Short spellings of arguments for the function tests.
enum FArg {
    /// A value typed into the call.
    static func n(_ x: Double) -> Argument { .value(.number(x)) }
    static func t(_ s: String) -> Argument { .value(.text(s)) }
    static func b(_ p: Bool) -> Argument { .value(.bool(p)) }
    static func e(_ x: ExcelError) -> Argument { .value(.error(x)) }
    /// A value reached through a reference to one cell.
    static func ref(_ v: Value) -> Argument { .reference(v) }
    static let blankRef: Argument = .reference(.blank)
    static func range(_ vs: Value...) -> Argument { .range(vs) }
}

/// Bit-exact equality of results, so that 7.199999999999999 and 7.2 differ.
func same(_ a: Value, _ b: Value) -> Bool { a.isIdentical(to: b) }
