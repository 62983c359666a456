import Synchronization

/// What checking a model read from its data files, kept for checking it again: a front end
/// that checks the same model on every keystroke (the language server) reads a staff file of
/// 100,000 rows once, not on every edit.
///
/// Everything in it is keyed by content, so nothing stale can be used: a table by its file's
/// text (by a 128-bit hash of it and its length, with its encoding and any problem decoding
/// it), the keys of its rows and a dimension's members by that table, a dimension's member
/// index by its members. A changed file is read again.
///
/// It keeps no data file's text: what it keeps names the file in its file-backed form
/// (`SourceFile.droppingText()`), and what it hands out names the text just read, which is
/// the same text, so a place in it is quoted as from a fresh read.
///
/// It keeps at most `mostTables` tables and `mostEntries` input reads and member indexes,
/// dropping the least recently used first: a session that opens model after model, or edits a
/// timeline keystroke by keystroke (each a new `CellsKey`), kept every one before.
public final class CheckCache: Sendable {
    private let storage = Mutex(Storage())
    let mostTables: Int
    let mostEntries: Int

    /// A data file's table is the largest thing kept (its offsets, a few bytes a field): 16 of
    /// them cover the files of the models one edits at once.
    public init(mostTables: Int = 16, mostEntries: Int = 256) {
        self.mostTables = max(1, mostTables)
        self.mostEntries = max(1, mostEntries)
    }

    struct Storage {
        var tables: [String: CachedTable] = [:]
        var memberIndexes: [String: (members: [String], index: MemberIndex, used: UInt64)] = [:]
        var cells: [CellsKey: CachedCells] = [:]
        /// Counts uses, so that each entry's last use orders them.
        var clock: UInt64 = 0

        mutating func tick() -> UInt64 {
            clock += 1
            return clock
        }

        /// Drops the least recently used entries past `most`, and the input reads that read a dropped table.
        mutating func trim(mostTables: Int, mostEntries: Int) {
            while tables.count > mostTables, let oldest = tables.min(by: { $0.value.used < $1.value.used })?.key {
                tables[oldest] = nil
                cells = cells.filter { !$0.value.files.contains { $0.path == oldest } }
            }
            while cells.count > mostEntries, let oldest = cells.min(by: { $0.value.used < $1.value.used })?.key { cells[oldest] = nil }
            while memberIndexes.count > mostEntries, let oldest = memberIndexes.min(by: { $0.value.used < $1.value.used })?.key {
                memberIndexes[oldest] = nil
            }
        }
    }

    /// An input statement's data source, as it reads.
    struct CellsKey: Hashable {
        var name: String
        var source: String
        var missingIsZero: Bool
        var isSeries: Bool
        var timeline: Timeline
        /// How a `%` input's numbers read: a unit or `in percent` added reads them otherwise.
        var percent: PercentCells = .plain
        /// The statement's first period: a wide file's warning of a month not read depends on it.
        var readFrom = 0
    }

    /// An input's cells as read, with the members they were read for and the tables they were
    /// read from (by the identity of their cached file).
    struct CachedCells {
        let cells: ReadCells
        let members: [[String]]
        let files: [(path: String, file: SourceFile)]
        var used: UInt64
    }

    /// A data file as last read, and what was found from it.
    struct CachedTable {
        /// The table, its file (and its diagnostics' and members' places) without the text.
        let table: DataTable
        /// The text it was read from.
        let content: ContentHash
        /// The problem decoding the text, if any, where and what.
        let problem: String?
        var rowKeys: [Int: RowKeys] = [:]
        /// A dimension's members read from it by a key column (only when reading them found no problem).
        var members: [String: ListedMembers] = [:]
        var used: UInt64
    }

