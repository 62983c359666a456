import Foundation
import Kalkyl

/// The first sheet: what the workbook is, what it was made from, and a guide to every sheet,
/// in the model's language (``BoardPackWords``). It prints on one A4 page, landscape as the
/// report sheets are; the title is a merged cell across the printed columns that wraps, so a
/// long model name is never cut.
struct CoverSheet {
    let reports: ReportSheets
    let options: WorkbookExport.Options
    /// The report sheets as the workbook names them, with their layout.
    let reportSheets: [(name: String, spec: ReportSheet)]
    /// The report sheet that holds the scenario dropdown, if any.
    let switchSheet: String?

    var plan: ExportPlan { reports.plan }
    var model: CheckedModel { plan.model }
    var words: BoardPackWords { plan.words }

    /// The printed columns' widths, in characters: label, text, detail.
    static let widths: [Double] = [30, 66, 50]

    func write(_ sheet: XLSXWorksheet) throws {
        let styles = reports.styles
        let key = try styles.text(bold: true)
        let note = try styles.note()
        let wrappedKey = try styles.book.format(XLSXStyle(bold: true, alignTop: true))
        let wrapped = try styles.book.format(XLSXStyle(wrapText: true, alignTop: true))
        let wrappedNote = try styles.book.format(XLSXStyle(italic: true, fontColor: Styles.noteFont, wrapText: true, alignTop: true))
        // The title wraps within the printed width: about one character of 18-point bold type
        // per 1.8 of the columns' default-font characters.
        let titleLines = max(1, Int((Double(model.name.count) * 1.8 / Self.widths.reduce(0, +)).rounded(.up)))
        try sheet.setRowHeight(0, height: Double(min(15, titleLines)) * 27)
        try sheet.mergeRange(rows: 0...0, columns: 0...2, text: model.name,
                             format: try styles.book.format(XLSXStyle(bold: true, fontSize: 18, wrapText: true)))
        try sheet.writeString(words.boardPackBy(options.generator), row: 1, column: 0, format: note)
        var row = 3
        func line(_ label: String, _ text: String, _ detail: String? = nil, wrap: Bool = false) throws {
            try sheet.writeString(label, row: row, column: 0, format: wrap ? wrappedKey : key)
            try sheet.writeString(text, row: row, column: 1, format: wrap ? wrapped : nil)
            if let detail { try sheet.writeString(detail, row: row, column: 2, format: wrap ? wrappedNote : note) }
            if wrap {
                let lines = max(Self.lines(text, width: Self.widths[1]), detail.map { Self.lines($0, width: Self.widths[2]) } ?? 1)
                if lines > 1 { try sheet.setRowHeight(row, height: Double(min(6, lines)) * 15) }
            }
            row += 1
        }
        try line(words.model, model.name)
        if let file = options.sources.first { try line(words.modelFile, file.path) }
        try line(words.timeline, timelineText)
        if let closed = model.actualsThrough, closed < model.timeline.count {
            try line(words.actualsThrough, model.timeline.label(closed), words.closedMonths)
        }
        for (k, s) in plan.scenarios.enumerated() {
            try line(k == 0 ? words.scenarios : "", plan.shownName(of: k), s.label ?? (k == 0 ? words.modelAsWritten : nil))
        }
        for (k, w) in options.whatIfs.enumerated() { try line(k == 0 ? words.whatIfs : "", w.text) }

        // Periods the model states as inputs, such as the last month with actuals: live, from the inputs.
        let base = plan.scenarios[0]
        for slot in plan.inputSlots where model.definitions[slot].showsPeriod && model.memberCount(of: slot) == 1 {
            guard let name = base.placements[slot]?.definedName else { continue }
            let d = model.definitions[slot]
            try sheet.writeString(d.label ?? d.name, row: row, column: 0, format: key)
            let format = try styles.book.format(XLSXStyle(numberFormat: model.timeline.granularity == .monthly ? "yyyy-mm" : "0", alignment: .left))
            try sheet.writeFormula("=" + name, result: XLSXFormulaResult(base.evaluation.values(of: slot)[0]), row: row, column: 1, format: format)
            try sheet.writeString(d.name, row: row, column: 2, format: note)
            row += 1
        }
        for k in plan.scenarios.indices {
            guard let cell = reports.failingChecksCell(k) else { continue }
            // A long scenario name wraps in the label column rather than being cut at its edge
            // (LibreOffice prints about 35 of its characters before cutting), the row aligned top.
            let label = words.failingChecks(plan.shownName(of: k))
            let lines = Self.lines(label, width: Self.widths[0] * 1.15)
            let wraps = lines > 1
            try sheet.writeString(label, row: row, column: 0,
                                  format: wraps ? try styles.book.format(XLSXStyle(bold: true, wrapText: true, alignTop: true)) : key)
            try sheet.writeFormula("=" + cell, result: .number(Double(reports.failingChecks(k))), row: row, column: 1,
                                   format: try styles.book.format(XLSXStyle(numberFormat: "0", alignment: .left, alignTop: wraps)))
            try sheet.writeString(words.ofChecksOn(checkRowCount, plan.checksSheet ?? ""), row: row, column: 2, format: wraps ? wrappedNote : note)
            if wraps { try sheet.setRowHeight(row, height: Double(min(6, lines)) * 15) }
            row += 1
        }
        if let created = options.created {
            try line(words.generated, Self.timestamp(created))
        } else {
            // The file's date comes from the model, so that the same model gives the same bytes.
            let date = WorkbookExport.asOf(model).map {
                words.datedFrom(Self.day($0.date), $0.isClosedMonth ? words.endOfClosedMonth : words.endOfTimeline)
            } ?? ""
            try line(words.generated, words.notStamped, date + words.nowStamps, wrap: true)
        }
        try line(words.generatedBy, options.generator)
        for (k, source) in options.sources.enumerated() {
            try line(k == 0 ? "SHA-256" : "", source.sha256, source.path)
        }

        row += 1
        let header = try styles.header()
        try sheet.writeString(words.sheets, row: row, column: 0, format: header)
        try sheet.writeString(words.holds, row: row, column: 1, format: header)
        try sheet.writeBlank(row: row, column: 2, format: header)
        row += 1
        for (name, text, detail) in sheetGuide(cover: sheet.name) { try line(name, text, detail, wrap: true) }

        for (c, width) in Self.widths.enumerated() { try sheet.setColumnWidth(c...c, width: width) }
        var page = XLSXPageSetup()
        page.landscape = true
        page.paper = .a4
        page.fitToPage = true
        page.footer = (sheet.name, "", "")
        page.pageNumbers = true
        try sheet.setPageSetup(page)
    }

