import Foundation
@testable import Kalkyl
import Testing

/// A `wide` file without a column for a period of the timeline left that period blank for
/// every member, and `check` said ok (issue 10); a member with no row was warned about.
@Suite struct MissingPeriodColumnTests {
    func load(_ csv: String, model: String) throws -> [Diagnostic] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kalkyl-columns-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try csv.write(to: folder.appendingPathComponent("budget.csv"), atomically: true, encoding: .utf8)
        let path = folder.appendingPathComponent("m.kalkyl").path
        try model.write(toFile: path, atomically: true, encoding: .utf8)
        let loaded = try ModelLoader.load(path: path)
        #expect(loaded.model != nil, "a warning, not an error")
        return loaded.diagnostics
    }

    let budget = """
        timeline monthly 2024-01 .. 2024-04
        dimension ansvar = A, B
        input budget[ansvar, month]: kr = data "budget.csv" wide key ansvar
        """

    @Test func aPeriodWithoutAColumnIsWarnedAboutNamingTheFileAndPeriod() throws {
        let found = try load("ansvar;2024-01;2024-02;2024-03\nA;1;2;3\nB;4;5;6\n", model: budget)
        #expect(found.map(\.message) == ["budget.csv has no column for 2024-04, so 'budget' is blank there"])
        #expect(found.first?.severity == .warning)
        #expect(found.first?.code == .noRowForMember, "the whole-column twin of a member with no row")
        #expect(found.first?.location?.line == 3)
        // `missing 0` says a row may be missing, not a month.
        #expect(try load("ansvar;2024-01;2024-02;2024-03\nA;1;2;3\nB;4;5;6\n", model: budget + " missing 0").count == 1)
    }

    @Test func aSkippedColumnIsWarnedAboutButHistoryBeforeTheFileIsNot() throws {
        let skipped = try load("ansvar;2024-01;2024-03;2024-04\nA;1;3;4\nB;4;6;7\n", model: budget)
        #expect(skipped.map(\.message) == ["budget.csv has no column for 2024-02, so 'budget' is blank there"])
        #expect(try load("ansvar;2024-02;2024-03;2024-04\nA;2;3;4\nB;5;6;7\n", model: budget).isEmpty)
        // An empty cell has a warning of its own (EmptyWideCellTests), not this one.
        #expect(try load("ansvar;202401;202402;202403;202404\nA;1;2;3;4\nB;4;;6;7\n", model: budget).map(\.message)
                    == ["budget.csv has no value for B in 2024-02 (line 3), so 'budget' is blank there"])
    }

    @Test func actualsExportedUpToTheCloseAreNotWarnedAbout() throws {
        let model = """
            timeline monthly 2024-01 .. 2024-04
            actuals through 2024-02
            dimension ansvar = A, B
            input kost[version, ansvar, month]: kr = 0
            input kost[actual, ansvar, month] = data "budget.csv" wide key ansvar
            input kost[budget, ansvar, month] = data "budget.csv" wide key ansvar
            """
        let found = try load("ansvar;2024-01;2024-02\nA;1;2\nB;4;5\n", model: model)
        #expect(found.map(\.message) == ["budget.csv has no column for 2024-03, 2024-04, so 'kost' is blank there"])
        #expect(found.first?.location?.line == 6, "the budget's line, not the actuals'")
    }
}