    /// The table read from this text before, if it was: the same text, decoded from the same
    /// encoding with the same problem (a UTF-16 file cut short reads as the whole one did).
    /// It is handed out over the text just read (the same text), so that its places quote it.
    func table(_ path: String, text: SourceText) -> DataTable? {
        let content = ContentHash(text.file.bytes)
        guard let table = storage.withLock({ storage -> DataTable? in
            guard let cached = storage.tables[path], cached.content == content,
                  cached.table.format.encoding == text.encoding, cached.problem == Self.summary(text.problem) else { return nil }
            let now = storage.tick()
            storage.tables[path]?.used = now
            return cached.table
        }) else { return nil }
        return FileSwap(from: table.file, to: text.file).table(table)
    }

    /// Keeps a table read from `text`, dropping what was found from an earlier version of its file.
    func keep(_ table: DataTable, path: String, text: SourceText) {
        var kept = CachedTable(table: FileSwap(from: table.file, to: table.file.droppingText()).table(table), content: ContentHash(text.file.bytes),
                               problem: Self.summary(text.problem), used: 0)
        storage.withLock { storage in
            kept.used = storage.tick()
            storage.tables[path] = kept
            storage.trim(mostTables: mostTables, mostEntries: mostEntries)
        }
    }

    /// The table kept for the file opened as `path` (tests).
    func keptTable(_ path: String) -> DataTable? {
        storage.withLock { $0.tables[path]?.table }
    }

    /// How many tables, input reads and member indexes are kept (tests).
    var counts: (tables: Int, cells: Int, memberIndexes: Int) {
        storage.withLock { ($0.tables.count, $0.cells.count, $0.memberIndexes.count) }
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

    /// A dimension's members read before from the table now read as `table`, their places in its text.
    func members(_ path: String, key: String, table: DataTable) -> ListedMembers? {
        storage.withLock { $0.tables[path]?.members[key] }?.reading(table)
    }

    func keep(members: ListedMembers, path: String, key: String) {
        storage.withLock { storage in
            guard let kept = storage.tables[path]?.table else { return }
            storage.tables[path]?.members[key] = members.reading(kept)
        }
    }

    /// An input's cells read before from the same files (as they are now, `files` the tables
    /// read now by path) for the same members, their places in the tables' texts.
    func cells(_ key: CellsKey, members: [[String]], files: [(path: String, file: SourceFile)]) -> ReadCells? {
        guard let cells = storage.withLock({ storage -> ReadCells? in
            guard let cached = storage.cells[key], cached.members == members, cached.files.map(\.path) == files.map(\.path),
                  cached.files.allSatisfy({ storage.tables[$0.path]?.table.file === $0.file }) else { return nil }
            let now = storage.tick()
            storage.cells[key]?.used = now
            return cached.cells
        }) else { return nil }
        var swap = FileSwap()
        for (kept, now) in zip(storage.withLock { s in files.map { s.tables[$0.path]?.table.file } }, files) {
            if let kept { swap.add(from: kept, to: now.file) }
        }
        return swap.cells(cells)
    }

    func keep(cells: ReadCells, key: CellsKey, members: [[String]], files: [(path: String, file: SourceFile)]) {
        storage.withLock { storage in
            var swap = FileSwap()
            let read = files.compactMap { read in
                storage.tables[read.path].map { cached -> (String, SourceFile) in
                    swap.add(from: read.file, to: cached.table.file)
                    return (read.path, cached.table.file)
                }
            }
            guard read.count == files.count else { return }
            storage.cells[key] = CachedCells(cells: swap.cells(cells), members: members, files: read, used: storage.tick())
            storage.trim(mostTables: mostTables, mostEntries: mostEntries)
        }
    }

    /// The index of a dimension's members, built again only when they changed.
    func memberIndex(_ dimension: String, members: [String]) -> MemberIndex {
        if let index = storage.withLock({ storage -> MemberIndex? in
            guard let cached = storage.memberIndexes[dimension], cached.members == members else { return nil }
            let now = storage.tick()
            storage.memberIndexes[dimension]?.used = now
            return cached.index
        }) {
            return index
        }
        let index = MemberIndex(members)
        storage.withLock { storage in
            storage.memberIndexes[dimension] = (members, index, storage.tick())
            storage.trim(mostTables: mostTables, mostEntries: mostEntries)
        }
        return index
    }
}
