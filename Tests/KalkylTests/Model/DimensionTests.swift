@testable import Kalkyl
import Testing

/// Dimensions: definitions over members × periods, a bare name meaning the same member,
/// aggregates that take a dimension away, one member picked by name.
@Suite struct DimensionTests {
    let model = """
    dimension unit = Datacenter, Nätverk, MT
    timeline monthly 2021-01 .. 2021-03
    input budget[unit] = 100
    input budget[MT] = 150
    input cost[unit, month] = 10
    input cost[Datacenter, 2021-02] = 20
    input start[unit] = 5
    share[unit, month] = cost / SUM(cost[unit])
    total[month] = SUM(cost[unit])
    year[unit] = SUM(cost)
    variance[unit] = budget - year
    dc = cost[Datacenter, 2021-02]
    scaled[unit, month] = cost * 2 + budget
    mixed[month] = cost[MT] + total
    staff[unit, month] = PREV(staff, start) + 1
    cumulative[unit, month] = YTD(cost)
    scenario more "More" {
      budget[Nätverk] = 200
      cost[MT, 2021-03 ..] = 0
    }
    """

    /// A definition's values as [member][period] (or [member] for one without periods).
    func grid(_ e: Evaluation, _ name: String) -> [[Double?]] {
        let slot = e.model.slot(named: name)!
        let m = e.model.memberCount(of: slot)
        let p = e.model.definitions[slot].isSeries ? e.model.timeline.count : 1
        let block = e.values(of: slot)
        return (0..<m).map { member in (0..<p).map { block[$0 * m + member].number } }
    }

    @Test func aggregatesTakeADimensionAway() throws {
        let e = try evaluate(model)
        #expect(e.numbers("total") == [30, 40, 30])
        #expect(grid(e, "year") == [[40], [30], [30]])
        #expect(grid(e, "variance") == [[60], [70], [120]])
        #expect(e.value("dc") == .number(20))
        #expect(e.numbers("mixed") == [40, 50, 40])
    }

    @Test func aBareNameMeansTheSameMember() throws {
        let e = try evaluate(model)
        #expect(grid(e, "scaled") == [[120, 140, 120], [120, 120, 120], [170, 170, 170]])
        #expect(grid(e, "share")[0] == [10.0 / 30, 0.5, 10.0 / 30])
        #expect(grid(e, "staff") == [[6, 7, 8], [6, 7, 8], [6, 7, 8]])
        #expect(grid(e, "cumulative")[0] == [10, 30, 40])
    }

    @Test func scenariosOverrideMembers() throws {
        let e = try evaluate(model, scenario: "more")
        #expect(grid(e, "budget") == [[100], [200], [150]])
        #expect(grid(e, "cost")[2] == [10, 10, 0])
        #expect(e.numbers("total") == [30, 40, 20])
    }

    @Test func setUpdatesOneMember() throws {
        let e = try evaluate(model)
        let report = e.set([e.model.parseAssignment("budget[MT]=160").0!])
        #expect(grid(e, "variance")[2] == [130])
        #expect(report.changedSlots.map { e.model.definitions[$0].name }.sorted() == ["budget", "scaled", "variance"])
    }

    /// `kost[3999]` on a monthly timeline: a four-digit code that is no member reads like a year,
    /// and is named as the member it most likely is meant to be; without dimensions it is a year.
    @Test func aYearLikeCodeThatIsNoMemberIsNamedAsOne() {
        let codes = """
        timeline monthly 2024-01 .. 2024-03
        dimension konto = "3110", "3910", "5010"
        input kost[konto, month] = 1
        input plain[month] = 2

        """
        expectDiagnostics(codes + """
        x = kost[1️⃣3999, 2024-01]
        y = plain[2️⃣2024]
        """, [("1️⃣", "'3999' is not a member of konto, and a year is no period on a monthly timeline"),
              ("2️⃣", "2024 is a year, but the timeline is monthly; write a month such as 2024-01")])
        #expect(diagnostics(of: codes + "x = kost[3919, 2024-01]").first?.hint == "did you mean '3910'?")
        #expect(diagnostics(of: codes + "x = kost[7777, 2024-01]").first?.hint?.contains("in quotes if need be: \"7777\"") == true)
        #expect(diagnostics(of: codes + "x = kost[3910, 2024-01]").isEmpty, "a member's code is the member")
    }

