/// One cell of a model: a definition, a period (for a series) and a member (for one with dimensions).
public struct CellReference: Sendable, Hashable {
    /// The definition's slot in `CheckedModel.definitions`.
    public var slot: Int
    /// The period's index on the timeline; nil for a definition without periods.
    public var period: Int?
    /// The member's index within a period (0 for a definition without dimensions), the
    /// last dimension fastest, as `CheckedModel.memberNames(of:member:)` reads it.
    public var member: Int

    public init(slot: Int, period: Int? = nil, member: Int = 0) {
        self.slot = slot
        self.period = period
        self.member = member
    }
}

/// Why a cell reference such as `cost[Datacentre, 2021-04]` names no cell of the model.
public struct CellReferenceError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

extension CheckedModel {
    /// The cell's index in its definition's block (`Evaluation.values(of:)`).
    public func blockIndex(of cell: CellReference) -> Int {
        (cell.period ?? 0) * memberCount(of: cell.slot) + cell.member
    }

    /// The cell as a user writes it: `avg_salary`, `employees[2021-04]`, `cost[Datacenter, 2021-04]`
    /// (members in the definition's order, then the period). A period off the timeline is
    /// written all the same, as `x[2020-12]`.
    public func text(of cell: CellReference) -> String {
        var parts = memberNames(of: cell.slot, member: cell.member).map(CellReferenceText.quoted)
        if let p = cell.period { parts.append(timeline.label(p)) }
        let name = definitions[cell.slot].name
        return parts.isEmpty ? name : name + "[" + parts.joined(separator: ", ") + "]"
    }

    /// Reads a cell as the command line takes it: `NAME`, `NAME[PERIOD]`, `NAME[MEMBER]`,
    /// `NAME[MEMBER, PERIOD]`, members and period in any order. A member whose name is not a
    /// plain word may be quoted: `cost["Region Nord", 2021-04]`.
    ///
    /// A series needs its period, and a definition with dimensions one member of each: the
    /// error says so with an example; unknown names, periods and members get a did-you-mean.
    public func cell(named text: String) -> Result<CellReference, CellReferenceError> {
        func fail(_ message: String) -> Result<CellReference, CellReferenceError> { .failure(CellReferenceError(message: message)) }
        let trimmed = text.trimmedForCell
        var name = trimmed
        var parts: [String] = []
        if let open = trimmed.firstIndex(of: "[") {
            name = String(trimmed[..<open]).trimmedForCell
            guard trimmed.hasSuffix("]") else {
                return fail("'\(trimmed)' lacks its closing ']'; did you mean \(trimmed)]?")
            }
            let inside = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
            parts = CellReferenceText.split(inside)
            if parts.contains(where: \.isEmpty) { return fail("'\(trimmed)' has an empty part between its brackets") }
        }
        guard !name.isEmpty else { return fail("name a cell: NAME, NAME[PERIOD] or NAME[MEMBER, PERIOD]") }
        guard let slot = slot(named: name) else {
            let hint = Suggestions.closest(to: name, in: definitions.map(\.name)).map { "; did you mean '\($0)'?" } ?? ""
            return fail("'\(name)' is not defined in the model\(hint)")
        }
        let d = definitions[slot]
        var period: Int?
        var chosen = [Int?](repeating: nil, count: d.dimensions.count)
        for part in parts {
            if d.isSeries, let p = CellReferenceText.period(part, on: timeline) {
                if period != nil { return fail("'\(trimmed)' gives two periods; name one") }
                period = p
                continue
            }
            if let k = d.dimensions.firstIndex(where: { dimensions[$0].memberIndex[part] != nil }) {
                if chosen[k] != nil { return fail("'\(trimmed)' gives two members of \(dimensions[d.dimensions[k]].name); name one") }
                chosen[k] = dimensions[d.dimensions[k]].memberIndex[part]
                continue
            }
            if CellReferenceText.looksLikePeriod(part) {
                guard d.isSeries else { return fail("'\(name)' has no periods; leave out \(part)") }
                let range = timeline.count > 0 ? "\(timeline.label(0)) .. \(timeline.label(timeline.count - 1))" : "(none)"
                let hint = Suggestions.closest(to: part, in: timeline.labels).map { "; did you mean \($0)?" } ?? ""
                return fail("\(part) is not a period of the timeline \(range)\(hint)")
            }
            guard !d.dimensions.isEmpty else {
                return fail("'\(name)' has no dimensions, so '\(part)' names no member of it")
            }
            let members = d.dimensions.flatMap { dimensions[$0].members }
            let hint = Suggestions.closest(to: part, in: members).map { "; did you mean '\($0)'?" } ?? ""
            let owners = d.dimensions.map { dimensions[$0].name }.joined(separator: " or ")
            return fail("'\(part)' is not a member of \(owners)\(hint)")
        }
        if d.isSeries && period == nil {
            return fail("'\(name)' is a series; name a period, as in \(example(slot, chosen))")
        }
        if let k = chosen.firstIndex(where: { $0 == nil }) {
            let dimension = dimensions[d.dimensions[k]]
            return fail("'\(name)' is per \(dimension.name); name a member, as in \(example(slot, chosen))")
        }
        var member = 0
        for (k, dim) in d.dimensions.enumerated() { member = member * dimensions[dim].members.count + chosen[k]! }
        return .success(CellReference(slot: slot, period: period, member: member))
    }

