import Foundation
import Testing

/// Ctrl-C, SIGTERM and `--time-limit` stop a long run at once and leave every output file as it
/// was (docs/cli.md, "Stopping"): the real binary on a big generated model.
@Suite struct InterruptTests {
    /// 40,000 members over twelve months and three definitions: 1.4 million cells, whose export
    /// writes for tens of seconds in a debug build.
    static let bigModel = "timeline monthly 2021-01 .. 2021-12\ndimension d = "
        + (0..<40_000).map { "M\($0)" }.joined(separator: ", ")
        + "\ninput a[d, month]: kr = 1\nb[d, month]: kr = a * 2\nc[d, month]: kr = b + a\n"

    /// A chain of 100,000 definitions: checking it takes seconds in a debug build.
    static let longChain = "input a0 = 1\n" + (1...100_000).map { "a\($0) = a\($0 - 1) + 1\n" }.joined()

    /// A fresh folder with the model and last month's board pack.
    func folder(model: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kalkyl-stop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(model.utf8).write(to: folder.appendingPathComponent("model.kalkyl"))
        try Data("the board pack from last month".utf8).write(to: folder.appendingPathComponent("pack.xlsx"))
        return folder
    }

    func listing(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test("Ctrl-C while the workbook is being written: exit 130, the old pack as it was, no temporary file",
          arguments: [SIGINT, SIGTERM])
    func signalDuringExport(signal: Int32) throws {
        let folder = try folder(model: Self.bigModel)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.path
        // Sent once the temporary file exists: the workbook is being written.
        let run = try KalkylBinary.run(["export", "model.kalkyl", "-o", "pack.xlsx"], in: folder, signal: signal, timeout: 600) {
            ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).contains { $0.hasPrefix(".pack.xlsx.tmp-") }
        }
        #expect(run.status == 128 + signal, "\(run.stderr.suffix(300))")
        #expect(!run.crashed)
        #expect(run.stderr.hasSuffix("kalkyl: interrupted; every output file is as it was\n"))
        #expect(try String(contentsOf: folder.appendingPathComponent("pack.xlsx"), encoding: .utf8) == "the board pack from last month")
        let left = try listing(folder)
        #expect(left == ["model.kalkyl", "pack.xlsx"], "no temporary file is left: \(left)")
    }

    @Test func aTimeLimitStopsAnExport() throws {
        let folder = try folder(model: Self.bigModel)
        defer { try? FileManager.default.removeItem(at: folder) }
        let started = Date()
        let run = try KalkylBinary.run(["export", "model.kalkyl", "-o", "pack.xlsx", "--time-limit", "2"], in: folder, timeout: 600)
        #expect(run.status == 124, "\(run.stderr.suffix(300))")
        #expect(run.stderr.hasSuffix("kalkyl: stopped at the time limit (--time-limit); every output file is as it was\n"))
        #expect(Date().timeIntervalSince(started) < 30, "it stops at the limit, not at the end")
        #expect(try String(contentsOf: folder.appendingPathComponent("pack.xlsx"), encoding: .utf8) == "the board pack from last month")
        #expect(try listing(folder) == ["model.kalkyl", "pack.xlsx"])
    }

    @Test func ctrlCDuringEvaluationPrintsNoValues() throws {
        let folder = try folder(model: Self.longChain)
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try KalkylBinary.run(["eval", "model.kalkyl", "--format", "csv"], in: folder, interruptAfter: 1, timeout: 600)
        #expect(run.status == 130, "\(run.stderr.suffix(300))")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasSuffix("kalkyl: interrupted; every output file is as it was\n"))
    }

    @Test("A time limit stops each command that computes", arguments: ["check", "eval", "explain", "diff"])
    func aTimeLimitStops(command: String) throws {
        let folder = try folder(model: Self.longChain + "scenario s \"S\" {\n  a0 = 2\n}\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let rest: [String] = switch command {
        case "explain": ["a100000"]
        case "diff": ["--scenario", "s"]
        default: []
        }
        let started = Date()
        let run = try KalkylBinary.run([command, "model.kalkyl"] + rest + ["--time-limit", "0.5"], in: folder, timeout: 600)
        #expect(run.status == 124, "\(command): \(run.stderr.suffix(300))")
        #expect(run.stdout.isEmpty)
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(try listing(folder) == ["model.kalkyl", "pack.xlsx"])
    }

    @Test("A time limit that is not a number of seconds above 0 is wrong usage", arguments: ["0", "-1", "abc", "inf", "nan"])
    func badTimeLimit(limit: String) throws {
        let folder = try folder(model: "x = 1\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try KalkylBinary.run(["eval", "model.kalkyl", "--time-limit=\(limit)"], in: folder)
        #expect(run.status == 2, "\(limit): \(run.stderr)")
        #expect(run.stderr.contains("--time-limit"))
    }

    @Test func aGenerousTimeLimitChangesNothing() throws {
        let folder = try folder(model: "timeline monthly 2021-01 .. 2021-03\ninput a[month]: kr = 1\nb[month]: kr = a * 2\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let plain = try KalkylBinary.run(["eval", "model.kalkyl", "--format", "csv"], in: folder)
        let limited = try KalkylBinary.run(["eval", "model.kalkyl", "--format", "csv", "--time-limit", "600"], in: folder)
        #expect(limited.status == 0)
        #expect(limited.stdout == plain.stdout)
        #expect(!limited.stdout.isEmpty)
        let export = try KalkylBinary.run(["export", "model.kalkyl", "-o", "pack.xlsx", "--time-limit", "600"], in: folder)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(try Data(contentsOf: folder.appendingPathComponent("pack.xlsx")).starts(with: Data("PK".utf8)))
    }
}
