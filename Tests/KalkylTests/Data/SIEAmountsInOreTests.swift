import Foundation
@testable import Kalkyl
import Testing

/// A SIE voucher is booked in öre: kronor with at most two decimals, debit equal to credit to
/// the öre. A voucher off by 0.001 (`#TRANS … 1234567.891` against `-1234567.89`) was taken as
/// balanced, since its lines were summed as doubles and judged to within half an öre
/// (hunt18/p3/r.se). An amount with a fraction of an öre is now an error at the amount, and a
/// voucher balances when its lines add up to 0 öre exactly.
@Suite struct SIEAmountsInOreTests {
    static func voucher(_ amounts: [String]) -> SIEFile {
        let lines = amounts.enumerated().map { k, a in "#TRANS \(k == amounts.count - 1 ? 1930 : 5010) {} \(a)" }
        let text = "#KONTO 5010 \"Hyra\"\n#KONTO 1930 \"Bank\"\n#VER A 1 20240116 \"y\"\n{\n" + lines.joined(separator: "\n") + "\n}\n"
        return SIEFile(bytes: Array(text.utf8), path: "r.se")
    }

    static func shown(_ file: SIEFile) -> [String] {
        file.diagnostics.map { "\($0.location!.line):\($0.location!.column) \($0.code?.rawValue ?? "") \($0.message)" }
    }

    @Test func anAmountWithAFractionOfAnOreIsAnErrorAtTheAmount() {
        #expect(Self.shown(Self.voucher(["1234567.891", "-1234567.89"])) == [
            "5:16 K0548 '1234567.891' is not a whole number of öre: a voucher's lines are booked in kronor with at most two decimals",
        ])
        #expect(Self.shown(Self.voucher(["0.10", "0.201", "-0.30"])).map { $0.prefix(10) } == ["6:16 K0548"])
    }

    /// Zeros past the second decimal are no fraction of an öre; a voucher of two-decimal lines
    /// that add up to 0 öre balances, whatever their sum as doubles.
    @Test func wholeOreBalanceExactly() {
        #expect(Self.voucher(["1234.500", "0.10", "0.20", "-1234.80"]).diagnostics.isEmpty)
        #expect(Self.voucher(["-0.5", "0.50"]).diagnostics.isEmpty)
        #expect(Self.voucher(["300000000000000.01", "-300000000000000.01"]).diagnostics.isEmpty)
    }

    /// One öre off is unbalanced, however large the amounts: 300,000,000,000,000.01 and
    /// -300,000,000,000,000.00 are the same double, so their sum as doubles was 0.
    @Test func anOreOffIsUnbalancedExactly() {
        #expect(Self.shown(Self.voucher(["300000000000000.01", "-300000000000000.00"])) == [
            "3:1 K0521 voucher A 1 of 20240116 does not balance: its lines add up to 0.01, not 0",
        ])
        #expect(Self.shown(Self.voucher(["100.00", "-100.01"])).map { $0.suffix(32) } == ["its lines add up to -0.01, not 0"])
    }

    @Test func anAmountReadsInOreAsWritten() {
        func ore(_ text: String) -> SIEAmountText.Ore {
            Array(text.utf8).withUnsafeBufferPointer { SIEAmountText.ore($0) }
        }
        #expect(ore("-1234.5") == .exact(-123450))
        #expect(ore("1234.500") == .exact(123450))
        #expect(ore("0.07") == .exact(7))
        #expect(ore("12") == .exact(1200))
        #expect(ore("1.001") == .fraction)
        #expect(ore("123456789012345678") == .unknown)
        #expect(ore("1-2") == .unknown)
    }

    /// A balance of the books (`#IB`, `#UB`, `#RES`, `#PSALDO`) is a sum of vouchers booked in
    /// öre, but was read with a fraction of an öre without a word (session 20, resid/04:
    /// `#PSALDO 0 202401 5010 {} 1234.567` read as 1,234.567 kr). It is an error at the amount
    /// now; a `#PBUDGET` spread by a formula may carry fractions, and reads as before.
    @Test func aBalanceWithAFractionOfAnOreIsAnErrorButABudgetIsNot() {
        let text = """
            #KONTO 5010 "Hyra"
            #IB 0 5010 100.005
            #UB 0 5010 200.50
            #RES 0 5010 1234.567
            #PSALDO 0 202401 5010 {} 1234.567
            #PBUDGET 0 202401 5010 {} 333.3333
            #PSALDO 0 202402 5010 {} 1234.560

            """
        let file = SIEFile(bytes: Array(text.utf8), path: "r.se")
        #expect(Self.shown(file) == [
            "2:12 K0548 '100.005' is not a whole number of öre: a #IB balance is a sum of vouchers booked in kronor with at most two decimals",
            "4:13 K0548 '1234.567' is not a whole number of öre: a #RES balance is a sum of vouchers booked in kronor with at most two decimals",
            "5:26 K0548 '1234.567' is not a whole number of öre: a #PSALDO balance is a sum of vouchers booked in kronor with at most two decimals",
        ])
        #expect(file.diagnostics.first?.hint == "export the file again, or correct the amount to öre (only #PBUDGET, a budget, may carry fractions)")
        #expect(file.balances.count == 6)
    }
}
