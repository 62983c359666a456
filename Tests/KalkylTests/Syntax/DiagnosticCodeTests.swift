@testable import Kalkyl
import Testing

/// Every diagnostic has a stable code (docs/diagnostics.md): the specific ones for the
/// problems met most, and a family's `00` code for the rest. A data file's codes are in
/// DataDiagnosticCodeTests.
@Suite struct DiagnosticCodeTests {
    static let header = "timeline monthly 2021-01 .. 2021-03\n"

    func codes(_ text: String, files: [String: String] = [:], header: String = Self.header) throws -> [String] {
        var all = files
        all["/mem/m.kalkyl"] = header + text
        let loaded = try ModelLoader.load(path: "/mem/m.kalkyl", sources: MemorySources(all, fallback: nil))
        return loaded.diagnostics.map { $0.code?.rawValue ?? "none: \($0.message)" }
    }

    @Test("A model's problem has its code", arguments: [
        ("x = (1 +", "K0109"),
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
        ("input r: % = 2%\nscenario s {\n  r = 5\n}", "K0329"),
        ("input r = 2%\nscenario s {\n  r = 5\n}", "K0329"),
        ("input r: % = 5", "K0329"),
        ("input a: kr = 1\ninput b: FTE = 1\nc = a + b", "K0401"),
        ("input a: kr = 1\nc: FTE = a * 2", "K0402"),
        ("input a: kr = 1\nc = AS(a)", "K0403"),
        ("input a: kr = 1\ninput n = 2\nc = a ^ n", "K0404"),
        ("x = \"" + String(repeating: "a", count: 32_768) + "\"", "K0107"),
        ("x = 1 §", "K0103"),
        ("input y[month] = 1\nx = y[2021-13]", "K0104"),
        ("x = 1__000", "K0105"),
        ("x = 1e400", "K0106"),
        ("x = \"never closed", "K0108"),
        ("x = 1 # a note\u{85}check x_is_large: x > 5", "K0337"),
        ("a = b\nb = a", "K0701"),
    ])
    func aModelsProblemHasItsCode(model: String, code: String) throws {
        #expect(try codes(model) == [code])
    }

    @Test("A formula's problem has its code", arguments: [
        ("dimension d = A, B\ninput v[d] = 1\nx = SUMIF({1, 2}, \">0\")", "K0206"),
        ("input a[month] = 1\ninput b[month] = 1\nx = COUNTIF(a[2021-01] - b[2021-01], 1)", "K0206"),
        ("input y[month] = 1\nx = y", "K0207"),
        ("x = {1, 2} + 1", "K0207"),
        ("input y[month] = 1\nx = ROUND(y[2021-01 .. 2021-02], 0)", "K0207"),
        ("input a = 1\ninput b = a * 2", "K0208"),
        ("x = month", "K0209"),
        ("input y[month] = 1\nx = y[month-1]", "K0209"),
        ("input a = 1\nx[month] = a[2021-01]", "K0210"),
        ("input y[month] = 1\nx = SUM(y[2021-03 .. 2021-01])", "K0211"),
        ("input y[month] = 1\nx = SUM(y[start .. 2021-02])", "K0212"),
        ("dimension d = A, B\ninput y = 1\nx = y[A]", "K0213"),
        ("dimension d = A, B\ninput y[month] = 1\nx[month] = y[d]", "K0213"),
        ("dimension d = A, B\ninput y[d] = 1\nx = y", "K0214"),
        ("input y[month] = 1\nx = y[2021]", "K0216"),
        ("dimension d = A, B\ninput a[d] = 1\ninput b[d, month] = 1\nx = SUMIFS(a[d], b[d], \">0\")", "K0217"),
        ("dimension division = X, Y\ndimension unit in division = A: X, B: Y\ninput c[unit, month] = 1\nx[division] = INDEX(c[unit], 1, 1)", "K0218"),
        ("input a = 1\nx[month] = PREV(a, 0)", "K0219"),
        ("input y[month] = 1\nx[month] = ROLLING(y, 1.5)", "K0221"),
        ("x[month] = QUARTER(month, 13)", "K0221"),
        ("input a[month] = 1\ninput b[month] = 1\nx[month] = VARIANCE(a, b)", "K0222"),
        ("input cost a[month] = 1\ninput revenue b[month] = 1\nx[month] = VARIANCE(a, b)", "K0223"),
    ])
    func aFormulasProblemHasItsCode(model: String, code: String) throws {
        #expect(try codes(model) == [code])
    }

    @Test func problemsOfTheTimelineHaveTheirCodes() throws {
        let yearly = "timeline yearly 2021 .. 2023\n"
        #expect(try codes("input y[year] = 1\nx = y[2021-01]", header: yearly) == ["K0216"])
        #expect(try codes("input y[year] = 1\nx[year] = QTD(y)", header: yearly) == ["K0220"])
        #expect(try codes("x[year] = TERTIAL(year)", header: yearly) == ["K0220"])
        #expect(try codes("fiscal year starts 07", header: yearly) == ["K0220"])
        #expect(try codes("actuals through 2021-02\ndimension version = actual, forecast", header: "") == ["K0215"])
    }