    private var checkRowCount: Int { plan.checkSlots.reduce(0) { $0 + model.memberCount(of: $1) } }

    private var timelineText: String {
        let t = model.timeline
        guard t.count > 0 else { return words.noTimeline }
        var text = "\(t.granularity == .monthly ? words.monthly : words.yearly) \(t.label(0)) .. \(t.label(t.count - 1))"
        if t.granularity == .monthly, t.fiscalYearStart != 1 { text += words.fiscalYearFrom(t.fiscalYearStart) }
        return text
    }

    /// Every sheet of the workbook in tab order, with what it holds (and, for a report sheet,
    /// its note).
    private func sheetGuide(cover: String) -> [(String, String, String?)] {
        var guide: [(String, String, String?)] = [(cover, words.coverGuide, nil)]
        for (name, spec) in reportSheets {
            var text = spec.title ?? words.reportSheet
            if name == switchSheet { text += "; " + words.switchHere }
            guide.append((name, text, spec.note))
        }
        for (k, s) in plan.scenarios.enumerated() {
            let which = k == 0 ? words.modelAsWritten : words.scenarioNamed(s.name)
            guide.append((s.inputsSheet, words.inputsOf(which, k == 0), nil))
            guide.append((s.calcSheet, words.calcOf(which), nil))
        }
        if let c = plan.comparisonSheet { guide.append((c, words.comparisonGuide, nil)) }
        if let c = plan.checksSheet { guide.append((c, words.checksGuide, nil)) }
        if let c = plan.scorecardSheet { guide.append((c, words.scorecardGuide, nil)) }
        for (list, sheet) in plan.workbookLists { guide.append((sheet, words.listGuide(list.title), nil)) }
        return guide
    }

    /// How many lines `text` takes in a column `width` characters wide, wrapped between words.
    static func lines(_ text: String, width: Double) -> Int {
        ReportSheetWriter.lines(text, width: max(1, Int(width) - 1))
    }

    /// `2021-04-30`.
    static func day(_ date: Date) -> String { utc(date, "yyyy-MM-dd") }

    /// `2024-05-02 14:03 UTC`.
    static func timestamp(_ date: Date) -> String { utc(date, "yyyy-MM-dd HH:mm 'UTC'") }

    /// The date in UTC, whatever the machine's zone and locale, so a workbook reads the same anywhere.
    private static func utc(_ date: Date, _ format: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = format
        return formatter.string(from: date)
    }
}
