import Foundation
import Testing

/// `kalkyl watch` on the real binary: a save is noticed, only what it reached is recomputed,
/// and a save with errors keeps the last good values.
@Suite struct WatchTests {
    /// Runs `kalkyl watch` on the model, makes each save a second apart once it is watching,
    /// and returns what it printed once it has reported that many updates (or after 20 s).
    func watch(_ path: String, _ options: [String] = [], saves: [() throws -> Void]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: KalkylBinary.path)
        process.arguments = ["watch", path, "--max-updates", String(saves.count)] + options
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        for save in saves {
            Thread.sleep(forTimeInterval: 1.0)
            try save()
        }
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate() }
        return String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    @Test func savesAreNoticedAndReported() throws {
        let model = """
        timeline monthly 2021-01 .. 2021-03
        input salary = 40_000
        input staff[month] = 10
        cost[month] = staff * salary
        total = SUM(cost)
        """
        let path = try KalkylBinary.temporaryModel(model)
        let text = try watch(path, saves: [
            { try model.replacingOccurrences(of: "40_000", with: "41_000").write(toFile: path, atomically: true, encoding: .utf8) },
            { try (model + "\nbroken = nope\n").write(toFile: path, atomically: false, encoding: .utf8) },
        ])
        #expect(text.contains("watching \(path): 4 definitions, 8 cells"), "\(text)")
        #expect(text.contains("5 cells changed, 5 recomputed"), "\(text)")
        #expect(text.contains("total          1 200 000 → 1 230 000  (+30 000)"), "\(text)")
        // An input changed: where its value now comes from, under it; a formula's cell has none.
        #expect(text.contains("(+1 000)\n    from \(path):2:7: input salary = 41_000\n"), "\(text)")
        #expect(!text.contains("(+30 000)\n    from"), "\(text)")
        #expect(text.contains("error: unknown name 'nope'"), "\(text)")
        #expect(text.contains("has errors; keeping the last good values"), "\(text)")
    }

    /// A controller saves the ERP export again: the figures read from it are recomputed, and
    /// a broken cell in it keeps the last good values, as a broken model does.
    @Test func savingADataFileRecomputes() throws {
        let model = """
        timeline monthly 2021-01 .. 2021-02
        dimension unit from "data/budget.csv" key enhet
        input budget[unit] = column belopp
        total = SUM(budget[unit])
        """
        let path = try KalkylBinary.temporaryModel(model)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("data")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let csv = folder.appendingPathComponent("budget.csv").path
        try "enhet;belopp\nDatacenter;1 000\nNätverk;2 000\nMT;500\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let text = try watch(path, saves: [
            { try "enhet;belopp\nDatacenter;1 500\nNätverk;2 000\nMT;500\n".write(toFile: csv, atomically: true, encoding: .utf8) },
            { try "enhet;belopp\nDatacenter;femton\nNätverk;2 000\nMT;500\n".write(toFile: csv, atomically: false, encoding: .utf8) },
        ])
        #expect(text.contains("watching \(path) (and data/budget.csv): 2 definitions"), "\(text)")
        #expect(text.contains("2 cells changed"), "\(text)")
        #expect(text.contains("total               3 500 → 4 000  (+500)"), "\(text)")
        // The changed figure names the file's cell it was read from, as explain does.
        #expect(text.contains("  budget[Datacenter]  1 000 → 1 500  (+500)\n    from data/budget.csv:2:12 (belopp)"), "\(text)")
        #expect(text.contains("budget.csv:2:12: error:"), "\(text)")
        #expect(text.contains("has errors; keeping the last good values"), "\(text)")
    }

    /// Issue 10: an input over two lines whose second line is saved changed shows the value a
    /// fresh load computes (60), not the one before (30).
    @Test func anEditOnADefinitionsSecondLineIsSeen() throws {
        let model = "timeline monthly 2021-01 .. 2021-02\ninput total = SUM(10,\n  20)\n"
        let path = try KalkylBinary.temporaryModel(model)
        let text = try watch(path, saves: [
            { try model.replacingOccurrences(of: "  20)", with: "  50)").write(toFile: path, atomically: true, encoding: .utf8) },
        ])
        #expect(text.contains("1 cell changed"), "\(text)")
        #expect(text.contains("total  30 → 60  (+30)"), "\(text)")
    }

    /// Issue 10 (a differential review of watch): a save in which the scenario followed is
    /// missing (renamed by a typo, commented out, read mid-write) is an error that keeps the
    /// last good values, and the scenario stays followed: once it is back, an edit shows the
    /// scenario's values, not the base's.
    @Test func aSaveWithoutTheScenarioIsAnErrorAndTheScenarioStays() throws {
        let model = """
        timeline monthly 2021-01 .. 2021-02
        input stop = 0
        hires[month] = IF(stop = 1, 0, 2)
        scenario hiring_stop "Stop" {
          stop = 1
        }
        """
        let path = try KalkylBinary.temporaryModel(model)
        let save = { (text: String) in { try text.write(toFile: path, atomically: true, encoding: .utf8) } }
        let text = try watch(path, ["--scenario", "hiring_stop"], saves: [
            save(model.replacingOccurrences(of: "scenario hiring_stop", with: "scenario hiring_stp")),
            save(model),
            save(""),
            save(model.replacingOccurrences(of: "0, 2)", with: "0, 3)")),
        ])
        #expect(text.contains("kalkyl watch: error: unknown scenario 'hiring_stop'; did you mean 'hiring_stp'? the model has: base, hiring_stp\n"), "\(text)")
        #expect(text.components(separatedBy: "has errors; keeping the last good values").count == 3, "\(text)")
        // hires is 0 in the scenario whatever the base's figure: nothing changes, ever.
        #expect(!text.contains("hires["), "\(text)")
        #expect(text.components(separatedBy: "no value changed").count == 3, "\(text)")
    }

    /// Issue 10: a negative --limit is wrong usage (exit 2), not a crash at the first save.
    @Test func aNegativeLimitIsWrongUsage() throws {
        let path = try KalkylBinary.temporaryModel("input a = 1\n")
        let run = try KalkylBinary.run(["watch", path, "--limit=-1"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("--limit is how many changed cells to list: 0 or more"), "\(run.stderr)")
    }
}
