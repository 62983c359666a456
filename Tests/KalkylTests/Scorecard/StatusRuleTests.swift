@testable import Kalkyl
import Testing

/// The status of a measure for every direction, on both sides of each bound and on it.
@Suite struct StatusRuleTests {
    /// The status of one measure with the given lines and outcome.
    func status(_ lines: String, outcome: String) throws -> Value? {
        let e = try evaluate("""
        dimension perspective = Verksamhet
        measure m in Verksamhet {
        \(lines)
          outcome = \(outcome)
        }
        """)
        return e.value("m")
    }

    let met = Value.text("uppnått"), partly = Value.text("delvis uppnått"), notMet = Value.text("inte uppnått")

    @Test func atMostIncludesTheTarget() throws {
        let rule = "target at most 10"
        #expect(try status(rule, outcome: "9") == met)
        #expect(try status(rule, outcome: "10") == met)
        #expect(try status(rule, outcome: "10.000001") == notMet)
    }

    @Test func atLeastIncludesTheTarget() throws {
        let rule = "target at least 80%"
        #expect(try status(rule, outcome: "79.9%") == notMet)
        #expect(try status(rule, outcome: "80%") == met)
        #expect(try status(rule, outcome: "100%") == met)
    }

    @Test func aboveAndBelowExcludeTheTarget() throws {
        #expect(try status("target above 12", outcome: "12") == notMet)
        #expect(try status("target above 12", outcome: "13") == met)
        #expect(try status("target below 9.6%", outcome: "9.6%") == notMet)
        #expect(try status("target below 9.6%", outcome: "9.5%") == met)
    }

    @Test func betweenIncludesBothBounds() throws {
        let rule = "target between 1% and 3%"
        #expect(try status(rule, outcome: "0.9%") == notMet)
        #expect(try status(rule, outcome: "1%") == met)
        #expect(try status(rule, outcome: "3%") == met)
        #expect(try status(rule, outcome: "3.1%") == notMet)
        #expect(try status(rule, outcome: "-1.6%") == notMet)
    }

    @Test func increaseAndDecreaseCompareWithTheBaseline() throws {
        #expect(try status("baseline = 75\ntarget increase", outcome: "76") == met)
        #expect(try status("baseline = 75\ntarget increase", outcome: "75") == notMet)
        #expect(try status("baseline = 450\ntarget decrease", outcome: "602") == notMet)
        #expect(try status("baseline = 1264\ntarget decrease", outcome: "1088") == met)
        #expect(try status("baseline = 1264\ntarget decrease", outcome: "1264") == notMet)
    }

    @Test func aPartialTargetInTheSameDirection() throws {
        let rule = "target at most 10\npartial at most 12"
        #expect(try status(rule, outcome: "10") == met)
        #expect(try status(rule, outcome: "11") == partly)
        #expect(try status(rule, outcome: "12") == partly)
        #expect(try status(rule, outcome: "13") == notMet)
        let above = "target at least 100%\npartial above 90%"
        #expect(try status(above, outcome: "90%") == notMet)
        #expect(try status(above, outcome: "92%") == partly)
        let range = "target between 1% and 3%\npartial between 0% and 4%"
        #expect(try status(range, outcome: "0%") == partly)
        #expect(try status(range, outcome: "4.5%") == notMet)
    }

    @Test func aBandAroundTheTarget() throws {
        #expect(try status("target at least 80%\npartial within 5%", outcome: "75%") == partly)
        #expect(try status("target at least 80%\npartial within 5%", outcome: "74%") == notMet)
        #expect(try status("target at most 3%\npartial within 0.5%", outcome: "3.5%") == partly)
        #expect(try status("target at most 3%\npartial within 0.5%", outcome: "3.72%") == notMet)
        #expect(try status("target between 1% and 3%\npartial within 1%", outcome: "0%") == partly)
        #expect(try status("target between 1% and 3%\npartial within 1%", outcome: "4.01%") == notMet)
        // Within 0 of the baseline: unchanged is partly met.
        #expect(try status("baseline = 75\ntarget increase\npartial within 0", outcome: "75") == partly)
        #expect(try status("baseline = 75\ntarget increase\npartial within 0", outcome: "74") == notMet)
        #expect(try status("baseline = 4.3%\ntarget decrease\npartial within 0.2%", outcome: "4.45%") == partly)
    }

