/// A wildcard pattern, the one matcher of SEARCH, the criteria of SUMIF and its kin, and the
/// lookups' exact matches: `?` is one character (one UTF-16 unit, as Excel counts), `*` any
/// run, `~` makes the next character literal (a `~` at the end is dropped). Without case.
struct WildcardPattern {
    enum Token: Equatable { case unit(UInt16), one, any }
    let tokens: [Token]

    init(tokens: [Token]) { self.tokens = tokens }

    /// The pattern preceded by `*`: it matches from a position when the pattern matches at or after it.
    var anywhere: WildcardPattern { WildcardPattern(tokens: [.any] + tokens) }

    init(_ pattern: String) {
        var tokens: [Token] = []
        var escaped = false
        for u in Array(pattern.lowercased().utf16) {
            if escaped { tokens.append(.unit(u)); escaped = false; continue }
            switch u {
            case 0x7E: escaped = true          // ~
            case 0x3F: tokens.append(.one)     // ?
            case 0x2A: tokens.append(.any)     // *
            default: tokens.append(.unit(u))
            }
        }
        self.tokens = tokens
    }

    /// Whether the pattern matches the text from position `start` on (not necessarily to its
    /// end): SEARCH's question.
    func matchesPrefix(_ text: [UInt16], at start: Int) -> Bool {
        WildcardPattern(tokens: tokens + [.any]).matchesRest(text, at: start)
    }

    /// Whether the pattern matches the whole text: a criterion's "Div*", MATCH's "a?c".
    func matches(_ text: String) -> Bool {
        matchesRest(Array(text.lowercased().utf16), at: 0)
    }

    /// Whether the pattern matches the text from `start` to its end (the text already in
    /// lower case), by the linear-time two-pointer method that backtracks only to the last `*`.
    func matchesRest(_ text: [UInt16], at start: Int) -> Bool {
        var t = 0, i = start
        var star: Int? = nil, starText = start
        while i < text.count {
            if t < tokens.count, tokens[t] == .one || tokens[t] == .unit(text[i]) {
                t += 1; i += 1
            } else if t < tokens.count, tokens[t] == .any {
                star = t; starText = i; t += 1
            } else if let s = star {
                t = s + 1; starText += 1; i = starText
            } else {
                return false
            }
        }
        while t < tokens.count, tokens[t] == .any { t += 1 }
        return t == tokens.count
    }
}
