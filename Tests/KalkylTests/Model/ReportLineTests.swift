import Foundation
@testable import Kalkyl
import Testing

/// Report lines made of account ranges (`Intäkter: 3000..3999`) or of a mapping file
/// (`3000..3999;Intäkter`): every account lands in exactly one line, or the error names it.
@Suite struct ReportLineTests {
    let support = DataSystemsExportTests()
    let accounts = "Konto;Benämning\n3010;Försäljning\n5010;Löner\n6110;Material\n7010;Avskrivningar\n"
    let ledger = "Konto;Period;Belopp\n3010;202401;-500\n5010;202401;200\n6110;202401;30\n6110;202402;5\n7010;202402;11\n"

    func model(lines: String, konto: String) -> String {
        """
        timeline monthly 2024-01 .. 2024-02
        \(lines)
        \(konto)
        input utfall[konto, month]: kr = data "data/gl.csv" long key Konto period Period amount Belopp sum missing 0
        rader[rad, month]: kr = SUM(utfall[konto])
        """
    }

    @Test func rangesInTheModelMakeTheLines() throws {
        let loaded = try support.load(model(lines: #"dimension rad = Intäkter: 3000 .. 3999, Personal: 5000 .. 5999, "Övriga kostnader": 4000 .. 4999 6000 .. 6999 7010"#,
                                            konto: #"dimension konto in rad from "data/konto.csv" key Konto name Benämning"#),
                                      files: ["data/konto.csv": accounts, "data/gl.csv": ledger])
        let e = try support.evaluated(loaded)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
        // Period by period, line by line: Intäkter, Personal, Övriga kostnader.
        #expect(e.numbers("rader") == [-500, 200, 30, 0, 0, 16])
    }

    @Test func aMappingFileWithRangesAndAnAccountOfItsOwn() throws {
        let mapping = "Konto;Rad\n3000..3999;Intäkter\n5000..5999;Personal\n6000..7999;Övriga kostnader\n7010;Personal\n"
        let loaded = try support.load(model(lines: #"dimension rad = Intäkter, Personal, "Övriga kostnader""#,
                                            konto: #"dimension konto in rad from "data/konto.csv" key Konto parent Rad from "data/rader.csv" key Konto"#),
                                      files: ["data/konto.csv": accounts, "data/gl.csv": ledger, "data/rader.csv": mapping])
        let e = try support.evaluated(loaded)
        // 7010's own row puts it in Personal, ahead of the range 6000..7999.
        #expect(e.numbers("rader") == [-500, 200, 30, 0, 11, 5])
    }

    @Test func anAccountInNoLineIsAnErrorNamingIt() throws {
        let loaded = try support.load(model(lines: "dimension rad = Intäkter: 3000 .. 3999, Personal: 5000 .. 6999",
                                            konto: #"dimension konto in rad from "data/konto.csv" key Konto"#),
                                      files: ["data/konto.csv": accounts, "data/gl.csv": ledger])
        #expect(loaded.model == nil)
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.message) == ["account '7010' of 'konto' is in no line of 'rad', so its amounts would be left out of the report"])
        #expect(errors.map(place) == ["5:1"])
    }

    @Test func anAccountInTwoLinesIsAnErrorNamingBoth() throws {
        let mapping = "Konto;Rad\n3000..3999;Intäkter\n5000..6199;Personal\n6000..7999;Övriga kostnader\n"
        let loaded = try support.load(model(lines: #"dimension rad = Intäkter, Personal, "Övriga kostnader""#,
                                            konto: #"dimension konto in rad from "data/konto.csv" key Konto parent Rad from "data/rader.csv" key Konto"#),
                                      files: ["data/konto.csv": accounts, "data/gl.csv": ledger, "data/rader.csv": mapping])
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.message) == ["account '6110' of 'konto' is in two lines of 'rad': Personal (5000..6199) and Övriga kostnader (6000..7999), so its amounts would be counted twice"])
        #expect(errors.first?.notes.map(place) == ["3:1", "4:1"])
    }

    @Test func inlineAccountsAndABackwardsRange() throws {
        let loaded = try support.load("""
            timeline monthly 2024-01 .. 2024-01
            dimension rad = Intäkter: 3999 .. 3000, Kostnader: 4000 .. 7999
            dimension konto in rad = "3010", "5010"
            input x[konto] = 1
            """, files: [:])
        #expect(loaded.diagnostics.map(\.message) == ["the range '3999..3000' runs backwards", "account '3010' of 'konto' is in no line of 'rad', so its amounts would be left out of the report"])
    }

    @Test func aDimensionThatRollsUpWithoutSayingHowIsAnError() throws {
        let loaded = try support.load("""
            timeline monthly 2024-01 .. 2024-01
            dimension rad = Intäkter, Kostnader
            dimension konto in rad = "3010", "5010"
            """, files: [:])
        #expect(loaded.diagnostics.map(\.message) == ["'konto' rolls up to 'rad', but neither says how"])
    }
}