    /// A complete reference to a definition, keeping the members already chosen: for messages.
    func example(_ slot: Int, _ chosen: [Int?]) -> String {
        let d = definitions[slot]
        var parts = d.dimensions.enumerated().map { k, dim in
            CellReferenceText.quoted(dimensions[dim].members[chosen[k] ?? 0])
        }
        if d.isSeries, timeline.count > 0 { parts.append(timeline.label(timeline.count - 1)) }
        return parts.isEmpty ? d.name : d.name + "[" + parts.joined(separator: ", ") + "]"
    }
}

/// The small text rules of a cell reference.
enum CellReferenceText {
    /// A member as written in a subscript: quoted unless it is a plain word, its line breaks,
    /// tabs, quotes and backslashes escaped as JSON writes them (a SIE code can hold a carriage
    /// return), so that a cell's name stays on one line and reads back (`split`).
    static func quoted(_ member: String) -> String {
        member.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) ? member : JSONNode.quoted(member)
    }

    /// The parts between brackets, split at commas outside quotes, unquoted, and trimmed of
    /// the whitespace outside quotes; in quotes, `\"`, `\\`, `\n`, `\r`, `\t` and `\uXXXX` are
    /// read as JSON reads them (as `quoted` writes them), any other backslash as itself. What
    /// is in quotes is kept as written: a member's own space or escaped `\u2028` at either end
    /// is part of its name, so the name `text(of:)` writes reads back.
    static func split(_ text: Substring) -> [String] {
        var parts: [String] = []
        var current: [(character: Character, quoted: Bool)] = []
        var quoted = false
        var rest = text[...]
        while let c = rest.popFirst() {
            if quoted, c == "\\", let escape = unescaped(&rest) { current.append((escape, true)); continue }
            if c == "\"" { quoted.toggle(); continue }
            if c == ",", !quoted {
                parts.append(trimmedOutsideQuotes(current))
                current = []
            } else {
                current.append((c, quoted))
            }
        }
        parts.append(trimmedOutsideQuotes(current))
        return parts
    }

    /// The part without the whitespace at its ends that was not in quotes.
    private static func trimmedOutsideQuotes(_ part: [(character: Character, quoted: Bool)]) -> String {
        var s = part[...]
        while let c = s.first, !c.quoted, c.character.isWhitespace { s.removeFirst() }
        while let c = s.last, !c.quoted, c.character.isWhitespace { s.removeLast() }
        return String(s.map(\.character))
    }

    /// The character a JSON escape after a backslash stands for, taken from `rest`; nil (and
    /// nothing taken) when what follows is no such escape.
    private static func unescaped(_ rest: inout Substring) -> Character? {
        guard let next = rest.first else { return nil }
        let simple: [Character: Character] = ["\"": "\"", "\\": "\\", "n": "\n", "r": "\r", "t": "\t", "/": "/"]
        if let c = simple[next] { rest.removeFirst(); return c }
        guard next == "u", rest.count >= 5, let code = UInt32(String(rest.dropFirst().prefix(4)), radix: 16),
              let scalar = Unicode.Scalar(code) else { return nil }
        rest.removeFirst(5)
        return Character(scalar)
    }

    /// `2021`, `2021-04` or `2021-4`: digits and at most one dash.
    static func looksLikePeriod(_ text: String) -> Bool {
        let pieces = text.split(separator: "-", omittingEmptySubsequences: false)
        return (1...2).contains(pieces.count) && pieces.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }
    }

    /// The timeline index of a written period (`2021-04`, also `2021-4`), or nil.
    static func period(_ text: String, on timeline: Timeline) -> Int? {
        guard looksLikePeriod(text) else { return nil }
        let pieces = text.split(separator: "-").compactMap { Int($0) }
        let absolute: Int
        switch (timeline.granularity, pieces.count) {
        case (.monthly, 2) where (1...12).contains(pieces[1]): absolute = pieces[0] * 12 + pieces[1] - 1
        case (.yearly, 1): absolute = pieces[0]
        default: return nil
        }
        return timeline.index(ofAbsolute: absolute)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension StringProtocol {
    var trimmedForCell: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
