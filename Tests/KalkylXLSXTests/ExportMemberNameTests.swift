import Foundation
import Kalkyl
import KalkylXLSX
import Testing

/// Members with names in the workbook: the Inputs and Calc sheets, the default report and a
/// layout's report sheet show `411010 VC Centrum`, and LibreOffice recalculates every
/// formula to Kalkyl's value.
@Suite struct ExportMemberNameTests {
    func files(in scratch: Scratch) throws -> String {
        try "Ansvar;Benämning\n411010;VC Centrum\n411020;VC Norr\n".write(toFile: scratch.path("ansvar.csv"), atomically: true, encoding: .utf8)
        try "Konto;Kontonamn\n5010;Lokalhyra\n6110;Kontorsmaterial\n".write(toFile: scratch.path("konto.csv"), atomically: true, encoding: .utf8)
        try "Ansvar;Konto;Period;Belopp\n411010;5010;202401;100\n411010;5010;202401;50\n411020;6110;202402;7\n"
            .write(toFile: scratch.path("gl.csv"), atomically: true, encoding: .utf8)
        try """
            model "Namn"
            timeline monthly 2024-01 .. 2024-03
            dimension ansvar from "ansvar.csv" key Ansvar name Benämning
            dimension konto from "konto.csv" key Konto name Kontonamn
            ## Utfall
            input utfall[ansvar, konto, month]: kr = data "gl.csv" long key Ansvar, Konto period Period amount Belopp sum missing 0
            input andel[ansvar] = 50%
            ## Summa per ansvar
            summa[ansvar, month]: kr = SUM(utfall[konto]) * andel
            ## Per konto
            per_konto[konto]: kr = SUM(utfall[ansvar])

            """.write(toFile: scratch.path("namn.kalkyl"), atomically: true, encoding: .utf8)
        try """
            sheet "Rapport"
            columns "Utfall" = months
            row summa
            row per_konto

            """.write(toFile: scratch.path("namn.layout"), atomically: true, encoding: .utf8)
        return scratch.path("namn.kalkyl")
    }

    /// The texts in a column of a recalculated sheet.
    func texts(_ book: RecalculatedWorkbook, _ sheet: String) -> [String] {
        (book.sheets[sheet] ?? []).flatMap { row in row.compactMap { if case .text(let t) = $0 { t } else { nil } } }
    }

    @Test func theSheetsShowCodeAndNameAndRecalculate() throws {
        let scratch = try Scratch()
        let path = try files(in: scratch)
        let exported = try ExportedModel.make(path: path, output: scratch.path("namn.xlsx"))
        let book = try expectFaithful(exported)
        let calc = texts(book, "Calc")
        #expect(calc.contains("411010 VC Centrum"), "\(calc)")
        #expect(calc.contains("411020 VC Norr, 6110 Kontorsmaterial") || calc.contains("6110 Kontorsmaterial"), "\(calc)")
        #expect(texts(book, "Inputs").contains("411020 VC Norr, 6110 Kontorsmaterial"), "\(texts(book, "Inputs"))")
        #expect(texts(book, "Report").contains("411010 VC Centrum"), "\(texts(book, "Report"))")
        // summa[411010, 2024-01] = (100 + 50) × 50 % on the Calc sheet, recalculated.
        let value = exported.evaluations[0].evaluation.values(of: exported.model.slot(named: "summa")!)[0]
        #expect(value == .number(75))
    }

    @Test func aLayoutsReportSheetShowsCodeAndName() throws {
        let scratch = try Scratch()
        let path = try files(in: scratch)
        let exported = try ExportedModel.make(path: path, layout: scratch.path("namn.layout"), output: scratch.path("namn.xlsx"))
        let book = try expectFaithful(exported)
        let report = texts(book, "Rapport")
        #expect(report.contains("411010 VC Centrum") && report.contains("6110 Kontorsmaterial"), "\(report)")
    }

    /// Report lines made of account ranges: the lines' sums recalculate in LibreOffice.
    @Test func reportLinesFromAccountRangesRecalculate() throws {
        let scratch = try Scratch()
        try "Konto;Benämning\n3010;Försäljning\n5010;Löner\n6110;Material\n6420;Resor\n".write(toFile: scratch.path("konto.csv"), atomically: true, encoding: .utf8)
        try "Konto;Period;Belopp\n3010;202401;-500\n5010;202401;200\n6110;202401;30\n6420;202402;5\n5010;202403;210\n"
            .write(toFile: scratch.path("gl.csv"), atomically: true, encoding: .utf8)
        try """
            model "Rader"
            timeline monthly 2024-01 .. 2024-03
            dimension rad = Intäkter: 3000 .. 3999, Personal: 5000 .. 5999, "Övriga kostnader": 4000 .. 4999 6000 .. 6999
            dimension konto in rad from "konto.csv" key Konto name Benämning
            input utfall[konto, month]: kr = data "gl.csv" long key Konto period Period amount Belopp sum missing 0
            rader[rad, month]: kr = SUM(utfall[konto])
            resultat[month]: kr = SUM(rader[rad])

            """.write(toFile: scratch.path("rader.kalkyl"), atomically: true, encoding: .utf8)
        let exported = try ExportedModel.make(path: scratch.path("rader.kalkyl"), output: scratch.path("rader.xlsx"))
        try expectFaithful(exported)
        #expect(exported.evaluations[0].evaluation.values(of: exported.model.slot(named: "rader")!)[5] == .number(5))
    }

