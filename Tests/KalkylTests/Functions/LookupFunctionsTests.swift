import Testing
@testable import Kalkyl

/// The lookups' own edge cases: errors, empty cells, text, booleans, shapes, and a miss that
/// is #N/A (or XLOOKUP's if_not_found), never 0.
@Suite struct LookupFunctionsTests {
    func eval(_ formula: String, _ references: [String: Value] = [:]) -> Value? {
        FormulaEvaluator.evaluate(formula, references: references)
    }

    @Test func xlookupFindsExactlyAndAMissIsNotAvailable() {
        #expect(eval(#"=XLOOKUP("b",{"a";"b";"c"},{10;20;30})"#) == .number(20))
        #expect(eval(#"=XLOOKUP("B",{"a";"b";"c"},{10;20;30})"#) == .number(20))      // without case
        #expect(eval(#"=XLOOKUP("x",{"a";"b";"c"},{10;20;30})"#) == .error(.na))
        #expect(eval(#"=XLOOKUP("x",{"a";"b";"c"},{10;20;30},"none")"#) == .text("none"))
        #expect(eval(#"=XLOOKUP("x",{"a";"b";"c"},{10;20;30},)"#) == .error(.na))      // left empty: no fallback
        // A number never equals a text, and XLOOKUP's exact match reads no wildcards.
        #expect(eval(#"=XLOOKUP(1,{"1";1},{"text";"number"})"#) == .text("number"))
        #expect(eval(#"=XLOOKUP("a*",{"abc";"a*"},{1;2})"#) == .number(2))
        #expect(eval(#"=XLOOKUP("a*",{"abc";"a*"},{1;2},,2)"#) == .number(1))
        #expect(eval("=XLOOKUP(TRUE,{1;TRUE},{1;2})") == .number(2))
    }

    @Test func xlookupPropagatesTheLookupValuesErrorAndChecksShapes() {
        #expect(eval(#"=XLOOKUP(1/0,{1;2},{3;4},"none")"#) == .error(.div0))
        #expect(eval("=XLOOKUP(1,{1;2;3},{1;2})") == .error(.value))        // different lengths
        #expect(eval("=XLOOKUP(1,{1,2;3,4},{1;2})") == .error(.value))      // not a row or a column
        #expect(eval("=XLOOKUP(2,{1,2,3},{10,20,30})") == .number(20))      // along a row
        #expect(eval("=XLOOKUP(2,{1;2},{1,2;3,4})") == .error(.value))      // a whole row does not fit a cell
        #expect(eval("=XLOOKUP(1,{1;2},{1;2},,5)") == .error(.value))       // no such match mode
        #expect(eval("=XLOOKUP(1,{1;2},{1;2},,0,3)") == .error(.value))     // no such search mode
        #expect(eval("=XLOOKUP(1,{1;2},{#N/A;2})") == .error(.na))          // the cell found is returned as it is
    }

    @Test func xlookupsNearestMatchesAndSearchModes() {
        #expect(eval(#"=XLOOKUP(4.5,{2;5;4;5;3},{"a";"b";"c";"d";"e"},,-1)"#) == .text("c"))
        #expect(eval(#"=XLOOKUP(4.5,{2;5;4;5;3},{"a";"b";"c";"d";"e"},,1)"#) == .text("b"))
        #expect(eval(#"=XLOOKUP(5,{2;5;4;5;3},{"a";"b";"c";"d";"e"},,0,-1)"#) == .text("d"))
        #expect(eval(#"=XLOOKUP(4.5,{2;3;4;5;6},{"a";"b";"c";"d";"e"},,1,2)"#) == .text("d"))
        #expect(eval(#"=XLOOKUP(4.5,{6;5;4;3;2},{"a";"b";"c";"d";"e"},,-1,-2)"#) == .text("c"))
    }

    @Test func xmatchGivesThePosition() {
        #expect(eval(#"=XMATCH("c",{"a","b","c"})"#) == .number(3))
        #expect(eval(#"=XMATCH("z",{"a","b","c"})"#) == .error(.na))
        #expect(eval(#"=XMATCH("b*",{"a";"bb";"b"},2,-1)"#) == .number(3))
        #expect(eval(#"=XMATCH("^b+$",{"a";"bb";"b"},3)"#) == .number(2))
        #expect(eval(#"=XMATCH("(",{"a"},3)"#) == .error(.value))          // a regular expression that does not compile
    }

