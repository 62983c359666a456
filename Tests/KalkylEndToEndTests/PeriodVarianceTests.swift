import Foundation
import Testing

/// The period and variance functions through the real binary: `eval` computes them, `explain`
/// shows where a variance comes from, and `check` reports a missing line kind at its place.
@Suite struct PeriodVarianceTests {
    let model = """
    model "Uppföljning"
    timeline monthly 2021-01 .. 2021-08
    ## Personalkostnad
    input cost personnel[month]: kr = 100
    input personnel[2021-05 ..] = 120
    ## Budget
    input personnel_budget[month]: kr = 110
    ## Avvikelse (positiv = bättre)
    variance[month]: kr = VARIANCE(personnel, personnel_budget)
    variance_pct[month]: % = VARIANCE_PCT(personnel, personnel_budget)
    explain_it[month] = VARIANCE_EXCEEDS(personnel, personnel_budget, 5%)
    tertial[month] = TERTIAL(month)
    per_tertial[month]: kr = IF(tertial = TERTIAL(month + 31), 0, YTD(personnel))

    """

    @Test func evalComputesPeriodsAndVariances() throws {
        let path = try KalkylBinary.temporaryModel(model)
        let run = try KalkylBinary.run(["eval", path, "--format", "csv", "variance", "explain_it", "tertial", "per_tertial"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).suffix(8).joined(separator: " ") }
        #expect(rows.count == 5)
        #expect(rows[1] == "10 10 10 10 -10 -10 -10 -10")
        #expect(rows[2] == "TRUE TRUE TRUE TRUE TRUE TRUE TRUE TRUE")
        #expect(rows[3] == "1 1 1 1 2 2 2 2")
        #expect(rows[4] == "0 0 0 400 0 0 0 880")   // the cumulative figures per april and per augusti
    }

    @Test func explainShowsTheLinesAVarianceReads() throws {
        let path = try KalkylBinary.temporaryModel(model)
        let run = try KalkylBinary.run(["explain", path, "variance_pct[2021-05]"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == """
        Uppföljning

        variance_pct[2021-05] = -9.09 %
        │ = VARIANCE_PCT(personnel, personnel_budget)
        ├─ personnel[2021-05] = 120 kr — Personalkostnad
        │    line 5: input personnel[2021-05 ..] = 120
        └─ personnel_budget[2021-05] = 110 kr — Budget
             line 7: input personnel_budget[month]: kr = 110

        """)
    }

    @Test func aVarianceWithoutAKindIsAnErrorAtItsPlace() throws {
        let path = try KalkylBinary.temporaryModel(model.replacingOccurrences(of: "input cost personnel", with: "input personnel"))
        let run = try KalkylBinary.run(["check", path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("model.kalkyl:9:23: error: VARIANCE needs to know which way is favourable: declare whether 'personnel' is a cost, a revenue or a result"))
        #expect(run.stderr.contains("hint: write the kind before the name where it is defined, as in: cost personnel[…] = …"))
    }
}
