import Foundation
internal import CXlsxWriter

/// The document properties of a workbook (File ▸ Properties in Excel).
public struct XLSXDocumentProperties: Equatable, Sendable {
    /// 2000-01-01T00:00:00Z: the creation time unless one is given, so that the same workbook
    /// written twice gives the same bytes.
    public static let fixedCreationDate = Date(timeIntervalSince1970: 946_684_800)

    public var title: String?
    public var subject: String?
    public var author: String?
    public var company: String?
    public var keywords: String?
    public var comments: String?
    /// Stored to the second. Never "now" by default: a fixed time makes output reproducible.
    public var created: Date

    public init(
        title: String? = nil, subject: String? = nil, author: String? = nil, company: String? = nil,
        keywords: String? = nil, comments: String? = nil, created: Date = fixedCreationDate
    ) {
        self.title = title
        self.subject = subject
        self.author = author
        self.company = company
        self.keywords = keywords
        self.comments = comments
        self.created = created
    }
}

/// An .xlsx file being built with libxlsxwriter: add sheets, formats and names, write cells through
/// the sheets, then ``close()`` exactly once to write the file.
///
/// Nothing is written before ``close()``. After it — whether it succeeded or threw — every sheet
/// and format of the workbook is freed by libxlsxwriter, and every further call on the workbook
/// or its handles throws ``XLSXError/Kind/closed``. A workbook that is never closed writes nothing
/// and is freed when its last handle goes away.
///
/// To write a file that is either complete or not there at all, use
/// ``write(to:properties:_:)``, which builds in a temporary file beside the target.
public final class XLSXWorkbook {
    /// Where ``close()`` writes the file.
    public let path: String
    /// The sheets in the order they were added (the order of the tabs).
    public private(set) var worksheets: [XLSXWorksheet] = []
    let state: WorkbookState
    private var formats: [XLSXStyle: XLSXFormat] = [:]

    /// Starts a workbook that ``close()`` will write at `path`.
    public init(path: String, properties: XLSXDocumentProperties = XLSXDocumentProperties()) throws {
        let operation = "create workbook \(path)"
        try Text.requireNoNUL(path, what: "a path", operation)
        guard !path.isEmpty else { throw XLSXError.invalid(operation, "the path is empty") }
        try XLSXWriterLibrary.open(operation)
        guard let pointer = workbook_new(path) else {
            throw XLSXError.library(.memoryMallocFailed, operation)
        }
        self.path = path
        self.state = WorkbookState(pointer: pointer)
        try setProperties(properties)
    }

    /// Whether ``close()`` has been called.
    public var isClosed: Bool { state.isClosed }

    /// Adds a sheet at the end.
    ///
    /// The name must be 1 to 31 characters, without `[ ] : * ? / \`, not starting or ending with
    /// `'`, not `History`, and unused in any letter case.
    public func addWorksheet(_ name: String) throws -> XLSXWorksheet {
        let operation = "add worksheet '\(name)'"
        let workbook = try state.workbook(operation)
        try Text.requireXMLSafe(name, what: "a sheet name", operation)
        guard !name.isEmpty else { throw XLSXError.invalid(operation, "a sheet name cannot be empty") }
        guard Text.nameKey(name) != "history" else {
            throw XLSXError.invalid(operation, "Excel reserves the sheet name 'History'")
        }
        // libxlsxwriter folds only ASCII letters; Excel folds all of them ("CAFÉ" is "café").
        guard !state.sheetNameKeys.contains(Text.nameKey(name)) else {
            throw XLSXError.library(.sheetnameAlreadyUsed, operation)
        }
        try check(workbook_validate_sheet_name(workbook, name), operation)
        guard let sheet = workbook_add_worksheet(workbook, name) else {
            throw XLSXError.library(.memoryMallocFailed, operation)
        }
        state.sheetNameKeys.insert(Text.nameKey(name))
        let worksheet = XLSXWorksheet(name: name, state: state, pointer: sheet)
        worksheets.append(worksheet)
        return worksheet
    }

    /// The format for `style`: made once per distinct style, then the same object every time.
    public func format(_ style: XLSXStyle) throws -> XLSXFormat {
        let operation = "add format"
        let workbook = try state.workbook(operation)
        if let format = formats[style] { return format }
        try style.validate(operation)
        guard let pointer = workbook_add_format(workbook) else {
            throw XLSXError.library(.memoryMallocFailed, operation)
        }
        style.apply(to: pointer)
        let format = XLSXFormat(style: style, state: state, pointer: pointer)
        formats[style] = format
        return format
    }

    /// Defines a workbook-wide name, e.g. `defineName("po", formula: "=Inputs!$B$3")`.
    ///
    /// The name follows Excel's rules (a letter or `_` first, then letters, digits, `_` and `.`; not
    /// readable as a cell such as `A1` or `R1C1`; unused in any letter case). libxlsxwriter 1.1.4
    /// stores names and their formulas in 128-byte buffers, so each must fit in 127 bytes of UTF-8;
    /// libxlsxwriter does not check the formula.
    public func defineName(_ name: String, formula: String) throws {
        let operation = "define name \(name)"
        let workbook = try state.workbook(operation)
        try Self.validateDefinedName(name, operation)
        try Text.requireXMLSafe(formula, what: "a formula", operation)
        let body = formula.hasPrefix("=") ? String(formula.dropFirst()) : formula
        guard !body.isEmpty, body.utf8.count <= 127 else {
            throw XLSXError.invalid(operation, "the formula of a defined name must be 1 to 127 bytes of UTF-8 (libxlsxwriter 1.1.4 truncates longer ones)")
        }
        // libxlsxwriter reports a duplicate as a failed malloc, and misses some: check here.
        guard !state.definedNameKeys.contains(Text.nameKey(name)) else {
            throw XLSXError.invalid(operation, "the name is already defined")
        }
        try check(workbook_define_name(workbook, name, formula), operation)
        state.definedNameKeys.insert(Text.nameKey(name))
    }

