/// Evaluates a model's `check` statements and describes each cell that does not hold.
public enum CheckRunner {
    public struct Failure: Sendable {
        public var slot: Int
        /// The period index, for a check over periods.
        public var period: Int?
        /// The member names, for a check over dimensions.
        public var members: [String]
        /// What the check computed: FALSE, an error, or something that is not a truth value.
        public var value: Value
        /// For a comparison `a = b`, the two sides' values.
        package var sides: (left: Value, right: Value, op: BinaryOperator)?
    }

    /// Every failing cell of every check, in model order. A check passes where it is TRUE
    /// (or a non-zero number, as Excel reads it); FALSE, an error or text fail.
    public static func run(_ evaluation: Evaluation) -> [Failure] {
        let model = evaluation.model
        var failures: [Failure] = []
        for (slot, d) in model.definitions.enumerated() where d.isCheck {
            let block = evaluation.values(of: slot)
            let m = model.memberCount(of: slot)
            for index in 0..<block.count {
                let v = block[index]
                if case .success(true) = Coerce.bool(v), !isText(v) { continue }
                let period = d.isSeries ? index / m : nil
                let member = index % m
                failures.append(Failure(slot: slot, period: period, members: model.memberNames(of: slot, member: member),
                                        value: v, sides: sides(of: slot, period: period ?? 0, member: member, in: evaluation)))
            }
        }
        return failures
    }

    static func isText(_ v: Value) -> Bool {
        if case .text = v { return true }
        return false
    }

    /// The values of both sides of a check that is a comparison, at one cell. A check that
    /// holds only where it applies, `IF(ISBLANK(printed), TRUE, computed = printed)`, shows
    /// the comparison of the branch the cell took.
    static func sides(of slot: Int, period: Int, member: Int, in evaluation: Evaluation) -> (Value, Value, BinaryOperator)? {
        let d = evaluation.model.definitions[slot]
        var tree = d.expression
        while true {
            if case .group(let inner)? = tree.nodes.last?.kind {
                tree = tree.subtree(at: inner)
            } else if case .call(let name, let args)? = tree.nodes.last?.kind, FunctionRegistry.lookup(name)?.fastPath == .choose, args.count >= 2,
                      let condition = evaluation.evaluate(tree.subtree(at: args[0]), like: slot, period: period, member: member),
                      case .success(let holds) = Coerce.bool(condition) {
                guard holds || args.count == 3 else { return nil }
                tree = tree.subtree(at: holds ? args[1] : args[2])
            } else {
                break
            }
        }
        guard case .binary(let op, let a, let b)? = tree.nodes.last?.kind, op.precedence == 1 else { return nil }
        guard let left = evaluation.evaluate(tree.subtree(at: a), like: slot, period: period, member: member),
              let right = evaluation.evaluate(tree.subtree(at: b), like: slot, period: period, member: member) else { return nil }
        return (left, right, op)
    }
}

extension FormulaTree {
    /// The subtree rooted at node i, as a tree of its own. The parser stores a subtree's
    /// nodes together, starting with its leftmost leaf.
    public func subtree(at i: Int) -> FormulaTree {
        var start = i
        while let first = children(of: start).first { start = first }
        var tree = FormulaTree()
        let shift = start
        func moved(_ k: Int) -> Int { k - shift }
        for node in nodes[start...i] {
            var kind = node.kind
            switch kind {
            case .negate(let a): kind = .negate(moved(a))
            case .plus(let a): kind = .plus(moved(a))
            case .percent(let a): kind = .percent(moved(a))
            case .group(let a): kind = .group(moved(a))
            case .binary(let op, let a, let b): kind = .binary(op, moved(a), moved(b))
            case .call(let name, let args): kind = .call(name, args.map(moved))
            default: break
            }
            tree.nodes.append(Node(kind: kind, range: node.range))
        }
        return tree
    }
}

extension Evaluation {
    /// Evaluates a formula in the place of one cell of a definition: same shape, same names.
    func evaluate(_ tree: FormulaTree, like slot: Int, period: Int, member: Int) -> Value? {
        let d = model.definitions[slot]
        var checker = FormulaChecker(file: model.file, names: model.names, isSeries: d.isSeries, dimensions: d.dimensions,
                                     isConstant: false)
        let (ops, _) = checker.compile(tree)
        guard checker.diagnostics.isEmpty else { return nil }
        let out = CellStorage(count: 1)
        interpreter.run(ops, period: period, members: member..<(member + 1), blocks: blocks, into: Destination(storage: out, offset: 0))
        return out[0]
    }
}

