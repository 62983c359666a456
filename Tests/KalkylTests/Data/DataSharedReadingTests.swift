import Foundation
@testable import Kalkyl
import Testing

/// A file read once for all the statements that use it, its cells read from its bytes: the
/// same values and the same problems as reading it statement by statement.
@Suite struct DataSharedReadingTests {
    /// A staff file with a key spelled two ways, a key given twice, an empty key, a number with
    /// the other decimal mark, padding of no-break spaces, thousands split by a narrow
    /// no-break space, a row of blanks and a quoted key with a doubled quote.
    let staff = "id;lön;start;enhet\nE1;41 500;2021-01;A\nE2;38 200,50;2021-03;B\ne1;1;2021-02;A\nE2;2;2021-04;A\n;5;2021-01;A\n"
        + "E3;12.5;2021-05;B\n E4\u{00A0};1\u{202F}000;2021-02;Z\n;;;\n\"E\"\"5\";\"1 000\";\"2021-05\";\"A\"\n"

    func load(_ model: String, files: [String: String]) throws -> LoadedModel {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kalkyl-shared-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let path = folder.appendingPathComponent("model.kalkyl").path
        try model.write(toFile: path, atomically: true, encoding: .utf8)
        return try ModelLoader.load(path: path)
    }

    /// "file:line:col message" of each diagnostic, with the file's name only.
    func placed(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { d in
            let at = d.location.map { "\($0.file.path.split(separator: "/").last!):\($0.line):\($0.column)" } ?? "-"
            return "\(at) \(d.message)"
        }
    }

    @Test func eachStatementReadingOneFileReportsItsOwnProblems() throws {
        let loaded = try load("""
        timeline monthly 2021-01 .. 2021-06
        dimension unit = A, B
        dimension employee in unit from "data/staff.csv" key id parent enhet
        input salary[employee]: kr = column lön
        input start[employee] = column start
        input again[employee] = data "data/staff.csv" key id column lön
        """, files: ["data/staff.csv": staff])
        let found = placed(loaded.diagnostics)
        // The members, the parents and the three inputs each read the file by its key column and
        // meet the same problems at the same cells: each is shown once.
        #expect(found.filter { $0 == "staff.csv:4:1 'e1' and 'E1' differ only in case or spacing" }.count == 1)
        #expect(found.filter { $0 == "staff.csv:5:1 'E2' appears twice in column 'id'" }.count == 1)
        #expect(found.filter { $0 == "staff.csv:6:1 the key in column 'id' is empty" }.count == 1)
        // The salary column is read by two inputs: its bad number is shown once too.
        #expect(found.filter { $0.hasPrefix("staff.csv:7:4 '12.5' has a decimal point") }.count == 1)
        #expect(found.filter { $0 == "staff.csv:8:20 'Z' is not a member of 'unit'" }.count == 1)
        #expect(found.count == 5, "\(found)")
        let duplicate = try #require(loaded.diagnostics.first { $0.message.contains("appears twice") })
        #expect(duplicate.notes.map { "\($0.location!.line):\($0.location!.column)" } == ["3:1"])
    }

    @Test func valuesOfOneFileSharedByItsInputs() throws {
        let clean = "id;lön;start;enhet\nE1;41 500;2021-01;A\n E4\u{00A0};1\u{202F}000,25;2021-02;B\n;;;\n\"E\"\"5\";\"-1 000\";\"2021-05\";\"A\"\n"
        let loaded = try load("""
        timeline monthly 2021-01 .. 2021-06
        dimension unit = A, B
        dimension employee in unit from "data/staff.csv" key id parent enhet
        input salary[employee]: kr = column lön
        input start[employee] = column start
        input again[employee] = data "data/staff.csv" key id column lön
        unit_salary[unit] = SUM(salary[employee])
        """, files: ["data/staff.csv": clean])
        #expect(loaded.diagnostics.isEmpty, "\(placed(loaded.diagnostics))")
        let model = try #require(loaded.model)
        #expect(model.dimensions[1].members == ["E1", "E4", "E\"5"])
        let e = Evaluation(model: model, order: try #require(loaded.order))
        e.evaluateAll()
        #expect((0..<3).map { e.value("salary", member: $0) } == [.number(41_500), .number(1_000.25), .number(-1_000)])
        #expect((0..<3).map { e.value("again", member: $0) } == (0..<3).map { e.value("salary", member: $0) })
        #expect(e.value("start", member: 1) == .number(ExcelDate.serial(year: 2021, month: 2, day: 1)))
        #expect(e.value("unit_salary", member: 0) == .number(40_500))
        #expect(e.value("unit_salary", member: 1) == .number(1_000.25))
    }

    /// Cells the byte-level reader takes must read exactly as `NumberReader.read` reads them;
    /// everything else is left to `read`.
    @Test(arguments: [DataFormat.DecimalMark.comma, .point])
    func plainNumbersReadAsTheFullReader(mark: DataFormat.DecimalMark) throws {
        let reader = NumberReader(decimalMark: mark)
        let m = String(mark.rawValue), other = String(mark.other)
        let plain = ["0", "-0", "007", "41 500", "1 234 567", "-38 200\(m)50", "0\(m)1", "123456789012345", "999 999 999 999 999",
                     "0\(m)000000000000001", "12\(m)5", "1\(m)79769313486231", "-0\(m)0", "0\(m)" + String(repeating: "0", count: 21) + "1"]
        let others = ["1234567890123456", "+5", "5-", "(5)", "1 23", "12 345 6", "1234 567", "\(m)5", "5\(m)", "1\(other)234", "1e5",
                      "12%", "1  234", "− 5", "- 5", "1\u{00A0}234", "abc", "1\(m)2\(m)3", "0\(m)" + String(repeating: "0", count: 22) + "1"]
        for text in plain {
            let bytes = Array(text.utf8)
            let fast = try #require(reader.readPlain(bytes, 0..<bytes.count), "\(text) should be read plainly")
            let full = try #require(try reader.read(text))
            #expect(fast.bitPattern == full.bitPattern, "\(text): \(fast) against \(full)")
        }
        for text in others {
            let bytes = Array(text.utf8)
            #expect(reader.readPlain(bytes, 0..<bytes.count) == nil, "\(text) is for NumberReader.read")
        }
    }

    @Test func cellsReadFromTheirBytes() {
        let table = DataTable.parse(text: "id;belopp;namn\n E1\u{00A0};\u{202F};\"sa \"\"hej\"\"\"\n\"\";\" 12 \";x\n", path: "t.csv")
        #expect(table.diagnostics.isEmpty)
        #expect(table.rows.map { $0.cells.map(\.trimmed) } == [["E1", "", "sa \"hej\""], ["", "12", "x"]])
        #expect(table.rows[0].cells.map(\.isBlank) == [false, true, false])
        #expect(table.rows[1].cells.map(\.quoted) == [true, true, false])
        let amounts = table.column(keyColumn: "namn", valueColumn: "belopp")
        #expect(amounts.items.map(\.value) == [.blank, .number(12)])
        #expect(amounts.items.map { "\($0.location.line):\($0.location.column)" } == ["2:6", "3:4"])
    }
}