    @Test func withoutAnOutcomeAMeasureIsNotAssessedNorCounted() throws {
        let e = try evaluate("""
        dimension perspective = Verksamhet
        measure new_measure in Verksamhet {
          target at least 12
        }
        """)
        #expect(e.value("new_measure") == .text(""))
        for status in Scorecard.Status.allCases {
            #expect(e.value("Verksamhet." + status.countSuffix) == .number(0))
        }
    }

    @Test func anErrorInTheOutcomeIsTheStatusAndIsNotCounted() throws {
        let e = try evaluate("""
        dimension perspective = Verksamhet
        input people = 0
        measure ratio in Verksamhet {
          target at most 1
          outcome = 5 / people
        }
        """)
        #expect(e.value("ratio") == .error(.div0))
        #expect(e.value("Verksamhet.inte_uppnått") == .number(0))
    }

    @Test func countsPerPerspectiveInTheDimensionsOrder() throws {
        let e = try evaluate("""
        dimension perspective = Verksamhet, Medarbetare, Ekonomi
        input result = -5
        measure incidents in Verksamhet {
          target at most 10
          outcome = 16
        }
        measure managers in Medarbetare {
          target at least 100%
          outcome = 100%
        }
        measure turnover in Medarbetare {
          target at most 10%
          outcome = 9%
        }
        measure balance in Ekonomi {
          target at least 0
          outcome = result
        }
        measure judged in Ekonomi {
          assessment = "delvis uppnått"
        }
        """)
        let scorecard = try #require(e.model.scorecard)
        #expect(scorecard.perspectives == ["Verksamhet", "Medarbetare", "Ekonomi"])
        #expect(scorecard.measures.map(\.name) == ["incidents", "managers", "turnover", "balance", "judged"])
        #expect(scorecard.measures.map(\.perspective) == [0, 1, 1, 2, 2])
        func counts(_ p: String) -> [Double?] { Scorecard.Status.allCases.map { e.value(p + "." + $0.countSuffix)?.number } }
        #expect(counts("Verksamhet") == [0, 0, 1])
        #expect(counts("Medarbetare") == [2, 0, 0])
        #expect(counts("Ekonomi") == [0, 1, 1])
        #expect(scorecard.counts.count == 3 && scorecard.counts.allSatisfy { $0.count == 3 })
    }

    /// The status and the counts are formulas a controller can read, in `explain` and on Calc.
    @Test func theGeneratedFormulasPrintAsTheRule() throws {
        let e = try evaluate("""
        dimension perspective = Verksamhet
        measure a in Verksamhet {
          target between 1% and 3%
          partial within 1%
          outcome = 2%
        }
        measure b in Verksamhet {
          baseline = 75
          target increase
          partial at least 70
          outcome = 72
        }
        """)
        func printed(_ name: String) -> String { ExpressionPrinter.print(e.model.definitions[e.model.slot(named: name)!].expression) }
        #expect(printed("a") == #"IF(AND(a.outcome >= a.target_low, a.outcome <= a.target_high), "uppnått", IF(AND(a.outcome >= a.target_low - a.tolerance, a.outcome <= a.target_high + a.tolerance), "delvis uppnått", "inte uppnått"))"#)
        #expect(printed("b") == #"IF(b.outcome > b.baseline, "uppnått", IF(b.outcome >= b.partial, "delvis uppnått", "inte uppnått"))"#)
        #expect(printed("Verksamhet.delvis_uppnått") == #"IFERROR(IF(a = "delvis uppnått", 1, 0), 0) + IFERROR(IF(b = "delvis uppnått", 1, 0), 0)"#)
        #expect(e.value("a") == met && e.value("b") == partly)
    }

