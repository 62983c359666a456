import Foundation
import Kalkyl

/// One suggestion for completion.
public struct CompletionInfo: Sendable {
    public enum Kind: Sendable { case name, input, function, dimension, member, period, unit, keyword }
    public var label: String
    public var kind: Kind
    public var detail: String?
    public var documentation: String?
    /// Text to insert when it differs from the label (a function's `(`).
    public var insertText: String?
}

extension ModelDocument {
    /// Suggestions at a byte offset: members, dimensions and periods inside a name's brackets;
    /// units after the `:` of a definition's head; otherwise the model's names and the functions
    /// (and the statement keywords at the start of a line).
    public func completions(at offset: Int) -> [CompletionInfo] {
        let line = lines.line(of: offset)
        let before = lines.text(SourceRange(lines.lineStarts[line], offset))
        let context = CompletionContext(before)
        switch context {
        case .inBrackets(let owner): return subscriptCompletions(owner: owner)
        case .unit: return unitCompletions()
        case .formula(let atLineStart): return nameCompletions() + functionCompletions() + (atLineStart ? keywordCompletions() : [])
        }
    }

    func nameCompletions() -> [CompletionInfo] {
        var seen = Set<String>()
        var out: [CompletionInfo] = []
        for o in occurrences.all where o.kind == .name && o.role == .definition && seen.insert(o.name).inserted {
            if let dimension = model?.dimensions.first(where: { $0.name == o.name }) {
                out.append(CompletionInfo(label: o.name, kind: .dimension, detail: "dimension, \(dimension.members.count) members"))
                continue
            }
            guard let d = definitionStatement(of: o.name) else { continue }
            var detail = d.isInput ? "input" : "formula"
            if !d.target.isEmpty { detail += " [" + d.target.map { lines.text($0.range) }.joined(separator: ", ") + "]" }
            if let unit = d.unit { detail += ": \(unit)" }
            out.append(CompletionInfo(label: o.name, kind: d.isInput ? .input : .name, detail: detail, documentation: d.label))
        }
        return out
    }

    func functionCompletions() -> [CompletionInfo] {
        FunctionHelp.names.map {
            CompletionInfo(label: $0, kind: .function, detail: FunctionHelp.signature($0), documentation: FunctionHelp.summary($0), insertText: $0 + "(")
        }
    }

    func subscriptCompletions(owner: String?) -> [CompletionInfo] {
        guard let model else { return [] }
        var dimensions = model.dimensions.indices.map { $0 }
        if let owner, let slot = model.slot(named: owner) {
            dimensions = model.definitions[slot].dimensions
        }
        var out: [CompletionInfo] = []
        for k in dimensions {
            let dimension = model.dimensions[k]
            out.append(CompletionInfo(label: dimension.name, kind: .dimension, detail: "every member of \(dimension.name)"))
            for member in dimension.members.prefix(500) {
                let quoted = member.contains(" ") || member.contains("-") ? "\"\(member)\"" : member
                out.append(CompletionInfo(label: quoted, kind: .member, detail: "member of \(dimension.name)"))
            }
        }
        let axis = model.timeline.axisName
        out.append(CompletionInfo(label: axis, kind: .period, detail: "the period being computed"))
        out.append(CompletionInfo(label: "\(axis)-1", kind: .period, detail: "the previous period"))
        for label in model.timeline.labels {
            out.append(CompletionInfo(label: label, kind: .period, detail: "period"))
        }
        return out
    }

    func unitCompletions() -> [CompletionInfo] {
        var units = ["kr", "tkr", "mnkr", "%", "persons", "FTE", "h"]
        for statement in syntax.statements {
            if case .definition(let d) = statement, let unit = d.unit, !units.contains(unit) { units.append(unit) }
        }
        return units.map { CompletionInfo(label: $0, kind: .unit, detail: "unit") }
    }

    func keywordCompletions() -> [CompletionInfo] {
        ["input", "check", "dimension", "scenario", "measure", "timeline monthly", "timeline yearly", "actuals through", "fiscal year starts", "language sv", "language en", "model"]
            .map { CompletionInfo(label: $0, kind: .keyword) }
    }
}

/// Where in a line the cursor stands, read from the text before it.
enum CompletionContext: Equatable {
    /// Inside `name[`: the name before the bracket, if any.
    case inBrackets(String?)
    /// After the `:` of a definition's head, before its `=`.
    case unit
    case formula(atLineStart: Bool)

    init(_ before: String) {
        var text = Substring(before)
        // The word being typed does not count.
        while let last = text.last, last.isLetter || last.isNumber || last == "_" { text.removeLast() }
        var depth = 0
        var index = text.endIndex
        var inText = false
        for c in text where c == "\"" { inText.toggle() }
        if inText {
            self = .formula(atLineStart: false)
            return
        }
        while index > text.startIndex {
            index = text.index(before: index)
            let c = text[index]
            if c == "]" { depth += 1 }
            if c == "[" {
                if depth == 0 {
                    let head = text[..<index]
                    let owner = String(head.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" }.reversed())
                    self = .inBrackets(owner.isEmpty ? nil : owner)
                    return
                }
                depth -= 1
            }
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix(":"), !trimmed.contains("="), !trimmed.hasPrefix("check") {
            self = .unit
            return
        }
        self = .formula(atLineStart: trimmed.isEmpty)
    }
}
