import Foundation

/// Reads data files, from disk unless another `SourceProvider` is given.
package enum DataFile {
    /// Reads and parses the file at `path`.
    ///
    /// A relative `path` is looked up in `directory` when one is given (a model's data paths
    /// are relative to the model file), and diagnostics inside the file name the path it was
    /// opened by. A file that cannot be read throws a diagnostic that names `path` as given,
    /// shown at `reference` (the path in the model's `data` statement) when there is one.
    package static func read(path: String, relativeTo directory: String? = nil, options: DataReadOptions = .detect,
                            reference: SourceLocation? = nil, sources: any SourceProvider = DiskSources()) throws(Diagnostic) -> DataTable {
        let table = DataTable.parse(try text(path: path, relativeTo: directory, reference: reference, sources: sources), options: options)
        if let refused = table.wouldTake { throw .takesTooMuchToRead(path, table: table, needed: refused.needed, limit: refused.limit, at: reference) }
        return table
    }

    /// The file's text, decoded as it is read (see `read`): its path is the one it was opened by.
    static func text(path: String, relativeTo directory: String? = nil, reference: SourceLocation? = nil,
                     sources: any SourceProvider = DiskSources()) throws(Diagnostic) -> SourceText {
        let opened = resolve(path, in: directory)
        return try opening(path, opened: opened, reference: reference) { () throws(SourceReadError) in try sources.text(of: opened, as: .data) }
    }

    /// The path the file was opened by, and its bytes (see `read`).
    static func bytes(path: String, relativeTo directory: String? = nil, reference: SourceLocation? = nil,
                      sources: any SourceProvider = DiskSources()) throws(Diagnostic) -> (opened: String, bytes: [UInt8]) {
        let opened = resolve(path, in: directory)
        return (opened, try opening(path, opened: opened, reference: reference) { () throws(SourceReadError) in try sources.contents(of: opened) })
    }

    /// What `read` gives, or the diagnostic for why the file named `path` could not be read.
    private static func opening<T>(_ path: String, opened: String, reference: SourceLocation?,
                                   _ read: () throws(SourceReadError) -> T) throws(Diagnostic) -> T {
        do {
            return try read()
        } catch .notFound {
            throw .noDataFile(path, opened: opened, at: reference).unreadableFile
        } catch .isFolder {
            throw .dataFileIsFolder(path, at: reference).unreadableFile
        } catch .unreadable {
            throw .dataFileUnreadable(path, at: reference).unreadableFile
        } catch {
            throw Diagnostic.error("the data file '\(path)' \(error.reason(kind: "data file"))", at: reference,
                                   hint: error.isTooLarge ? tooLargeHint : nil, code: .unreadableDataFile).unreadableFile
        }
    }

    /// What to do with a file over the size limit: a model reads parts of an export as well as
    /// the whole, one input a part, and adds them.
    static var tooLargeHint: String { tooLargeHint(partsUnder: DiskSources.sizeLimit) }

    /// The same advice, for parts under `bytes` (no size when that is under a MiB).
    static func tooLargeHint(partsUnder bytes: Int) -> String {
        "export it in parts\(bytes < 1 << 20 ? "" : " under \(DiskSources.mebibytes(bytes)) MiB") (by period or range of accounts), "
        + "read each into an input of its own and add the inputs: utfall = utfall_h1 + utfall_h2"
    }

    /// What a file read whole may take when `held` bytes of it are in memory already: half the
    /// memory kalkyl may use, or those bytes and what is left besides them when that is less.
    static func wholeReadLimit(holding held: Int) -> Int {
        min(DiskSources.keepLimit, held + MachineMemory.left())
    }

    /// `path` inside `directory`, unless it is absolute or there is no directory.
    static func resolve(_ path: String, in directory: String?) -> String {
        guard let directory, !directory.isEmpty, !path.hasPrefix("/") else { return path }
        return directory.hasSuffix("/") ? directory + path : directory + "/" + path
    }
}

extension Diagnostic {
    /// The same diagnostic, marked as a file that could not be read (exit 3).
    var unreadableFile: Diagnostic {
        var marked = self
        marked.isUnreadableFile = true
        return marked
    }

    /// A file whose text and rows' offsets would take more than its text and what is left of
    /// the memory kalkyl may use: what it would take, the limit and the memory, in the manner
    /// of a file over the size limit, with the same advice to read it in parts.
    static func takesTooMuchToRead(_ path: String, table: DataTable, needed: Int, limit: Int, at location: SourceLocation?) -> Diagnostic {
        takesTooMuchToRead(path, size: table.file.bytes.count, kept: "the places of the fields of its \(ModelSize.grouped(Double(table.file.lineCount))) lines",
                           needed: needed, limit: limit, limitIs: "its text and what is left of", at: location)
    }

    /// The same, for a file that would keep `kept` besides its text of `size` bytes, against a
    /// limit that `limitIs` of the memory (`wholeReadLimit`'s: at most half of it).
    static func takesTooMuchToRead(_ path: String, size: Int, kept: String, needed: Int, limit: Int, limitIs: String = "at most half of",
                                   at location: SourceLocation?) -> Diagnostic {
        let message = "the data file '\(path)' would take about \(DiskSources.mebibytes(needed)) MiB in memory to read "
            + "(its \(DiskSources.mebibytes(size)) MiB of text and \(kept)), "
            + "more than the \(DiskSources.mebibytes(limit)) MiB a file read whole may take here "
            + "(\(limitIs) the \(DiskSources.mebibytes(MachineMemory.available)) MiB kalkyl may use)"
        // Parts that would each take under the limit, by the same measure.
        let part = Int(Double(size) * Double(limit) / Double(max(1, needed))) & ~((1 << 20) - 1)
        return .error(message, at: location, hint: DataFile.tooLargeHint(partsUnder: part), code: .unreadableDataFile).unreadableFile
    }

    fileprivate static func noDataFile(_ path: String, opened: String, at location: SourceLocation?) -> Diagnostic {
        .error("cannot find the data file '\(path)'", at: location, hint: opened == path ? nil : "looked for \(opened)", code: .unreadableDataFile)
    }

    fileprivate static func dataFileIsFolder(_ path: String, at location: SourceLocation?) -> Diagnostic {
        .error("the data file '\(path)' is a folder", at: location, code: .unreadableDataFile)
    }

    fileprivate static func dataFileUnreadable(_ path: String, at location: SourceLocation?) -> Diagnostic {
        .error("the data file '\(path)' cannot be read", at: location, hint: "check that you may read it", code: .unreadableDataFile)
    }
}
