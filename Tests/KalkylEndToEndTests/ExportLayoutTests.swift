import Foundation
import Testing

/// `kalkyl export --layout`: the board pack as a controller makes it, and a layout with a mistake
/// or none at all, as the command line reports them.
@Suite struct ExportLayoutTests {
    static let model = "formulas/lansteknik-2021.kalkyl"

    func output() throws -> (folder: URL, path: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kalkyl-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (folder, folder.appendingPathComponent("board-pack.xlsx").path)
    }

    @Test func theExampleLayoutMakesTheBoardPack() throws {
        let (folder, out) = try output()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try KalkylBinary.run(["export", Self.model, "--layout", "workbooks/lansteknik-2021.layout", "-o", out])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("wrote \(out): Cover, Resultat, Personal, Nyckeltal, Inputs, Calc, Inputs hiring_stop, Calc hiring_stop, Comparison ("),
                "the layout's scenario is exported without --scenario: \(run.stdout)")
        #expect(run.stderr.isEmpty)
        #expect(FileManager.default.fileExists(atPath: out))
    }

    @Test func aLayoutWithAMistakeIsWrongUsageWithTheDiagnostic() throws {
        let (folder, out) = try output()
        defer { try? FileManager.default.removeItem(at: folder) }
        let layout = try KalkylBinary.temporaryModel("""
            sheet "Resultat"
            columns "Utfall" = ytd
            row personel_cost cost

            """, name: "bad.layout")
        try Data("an older file".utf8).write(to: URL(fileURLWithPath: out))
        let run = try KalkylBinary.run(["export", Self.model, "--layout", layout, "-o", out])
        #expect(run.status == 2)
        #expect(run.stderr == """
            \(layout):3:5: error: the model has no definition 'personel_cost'
            row personel_cost cost
                ^~~~~~~~~~~~~
              hint: did you mean 'personnel_cost'?

            """, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "an older file", "nothing is written")
    }

    @Test func aLayoutThatCannotBeReadIsExit3() throws {
        let (folder, out) = try output()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try KalkylBinary.run(["export", Self.model, "--layout", "workbooks/no-such.layout", "-o", out])
        #expect(run.status == 3)
        #expect(run.stderr.contains("workbooks/no-such.layout: no such file"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}

/// A layout file that is not UTF-8 is an error at the byte, and nothing is written (issue 10).
@Suite struct LayoutEncodingTests {
    @Test func aLayoutWithAWindows1252LetterIsAnErrorWhereItStands() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kalkyl-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("board-pack.xlsx").path
        let layout = folder.appendingPathComponent("bad.layout").path
        try (Data("sheet \"Resultat\"\ncolumns \"Utfall\" = ytd\nsheet \"Nyckeltal och ".utf8) + Data([0xF6]) + Data("vrigt\"\n".utf8))
            .write(to: URL(fileURLWithPath: layout))
        let run = try KalkylBinary.run(["export", ExportLayoutTests.model, "--layout", layout, "-o", out])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("\(layout):3:22: error: this file is not UTF-8 text (byte 0xF6)"), "\(run.stderr)")
        #expect(run.stderr.contains("hint: save the layout as UTF-8"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out), "nothing is written")
    }
}
