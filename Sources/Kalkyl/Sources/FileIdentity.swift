import Foundation

/// Which version of a file on disk was read: its device, inode, size, and modification and
/// status-change times to the nanosecond, taken from the open file before and after it was
/// read. The change time is there because no tool can set it back: a file rewritten in place at
/// the same size with its old modification time put back (`cp -p`, `touch -r`, `rsync -t
/// --inplace`) still differs in it. A file-backed
/// `SourceFile` reads a line back only from the version it was read from; any other version
/// (saved again, replaced, truncated, gone) is said to have changed, never quoted as if it were
/// the one read.
struct FileIdentity: Sendable, Hashable {
    var device: UInt64
    var inode: UInt64
    var size: Int
    var modifiedSeconds: Int
    var modifiedNanoseconds: Int
    var statusChangedSeconds: Int
    var statusChangedNanoseconds: Int

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int(info.st_size)
        modifiedSeconds = Int(info.st_mtim.tv_sec)
        modifiedNanoseconds = Int(info.st_mtim.tv_nsec)
        statusChangedSeconds = Int(info.st_ctim.tv_sec)
        statusChangedNanoseconds = Int(info.st_ctim.tv_nsec)
    }

    /// The identity of an open file; nil when it is no regular file (a pipe cannot be read again).
    static func of(_ file: UnsafeMutablePointer<FILE>) -> FileIdentity? {
        var info = stat()
        guard fstat(fileno(file), &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return FileIdentity(info)
    }

    /// The identity of the file at `path` now; nil when there is none.
    static func of(path: String) -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return FileIdentity(info)
    }
}

/// A data file's text as it was decoded from disk: enough to read any stretch of it back.
/// The decoder's state is the same all through a file decoded without a problem (one encoding,
/// its byte-order mark skipped at the start), so it is kept once, not per sampled line.
struct DiskOrigin: Sendable, Hashable {
    var identity: FileIdentity
    var encoding: DataFormat.Encoding
}
