import Kalkyl

/// One place a name is written in a model, and what it is there.
public struct Occurrence: Sendable {
    public enum Kind: Sendable, Hashable {
        /// A definition, input, check, dimension or measure: the model's own names.
        case name
        /// A member of a dimension.
        case member
        case scenario
        /// A function called by name, such as SUM.
        case function
        /// A column of a data file (`key Ansvar`, `name Benämning`, `parent Rad`, `column
        /// månadslön`): its definition is the file's header, not the model.
        case column
    }

    public enum Role: Sendable {
        /// Where the name is defined (the first definition of an input with several lines).
        case definition
        /// An input's later lines, a scenario's override: they set the name without defining it.
        case assignment
        case reference
    }

    public var name: String
    public var range: SourceRange
    public var kind: Kind
    public var role: Role
    /// Written as a text (`"Division Nära"`): not renamed as a word.
    public var isQuoted = false
    /// For a column, the data file it is a column of, as the model writes the path.
    public var file: String? = nil
}

/// Every name written in a model, in source order: what go to definition, find references,
/// rename and hover look up by position.
public struct Occurrences: Sendable {
    public private(set) var all: [Occurrence] = []
    let dimensions: Set<String>

    package init(_ syntax: SyntaxFile) {
        var dimensions = Set<String>()
        var dimensionFiles: [String: String] = [:]
        for case .dimension(let d) in syntax.statements {
            dimensions.insert(d.name)
            if let file = d.file { dimensionFiles[d.name] = file.path }
        }
        self.dimensions = dimensions
        var defined = Set<String>()
        func define(_ name: String, _ range: SourceRange, _ kind: Occurrence.Kind = .name) {
            let role: Occurrence.Role = defined.insert(name).inserted ? .definition : .assignment
            all.append(Occurrence(name: name, range: range, kind: kind, role: role))
        }
        for statement in syntax.statements {
            switch statement {
            case .definition(let d), .check(let d):
                define(d.name, d.nameRange)
                addParts(d.target)
                addFormula(d.expression)
                addColumns(of: d, dimensionFiles: dimensionFiles)
            case .scenario(let s):
                all.append(Occurrence(name: s.name, range: s.nameRange, kind: .scenario, role: .definition))
                for d in s.overrides {
                    all.append(Occurrence(name: d.name, range: d.nameRange, kind: .name, role: .assignment))
                    addParts(d.target)
                    addFormula(d.expression)
                }
            case .dimension(let d):
                define(d.name, d.nameRange)
                if let parent = d.parent { add(parent.name, parent.range, .name, .reference) }
                for m in d.members { add(m.name, m.range, .member, .definition) }
                for p in d.parents { add(p.name, p.range, .member, .reference) }
                if let file = d.file {
                    column(file.key, in: file.path)
                    if let name = d.nameColumn { column(name, in: file.path) }
                    if let parent = d.parentColumn { column(parent, in: d.parentFile?.path ?? file.path) }
                }
                if let map = d.parentFile { column(map.key, in: map.path) }
            case .measure(let m):
                define(m.name, m.nameRange)
                add(m.perspective.name, m.perspective.range, .member, .reference)
                for tree in m.formulaTrees { addFormula(tree) }
            default:
                break
            }
        }
        all.sort { $0.range.start < $1.range.start }
    }

    mutating func column(_ name: DataName, in file: String) {
        var o = Occurrence(name: name.name, range: name.range, kind: .column, role: .reference)
        o.file = file
        o.isQuoted = name.range.end - name.range.start != name.name.utf8.count
        all.append(o)
    }

    /// The columns an input's data source names, each with the file it is a column of.
    mutating func addColumns(of d: Definition, dimensionFiles: [String: String]) {
        switch d.source {
        case .column(let c):
            // A column of the file the input's (first) dimension is read from.
            let dimension = d.target.lazy.compactMap { part -> String? in if case .name(let n, _) = part { n } else { nil } }.first
            if let file = dimension.flatMap({ dimensionFiles[$0] }) { column(c, in: file) }
        case .keyed(let path, _, let keys, let c):
            for k in keys { column(k, in: path) }
            column(c, in: path)
        case .wide(let path, _, let keys):
            for k in keys { column(k, in: path) }
        case .long(let path, _, let keys, let period, let amount, _):
            for k in keys { column(k, in: path) }
            column(period, in: path)
            column(amount, in: path)
        case .sie, nil:
            break
        }
        if case .keyFile(let path, _, let key) = d.dataOptions.spread?.method { column(key, in: path) }
    }

    mutating func add(_ name: String, _ range: SourceRange, _ kind: Occurrence.Kind, _ role: Occurrence.Role) {
        all.append(Occurrence(name: name, range: range, kind: kind, role: role, isQuoted: range.end - range.start != name.utf8.count))
    }

    /// Names inside brackets: a dimension (`cost[unit]`) or one of its members (`cost[MT]`).
    mutating func addParts(_ parts: [SubscriptPart]) {
        for case .name(let name, let range) in parts {
            add(name, range, dimensions.contains(name) ? .name : .member, .reference)
        }
    }

    mutating func addFormula(_ tree: FormulaTree) {
        for node in tree.nodes {
            switch node.kind {
            case .name(let name):
                add(name, node.range, .name, .reference)
            case .subscripted(let name, let parts, let nameRange, _):
                add(name, nameRange, .name, .reference)
                addParts(parts)
            case .call(let name, _):
                add(name, SourceRange(node.range.start, node.range.start + name.utf8.count), .function, .reference)
            default:
                break
            }
        }
    }

    /// The occurrence under a byte offset (touching its end counts, as a cursor after a word).
    public func at(_ offset: Int) -> Occurrence? {
        var low = 0, high = all.count
        while low < high {
            let mid = (low + high) / 2
            if all[mid].range.end < offset { low = mid + 1 } else { high = mid }
        }
        guard low < all.count, all[low].range.start <= offset, offset <= all[low].range.end else { return nil }
        return all[low]
    }

    /// Every occurrence of the same thing.
    public func same(as o: Occurrence) -> [Occurrence] {
        all.filter { $0.kind == o.kind && $0.file == o.file && (o.kind == .function ? $0.name.uppercased() == o.name.uppercased() : $0.name == o.name) }
    }

    /// Where a name is defined.
    public func definition(of name: String, kind: Occurrence.Kind = .name) -> Occurrence? {
        all.first { $0.kind == kind && $0.name == name && $0.role == .definition }
    }
}
