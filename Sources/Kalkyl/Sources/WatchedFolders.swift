import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Which folders `FileWatcher` watches through inotify, and for which files.
///
/// A file is watched from its folder rather than by itself, since editors (and Excel saving
/// a CSV) often save by writing a new file and renaming it over the old one, which a watch on
/// the file would lose. A file whose folder is not there is watched from the nearest folder on
/// its way that is, and from its own once the folders on its way are made. A watched folder
/// that is deleted or moved away is dropped, with the watched folders in it, and its files are
/// watched again in the same way: a folder made again in its place, or moved there, is then
/// the one watched, and writes in the one moved away are not taken for the model's files.
struct WatchedFolders {
    /// What a folder's watch reports: the watched files' writes, closes, creations, renames
    /// and deletions, and the folder's own deletion or move (`IN_IGNORED` and `IN_UNMOUNT`
    /// come without asking).
    static let events = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_MODIFY | IN_DELETE | IN_MOVED_FROM
        | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR
    /// The events that say a folder's watch is over: it was deleted, moved (its watch would
    /// follow it to its new name), or its file system unmounted.
    static let folderGone = IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED | IN_UNMOUNT

    private let descriptor: Int32
    /// Each watched folder's watch descriptor, by the folder's path.
    private var folders: [String: Int32] = [:]
    /// The paths of the folder each watch is on, by its watch descriptor: several when paths
    /// lead to one folder through a symlink (`data` and `data2 -> data`), which inotify gives
    /// one watch.
    private var paths: [Int32: Set<String>] = [:]
    /// The names of the watched files in each watched folder, by the folder's path.
    private var names: [String: Set<String>] = [:]
    /// In a folder on the way to a file whose folder is not there yet, the name of the
    /// folder below it on that way, by the folder's path.
    private var ways: [String: Set<String>] = [:]
    /// The files watched from a folder on their way, whose own folder is not there yet.
    private var waiting: Set<String> = []
    /// Every watched file, by its standardized path.
    private(set) var files: Set<String> = []

    init(descriptor: Int32) { self.descriptor = descriptor }

    /// A path as the watched files are named: absolute, standardized (symlinks kept).
    static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// Watches the file's folder, or the nearest folder on its way; false when neither can be.
    /// A folder on the way made between the two tries (its creation not seen) is tried again.
    mutating func add(_ path: String, tries: Int = 3) -> Bool {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        files.insert(url.path)
        var below = url.deletingLastPathComponent()
        if watchFolder(below.path) {
            names[below.path, default: []].insert(url.lastPathComponent)
            waiting.remove(url.path)
            return true
        }
        while below.pathComponents.count > 1 {
            let folder = below.deletingLastPathComponent()
            if watchFolder(folder.path) {
                ways[folder.path, default: []].insert(below.lastPathComponent)
                waiting.insert(url.path)
                if tries > 1 && access(below.path, F_OK) == 0 { return add(path, tries: tries - 1) }
                return true
            }
            below = folder
        }
        return false
    }

    /// Watches a folder (true), or says it cannot be (not there). A folder already watched by
    /// another path (a symlink to it) has that watch: inotify gives a folder one.
    private mutating func watchFolder(_ folder: String) -> Bool {
        if folders[folder] != nil { return true }
        let watch = inotify_add_watch(descriptor, folder, UInt32(Self.events))
        guard watch >= 0 else { return false }
        folders[folder] = watch
        paths[watch, default: []].insert(folder)
        return true
    }

    /// The watched files that an event about `name` in a watched folder is about, through
    /// each path the folder is watched by; none for another file in that folder.
    func files(named name: String, in watch: Int32) -> [String] {
        (paths[watch] ?? []).filter { names[$0]?.contains(name) == true }.map { Self.path(of: name, in: $0) }
    }

    private static func path(of name: String, in folder: String) -> String {
        folder == "/" ? "/" + name : folder + "/" + name
    }

    /// Whether `name`, made in a watched folder, is a folder on the way to a waiting file.
    func isOnAWay(_ name: String, in watch: Int32) -> Bool {
        (paths[watch] ?? []).contains { ways[$0]?.contains(name) == true }
    }

    /// Watches the waiting files again now that a folder on their way was made; true if one
    /// of them is already there (made before its folder could be watched).
    mutating func watchWaiting() -> Bool {
        var arrived = false
        for path in waiting {
            _ = add(path)
            if !waiting.contains(path) && FileManager.default.fileExists(atPath: path) { arrived = true }
        }
        return arrived
    }

    /// Ends every watch and watches every file again from where it can be watched now. After
    /// lost events (a full queue), or a change no watch can tell (a folder above the watched
    /// ones moved, a symlinked folder pointed elsewhere, a deleted folder whose removal waits
    /// while a process still has it open), the folders watched may no longer be the ones at
    /// the files' paths.
    mutating func watchAllAgain() {
        for watch in paths.keys { inotify_rm_watch(descriptor, watch) }
        folders = [:]
        paths = [:]
        names = [:]
        ways = [:]
        waiting = []
        for path in files { _ = add(path) }
    }

    /// Watches only those of the files that are in `kept` (standardized paths): the others
    /// (a data file the model reads no more) are let go, with the folders only they needed.
    mutating func keep(only kept: Set<String>) {
        guard !files.isSubset(of: kept) else { return }
        files.formIntersection(kept)
        watchAllAgain()
    }

    /// Drops a folder whose watch is over (deleted, moved away, unmounted), by every path it
    /// was watched by, and every watched folder in it, and watches their files again from
    /// where they can be watched now. Returns the files that were watched in those folders
    /// (gone, or moved away with them) and the waiting files that are there now: what a
    /// caller must read again.
    mutating func dropFolder(_ watch: Int32) -> [String] {
        guard let gone = paths[watch] else { return [] }   // dropped already (its IN_IGNORED)
        let insides = gone.map { $0 == "/" ? "/" : $0 + "/" }
        let isInside = { (path: String) in insides.contains { path.hasPrefix($0) } }
        var touched: [String] = []
        for (folder, watch) in folders where gone.contains(folder) || isInside(folder) {
            for name in names[folder] ?? [] { touched.append(Self.path(of: name, in: folder)) }
            folders[folder] = nil
            names[folder] = nil
            ways[folder] = nil
            paths[watch]?.remove(folder)
            // A moved folder's watch follows it to its new name: end it, once no path is left
            // to it. A deleted folder's has ended already, and this call fails harmlessly.
            if paths[watch]?.isEmpty == true {
                paths[watch] = nil
                inotify_rm_watch(descriptor, watch)
            }
        }
        for path in files where isInside(path) {
            _ = add(path)
            if !waiting.contains(path) && !touched.contains(path) && FileManager.default.fileExists(atPath: path) {
                touched.append(path)
            }
        }
        return touched
    }
}
