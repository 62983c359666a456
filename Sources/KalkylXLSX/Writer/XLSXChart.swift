internal import CXlsxWriter

/// A chart of an ``XLSXWorkbook``, made by ``XLSXWorkbook/addChart(_:)`` and placed on a sheet
/// with ``XLSXWorksheet/insertChart(_:row:column:widthScale:heightScale:)``.
///
/// Its series read ranges of cells (`=Calc!$F$12:$Q$12`); libxlsxwriter copies the values it has
/// written there into the chart when the workbook closes. Like a format, a chart belongs to its
/// workbook: libxlsxwriter frees it at close, after which every call throws.
public final class XLSXChart {
    public enum Kind: Sendable { case line, column }

    /// A series' look: a colour (`0xRRGGBB`) and, for lines, a dash.
    public struct SeriesStyle: Sendable, Equatable {
        public var color: UInt32?
        public var dashed: Bool
        public init(color: UInt32? = nil, dashed: Bool = false) {
            self.color = color
            self.dashed = dashed
        }
    }

    public let kind: Kind
    let state: WorkbookState
    private let pointer: UnsafeMutablePointer<lxw_chart>
    /// A chart can be placed on one sheet, once.
    var isInserted = false

    init(kind: Kind, state: WorkbookState, pointer: UnsafeMutablePointer<lxw_chart>) {
        self.kind = kind
        self.state = state
        self.pointer = pointer
    }

    /// The C chart for inserting into `workbook`, after checking it belongs there and still exists.
    func pointer(for workbook: WorkbookState, _ operation: @autoclosure () -> String) throws -> UnsafeMutablePointer<lxw_chart> {
        guard state === workbook else { throw XLSXError.invalid(operation(), "the chart belongs to another workbook") }
        try state.requireOpen(operation())
        return pointer
    }

    /// The chart's title, above the plot, in bold of `size` points (1 to 409).
    public func setTitle(_ title: String, size: Double = 12) throws {
        let operation = "set chart title"
        try state.requireOpen(operation)
        try Text.requireXMLSafe(title, what: "a chart title", operation)
        guard size >= 1, size <= 409 else { throw XLSXError.invalid(operation, "a font size must be between 1 and 409 points, not \(size)") }
        chart_title_set_name(pointer, title)
        var font = lxw_chart_font()
        font.size = size
        font.bold = 1
        // libxlsxwriter copies the font.
        chart_title_set_name_font(pointer, &font)
    }

    /// Adds a series: `values` and `categories` are absolute ranges such as `=Calc!$F$12:$Q$12`,
    /// `name` a cell (`=Calc!$A$12`) or plain text. libxlsxwriter does not check the ranges.
    public func addSeries(values: String, categories: String?, name: String?, style: SeriesStyle = SeriesStyle()) throws {
        let operation = "add chart series \(values)"
        try state.requireOpen(operation)
        for text in [values, categories, name].compactMap({ $0 }) {
            try Text.requireXMLSafe(text, what: "a chart series", operation)
        }
        guard values.hasPrefix("=") else { throw XLSXError.invalid(operation, "a series' values are a range such as =Calc!$F$12:$Q$12") }
        guard let series = chart_add_series(pointer, categories, values) else {
            throw XLSXError.library(.memoryMallocFailed, operation)
        }
        // A leading = makes the name a reference to a cell.
        if let name { chart_series_set_name(series, name) }
        if style.color != nil || style.dashed {
            if let color = style.color, color > 0xFF_FFFF {
                throw XLSXError.invalid(operation, "a color is 0xRRGGBB, not 0x\(String(color, radix: 16))")
            }
            var line = lxw_chart_line()
            line.color = lxw_color_t(style.color ?? 0x000000)
            line.width = kind == .line ? 2.25 : 0.75
            if style.dashed { line.dash_type = UInt8(LXW_CHART_LINE_DASH_DASH.rawValue) }
            chart_series_set_line(series, &line)
            if kind == .column, let color = style.color {
                var fill = lxw_chart_fill()
                fill.color = lxw_color_t(color)
                chart_series_set_fill(series, &fill)
            }
        }
    }

    /// The number format of the value axis, such as `#,##0.0`.
    public func setValueAxisNumberFormat(_ format: String) throws {
        try setAxisNumberFormat(format, axis: LXW_CHART_AXIS_TYPE_Y)
    }

    /// The number format of the category axis (dates such as `mmm`).
    public func setCategoryAxisNumberFormat(_ format: String) throws {
        try setAxisNumberFormat(format, axis: LXW_CHART_AXIS_TYPE_X)
    }

    private func setAxisNumberFormat(_ format: String, axis which: lxw_chart_axis_type) throws {
        let operation = "set chart axis format"
        try state.requireOpen(operation)
        try Text.requireXMLSafe(format, what: "a number format", operation)
        guard let axis = chart_axis_get(pointer, which) else { return }
        chart_axis_set_num_format(axis, format)
    }

    /// Puts the category axis's labels (the months) at the bottom of the plot, not where the
    /// value axis crosses 0: a result that goes negative in July would run its line through "jul".
    public func placeCategoryLabelsLow() throws {
        try state.requireOpen("place chart category labels")
        guard let axis = chart_axis_get(pointer, LXW_CHART_AXIS_TYPE_X) else { return }
        chart_axis_set_label_position(axis, UInt8(LXW_CHART_AXIS_LABEL_POSITION_LOW.rawValue))
    }

    /// Puts the legend under the plot.
    public func placeLegendBelow() throws {
        try state.requireOpen("place chart legend")
        chart_legend_set_position(pointer, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
    }
}

extension XLSXWorkbook {
    /// A new chart, to fill with series and insert on a sheet once.
    public func addChart(_ kind: XLSXChart.Kind) throws -> XLSXChart {
        let operation = "add chart"
        let workbook = try state.workbook(operation)
        let type: UInt8 = switch kind {
        case .line: UInt8(LXW_CHART_LINE.rawValue)
        case .column: UInt8(LXW_CHART_COLUMN.rawValue)
        }
        guard let pointer = workbook_add_chart(workbook, type) else {
            throw XLSXError.library(.memoryMallocFailed, operation)
        }
        return XLSXChart(kind: kind, state: state, pointer: pointer)
    }
}
