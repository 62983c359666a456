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
}
