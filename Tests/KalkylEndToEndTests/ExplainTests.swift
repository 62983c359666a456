import Foundation
import Testing

/// `kalkyl explain` on the real binary: the tree for people, the JSON for scripts, and the
/// exit codes for cells that are not in the model.
@Suite struct ExplainTests {
    let example = "formulas/lansteknik-2021.kalkyl"

    let small = """
    model "Liten"
    timeline monthly 2021-01 .. 2021-04
    dimension unit = Datacenter, MT
    ## Anställda
    input stock headcount[month]: persons = 10
    input headcount[2021-03] = 0
    input budget: kr = 1_000
    input cost[unit, month]: kr = 5
    ## Kostnad per anställd
    ratio[month]: kr/persons = budget / headcount
    total: kr/persons = SUM(ratio)
    units[month]: kr = SUM(cost[unit])
    scenario lean "Snålt" {
      budget = 800
    }

    """

    @Test func theTreeShowsFormulasInputsAndWhereAnErrorStarts() throws {
        let path = try KalkylBinary.temporaryModel(small)
        let run = try KalkylBinary.run(["explain", path, "total"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        #expect(run.stdout == """
        Liten

        total = #DIV/0!
        │ = SUM(ratio)
        └─ ratio[2021-01 .. 2021-04]: 4 cells, 1 error — Kostnad per anställd
           │ = budget / headcount
           ├─ ratio[2021-01] = 100 kr/persons
           │  ├─ budget = 1 000 kr
           │  │    line 7: input budget: kr = 1_000
           │  └─ headcount[2021-01] = 10 persons — Anställda
           │       line 5: input stock headcount[month]: persons = 10
           ├─ ratio[2021-02] = 100 kr/persons
           │  ├─ budget = 1 000 kr (shown above)
           │  └─ headcount[2021-02] = 10 persons — Anställda
           │       line 5: input stock headcount[month]: persons = 10
           ├─ ratio[2021-03] = #DIV/0!
           │  ├─ budget = 1 000 kr (shown above)
           │  └─ headcount[2021-03] = 0 persons — Anställda
           │       line 6: input headcount[2021-03] = 0
           └─ ratio[2021-04] = 100 kr/persons
              ├─ budget = 1 000 kr (shown above)
              └─ headcount[2021-04] = 10 persons — Anställda
                   line 5: input stock headcount[month]: persons = 10

        #DIV/0! starts at ratio[2021-03]: budget / headcount
          where budget = 1 000 kr, headcount[2021-03] = 0 persons

        """)
    }

    @Test func scenariosAndWhatIfsAreNamedAsSources() throws {
        let path = try KalkylBinary.temporaryModel(small)
        let run = try KalkylBinary.run(["explain", path, "units[2021-02]", "--scenario", "lean", "--set", "cost[MT, 2021-02]=7"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Liten — scenario lean (Snålt) — with --set cost[MT, 2021-02]=7\n"))
        #expect(run.stdout.contains("└─ cost[unit, 2021-02]: 2 cells, largest first\n"))
        #expect(run.stdout.contains("   ├─ cost[MT, 2021-02] = 7 kr\n   │    --set cost[MT, 2021-02]=7\n"))
        let ratio = try KalkylBinary.run(["explain", path, "ratio[2021-02]", "--scenario", "lean", "--depth", "1"])
        #expect(ratio.stdout.contains("├─ budget = 800 kr\n│    scenario lean, line 14: budget = 800\n"))
    }

    @Test func theExampleReadsAsAControllerWouldAskIt() throws {
        let run = try KalkylBinary.run(["explain", example, "personnel_variance_ytd[2021-04]"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.prefix(6) == [
            "Länsteknik 2021",
            "",
            "personnel_variance_ytd[2021-04] = 1 499 791 kr — Avvikelse ackumulerad",
            "│ = YTD(personnel_variance)",
            "└─ YTD over personnel_variance[2021-01 .. 2021-04]: 4 cells — Avvikelse mot budget (positiv = bättre)",
            "   │ = personnel_budget - personnel_cost",
        ])
        #expect(lines.contains("   ├─ personnel_variance[2021-01] = 267 820 kr"))
        #expect(lines.contains("   │  └─ personnel_cost[2021-01] = 7 231 137 kr — Personalkostnad"))
        #expect(!run.stdout.contains("starts at"))

        let deep = try KalkylBinary.run(["explain", example, "forecast_result_mnkr", "--depth", "3", "--scenario", "hiring_stop"])
        #expect(deep.status == 0, "\(deep.stderr)")
        #expect(deep.stdout.contains("forecast_result_mnkr = 8 mnkr — Årsprognos resultat, mnkr\n"))
        #expect(deep.stdout.contains("└─ personnel_cost[2021-01 .. 2021-12]: 12 cells — Personalkostnad\n"))
        #expect(deep.stdout.contains("line 55: input other_costs_forecast_variance: kr = 2_000_000\n"))
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let path = try KalkylBinary.temporaryModel(small)
        let run = try KalkylBinary.run(["explain", path, "total", "--format", "json", "--depth", "3"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["model", "scenario", "cell", "depth", "explanation", "error_origin"])
        #expect(object["model"] as? String == "Liten")
        #expect(object["scenario"] as? String == "base")
        #expect(object["cell"] as? String == "total")
        #expect(object["depth"] as? Int == 3)

        let root = try #require(object["explanation"] as? [String: Any])
        #expect(Set(root.keys) == ["cell", "name", "period", "members", "label", "unit", "kind", "value", "source", "expansion", "precedents"])
        #expect(root["value"] as? String == "#DIV/0!")
        #expect(root["period"] is NSNull)
        #expect(root["expansion"] as? String == "expanded")
        let source = try #require(root["source"] as? [String: Any])
        #expect(source["kind"] as? String == "formula" && source["formula"] as? String == "SUM(ratio)" && source["line"] as? Int == 11)

        let range = try #require((root["precedents"] as? [[String: Any]])?.first)
        #expect(range["reads"] as? String == "range")
        #expect(range["reference"] as? String == "ratio[2021-01 .. 2021-04]")
        #expect(range["count"] as? Int == 4 && range["errors"] as? Int == 1 && range["omitted"] as? Int == 0)
        let months = try #require(range["cells"] as? [[String: Any]])
        #expect(months.map { $0["cell"] as? String } == ["ratio[2021-01]", "ratio[2021-02]", "ratio[2021-03]", "ratio[2021-04]"])
        #expect(months[0]["value"] as? Double == 100 && months[0]["unit"] as? String == "kr/persons")
        #expect(months[0]["label"] as? String == "Kostnad per anställd" && months[0]["period"] as? String == "2021-01")

        let input = try #require(((months[2]["precedents"] as? [[String: Any]])?.last?["cells"] as? [[String: Any]])?.first)
        #expect(input["cell"] as? String == "headcount[2021-03]" && input["value"] as? Double == 0)
        #expect(input["expansion"] as? String == "input")
        let setBy = try #require(input["source"] as? [String: Any])
        #expect(setBy["kind"] as? String == "input" && setBy["set_by"] as? String == "assignment")
        #expect(setBy["text"] as? String == "input headcount[2021-03] = 0" && setBy["line"] as? Int == 6)

        let origin = try #require(object["error_origin"] as? [String: Any])
        #expect(origin["error"] as? String == "#DIV/0!")
        #expect(origin["cell"] as? String == "ratio[2021-03]")
        #expect(origin["path"] as? [String] == ["total", "ratio[2021-03]"])
        #expect((origin["explanation"] as? [String: Any])?["cell"] as? String == "ratio[2021-03]")

        let members = try KalkylBinary.run(["explain", path, "cost[MT, 2021-02]", "--format", "json"])
        let cell = try #require((try JSONSerialization.jsonObject(with: Data(members.stdout.utf8)) as? [String: Any])?["explanation"] as? [String: Any])
        #expect(cell["members"] as? [String: String] == ["unit": "MT"])
        let noError = try #require(try JSONSerialization.jsonObject(with: Data(members.stdout.utf8)) as? [String: Any])
        #expect(noError["error_origin"] is NSNull)
    }

    @Test("A cell not in the model is wrong usage, with a did-you-mean", arguments: [
        (["personel_cost[2021-04]"], "did you mean 'personnel_cost'?"),
        (["employees"], "'employees' is a series; name a period, as in employees[2021-12]"),
        (["employees[2021-13]"], "2021-13 is not a period of the timeline 2021-01 .. 2021-12"),
        (["employees[Datacenter, 2021-04]"], "'employees' has no dimensions"),
        (["employees[2021-04"], "lacks its closing ']'"),
        (["employees[2021-04]", "--scenario", "hiring_sotp"], "did you mean 'hiring_stop'?"),
        (["employees[2021-04]", "--set", "nope=1"], "'nope' is not an input of this model"),
        (["employees[2021-04]", "--format", "csv"], "csv"),
        (["employees[2021-04]", "--depth=-1"], "--depth"),
    ])
    func badCells(arguments: [String], message: String) throws {
        let run = try KalkylBinary.run(["explain", example] + arguments)
        #expect(run.status == 2, "\(arguments): \(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test func aWrongMemberIsWrongUsage() throws {
        let path = try KalkylBinary.temporaryModel(small)
        let run = try KalkylBinary.run(["explain", path, "cost[Datacentre, 2021-02]"])
        #expect(run.status == 2)
        #expect(run.stderr == "kalkyl explain: error: 'Datacentre' is not a member of unit; did you mean 'Datacenter'?\n")
    }

    @Test func unreadableAndBrokenModelsExitAsEvalDoes() throws {
        #expect(try KalkylBinary.run(["explain", "formulas/no-such-model.kalkyl", "x"]).status == 3)
        let broken = try KalkylBinary.temporaryModel("a = 1\nb = a + nope\n")
        let run = try KalkylBinary.run(["explain", broken, "a"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("unknown name 'nope'"))
        #expect(run.stdout.isEmpty)
    }

    /// In a closed month a forecast is its actual, whatever its own line says: the tree says
    /// so and follows the actual, an error is traced into it, and the JSON names it.
    @Test func aClosedForecastMonthShowsItsActual() throws {
        let path = try KalkylBinary.temporaryModel("""
        model "Prognos"
        timeline monthly 2021-01 .. 2021-04
        actuals through 2021-02
        input cost[version, month]: kr = 10
        input cost[actual, 2021-01 .. 2021-02] = 12
        input cost[forecast, month] = 9
        input staff[version, month]: persons = 2
        input staff[actual, 2021-02] = 0
        per_head[version, month]: kr/persons = cost / staff

        """)
        let run = try KalkylBinary.run(["explain", path, "cost[forecast, 2021-01]"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == """
        Prognos

        cost[forecast, 2021-01] = 12 kr
        │ = the actual, since 2021-01 is closed (actuals through 2021-02)
        └─ cost[actual, 2021-01] = 12 kr
             line 5: input cost[actual, 2021-01 .. 2021-02] = 12

        """)
        let open = try KalkylBinary.run(["explain", path, "cost[forecast, 2021-03]"])
        #expect(open.stdout.contains("cost[forecast, 2021-03] = 9 kr\n  line 6: input cost[forecast, month] = 9"), "\(open.stdout)")
        let error = try KalkylBinary.run(["explain", path, "per_head[forecast, 2021-02]"])
        #expect(error.stdout.contains("#DIV/0! starts at per_head[actual, 2021-02]: cost / staff"), "\(error.stdout)")
        let json = try KalkylBinary.run(["explain", path, "cost[forecast, 2021-02]", "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let source = (object?["explanation"] as? [String: Any])?["source"] as? [String: Any]
        #expect(source?["kind"] as? String == "actual")
        #expect(source?["actuals_through"] as? String == "2021-02")
        #expect(source?["actual"] as? String == "cost[actual, 2021-02]")
    }

    /// An input read from a data file names the file's cell: its line, column and header,
    /// for a column of the dimension's file and for a long-form ledger alike.
    @Test func anInputFromADataFileNamesItsCell() throws {
        let path = try KalkylBinary.temporaryModel("""
        model "Data"
        timeline monthly 2021-01 .. 2021-02
        dimension unit from "staff.csv" key enhet
        input rate[unit]: % = column sats
        input cost[unit, month]: kr = data "ledger.csv" long key ansvar period period amount belopp
        scaled[unit, month]: kr = cost * rate

        """)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try "enhet;sats\nDatacenter;10 %\nNätverk;20 %\n".write(to: folder.appendingPathComponent("staff.csv"), atomically: true, encoding: .utf8)
        try "ansvar;period;belopp\nDatacenter;202101;100\nNätverk;202101;200\nNätverk;202102;300\n"
            .write(to: folder.appendingPathComponent("ledger.csv"), atomically: true, encoding: .utf8)
        let run = try KalkylBinary.run(["explain", path, "scaled[Nätverk, 2021-02]"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("""
        ├─ cost[Nätverk, 2021-02] = 300 kr
        │    line 5: input cost[unit, month]: kr = data "ledger.csv" long key ansvar period period amount belopp
        │    read from ledger.csv:4:16 (belopp)
        └─ rate[Nätverk] = 20 %
             line 4: input rate[unit]: % = column sats
             read from staff.csv:3:9 (sats)
        """), "\(run.stdout)")
        let json = try KalkylBinary.run(["explain", path, "rate[Datacenter]", "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let source = (object?["explanation"] as? [String: Any])?["source"] as? [String: Any]
        let data = source?["data"] as? [String: Any]
        #expect(data?["file"] as? String == "staff.csv")
        #expect(data?["line"] as? Int == 2)
        #expect(data?["column"] as? Int == 12)
        #expect(data?["header"] as? String == "sats")
    }
}