    @Test func mismatchedDimensionsAreErrors() {
        expectDiagnostics(model + """

        dimension account = Lön, Hyra
        input rent[account] = 1
        bad[month] = 1️⃣cost
        worse[unit] = budget + 2️⃣rent
        picked = cost[3️⃣Datacentre, 2021-01]
        wrong = rent[4️⃣MT]
        range[unit] = 5️⃣cost[2021-01 .. 2021-02]
        """, [("1️⃣", "'cost' is per unit, but this formula has no dimension"),
              ("2️⃣", "'rent' is per account, but this formula is per unit"),
              ("3️⃣", "'Datacentre' is not a dimension, a member or a period"),
              ("4️⃣", "'MT' is a member of 'unit', which 'rent' does not have"),
              ("5️⃣", "gives several values here")])
        let found = diagnostics(of: model + "\nx = cost[Datacentre, 2021-01]")
        #expect(found.first?.hint == "did you mean 'Datacenter'?")
    }

    @Test func membersMustBeUnmistakable() {
        expectDiagnostics("""
        dimension unit = MT, 1️⃣mt, "Data center", 2️⃣Datacenter
        dimension other = 3️⃣MT
        """, [("1️⃣", "'mt' and 'MT' differ only by case or spacing"),
              ("2️⃣", "'Datacenter' and 'Data center' differ only by case or spacing"),
              ("3️⃣", "'MT' is already a member of 'unit'")])
    }

    @Test func unknownMembersInAssignments() {
        expectDiagnostics(model + "\ninput budget[1️⃣Support] = 3\n", [("1️⃣", "'Support' is not a member of 'unit'")])
    }
}

/// Hierarchies: units that roll up to divisions, with totals that never count a unit twice.
@Suite struct HierarchyTests {
    let model = """
    dimension division = Länsteknik, Service
    dimension unit in division = Datacenter: Länsteknik, Nätverk: Länsteknik,
        MT: Länsteknik, Städ: Service
    input cost[unit] = 10
    input cost[Städ] = 5
    division_cost[division] = SUM(cost[unit])
    total = SUM(cost[unit])
    share[unit] = cost / division_cost
    everything[division] = SUM(cost[Datacenter]) + total
    """

    @Test func aParentSumsOnlyItsOwnMembers() throws {
        let e = try evaluate(model)
        #expect(e.value("division_cost", member: 0) == .number(30))
        #expect(e.value("division_cost", member: 1) == .number(5))
        #expect(e.value("total") == .number(35))
        #expect(e.value("everything", member: 1) == .number(45))
    }

    @Test func aMemberReadsItsParentsFigure() throws {
        let e = try evaluate(model)
        #expect(e.value("share", member: 0) == .number(10.0 / 30))
        #expect(e.value("share", member: 3) == .number(1))
    }

    @Test func anUpdateReachesTheParentOfTheChangedMember() throws {
        let e = try evaluate(model)
        let report = e.set([e.model.parseAssignment("cost[Städ]=7").0!])
        #expect(e.value("division_cost", member: 1) == .number(7))
        #expect(e.value("division_cost", member: 0) == .number(30))
        #expect(e.value("share", member: 0) == .number(10.0 / 30))
        // cost[Städ], division_cost[Service], total, share[Städ], everything (both divisions read total).
        #expect(report.recomputedCells == 1 + 1 + 1 + 1 + 2)
    }

    @Test func parentsMustExist() {
        expectDiagnostics("""
        dimension division = Länsteknik
        dimension unit in division = Datacenter: 1️⃣Länstekni
        dimension other in 2️⃣nowhere = A: B
        """, [("1️⃣", "'Länstekni' is not a member of 'division'"), ("2️⃣", "'nowhere' is not a dimension defined above 'other'")])
    }
}
