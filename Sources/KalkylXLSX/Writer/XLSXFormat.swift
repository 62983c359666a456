internal import CXlsxWriter

/// How a cell looks: a value, compared and hashed as a whole.
///
/// A style becomes an ``XLSXFormat`` through ``XLSXWorkbook/format(_:)``, once per workbook; the
/// C format is then never changed, so a format can't differ between the cells that share it.
public struct XLSXStyle: Hashable, Sendable {
    public enum Alignment: Hashable, Sendable { case left, center, right }
    public enum Border: Hashable, Sendable { case thin, medium, double }

    /// An Excel number format such as `#,##0`, `0.0%` or `yyyy-mm`; `nil` is General.
    public var numberFormat: String?
    public var bold = false
    public var italic = false
    /// Points, 1 to 409; `nil` is the default (11).
    public var fontSize: Double?
    /// `0xRRGGBB`.
    public var fontColor: UInt32?
    /// `0xRRGGBB`, a solid fill.
    public var fillColor: UInt32?
    public var alignment: Alignment?
    /// Indentation level, 0 to 15.
    public var indent = 0
    public var wrapText = false
    /// Text at the top of a tall row rather than at its foot (Excel's default).
    public var alignTop = false
    public var topBorder: Border?
    public var bottomBorder: Border?

    public init(
        numberFormat: String? = nil, bold: Bool = false, italic: Bool = false,
        fontSize: Double? = nil, fontColor: UInt32? = nil, fillColor: UInt32? = nil,
        alignment: Alignment? = nil, indent: Int = 0, wrapText: Bool = false,
        topBorder: Border? = nil, bottomBorder: Border? = nil, alignTop: Bool = false
    ) {
        self.alignTop = alignTop
        self.numberFormat = numberFormat
        self.bold = bold
        self.italic = italic
        self.fontSize = fontSize
        self.fontColor = fontColor
        self.fillColor = fillColor
        self.alignment = alignment
        self.indent = indent
        self.wrapText = wrapText
        self.topBorder = topBorder
        self.bottomBorder = bottomBorder
    }

    /// Refuses what libxlsxwriter would silently truncate or ignore.
    func validate(_ operation: String) throws {
        if let numberFormat {
            try Text.requireXMLSafe(numberFormat, what: "a number format", operation)
            guard !numberFormat.isEmpty, numberFormat.utf8.count <= 127 else {
                throw XLSXError.invalid(operation, "a number format must be 1 to 127 bytes of UTF-8 (libxlsxwriter truncates longer ones)")
            }
        }
        if let fontSize, !(fontSize >= 1 && fontSize <= 409) {
            throw XLSXError.invalid(operation, "a font size must be between 1 and 409 points, not \(fontSize)")
        }
        for color in [fontColor, fillColor].compactMap({ $0 }) where color > 0xFF_FFFF {
            throw XLSXError.invalid(operation, "a color is 0xRRGGBB, not 0x\(String(color, radix: 16))")
        }
        guard (0...15).contains(indent) else {
            throw XLSXError.invalid(operation, "an indent level must be 0 to 15, not \(indent)")
        }
    }

    /// Sets every property on a fresh C format.
    func apply(to format: UnsafeMutablePointer<lxw_format>) {
        if let numberFormat { format_set_num_format(format, numberFormat) }
        if bold { format_set_bold(format) }
        if italic { format_set_italic(format) }
        if let fontSize { format_set_font_size(format, fontSize) }
        if let fontColor { format_set_font_color(format, lxw_color_t(fontColor)) }
        if let fillColor {
            format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(format, lxw_color_t(fillColor))
        }
        switch alignment {
        case .left?: format_set_align(format, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center?: format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right?: format_set_align(format, UInt8(LXW_ALIGN_RIGHT.rawValue))
        case nil: break
        }
        if indent > 0 { format_set_indent(format, UInt8(indent)) }
        if wrapText { format_set_text_wrap(format) }
        if alignTop { format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue)) }
        if let topBorder { format_set_top(format, topBorder.lxwStyle) }
        if let bottomBorder { format_set_bottom(format, bottomBorder.lxwStyle) }
    }
}

extension XLSXStyle.Border {
    fileprivate var lxwStyle: UInt8 {
        switch self {
        case .thin: UInt8(LXW_BORDER_THIN.rawValue)
        case .medium: UInt8(LXW_BORDER_MEDIUM.rawValue)
        case .double: UInt8(LXW_BORDER_DOUBLE.rawValue)
        }
    }
}

/// A cell format of one workbook, made by ``XLSXWorkbook/format(_:)``.
///
/// Valid only in the workbook that made it and only until that workbook is closed; using it
/// elsewhere or later throws instead of touching freed memory.
public final class XLSXFormat {
    /// What the format looks like.
    public let style: XLSXStyle
    let state: WorkbookState
    private let pointer: UnsafeMutablePointer<lxw_format>

    init(style: XLSXStyle, state: WorkbookState, pointer: UnsafeMutablePointer<lxw_format>) {
        self.style = style
        self.state = state
        self.pointer = pointer
    }

    /// The C format for a write into `workbook`, after checking it belongs there and still exists.
    func pointer(for workbook: WorkbookState, _ operation: @autoclosure () -> String) throws -> UnsafeMutablePointer<lxw_format> {
        guard state === workbook else {
            throw XLSXError.invalid(operation(), "the format belongs to another workbook")
        }
        try state.requireOpen(operation())
        return pointer
    }
}
