import Foundation
import Kalkyl
import KalkylXLSX
import Testing

/// The Scorecard sheet: statuses and counts as live formulas that LibreOffice recalculates to
/// Kalkyl's values, in every scenario, coloured by status.
@Suite struct ScorecardSheetTests {
    /// Every direction and partial rule, one measure not assessed, one assessed, and a scenario
    /// that turns two statuses.
    let model = """
    model "Styrkort"
    dimension perspective = Verksamhet, Medarbetare, Ekonomi, Samhälle
    input incidents: st = 11
    input result: mnkr = 0.8
    ## Antal major incidents
    measure major_incidents in Verksamhet: st {
      baseline = 13
      target at most 10
      partial at most 12
      outcome = incidents
    }
    ## Förbättringar
    measure improvements in Verksamhet: st {
      target above 12
    }
    ## Säkerhetsincidenter
    measure security in Verksamhet {
      assessment = "inte uppnått"
    }
    ## Sjukfrånvaro
    measure sick_leave in Medarbetare: % {
      baseline = 4.3%
      target decrease
      partial within 0.2%
      outcome = 4.45%
    }
    ## HME
    measure engagement in Medarbetare {
      baseline = 75
      target increase
      outcome = 76
    }
    ## Chefer med max 25 underställda
    measure span in Medarbetare: % {
      target at least 100%
      partial above 90%
      outcome = 92%
    }
    ## Ekonomi i balans
    measure balance in Ekonomi: mnkr {
      target at least 0
      outcome = result
    }
    ## Finansiellt mål
    measure financial_target in Ekonomi: % {
      target between 1% and 3%
      partial within 1%
      outcome = result / 40
    }
    ## Utskrivningsklara
    measure discharge in Ekonomi: % {
      target below 7%
      outcome = 10%
    }
    ## Kostnad per DRG-poäng mot riket
    measure drg_cost in Ekonomi: % {
      target between 0% and 6.7%
      partial between 0% and 8%
      outcome = 7.5%
    }
    scenario loss "Underskott" {
      result = -5
      incidents = 16
    }
    """

    @Test func statusesAndCountsRecalculateToKalkylsValues() throws {
        let scratch = try Scratch()
        try model.write(toFile: scratch.path("s.kalkyl"), atomically: true, encoding: .utf8)
        let exported = try ExportedModel.make(path: scratch.path("s.kalkyl"), output: scratch.path("s.xlsx"))
        #expect(exported.workbook.sheets.last == "Scorecard")
        let book = try expectFaithful(exported)
        let grid = try #require(book.sheets["Scorecard"])
        let scorecard = try #require(exported.model.scorecard)
        func text(_ r: Int, _ c: Int) -> String? {
            guard r < grid.count, c < grid[r].count, case .text(let s) = grid[r][c] else { return nil }
            return s
        }
        for (k, (name, evaluation)) in exported.evaluations.enumerated() {
            // Each scenario's section starts at its title; rows are found by their labels after it.
            // The model without overrides is "bas" in a Swedish model, as on the cover.
            let shown = k == 0 ? "bas" : name
            let title = try #require(grid.indices.first { text($0, 0)?.hasPrefix(shown) == true }, "no section for \(name)")
            #expect(text(title, 0) == (k == 0 ? "bas" : "loss: Underskott"))
            for m in scorecard.measures {
                let row = try #require(grid.indices.first { $0 > title && text($0, 0) == m.label }, "no row for \(m.name)")
                let status = evaluation.values(of: m.slots.status)[0]
                let cell = grid[row][8]
                let agrees: Bool = switch status {
                case .text(""): cell == .blank || cell == .text("")
                case .text(let s): cell == .text(s)
                default: false
                }
                #expect(agrees,
                        "\(name) \(m.name): LibreOffice \(cell), Kalkyl \(status)")
                if let trend = m.slots.trend {
                    guard case .text(let arrow) = evaluation.values(of: trend)[0] else { Issue.record("no trend"); continue }
                    #expect(grid[row][9] == .text(arrow), "\(name) \(m.name) trend")
                }
                if let outcome = m.slots.outcome, case .number(let x) = evaluation.values(of: outcome)[0] {
                    #expect(grid[row][7] == .number(x), "\(name) \(m.name) outcome")
                }
            }
            let countsHeader = try #require(grid.indices.first { $0 > title && text($0, 0) == "Mått per måluppfyllelse" }, "a Swedish model's scorecard speaks Swedish")
            for (p, perspective) in scorecard.perspectives.enumerated() {
                #expect(text(countsHeader + 1 + p, 0) == perspective)
                for j in 0..<3 {
                    let count = evaluation.values(of: scorecard.counts[p][j])[0]
                    #expect(grid[countsHeader + 1 + p][1 + j] == .number(count.number ?? -1), "\(name) \(perspective) \(j)")
                }
            }
        }
        // The statuses the rules give, so the comparison above is not of two empty sheets.
        let base = exported.evaluations[0].evaluation, loss = exported.evaluations[1].evaluation
        #expect(base.value("major_incidents") == .text("delvis uppnått") && loss.value("major_incidents") == .text("inte uppnått"))
        #expect(base.value("balance") == .text("uppnått") && loss.value("balance") == .text("inte uppnått"))
        #expect(base.value("financial_target") == .text("uppnått") && base.value("span") == .text("delvis uppnått"))
        #expect(base.value("drg_cost") == .text("delvis uppnått") && base.value("discharge") == .text("inte uppnått"))
        #expect(base.value("Ekonomi.uppnått") == .number(2) && base.value("Samhälle.uppnått") == .number(0))
    }

    @Test func statusFormulasStateTheRuleAndAreColoured() throws {
        let scratch = try Scratch()
        try model.write(toFile: scratch.path("s.kalkyl"), atomically: true, encoding: .utf8)
        let exported = try ExportedModel.make(path: scratch.path("s.kalkyl"), scenarios: [], output: scratch.path("s.xlsx"))
        let formulas = try exported.workbook.formulaCells().filter { $0.sheet == "Scorecard" }.map(\.formula)
        #expect(formulas.contains(#"=IF(H7<=D7,"uppnått",IF(H7<=F7,"delvis uppnått","inte uppnått"))"#), "\(formulas)")
        #expect(formulas.contains(#"=IF(H11<C11,"uppnått",IF(H11<=C11+F11,"delvis uppnått","inte uppnått"))"#), "\(formulas)")
        #expect(formulas.contains(#"=IF(AND(H16>=D16,H16<=E16),"uppnått",IF(AND(H16>=D16-F16,H16<=E16+F16),"delvis uppnått","inte uppnått"))"#), "\(formulas)")
        #expect(formulas.contains("=major_incidents.target") && formulas.contains("=security"), "links to the model's names")
        #expect(formulas.contains(#"=COUNTIF(I7:I9,"uppnått")"#), "\(formulas)")
        #expect(formulas.contains(#"=IF(H7>C7,"↑",IF(H7<C7,"↓","→"))"#), "\(formulas)")
        let xml = try exported.workbook.xml(of: "Scorecard")
        for status in ["uppnått", "delvis uppnått", "inte uppnått"] {
            #expect(xml.contains("<formula>I6=\"\(status)\"</formula>"), "no colour for \(status)")
        }
    }
}