    /// Cost centres, accounts and the ledger from a SIE 4 file (the accounts rolling up to
    /// report lines by their ranges), and a budget from its #PBUDGET: the sheets show the
    /// names of its #OBJEKT and #KONTO lines, and LibreOffice recalculates every formula.
    @Test func aModelReadFromSIERecalculates() throws {
        let scratch = try Scratch()
        let sie = """
            #FORMAT PC8
            #SIETYP 4
            #DIM 1 "Kostnadsställe"
            #OBJEKT 1 "411010" "VC Centrum"
            #OBJEKT 1 "411020" "VC Norr"
            #KONTO 1930 "Företagskonto"
            #KONTO 3010 "Försäljning"
            #KONTO 5010 "Löner"
            #KONTO 6110 "Material"
            #PBUDGET 0 202401 5010 {1 "411010"} 190.00
            #PBUDGET 0 202402 6110 {1 "411020"} 10.00
            #VER A 1 20240115 "Faktura"
            {
            #TRANS 3010 {1 "411010"} -500.00
            #TRANS 1930 {} 500.00
            }
            #VER A 2 20240125 "Lön"
            {
            #TRANS 5010 {1 "411010"} 200.00
            #TRANS 6110 {1 "411020"} 30.00
            #TRANS 1930 {} -230.00
            }

            """
        try sie.write(toFile: scratch.path("gl.se"), atomically: true, encoding: .utf8)
        try """
            model "SIE"
            timeline monthly 2024-01 .. 2024-03
            dimension rad = Intäkter: 3000 .. 3999, Personal: 5000 .. 5999, "Övriga kostnader": 6000 .. 7999
            dimension ansvar from "gl.se" sie 1
            dimension konto in rad from "gl.se" sie account 3000 .. 7999
            ## Utfall
            input utfall[ansvar, konto, month]: kr = data "gl.se" sie vouchers key 1, account missing 0
            ## Budget
            input budget[ansvar, konto, month]: kr = data "gl.se" sie pbudget key 1, account missing 0
            ## Per rad
            rader[rad, month]: kr = SUM(utfall[ansvar, konto])
            ## Avvikelse per ansvar
            avvikelse[ansvar, month]: kr = SUM(budget[konto]) - SUM(utfall[konto])

            """.write(toFile: scratch.path("sie.kalkyl"), atomically: true, encoding: .utf8)
        let exported = try ExportedModel.make(path: scratch.path("sie.kalkyl"), output: scratch.path("sie.xlsx"))
        let book = try expectFaithful(exported)
        #expect(texts(book, "Calc").contains("411010 VC Centrum"), "\(texts(book, "Calc"))")
        #expect(texts(book, "Inputs").contains("411020 VC Norr, 6110 Material"), "\(texts(book, "Inputs"))")
        let values = exported.evaluations[0].evaluation
        // Personal in January: 200; the centre's variance in January: 190 − (−500 + 200).
        #expect(values.values(of: exported.model.slot(named: "rader")!)[1] == .number(200))
        #expect(values.values(of: exported.model.slot(named: "avvikelse")!)[0] == .number(490))
    }

    /// Report lines from a mapping file (account or range → line), kept beside the chart of
    /// accounts: the lines' sums recalculate in LibreOffice as those of ranges in the model do.
    @Test func reportLinesFromAMappingFileRecalculate() throws {
        let scratch = try Scratch()
        try "Konto;Benämning\n3010;Försäljning\n5010;Löner\n6110;Material\n7010;Personalförsäkring\n".write(toFile: scratch.path("konto.csv"), atomically: true, encoding: .utf8)
        try "Konto;Rad\n3000..3999;Intäkter\n5000..5999;Personal\n6000..7999;Övriga kostnader\n7010;Personal\n".write(toFile: scratch.path("rader.csv"), atomically: true, encoding: .utf8)
        try "Konto;Period;Belopp\n3010;202401;-500\n5010;202401;200\n6110;202401;30\n7010;202402;5\n5010;202403;210\n"
            .write(toFile: scratch.path("gl.csv"), atomically: true, encoding: .utf8)
        try """
            model "Rader"
            timeline monthly 2024-01 .. 2024-03
            dimension rad = Intäkter, Personal, "Övriga kostnader"
            dimension konto in rad from "konto.csv" key Konto name Benämning parent Rad from "rader.csv" key Konto
            input utfall[konto, month]: kr = data "gl.csv" long key Konto period Period amount Belopp sum missing 0
            rader[rad, month]: kr = SUM(utfall[konto])
            resultat[month]: kr = SUM(rader[rad])

            """.write(toFile: scratch.path("rader.kalkyl"), atomically: true, encoding: .utf8)
        let exported = try ExportedModel.make(path: scratch.path("rader.kalkyl"), output: scratch.path("rader.xlsx"))
        try expectFaithful(exported)
        // February: 7010 is Personal by its own entry, before the range 6000..7999.
        let rader = exported.evaluations[0].evaluation.values(of: exported.model.slot(named: "rader")!)
        #expect(rader[3 + 1] == .number(5) && rader[3 + 2] == .number(0))
    }
}
