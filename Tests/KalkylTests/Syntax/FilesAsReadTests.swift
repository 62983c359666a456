import Foundation
import Testing
@testable import Kalkyl

/// Issue 10 (the first-load gap): a load notes each file's status before it reads it
/// (`LoadedModel.filesAsRead`), and `FileWatcher` compares a file it first watches after that
/// load with that status, not with the file as it is when the watch begins: a write while the
/// load went on is a change, and a file left as it was read is none (no second read).
@Suite struct FilesAsReadTests {
    /// A model in a new folder reading `data/v.csv`, both written, and its path.
    func modelReadingData() throws -> (model: String, data: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kalkyl-asread-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
        let model = folder.appendingPathComponent("m.kalkyl").path, data = folder.appendingPathComponent("data/v.csv").path
        FileWatcherOverflowTests.write("timeline monthly 2021-01 .. 2021-01\ndimension k from \"data/v.csv\" key k\ninput v[k] = column v\n", to: model)
        FileWatcherOverflowTests.write("k;v\nA;1\n", to: data)
        return (model, data)
    }

    /// A file written after the load read it and before the watch began (the watch made after
    /// the load, as watch's first is) is a change, the model's and a data file's alike.
    @Test(arguments: [false, true]) func aFileWrittenAfterTheLoadReadItIsAChange(theModel: Bool) throws {
        let (model, data) = try modelReadingData()
        let loaded = try ModelLoader.load(path: model)
        #expect(!loaded.hasErrors)
        if theModel {
            FileWatcherOverflowTests.write("timeline monthly 2021-01 .. 2021-01\ndimension k from \"data/v.csv\" key k\ninput v[k] = column v\nw = 2\n", to: model)
        } else {
            FileWatcherOverflowTests.write("k;v\nA;10\n", to: data)
        }
        let watcher = try FileWatcher(paths: [model], read: loaded.filesAsRead)
        watcher.watch(loaded.dataFilePaths, read: loaded.filesAsRead)
        #expect(watcher.changedSinceWait(), "the write after the read is not seen")
        #expect(FileWatcherOverflowTests.changeSeen(by: watcher, within: 20))
    }

    /// Files as the load read them are no change: the load is not read again.
    @Test func filesAsTheLoadReadThemAreNoChange() throws {
        let (model, _) = try modelReadingData()
        let loaded = try ModelLoader.load(path: model)
        let watcher = try FileWatcher(paths: [model], read: loaded.filesAsRead)
        watcher.watch(loaded.dataFilePaths, read: loaded.filesAsRead)
        #expect(!watcher.changedSinceWait())
        #expect(!FileWatcherOverflowTests.changeSeen(by: watcher, within: 1.5), "a file unchanged since it was read is taken for a save")
    }

    /// A data file that was not there when the load read it, and is made after: a change.
    @Test func aFileMadeAfterTheLoadFoundItMissingIsAChange() throws {
        let (model, data) = try modelReadingData()
        try FileManager.default.removeItem(atPath: data)
        let loaded = try ModelLoader.load(path: model)
        #expect(loaded.hasUnreadableFile)
        FileWatcherOverflowTests.write("k;v\nA;1\n", to: data)
        let watcher = try FileWatcher(paths: [model], read: loaded.filesAsRead)
        watcher.watch(loaded.dataFilePaths, read: loaded.filesAsRead)
        #expect(watcher.changedSinceWait())
    }
}
