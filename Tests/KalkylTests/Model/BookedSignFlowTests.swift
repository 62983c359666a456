import Foundation
@testable import Kalkyl
import Testing

/// A `revenue` or `result` line computed by a formula from SIE amounts read as booked
/// (revenue a credit, negative) gave its variance against a budget kept positive the wrong
/// sign with exit 0: −220 where +20 is right, in every shape below, before `BookedSignFlow`.
/// Now it is K0224, as the input read so is; a formula that negates the amounts is right.
@Suite struct BookedSignFlowTests {
    /// Revenue of 120 booked as a credit (gl.se of BookedSignTests) against a budget of 100.
    static func model(_ lines: String, options: String = "") -> String {
        """
        model "Rev"
        timeline monthly 2024-01 .. 2024-01
        dimension ansvar from "gl.se" sie 1
        dimension konto from "gl.se" sie account 3000 .. 3999
        input utfall_sie[ansvar, konto, month]: kr = data "gl.se" sie vouchers key 1, account missing 0\(options)
        input revenue budget[ansvar, month]: kr = 100
        \(lines)
        avv[ansvar, month]: kr = VARIANCE(intakter, budget)

        """
    }

    static let files = ["gl.se": BookedSignTests.sie, "reskontra.csv": "Ansvar;Period;Belopp\nA;202401;10\n"]
    static let reskontra = "input reskontra[ansvar, month]: kr = data \"reskontra.csv\" long key Ansvar period Period amount Belopp sum missing 0"

    static func refusals(_ model: String) -> [Diagnostic] {
        BookedSignTests.load(model, files: files).diagnostics.filter { $0.code == .lineKindAgainstBookedSigns }
    }

    static func variance(_ model: String) throws -> Value? {
        let loaded = BookedSignTests.load(model, files: files)
        #expect(BookedSignTests.signsAgree(loaded), "\(loaded.diagnostics.map(\.message))")
        return try BookedSignTests.value(loaded, "avv")
    }

