/// A dimension's members as its statement lists them, in order, and where each is written.
///
/// The names are what the dimension keeps. A member's place is needed only for a diagnostic
/// (a member another dimension has, an account in no report line), so a data file's members
/// keep the row each came from, 4 bytes, and make their place when asked. A `SourceLocation`
/// per member was 24 bytes and a reference counted up and down: at 100,000 members, 4 MB
/// written and freed at every cold start (docs/performance.md, "Fifth round").
struct ListedMembers: Sendable {
    /// What a member read from a data file's row takes at most while the dimension is made: its
    /// name, its row, its key's number and the dimension's index of names. Measured: files of
    /// 1.16 and 3.16 million short keys peak at 97 and 204 MB, 54 bytes a row with the text and
    /// the table (docs/reliability.md, "Memory kept bounded").
    static let bytesPerMember = 64

    enum Places: Sendable {
        /// No member is listed.
        case none
        /// Each member's range in one file: the model's own list, a SIE file's lines.
        case ranges(SourceFile, [SourceRange])
        /// Each member's row in a data file's table, its key in `column`.
        case rows(DataTable, column: Int, [Int32])
    }

    let names: [String]
    private(set) var places: Places

    static let empty = ListedMembers(names: [], places: .none)

    private init(names: [String], places: Places) {
        self.names = names
        self.places = places
    }

    /// Members written in `file`, each at its range.
    init(names: [String], file: SourceFile, ranges: [SourceRange]) {
        self.init(names: names, places: .ranges(file, ranges))
    }

    /// Members read from `table`, each the key in `column` of its row.
    init(names: [String], table: DataTable, column: Int, rows: [Int32]) {
        self.init(names: names, places: .rows(table, column: column, rows))
    }

    var count: Int { names.count }

    /// Where the member at `index` is written.
    func location(_ index: Int) -> SourceLocation {
        switch places {
        case .none: preconditionFailure("no member is listed")
        case .ranges(let file, let ranges): return SourceLocation(file: file, range: ranges[index])
        case .rows(let table, let column, let rows): return table.location(Int(rows[index]), column)
        }
    }

    /// The same members, their places in `table`: the same text read again, or its kept
    /// form without the text (`CheckCache`).
    func reading(_ table: DataTable) -> ListedMembers {
        guard case .rows(_, let column, let rows) = places else { return self }
        return ListedMembers(names: names, places: .rows(table, column: column, rows))
    }
}
