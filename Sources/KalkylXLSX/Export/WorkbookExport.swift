import Foundation
import Kalkyl

/// A model written as a board-pack workbook, FAST-style: inputs, calculations, checks.
///
/// The workbook has a Cover; per scenario an Inputs sheet (every input, labelled, with its
/// unit; scalars as Excel names) and a Calc sheet (every formula, a row per member and a
/// column per period, each cell the live Excel formula with Kalkyl's value cached); with
/// scenarios a Comparison; with checks a Checks sheet; and with measures a Scorecard. See
/// `FormulaCompiler` for how formulas are translated.
///
/// The same model, data and options give the same bytes: nothing depends on the clock unless
/// ``Options/created`` is set. The file is written atomically: into a temporary file beside
/// the target, renamed into place only when complete.
public struct WorkbookExport {
    /// A file the workbook was made from, with its SHA-256, for the cover.
    public struct Source: Sendable, Equatable {
        public var path: String
        public var sha256: String
        public init(path: String, sha256: String) {
            self.path = path
            self.sha256 = sha256
        }
    }

    public struct Options {
        /// Scenarios besides base, each with its own sheets and a column in the comparison.
        public var scenarios: [Scenario] = []
        /// What-ifs applied after evaluation to base and every scenario (`--set`), with their text.
        public var whatIfs: [(text: String, assignment: InputAssignment)] = []
        /// The creation time to stamp; nil keeps the fixed time that makes files reproducible.
        public var created: Date? = nil
        /// The model file and the data files it reads, with their hashes (see ``sources(model:)``).
        public var sources: [Source] = []
        /// Who made the file: "Kalkyl 0.1.0".
        public var generator = "Kalkyl"
        /// The board pack's report sheets; nil gives the default report (``ReportLayout/standard(for:)``).
        public var layout: ReportLayout? = nil
        /// Hides every sheet but the cover and the report sheets, which then are all that prints
        /// (the PDF's workbook, ``BoardPackPDF``); the hidden sheets still hold what they read.
        public var printedSheetsOnly = false

        public init() {}
    }

    /// How far an export has come, for a progress bar.
    public struct Progress: Sendable {
        public enum Phase: Sendable { case cells, saving }
        public var cellsWritten: Int
        public var cellsTotal: Int
        public var phase: Phase
    }

    /// What was written.
    public struct Summary: Sendable {
        public var sheets: [String]
        /// The board pack as it prints: the cover, then the report sheets.
        public var printedSheets: [String]
        public var formulaCells: Int
        public var definedNames: [String]
    }

    public let model: CheckedModel
    public let order: EvaluationOrder
    public var options: Options

    public init(model: CheckedModel, order: EvaluationOrder, options: Options = Options()) {
        self.model = model
        self.order = order
        self.options = options
    }