    @Test("A problem of the model's structure has its code", arguments: [
        ("actuals through 2021-02\ndimension version = a, b", "K0308"),
        ("actuals through closed", "K0212"),
        ("input a[month] = 1\ninput cost a[2021-02] = 2", "K0309"),
        ("month = 1", "K0310"),
        ("input a = 1\nscenario base {\n  a = 2\n}", "K0310"),
        ("stock start = 10", "K0311"),
        ("input start = 2021-02\ninput y[month] = 1\nx = SUM(y[start ..])\nscenario s {\n  start = 2021-03\n}", "K0312"),
        ("dimension d = A, B, A", "K0313"),
        ("dimension d = A, B\nx[d, d] = 1", "K0314"),
        ("dimension division = X\ndimension unit in division = A: Y", "K0316"),
        ("dimension unit in nowhere = A: B", "K0317"),
        ("dimension rad = Intäkter, Kostnader\ndimension konto in rad = \"3010\", \"5010\"", "K0318"),
        ("dimension rad = Intäkter: 3000 .. 3999\ndimension konto in rad = \"3010\", \"5010\"", "K0319"),
        ("dimension rad = Intäkter: 3000 .. 3999, Kostnader: 3000 .. 5999\ndimension konto in rad = \"3010\", \"5010\"", "K0320"),
        ("dimension rad = Intäkter: 3999 .. 3000, Kostnader: 3000 .. 5999\ndimension konto in rad = \"3010\", \"5010\"", "K0211"),
        ("timeline monthly 2021-01 .. 2021-02", "K0321"),
        ("model \"a\"\nmodel \"b\"", "K0321"),
        ("language xx", "K0322"),
        ("input y[month] = 1\ninput y[month-1] = 2", "K0323"),
        ("input a = 1\ninput a[2021-01] = 2", "K0210"),
        ("input y[month] = 1\ninput y[2021-03 .. 2021-01] = 2", "K0211"),
        ("dimension d = A\ninput y[month] = 1\ninput y[A] = 2", "K0213"),
        ("dimension d = A\ninput y[d] = 1\ninput y[B] = 2", "K0205"),
        ("input y[month] = 1\nx = 1\nx[2021-01] = 2", "K0306"),
        ("input closed = 2021-01\ninput act[month] = 0\ninput act[2021-03] = 5\nx[month] = IF(month <= closed, act, 0)", "K0324"),
    ])
    func aModelsStructureHasItsCode(model: String, code: String) throws {
        #expect(try codes(model) == [code])
    }

    @Test func aForecastsProblemsHaveTheirCodes() throws {
        let head = "actuals through 2021-02\ndimension enhet = A, B\ninput kost[version, enhet, month]: kr = 0\n"
        #expect(try codes(head + "kost[forecast, A, month] = 1") == ["K0326"])
        #expect(try codes(head + "andel[version, month] = 1\nandel[forecast, month] = 2") == ["K0325"])
        #expect(try codes(head + "annat[forecast, enhet, month] = 1") == ["K0201"])
        #expect(try codes(head + "kost[forecast, enhet, month]: kr = 1") == ["K0309"])
        #expect(try codes(head + "kost[forecast, enhet, month] = kost + 1") == ["K0701"])
        #expect(try codes(head + "kost[forecast, enhet, month] = 1\nkost[forecast, enhet, month] = 2") == ["K0301"])
    }

