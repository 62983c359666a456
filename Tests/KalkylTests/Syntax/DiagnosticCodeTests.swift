@testable import Kalkyl
import Testing

/// Every diagnostic has a stable code (docs/diagnostics.md): the specific ones for the
/// problems met most, and a family's `00` code for the rest.
@Suite struct DiagnosticCodeTests {
    static let header = "timeline monthly 2021-01 .. 2021-03\n"

    func codes(_ text: String, files: [String: String] = [:]) throws -> [String] {
        var all = files
        all["/mem/m.kalkyl"] = Self.header + text
        let loaded = try ModelLoader.load(path: "/mem/m.kalkyl", sources: MemorySources(all, fallback: nil))
        return loaded.diagnostics.map { $0.code?.rawValue ?? "none: \($0.message)" }
    }

    @Test("A model's problem has its code", arguments: [
        ("x = (1 +", "K0100"),
        ("input employees = 1\nx = employes + 1", "K0201"),
        ("x = SUMM(1)", "K0202"),
        ("x = ROUND(1)", "K0203"),
        ("input y[month] = 1\nx = y[2030-01]", "K0204"),
        ("input y[month] = 1\nx[month] = y[foo]", "K0205"),
        ("x = 1\nx = 2", "K0301"),
        ("input a = 1\nscenario s {\n  a = 2\n}\nscenario s {\n  a = 3\n}", "K0302"),
        ("dimension d = A, B\ndimension d = C", "K0303"),
        ("dimension d = A, B\ndimension e = B, C", "K0304"),
        ("input a = 1\nscenario s {\n  nope = 2\n}", "K0305"),
        ("input a = 1\nb = a * 2\nscenario s {\n  b = 2\n}", "K0306"),
        ("input a: kr = 1\ninput b: FTE = 1\nc = a + b", "K0401"),
        ("input a: kr = 1\nc: FTE = a * 2", "K0402"),
        ("input a: kr = 1\nc = AS(a)", "K0403"),
        ("x = \"" + String(repeating: "a", count: 32_768) + "\"", "K0107"),
        ("x = 1 §", "K0103"),
        ("input y[month] = 1\nx = y[2021-13]", "K0104"),
        ("x = 1__000", "K0105"),
        ("x = 1e400", "K0106"),
        ("x = \"never closed", "K0108"),
        ("a = b\nb = a", "K0701"),
    ])
    func aModelsProblemHasItsCode(model: String, code: String) throws {
        #expect(try codes(model) == [code])
    }

    @Test func dataFilesProblemsHaveTheirCodes() throws {
        #expect(try codes("dimension unit from \"none.csv\" key enhet") == ["K0501"])
        let units = ["/mem/units.csv": "enhet;belopp\nA;1\nB;2\n"]
        #expect(try codes("dimension unit = A, B, C\ninput budget[unit] = data \"units.csv\" key enhet column belopp", files: units) == ["K0502"])
        #expect(try codes("dimension unit = A\ninput budget[unit] = data \"units.csv\" key enhet column belopp", files: units) == ["K0503"])
        #expect(try codes("dimension unit = A, B\ninput budget[unit]: kr = data \"units.csv\" key enhet column enhet", files: units)
                .allSatisfy { $0 == "K0500" })
    }

    @Test func aFailingCheckAndAWhatIfHaveTheirCodes() throws {
        let loaded = ModelLoader.load(source: SourceFile(path: "m.kalkyl", text: Self.header + "input a = 1\ncheck big: a > 2\n"))
        let model = try #require(loaded.model), order = try #require(loaded.order)
        let evaluation = Evaluation(model: model, order: order)
        evaluation.evaluateAll()
        #expect(CheckReport(evaluation, file: "m.kalkyl").diagnostics.map(\.code) == [.checkFails])
        #expect(model.parseAssignment("nope=1").1.map(\.code) == [.whatIf])
        #expect(model.parseAssignment("a=(1").1.map(\.code) == [.whatIf])
    }

    @Test func aSeriesWithoutATimelineHasItsCode() {
        let loaded = ModelLoader.load(source: SourceFile(path: "m.kalkyl", text: "input a[month] = 1\n"))
        #expect(loaded.diagnostics.map(\.code) == [.seriesWithoutTimeline], "\(loaded.diagnostics.map(\.message))")
    }

    @Test func everyCodeIsOfTheFormKAndFourDigitsAndUnique() {
        let raw = DiagnosticCode.all.map(\.rawValue)
        #expect(Set(raw).count == raw.count)
        #expect(raw.allSatisfy { $0.count == 5 && $0.first == "K" && $0.dropFirst().allSatisfy(\.isNumber) })
        #expect(raw == raw.sorted())
    }
}
