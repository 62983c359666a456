import Foundation
import Testing

/// The red team's t19 through the real binary: revenue read from a SIE file as booked
/// (credits negative) into a `revenue` line gave −20 % where +20 % is right, with exit 0.
/// Now `check` refuses it with the statement to write, and with `credit positive` `eval`
/// gives the favourable variance.
@Suite struct SIERevenueSignTests {
    static let sie = """
    #FLAGGA 0
    #SIETYP 4
    #RAR 0 20240101 20241231
    #DIM 1 "Kostnadsställe"
    #OBJEKT 1 "A" "Alfa"
    #KONTO 3110 "Försäljning"
    #KONTO 1930 "Bank"
    #PBUDGET 0 202401 3110 {1 "A"} -100.00
    #VER A 1 20240123 "Faktura"
    {
       #TRANS 3110 {1 "A"} -120.00
       #TRANS 1930 {} 120.00
    }

    """

    static func model(_ options: String) -> String {
        """
        model "Rev"
        timeline monthly 2024-01 .. 2024-01
        dimension ansvar from "gl.se" sie 1
        dimension konto from "gl.se" sie account 3000 .. 3999
        input revenue intakt[ansvar, konto, month]: kr = data "gl.se" sie vouchers key 1, account missing 0\(options)
        input intakt_budget[ansvar, konto, month]: kr = data "gl.se" sie pbudget key 1, account missing 0\(options)
        avv[ansvar, konto, month]: kr = VARIANCE(intakt, intakt_budget)
        avv_pct[ansvar, konto, month]: % = VARIANCE_PCT(intakt, intakt_budget)

        """
    }

    static func write(_ model: String) throws -> String {
        let path = try KalkylBinary.temporaryModel(model)
        try sie.write(to: URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("gl.se"), atomically: true, encoding: .utf8)
        return path
    }

    @Test func revenueReadAsBookedIsRefusedWithTheClauseToAdd() throws {
        let path = try Self.write(Self.model(""))
        let run = try KalkylBinary.run(["eval", path])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("model.kalkyl:5:55: error: 'intakt' is a revenue line, kept positive, but gl.se books revenue as a credit, negative, and costs positive"), "\(run.stderr)")
        #expect(run.stderr.contains("  hint: read credits positive: input revenue intakt[ansvar, konto, month]: kr = data \"gl.se\" sie vouchers key 1, account missing 0 credit positive\n"), "\(run.stderr)")
    }

    @Test func withCreditsPositiveTheVarianceIsPlusTwentyPercent() throws {
        let path = try Self.write(Self.model(" credit positive"))
        let run = try KalkylBinary.run(["eval", path, "--format", "csv", "intakt", "avv", "avv_pct"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        let rows = run.stdout.split(separator: "\n").map { $0.split(separator: ",").last.map(String.init) ?? "" }
        #expect(rows.suffix(3) == ["120", "20", "0.2"], "\(run.stdout)")
    }

    /// The same revenue summed by a formula from an input of no kind: -220 with exit 0 before.
    @Test func aRevenueFormulaOfAmountsReadAsBookedIsRefusedAndItsNegationComputes() throws {
        let model = { (formula: String) in """
            model "Rev"
            timeline monthly 2024-01 .. 2024-01
            dimension ansvar from "gl.se" sie 1
            dimension konto from "gl.se" sie account 3000 .. 3999
            input utfall_sie[ansvar, konto, month]: kr = data "gl.se" sie vouchers key 1, account missing 0
            input revenue budget[ansvar, month]: kr = 100
            revenue intakter[ansvar, month]: kr = \(formula)
            avv[ansvar, month]: kr = VARIANCE(intakter, budget)

            """ }
        let refused = try KalkylBinary.run(["eval", try Self.write(model("SUM(utfall_sie[konto])"))])
        #expect(refused.status == 1, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("model.kalkyl:7:39: error: 'intakter' is a revenue line, kept positive, but it is computed from 'utfall_sie', read from gl.se as booked"),
                "\(refused.stderr)")
        let negated = try KalkylBinary.run(["eval", try Self.write(model("-SUM(utfall_sie[konto])")), "--format", "csv", "avv"])
        #expect(negated.status == 0, "\(negated.stderr)")
        #expect(negated.stdout.split(separator: "\n").last.map { $0.hasSuffix(",20") } == true, "\(negated.stdout)")
    }
}
