import Foundation
import Kalkyl
import Testing

/// `kalkyl check --format json` on the real binary: each model with every diagnostic and its
/// stable code, the exit codes of the text form; and docs/diagnostics.md lists every code.
@Suite struct CheckJSONTests {
    func models(_ stdout: String) throws -> [[String: Any]] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
        return try #require(object["models"] as? [[String: Any]])
    }

    @Test func aModelWithAnUnknownNameGivesItsCodeAndHint() throws {
        let path = try KalkylBinary.temporaryModel("input employees = 3\ntotal = employes * 2\n")
        let run = try KalkylBinary.run(["check", path, "--format", "json"])
        #expect(run.status == 1)
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        let model = try #require(try models(run.stdout).first)
        #expect(model["file"] as? String == path)
        #expect(model["ok"] as? Bool == false)
        #expect(model["definitions"] is NSNull)
        let d = try #require((model["diagnostics"] as? [[String: Any]])?.first)
        #expect(d["code"] as? String == "K0201")
        #expect(d["severity"] as? String == "error")
        #expect(d["line"] as? Int == 2 && d["column"] as? Int == 9)
        #expect(d["hint"] as? String == "did you mean 'employees'?")
    }

    @Test func goodFailingAndUnreadableModelsTogether() throws {
        let good = try KalkylBinary.temporaryModel("input a = 1\ncheck small: a < 2\n")
        let failing = try KalkylBinary.temporaryModel("input a = 1\ncheck big: a > 2\n")
        let run = try KalkylBinary.run(["check", good, failing, "/no/such/model.kalkyl", "--format", "json"])
        #expect(run.status == 3, "an unreadable file is exit 3, as in the text form")
        let all = try models(run.stdout)
        #expect(all.map { $0["ok"] as? Bool } == [true, false, false])
        #expect(all[0]["definitions"] as? Int == 1 && all[0]["checks"] as? Int == 1)
        #expect((all[0]["diagnostics"] as? [Any])?.isEmpty == true)
        #expect((all[1]["diagnostics"] as? [[String: Any]])?.map { $0["code"] as? String } == ["K0601"])
        #expect((all[2]["diagnostics"] as? [[String: Any]])?.map { $0["code"] as? String } == ["K0102"])
        // The text form is unchanged: the summary on stdout, no code on the terminal.
        let text = try KalkylBinary.run(["check", good])
        #expect(text.stdout.hasSuffix("1 check pass\n"))
    }

    @Test func everyExampleModelChecksInJSONAsInText() throws {
        let folder = KalkylBinary.root.appendingPathComponent("formulas")
        let paths = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".kalkyl") }.sorted()
            .map { "formulas/" + $0 }
        let run = try KalkylBinary.run(["check", "--format", "json"] + paths)
        let all = try models(run.stdout)
        #expect(all.map { $0["file"] as? String } == paths)
        var worst: Int32 = 0
        for (path, model) in zip(paths, all) {
            let text = try KalkylBinary.run(["check", path])
            worst = max(worst, text.status)
            #expect((model["ok"] as? Bool) == (text.status == 0), "\(path)")
            // Each error the terminal shows is in the JSON, with a code.
            let errors = (model["diagnostics"] as? [[String: Any]] ?? []).filter { $0["severity"] as? String == "error" }
            #expect(errors.count == text.stderr.split(separator: "\n").filter { $0.contains(": error: ") }.count, "\(path)")
            #expect(errors.allSatisfy { ($0["code"] as? String)?.hasPrefix("K") == true }, "\(path)")
        }
        #expect(run.status == worst)
    }

    @Test func theDocsListEveryCodeOnce() throws {
        let text = try String(contentsOf: KalkylBinary.root.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        let listed = text.split(separator: "\n").filter { $0.hasPrefix("| K") }.map { String($0.dropFirst(2).prefix(5)) }
        #expect(listed == DiagnosticCode.all.map(\.rawValue))
        // And every code the engine defines is in the list (`all`), so in the docs: none is
        // handed out undocumented.
        let source = try String(contentsOf: KalkylBinary.root.appendingPathComponent("Sources/Kalkyl/Syntax/DiagnosticCode.swift"), encoding: .utf8)
        let defined = source.matches(of: /DiagnosticCode\(rawValue: "(K\d{4})"\)/).map { String($0.1) }
        #expect(defined.count > 20)
        #expect(defined.sorted() == listed.sorted())
    }

    @Test("Every diagnostic of a broken model has a code", arguments: [
        "input a = 1\nscenario s \"S\" {\n a = 2\n",
        "x = \"never closed\ny = 1\n",
        "timeline monthly 2021-01 .. 2021-03\ninput a[month] = 1\nb = a[2021-13] + c\ndimension d = x, x\n",
        "input a: kr = 1\nb = a + undefined_thing\ncheck c: b\nscenario s {\n nope = 2\n}\n",
    ])
    func everyDiagnosticHasACode(model: String) throws {
        let loaded = ModelLoader.load(source: SourceFile(path: "m.kalkyl", text: model))
        #expect(!loaded.diagnostics.isEmpty)
        for d in loaded.diagnostics { #expect(d.code != nil, "\(d.message)") }
    }
}
