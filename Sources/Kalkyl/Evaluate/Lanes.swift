/// Four cells at a time, for the kernels' loops. The optimiser does not always vectorise a
/// loop with selects in it (inside the whole module it often turns them into jumps), so the
/// kernels say it themselves: every operation here is one vector instruction, or two on a
/// processor with 128-bit registers, and none branches on the data.
enum Lanes {
    typealias V = SIMD4<Double>
    typealias Mask = SIMDMask<SIMD4<Int64>>
    static let width = 4

    @inline(__always)
    static func load(_ p: UnsafePointer<Double>, _ i: Int) -> V {
        UnsafeRawPointer(p + i).loadUnaligned(as: V.self)
    }

    /// Cells i ..< n (fewer than four) of p, the last one repeated into the lanes past n, so
    /// that those lanes compute what a real lane does and flag nothing of their own.
    @inline(__always)
    static func loadTail(_ p: UnsafePointer<Double>, _ i: Int, _ n: Int) -> V {
        var v = V(repeating: p[n - 1])
        for k in 0..<(n - i) { v[k] = p[i + k] }
        return v
    }

    /// Stores the lanes of cells i ..< min(i + 4, n).
    @inline(__always)
    static func store(_ v: V, _ p: UnsafeMutablePointer<Double>, _ i: Int, _ n: Int) {
        if i + width <= n {
            UnsafeMutableRawPointer(p + i).storeBytes(of: v, as: V.self)
        } else {
            for k in 0..<(n - i) { p[i + k] = v[k] }
        }
    }

    /// Calls `body(i, a, b)` for i = 0, 4, 8, … < n with four cells of each operand (one cell
    /// repeated for a stride of 0); the last call's lanes past n repeat the last cell.
    @inline(__always)
    static func forEach(_ x: UnsafePointer<Double>, _ sx: Int, _ y: UnsafePointer<Double>, _ sy: Int, _ n: Int,
                        _ body: (Int, V, V) -> Void) {
        var i = 0
        switch (sx, sy) {
        case (1, 1):
            while i + width <= n { body(i, load(x, i), load(y, i)); i += width }
            if i < n { body(i, loadTail(x, i, n), loadTail(y, i, n)) }
        case (1, _):
            let b = V(repeating: y[0])
            while i + width <= n { body(i, load(x, i), b); i += width }
            if i < n { body(i, loadTail(x, i, n), b) }
        case (_, 1):
            let a = V(repeating: x[0])
            while i + width <= n { body(i, a, load(y, i)); i += width }
            if i < n { body(i, a, loadTail(y, i, n)) }
        default:
            let a = V(repeating: x[0]), b = V(repeating: y[0])
            while i < n { body(i, a, b); i += width }
        }
    }

    /// Absolute values, by clearing the sign bits.
    @inline(__always)
    static func magnitude(_ v: V) -> V {
        unsafeBitCast(unsafeBitCast(v, to: SIMD4<UInt64>.self) & 0x7FFF_FFFF_FFFF_FFFF, to: V.self)
    }

    /// The lanes Excel would not show as they are: infinities and NaNs (errors in Excel) and
    /// subnormals (0 in Excel). See `Kernels.isUnusual`.
    @inline(__always)
    static func unusual(_ r: V) -> Mask {
        let a = magnitude(r)
        let normal = (a .>= V(repeating: .leastNormalMagnitude)) .& (a .<= V(repeating: .greatestFiniteMagnitude))
        return .!normal .& (r .!= 0)
    }

    /// Whether any of the lanes added is unusual (see `unusual`), kept in two accumulators of
    /// plain arithmetic instead of masks combined lane by lane (which the optimiser packs and
    /// unpacks on every step on a processor with 128-bit registers):
    /// - `r * 0` is 0 for a finite r and NaN for an infinity or a NaN, so their sum is NaN
    ///   once any lane was either;
    /// - `| |r| - L/2 |`, with L the least normal magnitude, is below L/2 exactly when r is a
    ///   subnormal other than 0 (the subtraction is exact there, and for |r| ≥ L it is at least
    ///   L/2), so the least of it says whether any lane was one.
    struct UnusualCheck {
        var poison = V()
        var least = V(repeating: .infinity)

        @inline(__always)
        mutating func add(_ r: V) {
            poison += r * 0
            let s = magnitude(magnitude(r) - V(repeating: Double.leastNormalMagnitude / 2))
            least = least.replacing(with: s, where: s .< least)
        }

        var found: Bool { any(poison .!= poison) || least.min() < Double.leastNormalMagnitude / 2 }
    }

    /// Whether any of n cells is unusual (see `unusual`).
    static func anyUnusual(_ p: UnsafePointer<Double>, _ n: Int) -> Bool {
        var found = Mask()
        var i = 0
        while i + width <= n { found .|= unusual(load(p, i)); i += width }
        if i < n { found .|= unusual(loadTail(p, i, n)) }
        return any(found)
    }
}
