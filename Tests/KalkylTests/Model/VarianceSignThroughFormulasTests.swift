import Foundation
@testable import Kalkyl
import Testing

/// K0225 at a VARIANCE judged only a data input of no kind named in the call: a formula of no
/// kind was not looked into (the closing note's "Fix first" 3), so `VARIANCE(intakt, budget_netto)`
/// with `budget_netto = intakt_budget` over a budget booked as the ledger books it (revenue
/// negative, -200) had the wrong sign (-220 where +20 is right) with nothing said. The formula
/// is now followed to the data inputs it is computed from, as K0224 follows SIE amounts
/// (`BookedSignFlow`): one reaching it as read, whatever else it reads, is judged by its
/// amounts; one reaching it only negated (`= -intakt_budget`, `= -SUM(utfall_sie[konto])`)
/// carries its sign turned and is not.
@Suite struct VarianceSignThroughFormulasTests {
    /// Revenue of 120, read with credits positive, against a budget of no kind booked as the
    /// ledger books it (-100 in each of two months) and a formula of it, `lines`.
    static func model(_ lines: String) -> String {
        """
        model "Rev"
        timeline monthly 2024-01 .. 2024-02
        dimension ansvar = A
        input revenue intakt[ansvar, month]: kr = data "gl.csv" long key Ansvar period Period amount Belopp sum missing 0 credit positive
        input intakt_budget[ansvar, month]: kr = data "budget.csv" long key Ansvar period Period amount Belopp
        input rabatt[ansvar, month]: kr = data "rabatt.csv" long key Ansvar period Period amount Belopp
        \(lines)
        avv[ansvar, month]: kr = VARIANCE(intakt, budget_netto)

        """
    }

    static let files = ["gl.csv": "Ansvar;Period;Belopp\nA;202401;-120\n", "budget.csv": "Ansvar;Period;Belopp\nA;202401;-100\nA;202402;-100\n",
                        "rabatt.csv": "Ansvar;Period;Belopp\nA;202401;5\nA;202402;5\n"]

    static func warnings(_ lines: String) -> [Diagnostic] {
        BookedSignTests.load(model(lines), files: files).diagnostics.filter { $0.code == .lineKindAgainstReadSigns }
    }

    @Test(arguments: [
        "budget_netto[ansvar, month]: kr = intakt_budget",
        "summa[ansvar, month]: kr = intakt_budget + 0\nbudget_netto[ansvar, month]: kr = summa",
        "budget_netto[ansvar, month]: kr = intakt_budget - rabatt",
        "budget_netto[ansvar, month]: kr = SUM(intakt_budget[ansvar])",
        // as read and negated: judged by the amounts reaching it as read, as K0224 judges a line
        "budget_netto[ansvar, month]: kr = intakt_budget - IF(month = 2024-01, intakt_budget, 0)",
    ])
    func aFormulaCarryingNegativeAmountsAsReadIsWarnedAtTheVariance(_ lines: String) throws {
        let found = Self.warnings(lines)
        #expect(found.count == 1, "\(found.map(\.message))")
        let d = try #require(found.first)
        #expect(d.severity == .warning)
        #expect(d.message == "'budget_netto' is computed from the amounts 'intakt_budget' reads from budget.csv, as read, which add up to -200, "
            + "but this variance takes it as a revenue, kept positive: the variance would have the wrong sign")
        #expect(BookedSignTests.place(d) == BookedSignTests.place(of: "VARIANCE(", in: Self.model(lines)))
    }

    @Test(arguments: [
        "budget_netto[ansvar, month]: kr = -intakt_budget",
        "budget_netto[ansvar, month]: kr = -intakt_budget - rabatt",
        "budget_netto[ansvar, month]: kr = -SUM(intakt_budget[ansvar])",
        "summa[ansvar, month]: kr = -intakt_budget\nbudget_netto[ansvar, month]: kr = summa + rabatt",
        "budget_netto[ansvar, month]: kr = rabatt * 20",
    ])
    func aFormulaNegatingThemIsJudgedByTheSignItCarries(_ lines: String) throws {
        #expect(Self.warnings(lines).isEmpty, "\(Self.warnings(lines).map(\.message))")
        let loaded = BookedSignTests.load(Self.model(lines), files: Self.files)
        #expect(try BookedSignTests.value(loaded, "avv") != nil)
    }

    /// The closing note's case: a revenue of SIE amounts negated in a formula of no kind
    /// (`intakt_netto = -SUM(utfall_sie[konto])`) carries them positive: neither K0224 nor
    /// K0225, and the variance is +20. As read, it is refused (K0224) and not warned of twice.
    @Test func aSIERevenueNegatedInAFormulaIsRightAndAsReadIsRefusedOnce() throws {
        let negated = BookedSignFlowTests.model("intakter[ansvar, month]: kr = -SUM(utfall_sie[konto])")
        let loaded = BookedSignTests.load(negated, files: BookedSignFlowTests.files)
        #expect(loaded.diagnostics.filter { [.lineKindAgainstReadSigns, .lineKindAgainstBookedSigns].contains($0.code) }.isEmpty,
                "\(loaded.diagnostics.map(\.message))")
        #expect(try BookedSignTests.value(loaded, "avv") == .number(20))
        let asRead = BookedSignTests.load(BookedSignFlowTests.model("intakter[ansvar, month]: kr = SUM(utfall_sie[konto])"), files: BookedSignFlowTests.files)
        #expect(asRead.diagnostics.filter { $0.code == .lineKindAgainstBookedSigns }.count == 1)
        #expect(asRead.diagnostics.filter { $0.code == .lineKindAgainstReadSigns }.isEmpty, "\(asRead.diagnostics.map(\.message))")
    }

    /// A SIE ledger of revenue and costs adds up below zero in a profitable month (-120 + 40),
    /// but its signs are known: costs positive as booked, right in a cost variance. Its amounts
    /// are K0224's to judge, not K0225's: no warning through a formula, nor named in the call
    /// (base19 warned of the second, falsely).
    @Test func aSIELedgersCostsAsBookedAreNotWarnedOfForItsTotal() {
        let model = """
            model "Rev"
            timeline monthly 2024-01 .. 2024-01
            dimension ansvar from "gl.se" sie 1
            dimension konto from "gl.se" sie account 3000 .. 5999
            input utfall_sie[ansvar, konto, month]: kr = data "gl.se" sie vouchers key 1, account missing 0
            input cost budget[ansvar, month]: kr = 50
            personal[ansvar, month]: kr = SUM(utfall_sie[ansvar, "5010"])
            avv[ansvar, month]: kr = VARIANCE(personal, budget)
            avv2[ansvar, konto, month]: kr = VARIANCE(utfall_sie, budget)

            """
        let loaded = BookedSignTests.load(model)
        #expect(!loaded.diagnostics.contains { $0.code == .lineKindAgainstReadSigns || $0.severity == .error }, "\(loaded.diagnostics.map(\.message))")
    }
}
