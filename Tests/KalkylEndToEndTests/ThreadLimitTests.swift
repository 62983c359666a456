import Foundation
import Testing

/// A process that may not start threads (a user's process limit, `prlimit --nproc=1`) still
/// finishes, with the same output: libdispatch's `concurrentPerform`, which the parallel parts
/// use, waited and asked again for a thread for ever, so `check` and `eval` of a large model
/// never ended (`ThreadProbe`). The real binary, as the user nobody, whose only process it is.
@Suite struct ThreadLimitTests {
    /// 20,000 employees read from a staff file: a dimension and a key column found on several
    /// threads (`MemberIndex`, `PartitionedKeys`, from 16,384), and blocks of five runs of 4,096
    /// members and SUMs of 20,000 leaves computed on several.
    static let model = """
        timeline monthly 2021-01 .. 2021-12
        dimension employee from "staff.csv" key id
        input salary[employee]: kr = column monthly_salary
        input start[employee] = column start_month
        input month_number[month] = 1
        input month_number[2021-07] = 7
        active[employee, month] = IF(month_number >= start, 1, 0)
        cost[employee, month]: kr = salary * 1.4615 * active
        total[employee]: kr = SUM(cost)
        total_cost[month]: kr = SUM(cost[employee])
        year_cost: kr = SUM(total_cost)

        """

    static let staff = "id;monthly_salary;start_month\n"
        + (0..<20_000).map { "e\($0);\(24_000 + $0 * 7 % 40_000),\($0 % 100);\(1 + $0 % 12)\n" }.joined()

    /// `setpriv` to nobody, then `prlimit --nproc=1`: nobody's one process, this one, may start no
    /// thread. Nil (the test is skipped) unless the tests run as root with both programs.
    static var withoutThreads: [String]? {
        guard geteuid() == 0,
              ["/usr/bin/setpriv", "/usr/bin/prlimit"].allSatisfy(FileManager.default.isExecutableFile(atPath:))
        else { return nil }
        return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "prlimit", "--nproc=1"]
    }

    /// A fresh folder the user nobody can read, with the model, its staff file and a copy of the
    /// binary: the build's own may be in a folder only root can enter (a clone in `mktemp -d`).
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kalkyl-threads-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        chmod(folder.path, 0o755)
        try Data(Self.model.utf8).write(to: folder.appendingPathComponent("model.kalkyl"))
        try Data(Self.staff.utf8).write(to: folder.appendingPathComponent("staff.csv"))
        let copy = folder.appendingPathComponent("kalkyl")
        try FileManager.default.copyItem(atPath: KalkylBinary.path, toPath: copy.path)
        chmod(copy.path, 0o755)
        return folder
    }

    /// `withoutThreads`, then a shell that runs the folder's copy of the binary in place of the
    /// build's, which `KalkylBinary` and `LanguageServerClient` put after the prefix.
    static func limited(in folder: URL) -> [String] {
        (withoutThreads ?? []) + ["/bin/sh", "-c", "shift; exec \"$0\" \"$@\"", folder.appendingPathComponent("kalkyl").path]
    }

    @Test("Under a process limit that allows no thread, each command finishes with the same output",
          .enabled(if: withoutThreads != nil, "needs root, setpriv and prlimit: nobody is run under prlimit --nproc=1"),
          arguments: [["check", "model.kalkyl"], ["eval", "model.kalkyl", "--format", "csv"],
                      ["explain", "model.kalkyl", "total[e19999]"]])
    func finishesWithoutThreads(arguments: [String]) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }

        let free = try KalkylBinary.run(arguments, in: folder, timeout: 300)
        #expect(free.status == 0, "\(free.stderr.suffix(300))")
        let limited = try KalkylBinary.run(arguments, in: folder, prefix: Self.limited(in: folder), timeout: 120)
        #expect(limited.status == 0, "it hung or failed: \(limited.stderr.suffix(300))")
        #expect(limited.stdout == free.stdout)
        #expect(limited.stderr == free.stderr)
    }

    @Test("Under a process limit that allows no thread, the language server answers as it does without",
          .enabled(if: withoutThreads != nil, "needs root, setpriv and prlimit: nobody is run under prlimit --nproc=1"))
    func languageServerAnswersWithoutThreads() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("model.kalkyl")
        // An unknown name, so that a diagnostic is published too.
        let text = Self.model + "broken = total + nothing\n"
        func session(_ prefix: [String]) throws -> (diagnostics: [[String: Any]]?, hover: String, exit: Int32) {
            let client = try LanguageServerClient(prefix: prefix)
            _ = try client.initialize(root: folder)
            try client.open(model.absoluteString, text: text)
            let diagnostics = client.diagnostics(for: model.absoluteString, timeout: 120)
            let hover = try client.result("textDocument/hover", ["textDocument": ["uri": model.absoluteString],
                                                                 "position": position(of: "total[employee]", in: text)]) as? [String: Any]
            let value = ((hover?["contents"] as? [String: Any])?["value"] as? String) ?? ""
            return (diagnostics, value, try client.shutdown())
        }
        let free = try session([])
        let limited = try session(Self.limited(in: folder))
        #expect(free.exit == 0 && limited.exit == 0)
        #expect(free.hover.contains("total"), "\(free.hover)")
        #expect(limited.hover == free.hover)
        let messages = { (d: [[String: Any]]?) in (d ?? []).compactMap { $0["message"] as? String } }
        #expect(!messages(free.diagnostics).isEmpty)
        #expect(messages(limited.diagnostics) == messages(free.diagnostics))
    }
}
