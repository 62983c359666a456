import Foundation

/// Reads the data files a model names: members of dimensions (`dimension employee from
/// "data/staff.csv" key id`) and inputs (`input salary[employee] = column månadslön`,
/// `= data "budget.csv" wide key ansvar`, …). Paths are relative to the model file, and
/// every problem in a file is reported at its line and column, in the file or in the model.
struct DataBinding {
    let file: SourceFile
    var diagnostics: [Diagnostic] = []
    /// Tables already read, by path as written.
    var tables: [String: DataTable?] = [:]
    /// For a dimension read from a file: its table and key column.
    var dimensionSources: [String: (table: DataTable, key: DataColumn)] = [:]

    init(file: SourceFile) { self.file = file }

    var directory: String {
        let url = URL(fileURLWithPath: file.path)
        return url.deletingLastPathComponent().path
    }

    func location(_ r: SourceRange) -> SourceLocation { SourceLocation(file: file, range: r) }

    mutating func table(_ path: String, at range: SourceRange) -> DataTable? {
        if let cached = tables[path] { return cached }
        do {
            let table = try DataFile.read(path: path, relativeTo: directory, reference: location(range))
            diagnostics += table.diagnostics
            tables[path] = table
            return table
        } catch {
            diagnostics.append(error)
            tables[path] = .some(nil)
            return nil
        }
    }

    /// Each member's parent, read from the parent column of the dimension's file, with the
    /// place of each parent's cell.
    mutating func parents(of d: DimensionSyntax) -> [String: (String, SourceLocation)] {
        guard let column = d.parentColumn, let source = dimensionSources[d.name] else { return [:] }
        let extraction = source.table.column(keyColumn: source.key, valueColumn: DataColumn(column.name, at: location(column.range)), kind: .text)
        diagnostics += extraction.diagnostics
        var out: [String: (String, SourceLocation)] = [:]
        for item in extraction.items {
            if case .text(let parent) = item.value { out[item.key] = (parent, item.location) }
        }
        return out
    }

    /// The members of a dimension read from a data file.
    mutating func members(of d: DimensionSyntax) -> [(String, SourceLocation)] {
        guard let source = d.file, let table = table(source.path, at: source.range) else { return [] }
        let key = DataColumn(source.key.name, at: location(source.key.range))
        let extraction = table.members(keyColumn: key)
        diagnostics += extraction.diagnostics
        dimensionSources[d.name] = (table, key)
        if extraction.items.isEmpty && extraction.diagnostics.isEmpty {
            diagnostics.append(.error("\(source.path) has no rows, so '\(d.name)' would have no members", at: location(source.range)))
        }
        return extraction.items.map { ($0.name, $0.location) }
    }

