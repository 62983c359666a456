import Foundation

/// The loan and interest functions: a payment's interest and principal (IPMT, PPMT, their sums
/// CUMIPMT and CUMPRINC, ISPMT), the rate of an annuity (RATE), growth rates (RRI, PDURATION)
/// and rates compounded differently (EFFECT, NOMINAL), as Excel defines them.
///
/// They rest on the annuity equation of `FinanceFunctions`. Money paid out is negative; every
/// argument is read as one number (TRUE is 1, an empty cell 0) and the first error wins.
/// Excel does not document the order of its operations, so results agree with Excel's to about
/// 1e-12 relative, not always bit for bit (see the oracle tests).
enum LoanFunctions {
    static let table: [FunctionSpec] = [
        FunctionSpec("IPMT", [.number("rate"), .number("per"), .number("nper"), .number("pv"), .number("fv").optional(.number(0)), .number("type").optional(.number(0))]) { args in
            FunctionArguments.numbers(args, defaults: [0, 0, 0, 0, 0, 0]) { x in
                interestPart(rate: x[0], period: x[1], periods: x[2], pv: x[3], fv: x[4], atStart: x[5] != 0).map(\.interest).value
            }
        }.with(units: .sameAsParameters(["pv", "fv"])),
        FunctionSpec("PPMT", [.number("rate"), .number("per"), .number("nper"), .number("pv"), .number("fv").optional(.number(0)), .number("type").optional(.number(0))]) { args in
            FunctionArguments.numbers(args, defaults: [0, 0, 0, 0, 0, 0]) { x in
                interestPart(rate: x[0], period: x[1], periods: x[2], pv: x[3], fv: x[4], atStart: x[5] != 0)
                    .map { $0.payment - $0.interest }.value
            }
        }.with(units: .sameAsParameters(["pv", "fv"])),
        FunctionSpec("CUMIPMT", [.number("rate"), .number("nper"), .number("pv"), .number("start_period"), .number("end_period"), .number("type")]) { args in
            FunctionArguments.toolPakNumbers(args, defaults: [0, 0, 0, 0, 0, 0]) { x in cumulative(x, principal: false) }
        }.with(units: .sameAsParameters(["pv"])),
        FunctionSpec("CUMPRINC", [.number("rate"), .number("nper"), .number("pv"), .number("start_period"), .number("end_period"), .number("type")]) { args in
            FunctionArguments.toolPakNumbers(args, defaults: [0, 0, 0, 0, 0, 0]) { x in cumulative(x, principal: true) }
        }.with(units: .sameAsParameters(["pv"])),
        // ISPMT(rate, per, nper, pv): the interest of a loan repaid in equal parts of principal,
        // with periods counted from 0.
        FunctionSpec("ISPMT", [.number("rate"), .number("per"), .number("nper"), .number("pv")]) { args in
            FunctionArguments.numbers(args, defaults: [0, 0, 0, 0]) { x in
                guard x[2] != 0 else { return .error(.div0) }
                // In this order the results are Excel's bit for bit.
                return ExcelMath.finite(x[0] * (x[1] - x[2]) * x[3] / x[2])
            }
        }.with(units: .sameAsParameters(["pv"])),
        FunctionSpec("RATE", [.number("nper"), .number("pmt"), .number("pv"), .number("fv").optional(.number(0)), .number("type").optional(.number(0)),
                                 .number("guess").optional(.number(0.1))]) { args in
            FunctionArguments.numbers(args, defaults: [0, 0, 0, 0, 0, 0.1]) { x in
                rate(periods: x[0], payment: x[1], pv: x[2], fv: x[3], atStart: x[4] != 0, guess: x[5])
            }
        }.with(units: .plainNumberOf(["pmt", "pv", "fv"])),
        // RRI(n, pv, fv): the rate per period that grows pv to fv in n periods.
        FunctionSpec("RRI", [.number("nper"), .number("pv"), .number("fv")], excel: .stored("_xlfn.RRI")) { args in
            FunctionArguments.numbers(args, defaults: [0, 0, 0]) { x in
                guard x[0] > 0 else { return .error(.num) }
                guard x[1] != 0 else { return .error(.num) }
                return ExcelMath.power(x[2] / x[1], 1 / x[0]).map { $0 - 1 }.value
            }
        }.with(units: .plainNumberOf(["pv", "fv"])),
        // PDURATION(rate, pv, fv): how many periods at rate grow pv to fv.
        FunctionSpec("PDURATION", [.number("rate"), .number("pv"), .number("fv")], excel: .stored("_xlfn.PDURATION")) { args in
            FunctionArguments.numbers(args, defaults: [0, 0, 0]) { x in
                guard x[0] > 0, x[1] > 0, x[2] > 0 else { return .error(.num) }
                return ExcelMath.finite((Foundation.log10(x[2]) - Foundation.log10(x[1])) / Foundation.log10(1 + x[0]))
            }
        }.with(units: .plainNumberOf(["pv", "fv"])),
        // EFFECT(nominal, npery): the annual rate of a nominal rate compounded npery times a year.
        FunctionSpec("EFFECT", [.number("nominal_rate"), .number("npery")]) { args in
            FunctionArguments.toolPakNumbers(args, defaults: [0, 0]) { x in
                let n = x[1].rounded(.towardZero)
                guard x[0] > 0, n >= 1 else { return .error(.num) }
                return ExcelMath.finite(Foundation.pow(1 + x[0] / n, n) - 1)
            }
        }.with(units: .plainNumber),
        // NOMINAL(effect, npery): the nominal rate that compounds to the annual rate.
        FunctionSpec("NOMINAL", [.number("effect_rate"), .number("npery")]) { args in
            FunctionArguments.toolPakNumbers(args, defaults: [0, 0]) { x in
                let n = x[1].rounded(.towardZero)
                guard x[0] > 0, n >= 1 else { return .error(.num) }
                return ExcelMath.finite((Foundation.pow(x[0] + 1, 1 / n) - 1) * n)
            }
        }.with(units: .plainNumber),
    ]

