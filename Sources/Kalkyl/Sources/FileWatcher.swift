import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Waits for any of a set of files to be saved, through the kernel's file-change
/// notifications (inotify): the model and the data files it reads.
///
/// It watches each file's folder rather than the file, since editors (and Excel saving a
/// CSV) often save by writing a new file and renaming it over the old one, which a watch on
/// the file itself would lose.
public final class FileWatcher {
    private let descriptor: Int32
    /// The names watched in each watched folder, by the folder's watch descriptor.
    private var names: [Int32: Set<String>] = [:]
    private var folders: [String: Int32] = [:]

    /// Watches `paths`, each of which must be in a folder that can be watched.
    public init(paths: [String]) throws {
        descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { throw WatchError(message: "cannot watch files here (inotify_init1 failed)") }
        for path in paths where !add(path) {
            close(descriptor)
            throw WatchError(message: "cannot watch the folder \(Self.folder(of: path))")
        }
    }

    deinit { close(descriptor) }

    /// Watches these files from now on, as well as those already watched: each whose folder
    /// can be watched (a data file named in a folder that is not there yet cannot), the
    /// others skipped rather than stopping at the first.
    public func watch(_ paths: [String]) {
        for path in paths { _ = add(path) }
    }

    private func add(_ path: String) -> Bool {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let folder = Self.folder(of: path)
        let watch: Int32
        if let known = folders[folder] {
            watch = known
        } else {
            watch = inotify_add_watch(descriptor, folder, UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_CREATE))
            guard watch >= 0 else { return false }
            folders[folder] = watch
        }
        names[watch, default: []].insert(url.lastPathComponent)
        return true
    }

    private static func folder(of path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
    }

    /// Blocks until one of the files is written, then lets a burst of events settle (an
    /// editor's save can be several) before returning.
    public func waitForChange() {
        while !readEvents(timeoutMilliseconds: -1) {}
        while readEvents(timeoutMilliseconds: 50) {}
    }

    /// Reads the events that arrive within the timeout; true if one concerned a watched file.
    private func readEvents(timeoutMilliseconds: Int32) -> Bool {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, timeoutMilliseconds) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 8192)
        let count = read(descriptor, &buffer, buffer.count)
        guard count > 0 else { return false }
        var offset = 0
        var concerned = false
        let header = MemoryLayout<inotify_event>.size
        while offset + header <= count {
            let watch = buffer.withUnsafeBytes { $0.load(fromByteOffset: offset, as: Int32.self) }
            let length = buffer.withUnsafeBytes { $0.load(fromByteOffset: offset + 12, as: UInt32.self) }
            let nameStart = offset + header
            let nameEnd = min(count, nameStart + Int(length))
            let bytes = buffer[nameStart..<nameEnd].prefix { $0 != 0 }
            if names[watch]?.contains(String(decoding: bytes, as: UTF8.self)) == true { concerned = true }
            offset = nameEnd
        }
        return concerned
    }
}

/// Why files cannot be watched: the message names the folder or the call that failed.
public struct WatchError: Error {
    public let message: String
}
