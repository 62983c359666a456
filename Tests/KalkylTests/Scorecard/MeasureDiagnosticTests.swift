@testable import Kalkyl
import Testing

/// A measure's mistakes, each at its place with a hint.
@Suite struct MeasureDiagnosticTests {
    let header = "dimension perspective = Verksamhet, Medarbetare, Ekonomi\n"

    @Test func aPerspectiveMustBeListed() {
        expectDiagnostics(header + """
        measure a in 1️⃣Verksamhett {
          target at most 1
        }
        """, [("1️⃣", "'Verksamhett' is not a perspective")])
        #expect(diagnostics(of: header + "measure a in Verksamhett {\ntarget at most 1\n}").first?.hint == "did you mean 'Verksamhet'?")
        // The measures are still defined: a check of one is not reported too.
        let found = diagnostics(of: "measure a in Verksamhet {\ntarget at most 1\n}\nmeasure b in Ekonomi {\ntarget at most 1\n}\ncheck c: a = \"uppnått\"")
        #expect(found.map(\.message) == ["the model has measures but no dimension 'perspective' to group them"])
        #expect(found.first?.hint == "name the scorecard's perspectives in order, as in: dimension perspective = Verksamhet, Ekonomi")
    }

    @Test func aMeasureNeedsATargetOrAnAssessment() {
        expectDiagnostics(header + """
        measure 1️⃣a in Verksamhet {
          outcome = 3
        }
        measure b in Verksamhet {
          2️⃣target at most 3
          assessment = "uppnått"
        }
        measure c in Verksamhet {
          assessment = 3️⃣"uppnåt"
        }
        check a_checked: a = "uppnått"
        """, [("1️⃣", "the measure 'a' has no target"),
              ("2️⃣", "has both a target and an assessment"),
              ("3️⃣", "\"uppnåt\" is not a status")])
        #expect(diagnostics(of: header + "measure c in Verksamhet {\nassessment = \"uppnåt\"\n}").first?.hint == "did you mean \"uppnått\"?")
    }

    @Test func increaseAndDecreaseNeedABaseline() {
        expectDiagnostics(header + """
        measure hme in Medarbetare {
          1️⃣target increase
          outcome = 75
        }
        """, [("1️⃣", "'target increase' compares the outcome with the baseline, and the measure 'hme' has none")])
    }

    @Test func aPartialRuleGoesTheTargetsWay() {
        expectDiagnostics(header + """
        measure a in Verksamhet {
          target at most 10
          partial 1️⃣at least 8
          outcome = 9
        }
        measure b in Verksamhet {
          target between 1 and 3
          partial 2️⃣at most 4
          outcome = 9
        }
        measure c in Verksamhet {
          baseline = 2
          target increase
          partial 3️⃣increase
        }
        """, [("1️⃣", "a target of 'at most' takes 'partial at most', 'partial below' or 'partial within', not 'partial at least'"),
              ("2️⃣", "a target of 'between' takes 'partial between' or 'partial within', not 'partial at most'"),
              ("3️⃣", "'partial increase' says nothing a target does not")])
    }

    @Test func misspeltLinesAndDirectionsSuggestTheWord() {
        expectDiagnostics(header + """
        measure a in Verksamhet {
          1️⃣outcom = 3
          target 2️⃣at_most 3
          target at most 3
          3️⃣target at least 1
        }
        """, [("1️⃣", "expected a line of the measure"), ("2️⃣", "expected a direction after 'target'"), ("3️⃣", "the measure 'a' has two target lines")])
        let found = diagnostics(of: header + "measure a in Verksamhet {\noutcom = 3\ntarget at most 1\n}")
        #expect(found.first?.hint == "did you mean 'outcome'?")
        let direction = diagnostics(of: header + "measure a in Verksamhet {\ntarget decrese\n}")
        #expect(direction.first?.hint == "did you mean 'decrease'?")
    }

    @Test func theOutcomeIsCheckedLikeAnyFormula() {
        expectDiagnostics("timeline monthly 2019-01 .. 2019-12\n" + header + """
        input incidents[month] = 1
        measure a in Verksamhet {
          target at most 10
          outcome = SUM(incidents[2019-01 .. 2019-08]) + 1️⃣incidnts
        }
        measure b in Verksamhet {
          target at most 10
          outcome = 2️⃣incidents
        }
        """, [("1️⃣", "unknown name 'incidnts'"), ("2️⃣", "incidents")])
    }

    @Test func aMeasureAndADefinitionCannotShareAName() {
        expectDiagnostics(header + """
        input a = 1
        measure 1️⃣a in Verksamhet {
          target at most 1
        }
        """, [("1️⃣", "'a' is defined twice")])
    }

    @Test func theBlockMustBeOpenedAndClosed() {
        expectDiagnostics(header + "measure a 1️⃣Verksamhet {\n}", [("1️⃣", "expected 'in' and the measure's perspective")])
        expectDiagnostics(header + "measure a in Verksamhet {\n  target at most 1\n1️⃣", [("1️⃣", "expected '}' to close the measure a")])
    }

    @Test func aStatusComparedWithAMisspeltStatusIsAnError() {
        expectDiagnostics(header + """
        measure incidents in Verksamhet {
          target at most 10
          outcome = 16
        }
        check verdict: incidents = 1️⃣"inte uppnåt"
        check other: 2️⃣"uppnåd" <> incidents
        ok = IF(incidents = "delvis uppnått", 1, 0) + IF(incidents = "", 1, 0) + IF("Inte Uppnått" = incidents, 1, 0)
        """, [("1️⃣", "'incidents' is a measure, and \"inte uppnåt\" is not a status it can have"),
              ("2️⃣", "\"uppnåd\" is not a status")])
        let found = diagnostics(of: header + "measure m in Verksamhet {\ntarget at most 1\n}\ncheck c: m = \"uppnåt\"")
        #expect(found.first?.hint == "did you mean \"uppnått\"?")
    }

    @Test func aMeasuresStatusIsUsableInChecks() throws {
        let e = try evaluate(header + """
        measure incidents in Verksamhet {
          baseline = 13
          target at most 10
          outcome = 16
        }
        ## The report: "divisionens mål inte kommer att nås"
        check printed_verdict: incidents = "inte uppnått"
        check printed_counts: Verksamhet.inte_uppnått = 1
        check wrong: incidents = "uppnått"
        """)
        #expect(CheckRunner.run(e).map { e.model.definitions[$0.slot].name } == ["wrong"])
    }
}
