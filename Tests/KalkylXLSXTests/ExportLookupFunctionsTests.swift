import Foundation
import Kalkyl
@testable import KalkylXLSX
import Testing

/// Array constants, lookups, conditional aggregates and the logical functions of issue 11
/// exported to a workbook: LibreOffice 7.4 must recalculate every cell to Kalkyl's value.
@Suite struct ExportLookupFunctionsTests {
    static let arrays = """
        model "Matriser"
        timeline yearly 2021 .. 2022
        dimension unit = Drift, Nät
        input base[unit] = 10
        input base[Nät] = -2.5E+3
        scaled[unit, year] = base * SUM({1,2;3,4}) + MAX({1E-10,-2.5E+3})
        counted = COUNT({1,"a";3,2}) + SUM({-1,+2})
        small = SUM({1E-10}) * 1E+10

        """

    static let lookups = """
        model "Uppslag"
        timeline yearly 2021 .. 2022
        dimension occupation_code = C1, C2, C3
        dimension employee = E1, E2, E3
        input occupation_name[occupation_code] = "Drifttekniker"
        input occupation_name[C2] = "Nätverkstekniker"
        input occupation_name[C3] = "Utvecklare"
        input revision[occupation_code]: % = 2%
        input revision[C3]: % = 3.5%
        input kind[occupation_code] = "Drift"
        input kind[C3] = "Utveckling"
        input occupation[employee] = "Utvecklare"
        input occupation[E2] = "Drifttekniker"
        input occupation[E3] = "Utvecklar"
        input rate[year]: % = 2%
        input rate[2022]: % = 3%
        xlookup[employee] = XLOOKUP(occupation, occupation_name[occupation_code], revision[occupation_code])
        xlookup_or[employee] = XLOOKUP(occupation, occupation_name[occupation_code], revision[occupation_code], 0)
        xmatch[employee] = XMATCH(occupation, occupation_name[occupation_code])
        match[employee] = MATCH(occupation, occupation_name[occupation_code], 0)
        approximate = MATCH(2.5%, revision[occupation_code])
        index[employee] = INDEX(revision[occupation_code], 2)
        by_year[year] = INDEX({1.02,1.03}, year - 2020) * INDEX(rate[2021 .. 2022], 1, year - 2020)
        year_of_three = XMATCH(3%, rate[2021 .. 2022])
        vlookup = VLOOKUP("b", {"a",1;"b",2}, 2, FALSE)
        vlookup_sorted = VLOOKUP(1.5, {1,"a";2,"b"}, 2)
        hlookup = HLOOKUP(2, {1,2,3;"a","b","c"}, 2)
        lookup = LOOKUP(5.2, {4.14;4.19;5.17;5.77}, {"red";"orange";"yellow";"green"})
        choose[employee] = CHOOSE(2, "a", occupation, "c")
        sumifs = SUMIFS(revision[occupation_code], kind[occupation_code], "Drift", occupation_name[occupation_code], "N*")
        countifs = COUNTIFS(kind[occupation_code], "<>Drift")
        averageifs = AVERAGEIFS(revision[occupation_code], kind[occupation_code], "Drift")
        maxifs = MAXIFS(revision[occupation_code], kind[occupation_code], "D*")
        minifs = MINIFS(revision[occupation_code], kind[occupation_code], "<>x")
        sumproduct = SUMPRODUCT(revision[occupation_code], revision[occupation_code])
        sumproduct_array = SUMPRODUCT({1,2,3}, {4,-2,-4})
        counta = COUNTA(occupation[employee], "", 1)
        ifs[employee] = IFS(occupation = "Utvecklare", 1, occupation = "Drifttekniker", 2)
        switch[employee] = SWITCH(occupation, "Utvecklare", 1, "Drifttekniker", 2, 0)
        switch_miss[employee] = SWITCH(occupation, "Utvecklare", 1)
        xor = XOR(TRUE, revision[C1] > 1%)
        ifna[employee] = IFNA(XLOOKUP(occupation, occupation_name[occupation_code], revision[occupation_code]), -1)
        iferror[employee] = IFERROR(MATCH(occupation, occupation_name[occupation_code], 0), 0)

        """

    func roundTrip(_ model: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let scratch = try Scratch()
        try model.write(toFile: scratch.path("model.kalkyl"), atomically: true, encoding: .utf8)
        let exported = try ExportedModel.make(path: scratch.path("model.kalkyl"), output: scratch.path("model.xlsx"))
        try expectFaithful(exported, sourceLocation: sourceLocation)
    }

