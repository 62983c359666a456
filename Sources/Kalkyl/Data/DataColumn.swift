/// A column a model asks a data file for, with the place the model names it.
///
/// Written as a string literal (`"belopp"`) when there is no model to point at; with a
/// location, a missing column is reported in the model's `data` statement rather than in
/// the data file's header.
struct DataColumn: Sendable, ExpressibleByStringLiteral {
    var name: String
    var location: SourceLocation?

    init(_ name: String, at location: SourceLocation? = nil) {
        self.name = name
        self.location = location
    }

    init(stringLiteral name: String) {
        self.init(name)
    }
}

extension DataTable {
    /// The indices of `columns`, or nil after reporting every one the header lacks.
    func resolve(_ columns: [DataColumn], into diagnostics: inout [Diagnostic]) -> [Int]? {
        var indices: [Int] = []
        var missing = false
        for column in columns {
            if let index = columnIndex(named: column.name) {
                indices.append(index)
            } else {
                diagnostics.append(.missingColumn(column, in: self))
                missing = true
            }
        }
        return missing ? nil : indices
    }
}

extension Diagnostic {
    fileprivate static func missingColumn(_ column: DataColumn, in table: DataTable) -> Diagnostic {
        let names = table.columnNames.filter { !$0.isEmpty }
        let hint = Suggestions.closest(to: column.name, in: names).map { "did you mean '\($0)'?" }
            ?? "its columns are \(names.map { "'\($0)'" }.joined(separator: ", "))"
        return .error("the data file \(table.file.path) has no column '\(column.name)'",
                      at: column.location ?? table.location(table.headerRange), hint: hint, code: .noSuchColumn)
    }
}
