#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Blocks of truth values one byte a cell: a block whose cells are all exactly 0 or 1 (an IF
/// choosing 1 or 0, a comparison) holds the same numbers in an eighth of the memory
/// (`CellStorage.narrow()`). These are the conversions both ways; widening gives back the very
/// doubles narrowing took, since only +0.0 and 1.0 are narrowed.
enum TruthBytes {
    /// Cells checked between looks at whether one failed: enough to keep the loop free of branches.
    static let chunk = 4096

    /// x's `n` cells as bytes, when every one is +0.0 or 1.0 bit for bit (-0.0 is not: its bits
    /// differ, and a block compared bit for bit must not change); nil at the first chunk holding
    /// any other, with nothing left allocated.
    static func narrowed(_ x: UnsafePointer<Double>, _ n: Int) -> UnsafeMutablePointer<UInt8>? {
        guard let raw = malloc(max(n, 1)) else { fatalError("out of memory for \(n) cells") }
        let out = raw.bindMemory(to: UInt8.self, capacity: max(n, 1))
        guard narrow(x, n, into: out) else {
            free(raw)
            return nil
        }
        return out
    }

    /// Writes x's `n` cells as bytes into `out`; false (with `out` partly written) when some cell
    /// is not +0.0 or 1.0. Eight cells a step, with no branch on the data: a cell's byte is its
    /// top three bits (0 for +0.0, 1 for 1.0), and the cell is one of the two exactly when its
    /// bits are what that byte stands for.
    static func narrow(_ x: UnsafePointer<Double>, _ n: Int, into out: UnsafeMutablePointer<UInt8>) -> Bool {
        let one = (1.0).bitPattern
        let ones = SIMD8<UInt64>(repeating: one)
        var start = 0
        while start < n {
            let end = min(n, start + chunk)
            var stray = SIMD8<UInt64>()
            var i = start
            while i + 8 <= end {
                let bits = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<UInt64>.self)
                let t = bits &>> 61
                stray |= bits ^ ((SIMD8<UInt64>() &- t) & ones)   // 0 exactly for +0.0 (t = 0) and 1.0 (t = 1)
                UnsafeMutableRawPointer(out + i).storeBytes(of: SIMD8<UInt8>(truncatingIfNeeded: t), as: SIMD8<UInt8>.self)
                i += 8
            }
            var rest: UInt64 = 0
            while i < end {
                let bits = x[i].bitPattern, t = bits >> 61
                rest |= bits ^ ((0 &- t) & one)
                out[i] = UInt8(truncatingIfNeeded: t)
                i += 1
            }
            guard rest == 0, stray == SIMD8() else { return false }
            start = end
        }
        return true
    }

    /// Writes the `n` bytes from `b` as doubles (0.0 or 1.0) into `out`, eight a step.
    @inline(__always)
    static func widen(_ b: UnsafePointer<UInt8>, _ n: Int, into out: UnsafeMutablePointer<Double>) {
        var i = 0
        while i + 8 <= n {
            let bytes = UnsafeRawPointer(b + i).loadUnaligned(as: SIMD8<UInt8>.self)
            UnsafeMutableRawPointer(out + i).storeBytes(of: SIMD8<Double>(SIMD8<Int32>(truncatingIfNeeded: bytes)), as: SIMD8<Double>.self)
            i += 8
        }
        while i < n {
            out[i] = Double(b[i])
            i += 1
        }
    }

    /// SUM's leaves (`PairwiseSum.leafSums`) of `n` cells stored as bytes. A leaf of 0s and 1s
    /// added in order is its count of 1s at every step, exactly, so this is the very double the
    /// leaf of the widened cells would be.
    static func leafSums(_ b: UnsafePointer<UInt8>, _ n: Int) -> [Double] {
        let count = PairwiseSum.leafCount(n)
        return [Double](unsafeUninitializedCapacity: count) { leaves, initialized in
            for l in 0..<count { leaves[l] = leafSum(b, n, leaf: l) }
            initialized = count
        }
    }

    /// Leaf `leaf` of `n` cells stored as bytes: its count of 1s.
    @inline(__always)
    static func leafSum(_ b: UnsafePointer<UInt8>, _ n: Int, leaf: Int) -> Double {
        var ones = 0
        for j in (leaf * PairwiseSum.leaf)..<min(n, (leaf + 1) * PairwiseSum.leaf) { ones &+= Int(b[j]) }
        return Double(ones)
    }
}