    /// The payment per period and the interest part of it in one period.
    ///
    /// The interest is the rate times what is owed at the start of the period: the future value
    /// of the loan and the payments made before it. Paid at the start of each period, the first
    /// payment carries no interest. A period before the first or after the last is #NUM!.
    static func interestPart(rate: Double, period: Double, periods: Double, pv: Double, fv: Double,
                             atStart: Bool) -> Result<(payment: Double, interest: Double), ExcelError> {
        guard period >= 1, period < periods + 1 else { return .failure(.num) }
        guard case .number(let payment) = FinanceFunctions.pmt(rate, periods, pv, fv, atStart) else {
            return .failure(FinanceFunctions.pmt(rate, periods, pv, fv, atStart).errorValue ?? .num)
        }
        return owedBefore(period, rate: rate, payment: payment, pv: pv, atStart: atStart).map { (payment, $0 * rate) }
    }

    /// What is owed (as a negative future value) at the start of a period, with the payment
    /// paid at the period's start taken off already when payments are in advance.
    static func owedBefore(_ period: Double, rate: Double, payment: Double, pv: Double, atStart: Bool) -> Result<Double, ExcelError> {
        if period == 1 { return .success(atStart ? 0 : -pv) }
        let elapsed = atStart ? period - 2 : period - 1
        guard case .number(let future) = FinanceFunctions.fv(rate, elapsed, payment, pv, atStart) else { return .failure(.num) }
        return .success(atStart ? future - payment : future)
    }

    /// CUMIPMT and CUMPRINC(rate, nper, pv, start, end, type): the interest (or principal)
    /// paid from period start to end, both whole periods. The rate, periods and loan must be
    /// positive and the type 0 or 1, else #NUM!.
    static func cumulative(_ x: [Double], principal: Bool) -> Value {
        let (rate, periods, pv) = (x[0], x[1], x[2])
        let start = x[3].rounded(.up), end = x[4].rounded(.towardZero), type = x[5]
        guard rate > 0, periods > 0, pv > 0, start >= 1, end >= start, end <= periods,
              type == 0 || type == 1 else { return .error(.num) }
        let atStart = type == 1
        guard case .number(let payment) = FinanceFunctions.pmt(rate, periods, pv, 0, atStart) else { return .error(.num) }
        var interest = 0.0
        var paid = 0.0
        var period = start
        while period <= end {
            guard case .success(let owed) = owedBefore(period, rate: rate, payment: payment, pv: pv, atStart: atStart) else {
                return .error(.num)
            }
            interest += owed
            paid += payment
            period += 1
        }
        return ExcelMath.finite(principal ? paid - interest * rate : interest * rate)
    }

