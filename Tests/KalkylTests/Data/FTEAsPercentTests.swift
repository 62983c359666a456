import Foundation
@testable import Kalkyl
import Testing

/// A degree of employment read into an FTE input from a staff file as HR writes it, `100` for
/// full time, read 100 FTE for one person: 230 FTE for three (red team, session 19). It is an
/// error at the first `100` (K0227) with the spellings that read one way, and `in percent`,
/// which it names, reads `100` as 1 FTE.
@Suite struct FTEAsPercentTests {
    static func model(_ column: String = "column grad") -> String {
        """
        timeline monthly 2026-01 .. 2026-12
        dimension anst from "staff.csv" key id
        input fte[anst]: FTE = \(column)
        total_fte: FTE = SUM(fte[anst])

        """
    }

    func load(_ csv: String, model: String = Self.model()) throws -> LoadedModel {
        try ModelLoader.load(path: "/mem/m.kalkyl", sources: MemorySources(["/mem/m.kalkyl": model, "/mem/staff.csv": csv], fallback: nil))
    }

    func totalFTE(_ loaded: LoadedModel) throws -> Value? {
        let e = Evaluation(model: try #require(loaded.model), order: try #require(loaded.order))
        e.evaluateAll()
        return e.value("total_fte")
    }

    @Test func aDegreeOfEmploymentWithoutPercentIsAnErrorAtTheFirst100() throws {
        let loaded = try load("id;grad\nA1;80\nA2;100\nA3;50\n")
        #expect(loaded.model == nil)
        let error = try #require(loaded.diagnostics.first { $0.code == .fteWrittenAsPercent })
        #expect(error.severity == .error)
        #expect(DiagnosticRenderer.render(error).hasPrefix(
            "/mem/staff.csv:3:4: error: '100' in the column 'grad' reads 100 FTE for one 'fte', and every number in it (3 rows) is above 1,5"),
                "\(DiagnosticRenderer.render(error))")
        #expect(error.hint?.contains("'100 %'") == true && error.hint?.contains("column grad in percent") == true, "\(error.hint ?? "")")
    }

    @Test func inPercentReads100AsOneFTE() throws {
        let loaded = try load("id;grad\nA1;80\nA2;100\nA3;50\n", model: Self.model("column grad in percent"))
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
        #expect(try totalFTE(loaded) == .number(2.3))
    }

    @Test func percentagesAndFractionsReadAsBefore() throws {
        #expect(try totalFTE(try load("id;grad\nA1;80 %\nA2;100 %\nA3;50 %\n")) == .number(2.3))
        #expect(try totalFTE(try load("id;grad\nA1;0,8\nA2;1\nA3;0,5\n")) == .number(2.3))
    }

    /// A file of units' FTE is read as written: no 100 among numbers above 1,5, or one above 100.
    @Test(arguments: ["id;grad\nIT;12,5\nHR;40\n", "id;grad\nIT;100\nHR;140\n", "id;grad\nIT;100\nHR;0,5\n"])
    func unitsFTEAreReadAsWritten(_ csv: String) throws {
        let loaded = try load(csv)
        #expect(!loaded.diagnostics.contains { $0.code == .fteWrittenAsPercent }, "\(loaded.diagnostics.map(\.message))")
    }
}
