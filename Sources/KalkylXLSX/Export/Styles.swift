import Kalkyl

/// The look of an exported workbook: the reports' number formats by unit, and the usual
/// colours of a financial model (inputs blue on yellow, scenario changes on orange).
///
/// Number formats are stored in US form, as the file format wants; a Swedish Excel shows
/// `#,##0.0` as `1 234,5`.
struct Styles {
    let book: XLSXWorkbook

    static let inputFill: UInt32 = 0xFFF2CC
    static let overrideFill: UInt32 = 0xF8CBAD
    static let headerFill: UInt32 = 0xDDEBF7
    static let closedFill: UInt32 = 0xB4C6E7
    static let totalFill: UInt32 = 0xF2F2F2
    static let inputFont: UInt32 = 0x0000FF
    static let linkFont: UInt32 = 0x008000
    static let noteFont: UInt32 = 0x595959

    /// How the cells of a row look.
    enum Role { case input, override, link, formula, total }

    func title() throws -> XLSXFormat { try book.format(XLSXStyle(bold: true, fontSize: 14)) }
    func note() throws -> XLSXFormat { try book.format(XLSXStyle(italic: true, fontColor: Self.noteFont)) }
    func bold() throws -> XLSXFormat { try book.format(XLSXStyle(bold: true)) }
    func header(alignment: XLSXStyle.Alignment? = nil, numberFormat: String? = nil) throws -> XLSXFormat {
        try book.format(XLSXStyle(numberFormat: numberFormat, bold: true, fillColor: Self.headerFill, alignment: alignment, bottomBorder: .thin))
    }
    func text(indent: Int = 0, bold: Bool = false) throws -> XLSXFormat? {
        try format(XLSXStyle(bold: bold, indent: indent))
    }

    /// The format for a style, or nil for the default look. libxlsxwriter 1.1.4 never caches
    /// the index of a format identical to one it already has (such as the default), and hashes
    /// the whole format again for every cell that uses it: a third of the time of a large export.
    func format(_ style: XLSXStyle) throws -> XLSXFormat? {
        style == XLSXStyle() ? nil : try book.format(style)
    }
    func source() throws -> XLSXFormat { try book.format(XLSXStyle(fontColor: Self.noteFont, indent: 1)) }

    func cell(_ numberFormat: String?, _ role: Role) throws -> XLSXFormat? {
        switch role {
        case .input: try format(XLSXStyle(numberFormat: numberFormat, fontColor: Self.inputFont, fillColor: Self.inputFill))
        case .override: try format(XLSXStyle(numberFormat: numberFormat, bold: true, fontColor: Self.inputFont, fillColor: Self.overrideFill))
        case .link: try format(XLSXStyle(numberFormat: numberFormat, fontColor: Self.linkFont))
        case .formula: try format(XLSXStyle(numberFormat: numberFormat))
        case .total: try format(XLSXStyle(numberFormat: numberFormat, bold: true, fillColor: Self.totalFill))
        }
    }

    /// The same format with an explicit sign, for differences and variances: `+1 234`, `-5`, `0`.
    static func signed(_ numberFormat: String?) -> String {
        let body = numberFormat ?? "General"
        return "+\(body);-\(body);\(body)"
    }

    /// The number format for a definition: by its unit, as the reports print it.
    ///
    /// mnkr with one decimal (the divisions' house style), kronor and tkr whole, percentages
    /// with one decimal (two when a value needs them, such as a PO rate of 46.15 %), persons
    /// whole unless a value has a fraction, periods as `yyyy-mm`; anything else General.
    static func numberFormat(for d: CheckedDefinition, values: [Value], timeline: Timeline) -> String? {
        if d.showsPeriod { return timeline.granularity == .monthly ? "yyyy-mm" : "0" }
        let numbers = values.compactMap(\.number)
        func needsDecimals(_ scale: Double, _ digits: Int) -> Bool {
            let factor = pow10(digits) * scale
            return numbers.contains { x in
                let scaled = x * factor
                return abs(scaled - scaled.rounded()) > 1e-9 * max(1, abs(scaled))
            }
        }
        switch d.unit?.lowercased() {
        case "kr", "sek", "tkr":
            return "#,##0"
        case let unit? where unit.hasPrefix("kr/"):   // kronor per head, per FTE
            return "#,##0"
        case "mnkr", "mkr", "mdkr", "mn kr", "mkr.":
            return "#,##0.0"
        case "%":
            // A computed ratio always has more digits than anyone reads; an input shows what was typed.
            return d.isInput && needsDecimals(100, 1) ? "0.00 %" : "0.0 %"
        case "persons", "person", "pers", "st", "fte", "åa", "årsarbetare", "h", "tim", "hours":
            if !needsDecimals(1, 0) { return "#,##0" }
            return needsDecimals(1, 1) ? "#,##0.00" : "#,##0.0"
        default:
            return nil
        }
    }

    private static func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { r, _ in r * 10 } }
}
