/// The logical functions, as Excel defines them: IF, IFERROR, IFNA, IFS, SWITCH, AND, OR, XOR, NOT.
///
/// IF, IFERROR and IFNA receive both branches already computed (the evaluator is eager) and
/// pick one; an empty cell they pick stays empty, as Excel passes the reference on.
enum LogicalFunctions {
    static let table: [FunctionSpec] = [
        FunctionSpec("IF", [.value("logical_test"), .value("value_if_true"), .value("value_if_false").optional(.bool(false))],
                     fastPath: .choose, choose).with(units: .sameAs([1, 2])),
        FunctionSpec("IFERROR", [.value("value"), .value("value_if_error")]) { args in
            args[0].scalar.isError ? branch(args[1]) : branch(args[0])
        }.with(units: .sameAs([0, 1])),
        FunctionSpec("IFNA", [.value("value"), .value("value_if_na")], excel: .stored("_xlfn.IFNA")) { args in
            args[0].scalar == .error(.na) ? branch(args[1]) : branch(args[0])
        }.with(units: .sameAs([0, 1])),
        FunctionSpec("AND", [], repeating: [.array("logical")], fastPath: .and) { args in
            combine(args) { $0.allSatisfy { $0 } }
        }.with(units: .plainNumber),
        FunctionSpec("OR", [], repeating: [.array("logical")], fastPath: .or) { args in
            combine(args) { $0.contains(true) }
        }.with(units: .plainNumber),
        FunctionSpec("XOR", [], repeating: [.array("logical")], excel: .stored("_xlfn.XOR")) { args in
            combine(args) { $0.filter { $0 }.count % 2 == 1 }
        }.with(units: .plainNumber),
        FunctionSpec("IFS", [], repeating: [.value("logical_test"), .value("value_if_true")], maxArgs: 254,
                     excel: .expression(LookupExport.ifs), firstTrue).with(units: .sameAsParameters(["value_if_true"])),
        FunctionSpec("SWITCH", [.value("expression")], repeating: [.value("value"), .value("result")],
                     trailing: [.value("default").optional()], maxArgs: 254, excel: .expression(LookupExport.switchCases), switchCase)
            .with(units: .sameAsParameters(["result", "default"])),
        FunctionSpec("NOT", [.value("logical")], fastPath: .not) { args in
            switch Coerce.bool(args[0].scalar) {
            case .success(let b): .bool(!b)
            case .failure(let e): .error(e)
            }
        }.with(units: .plainNumber),
    ]

    /// IF(condition, then, else). Without an else, a false condition gives FALSE; with an
    /// else left empty (`IF(x, 1, )`) it gives 0. Text other than "TRUE"/"FALSE" is #VALUE!.
    @Sendable static func choose(_ args: [Argument]) -> Value {
        switch Coerce.bool(args[0].scalar) {
        case .failure(let e): return .error(e)
        case .success(true): return branch(args[1])
        case .success(false): return args.count > 2 ? branch(args[2]) : .bool(false)
        }
    }

    /// IFS(test1, value1, test2, value2, …): the value of the first test that holds, #N/A
    /// when none does. Tests are read as IF reads its condition; an error in one reached stops.
    @Sendable static func firstTrue(_ args: [Argument]) -> Value {
        for k in stride(from: 0, to: args.count - 1, by: 2) {
            switch Coerce.bool(args[k].scalar) {
            case .failure(let e): return .error(e)
            case .success(true): return branch(args[k + 1])
            case .success(false): continue
            }
        }
        return .error(.na)
    }

    /// SWITCH(expression, value1, result1, …, [default]): the result of the first value equal
    /// to the expression (as `=` compares: text without case), else the default or #N/A.
    @Sendable static func switchCase(_ args: [Argument]) -> Value {
        let subject = args[0].scalar
        if case .error(let e) = subject { return .error(e) }
        let pairs = (args.count - 1) / 2
        for p in 0..<pairs {
            switch Operators.binary(.equal, subject, args[1 + 2 * p].scalar) {
            case .error(let e): return .error(e)
            case .bool(true): return branch(args[2 + 2 * p])
            default: continue
            }
        }
        return args.count % 2 == 0 ? branch(args[args.count - 1]) : .error(.na)
    }

    /// The value of a chosen branch; a branch left empty is 0, as in Excel.
    static func branch(_ arg: Argument) -> Value {
        if case .missing = arg { return .number(0) }
        return arg.scalar
    }

    /// AND and OR: the first error wins, and with no truth value at all the result is #VALUE!.
    static func combine(_ args: [Argument], _ f: ([Bool]) -> Bool) -> Value {
        switch ArgumentRules.truthValues(args) {
        case .failure(let e): return .error(e)
        case .success(let values): return values.isEmpty ? .error(.value) : .bool(f(values))
        }
    }
}
