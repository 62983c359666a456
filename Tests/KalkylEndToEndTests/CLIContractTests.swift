import Foundation
import Testing

/// The command-line contract of cli.md, checked on the real binary.
@Suite struct CLIContractTests {
    let example = "formulas/lansteknik-2021.kalkyl"

    @Test func checkSucceedsOnTheExamples() throws {
        let run = try KalkylBinary.run(["check", example, "formulas/lansteknik-investments-2021.kalkyl"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("lansteknik-2021.kalkyl: ok"))
    }

    @Test func errorsExitOneWithFileLineColumn() throws {
        let path = try KalkylBinary.temporaryModel("a = 1\nb = a + nope\n")
        let run = try KalkylBinary.run(["check", path])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("\(path):2:9: error: unknown name 'nope'\nb = a + nope\n        ^~~~\n"))
        let eval = try KalkylBinary.run(["eval", path])
        #expect(eval.status == 1)
        #expect(eval.stdout.isEmpty)
    }

    @Test func anUnreadableFileExitsThree() throws {
        let run = try KalkylBinary.run(["eval", "formulas/no-such-model.kalkyl"])
        #expect(run.status == 3)
        #expect(run.stderr.contains("formulas/no-such-model.kalkyl: no such file"))
        #expect(try KalkylBinary.run(["check", "formulas"]).status == 3)
    }

    /// A data file the model names that is not there is a file that cannot be read (3), as
    /// the README says, not a mistake in the model (1); the message still points at the path.
    @Test func aMissingDataFileExitsThree() throws {
        let path = try KalkylBinary.temporaryModel("dimension unit from \"data/units.csv\" key enhet\n")
        for command in ["check", "eval"] {
            let run = try KalkylBinary.run([command, path])
            #expect(run.status == 3, "\(command): \(run.stderr)")
            #expect(run.stderr.contains("\(path):1:21: error: cannot find the data file 'data/units.csv'"), "\(run.stderr)")
        }
    }

    @Test("Wrong usage exits two", arguments: [
        ["check"], ["eval"], ["frobnicate"], ["eval", "formulas/lansteknik-2021.kalkyl", "--format", "xml"],
        ["eval", "formulas/lansteknik-2021.kalkyl", "--scenario", "nope"],
        ["eval", "formulas/lansteknik-2021.kalkyl", "--set", "nope=1"],
        ["eval", "formulas/lansteknik-2021.kalkyl", "--set", "employees=1"],
        ["eval", "formulas/lansteknik-2021.kalkyl", "--set", "hiring_stop"],
        ["eval", "formulas/lansteknik-2021.kalkyl", "--set", "planned_hires[2030-01]=1"],
        ["eval", "formulas/lansteknik-2021.kalkyl", "employes"],
        // Two scenarios: the first was dropped without a word (red team, session 19, hunt19/t10).
        ["eval", "formulas/lansteknik-2021.kalkyl", "--scenario", "hiring_stop", "--scenario", "base"],
        ["explain", "formulas/lansteknik-2021.kalkyl", "employees[2021-04]", "--scenario", "hiring_stop", "--scenario", "base"],
        ["watch", "formulas/lansteknik-2021.kalkyl", "--scenario", "hiring_stop", "--scenario", "base"],
    ])
    func usage(arguments: [String]) throws {
        let run = try KalkylBinary.run(arguments)
        #expect(run.status == 2, "\(arguments): \(run.stderr)")
        #expect(!run.stderr.isEmpty)
    }

