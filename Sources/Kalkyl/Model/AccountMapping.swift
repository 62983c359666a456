/// Which report line each account belongs to, from account ranges (`Intäkter: 3000..3999`
/// in the model, or `3000..3999;Intäkter` in a mapping file) and single accounts.
///
/// An account's own entry decides; otherwise the ranges it falls in, which must all name the
/// same line. An account in no line, or in ranges of two lines, is an error that names it:
/// its amounts would otherwise be lost from the report, or counted twice.
struct AccountMapping {
    struct Entry {
        var key: String
        var range: AccountRange?
        var line: String
        var location: SourceLocation
    }
    var entries: [Entry]
    /// False for a mapping that stands in after an error of its own: it places no account and
    /// reports none.
    var isUsable = true

    enum Outcome {
        case line(String)
        case none
        case two(Entry, Entry)
    }

    func line(for code: String) -> Outcome {
        if let own = entries.first(where: { $0.range == nil && $0.key == code }) { return .line(own.line) }
        let ranges = entries.filter { $0.range?.contains(code) ?? false }
        guard let first = ranges.first else { return .none }
        if let other = ranges.first(where: { $0.line != first.line }) { return .two(first, other) }
        return .line(first.line)
    }

    /// Each member's line with the place of the entry that decides it; the accounts in no
    /// line or in two are reported at the member.
    func parents(of members: ListedMembers, dimension: String, lines: String,
                 into listed: inout [Diagnostic]) -> [String: (String, SourceLocation)] {
        var out: [String: (String, SourceLocation)] = [:]
        guard isUsable else { return out }
        // A problem an account: a thousand of a kind are listed.
        var diagnostics = CappedDiagnostics()
        defer { listed += diagnostics.all }
        for (index, m) in members.names.enumerated() {
            let at = members.location(index)
            switch line(for: m) {
            case .line(let line):
                out[m] = (line, entries.first { $0.line == line && ($0.range?.contains(m) ?? ($0.key == m)) }?.location ?? at)
            case .none:
                diagnostics.append(.error("account '\(m)' of '\(dimension)' is in no line of '\(lines)', so its amounts would be left out of the report",
                                          at: at, hint: "add it, or a range such as \(m.prefix(1))000..\(m.prefix(1))999, to a line", code: .accountInNoLine))
            case .two(let a, let b):
                diagnostics.append(.error("account '\(m)' of '\(dimension)' is in two lines of '\(lines)': \(a.line) (\(a.key)) and \(b.line) (\(b.key)), so its amounts would be counted twice",
                                          at: at, hint: "keep the ranges from overlapping, or give \(m) a line of its own",
                                          notes: [Diagnostic(.note, "\(a.line) is here", at: a.location), Diagnostic(.note, "\(b.line) is here", at: b.location)], code: .accountInTwoLines))
            }
        }
        return out
    }
}