    @Test func matchExactApproximateAndDescending() {
        #expect(eval("=MATCH(5.5,{1;3;5;7})") == .number(3))
        #expect(eval("=MATCH(0,{1;3;5;7})") == .error(.na))
        #expect(eval("=MATCH(5,{7;5;3;1},-1)") == .number(2))
        #expect(eval("=MATCH(4,{7;5;3;1},-1)") == .number(2))
        #expect(eval(#"=MATCH("b?",{"a";"bc";"b"},0)"#) == .number(2))   // wildcards in an exact match
        #expect(eval(#"=MATCH("~*",{"a";"*"},0)"#) == .number(2))
        #expect(eval(#"=MATCH("5",{5},0)"#) == .error(.na))
        #expect(eval("=MATCH(x,{1;2},0)", ["x": .blank]) == .error(.na))
        #expect(eval("=MATCH(1,{1,2;3,4},0)") == .error(.na))             // not a row or a column
        #expect(eval(#"=MATCH(1,{1;2},"x")"#) == .error(.value))
        #expect(eval("=MATCH(#REF!,{1;2},0)") == .error(.ref))
    }

    @Test func indexPicksByRowAndColumn() {
        #expect(eval("=INDEX({1,2;3,4},2,1)") == .number(3))
        #expect(eval("=INDEX({1,2,3},2)") == .number(2))                  // one row: the number is the column
        #expect(eval("=INDEX({1;2;3},3)") == .number(3))
        #expect(eval("=INDEX({1,2;3,4},3,1)") == .error(.ref))
        #expect(eval("=INDEX({1,2;3,4},1,3)") == .error(.ref))
        #expect(eval("=INDEX({1,2;3,4},-1,1)") == .error(.value))
        #expect(eval("=INDEX({1,2;3,4},0,1)") == .error(.value))          // a whole column is not one value
        #expect(eval("=INDEX({1,2;3,4},2)") == .error(.value))            // nor a whole row
        #expect(eval("=INDEX({1;2},1,0)") == .number(1))                  // 0 of one column is the column
        #expect(eval("=INDEX({1;2},1,1,2)") == .error(.ref))              // there is one area
        #expect(eval(#"=INDEX({1;2},"2")"#) == .number(2))
        #expect(eval(#"=INDEX({1;2},"two")"#) == .error(.value))
        #expect(eval("=INDEX({1;2},1.9)") == .number(1))
        #expect(eval("=INDEX(7,1,1)") == .number(7))
    }

    @Test func vlookupAndHlookup() {
        let table = #"{"a",1,"x";"b",2,"y";"c",3,"z"}"#
        #expect(eval(#"=VLOOKUP("b",\#(table),3,FALSE)"#) == .text("y"))
        #expect(eval(#"=VLOOKUP("bb",\#(table),2)"#) == .number(2))       // sorted: the last at most "bb"
        #expect(eval(#"=VLOOKUP("bb",\#(table),2,FALSE)"#) == .error(.na))
        #expect(eval(#"=VLOOKUP("bb",\#(table),2,)"#) == .error(.na))      // left empty is FALSE
        #expect(eval(#"=VLOOKUP("b*",\#(table),2,FALSE)"#) == .number(2))
        #expect(eval(#"=VLOOKUP("b",\#(table),4,FALSE)"#) == .error(.ref))
        #expect(eval(#"=VLOOKUP("b",\#(table),0,FALSE)"#) == .error(.value))
        #expect(eval(#"=VLOOKUP("b","text",1)"#) == .error(.value))
        #expect(eval(#"=HLOOKUP(2,{1,2,3;"a","b","c"},2,FALSE)"#) == .text("b"))
        #expect(eval(#"=HLOOKUP(2.5,{1,2,3;"a","b","c"},2)"#) == .text("b"))
        #expect(eval(#"=HLOOKUP(0,{1,2,3;"a","b","c"},2)"#) == .error(.na))
        #expect(eval(#"=HLOOKUP(2,{1,2,3;"a","b","c"},3,FALSE)"#) == .error(.ref))
    }

    @Test func lookupInVectorAndArrayForm() {
        #expect(eval(#"=LOOKUP(5.2,{4.14;4.19;5.17;5.77},{"red";"orange";"yellow";"green"})"#) == .text("yellow"))
        #expect(eval(#"=LOOKUP(1,{4.14;4.19},{"red";"orange"})"#) == .error(.na))
        #expect(eval(#"=LOOKUP("b",{"a","b","c";1,2,3})"#) == .number(2))   // wider than tall: along the first row
        #expect(eval(#"=LOOKUP(2,{1,"a";2,"b";3,"c"})"#) == .text("b"))     // taller: down the first column
        #expect(eval("=LOOKUP(1/0,{1;2})") == .error(.div0))
    }

