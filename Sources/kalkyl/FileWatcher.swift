import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Waits for a file to be saved, through the kernel's file-change notifications (inotify).
///
/// It watches the file's folder rather than the file, since editors often save by writing a
/// new file and renaming it over the old one, which a watch on the file itself would lose.
final class FileWatcher {
    let path: String
    private let descriptor: Int32
    private let name: String

    init(path: String) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        name = url.lastPathComponent
        descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { throw WatchError(message: "cannot watch files here (inotify_init1 failed)") }
        let folder = url.deletingLastPathComponent().path
        let mask = UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_CREATE)
        guard inotify_add_watch(descriptor, folder, mask) >= 0 else {
            close(descriptor)
            throw WatchError(message: "cannot watch the folder \(folder)")
        }
    }

    deinit { close(descriptor) }

    /// Blocks until the file is written, then lets a burst of events settle (an editor's
    /// save can be several) before returning.
    func waitForChange() {
        while !readEvents(timeoutMilliseconds: -1) {}
        while readEvents(timeoutMilliseconds: 50) {}
    }

    /// Reads the events that arrive within the timeout; true if one concerned the file.
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
            let length = buffer.withUnsafeBytes { $0.load(fromByteOffset: offset + 12, as: UInt32.self) }
            let nameStart = offset + header
            let nameEnd = min(count, nameStart + Int(length))
            let bytes = buffer[nameStart..<nameEnd].prefix { $0 != 0 }
            if String(decoding: bytes, as: UTF8.self) == name { concerned = true }
            offset = nameEnd
        }
        return concerned
    }
}

struct WatchError: Error {
    let message: String
}
