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

    /// The same ledger from a SIE 4 file in IBM 437, as accounting systems export it: the
    /// cost centres and accounts with the names of its #OBJEKT and #KONTO lines.
    func sieModel() throws -> String {
        let path = try KalkylBinary.temporaryModel("""
            model "Namn"
            timeline monthly 2024-01 .. 2024-02
            dimension ansvar from "gl.se" sie 1
            dimension konto from "gl.se" sie account 3000 .. 8999
            ## Utfall
            input utfall[ansvar, konto, month]: kr = data "gl.se" sie vouchers key 1, account missing 0
            ## Summa per ansvar
            summa[ansvar, month]: kr = SUM(utfall[konto])

            """)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let sie = """
            #FLAGGA 0\r
            #FORMAT PC8\r
            #SIETYP 4\r
            #DIM 1 "Kostnadsställe"\r
            #OBJEKT 1 "411010" "VC Centrum"\r
            #OBJEKT 1 "411020" "VC Norr"\r
            #KONTO 1930 "Företagskonto"\r
            #KONTO 5010 "Lokalhyra"\r
            #KONTO 6110 "Kontorsmaterial"\r
            #VER A 1 20240110 "Hyra januari"\r
            {\r
            #TRANS 5010 {1 "411010"} 60.00\r
            #TRANS 1930 {} -60.00\r
            }\r
            #VER A 2 20240120 "Hyra, tillägg"\r
            {\r
            #TRANS 5010 {1 "411010"} 40.00\r
            #TRANS 1930 {} -40.00\r
            }\r
            #VER B 1 20240205 "Pennor"\r
            {\r
            #TRANS 6110 {1 "411020"} 7.00\r
            #TRANS 1930 {} -7.00\r
            }\r

            """
        // IBM 437, the standard's code page: ä 0x84, å 0x86, ö 0x94.
        let ibm437: [Character: UInt8] = ["ä": 0x84, "å": 0x86, "ö": 0x94]
        let bytes = sie.flatMap { c in ibm437[c].map { [$0] } ?? Array(String(c).utf8) }
        try Data(bytes).write(to: folder.appendingPathComponent("gl.se"))
        return path
    }

    @Test func namesAndVouchersFromASIEFile() throws {
        let path = try sieModel()
        let eval = try KalkylBinary.run(["eval", path, "summa"])
        #expect(eval.status == 0 && eval.stderr.isEmpty, "\(eval.stderr)")
        #expect(eval.stdout.contains("  411010 VC Centrum "), "\(eval.stdout)")
        #expect(eval.stdout.contains("  411020 VC Norr "), "\(eval.stdout)")
        let explain = try KalkylBinary.run(["explain", path, "utfall[411010, 5010, 2024-01]"])
        #expect(explain.status == 0, "\(explain.stderr)")
        #expect(explain.stdout.contains("utfall[411010, 5010, 2024-01] = 100 kr — Utfall · 411010 VC Centrum, 5010 Lokalhyra\n"), "\(explain.stdout)")
        #expect(explain.stdout.contains("""
              the sum of 2 #TRANS lines of gl.se:
                gl.se:12:26  60  voucher A 1 2024-01-10 "Hyra januari"
                gl.se:17:26  40  voucher A 2 2024-01-20 "Hyra, tillägg"

            """), "\(explain.stdout)")
        let json = try KalkylBinary.run(["explain", path, "summa[411020, 2024-02]", "--format", "json"])
        #expect(json.stdout.contains(#""member_names": {"ansvar": "VC Norr"}"#), "\(json.stdout)")
        #expect(json.stdout.contains(#""series": "B", "number": "1", "date": "2024-02-05", "text": "Pennor""#), "\(json.stdout)")
    }
}
