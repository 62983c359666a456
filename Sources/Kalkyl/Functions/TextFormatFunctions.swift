/// TEXT, a value written by an Excel number format code, and TEXT_SV, Kalkyl's: the same with
/// the Swedish separators a Swedish report prints (`12 345,68`), from a code written as Swedish
/// Excel writes it (`# ##0,00`) or as TEXT's (`#,##0.00`): see `SwedishFormatCode`.
///
/// TEXT's format codes are Excel's in en-US (see `NumberFormatCode`): `,` groups thousands and
/// `.` is the decimal point, whatever the model's language. Text that reads as a number is
/// formatted as that number; other text goes through the text section (`@`) or comes back as
/// it is; TRUE and FALSE come back as text. A code TEXT cannot read, a date outside Excel's,
/// or a code Kalkyl does not support (conditions such as `[>100]`, fractions such as `# ?/?`)
/// is #VALUE!; so is a code TEXT_SV could read two ways (`#,##0`: `1 235` or `1234,500`).
enum TextFormatFunctions {
    static let table: [FunctionSpec] = [
        FunctionSpec("TEXT", [.value("value"), .value("format_text")], text).with(units: .text),
        FunctionSpec("TEXT_SV", [.value("value"), .value("format_text")], excel: .expression { literals in
            ExcelExpression(["SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(TEXT(", .arg(0), ",", excelFormat(literals[safe: 1] ?? nil),
                             "),\",\",\"\(placeholder)\"),\".\",\",\"),\"\(placeholder)\",\" \")"])
        }) { args in
            if case .error(let e) = args[0].scalar { return .error(e) }
            guard case .success(let format) = Coerce.text(args[1].scalar) else { return text(args) }
            guard let code = SwedishFormatCode.enUS(format) else { return .error(.value) }
            let written = text([args[0], .value(.text(code))])
            guard case .text(let s) = written else { return written }
            return .text(swedish(s))
        }.with(units: .text),
    ]

    /// TEXT_SV's format code in the workbook: the en-US code TEXT reads for a literal written
    /// the Swedish way (`"# ##0,00"` as `"#,##0.00"`), #VALUE! for one that reads two ways, and
    /// the argument as it is otherwise. A computed code is the argument: the workbook's TEXT
    /// reads it as en-US (docs/functions.md).
    static func excelFormat(_ literal: String?) -> ExcelExpression.Part {
        guard let literal, literal.count >= 2, literal.hasPrefix("\""), literal.hasSuffix("\"") else { return .arg(1) }
        let written = String(literal.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
        guard let code = SwedishFormatCode.enUS(written) else { return "#VALUE!" }
        if code == written { return .arg(1) }
        return .text("\"" + code.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
    }

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
