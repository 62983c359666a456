@testable import Kalkyl
import Testing

/// Cells as the command line names them: `NAME`, `NAME[PERIOD]`, `NAME[MEMBER, PERIOD]`, and
/// what is said when a name, period or member is wrong.
@Suite struct CellReferenceTests {
    let model = """
    timeline monthly 2021-01 .. 2021-06
    dimension unit = Datacenter, Nätverk, MT
    dimension account = Lön, "Hyra och el"
    input rate = 2
    input staff[month] = 10
    input cost[unit, account, month] = 1
    input budget[unit] = 100
    """

    func cell(_ text: String) throws -> Result<CellReference, CellReferenceError> {
        try evaluate(model).model.cell(named: text)
    }

    func message(_ text: String) throws -> String? {
        if case .failure(let e) = try cell(text) { return e.message }
        return nil
    }

    @Test func scalarsSeriesAndMembers() throws {
        let m = try evaluate(model).model
        #expect(try cell("rate").get() == CellReference(slot: m.slot(named: "rate")!))
        #expect(try cell(" staff[2021-04] ").get() == CellReference(slot: m.slot(named: "staff")!, period: 3))
        #expect(try cell("staff[2021-4]").get().period == 3)
        #expect(try cell("budget[MT]").get() == CellReference(slot: m.slot(named: "budget")!, member: 2))
        // Members in the definition's order, last dimension fastest; any order of parts.
        let c = try cell("cost[2021-02, \"Hyra och el\", Nätverk]").get()
        #expect(c == CellReference(slot: m.slot(named: "cost")!, period: 1, member: 1 * 2 + 1))
        #expect(m.text(of: c) == "cost[Nätverk, \"Hyra och el\", 2021-02]")
        #expect(m.blockIndex(of: c) == 1 * 6 + 3)
    }

    /// Issue 10 (the review of watch): the name of a cell whose member has a space or an
    /// escaped line break (`\u2028`, `\u0085`) at either end reads back as that cell; the
    /// quoted member was trimmed after its escapes were read, so `t["m7\u2028"]` named no member.
    @Test func aMemberWithWhitespaceAtItsEndsReadsBack() throws {
        let m = try evaluate("""
        timeline monthly 2021-01 .. 2021-01
        dimension u = "m7\u{2028}", "\u{85}lead", " space", "tail ", "\u{2029}both\u{85}", plain
        input t[u, month] = 1
        """).model
        let slot = try #require(m.slot(named: "t"))
        for member in 0..<6 {
            let cell = CellReference(slot: slot, period: 0, member: member)
            let text = m.text(of: cell)
            #expect(try m.cell(named: text).get() == cell, "\(text)")
        }
        #expect(m.text(of: CellReference(slot: slot, period: 0, member: 0)) == "t[\"m7\\u2028\", 2021-01]")
        // What is outside the quotes is trimmed still.
        #expect(try m.cell(named: "t[ \"tail \" ,  2021-01 ]").get().member == 3)
        #expect(try m.cell(named: "t[ plain , 2021-01]").get().member == 5)
    }

    @Test("Wrong cells say what is wrong, with a did-you-mean", arguments: [
        ("stafff[2021-04]", "'stafff' is not defined in the model; did you mean 'staff'?"),
        ("staff", "'staff' is a series; name a period, as in staff[2021-06]"),
        ("staff[2021-07]", "2021-07 is not a period of the timeline 2021-01 .. 2021-06; did you mean 2021-01?"),
        ("staff[2021-13]", "2021-13 is not a period of the timeline 2021-01 .. 2021-06; did you mean 2021-03?"),
        ("rate[2021-01]", "'rate' has no periods; leave out 2021-01"),
        ("staff[MT, 2021-01]", "'staff' has no dimensions, so 'MT' names no member of it"),
        ("budget[Datacentre]", "'Datacentre' is not a member of unit; did you mean 'Datacenter'?"),
        ("budget", "'budget' is per unit; name a member, as in budget[Datacenter]"),
        ("cost[MT, 2021-01]", "'cost' is per account; name a member, as in cost[MT, Lön, 2021-06]"),
        ("budget[MT, Nätverk]", "'budget[MT, Nätverk]' gives two members of unit; name one"),
        ("staff[2021-01, 2021-02]", "'staff[2021-01, 2021-02]' gives two periods; name one"),
        ("staff[2021-01", "'staff[2021-01' lacks its closing ']'; did you mean staff[2021-01]?"),
        ("staff[2021-01,]", "'staff[2021-01,]' has an empty part between its brackets"),
        ("", "name a cell: NAME, NAME[PERIOD] or NAME[MEMBER, PERIOD]"),
    ])
    func errors(text: String, expected: String) throws {
        #expect(try message(text) == expected)
    }
}
