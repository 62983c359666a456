/// Statistics of the order of numbers: MEDIAN, LARGE, SMALL, PERCENTILE.INC, QUARTILE.INC,
/// RANK.EQ and MODE.SNGL.
///
/// The numbers are read by the aggregate rules of SUM (`ArgumentRules`): typed into the call,
/// TRUE is 1 and "2" is 2; from cells, a dimension or an array only numbers count; the first
/// error wins.
enum OrderStatisticsFunctions {
    static let table: [FunctionSpec] = [
        FunctionSpec("MEDIAN", [], repeating: [.array("number")]) { args in
            sortedNumbers(args) { x in
                guard !x.isEmpty else { return .error(.num) }
                let mid = x.count / 2
                return ExcelMath.finite(x.count % 2 == 1 ? x[mid] : (x[mid - 1] + x[mid]) / 2)
            }
        }.with(units: .sameAs(nil)),
        FunctionSpec("LARGE", [.array("array"), .number("k")]) { args in
            kth(args, rounding: .up) { x, k in x[x.count - k] }
        }.with(units: .sameAsParameters(["array"])),
        FunctionSpec("SMALL", [.array("array"), .number("k")]) { args in
            kth(args, rounding: .down) { x, k in x[k - 1] }
        }.with(units: .sameAsParameters(["array"])),
        FunctionSpec("PERCENTILE.INC", [.array("array"), .number("k")], excel: .stored("_xlfn.PERCENTILE.INC")) { args in
            fraction(args, of: 1) { percentile($0, $1) }
        }.with(units: .sameAsParameters(["array"])),
        FunctionSpec("QUARTILE.INC", [.array("array"), .number("quart")], excel: .stored("_xlfn.QUARTILE.INC")) { args in
            fraction(args, of: 4) { x, q in percentile(x, q.rounded(.towardZero) / 4) }
        }.with(units: .sameAsParameters(["array"])),
        FunctionSpec("RANK.EQ", [.number("number"), .range("ref"), .number("order").optional(.number(0))], excel: .stored("_xlfn.RANK.EQ")) { args in
            rank(args)
        }.with(units: .plainNumberOf(["number", "ref"])),
        FunctionSpec("MODE.SNGL", [], repeating: [.array("number")], excel: .stored("_xlfn.MODE.SNGL")) { args in
            switch ArgumentRules.numbers(args) {
            case .failure(let e): return .error(e)
            case .success(let x): return mode(x).map(Value.number) ?? .error(.na)
            }
        }.with(units: .sameAs(nil)),
    ]

    static func sortedNumbers(_ args: [Argument], _ f: ([Double]) -> Value) -> Value {
        switch ArgumentRules.numbers(args) {
        case .success(let x): f(x.sorted())
        case .failure(let e): .error(e)
        }
    }

    /// LARGE and SMALL: a fractional k is rounded as Excel does, which counts LARGE's k from
    /// the other end and truncates: SMALL rounds it down (SMALL(x, 1.5) is the smallest), LARGE
    /// up (LARGE(x, 1.5) is the second largest). Below 1 or past the count it is #NUM!, as is an
    /// array without numbers. The array's error comes first.
    static func kth(_ args: [Argument], rounding: FloatingPointRoundingRule, _ pick: ([Double], Int) -> Double) -> Value {
        sortedNumbers([args[0]]) { x in
            switch ArgumentRules.number(args[1]) {
            case .failure(let e): return .error(e)
            case .success(let k):
                let whole = k.rounded(rounding)
                guard whole >= 1, whole <= Double(x.count) else { return .error(.num) }
                return .number(pick(x, Int(whole)))
            }
        }
    }

    /// PERCENTILE.INC and QUARTILE.INC: the array's error first, then the second argument's;
    /// #NUM! without numbers or for a fraction outside 0 … 1 (a quartile outside 0 … 4).
    static func fraction(_ args: [Argument], of top: Double, _ f: ([Double], Double) -> Value) -> Value {
        sortedNumbers([args[0]]) { x in
            switch ArgumentRules.number(args[1]) {
            case .failure(let e): return .error(e)
            case .success(let k):
                let checked = top == 1 ? k : k.rounded(.towardZero)
                guard !x.isEmpty, checked >= 0, checked <= top else { return .error(.num) }
                return f(x, k)
            }
        }
    }

    /// The k-th percentile (0 ≤ k ≤ 1) of sorted numbers, interpolating between neighbours at
    /// rank k·(n − 1), as PERCENTILE.INC does.
    static func percentile(_ x: [Double], _ k: Double) -> Value {
        guard (0...1).contains(k) else { return .error(.num) }
        let rank = k * Double(x.count - 1)
        let low = Int(rank.rounded(.down))
        let part = rank - Double(low)
        guard part > 0, low + 1 < x.count else { return .number(x[low]) }
        return ExcelMath.finite(x[low] + part * (x[low + 1] - x[low]))
    }

    /// RANK.EQ(number, ref, [order]): 1 + how many numbers of ref are larger (order 0) or
    /// smaller (any other order); #N/A when the number is not among them.
    static func rank(_ args: [Argument]) -> Value {
        let number: Double
        switch ArgumentRules.number(args[0]) {
        case .success(let n): number = n
        case .failure(let e): return .error(e)
        }
        let numbers: [Double]
        switch ArgumentRules.numbers([args[1]]) {
        case .success(let x): numbers = x
        case .failure(let e): return .error(e)
        }
        let ascending: Bool
        switch ArgumentRules.number(args[2]) {
        case .success(let o): ascending = o != 0
        case .failure(let e): return .error(e)
        }
        guard numbers.contains(number) else { return .error(.na) }
        let before = numbers.count { ascending ? $0 < number : $0 > number }
        return .number(Double(before + 1))
    }

    /// The most frequent number, the first of them in argument order on a tie; nil when no
    /// number occurs twice.
    static func mode(_ x: [Double]) -> Double? {
        var counts: [Double: Int] = [:]
        for v in x { counts[v, default: 0] += 1 }
        var best: (value: Double, count: Int)?
        for v in x {
            let c = counts[v]!
            if c > 1, c > (best?.count ?? 1) { best = (v, c) }
        }
        return best?.value
    }
}
