import Foundation

/// Where model, layout and data files are read from. Checking never opens a file itself: it
/// asks a provider, so a model can be checked against an editor's unsaved buffers or data
/// held in memory as well as against the disk.
public protocol SourceProvider: Sendable {
    /// The bytes of the file at `path` (as the model or the command line names it, relative to
    /// the working folder unless absolute), or why there are none.
    func contents(of path: String) throws(SourceReadError) -> [UInt8]
}

/// Why a file could not be read.
public enum SourceReadError: Error, Sendable, Equatable {
    case notFound
    case isFolder
    case unreadable
}

/// Files on disk.
public struct DiskSources: SourceProvider {
    public init() {}

    public func contents(of path: String) throws(SourceReadError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .notFound }
        if isDirectory.boolValue { throw .isFolder }
        guard let bytes = DiskSources.read(path) else { throw .unreadable }
        return bytes
    }

    /// The file's bytes, read straight into one array of its size (not through `Data` and a
    /// copy: a staff file is read while the rest of the model is being built).
    static func read(_ path: String) -> [UInt8]? {
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
}

/// Files held in memory, in front of another provider (the disk, by default): an editor's
/// unsaved buffers over the files they were opened from, or a test's files with no disk at
/// all (`fallback: nil`). Paths are compared after `standardized`, so `a/./b.csv` is `a/b.csv`.
public struct MemorySources: SourceProvider {
    public private(set) var files: [String: [UInt8]] = [:]
    public var fallback: (any SourceProvider)?

    public init(_ files: [String: String] = [:], fallback: (any SourceProvider)? = DiskSources()) {
        self.fallback = fallback
        for (path, text) in files { self[path] = text }
    }

    /// A file's text; setting nil drops the buffer, so the fallback's file shows again.
    public subscript(path: String) -> String? {
        get { files[MemorySources.standardized(path)].map { String(decoding: $0, as: UTF8.self) } }
        set { files[MemorySources.standardized(path)] = newValue.map { Array($0.utf8) } }
    }

    public func contents(of path: String) throws(SourceReadError) -> [UInt8] {
        if let bytes = files[MemorySources.standardized(path)] { return bytes }
        guard let fallback else { throw .notFound }
        return try fallback.contents(of: path)
    }

    /// The absolute path without `.`, `..` or doubled slashes.
    public static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