    @Test func aMemberWithoutItsParentInItsFileHasItsCode() throws {
        let units = ["/mem/units.csv": "id;division\nA;X\nB;\n"]
        #expect(try codes("dimension division = X\ndimension unit in division from \"units.csv\" key id parent division", files: units)
                == ["K0315"])
        // At the member's row, where the cell is to be filled, not at the model (hunt18/t06).
        let loaded = try ModelLoader.load(path: "/mem/m.kalkyl", sources: MemorySources(units.merging(["/mem/m.kalkyl": Self.header
            + "dimension division = X\ndimension unit in division from \"units.csv\" key id parent division\n"]) { a, _ in a }, fallback: nil))
        #expect(loaded.diagnostics.map { "\($0.location?.file.path ?? ""):\($0.location?.line ?? 0)" } == ["/mem/units.csv:3"])
        #expect(loaded.diagnostics.first?.notes.map(\.message) == ["its division is read from this column"])
    }

    @Test func aModelTooLargeToComputeHasItsCode() throws {
        #expect(try codes("dimension a = A1, A2\nx[a, month] = 1", header: "timeline monthly 2021-01 .. 2220-12\n").isEmpty)
        let members = (1...1_000).map { "M\($0)" }.joined(separator: ", ")
        let huge = "dimension a = \(members)\ndimension b = \(members.replacingOccurrences(of: "M", with: "N"))\nx[a, b, month] = 1"
        #expect(try codes(huge, header: "timeline monthly 2021-01 .. 2220-12\n") == ["K0327"])
    }

    @Test("A syntax error has its code", arguments: [
        ("x = ", "K0109"),
        ("x = 1 +", "K0109"),
        ("model 42", "K0109"),
        ("x = (1 + 2", "K0110"),
        ("x = ROUND(1, 2", "K0110"),
        ("x = SUM({1, 2)", "K0110"),
        ("x = ROUND(1; 2)", "K0111"),
        ("x = " + String(repeating: "(", count: 300) + "1" + String(repeating: ")", count: 300), "K0112"),
        ("x = SUM({1, 2; 3})", "K0113"),
        ("x = SUM({1, , 2})", "K0113"),
        ("input a = 1\nx = SUM({1, a})", "K0113"),
        ("input a = 1\nscenario s {\n  input a = 2\n}", "K0309"),
    ])
    func aSyntaxErrorHasItsCode(model: String, code: String) throws {
        #expect(try codes(model) == [code])
    }

    @Test func aTimelineThatCannotBeHasItsCode() throws {
        #expect(try codes("x = 1", header: "timeline monthly 2021-03 .. 2021-01\n") == ["K0114"])
        #expect(try codes("x = 1", header: "timeline monthly 2000-01 .. 2300-01\n") == ["K0114"])
    }

    @Test("A scorecard's problem has its code", arguments: [
        ("measure a in Verksamhet {\n  target at most 1\n}", "K0901"),
        ("dimension perspective = Verksamhet\nmeasure a in Verksamhett {\n  target at most 1\n}", "K0902"),
        ("dimension perspective = Verksamhet\nmeasure a in Verksamhet {\n  assessment = \"uppnåt\"\n}", "K0903"),
        ("dimension perspective = Verksamhet\nmeasure a in Verksamhet {\n  target at most 10\n  outcome = 16\n}\ncheck v: a = \"inte uppnåt\"", "K0903"),
        ("dimension perspective = Verksamhet\nmeasure a in Verksamhet {\n  target at most 3\n  assessment = \"uppnått\"\n}", "K0904"),
        ("dimension perspective = Verksamhet\nmeasure a in Verksamhet {\n  outcome = 3\n}", "K0905"),
        ("dimension perspective = Verksamhet\nmeasure a in Verksamhet {\n  partial at most 4\n  assessment = \"uppnått\"\n}", "K0906"),
        ("dimension perspective = Verksamhet\nmeasure a in Verksamhet {\n  target increase\n  outcome = 75\n}", "K0907"),
        ("dimension perspective = Verksamhet\nmeasure a in Verksamhet {\n  target at most 10\n  partial at least 8\n  outcome = 9\n}", "K0908"),
        ("dimension perspective = Verksamhet\nmeasure a in Verksamhet {\n  baseline = 2\n  target increase\n  partial increase\n}", "K0908"),
        ("dimension perspective = Verksamhet\nmeasure a in Verksamhet {\n  target at most 3\n  target at least 1\n}", "K0909"),
    ])
    func aScorecardsProblemHasItsCode(model: String, code: String) throws {
        #expect(try codes(model) == [code])
    }

    @Test func dataFilesProblemsHaveTheirCodes() throws {
        #expect(try codes("dimension unit from \"none.csv\" key enhet") == ["K0501"])
        let units = ["/mem/units.csv": "enhet;belopp\nA;1\nB;2\n"]
        #expect(try codes("dimension unit = A, B, C\ninput budget[unit] = data \"units.csv\" key enhet column belopp", files: units) == ["K0502"])
        #expect(try codes("dimension unit = A\ninput budget[unit] = data \"units.csv\" key enhet column belopp", files: units) == ["K0503"])
        #expect(try codes("dimension unit = A, B\ninput budget[unit]: kr = data \"units.csv\" key enhet column enhet", files: units)
                == ["K0504", "K0504"])
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

    @Test func aModelThatIsNoTextHasItsCode() throws {
        #expect(try codes("x = 1\u{0}") == ["K0101"])
    }

    /// After a check's first ten failing cells, one note says how many more fail.
    @Test func aCheckFailingInManyCellsEndsWithANote() throws {
        let text = "timeline monthly 2021-01 .. 2021-12\ninput a[month] = 1\ncheck big[month]: a > 2\n"
        let loaded = ModelLoader.load(source: SourceFile(path: "m.kalkyl", text: text))
        let model = try #require(loaded.model), order = try #require(loaded.order)
        let evaluation = Evaluation(model: model, order: order)
        evaluation.evaluateAll()
        let diagnostics = CheckReport(evaluation, file: "m.kalkyl").diagnostics
        #expect(diagnostics.map(\.code) == Array(repeating: .checkFails, count: 10) + [.checkFailsMore])
        #expect(diagnostics.last?.message == "check 'big' fails in 2 more cells")
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
