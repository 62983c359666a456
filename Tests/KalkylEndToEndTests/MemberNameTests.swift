import Foundation
import Testing

/// Members with names (`dimension ansvar from "…" key Ansvar name Benämning`): eval and
/// explain show `411010 VC Centrum`, not the bare code, and their JSON carries the names.
@Suite struct MemberNameTests {
    /// A model reading cost centres with their names and a small ledger, in a fresh folder.
    func model() throws -> String {
        let path = try KalkylBinary.temporaryModel("""
            model "Namn"
            timeline monthly 2024-01 .. 2024-02
            dimension ansvar from "ansvar.csv" key Ansvar name Benämning
            dimension konto = "5010", "6110"
            ## Utfall
            input utfall[ansvar, konto, month]: kr = data "gl.csv" long key Ansvar, Konto period Period amount Belopp sum missing 0
            ## Summa per ansvar
            summa[ansvar, month]: kr = SUM(utfall[konto])

            """)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try "Ansvar;Benämning\n411010;VC Centrum\n411020;\n".write(to: folder.appendingPathComponent("ansvar.csv"), atomically: true, encoding: .utf8)
        try "Ansvar;Konto;Period;Belopp\n411010;5010;202401;100\n411020;6110;202402;7\n"
            .write(to: folder.appendingPathComponent("gl.csv"), atomically: true, encoding: .utf8)
        return path
    }

    @Test func evalShowsCodeAndName() throws {
        let run = try KalkylBinary.run(["eval", try model(), "summa"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("  411010 VC Centrum "), "\(run.stdout)")
        // A member whose name cell is empty is shown by its code alone.
        #expect(run.stdout.contains("  411020 "), "\(run.stdout)")
        #expect(!run.stdout.contains("411020 VC"))
    }

    @Test func evalJSONListsTheNames() throws {
        let run = try KalkylBinary.run(["eval", try model(), "summa", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains(#""member_names": {"ansvar": {"411010": "VC Centrum"}}"#), "\(run.stdout)")
        #expect(run.stdout.contains(#""summa": {"411010": [100, 0], "411020": [0, 7]}"#), "the values stay keyed by code: \(run.stdout)")
    }

    @Test func explainShowsCodeAndName() throws {
        let path = try model()
        let run = try KalkylBinary.run(["explain", path, "summa[411010, 2024-01]"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("summa[411010, 2024-01] = 100 kr — Summa per ansvar · 411010 VC Centrum\n"), "\(run.stdout)")
        // In a range, whose line carries the label, each cell gives its members' names.
        #expect(run.stdout.contains("utfall[411010, 5010, 2024-01] = 100 kr — 411010 VC Centrum, 5010\n"), "\(run.stdout)")
        let json = try KalkylBinary.run(["explain", path, "summa[411010, 2024-01]", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        #expect(json.stdout.contains(#""members": {"ansvar": "411010"}, "member_names": {"ansvar": "VC Centrum"}, "label""#), "\(json.stdout)")
    }
}