    @Test(arguments: [
        "revenue intakter[ansvar, month]: kr = SUM(utfall_sie[konto])",
        "summa[ansvar, month]: kr = SUM(utfall_sie[konto])\nrevenue intakter[ansvar, month]: kr = summa",
        "revenue intakter[ansvar, month]: kr = utfall_sie[\"A\", \"3110\"]",
        "revenue intakter[ansvar, month]: kr = utfall_sie[\"A\", \"3110\"] + 0",
        reskontra + "\nrevenue intakter[ansvar, month]: kr = SUM(utfall_sie[konto]) + reskontra",
        "revenue intakter[ansvar, month]: kr = IF(month = 2024-01, SUM(utfall_sie[konto]), 0) * 1",
        "result intakter[ansvar, month]: kr = SUM(utfall_sie[konto])",
    ])
    func aRevenueOrResultFormulaOfAmountsReadAsBookedIsRefused(_ lines: String) throws {
        let found = Self.refusals(Self.model(lines))
        #expect(found.count == 1, "\(found.map(\.message))")
        let d = try #require(found.first)
        #expect(d.severity == .error)
        #expect(d.message.contains("but it is computed from 'utfall_sie', read from gl.se as booked, revenue negative (a credit): every variance of 'intakter' would have the wrong sign"),
                "\(d.message)")
        #expect(d.hint == "read credits positive: input utfall_sie[ansvar, konto, month]: kr = data \"gl.se\" sie vouchers key 1, account missing 0 credit positive; "
            + "or negate the amounts in the formula, as in = -SUM(…)")
    }

    @Test func theErrorIsAtTheFormula() throws {
        let model = Self.model("revenue intakter[ansvar, month]: kr = SUM(utfall_sie[konto])")
        let d = try #require(Self.refusals(model).first)
        #expect(d.message == "'intakter' is a revenue line, kept positive, but it is computed from 'utfall_sie', read from gl.se as booked, "
            + "revenue negative (a credit): every variance of 'intakter' would have the wrong sign")
        #expect(BookedSignTests.place(d) == BookedSignTests.place(of: "SUM(utfall_sie[konto])", in: model))
    }

    @Test(arguments: [
        "revenue intakter[ansvar, month]: kr = -SUM(utfall_sie[konto])",
        "revenue intakter[ansvar, month]: kr = SUM(utfall_sie[konto]) * -1",
        "revenue intakter[ansvar, month]: kr = 0 - utfall_sie[\"A\", \"3110\"]",
        "summa[ansvar, month]: kr = -SUM(utfall_sie[konto])\nrevenue intakter[ansvar, month]: kr = summa",
        "summa[ansvar, month]: kr = SUM(utfall_sie[konto])\nrevenue intakter[ansvar, month]: kr = -summa",
    ])
    func aFormulaThatNegatesTheAmountsGivesTheFavourableVariance(_ lines: String) throws {
        #expect(try Self.variance(Self.model(lines)) == .number(20))
    }

    @Test func readWithCreditsPositiveTheRevenueFormulaIsRight() throws {
        #expect(try Self.variance(Self.model("revenue intakter[ansvar, month]: kr = SUM(utfall_sie[konto])", options: " credit positive")) == .number(20))
    }

    @Test func aVarianceOfAFormulaOfNoKindComputedFromAmountsReadAsBookedIsRefused() throws {
        let model = Self.model("summa[ansvar, month]: kr = SUM(utfall_sie[konto])").replacingOccurrences(of: "VARIANCE(intakter", with: "VARIANCE(summa")
        let d = try #require(Self.refusals(model).first)
        #expect(d.message == "VARIANCE takes 'budget' as a revenue, but 'summa' is computed from 'utfall_sie', read from gl.se as booked, "
            + "revenue negative (a credit): the variance would have the wrong sign")
        #expect(BookedSignTests.place(d) == BookedSignTests.place(of: "VARIANCE(", in: model))
    }

    /// Actuals assigned from the SIE file into one version of an input defined without it.
    @Test func aRevenueFormulaOfAVersionAssignedFromSIEAsBookedIsRefused() throws {
        let model = { (options: String) in """
            model "Rev"
            timeline monthly 2024-01 .. 2024-01
            dimension version = actual, budget
            dimension ansvar from "gl.se" sie 1
            dimension konto from "gl.se" sie account 3000 .. 3999
            input kost[version, ansvar, konto, month]: kr = 0
            input kost[actual, ansvar, konto, month] = data "gl.se" sie vouchers key 1, account missing 0\(options)
            input kost[budget, ansvar, konto, month] = 100
            revenue intakter[version, ansvar, month]: kr = SUM(kost[konto])
            avv[ansvar, month]: kr = VARIANCE(intakter[actual], intakter[budget])

            """ }
        let d = try #require(Self.refusals(model("")).first)
        #expect(d.message.hasPrefix("'intakter' is a revenue line, kept positive, but it is computed from 'kost', read from gl.se as booked"), "\(d.message)")
        #expect(d.hint?.hasPrefix("read credits positive: input kost[actual, ansvar, konto, month] = data \"gl.se\" sie vouchers key 1, account missing 0 credit positive;") == true,
                "\(d.hint ?? "")")
        #expect(try Self.variance(model(" credit positive")) == .number(20))
    }

    /// The budget read as booked and negated in the call is right: 120 − (−(−100)) = 20. It was
    /// refused (K0224) whatever the call did with it; nor is it a K0225 warning now.
    @Test func aVarianceThatNegatesABudgetReadAsBookedIsNotRefused() throws {
        let model = """
            model "Rev"
            timeline monthly 2024-01 .. 2024-01
            dimension ansvar from "gl.se" sie 1
            dimension konto from "gl.se" sie account 3000 .. 3999
            input revenue intakt[ansvar, konto, month]: kr = data "gl.se" sie vouchers key 1, account missing 0 credit positive
            input intakt_budget[ansvar, konto, month]: kr = data "gl.se" sie pbudget key 1, account missing 0
            avv[ansvar, konto, month]: kr = VARIANCE(intakt, -intakt_budget)

            """
        let loaded = BookedSignTests.load(model, files: Self.files)
        #expect(BookedSignTests.signsAgree(loaded), "\(loaded.diagnostics.map(\.message))")
        #expect(try BookedSignTests.value(loaded, "avv") == .number(20))
        #expect(Self.refusals(model.replacingOccurrences(of: "-intakt_budget", with: "intakt_budget")).count == 1)
    }

    static func costs(_ formula: String, options: String) -> String {
        """
        model "Kost"
        timeline monthly 2024-01 .. 2024-01
        dimension ansvar from "gl.se" sie 1
        dimension konto from "gl.se" sie account 5000 .. 5999
        input lön_sie[ansvar, konto, month]: kr = data "gl.se" sie vouchers key 1, account missing 0\(options)
        input cost lön_budget[ansvar, month]: kr = 50
        cost lön[ansvar, month]: kr = \(formula)
        avv[ansvar, month]: kr = VARIANCE(lön, lön_budget)

        """
    }

    @Test func aCostFormulaOfAmountsReadWithCreditsPositiveIsRefusedAndAsBookedIsRight() throws {
        let d = try #require(Self.refusals(Self.costs("SUM(lön_sie[konto])", options: " credit positive")).first)
        #expect(d.message == "'lön' is a cost line, kept positive, but it is computed from 'lön_sie', read from gl.se with credits positive, "
            + "costs negative: every variance of 'lön' would have the wrong sign")
        #expect(d.hint == "negate the amounts in the formula, as in = -SUM(…), or leave out credit positive: "
            + "input lön_sie[ansvar, konto, month]: kr = data \"gl.se\" sie vouchers key 1, account missing 0")
        #expect(try Self.variance(Self.costs("-SUM(lön_sie[konto])", options: " credit positive")) == .number(10))
        #expect(try Self.variance(Self.costs("SUM(lön_sie[konto])", options: "")) == .number(10))   // 40 spent of 50
    }

    /// Amounts as booked reaching the line both as read and negated: one as read is wrong
    /// whatever else the line reads (it was not judged, and `result = intakter - kostnader` of
    /// two formulas of no kind kept the report's sign turned with exit 0).
    @Test func amountsReachingTheLineBothAsReadAndNegatedAreJudged() {
        let model = Self.model("revenue intakter[ansvar, month]: kr = SUM(utfall_sie[konto]) - utfall_sie[\"A\", \"3110\"]")
        #expect(Self.refusals(model).map(\.message).contains { $0.hasPrefix("'intakter' is a revenue line") })
        let result = Self.model("""
        revenue intakter[ansvar, month]: kr = -SUM(utfall_sie[konto])
        i2[ansvar, month]: kr = SUM(utfall_sie[konto])
        k2[ansvar, month]: kr = utfall_sie["A", "3110"]
        result r[ansvar, month]: kr = i2 - k2
        """)
        #expect(Self.refusals(result).map(\.message).contains { $0.hasPrefix("'r' is a result line") })
        let right = Self.model("""
        revenue intakter[ansvar, month]: kr = -SUM(utfall_sie[konto])
        result r[ansvar, month]: kr = -SUM(utfall_sie[konto]) - utfall_sie["A", "3110"]
        """)
        #expect(Self.refusals(right).isEmpty)
    }

    /// Followed without recursion: a long chain of formulas is followed to its end.
    @Test func aLongChainOfFormulasIsFollowed() throws {
        var lines = ["l0[ansvar, month]: kr = SUM(utfall_sie[konto])"]
        for k in 1..<2_000 { lines.append("l\(k)[ansvar, month]: kr = l\(k - 1)") }
        lines.append("revenue intakter[ansvar, month]: kr = l1999")
        let found = Self.refusals(Self.model(lines.joined(separator: "\n")))
        #expect(found.count == 1)
        #expect(found.first?.message.hasPrefix("'intakter' is a revenue line") == true)
    }
}
