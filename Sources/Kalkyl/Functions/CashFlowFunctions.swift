import Foundation

/// Returns on a series of cash flows: IRR and MIRR for flows one period apart, XNPV and XIRR
/// for flows on dates (`XIRR(flow[payment], paid_on[payment])`).
///
/// The flows are read by the aggregate rules of SUM: from cells, a dimension or an array only
/// numbers count (and a skipped cell is no period), typed into the call TRUE is 1. Money paid
/// out is negative. IRR and XIRR are found by Newton's method from the guess, as in Excel;
/// when that does not converge the result is #NUM!. Excel does not document its iteration, so
/// results agree with Excel's to 1e-9 relative.
enum CashFlowFunctions {
    static let table: [FunctionSpec] = [
        FunctionSpec("IRR", [.array("values"), .number("guess").optional(.number(0.1))]) { args in
            flowsAndNumbers(args) { flows, x in
                guard x[0] > -1 else { return .error(.value) }
                return root(from: x[0], flows: flows) { r in
                    var value = 0.0, slope = 0.0
                    for (i, v) in flows.enumerated() {
                        let discount = Foundation.pow(1 + r, Double(i))
                        value += v / discount
                        slope -= Double(i) * v / (discount * (1 + r))
                    }
                    return (value, slope)
                }
            }
        }.with(units: .plainNumberOf(["values"])),
        FunctionSpec("MIRR", [.array("values"), .number("finance_rate"), .number("reinvest_rate")]) { args in
            flowsAndNumbers(args) { flows, x in mirr(flows, finance: x[0], reinvest: x[1]) }
        }.with(units: .plainNumberOf(["values"])),
        FunctionSpec("XNPV", [.number("rate"), .array("values"), .array("dates")]) { args in
            let rate: Double
            switch ArgumentRules.number(args[0]) {
            case .success(let r): rate = r
            case .failure(let e): return .error(e)
            }
            return datedFlows(args[1], args[2]) { flows, years in
                guard rate > -1 else { return .error(.num) }
                return ExcelMath.finite(zip(flows, years).reduce(0) { $0 + $1.0 / Foundation.pow(1 + rate, $1.1) })
            }
        }.with(units: .sameAsParameters(["values"])),
        FunctionSpec("XIRR", [.array("values"), .array("dates"), .number("guess").optional(.number(0.1))]) { args in
            let guess: Double
            switch ArgumentRules.number(args[2]) {
            case .success(let g): guess = g
            case .failure(let e): return .error(e)
            }
            return datedFlows(args[0], args[1]) { flows, years in
                guard guess > -1 else { return .error(.num) }
                return root(from: guess, flows: flows) { r in
                    var value = 0.0, slope = 0.0
                    for (v, t) in zip(flows, years) {
                        let discount = Foundation.pow(1 + r, t)
                        value += v / discount
                        slope -= t * v / (discount * (1 + r))
                    }
                    return (value, slope)
                }
            }
        }.with(units: .plainNumberOf(["values"])),
    ]

    /// The flows of the first argument, then the other arguments as numbers; the first error wins.
    static func flowsAndNumbers(_ args: [Argument], _ f: ([Double], [Double]) -> Value) -> Value {
        let flows: [Double]
        switch ArgumentRules.numbers([args[0]]) {
        case .success(let x): flows = x
        case .failure(let e): return .error(e)
        }
        var rest: [Double] = []
        for arg in args.dropFirst() {
            switch ArgumentRules.number(arg) {
            case .success(let n): rest.append(n)
            case .failure(let e): return .error(e)
            }
        }
        return f(flows, rest)
    }

    /// A rate where the discounted flows sum to 0, by Newton's method from `guess`; #NUM!
    /// unless there is a flow in and a flow out and the iteration settles.
    static func root(from guess: Double, flows: [Double], _ npv: (Double) -> (value: Double, slope: Double)) -> Value {
        guard flows.contains(where: { $0 > 0 }), flows.contains(where: { $0 < 0 }) else { return .error(.num) }
        var r = guess
        for _ in 0..<100 {
            let (value, slope) = npv(r)
            guard value.isFinite, slope.isFinite, slope != 0 else { return .error(.num) }
            var next = r - value / slope
            guard next.isFinite else { return .error(.num) }
            // A step to −100 % or below goes halfway there instead: rates below −100 % mean nothing.
            if next <= -1 { next = (r - 1) / 2 }
            if abs(next - r) <= 1e-15 * max(1, abs(r)) { return .number(next) }
            r = next
        }
        // Newton's last steps may bounce in the last bits: settled to 1e-12 is a root.
        let (value, slope) = npv(r)
        return abs(value / slope) <= 1e-12 * max(1, abs(r)) ? .number(r) : .error(.num)
    }

    /// MIRR: the rate that grows what the outflows are worth today at the finance rate into
    /// what the inflows are worth at the end, reinvested at the reinvest rate, over n − 1
    /// periods. #DIV/0! without an outflow (or with fewer than two flows).
    static func mirr(_ flows: [Double], finance: Double, reinvest: Double) -> Value {
        let n = flows.count
        guard n > 1 else { return .error(.div0) }
        var outflows = 0.0, inflows = 0.0
        for (i, v) in flows.enumerated() {
            if v < 0 {
                outflows += v / Foundation.pow(1 + finance, Double(i))
            } else {
                inflows += v * Foundation.pow(1 + reinvest, Double(n - 1 - i))
            }
        }
        guard outflows != 0, outflows.isFinite else { return .error(.div0) }
        return ExcelMath.power(-inflows / outflows, 1 / Double(n - 1)).map { $0 - 1 }.value
    }

    /// XNPV's and XIRR's flows and their dates, as years of 365 days from the first date.
    /// Every flow and date must be a number (#VALUE! otherwise), as many dates as flows and
    /// none before the first (#NUM!); dates are truncated.
    static func datedFlows(_ values: Argument, _ dates: Argument, _ f: ([Double], [Double]) -> Value) -> Value {
        func strict(_ arg: Argument) -> Result<[Double], ExcelError> {
            var out: [Double] = []
            for v in ArgumentRules.flattened([arg]) {
                switch v {
                case .number(let n): out.append(n)
                case .error(let e): return .failure(e)
                case .text(let s) where arg.isTyped:
                    guard let n = Coerce.parseNumber(s) else { return .failure(.value) }
                    out.append(n)
                default: return .failure(.value)
                }
            }
            return .success(out)
        }
        let flows: [Double], days: [Double]
        switch strict(values) {
        case .success(let x): flows = x
        case .failure(let e): return .error(e)
        }
        switch strict(dates) {
        case .success(let x): days = x.map { $0.rounded(.towardZero) }
        case .failure(let e): return .error(e)
        }
        guard flows.count == days.count, let first = days.first else { return .error(.num) }
        guard days.allSatisfy({ $0 >= first && $0 >= 0 && $0 <= Double(ExcelCalendar.maxSerial) }) else { return .error(.num) }
        return f(flows, days.map { ($0 - first) / 365 })
    }
}

extension Argument {
    /// Typed into the call, not read from cells.
    var isTyped: Bool {
        if case .value = self { return true }
        return false
    }
}
