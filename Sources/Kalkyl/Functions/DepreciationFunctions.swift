import Foundation

/// Depreciation of an asset per period: straight-line (SLN), sum-of-years' digits (SYD),
/// fixed-declining balance (DB) and double-declining balance (DDB), as Excel defines them.
///
/// Every argument is read as one number (TRUE is 1, an empty cell 0) and the first error wins.
/// A negative cost or salvage, a life or period that is not positive, or a period past the
/// life is #NUM!.
enum DepreciationFunctions {
    static let table: [FunctionSpec] = [
        // SLN(cost, salvage, life): the same amount every period.
        FunctionSpec("SLN", [.number("cost"), .number("salvage"), .number("life")]) { args in
            FunctionArguments.numbers(args, defaults: [0, 0, 0]) { x in
                guard x[2] != 0 else { return .error(.div0) }
                return ExcelMath.finite((x[0] - x[1]) / x[2])
            }
        }.with(units: .sameAsParameters(["cost", "salvage"])),
        // SYD(cost, salvage, life, per): the depreciable amount in shares life, life-1, …, 1.
        FunctionSpec("SYD", [.number("cost"), .number("salvage"), .number("life"), .number("per")]) { args in
            FunctionArguments.numbers(args, defaults: [0, 0, 0, 0]) { x in
                let (cost, salvage, life, period) = (x[0], x[1], x[2], x[3])
                guard life > 0, period > 0, period <= life else { return .error(.num) }
                return ExcelMath.finite((cost - salvage) * (life - period + 1) * 2 / (life * (life + 1)))
            }
        }.with(units: .sameAsParameters(["cost", "salvage"])),
        FunctionSpec("DB", [.number("cost"), .number("salvage"), .number("life"), .number("period"), .number("month").optional(.number(12))]) { args in
            FunctionArguments.numbers(args, defaults: [0, 0, 0, 0, 12]) { x in
                fixedDeclining(cost: x[0], salvage: x[1], life: x[2], period: x[3], months: x[4])
            }
        }.with(units: .sameAsParameters(["cost", "salvage"])),
        FunctionSpec("DDB", [.number("cost"), .number("salvage"), .number("life"), .number("period"), .number("factor").optional(.number(2))]) { args in
            FunctionArguments.numbers(args, defaults: [0, 0, 0, 0, 2]) { x in
                decliningBalance(cost: x[0], salvage: x[1], life: x[2], period: x[3], factor: x[4])
            }
        }.with(units: .sameAsParameters(["cost", "salvage"])),
    ]

    /// DB(cost, salvage, life, period, [month]): a fixed rate, 1 − (salvage/cost)^(1/life)
    /// rounded to three decimals, on what is left of the cost. The first year counts `month`
    /// months (12 by default) and, when it is short, the year after the life takes the rest.
    /// Period and months are whole numbers (truncated).
    static func fixedDeclining(cost: Double, salvage: Double, life: Double, period rawPeriod: Double, months rawMonths: Double) -> Value {
        let months = rawMonths.rounded(.towardZero)
        let period = rawPeriod.rounded(.towardZero)
        guard cost >= 0, salvage >= 0, life > 0, period >= 1, months >= 1, months <= 12 else { return .error(.num) }
        guard cost > 0 else { return .number(0) }
        let lastPeriod = months == 12 ? life : life + 1
        guard period <= lastPeriod.rounded(.up) else { return .error(.num) }
        let unrounded = 1 - Foundation.pow(salvage / cost, 1 / life)
        let rate = (unrounded * 1000).rounded(.toNearestOrAwayFromZero) / 1000
        var total = cost * rate * months / 12
        if period == 1 { return ExcelMath.finite(total) }
        var p = 2.0
        var depreciation = 0.0
        while p <= period {
            if p > life {
                depreciation = (cost - total) * rate * (12 - months) / 12
            } else {
                depreciation = (cost - total) * rate
            }
            total += depreciation
            // Once a period depreciates nothing (all is written off, or the rate is 0), or what
            // is left is no longer a number, every later period is computed from the same
            // total: the last is computed at once, with the same result. DB(1, 0, 1E10, 1E10)
            // counted ten billion periods, minutes of a hang in eval and the language server
            // (red team, session 19, hunt19/t09); now at most about 1.5 million, when the rate
            // of 0.001 has taken the largest cost down to nothing.
            if (depreciation == 0 || !total.isFinite) && p < period {
                let last = period > life ? (cost - total) * rate * (12 - months) / 12 : (cost - total) * rate
                return ExcelMath.finite(last)
            }
            p += 1
        }
        return ExcelMath.finite(depreciation)
    }

    /// DDB(cost, salvage, life, period, [factor]): factor/life of what is left each period
    /// (twice the straight-line rate by default), never below the salvage value. The period may
    /// be a fraction.
    static func decliningBalance(cost: Double, salvage: Double, life: Double, period: Double, factor: Double) -> Value {
        guard cost >= 0, salvage >= 0, life > 0, period > 0, period <= life, factor > 0 else { return .error(.num) }
        var rate = factor / life
        let before: Double
        if rate >= 1 {
            rate = 1
            before = period == 1 ? cost : 0
        } else {
            before = cost * Foundation.pow(1 - rate, period - 1)
        }
        let after = cost * Foundation.pow(1 - rate, period)
        let depreciation = after < salvage ? before - salvage : before - after
        return ExcelMath.finite(max(0, depreciation))
    }
}
