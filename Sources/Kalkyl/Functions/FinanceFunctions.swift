import Foundation

/// The finance functions: present and future values of annuities, and discounted cash flows.
///
/// They all rest on one equation between a rate r per period, n periods, a payment per period,
/// a present value and a future value, with payments at the end of each period (type 0) or at
/// the start (any other type):
///
///     pv·(1+r)ⁿ + pmt·(1 + r·type)·((1+r)ⁿ − 1)/r + fv = 0
///
/// Each function solves it for one unknown. Money paid out is negative, received positive.
/// Every argument is read as one number (TRUE is 1, an empty cell 0); the first error wins.
enum FinanceFunctions {
    static let table: [FunctionSpec] = [
        FunctionSpec("NPV", [.number("rate")], repeating: [.array("value")], npv).with(units: .sameAsParameters(["value"])),
        annuity("PMT", "rate", "nper", "pv", "fv", "type", pmt).with(units: .sameAsParameters(["pv", "fv"])),
        annuity("PV", "rate", "nper", "pmt", "fv", "type", pv).with(units: .sameAsParameters(["pmt", "fv"])),
        annuity("FV", "rate", "nper", "pmt", "pv", "type", fv).with(units: .sameAsParameters(["pmt", "pv"])),
        annuity("NPER", "rate", "pmt", "pv", "fv", "type", nper).with(units: .plainNumberOf(["pmt", "pv", "fv"])),
    ]

    /// A function of five numbers, the last two optional and 0 when left out.
    static func annuity(_ name: String, _ a: String, _ b: String, _ c: String, _ d: String, _ e: String,
                        _ f: @escaping @Sendable (Double, Double, Double, Double, Bool) -> Value) -> FunctionSpec {
        FunctionSpec(name, [.number(a), .number(b), .number(c), .number(d).optional(.number(0)), .number(e).optional(.number(0))]) { args in
            var x = [0.0, 0.0, 0.0, 0.0, 0.0]
            for (i, arg) in args.enumerated() {
                switch ArgumentRules.number(arg) {
                case .success(let n): x[i] = n
                case .failure(let e): return .error(e)
                }
            }
            return f(x[0], x[1], x[2], x[3], x[4] != 0)
        }
    }

    /// (1+r)ⁿ, or the error Excel gives when it has no value: #DIV/0! for 0 to a negative
    /// power, #NUM! for a negative base to a fractional power.
    static func growth(_ rate: Double, _ nper: Double) -> Result<Double, ExcelError> {
        let x = Foundation.pow(1 + rate, nper)
        if x.isNaN { return .failure(.num) }
        if x.isInfinite { return .failure(rate == -1 ? .div0 : .num) }
        return .success(x)
    }

    /// PMT(rate, nper, pv, [fv], [type]): the payment per period that turns pv into fv.
    @Sendable static func pmt(_ rate: Double, _ nper: Double, _ pv: Double, _ fv: Double, _ atStart: Bool) -> Value {
        guard nper != 0, rate > -1 else { return .error(.num) }
        if rate == 0 { return ExcelMath.finite(-(pv + fv) / nper) }
        switch growth(rate, nper) {
        case .failure(let e): return .error(e)
        case .success(let x):
            return ExcelMath.finite(-(fv + pv * x) * rate / ((1 + (atStart ? rate : 0)) * (x - 1)))
        }
    }

    /// FV(rate, nper, pmt, [pv], [type]): what pv and the payments have grown to after nper periods.
    @Sendable static func fv(_ rate: Double, _ nper: Double, _ pmt: Double, _ pv: Double, _ atStart: Bool) -> Value {
        if rate == 0 { return ExcelMath.finite(-(pv + pmt * nper)) }
        switch growth(rate, nper) {
        case .failure(let e): return .error(e)
        case .success(let x):
            // ((1+r)ⁿ − 1)/r first: in this order the results agree with Excel's more often.
            return ExcelMath.finite(-(pv * x + pmt * (1 + (atStart ? rate : 0)) * ((x - 1) / rate)))
        }
    }

    /// PV(rate, nper, pmt, [fv], [type]): what the payments and fv are worth today.
    @Sendable static func pv(_ rate: Double, _ nper: Double, _ pmt: Double, _ fv: Double, _ atStart: Bool) -> Value {
        if rate == 0 { return ExcelMath.finite(-(fv + pmt * nper)) }
        switch growth(rate, nper) {
        case .failure(let e): return .error(e)
        case .success(let x):
            guard x != 0 else { return .error(.div0) }
            return ExcelMath.finite(-(fv + pmt * (1 + (atStart ? rate : 0)) * ((x - 1) / rate)) / x)
        }
    }

    /// NPER(rate, pmt, pv, [fv], [type]): how many periods the payments take to turn pv into fv.
    @Sendable static func nper(_ rate: Double, _ pmt: Double, _ pv: Double, _ fv: Double, _ atStart: Bool) -> Value {
        if rate == 0 {
            guard pmt != 0 else { return .error(.num) }
            return ExcelMath.finite(-(pv + fv) / pmt)
        }
        guard rate > -1 else { return .error(.num) }
        let a = pmt * (1 + (atStart ? rate : 0)) / rate
        let ratio = (a - fv) / (a + pv)
        guard ratio > 0, ratio.isFinite else { return .error(.num) }
        return ExcelMath.finite(Foundation.log(ratio) / Foundation.log(1 + rate))
    }

    /// NPV(rate, value1, …): the values, one per period starting a period from now, discounted
    /// to today. The values follow the aggregate rules of SUM: typed into the call, TRUE is 1
    /// and text that reads as a number counts; from cells or ranges, only numbers count, and
    /// a skipped cell is not a period.
    @Sendable static func npv(_ args: [Argument]) -> Value {
        let rate: Double
        switch ArgumentRules.number(args[0]) {
        case .success(let r): rate = r
        case .failure(let e): return .error(e)
        }
        guard rate != -1 else { return .error(.div0) }
        var sum = 0.0
        var period = 0.0
        if let e = ArgumentRules.forEachNumber(Array(args.dropFirst()), { v in
            period += 1
            sum += v / Foundation.pow(1 + rate, period)
        }) { return .error(e) }
        return ExcelMath.finite(sum)
    }
}
