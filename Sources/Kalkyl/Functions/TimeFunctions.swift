/// Times of day: TIME builds one, HOUR, MINUTE and SECOND take one apart.
///
/// A time is the fraction of a day after a serial's whole part: 0.5 is noon. Arguments are
/// read as numbers (text such as "6:00" counts, TRUE is 1), the first error wins.
enum TimeFunctions {
    static let table: [FunctionSpec] = [
        // TIME(hour, minute, second): each truncated; past 24 hours it wraps round.
        FunctionSpec("TIME", [.number("hour"), .number("minute"), .number("second")]) { args in
            var parts: [Double] = []
            for arg in args {
                switch ArgumentRules.number(arg) {
                case .success(let x): parts.append(x.rounded(.towardZero))
                case .failure(let e): return .error(e)
                }
            }
            guard parts.allSatisfy({ $0 <= 32_767 }) else { return .error(.num) }
            let seconds = parts[0] * 3600 + parts[1] * 60 + parts[2]
            guard seconds >= 0 else { return .error(.num) }
            // Divided first, then the whole days dropped: Excel's bits (TIME(23, 120, 0) is
            // 0.04166666666666674, not 1/24).
            let days = seconds / 86_400
            return .number(days - days.rounded(.down))
        }.with(units: .date),
        timePart("HOUR") { $0 / 3600 }.with(units: .anyUnit),
        timePart("MINUTE") { $0 / 60 % 60 }.with(units: .anyUnit),
        timePart("SECOND") { $0 % 60 }.with(units: .anyUnit),
    ]

    /// A part of the time of day of a serial, from its seconds since midnight rounded to the
    /// nearest second, as Excel rounds them. A negative serial, or one past 9999, is #NUM!.
    static func timePart(_ name: String, _ part: @escaping @Sendable (Int) -> Int) -> FunctionSpec {
        .number(name) { x in
            guard x >= 0, x < Double(ExcelCalendar.maxSerial + 1) else { return .error(.num) }
            let seconds = Int(((x - x.rounded(.down)) * 86_400).rounded()) % 86_400
            return .number(Double(part(seconds)))
        }
    }
}
