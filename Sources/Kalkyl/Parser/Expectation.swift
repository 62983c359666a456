extension Expectation {
    /// Finds `# expect: NAME = VALUE`, `# expect: NAME[PERIOD] = VALUE` and, for a scenario,
    /// `# expect SCENARIO: NAME = VALUE` in comments.
    static func scan(_ file: SourceFile) -> [Expectation] {
        var found: [Expectation] = []
        var lineNumber = 0
        for rawLine in file.text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            guard let hash = rawLine.range(of: "# expect") else { continue }
            let rest = rawLine[hash.upperBound...]
            guard let colon = rest.firstIndex(of: ":") else { continue }
            let scenarioName = rest[..<colon].trimmingCharacters(in: " \t")
            guard scenarioName.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { continue }
            let body = rest[rest.index(after: colon)...].trimmingCharacters(in: " \t\r")
            let words = body.split(separator: " ").map(String.init)
            if words.count == 3, words[0] == "check", words[2] == "fails" || words[2] == "passes" {
                found.append(Expectation(scenario: scenarioName.isEmpty ? "base" : scenarioName, name: words[1], period: nil,
                                         expected: words[2], line: lineNumber, isCheck: true))
                continue
            }
            guard let eq = body.firstIndex(of: "=") else { continue }
            var lhs = body[..<eq].trimmingCharacters(in: " \t")
            let rhs = body[body.index(after: eq)...].trimmingCharacters(in: " \t")
            var period: String?
            if let open = lhs.firstIndex(of: "["), lhs.hasSuffix("]") {
                period = String(lhs[lhs.index(after: open)..<lhs.index(before: lhs.endIndex)])
                lhs = String(lhs[..<open])
            }
            found.append(Expectation(scenario: scenarioName.isEmpty ? "base" : scenarioName, name: lhs, period: period, expected: rhs, line: lineNumber))
        }
        return found
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
