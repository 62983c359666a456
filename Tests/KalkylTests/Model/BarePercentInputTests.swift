@testable import Kalkyl
import Testing

/// A number without `%` above 1 set for a `%` input (issue 10): a scenario's `rate = 5` and
/// `--set rate=5` made a 2 % rate 500 %, with exit 0. Refused, with both readings and what to
/// write; a fraction and a number with its sign read one way.
@Suite struct BarePercentInputTests {
    static let model = """
        timeline monthly 2024-01 .. 2024-03
        dimension unit = A, B
        input rate: % = 2%
        input written = 2%
        input plain = 2
        input bracketed = (2%)
        input signed = +2%
        input negative = -(2%)
        input share[unit]: % = 50%
        input growth[month]: % = 1%
        cost[unit, month] = 100 * (1 + rate + growth) * share

        """

    func load(_ text: String) -> LoadedModel { ModelLoader.load(source: SourceFile(path: "m.kalkyl", text: text)) }

    @Test(arguments: [
        ("scenario s {\n  rate = 5\n}", "'5' for the % input 'rate' could be read two ways: as 5 %, or as 500 %, since a number without '%' is a fraction (0.05 is 5 %)",
         "write 5% for 5 per cent, or the fraction, 0.05", "13:10"),
        ("scenario s {\n  written = 5\n}", "'5' for the % input 'written' could be read two ways: as 5 %, or as 500 %", "write 5% for 5 per cent, or the fraction, 0.05", "13:13"),
        ("scenario s {\n  share[A] = -12.5\n}", "'-12.5' for the % input 'share' could be read two ways: as -12.5 %, or as -1250 %",
         "write -12.5% for -12.5 per cent, or the fraction, -0.125", "13:14"),
        ("scenario s {\n  bracketed = 5\n}", "'5' for the % input 'bracketed' could be read two ways", "write 5% for 5 per cent, or the fraction, 0.05", "13:15"),
        ("scenario s {\n  signed = 5\n}", "'5' for the % input 'signed' could be read two ways", "write 5% for 5 per cent, or the fraction, 0.05", "13:12"),
        ("scenario s {\n  negative = 5\n}", "'5' for the % input 'negative' could be read two ways", "write 5% for 5 per cent, or the fraction, 0.05", "13:14"),
        ("scenario s {\n  growth[2024-02 ..] = (3)\n}", "'(3)' for the % input 'growth' could be read two ways", "write 3% for 3 per cent, or the fraction, 0.03", "13:24"),
        ("input share[B]: % = 75", "'75' for the % input 'share' could be read two ways: as 75 %, or as 7500 %", "write 75% for 75 per cent, or the fraction, 0.75", "12:21"),
        ("input other: % = 1.5", "'1.5' for the % input 'other' could be read two ways: as 1.5 %, or as 150 %", "write 1.5% for 1.5 per cent, or the fraction, 0.015", "12:18"),
    ])
    func aBareNumberAboveOneForAPercentInputIsAnError(_ statement: String, _ message: String, _ hint: String, _ at: String) throws {
        let loaded = load(Self.model + statement + "\n")
        #expect(loaded.model == nil)
        let d = try #require(loaded.diagnostics.first, "no diagnostic")
        #expect(loaded.diagnostics.count == 1, "\(DiagnosticRenderer.render(loaded.diagnostics))")
        #expect(d.message.hasPrefix(message), "\(d.message)")
        #expect(d.hint == hint)
        #expect(d.code == .barePercentInput)
        #expect(d.location.map { "\($0.line):\($0.column)" } == at)
    }

    @Test(arguments: [
        "scenario s {\n  rate = 5%\n}", "scenario s {\n  rate = 0.05\n}", "scenario s {\n  rate = 1\n}", "scenario s {\n  rate = -1\n}",
        "scenario s {\n  rate = 500 / 100\n}", "scenario s {\n  plain = 5\n}", "scenario s {\n  share[A] = 150%\n}", "input share[B]: % = 0.75",
    ])
    func aFractionASignedNumberOrAFormulaReadsOneWay(_ statement: String) throws {
        let loaded = load(Self.model + statement + "\n")
        #expect(loaded.diagnostics.isEmpty, "\(DiagnosticRenderer.render(loaded.diagnostics))")
        #expect(loaded.model != nil)
    }

    @Test(arguments: [("rate=5", 6), ("rate = 12,5", 7), ("written=5", 9), ("bracketed=5", 11), ("signed=5", 8), ("negative=5", 10), ("share[A]=50", 10), ("growth[2024-02..]=3", 19)])
    func aWhatIfOfABareNumberAboveOneIsRefused(_ text: String, _ column: Int) throws {
        let e = try evaluate(Self.model)
        let (assignment, problems) = e.model.parseAssignment(text)
        #expect(assignment == nil)
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("input") == true && problems.first?.message.contains("could be read two ways: as ") == true,
                "\(problems.map(\.message))")
        #expect(problems.first?.code == .whatIf)
        #expect(problems.first?.location?.column == column)
    }

    @Test(arguments: [("rate=5%", 0.05), ("rate=0,05", 0.05), ("rate=1", 1), ("plain=5", 5), ("share[A]=0.5", 0.5)])
    func aWhatIfThatReadsOneWayIsSet(_ text: String, _ value: Double) throws {
        let e = try evaluate(Self.model)
        let (assignment, problems) = e.model.parseAssignment(text)
        #expect(problems.isEmpty, "\(problems.map(\.message))")
        e.set([try #require(assignment)])
        let name = String(text.prefix { $0 != "=" && $0 != "[" })
        #expect(e.numbers(name).first == value)
    }
}
