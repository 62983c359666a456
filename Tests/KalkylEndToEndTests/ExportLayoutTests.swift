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
        #expect(run.stderr.contains("workbooks/no-such.layout: cannot be read"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
