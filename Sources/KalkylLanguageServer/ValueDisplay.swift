import Kalkyl

/// Values as a reader wants them in a hover or a hint, as `kalkyl eval`'s table writes the
/// cell (`ValueFormat`): a `%` definition in per cent, a period as its label, a year without
/// grouping, numbers grouped by thousands with the model's decimal sign, each with as many
/// decimals as it needs (up to two). The unit is in the hover's heading. A `%` had one decimal
/// (12,75 % read `12.8 %`), a Swedish model's numbers a decimal point, a period its date number.
enum ValueDisplay {
    /// A value of definition `slot` of `model`.
    static func text(_ value: Value, of slot: Int, in model: CheckedModel) -> String {
        guard case .number(let x) = value else { return value.description }
        return format(of: slot, in: model).text(x)
    }

    static func format(of slot: Int, in model: CheckedModel) -> ValueFormat {
        ValueFormat(model.definitions[slot], timeline: model.timeline, language: ReportLanguage.of(model))
    }

    /// A number that is no cell's (a sum over members or periods, a voucher's amount), in the
    /// model's language.
    static func number(_ x: Double, in model: CheckedModel) -> String {
        HumanNumbers.format(x, decimals: HumanNumbers.decimals(for: [x]), language: ReportLanguage.of(model))
    }
}