    /// RATE by Newton's method from the guess: done when a step is below 1e-7, as Excel says;
    /// no convergence, or a rate of -100 % or less, is #NUM!. Excel documents at most 20 steps
    /// but finds RATE(300, -200, 8000), which takes 26 from the default guess, and gives up on
    /// RATE(3300, -200, 8000), which takes hundreds; Kalkyl allows 50.
    static func rate(periods n: Double, payment: Double, pv: Double, fv: Double, atStart: Bool, guess: Double) -> Value {
        guard n > 0 else { return .error(.num) }
        let type = atStart ? 1.0 : 0.0
        /// The annuity equation and its derivative in r; (1+r)ⁿ − 1 through expm1 and log1p,
        /// which keeps its digits for rates near 0.
        func equation(_ r: Double) -> (Double, Double)? {
            if r == 0 {
                return (pv + payment * n + fv, pv * n + payment * (n * (n - 1) / 2 + n * type))
            }
            let grown = Foundation.expm1(n * Foundation.log1p(r))      // (1+r)ⁿ − 1
            let g = grown + 1
            let gPrime = n * g / (1 + r)
            let annuity = grown / r
            let annuityPrime = (gPrime * r - grown) / (r * r)
            let f = pv * g + payment * (1 + r * type) * annuity + fv
            let d = pv * gPrime + payment * type * annuity + payment * (1 + r * type) * annuityPrime
            guard f.isFinite, d.isFinite, d != 0 else { return nil }
            return (f, d)
        }
        var r = guess
        for _ in 0..<50 {
            guard r > -1, let (f, d) = equation(r) else { return .error(.num) }
            let next = r - f / d
            guard next.isFinite else { return .error(.num) }
            if abs(next - r) < 1e-7 {
                // One more step polishes the last digits; Newton's step is quadratic here.
                guard next > -1 else { return .error(.num) }
                if let (f2, d2) = equation(next) {
                    let polished = next - f2 / d2
                    if polished.isFinite, polished > -1 { return ExcelMath.finite(polished) }
                }
                return ExcelMath.finite(next)
            }
            r = next
        }
        return .error(.num)
    }
}

/// Reading a function's arguments as numbers, shared by the families that take several.
enum FunctionArguments {
    /// The arguments as numbers, the left-out trailing ones taken from `defaults`, a left-out
    /// argument inside the call (`f(1,,2)`) as its default too; the first error wins.
    static func numbers(_ args: [Argument], defaults: [Double], _ f: ([Double]) -> Value) -> Value {
        var x = defaults
        for (i, arg) in args.enumerated() {
            if case .missing = arg { continue }
            switch ArgumentRules.number(arg) {
            case .success(let n): x[i] = n
            case .failure(let e): return .error(e)
            }
        }
        return f(x)
    }

    /// The arguments of the functions that came to Excel from the Analysis ToolPak (EFFECT,
    /// NOMINAL, CUMIPMT, MROUND, QUOTIENT, …), which read numbers more strictly: TRUE and
    /// FALSE are #VALUE!, and a left-out argument is #N/A.
    static func toolPakNumbers(_ args: [Argument], defaults: [Double], _ f: ([Double]) -> Value) -> Value {
        var x = defaults
        for (i, arg) in args.enumerated() {
            if case .missing = arg { return .error(.na) }
            let v = arg.scalar
            if case .bool = v { return .error(.value) }
            switch Coerce.number(v) {
            case .success(let n): x[i] = n
            case .failure(let e): return .error(e)
            }
        }
        return f(x)
    }
}

extension Value {
    /// The error this value is, if it is one.
    var errorValue: ExcelError? {
        if case .error(let e) = self { return e }
        return nil
    }
}
