import Foundation
@testable import Kalkyl
import Testing

/// A staff file's `75 %` typed in the salary column was read as 0.75 kr, and the total salary
/// was off by the whole salary with exit 0 (red team, session 18, hunt18/t07). A cell written
/// with `%` in an input of kronor is an error at the cell; elsewhere it reads as before.
@Suite struct PercentInMoneyTests {
    func load(_ model: String, _ files: [String: String]) throws -> LoadedModel {
        try InMemoryModel.load("timeline monthly 2024-01 .. 2024-02\n" + model, files: files)
    }

    func shown(_ loaded: LoadedModel) -> [String] { InMemoryModel.shown(loaded) }

    static let staff = "id;lön;grad\n1;30 000;100 %\n2;75 %;75 %\n"

    @Test func aPercentageInAColumnOfKronorIsRefusedAtTheCell() throws {
        let loaded = try load("dimension anst from \"s.csv\" key id\ninput lon[anst]: kr = column lön", ["s.csv": Self.staff])
        #expect(shown(loaded) == ["s.csv:3:3: error: '75 %' is a percentage, but the column is read as an amount in kronor"])
        #expect(loaded.diagnostics.first?.code == .notANumber)
        for unit in ["tkr", "mnkr"] {
            let scaled = try load("dimension anst from \"s.csv\" key id\ninput lon[anst]: \(unit) = column lön", ["s.csv": Self.staff])
            #expect(scaled.diagnostics.count == 1)
        }
    }

    @Test func aLedgersAmountWithAPercentSignIsRefused() throws {
        let loaded = try load("dimension ansvar = A\ninput u[ansvar, month]: kr = data \"gl.csv\" long key ansvar period period amount belopp sum missing 0",
                              ["gl.csv": "ansvar;period;belopp\nA;202401;100\nA;202402;5 %\n"])
        #expect(shown(loaded) == ["gl.csv:3:10: error: '5 %' is a percentage, but the column is read as an amount in kronor"])
    }

    /// A degree of employment in FTE, a % input and a plain one read `75 %` as 0.75, as before.
    @Test func otherUnitsReadAPercentageAsBefore() throws {
        let loaded = try load("""
            dimension anst from "s.csv" key id
            input fte[anst]: FTE = column grad
            input andel[anst]: % = column grad
            input tal[anst] = column grad
            """, ["s.csv": Self.staff])
        #expect(loaded.diagnostics.isEmpty, "\(shown(loaded))")
        let e = Evaluation(model: try #require(loaded.model), order: try #require(loaded.order))
        e.evaluateAll()
        #expect(["fte", "andel", "tal"].map { e.value($0, member: 1) } == Array(repeating: .number(0.75), count: 3))
    }
}
