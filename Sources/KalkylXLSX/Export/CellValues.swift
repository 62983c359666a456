import Kalkyl

extension XLSXFormulaResult {
    /// The cached result of a formula that computed `value` in Kalkyl. A formula never shows
    /// an empty cell: blank is 0, as in Excel.
    init(_ value: Value) {
        switch value {
        case .number(let x): self = x.isFinite ? .number(x) : .error(.number)
        case .text(let s): self = .text(Self.xmlSafe(s))
        case .bool(let b): self = .bool(b)
        case .error(let e): self = .error(XLSXCellError(e))
        case .blank: self = .number(0)
        }
    }

    /// libxlsxwriter writes a cached result into the XML unescaped: control characters are
    /// replaced here. Excel recalculates on load, so only a reader that does not sees the change.
    static func xmlSafe(_ s: String) -> String {
        guard !s.unicodeScalars.allSatisfy(Text.isXMLSafe) else { return s }
        return String(String.UnicodeScalarView(s.unicodeScalars.map { Text.isXMLSafe($0) ? $0 : "\u{FFFD}" }))
    }
}

extension XLSXCellError {
    init(_ error: ExcelError) {
        switch error {
        case .null: self = .null
        case .div0: self = .divisionByZero
        case .value: self = .value
        case .ref: self = .reference
        case .name: self = .name
        case .num: self = .number
        case .na: self = .notAvailable
        }
    }
}

extension XLSXWorksheet {
    /// Writes a constant: a number, text (always as text, whatever it starts with; empty text as
    /// the formula `=""`), TRUE or FALSE, or an error (as the formula `=#N/A`, the only way to
    /// store one); a blank cell gets only its format.
    func writeValue(_ value: Value, row: Int, column: Int, format: XLSXFormat?) throws {
        switch value {
        case .number(let x):
            if x.isFinite {
                try writeNumber(x, row: row, column: column, format: format)
            } else {
                try writeFormula("=#NUM!", result: .error(.number), row: row, column: column, format: format)
            }
        case .text(let s) where s.isEmpty:
            // libxlsxwriter writes an empty string as a blank cell, which a formula reads as 0:
            // the empty text is a formula, as Excel keeps one.
            try writeFormula("=\"\"", result: .text(""), row: row, column: column, format: format)
        case .text(let s): try writeString(s, row: row, column: column, format: format)
        case .bool(let b): try writeBoolean(b, row: row, column: column, format: format)
        case .error(let e):
            try writeFormula("=" + e.spelling, result: .error(XLSXCellError(e)), row: row, column: column, format: format)
        case .blank:
            if format != nil { try writeBlank(row: row, column: column, format: format) }
        }
    }
}

extension Value {
    var isNumeric: Bool {
        switch self {
        case .number, .error, .blank: true
        case .text, .bool: false
        }
    }
}
