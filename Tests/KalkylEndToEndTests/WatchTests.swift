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
        let (path, folder) = try modelWithData(model, ["budget.csv": "enhet;belopp\nDatacenter;1 000\nNätverk;2 000\nMT;500\n"])
        let csv = folder.appendingPathComponent("budget.csv").path
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

    /// A new model reading data files: its path, and the folder `data` beside it holding these
    /// files.
    func modelWithData(_ text: String, _ files: [String: String]) throws -> (path: String, data: URL) {
        let path = try KalkylBinary.temporaryModel(text)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("data")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return (path, folder)
    }

    static let months = (1...12).map { String(format: "2024%02d", $0) }.joined(separator: ";")

    /// Issue 10: the periodisation key of `spread by "FILE"` is watched (and named in the
    /// header): saving it recomputes, as saving the amounts does.
    @Test func savingASpreadKeyFileRecomputes() throws {
        let (path, folder) = try modelWithData("""
        timeline monthly 2024-01 .. 2024-12
        dimension enhet = A
        input b[enhet, month] = data "data/d.csv" key enhet column belopp spread by "data/k.csv" key enhet
        """, ["d.csv": "enhet;belopp\nA;1200\n", "k.csv": "enhet;\(Self.months)\nA;1;1;1;1;1;1;1;1;1;1;1;1\n"])
        let text = try watch(path, saves: [
            { try "enhet;\(Self.months)\nA;13;1;1;1;1;1;1;1;1;1;1;1\n".write(to: folder.appendingPathComponent("k.csv"), atomically: true, encoding: .utf8) },
        ])
        #expect(text.contains("watching \(path) (and data/d.csv, data/k.csv): 1 definitions"), "\(text)")
        #expect(text.contains("12 cells changed"), "\(text)")
        #expect(text.contains("b[A, 2024-01]  100 → 650  (+550)"), "\(text)")
    }

    /// Issue 10: the mapping file of `parent … from "FILE"` is watched: moving an account to
    /// another line in it moves its amount in watch's totals too (before: 200 and 100 stayed
    /// Personal's and Intäkter's).
    @Test func savingAParentMappingFileRecomputes() throws {
        let (path, folder) = try modelWithData("""
        timeline monthly 2024-01 .. 2024-01
        dimension rad = Intäkter, Personal
        dimension konto in rad from "data/konto.csv" key Konto parent Rad from "data/rader.csv" key Konto
        input belopp[konto]: kr = 100
        per_rad[rad]: kr = SUM(belopp[konto])
        """, ["konto.csv": "Konto\n3110\n5010\n7010\n",
              "rader.csv": "Konto;Rad\n3000..3999;Intäkter\n5000..7999;Personal\n"])
        let text = try watch(path, saves: [
            { try "Konto;Rad\n3000..3999;Intäkter\n7000..7999;Intäkter\n5000..6999;Personal\n"
                .write(to: folder.appendingPathComponent("rader.csv"), atomically: true, encoding: .utf8) },
        ])
        #expect(text.contains("watching \(path) (and data/konto.csv, data/rader.csv):"), "\(text)")
        // New parents are new dimensions: all of it is computed again, but only the two lines
        // that changed are listed (every cell was listed as new, the accounts' too).
        #expect(text.contains("2 cells changed, 5 recomputed (a new timeline or dimensions: all of it)"), "\(text)")
        #expect(text.contains("  per_rad[Intäkter]  100 kr → 200 kr  (+100 kr)\n  per_rad[Personal]  200 kr → 100 kr  (-100 kr)"), "\(text)")
        #expect(!text.contains("(new)") && !text.contains("belopp["), "\(text)")
    }

    /// Issue 10: a data statement saved before its file exists is an error; the file it names
    /// is watched from then on, so creating it is a save that loads the model.
    @Test func aDataFileMadeAfterTheStatementIsPickedUp() throws {
        let model = "timeline monthly 2021-01 .. 2021-01\ndimension unit = A, B\ninput a[unit] = 1\n"
        let (path, folder) = try modelWithData(model, [:])
        let text = try watch(path, saves: [
            { try (model + "input extra[unit] = data \"data/extra.csv\" key unit column v\n").write(toFile: path, atomically: true, encoding: .utf8) },
            { try "unit;v\nA;5\nB;7\n".write(to: folder.appendingPathComponent("extra.csv"), atomically: true, encoding: .utf8) },
        ])
        #expect(text.contains("has errors; keeping the last good values"), "\(text)")
        #expect(text.contains("2 cells changed"), "\(text)")
        #expect(text.contains("extra[B]  (new) → 7"), "\(text)")
    }

    /// Issue 10 (the differential review): a save whose writer paused half-way was read then,
    /// reported, and reverted when the write ended. Now a file written to and not closed is
    /// waited for, and a save begun while the last one was read is read again.
    @Test func aHalfWrittenSaveIsNotReported() throws {
        let model = "timeline monthly 2021-01 .. 2021-03\ninput salary = 40_000\ninput staff[month] = 10\ncost[month] = staff * salary\n"
        let path = try KalkylBinary.temporaryModel(model)
        let text = try watch(path, saves: [
            {
                try model.replacingOccurrences(of: "40_000", with: "41_000").write(toFile: path, atomically: true, encoding: .utf8)
                usleep(10_000)
                // The next save, written in two halves half a second apart: "… salary = 4", then the rest.
                let next = Data(model.replacingOccurrences(of: "40_000", with: "42_000").utf8)
                let cut = try #require(next.firstRange(of: Data("= 4".utf8))).upperBound
                let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
                try handle.truncate(atOffset: 0)
                try handle.write(contentsOf: next[..<cut])
                usleep(600_000)
                try handle.write(contentsOf: next[cut...])
                try handle.close()
            },
            { try model.replacingOccurrences(of: "40_000", with: "43_000").write(toFile: path, atomically: true, encoding: .utf8) },
        ])
        #expect(text.contains(" → 42 000  (+"), "\(text)")
        #expect(!text.contains("→ 4  ("), "the half save was reported: \(text)")
        #expect(!text.contains("removed") && !text.contains("has errors"), "\(text)")
    }

    /// Issue 10: a data statement naming a file in folders that are not there yet: the nearest
    /// folder that is is watched, so making the folders and the file is a save (it was seen
    /// only after the model was saved again).
    @Test func aDataFileInAFolderMadeLaterIsPickedUp() throws {
        let model = "timeline monthly 2021-01 .. 2021-01\ndimension unit = A, B\ninput a[unit] = 1\n"
        let path = try KalkylBinary.temporaryModel(model)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("fresh/deeper")
        let text = try watch(path, saves: [
            { try (model + "input extra[unit] = data \"fresh/deeper/extra.csv\" key unit column v\n").write(toFile: path, atomically: true, encoding: .utf8) },
            {
                try FileManager.default.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: false)
                usleep(100_000)
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
                try "unit;v\nA;5\nB;7\n".write(to: folder.appendingPathComponent("extra.csv"), atomically: true, encoding: .utf8)
            },
        ])
        #expect(text.contains("has errors; keeping the last good values"), "\(text)")
        #expect(text.contains("2 cells changed"), "\(text)")
        #expect(text.contains("extra[B]  (new) → 7"), "\(text)")
    }

    /// Issue 10: a text with a line break is shown escaped, on one line, as JSON writes it (it
    /// broke watch's lines).
    @Test func aTextWithALineBreakStaysOnItsLine() throws {
        let (path, folder) = try modelWithData("""
        timeline monthly 2021-01 .. 2021-01
        dimension k from "data/t.csv" key k
        input t[k] = column t
        """, ["t.csv": "k;t\nA;\"rad ett\nrad två\"\n"])
        let text = try watch(path, saves: [
            { try "k;t\nA;\"rad ett\nrad tre\"\n".write(to: folder.appendingPathComponent("t.csv"), atomically: true, encoding: .utf8) },
        ])
        #expect(text.contains("1 cell changed"), "\(text)")
        #expect(text.contains("\n  t[A]  \"rad ett\\nrad två\" → \"rad ett\\nrad tre\"\n    from data/t.csv:2:3 (t)"), "\(text)")
    }

    /// Issue 10: a removed definition is reported with its cells, and one added back lists
    /// every cell as new, also those that are 0.
    @Test func removedAndReAddedDefinitionsAreReported() throws {
        let model = "timeline monthly 2021-01 .. 2021-02\ninput a[month] = 1\ninput zero[month] = 0\nsum = SUM(a)\n"
        let path = try KalkylBinary.temporaryModel(model)
        let save = { (text: String) in { try text.write(toFile: path, atomically: true, encoding: .utf8) } }
        let text = try watch(path, saves: [save(model.replacingOccurrences(of: "input zero[month] = 0\n", with: "")), save(model)])
        #expect(text.contains("] no value changed, 0 recomputed in "), "\(text)")
        #expect(text.contains(" ms; 1 definition removed\n  zero  removed (2 cells)\n"), "\(text)")
        #expect(text.contains("2 cells changed, 2 recomputed in "), "\(text)")
        #expect(text.contains("  zero[2021-01]  (new) → 0\n    from \(path):3:7: input zero[month] = 0\n  zero[2021-02]  (new) → 0\n"), "\(text)")
    }

    /// Issue 10 (the review of 2e0f8bf): a definition saved over other dimensions with as many
    /// members has new cells, not changed ones: `x[N]  5 → 7` was printed, and x[N] never was 5.
    @Test func aDefinitionOverOtherDimensionsHasNewCells() throws {
        let model = "timeline monthly 2021-01 .. 2021-01\ndimension dept = A, B, C\ndimension region = N, S, W\ninput x[dept] = 5\n"
        let path = try KalkylBinary.temporaryModel(model)
        let text = try watch(path, saves: [
            { try model.replacingOccurrences(of: "x[dept] = 5", with: "x[region] = 7").write(toFile: path, atomically: true, encoding: .utf8) },
        ])
        #expect(text.contains("  x[N]  (new) → 7\n"), "\(text)")
        #expect(!text.contains("5 → 7"), "\(text)")
    }

    /// Issue 10: after a timeline change, a new month's cells rank by their value as other
    /// changes do. They ranked first, whatever their value, so with `--limit 3` the five new
    /// cells of 1 hid the total that moved by 5 ("… and 3 more").
    @Test func newCellsRankByTheirValueAmongTheChanges() throws {
        let model = "timeline monthly 2021-01 .. 2021-03\ndimension unit = A, B, C, D, E\ninput x[unit, month] = 1\ntotal = SUM(x[unit])\n"
        let path = try KalkylBinary.temporaryModel(model)
        let watch = try WatchProcess(path, ["--limit", "3"])
        let started = watch.waitFor("Ctrl-C to stop")
        try model.replacingOccurrences(of: "2021-03", with: "2021-04").write(toFile: path, atomically: true, encoding: .utf8)
        let reported = watch.waitFor("… and 3 more")
        let text = watch.stop()
        #expect(started && reported, "\(text)")
        #expect(text.contains("6 cells changed, 21 recomputed (a new timeline or dimensions: all of it) in "), "\(text)")
        #expect(text.contains(" ms\n  total          15 → 20  (+5)\n  x[A, 2021-04]  (new) → 1\n"), "\(text)")
        #expect(text.contains("\n  x[B, 2021-04]  (new) → 1\n"), "\(text)")
    }

    /// Issue 10: a cell a save removed is listed, as a change to 0 ranks: a member's row
    /// deleted from the data file, a member taken out of a dimension. Only the totals that
    /// moved were listed (`total  3 → 1`), and the cell that took them there was not.
    @Test func removedCellsAreListed() throws {
        let model = """
        timeline monthly 2021-01 .. 2021-01
        dimension k from "data/v.csv" key k
        dimension unit = P, Q, R
        input v[k] = column v
        input x[unit] = 10
        input x[R] = 30
        total = SUM(v[k])
        sum = SUM(x[unit])
        """
        let (path, folder) = try modelWithData(model, ["v.csv": "k;v\nA;1\nB;2\n"])
        let text = try watch(path, saves: [
            { try "k;v\nA;1\n".write(to: folder.appendingPathComponent("v.csv"), atomically: true, encoding: .utf8) },
            { try model.replacingOccurrences(of: "P, Q, R", with: "P, R").write(toFile: path, atomically: true, encoding: .utf8) },
        ])
        // Equal changes in the model's order: v before total, x before sum.
        #expect(text.contains(" 2 cells changed, 6 recomputed (a new timeline or dimensions: all of it) in "), "\(text)")
        #expect(text.contains(" ms\n  v[B]   2 → (removed)\n  total  3 → 1  (-2)\n"), "\(text)")
        #expect(text.contains(" 2 cells changed, 5 recomputed (a new timeline or dimensions: all of it) in "), "\(text)")
        #expect(text.contains(" ms\n  x[Q]  10 → (removed)\n  sum   50 → 40  (-10)"), "\(text)")
    }
}