    /// Several members over several periods: one block of the Calc sheet, a row per member.
    static let tables = """
        model "Tabeller"
        timeline yearly 2021 .. 2023
        dimension unit = A, B, C
        input x[unit, year] = 1
        input x[A, 2023] = 4
        input x[B, 2022] = 7
        input x[B, 2023] = 9
        input x[C, 2023] = 5
        input w[unit, year] = 2
        picked = INDEX(x[unit, 2021 .. 2023], 2, 2)
        weighted = SUMPRODUCT(x[unit, 2021 .. 2023], w[unit, 2021 .. 2023])
        with_array = SUMPRODUCT(x[unit, 2021 .. 2022], {1,0;0,1;1,1})
        down = VLOOKUP(7, x[unit, 2022 .. 2023], 2, FALSE)
        across = HLOOKUP(4, x[unit, 2021 .. 2023], 2, FALSE)

        """

    @Test func arrayConstantsRecalculateToKalkylsValues() throws { try roundTrip(Self.arrays) }
    @Test func tablesOfMembersOverPeriodsRecalculateToKalkylsValues() throws { try roundTrip(Self.tables) }
    @Test func lookupsConditionalAggregatesAndLogicalFunctionsRecalculateToKalkylsValues() throws { try roundTrip(Self.lookups) }

    /// What Excel 2016 and LibreOffice 7.4 lack is written as older functions where they compute
    /// the same; otherwise under Excel's stored name.
    @Test func functionsExcel2016LacksAreWrittenAsOlderOnesWhereTheyComputeAlike() throws {
        let scratch = try Scratch()
        try """
            model "Former"
            dimension code = C1, C2
            input name[code] = "a"
            input name[C2] = "b"
            input rate[code] = 1
            default_modes = XLOOKUP("b", name[code], rate[code])
            not_found = XLOOKUP("x", name[code], rate[code], -1)
            next_larger = XLOOKUP("a", name[code], rate[code], , 1)
            pattern = XLOOKUP("a*", name[code], rate[code])
            position = XMATCH("b", name[code])
            first_true = IFS(rate[C1] > 1, 1, rate[C2] > 0, 2)
            cases = SWITCH(rate[C1], 1, "one", 2, "two", "other")
            largest = MAXIFS(rate[code], name[code], "a")
            or_else = IFNA(MATCH("x", name[code], 0), 0)
            either = XOR(rate[C1] > 0, rate[C2] > 0)
            joined = TEXTJOIN(",", TRUE, name[code])

            """.write(toFile: scratch.path("model.kalkyl"), atomically: true, encoding: .utf8)
        let exported = try ExportedModel.make(path: scratch.path("model.kalkyl"), output: scratch.path("model.xlsx"))
        let formulas = try exported.workbook.cells(of: "Calc").compactMap(\.formula)
        for expected in [
            #"INDEX(Inputs!$E$7:$E$8,MATCH("b",Inputs!$E$4:$E$5,0))"#,
            #"IF(ISNA(MATCH("x",Inputs!$E$4:$E$5,0)),-1,INDEX(Inputs!$E$7:$E$8,MATCH("x",Inputs!$E$4:$E$5,0)))"#,
            #"_xlfn.XLOOKUP("a",Inputs!$E$4:$E$5,Inputs!$E$7:$E$8,,1)"#,
            #"_xlfn.XLOOKUP("a*",Inputs!$E$4:$E$5,Inputs!$E$7:$E$8)"#,
            #"MATCH("b",Inputs!$E$4:$E$5,0)"#,
            #"IF(Inputs!$E$7>1,1,IF(Inputs!$E$8>0,2,NA()))"#,
            #"IF(Inputs!$E$7=1,"one",IF(Inputs!$E$7=2,"two","other"))"#,
            #"_xlfn.MAXIFS(Inputs!$E$7:$E$8,Inputs!$E$4:$E$5,"a")"#,
            #"_xlfn.IFNA(MATCH("x",Inputs!$E$4:$E$5,0),0)"#,
            #"_xlfn.XOR(Inputs!$E$7>0,Inputs!$E$8>0)"#,
            #"_xlfn.TEXTJOIN(",",TRUE,Inputs!$E$4:$E$5)"#,
        ] {
            #expect(formulas.contains(expected), "\(expected) not among \(formulas)")
        }
    }
}
