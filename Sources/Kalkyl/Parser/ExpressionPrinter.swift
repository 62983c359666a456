/// Prints an expression back to text, with parentheses only where precedence needs them
/// (and where the user wrote them). Works without recursion, so a 200,000-term line prints too.
package enum ExpressionPrinter {
    /// `axis` is the timeline's axis name, `month` or `year`, used in relative subscripts.
    package static func print(_ e: FormulaTree, axis: String = "month") -> String {
        guard !e.nodes.isEmpty else { return "" }
        enum Task { case node(Int), text(String) }
        var out = ""
        var tasks: [Task] = [.node(e.root)]
        while let task = tasks.popLast() {
            switch task {
            case .text(let s):
                out += s
            case .node(let i):
                switch e.nodes[i].kind {
                case .number(let n): out += numberText(n)
                case .text(let s): out += "\"" + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
                case .bool(let b): out += b ? "TRUE" : "FALSE"
                case .error(let x): out += x.spelling
                case .array(let a): out += a.text(constantText)
                case .missing: break
                case .period(let p): out += p.label
                case .name(let n): out += n
                case .subscripted(let n, let parts, _, _): out += n + "[" + parts.map { subscriptText($0, axis: axis) }.joined(separator: ", ") + "]"
                case .group(let inner):
                    tasks.append(.text(")"))
                    tasks.append(.node(inner))
                    out += "("
                case .negate(let a), .plus(let a):
                    if case .negate = e.nodes[i].kind { out += "-" } else { out += "+" }
                    tasks.append(.node(a))
                case .percent(let a):
                    tasks.append(.text("%"))
                    tasks.append(.node(a))
                case .binary(let op, let a, let b):
                    // Every operator is left-associative: only a right operand of equal precedence needs parentheses.
                    let rightNeedsParens = precedence(e.nodes[b].kind) <= op.precedence
                    let leftNeedsParens = precedence(e.nodes[a].kind) < op.precedence
                    if rightNeedsParens { tasks.append(.text(")")) }
                    tasks.append(.node(b))
                    if rightNeedsParens { tasks.append(.text("(")) }
                    tasks.append(.text(" " + op.rawValue + " "))
                    if leftNeedsParens { tasks.append(.text(")")) }
                    tasks.append(.node(a))
                    if leftNeedsParens { tasks.append(.text("(")) }
                case .call(let name, let args):
                    out += name + "("
                    tasks.append(.text(")"))
                    for (k, arg) in args.enumerated().reversed() {
                        tasks.append(.node(arg))
                        if k > 0 { tasks.append(.text(", ")) }
                    }
                }
            }
        }
        return out
    }

    /// Binding strength of a node as an operand: leaves and calls bind tightest.
    static func precedence(_ kind: NodeKind) -> Int {
        switch kind {
        case .binary(let op, _, _): op.precedence
        case .percent: 6
        case .negate, .plus: 7
        default: 10
        }
    }

    static func subscriptText(_ part: SubscriptPart, axis: String) -> String {
        switch part {
        case .relative(let offset, _): offset == 0 ? axis : offset < 0 ? "\(axis)\(offset)" : "\(axis)+\(offset)"
        case .period(let p): p.label
        case .range(let from, let to): from.label + " .." + (to.map { " " + $0.label } ?? "")
        case .boundedRange(let from, let to): from.label + " .." + (to.map { " " + $0.label } ?? "")
        case .name(let n, _): n.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) ? n : "\"" + n + "\""
        }
    }

    /// `x[a, b]` as written, for messages.
    package static func referenceText(_ name: String, _ parts: [SubscriptPart], axis: String) -> String {
        parts.isEmpty ? name : name + "[" + parts.map { subscriptText($0, axis: axis) }.joined(separator: ", ") + "]"
    }

    /// A constant as the language writes it: inside an array constant.
    static func constantText(_ v: Value) -> String {
        switch v {
        case .number(let n): numberText(n)
        case .text(let s): "\"" + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
        case .bool(let b): b ? "TRUE" : "FALSE"
        case .error(let x): x.spelling
        case .blank: ""
        }
    }

    static func numberText(_ n: Double) -> String {
        if n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
        return "\(n)"
    }
}
