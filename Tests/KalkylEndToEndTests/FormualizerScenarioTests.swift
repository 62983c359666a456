import Foundation
import Testing

/// formualizer's scenarios as `kalkyl-bench --scenario` writes them (docs/performance.md,
/// "formualizer's scenarios"), at a small size: the benchmark's own checks pass, each written
/// model checks clean, and `kalkyl eval`, before and after formualizer's edits given as
/// `--set`, gives every cell the value worked out here from the written CSV files.
@Suite struct FormualizerScenarioTests {
    static let size = 4_000

    struct BenchFailed: Error, CustomStringConvertible { let description: String }

    /// Runs `kalkyl-bench --scenario all` at `size` into a fresh folder and returns the folder;
    /// fails when the benchmark does not run, or its own checks do not pass.
    static func written() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kalkyl-scenarios-\(UUID().uuidString)")
        let bench = KalkylBinary.root.appendingPathComponent(".build/debug/kalkyl-bench").path
        guard FileManager.default.isExecutableFile(atPath: bench) else { throw BenchFailed(description: "build kalkyl-bench first: swift build") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: bench)
        process.arguments = ["--scenario", "all", String(size), "--runs", "2", "--updates", "3", "--keep", folder.path, "--json"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        nonisolated(unsafe) var stderr = Data()
        let reader = DispatchGroup()
        reader.enter()
        DispatchQueue.global().async { stderr = err.fileHandleForReading.readDataToEndOfFile(); reader.leave() }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        reader.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchFailed(description: "kalkyl-bench exited \(process.terminationStatus): \(String(decoding: stderr, as: UTF8.self))")
        }
        let lines = String(decoding: stdout, as: UTF8.self).split(separator: "\n")
        let checked = lines.filter { line in
            ((try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any])?["checked"] as? Bool == true
        }
        guard lines.count == 3, checked.count == 3 else { throw BenchFailed(description: "kalkyl-bench printed: \(lines)") }
        return folder
    }

    static let folder = Result { try written() }

    func model(_ kind: String) throws -> String {
        try Self.folder.get().appendingPathComponent("\(kind)-\(Self.size)/model.kalkyl").path
    }

    /// The rows of a `;`-separated CSV file beside the model, without its header.
    func rows(_ kind: String, _ file: String) throws -> [[String]] {
        let text = try String(contentsOf: Self.folder.get().appendingPathComponent("\(kind)-\(Self.size)/\(file)"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { $0.split(separator: ";").map(String.init) }
    }

    /// `kalkyl eval --format json` of the scenario's model with these what-ifs: its values.
    func values(_ kind: String, _ sets: [String] = []) throws -> [String: Any] {
        let path = try model(kind)
        let check = try KalkylBinary.run(["check", path])
        #expect(check.status == 0, "\(check.stderr)")
        let run = try KalkylBinary.run(["eval", path, "--format", "json"] + sets.flatMap { ["--set", $0] })
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        return try #require(object["values"] as? [String: Any])
    }

    @Test func headlineSingleEdit() throws {
        let a = try rows("headline", "rows.csv").map { try #require(Double($0[1])) }
        #expect(a == (1...Self.size).map(Double.init))
        for (edit, sets) in [(nil, []), (Self.size / 2, ["a[r\(Self.size / 2)]=42"])] as [(Int?, [String])] {
            var inputs = a
            if let edit { inputs[edit - 1] = 42 }
            let values = try values("headline", sets)
            let b = try #require(values["b"] as? [String: Double])
            #expect(b.count == Self.size)
            for (i, x) in inputs.enumerated() { #expect(b["r\(i + 1)"] == 2 * x) }
            #expect(values["c1"] as? Double == inputs.reduce(0) { $0 + 2 * $1 })
        }
    }

    @Test func chain() throws {
        let offsets = try rows("chain", "chains.csv").map { try #require(Int($0[1])) }
        #expect(offsets == [0, 2_000])
        for seed in [1, 2] {
            let values = try values("chain", seed == 1 ? [] : ["seed=2"])
            let a = try #require(values["a"] as? [String: [Double]])
            for (k, offset) in offsets.enumerated() {
                let months = try #require(a["c\(k + 1)"])
                #expect(months == (0..<2_000).map { Double(seed + offset + $0) })
            }
            // formualizer's A_N: N at seed 1, N + 1 after its edit.
            #expect(a["c2"]?.last == Double(Self.size + seed - 1))
        }
    }

    @Test func sumifsFactTable() throws {
        let facts = try rows("sumifs", "facts.csv")
        let lines = try rows("sumifs", "report.csv")
        #expect(facts.count == Self.size && lines.count == Self.size / 100)
        let editedFact = Self.size * 54_319 / 100_000   // formualizer's Facts!D54321 at 100,000
        for edited in [false, true] {
            var facts = facts, lines = lines
            if edited {
                facts[editedFact][4] = "99"
                lines[0][1] = "West"
            }
            let values = try values("sumifs", edited ? ["qty[f\(editedFact + 2)]=99", "line_region[r2]=\"West\""] : [])
            let revenue = try #require(values["revenue"] as? [String: Double])
            for f in facts { #expect(revenue[f[0]] == Double(f[4])! * Double(f[5])!) }
            let report = try #require(values["line_revenue"] as? [String: Double])
            #expect(report.count == lines.count)
            for line in lines {
                let sum = facts.filter { $0[1] == line[1] && $0[2] == line[2] && $0[3] == line[3] }
                    .reduce(0.0) { $0 + Double($1[4])! * Double($1[5])! }
                #expect(report[line[0]] == sum, "\(line)")
            }
        }
    }
}
