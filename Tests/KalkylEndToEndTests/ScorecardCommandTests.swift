import Foundation
import Testing

/// The scorecard through the real binary: `eval`'s table and JSON, and `check` on a verdict.
@Suite struct ScorecardCommandTests {
    let model = """
    model "Styrkort"
    dimension perspective = Verksamhet, Ekonomi
    ## Antal major incidents
    measure incidents in Verksamhet: st {
      baseline = 13
      target at most 10
      partial at most 12
      outcome = 11
    }
    input result: mnkr = -5
    ## Ekonomi i balans
    measure balance in Ekonomi: mnkr {
      target at least 0
      outcome = result
    }
    check printed_verdict: balance = "uppnått"
    """

    @Test func theTableShowsEachMeasureUnderItsPerspective() throws {
        let path = try KalkylBinary.temporaryModel(model)
        let run = try KalkylBinary.run(["eval", path])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("Scorecard") })
        #expect(lines[header] == "Scorecard                Baseline  Target                                Outcome  Trend  Status")
        #expect(lines[header + 1].hasPrefix("Verksamhet") && lines[header + 1].hasSuffix("0 uppnått, 1 delvis uppnått, 0 inte uppnått"))
        #expect(lines[header + 2] == "  Antal major incidents     13 st  at most 10 st; partial at most 12 st    11 st      ↓  delvis uppnått")
        #expect(lines[header + 4] == "  Ekonomi i balans                 at least 0 mnkr                       -5 mnkr         inte uppnått")
        // The parts are in the scorecard, not listed again as lines of their own.
        #expect(!run.stdout.contains("incidents.target") && !run.stdout.contains("— target"))
        #expect(run.stderr.contains("1 check fails: 'printed_verdict'"))
    }

    @Test func jsonAddsTheScorecardAndKeepsEveryValue() throws {
        let path = try KalkylBinary.temporaryModel(model)
        let run = try KalkylBinary.run(["eval", path, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["model", "scenario", "periods", "values", "scorecard"])
        let values = try #require(object["values"] as? [String: Any])
        #expect(values["incidents"] as? String == "delvis uppnått")
        #expect(values["incidents.partial"] as? Double == 12)
        #expect(values["Ekonomi.inte_uppnått"] as? Double == 1)
        let scorecard = try #require(object["scorecard"] as? [String: Any])
        let measures = try #require(scorecard["measures"] as? [[String: Any]])
        #expect(measures.map { $0["name"] as? String } == ["incidents", "balance"])
        #expect(measures[0]["direction"] as? String == "at most" && measures[0]["outcome"] as? Double == 11)
        #expect(measures[0]["trend"] as? String == "↓" && measures[1]["trend"] is NSNull)
        #expect((measures[0]["partial"] as? [String: Any])?["rule"] as? String == "at most")
        #expect(measures[1]["status"] as? String == "inte uppnått" && measures[1]["perspective"] as? String == "Ekonomi")
        let perspectives = try #require(scorecard["perspectives"] as? [[String: Any]])
        #expect((perspectives[0]["counts"] as? [String: Double]) == ["uppnått": 0, "delvis uppnått": 1, "inte uppnått": 0])
    }

    @Test func aWhatIfChangesTheStatus() throws {
        let path = try KalkylBinary.temporaryModel(model)
        let run = try KalkylBinary.run(["eval", path, "--set", "result=0.8", "balance", "Ekonomi.uppnått"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Ekonomi i balans   uppnått\nEkonomi — uppnått        1\n"))
        #expect(run.stderr.isEmpty, "the printed verdict holds after the what-if")
        #expect(!run.stdout.contains("Scorecard"))
    }

    @Test func checkFailsOnAVerdictTheNumbersContradict() throws {
        let path = try KalkylBinary.temporaryModel(model)
        let run = try KalkylBinary.run(["check", path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: check 'printed_verdict' fails: \"inte uppnått\" = \"uppnått\" is FALSE"))
    }

    @Test func aMeasureErrorIsReportedAtItsPlace() throws {
        let path = try KalkylBinary.temporaryModel("dimension perspective = Verksamhet\nmeasure a in Verksamhet {\n  target decrese\n}\n")
        let run = try KalkylBinary.run(["check", path])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("\(path):3:10: error: expected a direction after 'target'"))
        #expect(run.stderr.contains("  target decrese\n         ^"))
        #expect(run.stderr.contains("did you mean 'decrease'?"))
    }
}
