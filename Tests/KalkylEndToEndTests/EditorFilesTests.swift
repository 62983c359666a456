import Foundation
import Testing

/// editors/: the VS Code extension's manifest and TextMate grammars are valid, every pattern
/// compiles (ICU's syntax, which shares Oniguruma's for everything the grammars use), and the
/// patterns give the scopes a reader expects on real lines.
@Suite struct EditorFilesTests {
    static let vscode = KalkylBinary.root.appendingPathComponent("editors/vscode")

    func json(_ relative: String) throws -> [String: Any] {
        let data = try Data(contentsOf: Self.vscode.appendingPathComponent(relative))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(relative) is not a JSON object")
    }

    /// Every regular expression of a grammar, by where it is.
    func patterns(_ grammar: [String: Any]) -> [(String, String)] {
        var out: [(String, String)] = []
        func walk(_ value: Any, _ path: String) {
            if let object = value as? [String: Any] {
                for (key, child) in object {
                    if ["match", "begin", "end", "while"].contains(key), let regex = child as? String { out.append((path + "." + key, regex)) }
                    walk(child, path + "." + key)
                }
            } else if let array = value as? [Any] {
                for (i, child) in array.enumerated() { walk(child, "\(path)[\(i)]") }
            }
        }
        walk(grammar, "")
        return out
    }

    func regex(_ grammar: [String: Any], _ rule: String) throws -> NSRegularExpression {
        let repository = try #require(grammar["repository"] as? [String: Any])
        let pattern = try #require((repository[rule] as? [String: Any])?["match"] as? String, "no rule \(rule)")
        return try NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines])
    }

    func firstMatch(_ regex: NSRegularExpression, _ line: String, group: Int = 0) -> String? {
        guard let m = regex.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)),
              let range = Range(m.range(at: group), in: line) else { return nil }
        return String(line[range])
    }

    @Test func theManifestNamesFilesThatExist() throws {
        let manifest = try json("package.json")
        #expect(manifest["main"] as? String == "./extension.js")
        let contributes = try #require(manifest["contributes"] as? [String: Any])
        let languages = try #require(contributes["languages"] as? [[String: Any]])
        #expect(Set(languages.compactMap { $0["id"] as? String }) == ["kalkyl", "kalkyl-layout"])
        let grammars = try #require(contributes["grammars"] as? [[String: Any]])
        for file in ["extension.js", "README.md"] + languages.compactMap({ $0["configuration"] as? String })
            + grammars.compactMap({ $0["path"] as? String }) {
            #expect(FileManager.default.fileExists(atPath: Self.vscode.appendingPathComponent(file).path), "\(file) is missing")
        }
        let configuration = try json("language-configuration.json")
        #expect((configuration["comments"] as? [String: Any])?["lineComment"] as? String == "#")
        let extensionCode = try String(contentsOf: Self.vscode.appendingPathComponent("extension.js"), encoding: .utf8)
        #expect(extensionCode.contains("args: ['lsp']"))
    }

    @Test("Every pattern of the grammars compiles", arguments: ["syntaxes/kalkyl.tmLanguage.json", "syntaxes/kalkyl-layout.tmLanguage.json"])
    func patternsCompile(file: String) throws {
        let grammar = try json(file)
        let all = patterns(grammar)
        #expect(all.count >= 8)
        for (path, pattern) in all {
            #expect(throws: Never.self, "\(file)\(path): \(pattern)") { _ = try NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines]) }
        }
        // Every include names a rule of the repository.
        let repository = try #require(grammar["repository"] as? [String: Any])
        for include in (grammar["patterns"] as? [[String: Any]] ?? []).compactMap({ $0["include"] as? String }) {
            #expect(repository[String(include.dropFirst())] != nil, "\(include) is not in the repository")
        }
    }

    @Test func theModelGrammarScopesRealLines() throws {
        let grammar = try json("syntaxes/kalkyl.tmLanguage.json")
        let definition = try regex(grammar, "definition")
        #expect(firstMatch(definition, "input employees_start: persons = 137", group: 3) == "employees_start")
        #expect(firstMatch(definition, "input cost personnel[month]: kr = 0", group: 2) == "cost")
        #expect(firstMatch(definition, "cost average unit_cost[month]: kr = 0", group: 2) == "cost average")
        #expect(firstMatch(definition, "stock headcount[month]: persons = 0", group: 3) == "headcount")
        #expect(firstMatch(definition, "årets_summa = SUM(x)", group: 3) == "årets_summa")
        #expect(firstMatch(definition, "  hires[2021-04 ..] = 0", group: 3) == "hires")
        #expect(firstMatch(definition, "check ok: a = b", group: 3) == nil)
        #expect(firstMatch(try regex(grammar, "label"), "## Antal anställda", group: 2) == " Antal anställda")
        #expect(firstMatch(try regex(grammar, "error"), "x = IFERROR(a, #DIV/0!) # note") == "#DIV/0!")
        #expect(firstMatch(try regex(grammar, "error"), "# a comment") == nil)
        #expect(firstMatch(try regex(grammar, "period"), "x = y[2021-04 ..]") == "2021-04")
        #expect(firstMatch(try regex(grammar, "number"), "input r = 41.5%") == "41.5%")
        #expect(firstMatch(try regex(grammar, "number"), "x = a_2") == nil)
        #expect(firstMatch(try regex(grammar, "function"), "x = ROUND(a, 0)", group: 1) == "ROUND")
        #expect(firstMatch(try regex(grammar, "unit"), "input a: mnkr = 1", group: 1) == "mnkr")
        #expect(firstMatch(try regex(grammar, "statement"), "scenario hiring_stop \"Stopp\" {", group: 1) == "scenario")
    }

    @Test func theLayoutGrammarScopesRealLines() throws {
        let grammar = try json("syntaxes/kalkyl-layout.tmLanguage.json")
        let statement = try regex(grammar, "statement")
        #expect(firstMatch(statement, "row personnel_cost vs personnel_budget cost mnkr", group: 2) == "personnel_cost")
        #expect(firstMatch(statement, "sheet \"Resultat\"", group: 1) == "sheet")
        #expect(firstMatch(statement, "sheet \"Resultat\"", group: 2) == nil)
        #expect(firstMatch(try regex(grammar, "option"), "columns months, tertials, year") == "months")
    }

    @Test func neovimAndHelixConfigurationStartTheServer() throws {
        let editors = KalkylBinary.root.appendingPathComponent("editors")
        let lua = try String(contentsOf: editors.appendingPathComponent("neovim/kalkyl.lua"), encoding: .utf8)
        #expect(lua.contains("{ 'kalkyl', 'lsp' }"))
        let helix = try String(contentsOf: editors.appendingPathComponent("helix/languages.toml"), encoding: .utf8)
        #expect(helix.contains("args = [\"lsp\"]"))
        #expect(helix.contains("file-types = [\"kalkyl\"]"))
    }
}
