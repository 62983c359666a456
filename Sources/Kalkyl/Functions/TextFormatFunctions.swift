/// TEXT, a value written by an Excel number format code, and TEXT_SV, Kalkyl's: the same with
/// the Swedish separators a Swedish report prints (`12 345,68` for `#,##0.00`).
///
/// The format codes are Excel's in en-US (see `NumberFormatCode`): `,` groups thousands and `.`
/// is the decimal point, whatever the model's language. Text that reads as a number is
/// formatted as that number; other text goes through the text section (`@`) or comes back as
/// it is; TRUE and FALSE come back as text. A code TEXT cannot read, a date outside Excel's,
/// or a code Kalkyl does not support (conditions such as `[>100]`, fractions such as `# ?/?`)
/// is #VALUE!.
enum TextFormatFunctions {
    static let table: [FunctionSpec] = [
        FunctionSpec("TEXT", [.value("value"), .value("format_text")], text).with(units: .text),
        FunctionSpec("TEXT_SV", [.value("value"), .value("format_text")], excel: .expression { _ in
            ExcelExpression(["SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(TEXT(", .arg(0), ",", .arg(1),
                             "),\",\",\"\(placeholder)\"),\".\",\",\"),\"\(placeholder)\",\" \")"])
        }) { args in
            guard case .text(let s) = text(args) else { return text(args) }
            return .text(swedish(s))
        }.with(units: .text),
    ]

    /// Stands in for the thousands separator while points become commas; the workbook's
    /// SUBSTITUTE expression uses the same, so both give the same text even if it occurs.
    static let placeholder = "§"

    /// `12,345.68` as `12 345,68`: exactly the three substitutions the workbook makes.
    static func swedish(_ s: String) -> String {
        s.replacingOccurrences(of: ",", with: placeholder).replacingOccurrences(of: ".", with: ",")
            .replacingOccurrences(of: placeholder, with: " ")
    }

    @Sendable static func text(_ args: [Argument]) -> Value {
        let value = args[0].scalar
        if case .error(let e) = value { return .error(e) }
        let format: String
        switch Coerce.text(args[1].scalar) {
        case .success(let f): format = f
        case .failure(let e): return .error(e)
        }
        guard let code = NumberFormatCode(format) else { return .error(.value) }
        switch value {
        case .number(let x): return code.format(x).map(Value.text) ?? .error(.value)
        case .blank: return code.format(0).map(Value.text) ?? .error(.value)
        case .bool(let b): return .text(b ? "TRUE" : "FALSE")
        case .text(let s):
            if let x = Coerce.parseNumber(s) { return code.format(x).map(Value.text) ?? .error(.value) }
            return .text(code.format(text: s))
        case .error(let e): return .error(e)
        }
    }
}
