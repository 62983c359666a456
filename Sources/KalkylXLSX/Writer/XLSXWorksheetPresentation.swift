import Foundation
internal import CXlsxWriter

/// How a sheet prints: paper, orientation, scaling, the rows repeated on every page, and the
/// header and footer.
public struct XLSXPageSetup: Sendable, Equatable {
    public enum Paper: UInt8, Sendable { case letter = 1, a4 = 9, a3 = 8 }

    public var landscape = false
    public var paper: Paper = .a4
    /// Scale the print to one page wide (as many pages tall as it needs).
    public var fitToWidth = false
    /// Scale the print to one page, wide and tall (wins over ``fitToWidth``).
    public var fitToPage = false
    /// Rows printed at the top of every page (0-based), such as a table's header.
    public var repeatRows: ClosedRange<Int>?
    /// Header and footer parts: left, centre and right, as plain text (the wrapper escapes `&`).
    public var header: (left: String, center: String, right: String) = ("", "", "")
    public var footer: (left: String, center: String, right: String) = ("", "", "")
    /// Adds the page number as `N (M)` at the footer's right.
    public var pageNumbers = false

    public init() {}

    public static func == (a: XLSXPageSetup, b: XLSXPageSetup) -> Bool {
        a.landscape == b.landscape && a.paper == b.paper && a.fitToWidth == b.fitToWidth && a.fitToPage == b.fitToPage && a.repeatRows == b.repeatRows
            && a.header == b.header && a.footer == b.footer && a.pageNumbers == b.pageNumbers
    }

    /// Excel's header code: `&L…&C…&R…`, with every `&` of the text doubled.
    static func code(_ parts: (left: String, center: String, right: String), pageNumbers: Bool = false) -> String {
        func escaped(_ s: String) -> String { s.replacingOccurrences(of: "&", with: "&&") }
        var code = ""
        if !parts.left.isEmpty { code += "&L" + escaped(parts.left) }
        if !parts.center.isEmpty { code += "&C" + escaped(parts.center) }
        if !parts.right.isEmpty || pageNumbers {
            code += "&R" + escaped(parts.right) + (pageNumbers ? (parts.right.isEmpty ? "" : "   ") + "&P (&N)" : "")
        }
        return code
    }
}

/// A rule of conditional formatting: when it holds for a cell, the cell takes a style.
public enum XLSXConditionalRule: Sendable, Equatable {
    case greaterThan(Double)
    case lessThan(Double)
    case between(Double, Double)
    /// A formula relative to the range's top-left cell, such as `=B5>C5`.
    case formula(String)
}

extension XLSXWorksheet {
    /// Sets how the sheet prints. Excel refuses a header or footer longer than 255 characters.
    public func setPageSetup(_ setup: XLSXPageSetup) throws {
        let operation = "set page setup of \(name)"
        try state.requireOpen(operation)
        if setup.landscape { worksheet_set_landscape(pointer) } else { worksheet_set_portrait(pointer) }
        worksheet_set_paper(pointer, setup.paper.rawValue)
        if setup.fitToPage { worksheet_fit_to_pages(pointer, 1, 1) } else if setup.fitToWidth { worksheet_fit_to_pages(pointer, 1, 0) }
        if let rows = setup.repeatRows {
            guard let first = lxw_row_t(exactly: rows.lowerBound), let last = lxw_row_t(exactly: rows.upperBound) else {
                throw XLSXError.library(.worksheetIndexOutOfRange, operation)
            }
            try check(worksheet_repeat_rows(pointer, first, last), operation)
        }
        for (code, isHeader) in [(XLSXPageSetup.code(setup.header), true), (XLSXPageSetup.code(setup.footer, pageNumbers: setup.pageNumbers), false)] {
            guard !code.isEmpty else { continue }
            try Text.requireXMLSafe(code, what: isHeader ? "a header" : "a footer", operation)
            guard code.count <= 255 else {
                throw XLSXError.invalid(operation, "a \(isHeader ? "header" : "footer") must have at most 255 characters, codes included")
            }
            try check(isHeader ? worksheet_set_header(pointer, code) : worksheet_set_footer(pointer, code), operation)
        }
    }

