import Synchronization

/// What checking a model read from its data files, kept for checking it again: a front end
/// that checks the same model on every keystroke (the language server) reads a staff file of
/// 100,000 rows once, not on every edit.
///
/// Everything in it is keyed by content, so nothing stale can be used: a table by its file's
/// text (compared whole, with its encoding and any problem decoding it; the file's bytes are
/// not kept beside the text), the keys of its rows and a dimension's members by that table, a
/// dimension's member index by its members. A changed file is read again.
public final class CheckCache: Sendable {
    private let storage = Mutex(Storage())

    public init() {}

    struct Storage {
        var tables: [String: CachedTable] = [:]
        var memberIndexes: [String: (members: [String], index: MemberIndex)] = [:]
        var cells: [CellsKey: CachedCells] = [:]
    }

    /// An input statement's data source, as it reads.
    struct CellsKey: Hashable {
        var name: String
        var source: String
        var missingIsZero: Bool
        var isSeries: Bool
        var timeline: Timeline
    }

    /// An input's cells as read, with the members they were read for and the tables they were
    /// read from (by the identity of their cached text).
    struct CachedCells {
        let cells: ReadCells
        let members: [[String]]
        let files: [(path: String, file: SourceFile)]
    }

    /// A data file as last read, and what was found from it.
    struct CachedTable {
        let table: DataTable
        /// The problem decoding the text, if any, where and what.
        let problem: String?
        var rowKeys: [Int: RowKeys] = [:]
        /// A dimension's members read from it by a key column (only when reading them found no problem).
        var members: [String: [(String, SourceLocation)]] = [:]
    }

    /// The table read from this text before, if it was: the same text, decoded from the same
    /// encoding with the same problem (a UTF-16 file cut short reads as the whole one did).
    func table(_ path: String, text: SourceText) -> DataTable? {
        storage.withLock { storage in
            guard let cached = storage.tables[path], cached.table.file.bytes == text.file.bytes,
                  cached.table.format.encoding == text.encoding, cached.problem == Self.summary(text.problem) else { return nil }
            return cached.table
        }
    }

    /// Keeps a table read from `text`, dropping what was found from an earlier version of its file.
    func keep(_ table: DataTable, path: String, text: SourceText) {
        storage.withLock { $0.tables[path] = CachedTable(table: table, problem: Self.summary(text.problem)) }
    }

    private static func summary(_ problem: Diagnostic?) -> String? {
        problem.map { "\($0.location?.range.start ?? -1) \($0.message)" }
    }

    func rowKeys(_ path: String, column: Int) -> RowKeys? {
        storage.withLock { $0.tables[path]?.rowKeys[column] }
    }

    func keep(_ keys: RowKeys, path: String, column: Int) {
        storage.withLock { $0.tables[path]?.rowKeys[column] = keys }
    }

    func members(_ path: String, key: String) -> [(String, SourceLocation)]? {
        storage.withLock { $0.tables[path]?.members[key] }
    }

    func keep(members: [(String, SourceLocation)], path: String, key: String) {
        storage.withLock { $0.tables[path]?.members[key] = members }
    }

    /// An input's cells read before from the same files (as they are now) for the same members.
    func cells(_ key: CellsKey, members: [[String]], files: [String]) -> ReadCells? {
        storage.withLock { storage in
            guard let cached = storage.cells[key], cached.members == members, cached.files.map(\.path) == files,
                  cached.files.allSatisfy({ storage.tables[$0.path]?.table.file === $0.file }) else { return nil }
            return cached.cells
        }
    }

    func keep(cells: ReadCells, key: CellsKey, members: [[String]], files: [String]) {
        storage.withLock { storage in
            let read = files.compactMap { path in storage.tables[path].map { (path, $0.table.file) } }
            guard read.count == files.count else { return }
            storage.cells[key] = CachedCells(cells: cells, members: members, files: read)
        }
    }

    /// The index of a dimension's members, built again only when they changed.
    func memberIndex(_ dimension: String, members: [String]) -> MemberIndex {
        if let index = storage.withLock({ storage -> MemberIndex? in
            guard let cached = storage.memberIndexes[dimension], cached.members == members else { return nil }
            return cached.index
        }) {
            return index
        }
        let index = MemberIndex(members)
        storage.withLock { $0.memberIndexes[dimension] = (members, index) }
        return index
    }
}
