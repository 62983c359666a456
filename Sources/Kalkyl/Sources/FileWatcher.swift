import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Waits for any of a set of files to be saved, through the kernel's file-change
/// notifications (inotify): the model and the data files it reads, each watched from its
/// folder (`WatchedFolders`). A watched file deleted or moved away is a save too (the load
/// then says it is missing), and so is a folder of watched files deleted, moved away or made
/// again.
///
/// A save is handed on only once it has settled, so that a file read in the middle of its
/// write is not reported and then reverted when the write ends: no watched file has been
/// written to for `quiet` (writes to other files in the same folders neither count nor end
/// the wait), none was changed in that time by the clock of its status nor differs from
/// the status it had at its last event (a change whose event has not arrived yet), and none is open from a write that has not closed it (waited
/// for until it has not been written to for `unclosed`, or up to `longest` while it is empty). The wait lasts at most `longest`:
/// a writer that never stops is read then, and its later writes give later reports.
/// `changedSinceWait()` tells a caller that a newer save began while it read the last one:
/// an event, or a watched file whose status (inode, size, change times) is not the one it
/// had when the wait ended, or, for a file first watched after a load read it, before that
/// read (`FilesAsRead`).
public final class FileWatcher {
    /// How long the files must be still before a save is handed on: an editor's save can be
    /// several events, and an ordinary save waits no longer than this.
    public static let quiet: Int32 = 50
    /// How long a file written to and not yet closed must be still before it is read anyway
    /// (a writer that keeps it open).
    public static let unclosed: Int32 = 1_000
    /// The longest a save waits to settle: files written without a pause are read then.
    public static let longest: Int32 = 3_000
    /// How often the watched files' statuses are looked at while no event comes: a change the
    /// watches cannot tell (a folder above them moved or deleted while in use, a symlinked
    /// folder pointed elsewhere, events lost to a full queue) is seen within this.
    public static let look: Int32 = 500

    private let descriptor: Int32
    private var folders: WatchedFolders
    /// The watched files written to and not closed since (a save under way), by path.
    private var beingWritten: Set<String> = []
    /// A change seen by `changedSinceWait()`, handed on by the next `waitForChange()`.
    private var pending = false
    /// Each watched file's status when the last wait ended (nil: not there).
    private var settled: [String: FileIdentity?] = [:]
    /// Whether the last wait ended at `longest` rather than settled: what was read then is
    /// reported even if the files are still changing.
    private var cutShort = false

    /// Watches `paths`, each of which must be in a folder that can be watched; a file the load
    /// `read` read is compared with its status before that read, so a write during the load is
    /// a save.
    public init(paths: [String], read: FilesAsRead = FilesAsRead()) throws {
        descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { throw WatchError(message: "cannot watch files here (inotify_init1 failed)") }
        folders = WatchedFolders(descriptor: descriptor)
        for path in paths where !folders.add(path) {
            close(descriptor)
            throw WatchError(message: "cannot watch the folder \(Self.folder(of: path))")
        }
        settled = statuses()
        for path in folders.files { if let before = read.status(of: path) { settled[path] = before } }
    }

    deinit { close(descriptor) }

    /// Watches these files from now on, as well as those already watched: a file in a folder
    /// that is not there yet from the nearest folder that is, so that its creation is seen.
    /// A file first watched now (a new data statement, a file read again after it was let go)
    /// is compared with its status before the load `read` read it, so a write after that read
    /// is a save (`changedSinceWait()`); one the load did not read, with its status now.
    public func watch(_ paths: [String], read: FilesAsRead = FilesAsRead()) {
        for path in paths { _ = folders.add(path) }
        for path in folders.files where settled[path] == nil {
            settled[path] = read.status(of: path) ?? FileIdentity.status(path: path)
        }
    }

    /// Watches exactly these files from now on: those watched before and not among them (a
    /// data file the model reads no more) are let go, so that a save or deletion of one is no
    /// save of the model.
    public func watchOnly(_ paths: [String], read: FilesAsRead = FilesAsRead()) {
        folders.keep(only: Set(paths.map(WatchedFolders.standardized)))
        watch(paths, read: read)
        settled = settled.filter { folders.files.contains($0.key) }
        beingWritten.formIntersection(folders.files)
    }

    private static func folder(of path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
    }

    /// Blocks until one of the files is saved and the save has settled, or has been waited
    /// for `longest`.
    public func waitForChange() {
        if !pending {
            while readEvents(timeoutMilliseconds: Self.look) != .concerned && !changedUnheard() {}
        }
        pending = false
        cutShort = false
        let start = Self.milliseconds()
        var lastWrite = start
        // The files' statuses when the last event about them was read: a status that differs
        // from them with no event since is a change under way (a truncation sets the size
        // before the times, and its event comes last).
        var seen = statuses()
        while true {
            let now = Self.milliseconds()
            if now - start >= Int64(Self.longest) {
                cutShort = true
                settled = statuses()
                break
            }
            let still = Int64(beingWritten.isEmpty ? Self.quiet : emptiedAndOpen() ? Self.longest : Self.unclosed)
            let left = min(lastWrite + still, start + Int64(Self.longest)) - now
            if left <= 0 {
                // Still by the events; a file changed so lately that its event may not have
                // arrived yet (a save opening it with O_TRUNC) is waited for. The statuses
                // looked at are the ones kept: a change after them is one `changedSinceWait()` sees.
                let now = statuses()
                guard now != seen || Self.changedLately(now) else { settled = now; break }
                seen = now
                lastWrite = Self.milliseconds()
                continue
            }
            if readEvents(timeoutMilliseconds: Int32(left)) == .concerned {
                lastWrite = Self.milliseconds()
                seen = statuses()
            }
        }
        beingWritten = []   // still for `unclosed`, or waited for `longest`: read as it is
    }

