import Foundation
@testable import Kalkyl
import Testing

/// `credit positive` reads every amount negated, while explain names the file's cells and
/// `#TRANS` lines as booked: 120 kr shown over a `#TRANS` of -120 with no word of why. Explain
/// (its table and JSON) and watch's origin line now say the amounts are negated.
@Suite struct CreditPositiveExplainTests {
    static func report(_ model: String, files: [String: String], cell: String) throws -> (table: String, json: String, watch: String) {
        let loaded = BookedSignTests.load(model, files: files)
        let checked = try #require(loaded.model, "\(loaded.diagnostics.map(\.message))")
        let evaluation = Evaluation(model: checked, order: try #require(loaded.order))
        evaluation.evaluateAll()
        let x = Explainer.explain(try checked.cell(named: cell).get(), in: evaluation)
        let report = ExplainReport(x, in: evaluation)
        guard case .input(let input) = x.root.source else { throw CancellationError() }
        return (report.table(model: checked), try ReportEncoder().encode(report), input.watchLine)
    }

    static let sieModel = """
        model "Rev"
        timeline monthly 2024-01 .. 2024-01
        dimension ansvar from "gl.se" sie 1
        dimension konto from "gl.se" sie account 3000 .. 3999
        input utfall_sie[ansvar, konto, month]: kr = data "gl.se" sie vouchers key 1, account missing 0 credit positive

        """

    @Test func aFigureOfVouchersReadWithCreditsPositiveSaysItIsNegated() throws {
        let r = try Self.report(Self.sieModel, files: ["gl.se": BookedSignTests.sie], cell: "utfall_sie[A, 3110, 2024-01]")
        #expect(r.table.contains("= 120 kr"), "\(r.table)")
        #expect(r.table.contains("  the #TRANS line of gl.se, negated (credit positive):\n"), "\(r.table)")
        #expect(r.table.contains("-120  voucher A 1 2024-01-23"), "\(r.table)")   // the line as booked
        #expect(r.json.contains(#""negated": true"#), "\(r.json)")
        #expect(r.watch.hasPrefix("from the #TRANS line of gl.se, negated (credit positive): "), "\(r.watch)")
    }

    static func csvModel(_ source: String, options: String) -> String {
        """
        model "Rev"
        timeline monthly 2024-01 .. 2024-01
        dimension ansvar = A
        input revenue r[ansvar, month]: kr = data \(source)\(options)

        """
    }
    static let ledger = ["gl.csv": "Ansvar;Period;Belopp\nA;202401;-10\nA;202401;-5\n", "one.csv": "Ansvar;Belopp\nA;-15\n"]
    static let summed = "\"gl.csv\" long key Ansvar period Period amount Belopp sum missing 0"
    static let column = "\"one.csv\" key Ansvar column Belopp"

    @Test func rowsSummedAndOneCellReadWithCreditsPositiveSayTheyAreNegated() throws {
        let rows = try Self.report(Self.csvModel(Self.summed, options: " credit positive"), files: Self.ledger, cell: "r[A, 2024-01]")
        #expect(rows.table.contains("= 15 kr"), "\(rows.table)")
        #expect(rows.table.contains("  the sum of 2 rows of gl.csv (Belopp), negated (credit positive):\n"), "\(rows.table)")
        #expect(rows.watch == "from the sum of 2 rows of gl.csv (Belopp), negated (credit positive): lines 2 and 3")
        let one = try Self.report(Self.csvModel(Self.column, options: " credit positive"), files: Self.ledger, cell: "r[A, 2024-01]")
        #expect(one.table.contains("  read from one.csv:2:3 (Belopp), negated (credit positive)\n"), "\(one.table)")
        #expect(one.watch == "from one.csv:2:3 (Belopp), negated (credit positive)")
    }

    @Test func aFigureReadAsBookedSaysNothingOfNegation() throws {
        let r = try Self.report(Self.csvModel(Self.column, options: ""), files: ["one.csv": "Ansvar;Belopp\nA;15\n"], cell: "r[A, 2024-01]")
        #expect(r.table.contains("  read from one.csv:2:3 (Belopp)\n"), "\(r.table)")
        #expect(!r.table.contains("negated") && !r.json.contains("negated"), "\(r.table)\(r.json)")
    }
}
