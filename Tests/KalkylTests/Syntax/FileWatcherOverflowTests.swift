import Foundation
import Testing
@testable import Kalkyl
#if canImport(Glibc)
import Glibc
#endif

/// Issue 10: `FileWatcher` when the kernel's queue of events overflows while nobody reads it
/// (a busy folder while a large model is computed). The events lost can be a watched folder's
/// deletion: the folder made again at its path was then never watched, and watch showed the
/// old values for ever. Now every folder is watched anew on `IN_Q_OVERFLOW`
/// (`WatchedFolders.watchAllAgain`), and a change no event told is seen by the look at the
/// files' statuses every `FileWatcher.look`.
@Suite struct FileWatcherOverflowTests {
    /// The most events the kernel queues for one watcher (`fs.inotify.max_queued_events`).
    static var queueLimit: Int {
        let text = (try? String(contentsOfFile: "/proc/sys/fs/inotify/max_queued_events", encoding: .utf8)) ?? ""
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 16_384
    }

    static func write(_ text: String, to path: String) {
        let file = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        precondition(file >= 0, "cannot write \(path)")
        _ = Array(text.utf8).withUnsafeBytes { Glibc.write(file, $0.baseAddress, $0.count) }
        close(file)
    }

    /// Waits on another thread for the watcher's next change; true if it came within `seconds`.
    static func changeSeen(by watcher: FileWatcher, within seconds: Double) -> Bool {
        let box = WatcherBox(watcher)
        let seen = LockedFlag()
        Thread { box.watcher.waitForChange(); seen.set() }.start()
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline && !seen.isSet { usleep(10_000) }
        return seen.isSet
    }

    @Test func aFolderMadeAgainWhileEventsWereLostIsWatched() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kalkyl-overflow-\(UUID().uuidString)")
        let data = root.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let file = data.appendingPathComponent("v.csv").path
        Self.write("k;v\nA;1\n", to: file)
        let watcher = try FileWatcher(paths: [file])
        // More events than the queue holds, unread: writes to two other files in turn (the
        // kernel merges an event only with the same one just before it).
        let others = ["a.log", "b.log"].map { open(data.appendingPathComponent($0).path, O_WRONLY | O_CREAT, 0o644) }
        for i in 0..<(Self.queueLimit + 100) { _ = pwrite(others[i % 2], "x", 1, 0) }
        others.forEach { close($0) }
        // The folder deleted and made again: its events are lost with the rest.
        try FileManager.default.removeItem(at: data)
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: false)
        Self.write("k;v\nA;2\n", to: file)
        try #require(Self.changeSeen(by: watcher, within: 20), "the overflow is a change")
        // A save in the new folder is seen: it is the folder watched now.
        Self.write("k;v\nA;3\n", to: file)
        #expect(Self.changeSeen(by: watcher, within: 20), "the folder made again is not watched")
        try? FileManager.default.removeItem(at: root)
    }
}

/// A watcher handed to the thread that waits on it; only that thread uses it meanwhile.
private final class WatcherBox: @unchecked Sendable {
    let watcher: FileWatcher
    init(_ watcher: FileWatcher) { self.watcher = watcher }
}

/// A flag set once, read from another thread.
private final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    func set() { lock.lock(); value = true; lock.unlock() }
}