    @Test func jsonHasTheContractedShape() throws {
        let run = try KalkylBinary.run(["eval", example, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        // The contract's keys, and the additions docs/cli.md records (a monthly model's totals).
        #expect(Set(object.keys) == ["model", "scenario", "periods", "values", "total_periods", "totals"])
        #expect(object["model"] as? String == "Länsteknik 2021")
        #expect(object["scenario"] as? String == "base")
        let periods = try #require(object["periods"] as? [String])
        #expect(periods.count == 12 && periods.first == "2021-01" && periods.last == "2021-12")
        let values = try #require(object["values"] as? [String: Any])
        #expect(values["employees_start"] as? Double == 137)
        let employees = try #require(values["employees"] as? [Double])
        #expect(employees.count == 12 && employees[3] == 131)
    }

    @Test func jsonWritesErrorsTextAndBooleansAsContracted() throws {
        let path = try KalkylBinary.temporaryModel("""
        timeline monthly 2021-01 .. 2021-02
        input a = 0
        ratio = 1 / a
        name = "Länsteknik"
        flag = a = 0
        s[month] = IF(month = 2021-01, "jan", 1 / a)
        """)
        let run = try KalkylBinary.run(["eval", path, "--format", "json"])
        #expect(run.status == 0, "an error value is a value, not a failure: \(run.stderr)")
        #expect(run.stdout.contains(##""ratio": "#DIV/0!""##))
        #expect(run.stdout.contains(#""name": "Länsteknik""#))
        #expect(run.stdout.contains(#""flag": true"#))
        #expect(run.stdout.contains(##""s": ["jan", "#DIV/0!"]"##))
    }

    @Test func namedOutputsPrintOnlyThoseNames() throws {
        let run = try KalkylBinary.run(["eval", example, "--format", "json", "employees", "headcount_change"])
        let values = try #require((try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])?["values"] as? [String: Any])
        #expect(Set(values.keys) == ["employees", "headcount_change"])
    }

    @Test func csvHasAHeaderAndOneRowPerName() throws {
        let run = try KalkylBinary.run(["eval", example, "--format", "csv", "employees_start", "employees"])
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("name,label,unit,member,value,2021-01,"))
        #expect(lines[1].hasPrefix("employees_start,Anställda december 2020,persons,,137,"))
        #expect(lines[2] == "employees,Antal anställda,persons,,,135,134,132,131,131,133,135,137,139,139,139,139")
    }

    @Test func tableIsLabelledAndAligned() throws {
        let run = try KalkylBinary.run(["eval", example, "employees", "personnel_cost_per_april"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "Länsteknik 2021")
        #expect(lines.contains("Personalkostnad per april  28 496 035 kr"))
        let header = try #require(lines.first { $0.contains("2021-01") })
        let row = try #require(lines.first { $0.hasPrefix("Antal anställda") })
        #expect(header.count == row.count, "columns line up:\n\(header)\n\(row)")
        #expect(row.hasSuffix("139"))
    }

    @Test func scenariosChangeTheValues() throws {
        let run = try KalkylBinary.run(["eval", example, "--scenario", "hiring_stop", "--format", "json", "forecast_result_mnkr"])
        #expect(run.stdout.contains(#""scenario": "hiring_stop""#))
        #expect(run.stdout.contains(#""forecast_result_mnkr": 8"#))
    }

    @Test func statsAreOneJSONObjectOnStderr() throws {
        let run = try KalkylBinary.run(["eval", example, "--stats", "--format", "json"])
        let stats = try #require(try JSONSerialization.jsonObject(with: Data(run.stderr.utf8)) as? [String: Double])
        #expect(Set(stats.keys) == ["parse_ms", "graph_ms", "eval_ms", "update_ms", "cells", "formula_cells", "recomputed_cells"])
        #expect(stats["update_ms"] == 0 && stats["recomputed_cells"] == 0)
        #expect(stats["cells"] == 150 && stats["formula_cells"] == 94)
    }

    @Test("--set on all of an input, one period, or a range", arguments: [
        ("hiring_stop=1", "employees", "131,131,131,131,131,131,131,131"),
        ("planned_hires[2021-06]=5", "employees", "131,136,138,140,142,142,142,142"),
        ("planned_hires[2021-06..2021-09]=0", "employees", "131,131,131,131,131,131,131,131"),
        ("planned_hires[2021-06 ..]=1", "employees", "131,132,133,134,135,136,137,138"),
    ])
    func setAnInput(assignment: String, name: String, mayToDecember: String) throws {
        let run = try KalkylBinary.run(["eval", example, "--set", assignment, "--stats", "--format", "csv", name])
        #expect(run.status == 0, "\(run.stderr)")
        let row = run.stdout.split(separator: "\n").dropFirst().first.map(String.init)
        #expect(row == "employees,Antal anställda,persons,,,135,134,132,131," + mayToDecember)
        let stats = try #require(try JSONSerialization.jsonObject(with: Data(run.stderr.utf8)) as? [String: Double])
        #expect((stats["recomputed_cells"] ?? 0) > 0)
    }

    @Test func setMatchesTheSameChangeAsAScenario() throws {
        let viaSet = try KalkylBinary.run(["eval", example, "--set", "hiring_stop=1", "--format", "json"])
        let viaScenario = try KalkylBinary.run(["eval", example, "--scenario", "hiring_stop", "--format", "json"])
        #expect(viaSet.stdout.replacingOccurrences(of: "\"scenario\": \"base\"", with: "") ==
                viaScenario.stdout.replacingOccurrences(of: "\"scenario\": \"hiring_stop\"", with: ""))
    }
}

@Suite struct CheckCommandTests {
    @Test func aFailedCheckIsAnErrorWithItsValues() throws {
        let run = try KalkylBinary.run(["check", "formulas/region-net-cost-2023.kalkyl"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("formulas/region-net-cost-2023.kalkyl:"))
        #expect(run.stderr.contains("error: check 'ratio_2022_ties' fails: 0.101 = 0.049 is FALSE"))
        #expect(run.stderr.contains("hint: The report prints 4,9 % for 2022"))
        #expect(!run.stderr.contains("ratio_2023_ties"), "only the failing check is reported")
    }

    @Test func evalWarnsOfFailedChecksButSucceeds() throws {
        let run = try KalkylBinary.run(["eval", "formulas/region-net-cost-2023.kalkyl", "--format", "csv"])
        #expect(run.status == 0)
        #expect(run.stderr.contains("warning: 1 check fails: 'ratio_2022_ties'"))
        #expect(!run.stdout.contains("ratio_2022_ties"), "checks are not values to print")
    }

    /// A closed month with no row in the actuals file: a warning naming the file and the
    /// month, exit 0, the figures printed (issue 10).
    @Test func aClosedMonthWithoutActualsIsWarnedAboutAndExitsZero() throws {
        let path = try KalkylBinary.temporaryModel("""
            timeline monthly 2024-01 .. 2024-12
            input closed = 2024-07
            actuals through closed
            dimension ansvar = A, B
            input kost[version, ansvar, month]: kr = 0
            input kost[actual, ansvar, month] = data "gl.csv" long key ansvar period period amount belopp sum missing 0
            utfall_hittills[ansvar]: kr = SUM(kost[actual, 2024-01 .. closed])
            """)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try "ansvar;period;belopp\nA;202406;110\nB;202406;110\n".write(to: folder.appendingPathComponent("gl.csv"), atomically: true, encoding: .utf8)
        for command in ["check", "eval"] {
            let run = try KalkylBinary.run([command, path])
            #expect(run.status == 0, "\(command): \(run.stderr)")
            #expect(run.stderr.contains("\(path):6:42: warning: gl.csv holds no actuals for 2024-07, closed (actuals through 2024-07)"), "\(run.stderr)")
        }
        // Rolled forward: the year's ledger through July (a file holding July alone is warned of, K0328).
        let year = (1...7).map { "A;20240\($0);110\n" }.joined()
        try ("ansvar;period;belopp\n" + year).write(to: folder.appendingPathComponent("gl.csv"), atomically: true, encoding: .utf8)
        let rolled = try KalkylBinary.run(["check", path])
        #expect(rolled.status == 0 && !rolled.stderr.contains("warning"), "\(rolled.stderr)")
    }

    /// A `wide` file missing a period column of the timeline: a warning, exit 0 (issue 10).
    @Test func aWideFileMissingAPeriodColumnIsWarnedAbout() throws {
        let path = try KalkylBinary.temporaryModel("""
            timeline monthly 2024-01 .. 2024-04
            dimension ansvar = A, B
            input budget[ansvar, month]: kr = data "budget_q1.csv" wide key ansvar
            year[ansvar]: kr = SUM(budget)
            """)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try "ansvar;2024-01;2024-02;2024-03\nA;1;2;3\nB;4;5;6\n".write(to: folder.appendingPathComponent("budget_q1.csv"), atomically: true, encoding: .utf8)
        let run = try KalkylBinary.run(["check", path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("\(path):3:40: warning: budget_q1.csv has no column for 2024-04, so 'budget' is blank there"), "\(run.stderr)")
    }
}
