import Foundation
import Testing

/// `kalkyl check` on a model reading a SIE 4 file in the standard's code page, IBM 437: a
/// voucher that does not balance is an error at its #VER, quoted as the file's letters read.
@Suite struct SIECommandTests {
    @Test func aVoucherThatDoesNotBalanceFailsTheCheck() throws {
        let path = try KalkylBinary.temporaryModel("""
            model "SIE"
            timeline monthly 2024-01 .. 2024-12
            dimension ansvar from "gl.se" sie 1
            dimension konto from "gl.se" sie account 3000 .. 8999
            input utfall[ansvar, konto, month]: kr = data "gl.se" sie vouchers key 1, account missing 0

            """)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let sie = "#FORMAT PC8\r\n#SIETYP 4\r\n#DIM 1 \"Kostnadsställe\"\r\n#OBJEKT 1 \"521020\" \"MT Service Söder\"\r\n"
            + "#KONTO 1930 \"Företagskonto\"\r\n#KONTO 5010 \"Löner\"\r\n"
            + "#VER A 7 20240125 \"Lön januari, Söder\"\r\n{\r\n#TRANS 5010 {1 \"521020\"} 20000.00\r\n#TRANS 1930 {} -19000.00\r\n}\r\n"
        let ibm437: [Character: UInt8] = ["ä": 0x84, "å": 0x86, "ö": 0x94]
        try Data(sie.flatMap { c in ibm437[c].map { [$0] } ?? Array(String(c).utf8) }).write(to: folder.appendingPathComponent("gl.se"))
        let run = try KalkylBinary.run(["check", path])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        let output = run.stdout + run.stderr
        #expect(output.contains("gl.se:7:1: error: voucher A 7 of 20240125 does not balance: its lines add up to 1000.00, not 0\n#VER A 7 20240125 \"Lön januari, Söder\"\n"), "\(output)")
    }
}
