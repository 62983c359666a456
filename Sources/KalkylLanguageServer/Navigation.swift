import Foundation
import Kalkyl

/// A symbol of a document's outline.
public struct SymbolInfo: Sendable {
    public enum Kind: Sendable { case model, input, formula, check, dimension, member, scenario, measure }
    public var name: String
    public var detail: String?
    public var kind: Kind
    /// The whole statement.
    public var range: SourceRange
    /// The name.
    public var selection: SourceRange
    public var children: [SymbolInfo] = []
}

/// A quick fix: replace a range with a text.
public struct QuickFix: Sendable {
    public var title: String
    public var range: SourceRange
    public var replacement: String
    public var diagnostic: Diagnostic
}

/// Why a rename cannot be done.
public struct RenameError: Error, Sendable {
    public var message: String
}

extension ModelDocument {
    /// Where the name under the cursor is defined.
    public func definition(at offset: Int) -> Occurrence? {
        guard let o = occurrences.at(offset), o.kind != .function else { return nil }
        return occurrences.definition(of: o.name, kind: o.kind)
    }

    /// The header cell of the data file column under the cursor (`key Ansvar`, `name
    /// Benämning`): the path the file was opened by and the cell, or nil when the cursor is on
    /// no column or the file has no such column.
    public func columnDefinition(at offset: Int) -> (path: String, location: SourceLocation)? {
        guard let o = occurrences.at(offset), o.kind == .column, let file = o.file else { return nil }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard let table = try? DataFile.read(path: file, relativeTo: folder, sources: sources),
              let index = table.columnIndex(named: o.name) else { return nil }
        return (table.file.path, table.location(of: table.header[index]))
    }

    /// Every occurrence of the name under the cursor, its definition included.
    public func references(at offset: Int) -> [Occurrence] {
        guard let o = occurrences.at(offset) else { return [] }
        return occurrences.same(as: o)
    }

    /// The word a rename at the cursor would change, if it can be renamed.
    public func renameTarget(at offset: Int) -> Occurrence? {
        guard let o = occurrences.at(offset), o.kind != .function, !o.isQuoted,
              occurrences.definition(of: o.name, kind: o.kind) != nil else { return nil }
        return o
    }

    /// The ranges a rename changes in this model, or why it cannot.
    public func rename(at offset: Int, to newName: String) -> Result<(old: Occurrence, ranges: [SourceRange]), RenameError> {
        guard let o = renameTarget(at: offset) else {
            if let column = occurrences.at(offset), column.kind == .column {
                return .failure(RenameError(message: "'\(column.name)' is a column of \(column.file ?? "a data file"): rename it in the file's header, then here"))
            }
            return .failure(RenameError(message: "only a name the model defines can be renamed here"))
        }
        let (tokens, problems) = Lexer.tokenize(SourceFile(path: "rename", text: newName))
        guard problems.isEmpty, tokens.count == 2, case .identifier(let word) = tokens[0].kind, word == newName else {
            return .failure(RenameError(message: "'\(newName)' is not a name: use letters, digits and _, starting with a letter"))
        }
        if newName != o.name, occurrences.all.contains(where: { $0.name == newName && $0.kind == o.kind && $0.role == .definition }) {
            return .failure(RenameError(message: "the model already defines '\(newName)'"))
        }
        return .success((o, occurrences.same(as: o).filter { !$0.isQuoted }.map(\.range)))
    }

    /// The model's outline: its definitions, checks, dimensions (with members), scenarios and measures.
    public func symbols() -> [SymbolInfo] {
        var out: [SymbolInfo] = []
        var seen = Set<String>()
        for statement in syntax.statements {
            switch statement {
            case .model(let name, let range):
                out.append(SymbolInfo(name: name, kind: .model, range: range, selection: range))
            case .definition(let d):
                guard seen.insert(d.name).inserted else { continue }
                out.append(SymbolInfo(name: d.name, detail: d.label ?? d.unit, kind: d.isInput ? .input : .formula, range: d.range, selection: d.nameRange))
            case .check(let d):
                out.append(SymbolInfo(name: d.name, detail: d.label, kind: .check, range: d.range, selection: d.nameRange))
            case .dimension(let d):
                let members = d.members.map { SymbolInfo(name: $0.name, kind: .member, range: $0.range, selection: $0.range) }
                out.append(SymbolInfo(name: d.name, detail: "\(d.members.count) members", kind: .dimension, range: d.range, selection: d.nameRange, children: members))
            case .scenario(let s):
                let overrides = s.overrides.map { SymbolInfo(name: $0.name, kind: .input, range: $0.range, selection: $0.nameRange) }
                out.append(SymbolInfo(name: s.name, detail: s.label, kind: .scenario, range: s.range, selection: s.nameRange, children: overrides))
            case .measure(let m):
                out.append(SymbolInfo(name: m.name, detail: m.label, kind: .measure, range: m.range, selection: m.nameRange))
            default:
                continue
            }
        }
        return out
    }

    /// The did-you-mean of each diagnostic in a byte range, as an edit.
    public func quickFixes(from start: Int, to end: Int) -> [QuickFix] {
        diagnostics.compactMap { d in
            guard let location = d.location, location.file.path == path,
                  location.range.start <= end, location.range.end >= start,
                  let suggestion = Self.suggestion(in: d) else { return nil }
            return QuickFix(title: "Change to \(suggestion)", range: location.range, replacement: suggestion, diagnostic: d)
        }
    }

    /// The replacement a diagnostic suggests: `did you mean 'x'?` gives x, `did you mean "x"?` gives
    /// "x" (a text), `did you mean SUM?` gives SUM.
    static func suggestion(in d: Diagnostic) -> String? {
        for text in [d.hint, d.message].compactMap({ $0 }) {
            guard let found = text.range(of: "did you mean ") else { continue }
            var rest = text[found.upperBound...]
            guard rest.hasSuffix("?") || rest.contains("?") else { continue }
            rest = rest[..<rest.firstIndex(of: "?")!]
            if rest.hasPrefix("'"), rest.hasSuffix("'"), rest.count >= 2 { return String(rest.dropFirst().dropLast()) }
            if rest.hasPrefix("\""), rest.hasSuffix("\""), rest.count >= 2 { return String(rest) }
            if !rest.isEmpty, !rest.contains(" ") { return String(rest) }
        }
        return nil
    }
}
