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

        variance_pct[2021-05] = -9,09 %
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

    /// A fiscal year from July over two calendar years: quarters, fiscal years, the sums to
    /// date, the change against the same month last year and a revision each September.
    let fiscal = """
    model "Brutet räkenskapsår"
    timeline monthly 2021-07 .. 2022-12
    fiscal year starts 07
    input x[month]: kr = 10
    input x[2022-07 ..] = 11
    input avg_salary: kr = 100
    input revision = 10%
    quarter[month] = QUARTER(month)
    fiscal_year[month] = FISCAL_YEAR(month)
    qtd[month]: kr = QTD(x)
    ttd[month]: kr = TTD(x)
    change[month]: % = CHANGE_PCT(x, x[month-12])
    salary[month]: kr = INDEXED(avg_salary, revision, 2021-09, month)

    """

    @Test func evalFollowsAFiscalYearFromJuly() throws {
        let path = try KalkylBinary.temporaryModel(fiscal)
        let run = try KalkylBinary.run(["eval", path, "--format", "csv", "quarter", "fiscal_year", "qtd", "ttd", "change", "salary"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).suffix(18).joined(separator: " ") }
        #expect(rows == [
            "1 1 1 2 2 2 3 3 3 4 4 4 1 1 1 2 2 2",
            "2022 2022 2022 2022 2022 2022 2022 2022 2022 2022 2022 2022 2023 2023 2023 2023 2023 2023",
            "10 20 30 10 20 30 10 20 30 10 20 30 11 22 33 11 22 33",
            "10 20 30 40 10 20 30 40 10 20 30 40 11 22 33 44 11 22",
            (Array(repeating: "#REF!", count: 12) + Array(repeating: "0.1", count: 6)).joined(separator: " "),
            // 100 × 1.1 and 100 × 1.1², exactly as doubles.
            (["100", "100"] + Array(repeating: "110.00000000000001", count: 12) + Array(repeating: "121.00000000000001", count: 4)).joined(separator: " "),
        ])
    }

    @Test func explainNamesTheTertialWindow() throws {
        let path = try KalkylBinary.temporaryModel(fiscal)
        let run = try KalkylBinary.run(["explain", path, "ttd[2021-12]", "--depth", "1", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains(#""reads": "ttd", "reference": "x[2021-11 .. 2021-12]", "count": 2"#))
        let table = try KalkylBinary.run(["explain", path, "qtd[2022-08]", "--depth", "1"])
        #expect(table.stdout.contains("└─ QTD over x[2022-07 .. 2022-08]: 2 cells"))
    }

    @Test func explainTracesAVarianceOnAZeroBudgetToItsCells() throws {
        let path = try KalkylBinary.temporaryModel("""
        model "Noll"
        timeline monthly 2021-01 .. 2021-02
        input cost c[month]: kr = 5
        input budget[month]: kr = 0
        vp[month] = VARIANCE_PCT(c, budget)
        total = SUM(vp)

        """)
        let run = try KalkylBinary.run(["explain", path, "total", "--depth", "0"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasSuffix("""
        #DIV/0! starts at vp[2021-01]: VARIANCE_PCT(c, budget)
          where c[2021-01] = 5 kr, budget[2021-01] = 0 kr

        """))
    }
}
