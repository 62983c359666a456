@testable import Kalkyl
import Testing

/// `utfall_sie[ansvar, "5010"]` in a formula over `[ansvar, month]` is refused as giving several
/// values, rightly: a dimension named in the brackets is every member of it (`SUM(kost[ansvar])`
/// is the total in a share), and the formula's own member is the one left out (`u["5010"]`).
/// But the hint said to write SUM(u[ansvar, "5010"]), which puts every ansvar's total in each
/// ansvar's cell, a wrong figure with exit 0 for who follows it (session 20, resid/05). The
/// error now says what the name means there and hints the reference without it first.
@Suite struct OwnDimensionNamedTests {
    static let model = """
        timeline monthly 2024-01 .. 2024-02
        dimension ansvar = "110", "120"
        dimension konto = "5010", "5020"
        input u[ansvar, konto, month]: kr = 1

        """

    @Test func theFormulasOwnDimensionNamedIsHintedOutFirst() throws {
        let loaded = try InMemoryModel.load(Self.model + "p[ansvar, month]: kr = u[ansvar, \"5010\"]", files: [:])
        #expect(loaded.diagnostics.map(\.message) == [
            "'u' gives several values here: 'ansvar' in its brackets means every member of it, not the one this formula computes",
        ])
        #expect(loaded.diagnostics.first?.code == .severalValues)
        #expect(loaded.diagnostics.first?.hint == "leave it out for this formula's own, u[5010]; aggregate for all of them, as in SUM(u[ansvar, 5010])")
    }

    /// The reference the hint gives reads the formula's own member: 1 in each cell, where the
    /// SUM the hint gave before reads 2 (both ansvar).
    @Test func theHintedReferenceReadsTheOwnMember() throws {
        let loaded = try InMemoryModel.load(Self.model + "p[ansvar, month]: kr = u[5010]\nq[ansvar, month]: kr = SUM(u[ansvar, 5010])", files: [:])
        #expect(loaded.diagnostics.isEmpty)
        let e = Evaluation(model: try #require(loaded.model), order: try #require(loaded.order))
        e.evaluateAll()
        #expect(e.value("p", period: 0, member: 0) == .number(1))
        #expect(e.value("q", period: 0, member: 0) == .number(2))
    }

    /// A dimension the formula does not have, named without an aggregate, keeps its message.
    @Test func anotherDimensionNamedKeepsItsMessage() throws {
        let loaded = try InMemoryModel.load(Self.model + "p[month]: kr = u[ansvar, \"5010\"]", files: [:])
        #expect(loaded.diagnostics.map(\.message) == ["'u' gives several values here; aggregate it, as in SUM(u[ansvar, 5010])"])
    }
}
