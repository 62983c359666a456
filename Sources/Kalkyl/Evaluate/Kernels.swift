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
        let o = out.numbers(n)
        guard arithmeticLanes(op, a.numbers, a.stride, b.numbers, b.stride, o, n) else { return }
        for i in 0..<n where isUnusual(o[i]) {
            out.set(i, Operators.binary(op, a.value(i), b.value(i)))
        }
    }

    /// `+ - * /` on n numbers (strides 0 or 1), and whether any result is unusual
    /// (`isUnusual`). `+ 0` turns -0 into 0 (Excel has no negative zero) and changes no other value.
    @inline(__always)
    static func arithmeticLanes(_ op: BinaryOperator, _ x: UnsafePointer<Double>, _ sa: Int, _ y: UnsafePointer<Double>, _ sb: Int,
                                _ o: UnsafeMutablePointer<Double>, _ n: Int) -> Bool {
        switch op {
        case .add: apply(x, sa, y, sb, o, n) { $0 + $1 }
        case .subtract: apply(x, sa, y, sb, o, n) { $0 - $1 }
        case .multiply: apply(x, sa, y, sb, o, n) { $0 * $1 + 0 }
        default: apply(x, sa, y, sb, o, n) { $0 / $1 + 0 }
        }
    }

    /// Whether Excel would not show a result as it is: an infinity or a NaN (an error in
    /// Excel) or a subnormal (0 in Excel).
    @inline(__always)
    static func isUnusual(_ r: Double) -> Bool {
        !r.isFinite || (r != 0 && abs(r) < Double.leastNormalMagnitude)
    }

    /// Comparisons on numbers, at the 15 significant digits Excel compares.
    static func compare(_ op: BinaryOperator, _ a: Vec, _ b: Vec, _ n: Int, into out: Destination) {
        let x = a.numbers, y = b.numbers
        let sa = a.stride, sb = b.stride
        let o = out.bools(n)
        let t = truth(op)
        guard any(compareLanes(t, x, sa, y, sb, o, n)) else { return }
        for i in 0..<n {
            let c = Operators.compareNumbers(x[i * sa], y[i * sb])
            o[i] = c < 0 ? t.lt : (c == 0 ? t.eq : t.gt)
        }
    }

    /// Which orders (-1, 0, 1) make a comparison true.
    @inline(__always)
    static func truth(_ op: BinaryOperator) -> (lt: Double, eq: Double, gt: Double) {
        switch op {
        case .equal: (0, 1, 0)
        case .notEqual: (1, 0, 1)
        case .less: (1, 0, 0)
        case .lessEqual: (1, 1, 0)
        case .greater: (0, 0, 1)
        default: (0, 1, 1)
        }
    }

    /// The exact comparison of n pairs (strides 0 or 1), four cells at a time without branches,
    /// and the lanes so close that Excel's 15 digits decide them (not equal, and apart by no
    /// more than 1e-13 of the larger magnitude).
    @inline(__always)
    static func compareLanes(_ t: (lt: Double, eq: Double, gt: Double), _ x: UnsafePointer<Double>, _ sa: Int, _ y: UnsafePointer<Double>, _ sb: Int,
                             _ o: UnsafeMutablePointer<Double>, _ n: Int) -> Lanes.Mask {
        let lt = Lanes.V(repeating: t.lt), eq = Lanes.V(repeating: t.eq), gt = Lanes.V(repeating: t.gt)
        let tolerance = Lanes.V(repeating: 1e-13)
        var near = Lanes.Mask()
        Lanes.forEach(x, sa, y, sb, n) { i, p, q in
            let equal = p .== q
            let a = Lanes.magnitude(p), b = Lanes.magnitude(q)
            let far = Lanes.magnitude(p - q) .> a.replacing(with: b, where: b .> a) * tolerance
            near .|= .!far .& .!equal
            Lanes.store(gt.replacing(with: eq, where: equal).replacing(with: lt, where: p .< q), o, i, n)
        }
        return near
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

    /// `o[i] = f(x[i], y[i])`, four cells at a time; returns whether any result is unusual
    /// (`isUnusual`), checked in the same pass (`Lanes.UnusualCheck`).
    @inline(__always)
    static func apply(_ x: UnsafePointer<Double>, _ sa: Int, _ y: UnsafePointer<Double>, _ sb: Int,
                      _ o: UnsafeMutablePointer<Double>, _ n: Int, _ f: (Lanes.V, Lanes.V) -> Lanes.V) -> Bool {
        var check = Lanes.UnusualCheck()
        Lanes.forEach(x, sa, y, sb, n) { i, a, b in
            let r = f(a, b)
            check.add(r)
            Lanes.store(r, o, i, n)
        }
        return check.found
    }
}
