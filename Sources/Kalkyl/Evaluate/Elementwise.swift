/// Operators over arrays, position by position, as Excel computes them inside SUMPRODUCT:
/// `SUMPRODUCT((region[account] = "Öst") * cost[account])`. The checker lets an array reach an
/// operator only inside an argument that takes them (`FunctionSpec.elementwise`) and holds the
/// arrays of one argument to one shape; a single value stands for every position. Each
/// position follows the operator's own rules: a comparison gives TRUE or FALSE, which
/// arithmetic reads as 1 and 0, text in arithmetic is #VALUE!, and an error stays in its
/// position (SUMPRODUCT then gives it).
enum Elementwise {
    /// `combine` of the operands at each position: `arrays[k]`'s value there, or, where an
    /// operand is one value (`arrays[k]` nil, or an array of one), that value everywhere.
    /// Arrays of different lengths, which the checker refuses, are #N/A past the shorter, as in Excel.
    static func combine(_ arrays: [[Value]?], scalars: [Value], _ combine: ([Value]) -> Value) -> [Value] {
        let length = arrays.reduce(1) { max($0, $1?.count ?? 1) }
        var arguments = scalars
        var out: [Value] = []
        out.reserveCapacity(length)
        for position in 0..<length {
            var outside = false
            for (k, array) in arrays.enumerated() {
                guard let array else { continue }
                if array.count == 1 {
                    arguments[k] = array[0]
                } else if position < array.count {
                    arguments[k] = array[position]
                } else {
                    outside = true
                }
            }
            out.append(outside ? .error(.na) : combine(arguments))
        }
        return out
    }
}

extension Interpreter {
    /// Whether an operand is several values for an operator, rather than one.
    func isArray(_ operand: Operand) -> Bool {
        switch operand {
        case .range(let r): r.count != 1
        case .ranges, .rows: true
        case .cells, .missing: false
        }
    }

    /// `combine` applied position by position to the operands, for each of `n` cells: one
    /// array for all of them when every operand is the same for every cell.
    func elementwise(_ operands: [Operand], _ n: Int, _ combine: ([Value]) -> Value) -> Operand {
        let uniform = operands.allSatisfy(\.isUniform)
        let shared: [[Value]?] = operands.map { operand in
            if case .range(let r) = operand, r.count != 1 { return r.values }
            return nil
        }
        var results: [[Value]] = []
        results.reserveCapacity(uniform ? 1 : n)
        for i in 0..<(uniform ? 1 : n) {
            var arrays: [[Value]?] = []
            var scalars: [Value] = []
            for (k, operand) in operands.enumerated() {
                switch operand {
                case .range: arrays.append(shared[k])
                case .ranges(let rs): arrays.append(rs[rs.count == 1 ? 0 : i])
                case .rows(let r): arrays.append(r.values(i))
                case .cells, .missing: arrays.append(nil)
                }
                scalars.append(arrays[k] == nil ? cellValue(operand, i) : .blank)
            }
            results.append(Elementwise.combine(arrays, scalars: scalars, combine))
        }
        return uniform ? .range(RangeCells(loose: results[0])) : .ranges(results)
    }
}