    /// Gives the cells of a range `format` whenever `rule` holds for them (Excel's conditional
    /// formatting; only the font, fill and border of the format apply).
    public func conditionalFormat(rows: ClosedRange<Int>, columns: ClosedRange<Int>, rule: XLSXConditionalRule, format: XLSXFormat) throws {
        let operation = "set conditional format in \(name)"
        let (r0, c0, f) = try prepare(rows.lowerBound, columns.lowerBound, format, operation)
        let (r1, c1, _) = try prepare(rows.upperBound, columns.upperBound, nil, operation)
        var options = lxw_conditional_format()
        options.format = f
        var formula: [CChar] = []
        switch rule {
        case .greaterThan(let x), .lessThan(let x):
            guard x.isFinite else { throw XLSXError.invalid(operation, "\(x) is not a number Excel can store") }
            options.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
            if case .greaterThan = rule {
                options.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_GREATER_THAN.rawValue)
            } else {
                options.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_LESS_THAN.rawValue)
            }
            options.value = x
        case .between(let low, let high):
            guard low.isFinite, high.isFinite else { throw XLSXError.invalid(operation, "a bound is not a number Excel can store") }
            options.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
            options.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_BETWEEN.rawValue)
            options.min_value = low
            options.max_value = high
        case .formula(let text):
            try Text.requireXMLSafe(text, what: "a formula", operation)
            options.type = UInt8(LXW_CONDITIONAL_TYPE_FORMULA.rawValue)
            formula = Array(text.utf8CString)
        }
        let result = formula.withUnsafeMutableBufferPointer { buffer -> lxw_error in
            if !buffer.isEmpty { options.value_string = buffer.baseAddress }
            return worksheet_conditional_format_range(pointer, r0, c0, r1, c1, &options)
        }
        try check(result, operation)
    }

    /// Places a chart with its top-left corner on a cell, scaled from Excel's default 480 × 288
    /// pixels. A chart can be placed once.
    public func insertChart(_ chart: XLSXChart, row: Int, column: Int, widthScale: Double = 1, heightScale: Double = 1) throws {
        let operation = label("insert chart", row, column)
        let (r, c, _) = try prepare(row, column, nil, operation)
        let pointer = try chart.pointer(for: state, operation)
        guard row < XLSXAddress.maxRows, column < XLSXAddress.maxColumns else {
            throw XLSXError.library(.worksheetIndexOutOfRange, operation)
        }
        guard !chart.isInserted else { throw XLSXError.invalid(operation, "the chart is already on a sheet") }
        guard widthScale.isFinite, heightScale.isFinite, widthScale > 0, heightScale > 0, widthScale <= 10, heightScale <= 10 else {
            throw XLSXError.invalid(operation, "a chart's scale must be above 0 and at most 10")
        }
        var options = lxw_chart_options()
        options.x_scale = widthScale
        options.y_scale = heightScale
        try check(worksheet_insert_chart_opt(self.pointer, r, c, pointer, &options), operation)
        chart.isInserted = true
    }
}

extension XLSXWorksheet {
    /// Writes `text` into one cell spanning `rows` × `columns` (Excel's merged cells), so that a
    /// long title wraps within them instead of running past the printed page.
    public func mergeRange(rows: ClosedRange<Int>, columns: ClosedRange<Int>, text: String, format: XLSXFormat? = nil) throws {
        let operation = "merge cells in \(name)"
        let (r0, c0, f) = try prepare(rows.lowerBound, columns.lowerBound, format, operation)
        let (r1, c1, _) = try prepare(rows.upperBound, columns.upperBound, nil, operation)
        guard rows.count * columns.count > 1 else { throw XLSXError.invalid(operation, "a merged range needs more than one cell") }
        try Text.requireNoNUL(text, what: "text", operation)
        try check(worksheet_merge_range(pointer, r0, c0, r1, c1, text, f), operation)
    }

    /// Hides the sheet: its tab is not shown and it does not print. The first sheet, which is
    /// the active one, cannot be hidden.
    public func hide() throws {
        let operation = "hide \(name)"
        try state.requireOpen(operation)
        worksheet_hide(pointer)
    }

    /// Makes a cell a dropdown of `choices`: Excel refuses any other entry. Excel keeps at most
    /// 255 characters of choices, commas included, and a choice cannot contain a comma.
    public func restrictToList(row: Int, column: Int, choices: [String]) throws {
        let operation = label("restrict to a list", row, column)
        let (r, c, _) = try prepare(row, column, nil, operation)
        guard !choices.isEmpty else { throw XLSXError.invalid(operation, "a dropdown needs at least one choice") }
        for choice in choices {
            try Text.requireXMLSafe(choice, what: "a choice", operation)
            guard !choice.isEmpty, !choice.contains(",") else {
                throw XLSXError.invalid(operation, "a choice must be non-empty text without a comma, not '\(choice)'")
            }
        }
        guard choices.joined(separator: ",").count <= 255 else {
            throw XLSXError.invalid(operation, "Excel keeps at most 255 characters of choices")
        }
        // C strings that live through the call; libxlsxwriter copies them.
        var copies: [UnsafeMutablePointer<CChar>?] = choices.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        guard !copies.contains(where: { $0 == nil }) else { throw XLSXError.library(.memoryMallocFailed, operation) }
        copies.append(nil)
        var validation = lxw_data_validation()
        validation.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
        let result = copies.withUnsafeMutableBufferPointer { list -> lxw_error in
            validation.value_list = list.baseAddress
            return worksheet_data_validation_cell(pointer, r, c, &validation)
        }
        try check(result, operation)
    }
}
