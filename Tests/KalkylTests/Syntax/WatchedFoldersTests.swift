import Foundation
import Testing
@testable import Kalkyl
#if canImport(Glibc)
import Glibc
#endif

/// Issue 10: `WatchedFolders` when two paths lead to one folder (`data` and `data2 -> data`,
/// both read). inotify gives the folder one watch, and only the last path was kept for it:
/// an event about `data/v.csv` was taken for `data2/v.csv`, and when the folder was deleted and
/// made again only `data2`'s files were watched again, `data`'s left on the ended watch (seen
/// then only by watch's look at the files' statuses).
@Suite struct WatchedFoldersTests {
    /// A folder `data` with `v.csv` and `w.csv`, and a symlink `data2` to it.
    func linkedFolders() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kalkyl-folders-\(UUID().uuidString)")
        let data = root.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        for name in ["v.csv", "w.csv"] { try "k;v\n".write(to: data.appendingPathComponent(name), atomically: false, encoding: .utf8) }
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("data2").path, withDestinationPath: "data")
        return root
    }

    /// The watch inotify has on a folder for this descriptor (it gives the one it has back).
    func watch(of folder: URL, _ descriptor: Int32) -> Int32 {
        inotify_add_watch(descriptor, folder.path, UInt32(WatchedFolders.events))
    }

    @Test func anEventIsTakenForTheFileOfEachPath() throws {
        let root = try linkedFolders()
        defer { try? FileManager.default.removeItem(at: root) }
        let descriptor = inotify_init1(Int32(IN_CLOEXEC))
        defer { close(descriptor) }
        var folders = WatchedFolders(descriptor: descriptor)
        let v = root.appendingPathComponent("data/v.csv").path, w = root.appendingPathComponent("data2/w.csv").path
        #expect(folders.add(v) && folders.add(w))
        let shared = watch(of: root.appendingPathComponent("data"), descriptor)
        #expect(folders.files(named: "v.csv", in: shared) == [v])
        #expect(folders.files(named: "w.csv", in: shared) == [w])
        #expect(folders.files(named: "other.csv", in: shared).isEmpty)
    }

    @Test func bothPathsAreWatchedAgainWhenTheFolderIsMadeAgain() throws {
        let root = try linkedFolders()
        defer { try? FileManager.default.removeItem(at: root) }
        let descriptor = inotify_init1(Int32(IN_CLOEXEC))
        defer { close(descriptor) }
        var folders = WatchedFolders(descriptor: descriptor)
        let data = root.appendingPathComponent("data")
        let v = data.appendingPathComponent("v.csv").path, w = root.appendingPathComponent("data2/w.csv").path
        #expect(folders.add(v) && folders.add(w))
        let old = watch(of: data, descriptor)
        try FileManager.default.removeItem(at: data)
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: false)
        #expect(Set(folders.dropFolder(old)) == [v, w])
        let new = watch(of: data, descriptor)
        #expect(new != old)
        #expect(folders.files(named: "v.csv", in: new) == [v], "data/v.csv is not watched in the folder made again")
        #expect(folders.files(named: "w.csv", in: new) == [w])
    }

    /// Issue 10: a file let go (the model reads it no more) is no longer watched, nor is a
    /// folder only it needed; the others are.
    @Test func aFileLetGoIsNoLongerWatched() throws {
        let root = try linkedFolders()
        defer { try? FileManager.default.removeItem(at: root) }
        let descriptor = inotify_init1(Int32(IN_CLOEXEC))
        defer { close(descriptor) }
        var folders = WatchedFolders(descriptor: descriptor)
        let v = root.appendingPathComponent("data/v.csv").path, far = root.appendingPathComponent("later/x.csv").path
        #expect(folders.add(v) && folders.add(far))
        #expect(folders.isOnAWay("later", in: watch(of: root, descriptor)))
        folders.keep(only: [far])
        #expect(folders.files == [far])
        #expect(folders.files(named: "v.csv", in: watch(of: root.appendingPathComponent("data"), descriptor)).isEmpty)
        folders.keep(only: [])
        #expect(folders.files.isEmpty)
        #expect(!folders.isOnAWay("later", in: watch(of: root, descriptor)))
    }
}