    /// Writes the file and frees the workbook with all its sheets and formats.
    ///
    /// Call it once. It frees everything even when it throws, so a second call, like any other
    /// use of the workbook, its sheets or formats, throws ``XLSXError/Kind/closed``. On failure a
    /// partial file may be left at ``path``; ``write(to:properties:_:)`` cleans that up.
    public func close() throws {
        try state.close()
        try retypeCachedResults()
    }

    /// Gives the truth values and errors cached beside formulas their own types in the sheets'
    /// XML (``CachedResultTypes``): libxlsxwriter has written them as text. Only the sheets
    /// holding such cells are read again; a workbook without any is left as written.
    private func retypeCachedResults() throws {
        var sheets: [String: XLSXWorksheet] = [:]
        // libxlsxwriter names the k-th worksheet xl/worksheets/sheetk.xml (from 1).
        for (k, sheet) in worksheets.enumerated() where !sheet.cachedTypes.isEmpty {
            sheets["xl/worksheets/sheet\(k + 1).xml"] = sheet
        }
        guard !sheets.isEmpty else { return }
        var seen = 0
        try ZipRewrite.rewrite(path) { name in
            guard let sheet = sheets[name] else { return nil }
            seen += 1
            return { xml in try sheet.cachedTypes.retype(&xml, sheet: sheet.name) }
        }
        guard seen == sheets.count else {
            throw XLSXError(.library(.zipBadZipFile), operation: "store the truth values and errors of \(path) as such",
                            message: "\(sheets.count - seen) of the sheets holding them are not in the file")
        }
    }

    /// Builds a workbook with `build` and writes it to `path` atomically: into a temporary file
    /// beside `path`, renamed into place only when `build` and ``close()`` succeeded. On any error
    /// the temporary file is removed and an existing file at `path` is left as it was.
    public static func write(
        to path: String,
        properties: XLSXDocumentProperties = XLSXDocumentProperties(),
        _ build: (XLSXWorkbook) throws -> Void
    ) throws {
        try AtomicFile.write(to: path) { temporaryPath in
            let workbook = try XLSXWorkbook(path: temporaryPath, properties: properties)
            try build(workbook)
            try workbook.close()
        }
    }

    private func setProperties(_ properties: XLSXDocumentProperties) throws {
        let operation = "set document properties"
        let workbook = try state.workbook(operation)
        let seconds = properties.created.timeIntervalSince1970.rounded(.down)
        // libxlsxwriter takes 0 to mean "now", which would make every file different.
        guard seconds >= 1, seconds <= 253_402_300_799 else {
            throw XLSXError.invalid(operation, "the creation time must lie between 1970-01-01T00:00:01Z and 9999-12-31T23:59:59Z")
        }
        var copies: [UnsafeMutablePointer<CChar>] = []
        defer { copies.forEach { free($0) } }
        func copy(_ text: String?, _ what: String) throws -> UnsafeMutablePointer<CChar>? {
            guard let text else { return nil }
            try Text.requireXMLSafe(text, what: "the \(what)", operation)
            guard let pointer = strdup(text) else { throw XLSXError.library(.memoryMallocFailed, operation) }
            copies.append(pointer)
            return pointer
        }
        var c = lxw_doc_properties()
        c.title = try copy(properties.title, "title")
        c.subject = try copy(properties.subject, "subject")
        c.author = try copy(properties.author, "author")
        c.company = try copy(properties.company, "company")
        c.keywords = try copy(properties.keywords, "keywords")
        c.comments = try copy(properties.comments, "comments")
        c.created = time_t(seconds)
        // libxlsxwriter copies the strings; ours are freed on return.
        try check(workbook_set_properties(workbook, &c), operation)
    }

    static func validateDefinedName(_ name: String, _ operation: String) throws {
        func refuse(_ why: String) -> XLSXError { XLSXError.invalid(operation, "'\(name)' is not a valid Excel name: \(why)") }
        guard let first = name.unicodeScalars.first else { throw refuse("it is empty") }
        guard name.utf8.count <= 127 else { throw refuse("libxlsxwriter 1.1.4 keeps at most 127 bytes of UTF-8") }
        guard first.properties.isAlphabetic || first == "_" else { throw refuse("it must start with a letter or _") }
        for scalar in name.unicodeScalars where !(scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == ".") {
            throw refuse("it may contain only letters, digits, _ and .")
        }
        guard !XLSXAddress.looksLikeCellReference(name) else { throw refuse("it reads as a cell reference") }
        let key = Text.nameKey(name)
        guard key != "true", key != "false" else { throw refuse("it is a logical value") }
        guard !key.hasPrefix("_xlnm.") else { throw refuse("_xlnm. names are Excel's own") }
    }
}