    /// Evaluates base and every scenario (those the layout shows included) and writes the
    /// workbook to `path`, report sheets first after the cover; on any error an
    /// existing file there is left as it was.
    @discardableResult
    public func write(to path: String, progress: ((Progress) -> Void)? = nil) throws -> Summary {
        var evaluations: [(name: String, label: String?, scenario: Scenario?, evaluation: Evaluation)] = []
        var seen = Set<String>()
        let layout = (options.layout ?? .standard(for: model)).writingPeriodWords(model: model)
        // The scenarios the report shows are exported too.
        let reported = layout.scenarios.compactMap { name in model.scenario(named: name) }
        for scenario in [nil] + (options.scenarios + reported).map(Optional.some) {
            let name = scenario?.name ?? "base"
            guard seen.insert(name).inserted else { continue }
            let evaluation = Evaluation(model: model, order: order, scenario: scenario)
            evaluation.evaluateAll()
            if !options.whatIfs.isEmpty { evaluation.set(options.whatIfs.map(\.assignment)) }
            evaluations.append((name, scenario?.label, scenario, evaluation))
        }
        let plan = try ExportPlan(model: model, evaluations: evaluations, reportSheets: layout.sheets.map(\.name))
        let counter = ProgressCounter(total: plan.formulaCellEstimate, report: progress)
        let properties = XLSXDocumentProperties(
            title: model.name, subject: plan.words.subject, author: options.generator,
            comments: plan.words.exportedBy(options.generator, options.sources.first.map { Self.fileName($0.path) } ?? plan.words.aModel),
            created: options.created ?? Self.asOf(model)?.date ?? XLSXDocumentProperties.fixedCreationDate)
        var sheetNames: [String] = []
        var printedNames: [String] = []
        try XLSXWorkbook.write(to: path, properties: properties) { book in
            let styles = Styles(book: book)
            let sheets = ModelSheets(plan: plan, styles: styles, formats: ModelSheets.Formats(plan: plan), progress: counter)
            // With more than one thread (KALKYL_THREADS, docs/cli.md) the Calc sheets' rows are
            // rendered on a second thread from now on, while this one writes the cover, the
            // reports and the inputs, then the rows as they come (in place if the system gives
            // no second thread).
            let ahead = plan.scenarios[0].evaluation.threads > 1 ? RenderedAhead(plan: plan, formats: sheets.formats) : nil
            defer { ahead?.stop() }
            let reports = ReportSheets(sheets: sheets)
            // Tabs in reading order: cover, each scenario's inputs and calculations, comparison, checks.
            let cover = try book.addWorksheet(plan.coverSheet)
            let reportSheets = try plan.reportSheets.map { try book.addWorksheet($0) }
            var modelSheets: [(XLSXWorksheet, XLSXWorksheet)] = []
            for s in plan.scenarios {
                modelSheets.append((try book.addWorksheet(s.inputsSheet), try book.addWorksheet(s.calcSheet)))
            }
            let comparison = try plan.comparisonSheet.map { try book.addWorksheet($0) }
            let checks = try plan.checksSheet.map { try book.addWorksheet($0) }
            let scorecard = try plan.scorecardSheet.map { try book.addWorksheet($0) }
            let lists = try plan.workbookLists.map { (try book.addWorksheet($0.sheet), $0.list) }
            for (name, formula) in plan.definedNames { try book.defineName(name, formula: formula) }

            let switchSheet = zip(reportSheets, layout.sheets).first { !$0.1.switchScenarios.isEmpty }?.0.name
            try CoverSheet(reports: reports, options: options, reportSheets: zip(reportSheets.map(\.name), layout.sheets).map { ($0, $1) },
                           switchSheet: switchSheet).write(cover)
            let reportWriter = ReportSheetWriter(plan: plan, styles: styles, formats: sheets.formats, layout: layout, progress: counter,
                                                 switchSheet: switchSheet)
            for (sheet, spec) in zip(reportSheets, layout.sheets) { try reportWriter.write(sheet, spec) }
            for (k, (inputs, calc)) in modelSheets.enumerated() {
                try sheets.writeInputs(inputs, scenario: k, whatIfs: options.whatIfs.map(\.assignment))
                try sheets.writeCalc(calc, scenario: k, ahead: ahead)
            }
            if let comparison { try reports.writeComparison(comparison) }
            if let checks { try reports.writeChecks(checks) }
            for (sheet, list) in lists { try Self.write(list, on: sheet, styles: styles) }
            if let scorecard, let measures = model.scorecard { try ScorecardSheet(plan: plan, styles: styles, scorecard: measures).write(scorecard) }
            sheetNames = book.worksheets.map(\.name)
            printedNames = [cover.name] + reportSheets.map(\.name)
            if options.printedSheetsOnly {
                let printed = Set(printedNames)
                for sheet in book.worksheets where !printed.contains(sheet.name) { try sheet.hide() }
            }
            progress?(Progress(cellsWritten: counter.done, cellsTotal: max(counter.total, counter.done), phase: .saving))
        }
        return Summary(sheets: sheetNames, printedSheets: printedNames, formulaCells: counter.done, definedNames: plan.definedNames.map(\.name))
    }

    /// A list the functions read (Sweden's holidays): its title, then one date a row from
    /// `ExportPlan.firstListRow`, the rows its defined name covers.
    static func write(_ list: WorkbookList, on sheet: XLSXWorksheet, styles: Styles) throws {
        try sheet.writeString(list.title, row: 0, column: 0, format: try styles.title())
        let date = try styles.book.format(XLSXStyle(numberFormat: "yyyy-mm-dd", alignment: .left))
        for (k, value) in list.values().enumerated() {
            try sheet.writeNumber(value, row: ExportPlan.firstListRow + k, column: 0, format: date)
        }
        try sheet.setColumnWidth(0...0, width: 12)
    }

    /// The model file and every data file it names, each with its SHA-256, for the cover.
    /// Paths are as the model gives them; the model file by its name alone, so that the same
    /// files give the same workbook wherever they are. The bytes hashed are those the model
    /// was read from (its `SourceProvider`: the disk, or an editor's unsaved buffers).
    public static func sources(model: CheckedModel) throws -> [Source] {
        var sources = [Source(path: fileName(model.file.path), sha256: try digest(model.file.path, in: model))]
        for path in model.dataFiles {
            sources.append(Source(path: path, sha256: try digest(model.dataFilePath(path), in: model)))
        }
        return sources
    }

    private static func digest(_ path: String, in model: CheckedModel) throws -> String {
        do {
            return SHA256.hex(try model.sources.contents(of: path))
        } catch {
            throw ExportError(message: "\(path): cannot be read to compute its SHA-256")
        }
    }

    static func fileName(_ path: String) -> String { URL(fileURLWithPath: path).lastPathComponent }

    /// The date the figures describe, from the model rather than the clock: the last day of the
    /// last closed month (`actuals through`), else of the timeline's last period; nil without a
    /// timeline. It is the file's creation time unless one is given, so the same model always
    /// gives the same file.
    static func asOf(_ model: CheckedModel) -> (date: Date, isClosedMonth: Bool)? {
        let t = model.timeline
        guard t.count > 0 else { return nil }
        let index = model.actualsThrough.map { min($0, t.count - 1) } ?? t.count - 1
        let absolute = t.first + index
        let (year, month) = t.granularity == .monthly ? (absolute / 12, absolute % 12 + 1) : (absolute, 12)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let firstOfNext = calendar.date(from: DateComponents(year: month == 12 ? year + 1 : year, month: month == 12 ? 1 : month + 1, day: 1)),
              firstOfNext.timeIntervalSince1970 > 86_400 else { return nil }
        return (firstOfNext.addingTimeInterval(-86_400), model.actualsThrough != nil)
    }
}
