import Foundation
@testable import Kalkyl
import Testing

/// A stock read from a data file whose closing month is blank (December not filled in yet)
/// totalled its year as 0 (red team, session 19): its year is now the last month given, and
/// the check says which month is blank, for whom and in which file (K0226).
@Suite struct BlankClosingMonthTests {
    static let antal = """
        enhet;2026-01;2026-02;2026-03;2026-04;2026-05;2026-06;2026-07;2026-08;2026-09;2026-10;2026-11;2026-12
        IT;12;12;13;13;13;14;14;14;15;15;15;
        HR;4;4;4;5;5;5;5;5;5;5;5;6

        """

    static let model = """
        model "Personal"
        timeline monthly 2026-01 .. 2026-12
        dimension enhet = IT, HR
        input stock antal[enhet, month]: persons = data "antal.csv" wide key enhet

        """

    func load(_ model: String = Self.model, antal: String = Self.antal) -> LoadedModel {
        ModelLoader.load(source: SourceFile(path: "/m/model.kalkyl", text: model),
                         sources: MemorySources(["/m/model.kalkyl": model, "/m/antal.csv": antal], fallback: nil))
    }

    func yearTotals(_ e: Evaluation, _ name: String) -> [String: [Value]] {
        let slot = e.model.slot(named: name)!
        let column = e.values(of: slot)
        let kind = e.model.totalKind(of: slot, values: column.values)
        let m = e.model.memberCount(of: slot)
        var out: [String: [Value]] = [:]
        for member in 0..<m {
            out[e.model.memberNames(of: slot, member: member).joined()] = e.model.totalGroups.map { g in
                kind.value(of: g.periods.map { column[$0 * m + member] })
            }
        }
        return out
    }

    @Test func theYearIsTheLastMonthGivenNotZero() throws {
        let e = try evaluate(Self.model, files: ["antal.csv": Self.antal])
        // T1, T2, T3 and the year: IT's December is blank, so its T3 and year are November's 15.
        #expect(yearTotals(e, "antal") == ["IT": [.number(13), .number(14), .number(15), .number(15)],
                                          "HR": [.number(5), .number(5), .number(6), .number(6)]])
        let table = EvalReport(evaluation: e, slots: [e.model.slot(named: "antal")!]).table(model: e.model)
        let it = try #require(table.split(separator: "\n").first { $0.hasPrefix("  IT") })
        #expect(it.hasSuffix(" 15"), "\(table)")
    }

    @Test func theBlankMonthIsWarnedOfAtTheInputWithTheFileAndTheMember() throws {
        let found = load().diagnostics.filter { $0.code == .blankClosingMonth }
        #expect(found.count == 1, "\(found.map(\.message))")
        let warning = try #require(found.first)
        #expect(warning.severity == .warning)
        #expect(warning.message.contains("2026-12 is blank for IT in antal.csv"), "\(warning.message)")
        #expect(warning.message.contains("its 2026 (and T3 2026) shows the last month given, 2026-11's 15"), "\(warning.message)")
        #expect(warning.location?.line == 4)
    }

    @Test func aFullFileOrAMonthSetInTheModelIsNotWarnedOf() {
        let full = Self.antal.replacingOccurrences(of: "15;15;15;\n", with: "15;15;15;16\n")
        #expect(load(antal: full).diagnostics.filter { $0.code == .blankClosingMonth }.isEmpty)
        let set = Self.model + "input antal[2026-12] = 16\n"
        #expect(load(set).diagnostics.filter { $0.code == .blankClosingMonth }.isEmpty)
    }

    @Test func aFlowWithABlankDecemberIsNotWarnedOf() {
        let flow = Self.model.replacingOccurrences(of: "input stock antal", with: "input flow antal")
        #expect(load(flow).diagnostics.filter { $0.code == .blankClosingMonth }.isEmpty)
    }
}
