import Foundation

/// The status (device, inode, size, modification and change times) each file a load read had
/// before it was read, by path: what tells a write after the read from the version read. Only
/// a later write changes a status, so a watched file whose status is no longer this one may
/// have been saved after the load read it (`FileWatcher` reads it again), and one still the
/// same was read as it is. Without it a file first watched after its load could only be
/// taken as it was then, and a write during that load was never seen.
public struct FilesAsRead: Sendable {
    /// By path as `WatchedFolders` keeps it; nil for a file that was not there.
    private var statuses: [String: FileIdentity?] = [:]

    public init() {}

    /// Notes the file's status now, before it is read; a file noted already keeps its first.
    mutating func note(_ path: String) {
        let key = WatchedFolders.standardized(path)
        if statuses[key] == nil { statuses[key] = FileIdentity.status(path: path) }
    }

    /// Both files' statuses, the first's where both noted a file.
    mutating func add(_ other: FilesAsRead) {
        statuses.merge(other.statuses) { first, _ in first }
    }

    /// The status noted for the file at this (standardized) path: `.some(nil)` when it was not
    /// there, nil when the load did not read it.
    func status(of path: String) -> FileIdentity?? {
        statuses[path]
    }
}
