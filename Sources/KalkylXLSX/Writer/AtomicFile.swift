import Foundation
import Synchronization

/// Writes a file so that it is either complete or not changed at all.
public enum AtomicFile {
    /// The temporary file being written, as the address of a C string (0 for none), for a
    /// signal handler to remove (`unlink` is async-signal-safe): Ctrl-C in the middle of an
    /// export then leaves nothing behind. One slot: one file is written at a time
    /// (``write(to:_:)`` holds `writing` throughout). The string lives in `unfinishedPath`,
    /// allocated once and never freed, since a handler on another thread may be reading it (a
    /// copy per write leaked 74 bytes an export under `watch --export`: the export fuzz
    /// harness's first finding).
    public static let unfinished = Atomic<Int>(0)

    /// Held for the whole of each write, so the one slot always names the file being written:
    /// two writes at once (tests writing workbooks in parallel) would otherwise take the slot
    /// from each other, and a signal would remove only one of their temporary files.
    private static let writing = Mutex(())

    /// Room for the longest path the system opens, and its NUL.
    static let unfinishedCapacity = Int(PATH_MAX) + 1
    nonisolated(unsafe) static let unfinishedPath = UnsafeMutablePointer<CChar>.allocate(capacity: unfinishedCapacity)

    /// Puts `path` in the slot, or empties it when the path does not fit (it would not open).
    static func register(_ path: String) {
        unfinished.store(0, ordering: .releasing)
        let bytes = Array(path.utf8CString)
        guard bytes.count <= unfinishedCapacity else { return }
        bytes.withUnsafeBufferPointer { unfinishedPath.update(from: $0.baseAddress!, count: bytes.count) }
        unfinished.store(Int(bitPattern: unfinishedPath), ordering: .releasing)
    }

    /// Calls `body` with the path of a new, empty temporary file in the directory of `path`, and
    /// when `body` returns, syncs that file and renames it to `path` (one atomic step on POSIX
    /// file systems). When `body` throws, or anything else fails, the temporary file is removed,
    /// the error is rethrown, and whatever was at `path` before is left untouched.
    ///
    /// The temporary file is hidden (`.NAME.tmp-…`), lives beside `path` so the rename never
    /// crosses file systems, and takes the permissions of an existing regular file at `path`.
    /// A symbolic link at `path` is replaced, not followed.
    public static func write(to path: String, _ body: (_ temporaryPath: String) throws -> Void) throws {
        try writing.withLock { _ in try writeAlone(to: path, body) }
    }

    /// ``write(to:_:)`` with `writing` held; `body` must not write another file through here.
    private static func writeAlone(to path: String, _ body: (_ temporaryPath: String) throws -> Void) throws {
        let target = URL(fileURLWithPath: path)
        let directory = target.deletingLastPathComponent().path
        // A folder, a device (`/dev/full`, `/dev/null`) or a pipe at `path` would be replaced by
        // the rename (or refuse it only at the end): refused before anything is written.
        var existing = stat()
        if stat(path, &existing) == 0, (existing.st_mode & S_IFMT) != S_IFREG {
            let what = (existing.st_mode & S_IFMT) == S_IFDIR ? "a folder" : "not a regular file (a device or a pipe)"
            throw XLSXError(.file, operation: "check the target", message: "it is \(what); give the path of a file to write")
        }
        let temporary = try createTemporaryFile(besides: target, in: directory)
        var renamed = false
        defer {
            unfinished.store(0, ordering: .releasing)
            if !renamed { unlink(temporary) }
        }

        try body(temporary)

        let descriptor = open(temporary, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("read back the temporary file \(temporary)") }
        let synced = fsync(descriptor) == 0
        let syncError = errno
        close(descriptor)
        guard synced else { throw failure("sync the temporary file \(temporary)", errno: syncError) }

        guard rename(temporary, target.path) == 0 else { throw failure("rename \(temporary) to \(target.path)") }
        renamed = true

        // Make the rename itself durable; the file is in place either way, so this is best effort.
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            _ = fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    private static func createTemporaryFile(besides target: URL, in directory: String) throws -> String {
        var existing = stat()
        let replacesRegularFile = lstat(target.path, &existing) == 0 && (existing.st_mode & S_IFMT) == S_IFREG
        for _ in 0..<100 {
            let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
            let candidate = directory + "/." + target.lastPathComponent + ".tmp-" + suffix
            // Published before the file exists, so a signal that arrives the moment it appears
            // still finds it (the handler's unlink of a name not yet created is harmless).
            register(candidate)
            let descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if descriptor < 0 {
                let code = errno
                unfinished.store(0, ordering: .releasing)
                if code == EEXIST { continue }
                throw failure("create a temporary file in \(directory)", errno: code)
            }
            if replacesRegularFile { _ = fchmod(descriptor, existing.st_mode & 0o7777) }
            close(descriptor)
            return candidate
        }
        throw failure("create a temporary file in \(directory)", errno: EEXIST)
    }

    private static func failure(_ action: String, errno code: Int32 = errno) -> XLSXError {
        XLSXError(.file, operation: "could not \(action)", message: String(cString: strerror(code)))
    }
}
