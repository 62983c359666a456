import Foundation
@testable import Kalkyl
import Testing

/// Data read at another scale of kronor than the input declares was a thousand times off with
/// exit 0 (red team, session 18, hunt18/t08 and t09): a SIE file's kronor read into `tkr`, a
/// column headed `Budget (tkr)` read into `kr`. Both are errors now (K0402).
@Suite struct DataMoneyScaleTests {
    func load(_ model: String, _ files: [String: String]) throws -> LoadedModel {
        try InMemoryModel.load("timeline monthly 2024-01 .. 2024-02\n" + model, files: files)
    }

    func shown(_ loaded: LoadedModel) -> [String] { InMemoryModel.shown(loaded) }

    static let sie = "#KONTO 5010 \"Hyra\"\n#KONTO 1930 \"Bank\"\n#VER A 1 20240115 \"x\"\n{\n#TRANS 5010 {} 1200000.00\n#TRANS 1930 {} -1200000.00\n}\n"

    @Test func aSIEFileReadIntoThousandsOfKronorIsRefused() throws {
        let model = "dimension konto from \"gl.se\" sie account 3000 .. 8999\ninput cost u[konto, month]: tkr = data \"gl.se\" sie vouchers key account missing 0"
        let loaded = try load(model, ["gl.se": Self.sie])
        #expect(shown(loaded) == ["m.kalkyl:3:40: error: 'u' is declared tkr, but gl.se is a SIE file, whose amounts are kronor: "
                                  + "every figure would be read a thousand times too large"])
        #expect(loaded.diagnostics.first?.code == .declaredUnitDiffers)
        #expect(loaded.diagnostics.first?.hint == "declare it kr (: kr), and convert where it meets tkr (* 1000, / 1000)")
        #expect(try load(model.replacing(": tkr", with: ": kr"), ["gl.se": Self.sie]).diagnostics.isEmpty)
    }

    @Test func aColumnHeadedInAnotherScaleIsRefused() throws {
        let loaded = try load("dimension ansvar = \"110\"\ninput budget[ansvar]: kr = data \"b.csv\" key Ansvar column \"Budget (tkr)\"",
                              ["b.csv": "Ansvar;Budget (tkr)\n110;1 200\n"])
        #expect(shown(loaded) == ["m.kalkyl:3:59: error: 'budget' is declared kr, but its column 'Budget (tkr)' is in tkr: "
                                  + "every figure would be read a thousand times too small"])
        let ledger = try load("dimension ansvar = \"110\"\ninput u[ansvar, month]: mnkr = data \"gl.csv\" long key Ansvar period Period amount \"Belopp kr\" sum",
                              ["gl.csv": "Ansvar;Period;Belopp kr\n110;202401;5\n"])
        #expect(ledger.diagnostics.map(\.code) == [.declaredUnitDiffers])
    }

    @Test("A header that names the input's scale, or none, reads as before", arguments: [
        ("kr", "Belopp kr"), ("tkr", "Budget (tkr)"), ("tkr", "Belopp KSEK"), ("kr", "Belopp"), ("kr", "Årsbudget 2024"), ("kr", "Kronor"),
    ])
    func aHeaderOfTheSameScaleReads(_ unit: String, _ header: String) throws {
        let loaded = try load("dimension ansvar = \"110\"\ninput budget[ansvar]: \(unit) = data \"b.csv\" key Ansvar column \"\(header)\"",
                              ["b.csv": "Ansvar;\(header)\n110;1 200\n"])
        #expect(loaded.diagnostics.isEmpty, "\(shown(loaded))")
    }
}
