import Foundation
import Testing

/// explain of a figure read from data names every row it sums, and the row of the cost
/// centre and account both, not the cost centre's first row.
@Suite struct DataProvenanceTests {
    func model() throws -> String {
        let path = try KalkylBinary.temporaryModel("""
            timeline monthly 2024-01 .. 2024-02
            dimension ansvar = "110", "120"
            dimension konto = "4010", "5010"
            input utfall[ansvar, konto, month]: kr = data "gl.csv" long key Ansvar, Konto period Period amount Belopp sum missing 0
            input budget[ansvar, konto]: kr = data "budget.csv" key Ansvar, Konto column Belopp missing 0

            """)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try "Ansvar;Konto;Period;Belopp\n110;4010;202401;100\n120;4010;202401;1\n110;4010;202401;25\n110;5010;202401;3\n110;4010;202401;-5\n"
            .write(to: folder.appendingPathComponent("gl.csv"), atomically: true, encoding: .utf8)
        try "Ansvar;Konto;Belopp\n110;4010;1\n110;5010;2\n120;5010;3\n"
            .write(to: folder.appendingPathComponent("budget.csv"), atomically: true, encoding: .utf8)
        return path
    }

    @Test func everySummedRowIsNamed() throws {
        let path = try model()
        let run = try KalkylBinary.run(["explain", path, "utfall[110, 4010, 2024-01]"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("utfall[110, 4010, 2024-01] = 120 kr"), "\(run.stdout)")
        #expect(run.stdout.contains("the sum of 3 rows of gl.csv (Belopp):\n    gl.csv:2:17\n    gl.csv:4:17\n    gl.csv:6:17\n"), "\(run.stdout)")
        let json = try KalkylBinary.run(["explain", path, "utfall[110, 4010, 2024-01]", "--format", "json"])
        #expect(json.stdout.contains(#""data": {"file": "gl.csv", "line": 2, "column": 17, "header": "Belopp", "rows": [{"line": 2, "column": 17}, {"line": 4, "column": 17}, {"line": 6, "column": 17}]}"#),
                "\(json.stdout)")
        // One row: the cell alone, no list.
        let one = try KalkylBinary.run(["explain", path, "utfall[110, 5010, 2024-01]"])
        #expect(one.stdout.contains("read from gl.csv:5:17 (Belopp)"), "\(one.stdout)")
    }

    @Test func aValuePerSeveralKeysIsFoundByAllOfThem() throws {
        let run = try KalkylBinary.run(["explain", try model(), "budget[110, 5010]"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("read from budget.csv:3:10 (Belopp)"), "\(run.stdout)")
    }
}
