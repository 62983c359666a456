import Foundation
import KalkylXLSX
import Testing

/// `kalkyl export` as a user runs it: the real binary, its exit codes and messages, and the
/// promises about the file: reproducible, and never half-written.
@Suite struct ExportCommandTests {
    static var binary: String {
        for configuration in ["debug", "release"] {
            let candidate = repositoryRoot.appendingPathComponent(".build/\(configuration)/kalkyl").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return repositoryRoot.appendingPathComponent(".build/debug/kalkyl").path
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func kalkyl(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        #expect(FileManager.default.isExecutableFile(atPath: binary), "build kalkyl first: swift build (make test does)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "SOURCE_DATE_EPOCH")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = LibreOffice.Drain(out.fileHandleForReading)
        let stderr = LibreOffice.Drain(err.fileHandleForReading)
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: stdout.text(), stderr: stderr.text())
    }

    static let example = "formulas/lansteknik-2021.kalkyl"

    @Test func writesTheBoardPackAndSaysWhere() throws {
        let scratch = try Scratch()
        let out = scratch.path("board-pack.xlsx")
        let run = try Self.kalkyl(["export", Self.example, "-o", out, "--scenario", "hiring_stop"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("wrote \(out): Cover, Report, Inputs, Calc, Inputs hiring_stop, Calc hiring_stop, Comparison"))
        #expect(run.stderr.isEmpty, "no progress bar when stderr is not a terminal: \(run.stderr)")
        let workbook = try ExportedWorkbook(URL(fileURLWithPath: out))
        #expect(workbook.sheets == ["Cover", "Report", "Inputs", "Calc", "Inputs hiring_stop", "Calc hiring_stop", "Comparison"])
        #expect(workbook.definedNames["employees_start"] == "Inputs!$D$4")
        #expect(workbook.definedNames["hiring_stop.hiring_stop"] == "'Inputs hiring_stop'!$D$9")
        #expect(try scratch.listing() == ["board-pack.xlsx"], "no temporary file is left behind")
    }

    @Test func theSameModelGivesTheSameBytes() throws {
        let scratch = try Scratch()
        for name in ["one.xlsx", "two.xlsx"] {
            let run = try Self.kalkyl(["export", Self.example, "-o", scratch.path(name), "--scenario", "hiring_stop"])
            #expect(run.status == 0, "\(run.stderr)")
            Thread.sleep(forTimeInterval: 1.1)   // a clock in the file would now differ
        }
        let one = try #require(FileManager.default.contents(atPath: scratch.path("one.xlsx")))
        let two = try #require(FileManager.default.contents(atPath: scratch.path("two.xlsx")))
        #expect(one.count > 10_000)
        #expect(one == two)

        // --now stamps the time, in the properties and on the cover.
        let run = try Self.kalkyl(["export", Self.example, "-o", scratch.path("now.xlsx"), "--scenario", "hiring_stop", "--now"])
        #expect(run.status == 0)
        let now = try #require(FileManager.default.contents(atPath: scratch.path("now.xlsx")))
        #expect(now != one)
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        #expect(try ExportedWorkbook.unzip(URL(fileURLWithPath: scratch.path("now.xlsx")), "docProps/core.xml").contains("\(year)-"))
    }

    @Test func theCoverCarriesTheModelsHash() throws {
        let scratch = try Scratch()
        let out = scratch.path("pack.xlsx")
        #expect(try Self.kalkyl(["export", Self.example, "-o", out]).status == 0)
        let bytes = try Data(contentsOf: repositoryRoot.appendingPathComponent(Self.example))
        let strings = try ExportFeatureTests.sharedStrings(try ExportedWorkbook(URL(fileURLWithPath: out)))
        #expect(strings.contains(SHA256.hex(bytes)))
        #expect(strings.contains("lansteknik-2021.kalkyl"))
        #expect(strings.contains { $0.hasPrefix("Kalkyl ") }, "the version that made it")
    }

    @Test func wrongUsageIsExitTwo() throws {
        let scratch = try Scratch()
        let out = scratch.path("x.xlsx")
        let unknown = try Self.kalkyl(["export", Self.example, "-o", out, "--scenario", "hiring_stp"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown scenario 'hiring_stp'; did you mean 'hiring_stop'?"))
        let badLayout = scratch.path("bad.layout")
        try "sheet \"R\"\ncolumns value\nrow employes\n".write(toFile: badLayout, atomically: true, encoding: .utf8)
        let layout = try Self.kalkyl(["export", Self.example, "-o", out, "--layout", badLayout])
        #expect(layout.status == 2)
        #expect(layout.stderr.contains("bad.layout:3:5: error: the model has no definition 'employes'"), "\(layout.stderr)")
        try FileManager.default.removeItem(atPath: badLayout)
        let noOutput = try Self.kalkyl(["export", Self.example])
        #expect(noOutput.status == 2)
        #expect(noOutput.stderr.contains("--output"))
        let badSet = try Self.kalkyl(["export", Self.example, "-o", out, "--set", "nonsense[2021-04]=1"])
        #expect(badSet.status == 2)
        #expect(try scratch.listing().isEmpty)
    }

    @Test func aModelWithErrorsIsExitOneAndWritesNothing() throws {
        let scratch = try Scratch()
        try "model \"x\"\ny = missing + 1\n".write(toFile: scratch.path("bad.kalkyl"), atomically: true, encoding: .utf8)
        let run = try Self.kalkyl(["export", scratch.path("bad.kalkyl"), "-o", scratch.path("x.xlsx")])
        #expect(run.status == 1)
        #expect(run.stderr.contains("unknown name 'missing'"))
        #expect(try scratch.listing() == ["bad.kalkyl"])
    }

    @Test func aFileThatCannotBeWrittenIsExitThree() throws {
        let scratch = try Scratch()
        let run = try Self.kalkyl(["export", Self.example, "-o", scratch.path("no/such/folder/pack.xlsx")])
        #expect(run.status == 3)
        #expect(run.stderr.contains("kalkyl export: error: could not write \(scratch.path("no/such/folder/pack.xlsx"))"))
        #expect(run.stderr.contains("No such file or directory"))
        let missing = try Self.kalkyl(["export", scratch.path("absent.kalkyl"), "-o", scratch.path("x.xlsx")])
        #expect(missing.status == 3)
        #expect(missing.stderr.contains("no such file"))
    }

    /// An export that fails while the workbook is being built — here a formula longer than
    /// Excel's 8,192 characters — leaves an existing file exactly as it was, and no litter.
    @Test func aFailedExportLeavesTheOldFileUntouched() throws {
        let scratch = try Scratch()
        let out = scratch.path("pack.xlsx")
        let old = Data("the board pack from last month".utf8)
        try old.write(to: URL(fileURLWithPath: out))
        let terms = Array(repeating: "payroll_overhead_rate", count: 500).joined(separator: " + ")
        try "model \"long\"\ninput payroll_overhead_rate = 1\ntotal = \(terms)\n"
            .write(toFile: scratch.path("long.kalkyl"), atomically: true, encoding: .utf8)
        let run = try Self.kalkyl(["export", scratch.path("long.kalkyl"), "-o", out])
        #expect(run.status == 1)
        #expect(run.stderr.contains("a formula must have 1 to 8192 characters"))
        #expect(FileManager.default.contents(atPath: out) == old)
        #expect(try scratch.listing() == ["long.kalkyl", "pack.xlsx"])

        // A target that is a folder cannot be replaced: exit 3, the folder as it was.
        try FileManager.default.createDirectory(atPath: scratch.path("folder.xlsx"), withIntermediateDirectories: false)
        let folder = try Self.kalkyl(["export", Self.example, "-o", scratch.path("folder.xlsx")])
        #expect(folder.status == 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path("folder.xlsx")).isEmpty)
        #expect(try scratch.listing() == ["folder.xlsx", "long.kalkyl", "pack.xlsx"])
    }

    @Test func whatIfsReachEveryScenarioAndAreNamedOnTheCover() throws {
        let scratch = try Scratch()
        let path = repositoryRoot.appendingPathComponent(Self.example).path
        let exported = try ExportedModel.make(path: path, whatIfs: ["planned_hires[2021-06..2021-09]=3", "avg_salary=38000"],
                                              output: scratch.path("whatif.xlsx"))
        try expectFaithful(exported)
        let strings = try ExportFeatureTests.sharedStrings(exported.workbook)
        #expect(strings.contains("planned_hires[2021-06..2021-09]=3"))
        let inputs = try exported.workbook.cells(of: "Inputs")
        #expect(inputs.contains { $0.address == "D10" && $0.value == "38000" }, "the what-if's value is on the Inputs sheet")
    }
}
