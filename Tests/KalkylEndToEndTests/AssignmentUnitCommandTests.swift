import Foundation
import Testing

/// The README's way of reading actuals and budget, `input kost[actual, ansvar, month] = data …`
/// on `input kost[version, ansvar, month]: kr = 0`, run with the real binary, the ledger on disk
/// (read as it passes, `long`): its EUR rows were summed as kronor, 26 500 kr for 25 000 SEK and
/// 1 500 EUR, and a budget column in tkr read as kronor, 1 200 kr for 1,2 million, with exit 0
/// (red team, session 20, hunt20/t07).
@Suite struct AssignmentUnitCommandTests {
    static let model = """
        model "Versioner"
        timeline monthly 2024-01 .. 2024-12
        dimension ansvar = "110"
        actuals through 2024-01
        input cost kost[version, ansvar, month]: kr = 0
        input kost[actual, ansvar, month] = data "gl.csv" long key Ansvar period Period amount Belopp sum missing 0
        input kost[budget, ansvar, month] = data "budget.csv" key Ansvar column "Budget (tkr)" spread evenly
        utfall_jan: kr = kost[actual, "110", 2024-01]
        """

    func folder(_ files: [String: String]) throws -> String {
        let path = try KalkylBinary.temporaryModel(Self.model)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return path
    }

    @Test func aLedgersRowsInEurosAndABudgetInThousandsAreRefused() throws {
        let path = try folder(["gl.csv": "Ansvar;Period;Valuta;Belopp\n110;2024-01;SEK;25 000\n110;2024-01;EUR;1 500\n",
                               "budget.csv": "Ansvar;Budget (tkr)\n110;1 200\n"])
        let run = try KalkylBinary.run(["eval", path, "utfall_jan"])
        #expect(run.status == 1, "\(run.stdout)")
        #expect(run.stderr.contains("error: 'kost' is declared kr, but its column 'Budget (tkr)' is in tkr: every figure would be read a thousand times too small"),
                "\(run.stderr)")
        #expect(run.stderr.contains("gl.csv:3:13: error: 'kost' is kr (SEK), but a row of gl.csv is in EUR (column 'Valuta', line 3)"), "\(run.stderr)")
    }

    @Test func theSameFilesInKronorRead() throws {
        let path = try folder(["gl.csv": "Ansvar;Period;Valuta;Belopp\n110;2024-01;SEK;25 000\n110;2024-01;SEK;1 500\n",
                               "budget.csv": "Ansvar;Budget (kr)\n110;1 200 000\n"].mapValues { $0 })
        let text = try String(contentsOfFile: path, encoding: .utf8).replacing("\"Budget (tkr)\"", with: "\"Budget (kr)\"")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let run = try KalkylBinary.run(["eval", path, "utfall_jan", "--format", "csv"])
        #expect(run.status == 0 && run.stderr.isEmpty, "\(run.stderr)")
        #expect(run.stdout.contains("utfall_jan,,kr,,26500"), "\(run.stdout)")
    }
}