    /// Utveckling: the outcome up, down or level against the baseline, whatever the target.
    @Test func theTrendComparesTheOutcomeWithTheBaseline() throws {
        let e = try evaluate("""
        dimension perspective = Medarbetare
        measure up in Medarbetare {
          baseline = 3.65%
          target at most 3%
          outcome = 3.72%
        }
        measure down in Medarbetare {
          baseline = 1264
          target decrease
          outcome = 1088
        }
        measure level in Medarbetare {
          baseline = 75
          target increase
          outcome = 75
        }
        measure no_baseline in Medarbetare {
          target at most 10%
          outcome = 9%
        }
        """)
        #expect(e.value("up.trend") == .text("↑") && e.value("down.trend") == .text("↓") && e.value("level.trend") == .text("→"))
        #expect(e.model.slot(named: "no_baseline.trend") == nil)
        #expect(e.model.scorecard?.measures.map { $0.slots.trend != nil } == [true, true, true, false])
    }

    @Test func partsWrittenAsConstantsAreInputsAndFormulasStayFormulas() throws {
        let e = try evaluate("""
        dimension perspective = Ekonomi
        input result: mnkr = 0.8
        ## Ekonomi i balans
        measure balance in Ekonomi: mnkr {
          target at least 0
          outcome = result
        }
        scenario loss {
          result = -1
        }
        """)
        let model = e.model
        let target = try #require(model.slot(named: "balance.target"))
        let outcome = try #require(model.slot(named: "balance.outcome"))
        #expect(model.definitions[target].isInput && !model.definitions[outcome].isInput)
        #expect(model.definitions[outcome].unit == "mnkr")
        #expect(model.definitions[model.slot(named: "balance")!].label == "Ekonomi i balans")
        #expect(e.value("balance") == met)
        let loss = try evaluate(model.file.text, scenario: "loss")
        #expect(loss.value("balance") == notMet)
    }

    /// A measure's parts are labelled in the model's language: the board pack's Calc sheet and
    /// eval's table show them beside the model's own words.
    @Test func thePartsAreLabelledInTheModelsLanguage() throws {
        let measure = """
        dimension perspective = Verksamhet
        ## Incidenter
        measure m in Verksamhet {
          baseline = 13
          target at most 10
          partial at most 12
          outcome = 11
        }
        ## Svarstid
        measure n in Verksamhet {
          target between 5 and 10
          partial within 1
          outcome = 7
        }
        """
        func labels(_ e: Evaluation) -> [String] {
            ["m.baseline", "m.target", "m.partial", "m.outcome", "m.trend", "n.target_low", "n.target_high", "n.tolerance"].map { name in
                e.model.definitions[e.model.slot(named: name)!].label ?? "none"
            }
        }
        #expect(labels(try evaluate("model \"Måluppfyllelse\"\n" + measure)) == [
            "Incidenter — utgångsläge", "Incidenter — mål", "Incidenter — delvis uppnått", "Incidenter — utfall", "Incidenter — utveckling",
            "Svarstid — mål, nedre gräns", "Svarstid — mål, övre gräns", "Svarstid — band för delvis uppnått"])
        #expect(labels(try evaluate("model \"Goals\"\n" + measure)) == [
            "Incidenter — baseline", "Incidenter — target", "Incidenter — partly met", "Incidenter — outcome", "Incidenter — trend",
            "Svarstid — target, lower bound", "Svarstid — target, upper bound", "Svarstid — band for partly met"])
        // Declared, whatever the words.
        #expect(labels(try evaluate("model \"Måluppfyllelse\"\nlanguage en\n" + measure))[0] == "Incidenter — baseline")
    }
}
