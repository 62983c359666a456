/// Operators over runs of cells. Runs of plain numbers take a tight loop over the buffers;
/// any other cell goes through `Operators`, which holds Excel's rules for every kind of value.
enum Kernels {
    static func binary(_ op: BinaryOperator, _ a: Vec, _ b: Vec, _ n: Int, into out: Destination) {
        if a.allNumbers(n) && b.allNumbers(n) {
            switch op {
            case .add, .subtract, .multiply, .divide: return arithmetic(op, a, b, n, into: out)
            case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: return compare(op, a, b, n, into: out)
            case .power, .concat: break
            }
        }
        for i in 0..<n { out.set(i, Operators.binary(op, a.value(i), b.value(i))) }
    }

    /// `+ - * /` on numbers. Excel has no infinities, NaNs or subnormals: a result that is
    /// one is redone cell by cell, which makes it #DIV/0!, #NUM! or 0 as Excel does.
    static func arithmetic(_ op: BinaryOperator, _ a: Vec, _ b: Vec, _ n: Int, into out: Destination) {
        let x = a.numbers, y = b.numbers
        let o = out.numbers(n)
        let sa = a.stride, sb = b.stride
        // `+ 0` turns -0 into 0 (Excel has no negative zero) and changes no other value.
        switch op {
        case .add: apply(x, sa, y, sb, o, n) { $0 + $1 }
        case .subtract: apply(x, sa, y, sb, o, n) { $0 - $1 }
        case .multiply: apply(x, sa, y, sb, o, n) { $0 * $1 + 0 }
        default: apply(x, sa, y, sb, o, n) { $0 / $1 + 0 }
        }
        if needsExcelFixups(o, n) {
            for i in 0..<n {
                let r = o[i]
                if !r.isFinite || (r != 0 && abs(r) < Double.leastNormalMagnitude) {
                    out.set(i, Operators.binary(op, a.value(i), b.value(i)))
                }
            }
        }
    }

    /// Whether a run of results holds an infinity, a NaN or a subnormal, which Excel would
    /// show as an error or 0. Written without branches so that it vectorises.
    @inline(__always)
    static func needsExcelFixups(_ o: UnsafeMutablePointer<Double>, _ n: Int) -> Bool {
        var probe = 0.0
        var smallest = Double.infinity
        for i in 0..<n {
            let r = o[i]
            probe += r * 0                      // NaN once any result is infinite or NaN
            let a = abs(r)
            smallest = Swift.min(smallest, a == 0 ? .infinity : a)
        }
        return probe.isNaN || smallest < Double.leastNormalMagnitude
    }

    /// Comparisons on numbers, at the 15 significant digits Excel compares.
    static func compare(_ op: BinaryOperator, _ a: Vec, _ b: Vec, _ n: Int, into out: Destination) {
        let x = a.numbers, y = b.numbers
        let sa = a.stride, sb = b.stride
        let o = out.bools(n)
        // Which orders (-1, 0, 1) make the comparison true.
        let truth: (Double, Double, Double)
        switch op {
        case .equal: truth = (0, 1, 0)
        case .notEqual: truth = (1, 0, 1)
        case .less: truth = (1, 0, 0)
        case .lessEqual: truth = (1, 1, 0)
        case .greater: truth = (0, 0, 1)
        default: truth = (0, 1, 1)
        }
        // Exact comparison first, counting the pairs so close that Excel's 15 digits decide;
        // one loop per stride combination, so each is a plain loop the optimiser vectorises.
        var near = 0
        @inline(__always) func body(_ i: Int, _ p: Double, _ q: Double) {
            o[i] = p < q ? truth.0 : (p == q ? truth.1 : truth.2)
            let close = abs(p - q) <= Swift.max(abs(p), abs(q)) * 1e-13 && p != q
            near &+= close ? 1 : 0
        }
        switch (sa, sb) {
        case (1, 1): for i in 0..<n { body(i, x[i], y[i]) }
        case (1, _): let q = y[0]; for i in 0..<n { body(i, x[i], q) }
        case (_, 1): let p = x[0]; for i in 0..<n { body(i, p, y[i]) }
        default: for i in 0..<n { body(i, x[0], y[0]) }
        }
        guard near > 0 else { return }
        for i in 0..<n {
            let order = Operators.compareNumbers(x[i * sa], y[i * sb])
            o[i] = order < 0 ? truth.0 : (order == 0 ? truth.1 : truth.2)
        }
    }

    static func negate(_ a: Vec, _ n: Int, into out: Destination) {
        guard a.allNumbers(n) else {
            for i in 0..<n { out.set(i, Operators.negate(a.value(i))) }
            return
        }
        let x = a.numbers, s = a.stride
        let o = out.numbers(n)
        for i in 0..<n { o[i] = x[i * s] == 0 ? 0 : -x[i * s] }
    }

    static func percent(_ a: Vec, _ n: Int, into out: Destination) {
        for i in 0..<n { out.set(i, Operators.percent(a.value(i))) }
    }

    /// Copies a run (a load that is the formula's whole result) into place.
    static func copy(_ a: Vec, _ n: Int, into out: Destination) {
        if a.stride == 1 {
            out.storage.copy(n, from: a.storage, at: a.offset, to: out.offset)
        } else {
            let v = a.value(0)
            for i in 0..<n { out.set(i, v) }
        }
    }

    /// `o[i] = f(x[i], y[i])` with a loop for each of the four stride combinations, so every
    /// one compiles to a plain loop the optimiser can vectorise.
    @inline(__always)
    static func apply(_ x: UnsafeMutablePointer<Double>, _ sa: Int, _ y: UnsafeMutablePointer<Double>, _ sb: Int,
                      _ o: UnsafeMutablePointer<Double>, _ n: Int, _ f: (Double, Double) -> Double) {
        switch (sa, sb) {
        case (1, 1): for i in 0..<n { o[i] = f(x[i], y[i]) }
        case (1, _): let c = y[0]; for i in 0..<n { o[i] = f(x[i], c) }
        case (_, 1): let c = x[0]; for i in 0..<n { o[i] = f(c, y[i]) }
        default: let r = f(x[0], y[0]); for i in 0..<n { o[i] = r }
        }
    }
}