    @Test func chooseTruncatesItsIndex() {
        #expect(eval(#"=CHOOSE(2,"a","b","c")"#) == .text("b"))
        #expect(eval(#"=CHOOSE(2.9,"a","b","c")"#) == .text("b"))
        #expect(eval(#"=CHOOSE(TRUE,"a")"#) == .text("a"))
        #expect(eval(#"=CHOOSE(0,"a")"#) == .error(.value))
        #expect(eval(#"=CHOOSE(4,"a","b","c")"#) == .error(.value))
        #expect(eval(#"=CHOOSE("x","a")"#) == .error(.value))
        #expect(eval(#"=CHOOSE(1,"a",1/0)"#) == .text("a"))               // the branch not chosen does not matter
        #expect(eval("=CHOOSE(2,1,)") == .number(0))                      // an empty choice is 0
    }

    @Test func lookupsOverADimensionOfAModel() throws {
        let evaluation = try evaluate("""
            model "Lönerevision"
            dimension occupation_code = C1, C2, C3
            dimension employee = E1, E2, E3
            input occupation_name[occupation_code] = "Drifttekniker"
            input occupation_name[C2] = "Nätverkstekniker"
            input occupation_name[C3] = "Utvecklare"
            input revision[occupation_code]: % = 2%
            input revision[C3]: % = 3.5%
            input occupation[employee] = "Utvecklare"
            input occupation[E2] = "Drifttekniker"
            input occupation[E3] = "Utvecklar"
            employee_revision[employee]: % = XLOOKUP(occupation, occupation_name[occupation_code], revision[occupation_code])
            position[employee] = MATCH(occupation, occupation_name[occupation_code], 0)
            by_index[employee] = INDEX(revision[occupation_code], IFERROR(position, 1))
            """)
        let values = evaluation.model.slot(named: "employee_revision").map { evaluation.values(of: $0) }
        #expect(values.map { [$0[0], $0[1], $0[2]] } == [.number(0.035), .number(0.02), .error(.na)])
        #expect(evaluation.numbers("position") == [3, 1, nil])
        #expect(evaluation.numbers("by_index") == [0.035, 0.02, 0.02])
    }

    /// Several members over several periods are a table, a row per member and a column per
    /// period, as the workbook lays them out (the cells are stored period by period).
    @Test func aTableOfSeveralMembersOverSeveralPeriodsIsReadRowByRow() throws {
        let evaluation = try evaluate("""
            model "A"
            timeline yearly 2021 .. 2023
            dimension unit = A, B, C
            input x[unit, year] = 1
            input x[A, 2023] = 4
            input x[B, 2022] = 7
            input x[B, 2023] = 9
            input x[C, 2023] = 5
            input w[unit, year] = 2
            picked = INDEX(x[unit, 2021 .. 2023], 2, 2)
            last_of_c = INDEX(x[unit, 2021 .. 2023], 3, 3)
            whole_row = INDEX(x[unit, 2021 .. 2023], 2, 0)
            weighted = SUMPRODUCT(x[unit, 2021 .. 2023], w[unit, 2021 .. 2023])
            with_array = SUMPRODUCT(x[unit, 2021 .. 2022], {1,0;0,1;1,1})
            other_shape = SUMPRODUCT(x[unit, 2021 .. 2023], w[unit, 2021 .. 2022])
            down = VLOOKUP(7, x[unit, 2022 .. 2023], 2, FALSE)
            across = HLOOKUP(4, x[unit, 2021 .. 2023], 2, FALSE)
            not_a_vector = MATCH(7, x[unit, 2021 .. 2023], 0)
            """)
        #expect(evaluation.numbers("picked") == [7])
        #expect(evaluation.numbers("last_of_c") == [5])
        #expect(evaluation.numbers("whole_row") == [nil], "a whole row does not fit in a cell")
        #expect(evaluation.numbers("weighted") == [60])
        #expect(evaluation.numbers("with_array") == [10], "the array's rows are the members")
        #expect(evaluation.numbers("other_shape") == [nil])
        #expect(evaluation.numbers("down") == [9])
        #expect(evaluation.numbers("across") == [9])
        #expect(evaluation.numbers("not_a_vector") == [nil], "MATCH searches one row or column")
    }

    @Test func aGroupsMembersOverSeveralPeriodsAreNoTable() {
        expectDiagnostics("""
            model "A"
            timeline yearly 2021 .. 2022
            dimension unit = A, B
            dimension employee in unit = E1: A, E2: A, E3: B
            input x[employee, year] = 1
            y[unit] = INDEX(1️⃣x[employee, 2021 .. 2022], 1, 1)
            z = SUMIF(2️⃣{1,2}, ">1")
            """, [("1️⃣", "INDEX reads a table, and this range gives each member of the group its own members over several periods"),
                  ("2️⃣", "SUMIF's range needs cells of the model here")])
    }
}
