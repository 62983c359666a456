import Foundation
@testable import Kalkyl
import Testing

/// A scenario or `--set` that changed the profile a yearly amount is spread by (`spread by
/// profil`) changed nothing: the amounts are spread when the data is read, by the model's
/// profile, so July stayed 0 kr with its weight set from 0 to 1 and January 109 091 kr (100 000
/// each asked), and `diff` listed only the profile (red team, session 20, hunt20/t03). Both are
/// errors now: K0335 in a scenario, K1000 for `--set`.
@Suite struct SpreadProfileOverrideTests {
    static let model = """
        timeline monthly 2024-01 .. 2024-12
        dimension ansvar = "110"
        input profil[month] = 1
        input profil[2024-07] = 0
        input budget[ansvar, month]: kr = data "b.csv" key Ansvar column Budget spread by profil
        input lön: kr = 40_000
        """
    static let files = ["b.csv": "Ansvar;Budget\n110;1 200 000\n"]

    @Test func aScenarioChangingTheProfileIsRefused() throws {
        let loaded = try InMemoryModel.load(Self.model + "\nscenario jämn \"Jämn\" {\n  profil[2024-07] = 1\n}", files: Self.files)
        #expect(InMemoryModel.shown(loaded) == ["m.kalkyl:8:3: error: 'profil' is the profile 'budget' is spread by, "
                                                + "which is spread when its data is read; a scenario cannot change it"])
        #expect(loaded.diagnostics.map(\.code) == [.scenarioChangesASpreadProfile])
    }

    @Test func setChangingTheProfileIsRefused() throws {
        let loaded = try InMemoryModel.load(Self.model, files: Self.files)
        let model = try #require(loaded.model)
        let (assignment, problems) = model.parseAssignment("profil[2024-07]=1")
        #expect(assignment == nil)
        #expect(problems.map(\.message) == ["'profil' is the profile 'budget' is spread by, which is spread when its data is read; --set cannot change it"])
        #expect(problems.map(\.code) == [.whatIf])
    }

    /// Another input of the model is set as before, in a scenario and by `--set`.
    @Test func otherInputsAreSetAsBefore() throws {
        let loaded = try InMemoryModel.load(Self.model + "\nscenario höjning \"Höjning\" {\n  lön = 41_000\n}", files: Self.files)
        #expect(loaded.diagnostics.isEmpty, "\(InMemoryModel.shown(loaded))")
        let (assignment, problems) = try #require(loaded.model).parseAssignment("lön=42000")
        #expect(assignment != nil && problems.isEmpty)
    }
}
