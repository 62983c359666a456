import Foundation
import Testing

/// The exact output of every example model, compared byte for byte with golden files under
/// `Golden/`: `eval` as json, csv and table for base and each scenario, `check` (stdout and
/// stderr, and as json), `diff` as json and table for each scenario, and `explain` as json and table of
/// three cells per model. It proves that moving code between the CLI and the library
/// leaves what scripts read unchanged.
///
/// An intended change of the output is recorded again with
/// `KALKYL_RECORD_GOLDEN=1 swift test --filter GoldenOutputTests`, and the diff of the golden
/// files reviewed in the same commit.
@Suite struct GoldenOutputTests {
    static let models: [String] = {
        let folder = KalkylBinary.root.appendingPathComponent("formulas")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".kalkyl") }.sorted()
    }()

    static let recording = ProcessInfo.processInfo.environment["KALKYL_RECORD_GOLDEN"] == "1"

    @Test func everyExampleModelIsCovered() {
        #expect(Self.models.count >= 10, "formulas/ should hold the example models")
    }

    @Test("The outputs of an example model are as recorded", arguments: models)
    func outputs(model name: String) throws {
        let path = "formulas/" + name
        let stem = String(name.dropLast(".kalkyl".count))

        let check = try KalkylBinary.run(["check", path])
        try compare(check.stdout, golden: "\(stem)/check.stdout")
        try compare(check.stderr, golden: "\(stem)/check.stderr")
        try compare(try KalkylBinary.run(["check", path, "--format", "json"]).stdout, golden: "\(stem)/check.json")

        let base = try KalkylBinary.run(["eval", path, "--format", "json"])
        #expect(base.status == 0, "\(path): \(base.stderr)")
        try compare(base.stdout, golden: "\(stem)/eval.json")
        try compare(try KalkylBinary.run(["eval", path, "--format", "csv"]).stdout, golden: "\(stem)/eval.csv")
        try compare(try KalkylBinary.run(["eval", path]).stdout, golden: "\(stem)/eval.table")

        for scenario in scenarios(of: path) {
            try compare(try KalkylBinary.run(["eval", path, "--scenario", scenario, "--format", "json"]).stdout,
                        golden: "\(stem)/eval-\(scenario).json")
            try compare(try KalkylBinary.run(["eval", path, "--scenario", scenario, "--format", "csv"]).stdout,
                        golden: "\(stem)/eval-\(scenario).csv")
            try compare(try KalkylBinary.run(["eval", path, "--scenario", scenario]).stdout, golden: "\(stem)/eval-\(scenario).table")
            try compare(try KalkylBinary.run(["diff", path, "--scenario", scenario]).stdout, golden: "\(stem)/diff-\(scenario).table")
            try compare(try KalkylBinary.run(["diff", path, "--scenario", scenario, "--format", "json"]).stdout,
                        golden: "\(stem)/diff-\(scenario).json")
        }

        for (k, cell) in try explainedCells(evalJSON: base.stdout).enumerated() {
            let run = try KalkylBinary.run(["explain", path, cell, "--format", "json"])
            #expect(run.status == 0, "\(path) \(cell): \(run.stderr)")
            try compare(run.stdout, golden: "\(stem)/explain-\(k + 1).json")
            try compare(try KalkylBinary.run(["explain", path, cell]).stdout, golden: "\(stem)/explain-\(k + 1).table")
        }
    }

    /// The scenarios a model declares, as `scenario NAME` lines.
    func scenarios(of path: String) -> [String] {
        let text = (try? String(contentsOf: KalkylBinary.root.appendingPathComponent(path), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("scenario ") else { return nil }
            return line.dropFirst("scenario ".count).split(separator: " ").first.map(String.init)
        }
    }

    /// The first, middle and last printed definition, each at its first member and last period,
    /// read from the JSON's text, which keeps the order of keys.
    func explainedCells(evalJSON: String) throws -> [String] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(evalJSON.utf8)) as? [String: Any])
        let periods = object["periods"] as? [String] ?? []
        var lines: [Substring] = []
        var inValues = false
        for line in evalJSON.split(separator: "\n") {
            if line.hasPrefix("  \"values\": {") { inValues = true; continue }
            guard inValues else { continue }
            guard line.hasPrefix("    \"") else { break }
            lines.append(line.dropFirst(5))
        }
        guard !lines.isEmpty else { return [] }
        var seen = Set<Int>()
        return [0, lines.count / 2, lines.count - 1].filter { seen.insert($0).inserted }.map { k in
            var text = lines[k]
            let name = String(text.prefix { $0 != "\"" })
            text = text.dropFirst(name.count + 3)   // `": `
            var place: [String] = []
            while text.hasPrefix("{\"") {
                let member = String(text.dropFirst(2).prefix { $0 != "\"" })
                place.append(member)
                text = text.dropFirst(2 + member.count + 3)
            }
            if text.hasPrefix("["), let last = periods.last { place.append(last) }
            return place.isEmpty ? name : name + "[" + place.joined(separator: ", ") + "]"
        }
    }

    func compare(_ actual: String, golden: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = KalkylBinary.root.appendingPathComponent("Tests/KalkylEndToEndTests/Golden/" + golden)
        if Self.recording {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("no golden file \(golden); record with KALKYL_RECORD_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        if actual != expected {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
            Issue.record("""
                \(golden) differs from the output, first at line \(line + 1):
                expected: \(line < e.count ? String(e[line]) : "(end)")
                actual:   \(line < a.count ? String(a[line]) : "(end)")
                """, sourceLocation: sourceLocation)
        }
    }
}
