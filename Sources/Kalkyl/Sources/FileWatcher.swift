import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Waits for any of a set of files to be saved, through the kernel's file-change
/// notifications (inotify): the model and the data files it reads.
///
/// It watches each file's folder rather than the file, since editors (and Excel saving a
/// CSV) often save by writing a new file and renaming it over the old one, which a watch on
/// the file itself would lose. A file whose folder is not there yet is watched from the
/// nearest folder that is, and from its own once the folders on its way are made.
///
/// A save is handed on only once it has settled, so that a file read in the middle of its
/// write is not reported and then reverted when the write ends: no watched file has been
/// written to for `quiet`, and none is open from a write that has not closed it (waited for
/// until it has not been written to for `unclosed`). `changedSinceWait()` tells a caller
/// that a newer save began while it read the last one.
public final class FileWatcher {
    /// How long the files must be still before a save is handed on: an editor's save can be
    /// several events, and an ordinary save waits no longer than this.
    public static let quiet: Int32 = 50
    /// How long a file written to and not yet closed must be still before it is read anyway
    /// (a writer that keeps it open).
    public static let unclosed: Int32 = 1_000

    private let descriptor: Int32
    /// The names watched in each watched folder, by the folder's watch descriptor.
    private var names: [Int32: Set<String>] = [:]
    /// In a folder on the way to a file whose folder is not there yet, the name of the
    /// folder below it on that way, by the folder's watch descriptor.
    private var ways: [Int32: Set<String>] = [:]
    private var folders: [String: Int32] = [:]
    /// The files watched from a folder on their way, whose own folder is not there yet.
    private var waiting: Set<String> = []
    /// The watched files written to and not closed since (a save under way), by watch
    /// descriptor and name.
    private var beingWritten: Set<String> = []
    /// A change seen by `changedSinceWait()`, handed on by the next `waitForChange()`.
    private var pending = false

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

    /// Watches these files from now on, as well as those already watched: a file in a folder
    /// that is not there yet from the nearest folder that is, so that its creation is seen.
    public func watch(_ paths: [String]) {
        for path in paths { _ = add(path) }
    }

    /// Watches the file's folder, or the nearest folder on its way; false when neither can be.
    private func add(_ path: String) -> Bool {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        var below = url.deletingLastPathComponent()
        if let watch = watchFolder(below.path) {
            names[watch, default: []].insert(url.lastPathComponent)
            waiting.remove(url.path)
            return true
        }
        while below.pathComponents.count > 1 {
            let folder = below.deletingLastPathComponent()
            if let watch = watchFolder(folder.path) {
                ways[watch, default: []].insert(below.lastPathComponent)
                waiting.insert(url.path)
                return true
            }
            below = folder
        }
        return false
    }

    private func watchFolder(_ folder: String) -> Int32? {
        if let known = folders[folder] { return known }
        let events = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_MODIFY | IN_ONLYDIR
        let watch = inotify_add_watch(descriptor, folder, UInt32(events))
        guard watch >= 0 else { return nil }
        folders[folder] = watch
        return watch
    }

    private static func folder(of path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
    }

    /// Blocks until one of the files is saved and the save has settled.
    public func waitForChange() {
        if !pending {
            while !readEvents(timeoutMilliseconds: -1) {}
        }
        pending = false
        while readEvents(timeoutMilliseconds: beingWritten.isEmpty ? Self.quiet : Self.unclosed) {}
        beingWritten = []   // still for `unclosed`: read as it is
    }

    /// Whether a watched file has been written to since the last `waitForChange()` returned:
    /// what was read then may be half of a newer save, and the next wait hands that save on.
    public func changedSinceWait() -> Bool {
        while readEvents(timeoutMilliseconds: 0) { pending = true }
        return pending
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
        var wayMade = false
        let header = MemoryLayout<inotify_event>.size
        while offset + header <= count {
            let watch = buffer.withUnsafeBytes { $0.load(fromByteOffset: offset, as: Int32.self) }
            let mask = buffer.withUnsafeBytes { $0.load(fromByteOffset: offset + 4, as: UInt32.self) }
            let length = buffer.withUnsafeBytes { $0.load(fromByteOffset: offset + 12, as: UInt32.self) }
            let nameStart = offset + header
            let nameEnd = min(count, nameStart + Int(length))
            let name = String(decoding: buffer[nameStart..<nameEnd].prefix { $0 != 0 }, as: UTF8.self)
            offset = nameEnd
            if mask & UInt32(IN_Q_OVERFLOW) != 0 { concerned = true; continue }   // events lost: read again
            if ways[watch]?.contains(name) == true { wayMade = true }
            guard names[watch]?.contains(name) == true else { continue }
            concerned = true
            let key = "\(watch)/\(name)"
            if mask & UInt32(IN_MODIFY | IN_CREATE) != 0 { beingWritten.insert(key) }
            if mask & UInt32(IN_CLOSE_WRITE | IN_MOVED_TO) != 0 { beingWritten.remove(key) }
        }
        if wayMade && watchWaiting() { concerned = true }
        return concerned
    }

    /// Watches the waiting files again now that a folder on their way was made; true if one
    /// of them is already there (made before its folder could be watched).
    private func watchWaiting() -> Bool {
        var arrived = false
        for path in waiting {
            _ = add(path)
            if !waiting.contains(path) && FileManager.default.fileExists(atPath: path) { arrived = true }
        }
        return arrived
    }
}

/// Why files cannot be watched: the message names the folder or the call that failed.
public struct WatchError: Error {
    public let message: String
}
