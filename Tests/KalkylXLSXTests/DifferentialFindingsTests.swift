import Foundation
import Kalkyl
import KalkylXLSX
import Testing

/// What the differential test against LibreOffice (scripts/differential) found in the export,
/// each pinned by the smallest model that showed it, recalculated by LibreOffice.
@Suite struct DifferentialFindingsTests {
    /// An input of empty text ("") was written as a blank cell, so a formula reading it gave 0
    /// in the workbook where Kalkyl gives "" (seed 2, model 17: a scenario setting a text input
    /// to "").
    @Test func emptyTextStaysTextInTheWorkbook() throws {
        let scratch = try Scratch()
        let path = scratch.path("model.kalkyl")
        try """
            model "Empty text"
            timeline monthly 2021-01 .. 2021-03
            input note[month] = "12"
            input note[2021-02] = ""
            same[month] = note
            joined[month] = note & "x"
            blank[month] = ISBLANK(note)
            scenario cleared "Cleared" {
              note = ""
            }

            """.write(toFile: path, atomically: true, encoding: .utf8)
        let exported = try ExportedModel.make(path: path, output: scratch.path("empty-text.xlsx"))
        #expect(exported.evaluations[0].1.value("same", period: 1) == .text(""))
        try expectFaithful(exported)
    }

    /// COUNTIF's "<>" over cells of empty text (a scenario setting them to "", seed 10, model
    /// 343) counted 0 in Kalkyl and 6 in the workbook: Excel counts "" as a value that is not
    /// empty (COUNTA does), while "" matches it as COUNTBLANK does. SUMIF and COUNTIFS share
    /// the rule.
    @Test func notEmptyCountsEmptyText() throws {
        let scratch = try Scratch()
        let path = scratch.path("model.kalkyl")
        try """
            model "Empty text in criteria"
            dimension account = Lön, Hyra, El, Resor
            input note[account] = "ok"
            input note[El] = ""
            input amount[account] = 10
            input amount[Resor] = 7
            shown[account] = IF(amount > 8, note, "")
            given = COUNTIF(note[account], "<>")
            empty = COUNTIF(note[account], "")
            given_computed = COUNTIF(shown[account], "<>")
            empty_computed = COUNTIFS(shown[account], "", amount[account], ">0")
            sum_given = SUMIF(shown[account], "<>", amount[account])
            only_empty_cells = COUNTIF(shown[account], "=")
            scenario cleared "Cleared" {
              note = ""
            }

            """.write(toFile: path, atomically: true, encoding: .utf8)
        let exported = try ExportedModel.make(path: path, output: scratch.path("not-empty.xlsx"))
        let base = exported.evaluations[0].1
        #expect(base.value("given") == .number(4))
        #expect(base.value("empty") == .number(1))
        #expect(base.value("given_computed") == .number(4))
        #expect(base.value("empty_computed") == .number(2))
        #expect(base.value("sum_given") == .number(37))
        #expect(base.value("only_empty_cells") == .number(0))
        try expectFaithful(exported)
    }
}
