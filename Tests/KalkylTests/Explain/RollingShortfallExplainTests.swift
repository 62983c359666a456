import Foundation
@testable import Kalkyl
import Testing

/// `ROLLING(x, n)` is #N/A in the timeline's first n−1 periods (the workbook's `SUM(#N/A)`);
/// explain showed the window and "#N/A starts here" with no word of why. It now says the
/// window has fewer than n periods, in the tree and where the error starts.
@Suite struct RollingShortfallExplainTests {
    static let model = """
        model "Roll"
        timeline monthly 2024-01 .. 2024-06
        input x[month]: kr = 10
        r[month]: kr = ROLLING(x, 3)

        """

    static func table(_ cell: String) throws -> String {
        let loaded = BookedSignTests.load(Self.model, files: [:])
        let checked = try #require(loaded.model, "\(loaded.diagnostics.map(\.message))")
        let evaluation = Evaluation(model: checked, order: try #require(loaded.order))
        evaluation.evaluateAll()
        let x = Explainer.explain(try checked.cell(named: cell).get(), in: evaluation)
        return ExplainReport(x, in: evaluation).table(model: checked)
    }

    static let why = "fewer than 3, so #N/A (the timeline's first 2 periods have fewer than 3 up to them)"

    @Test func aWindowShorterThanItsPeriodsSaysWhyItIsNotAvailable() throws {
        let second = try Self.table("r[2024-02]")
        #expect(second.contains("└─ ROLLING(3) over x[2024-01 .. 2024-02]: 2 cells, " + Self.why + "\n"), "\(second)")
        #expect(second.contains("#N/A starts here, in r[2024-02]: ROLLING(x, 3)\n  where x[2024-01 .. 2024-02]: 2 cells, " + Self.why), "\(second)")
        // The first period's window of one cell is said to be short too, not shown as the cell alone.
        let first = try Self.table("r[2024-01]")
        #expect(first.contains("└─ ROLLING(3) over x[2024-01]: 1 cell, " + Self.why + "\n"), "\(first)")
        #expect(first.contains("  where x[2024-01]: 1 cell, " + Self.why), "\(first)")
    }

    @Test func aFullWindowSaysNothingOfIt() throws {
        let third = try Self.table("r[2024-03]")
        #expect(third.contains("r[2024-03] = 30 kr"), "\(third)")
        #expect(third.contains("└─ ROLLING(3) over x[2024-01 .. 2024-03]: 3 cells\n"), "\(third)")
        #expect(!third.contains("fewer than"), "\(third)")
    }
}