    /// Whether a file being written is empty now: an in-place save opens it with O_TRUNC before
    /// it writes, and a writer held up between the two (a loaded machine) would have the empty
    /// file read as a model without definitions. Such a file is waited for up to `longest`.
    private func emptiedAndOpen() -> Bool {
        beingWritten.contains { FileIdentity.status(path: $0)?.size == 0 }
    }

    /// Whether a watched file has changed since the last `waitForChange()` returned: what was
    /// read then may be half of a newer save, and the next wait hands that save on. One wait
    /// cut short at `longest` is read as it is: false then, and the next wait starts at once.
    public func changedSinceWait() -> Bool {
        while true {
            let arrival = readEvents(timeoutMilliseconds: 0)
            if arrival == .nothing { break }
            if arrival == .concerned { pending = true }
        }
        // An event comes a moment after its change (after a truncation, say): the files'
        // status tells at once.
        if !pending && folders.files.contains(where: { settled[$0] != FileIdentity.status(path: $0) }) { pending = true }
        return cutShort ? false : pending
    }

    /// Whether a watched file is not what it was when the last wait ended (or when it was first
    /// watched), with no event to say so: then the watches are no longer on the files' folders, and are made again.
    private func changedUnheard() -> Bool {
        let changed = folders.files.contains { path in
            guard let before = settled[path] else { return false }
            return before != FileIdentity.status(path: path)
        }
        if changed { folders.watchAllAgain() }
        return changed
    }

    /// Whether a watched file's status changed within the last `quiet` (by the wall clock,
    /// as file times are; a time ahead of it by more than a second is a clock set back).
    private static func changedLately(_ statuses: [String: FileIdentity?]) -> Bool {
        var clock = timespec()
        clock_gettime(CLOCK_REALTIME, &clock)
        let now = Int64(clock.tv_sec) * 1_000 + Int64(clock.tv_nsec) / 1_000_000
        return statuses.values.contains { status in
            guard let changed = status?.changeMilliseconds else { return false }
            return changed > now - Int64(Self.quiet) && changed <= now + 1_000
        }
    }

    /// Each watched file's status now (nil: not there).
    private func statuses() -> [String: FileIdentity?] {
        Dictionary(uniqueKeysWithValues: folders.files.map { ($0, FileIdentity.status(path: $0)) })
    }

    private static func milliseconds() -> Int64 {
        var clock = timespec()
        clock_gettime(CLOCK_MONOTONIC, &clock)
        return Int64(clock.tv_sec) * 1_000 + Int64(clock.tv_nsec) / 1_000_000
    }

    /// What one read of events found.
    private enum Arrival { case nothing, unrelated, concerned }

    /// Reads the events that arrive within the timeout: none, none about a watched file (a
    /// write to another file in a watched folder), or one about a watched file.
    private func readEvents(timeoutMilliseconds: Int32) -> Arrival {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, timeoutMilliseconds) > 0 else { return .nothing }
        var buffer = [UInt8](repeating: 0, count: 8192)
        let count = read(descriptor, &buffer, buffer.count)
        guard count > 0 else { return .nothing }
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
            if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                // Events lost, a folder's removal among them perhaps: watch anew and read again.
                folders.watchAllAgain()
                concerned = true
                continue
            }
            if mask & UInt32(WatchedFolders.folderGone) != 0 {
                // A folder deleted or moved away: its files are gone from where they were
                // read, and watched again from the folder in its place or on their way.
                let touched = folders.dropFolder(watch)
                beingWritten.subtract(touched)
                if !touched.isEmpty { concerned = true }
                continue
            }
            if folders.isOnAWay(name, in: watch) { wayMade = true }
            let files = folders.files(named: name, in: watch)
            guard !files.isEmpty else { continue }
            concerned = true
            if mask & UInt32(IN_MODIFY | IN_CREATE) != 0 { beingWritten.formUnion(files) }
            if mask & UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_DELETE | IN_MOVED_FROM) != 0 { beingWritten.subtract(files) }
        }
        if wayMade && folders.watchWaiting() { concerned = true }
        return concerned ? .concerned : .unrelated
    }
}

extension FileIdentity {
    /// The status of whatever is at `path` (of any kind), nil when nothing is: what tells a
    /// watched file changed without reading it.
    static func status(path: String) -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileIdentity(info)
    }

    /// The change time in milliseconds since 1970 (the wall clock's).
    var changeMilliseconds: Int64 { Int64(statusChangedSeconds) * 1_000 + Int64(statusChangedNanoseconds) / 1_000_000 }
}

/// Why files cannot be watched: the message names the folder or the call that failed.
public struct WatchError: Error {
    public let message: String
}