    /// An input's cells as read from its data source, period by period and member by member.
    mutating func values(_ d: Definition, source: DataSourceSyntax, shape: NameShape, names: NameTable) -> [Value]? {
        let dims = shape.dimensions
        let memberCount = names.memberCount(dims)
        let periods = shape.isSeries ? names.timeline.count : 1
        var cells = [Value](repeating: .blank, count: memberCount * periods)
        var filled = [Bool](repeating: false, count: memberCount)
        let dimensionNames = dims.map { names.dimensions[$0].name }

        let member = { (keys: [String], at: SourceLocation) in DataBinding.member(keys, dims: dims, names: names, at: at) }
        func columns(_ keys: [DataName]) -> [DataColumn]? {
            guard keys.count == dims.count else {
                let wanted = dims.isEmpty ? "no key" : "one key per dimension (\(dimensionNames.joined(separator: ", ")))"
                diagnostics.append(.error("'\(d.name)' needs \(wanted), but \(keys.count) \(keys.count == 1 ? "is" : "are") given",
                                          at: location(keys.first?.range ?? d.nameRange)))
                return nil
            }
            return keys.map { DataColumn($0.name, at: location($0.range)) }
        }

        switch source {
        case .column(let column):
            guard dims.count == 1, let from = dimensionSources[dimensionNames[0]] else {
                diagnostics.append(.error("'column' reads the file of the input's dimension; '\(d.name)' needs one dimension read from a data file",
                                          at: location(column.range), hint: "or name the file: data \"file.csv\" key … column \(column.name)"))
                return nil
            }
            return keyedValues(from.table, key: from.key, column: column, d: d, shape: shape, names: names,
                               cells: &cells, filled: &filled, member: member)
        case .keyed(let path, let pathRange, let keys, let column):
            guard let table = table(path, at: pathRange), let keyColumns = columns(keys) else { return nil }
            guard keyColumns.count == 1 else {
                diagnostics.append(.error("a value column is read with one key; '\(d.name)' has \(keyColumns.count) dimensions", at: location(keys[1].range)))
                return nil
            }
            return keyedValues(table, key: keyColumns[0], column: column, d: d, shape: shape, names: names,
                               cells: &cells, filled: &filled, member: member)
        case .wide(let path, let pathRange, let keys), .long(let path, let pathRange, let keys, _, _, _):
            guard shape.isSeries else {
                diagnostics.append(.error("'\(d.name)' has no periods; wide and long data give a value per period",
                                          at: location(d.targetRange ?? d.nameRange), hint: "write \(d.name)[…, \(names.timeline.axisName)]"))
                return nil
            }
            guard let table = table(path, at: pathRange), let keyColumns = columns(keys) else { return nil }
            let extraction: DataExtraction<KeyedSeries>
            if case .long(_, _, _, let period, let amount, let sum) = source {
                extraction = table.long(periodColumn: DataColumn(period.name, at: location(period.range)), keyColumns: keyColumns,
                                        amountColumn: DataColumn(amount.name, at: location(amount.range)), timeline: names.timeline,
                                        duplicates: sum ? .sum : .error)
            } else {
                extraction = table.wide(keyColumns: keyColumns, timeline: names.timeline)
            }
            diagnostics += extraction.diagnostics
            for series in extraction.items {
                let (found, problem) = member(series.key, series.keyLocation)
                if let problem { diagnostics.append(problem) }
                guard let m = found else { continue }
                filled[m] = true
                for p in 0..<min(periods, series.values.count) { cells[p * memberCount + m] = series.values[p] }
            }
        }
        reportMissing(d, filled: filled, dims: dims, names: names)
        return cells
    }

    mutating func keyedValues(_ table: DataTable, key: DataColumn, column: DataName, d: Definition, shape: NameShape, names: NameTable,
                              cells: inout [Value], filled: inout [Bool],
                              member: ([String], SourceLocation) -> (Int?, Diagnostic?)) -> [Value]? {
        let extraction = table.column(keyColumn: key, valueColumn: DataColumn(column.name, at: location(column.range)),
                                      timeline: names.timeline)
        diagnostics += extraction.diagnostics
        let memberCount = filled.count
        let periods = cells.count / max(1, memberCount)
        for item in extraction.items {
            let (found, problem) = member([item.key], item.keyLocation)
            if let problem { diagnostics.append(problem) }
            guard let m = found else { continue }
            filled[m] = true
            for p in 0..<periods { cells[p * memberCount + m] = item.value }
        }
        reportMissing(d, filled: filled, dims: shape.dimensions, names: names)
        return cells
    }

    /// The member index of a row's keys, or a diagnostic at the key.
    static func member(_ keys: [String], dims: [Int], names: NameTable, at location: SourceLocation) -> (Int?, Diagnostic?) {
        var index = 0
        for (k, d) in dims.enumerated() {
            guard let m = names.dimensions[d].memberIndex[keys[k]] else {
                let hint = Suggestions.closest(to: keys[k], in: names.dimensions[d].members).map { "did you mean '\($0)'?" }
                return (nil, .error("'\(keys[k])' is not a member of '\(names.dimensions[d].name)'", at: location, hint: hint))
            }
            index = index * names.size(d) + m
        }
        return (index, nil)
    }

    /// Members with no row in the file keep blank cells; say so, rather than let them pass unseen.
    mutating func reportMissing(_ d: Definition, filled: [Bool], dims: [Int], names: NameTable) {
        let missing = filled.indices.filter { !filled[$0] }
        guard !missing.isEmpty, !dims.isEmpty else { return }
        let shown = missing.prefix(5).map { m -> String in
            var rest = m
            var parts: [String] = []
            for d in dims.reversed() {
                parts.append(names.dimensions[d].members[rest % names.size(d)])
                rest /= names.size(d)
            }
            return parts.reversed().joined(separator: "/")
        }
        let more = missing.count > 5 ? " and \(missing.count - 5) more" : ""
        diagnostics.append(Diagnostic(.warning, "\(missing.count) member\(missing.count == 1 ? " has" : "s have") no row for '\(d.name)', so \(missing.count == 1 ? "its cells are" : "their cells are") blank: \(shown.joined(separator: ", "))\(more)",
                                      at: location(d.nameRange)))
    }
}
