import Foundation

/// Reads data files from disk.
public enum DataFile {
    /// Reads and parses the file at `path`.
    ///
    /// A relative `path` is looked up in `directory` when one is given (a model's data paths
    /// are relative to the model file), and diagnostics inside the file name the path it was
    /// opened by. A file that cannot be read throws a diagnostic that names `path` as given,
    /// shown at `reference` (the path in the model's `data` statement) when there is one.
    public static func read(path: String, relativeTo directory: String? = nil, options: DataReadOptions = .detect,
                            reference: SourceLocation? = nil) throws(Diagnostic) -> DataTable {
        let opened = resolve(path, in: directory)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: opened, isDirectory: &isDirectory) else {
            throw .noDataFile(path, opened: opened, at: reference).unreadableFile
        }
        if isDirectory.boolValue { throw .dataFileIsFolder(path, at: reference).unreadableFile }
        guard let bytes = contents(of: opened) else { throw .dataFileUnreadable(path, at: reference).unreadableFile }
        return DataTable.parse(bytes: bytes, path: opened, options: options)
    }

    /// The file's bytes, read straight into one array of its size (not through `Data` and a
    /// copy: a staff file is read while the rest of the model is being built).
    static func contents(of path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var size = 0
        if fseek(file, 0, SEEK_END) == 0 {
            size = max(0, ftell(file))
            rewind(file)
        }
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = size == 0 ? 0 : fread(buffer.baseAddress!, 1, size, file)
        }
        // A file that grows while it is read (or whose size is not known) is read to its end.
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = fread(&chunk, 1, chunk.count, file)
            if n > 0 { bytes.append(contentsOf: chunk[..<n]) }
            if n < chunk.count { break }
        }
        return ferror(file) == 0 ? bytes : nil
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

    fileprivate static func noDataFile(_ path: String, opened: String, at location: SourceLocation?) -> Diagnostic {
        .error("cannot find the data file '\(path)'", at: location, hint: opened == path ? nil : "looked for \(opened)")
    }

    fileprivate static func dataFileIsFolder(_ path: String, at location: SourceLocation?) -> Diagnostic {
        .error("the data file '\(path)' is a folder", at: location)
    }

    fileprivate static func dataFileUnreadable(_ path: String, at location: SourceLocation?) -> Diagnostic {
        .error("the data file '\(path)' cannot be read", at: location, hint: "check that you may read it")
    }
}
