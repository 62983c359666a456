@testable import Kalkyl
import Testing

/// Every problem in a data file, at its line and column, from broken exports under `Fixtures/data`.
@Suite struct DataDiagnosticsTests {
    @Test func brokenLedgerCells() throws {
        let table = try DataFixtures.table("broken-ledger.csv")
        #expect(table.diagnostics.isEmpty)
        let ledger = table.long(periodColumn: "period", keyColumns: ["konto", "ansvar"], amountColumn: "belopp", timeline: year2021)
        expectDataDiagnostics(ledger.diagnostics, [
            (at: "3:21", text: "12.5", message: "'12.5' has a decimal point, but this file writes decimals with a comma"),
            (at: "4:21", text: "1.234", message: "'1.234' could be read two ways"),
            (at: "5:21", text: "12,5x", message: "'12,5x' is not a number: unexpected 'x'"),
            (at: "6:6", text: "nätverk", message: "'nätverk' and 'Nätverk' differ only in case or spacing"),
            (at: "7:21", text: "99,50", message: "a second amount for konto '4010', ansvar 'Nätverk' in 2021-01"),
            (at: "8:14", text: "202113", message: "'202113' is not a period: there is no month 13"),
            (at: "9:14", text: "2020-12", message: "2020-12 is outside the timeline 2021-01 .. 2021-12"),
            (at: "11:14", text: "2021", message: "2021 is a year, but the timeline is monthly"),
            (at: "12:1", text: "", message: "the key in column 'konto' is empty"),
            (at: "13:14", text: "", message: "the period in column 'period' is empty"),
            (at: "14:21", text: "12 34", message: "'12 34' groups its digits wrongly"),
            (at: "15:21", text: "--5", message: "'--5' has more than one sign"),
        ])
        let d = ledger.diagnostics
        #expect(d[0].notes.map(place) == ["2:21"])                          // the number that decided the decimal comma
        #expect(d[1].hint == "write '1234' for 1234, or '1,234' for a number with decimals")
        #expect(d[3].notes.map(place) == ["2:6"])
        #expect(d[3].notes.first?.message == "'Nätverk' is written here")
        #expect(d[4].notes.map(place) == ["2:21"])
        #expect(d[4].notes.first?.message == "first amount here")
        #expect(d[6].hint == "also on line 10")                             // one message for the same period, not one per row
        // What could be read is still there; the bad amounts are blank.
        #expect(ledger.series("4010", "Nätverk")?.numbers.prefix(3) == [1234.5, nil, nil])
    }

    @Test func brokenStructure() throws {
        let table = try DataFixtures.table("broken-structure.csv")
        expectDataDiagnostics(table.diagnostics, [
            (at: "2:16", text: "", message: "this row has 3 fields, but the header has 4"),
            (at: "3:21", text: "7", message: "this row has 5 fields, but the header has 4"),
            (at: "5:11", text: "x", message: "text after the closing quote of a field"),
            (at: "6:17", text: "\"", message: "this quote is never closed"),
        ])
        // The rows around the broken ones are read, including the one after the unclosed quote.
        let ledger = table.long(periodColumn: "period", keyColumns: ["konto", "ansvar"], amountColumn: "belopp", timeline: year2021)
        #expect(ledger.diagnostics.isEmpty)
        #expect(ledger.items.first?.numbers.prefix(6) == [nil, nil, 100, nil, nil, 600])
    }

    @Test func brokenWideHeader() throws {
        let table = try DataFixtures.table("broken-wide.csv")
        let cost = table.wide(keyColumns: ["ansvar"], timeline: year2021)
        expectDataDiagnostics(cost.diagnostics, [
            (at: "1:15", text: "202113", message: "'202113' is not a period: there is no month 13"),
            (at: "1:22", text: "2021-01", message: "a second column for 2021-01"),
            (at: "1:30", text: "202201;202202", message: "the columns 202201 .. 202202 are outside the timeline 2021-01 .. 2021-12"),
            (at: "4:1", text: "110", message: "a second row for ansvar '110'"),
        ])
        #expect(cost.diagnostics[1].notes.map(place) == ["1:8"])
        #expect(cost.diagnostics[3].notes.map(place) == ["2:1"])
        #expect(cost.items.map(\.key) == [["110"], ["120"]])
    }

    @Test func wideFileWithoutPeriodColumns() {
        let table = DataTable.parse(text: "ansvar;jan;feb\n110;1;2\n", path: "w.csv")
        let cost = table.wide(keyColumns: ["ansvar"], timeline: year2021)
        expectDataDiagnostics(cost.diagnostics, [(at: "1:1", text: "ansvar;jan;feb", message: "no column of the header is a period")])
        #expect(cost.diagnostics.first?.hint == "name month columns as 202101 or 2021-01")
    }

    @Test func monthColumnsOnAYearlyTimeline() {
        let table = DataTable.parse(text: "ansvar;202101;2021\n110;1;2\n", path: "w.csv")
        let plan = table.wide(keyColumns: ["ansvar"], timeline: Timeline(granularity: .yearly, first: 2021, count: 2))
        expectDataDiagnostics(plan.diagnostics, [(at: "1:8", text: "202101", message: "the column 202101 is a month, but the timeline is yearly")])
        #expect(plan.items.first?.numbers == [2, nil])
    }

    @Test func yearlyTotalBesideMonthsIsNotData() {
        let table = DataTable.parse(text: "ansvar;202101;2021\n110;1;2\n", path: "w.csv")
        let cost = table.wide(keyColumns: ["ansvar"], timeline: year2021)
        #expect(cost.diagnostics.isEmpty)
        #expect(cost.items.first?.numbers.first == 1)
    }

    @Test func staffKeys() throws {
        let table = try DataFixtures.table("broken-staff.csv")
        let keyProblems: [(at: String, text: String, message: String)] = [
            (at: "4:1", text: "E1001", message: "'E1001' appears twice in column 'id'"),
            (at: "5:1", text: "e1002", message: "'e1002' and 'E1002' differ only in case or spacing"),
            (at: "6:1", text: " ", message: "the key in column 'id' is empty"),
            (at: "7:1", text: "E 1001", message: "'E 1001' and 'E1001' differ only in case or spacing"),
        ]
        let members = table.members(keyColumn: "id")
        expectDataDiagnostics(members.diagnostics, keyProblems)
        #expect(members.diagnostics[0].notes.map(place) == ["2:1"])
        #expect(members.diagnostics[0].notes.first?.message == "first here")
        #expect(members.items.map(\.name) == ["E1001", "E1002", "E1005"])

        let salary = table.column(keyColumn: "id", valueColumn: "månadslön")
        expectDataDiagnostics(salary.diagnostics, keyProblems + [
            (at: "8:18", text: "36 900 kr", message: "'36 900 kr' is not a number: unexpected 'k'"),
        ])
        #expect(salary.items.map(\.value) == [.number(38_500), .number(41_200), .blank])
    }

    @Test func missingColumnSuggestsTheClosest() throws {
        let table = try DataFixtures.table("staff.csv")
        let salary = table.column(keyColumn: "id", valueColumn: "manadslon")
        expectDataDiagnostics(salary.diagnostics, [
            (at: "1:1", text: "id;namn;enhet;månadslön;sysselsättningsgrad;slutmånad", message: "the data file data/staff.csv has no column 'manadslon'"),
        ])
        #expect(salary.diagnostics.first?.hint == "did you mean 'månadslön'?")
        #expect(salary.items.isEmpty)

        let ledger = table.long(periodColumn: "period", keyColumns: ["id"], amountColumn: "lön", timeline: year2021)
        #expect(ledger.diagnostics.map(\.message) == ["the data file data/staff.csv has no column 'period'",
                                                      "the data file data/staff.csv has no column 'lön'"])
        #expect(ledger.diagnostics.first?.hint == "its columns are 'id', 'namn', 'enhet', 'månadslön', 'sysselsättningsgrad', 'slutmånad'")
    }

    @Test func missingColumnAtItsPlaceInTheModel() throws {
        let model = MarkedSource("dimension employee from \"data/staff.csv\" key 1️⃣idd\n")
        let modelFile = SourceFile(path: "personal.kalkyl", text: model.text)
        let start = model.markers["1️⃣"]!
        let column = DataColumn("idd", at: SourceLocation(file: modelFile, range: SourceRange(start, start + 3)))
        let members = try DataFixtures.table("staff.csv").members(keyColumn: column)
        #expect(members.diagnostics.count == 1)
        #expect(members.diagnostics.first?.location?.file.path == "personal.kalkyl")
        #expect(members.diagnostics.first.map(place) == "1:46")
        #expect(members.diagnostics.first?.hint == "did you mean 'id'?")
    }

    @Test func missingFileByThePathAsGiven() {
        #expect(throws: Diagnostic.self) { try DataFile.read(path: "data/saknas.csv", relativeTo: "/nowhere/formulas") }
        do {
            _ = try DataFile.read(path: "data/saknas.csv", relativeTo: "/nowhere/formulas")
        } catch {
            #expect(error.message == "cannot find the data file 'data/saknas.csv'")
            #expect(error.hint == "looked for /nowhere/formulas/data/saknas.csv")
            #expect(DataRenderedTests.render(error) == """
                kalkyl: error: cannot find the data file 'data/saknas.csv'
                  hint: looked for /nowhere/formulas/data/saknas.csv

                """)
        }
    }

    @Test func missingFileAtTheDataStatement() {
        let model = SourceFile(path: "personal.kalkyl", text: "dimension employee from \"data/saknas.csv\" key id\n")
        let reference = SourceLocation(file: model, range: SourceRange(24, 41))
        do {
            _ = try DataFile.read(path: "data/saknas.csv", reference: reference)
            Issue.record("expected a missing file")
        } catch {
            #expect(place(error) == "1:25")
            #expect(underlined(error) == "\"data/saknas.csv\"")
            #expect(error.hint == nil)
        }
    }

    @Test func aFolderIsNotADataFile() {
        do {
            _ = try DataFile.read(path: DataFixtures.directory)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.hasSuffix("is a folder"))
        }
    }

    @Test func emptyFile() throws {
        let table = try DataFixtures.table("empty.csv")
        expectDataDiagnostics(table.diagnostics, [(at: "1:1", text: "", message: "the data file is empty")])
        #expect(table.members(keyColumn: "id").hasErrors)
    }

    @Test func mixedEncodings() throws {
        let table = try DataFixtures.table("mixed-encoding.csv")
        #expect(table.format.encoding == .windows1252)
        expectDataDiagnostics(table.diagnostics, [
            (at: "3:11", text: "ö", message: "the file mixes UTF-8 and Windows-1252: byte 0xF6 is not UTF-8, but earlier letters are"),
        ])
    }

    @Test func byteOrderMarkThatLies() {
        let table = DataTable.parse(bytes: [0xEF, 0xBB, 0xBF] + Array("a;b\nx;".utf8) + [0xE5] + Array("\n".utf8), path: "b.csv")
        #expect(table.format.encoding == .utf8WithBOM)
        expectDataDiagnostics(table.diagnostics, [
            (at: "2:3", text: "\u{FFFD}", message: "the file starts with a UTF-8 byte-order mark but byte 0xE5 is not UTF-8"),
        ])
    }

    @Test func unclosedQuoteInTheHeader() {
        // The first data row must not stand in for a header that could not be read.
        let table = DataTable.parse(text: "konto;\"belopp\n4010;1\n", path: "h.csv")
        expectDataDiagnostics(table.diagnostics, [(at: "1:7", text: "\"", message: "this quote is never closed")])
        #expect(table.header.isEmpty)
        #expect(table.rows.isEmpty)
    }

    @Test func repeatedColumnName() {
        let table = DataTable.parse(text: "konto;belopp;belopp\n4010;1;2\n", path: "r.csv")
        expectDataDiagnostics(table.diagnostics, [(at: "1:14", text: "belopp", message: "the column 'belopp' appears twice in the header")])
        #expect(table.diagnostics.first?.notes.map(place) == ["1:7"])
    }

    @Test func keyWithALineBreak() {
        let table = DataTable.parse(text: "id;lön\n\"E1\nE2\";1\n", path: "k.csv")
        let members = table.members(keyColumn: "id")
        expectDataDiagnostics(members.diagnostics, [(at: "2:1", text: "\"E1\nE2\"", message: "the key in column 'id' has a line break in it")])
    }

    @Test func periodsOutsideTheTimelineAreFoldedPerPeriod() {
        var text = "konto;period;belopp\n"
        for _ in 0..<8 { text += "4010;202012;1\n" }
        text += "4010;202201;1\n"
        let table = DataTable.parse(text: text, path: "o.csv")
        let ledger = table.long(periodColumn: "period", keyColumns: ["konto"], amountColumn: "belopp", timeline: year2021)
        expectDataDiagnostics(ledger.diagnostics, [
            (at: "2:6", text: "202012", message: "2020-12 is outside the timeline"),
            (at: "10:6", text: "202201", message: "2022-01 is outside the timeline"),
        ])
        #expect(ledger.diagnostics[0].hint == "also on lines 3, 4, 5, 6, 7 and 2 more")
        #expect(ledger.diagnostics[1].hint == nil)
    }

    @Test func periodColumnOfTheWrongKind() {
        let table = DataTable.parse(text: "id;slut\nE1;2021\nE2;2021-13\n", path: "p.csv")
        let end = table.column(keyColumn: "id", valueColumn: "slut", kind: .period, timeline: year2021)
        expectDataDiagnostics(end.diagnostics, [
            (at: "2:4", text: "2021", message: "2021 is a year, but the timeline is monthly"),
            (at: "3:4", text: "2021-13", message: "there is no month 13"),
        ])
    }
}

/// How `column` decides what a column holds when it is not told.
@Suite struct ColumnKindTests {
    func values(_ text: String, kind: ColumnKind = .automatic) -> DataExtraction<KeyedValue> {
        DataTable.parse(text: text, path: "k.csv").column(keyColumn: "id", valueColumn: "v", kind: kind, timeline: year2021)
    }

    @Test func periodsWithDashes() {
        #expect(values("id;v\nE1;2021-06\nE2;\n").items.map(\.value) == [.number(ExcelDate.serial(year: 2021, month: 6, day: 1)), .blank])
    }

    @Test func mostlyNumbersIsNumbersWithTheRestReported() {
        let found = values("id;v\nE1;38 500\nE2;41 200\nE3;saknas\n")
        expectDataDiagnostics(found.diagnostics, [(at: "4:4", text: "saknas", message: "'saknas' is not a number")])
    }

    @Test func textOtherwise() {
        #expect(values("id;v\nE1;ja\nE2;12\nE3;nej\n").items.map(\.value) == [.text("ja"), .text("12"), .text("nej")])
    }

    @Test func erpPeriodsAsNumbersAreWarnedAbout() {
        let found = values("id;v\nE1;202106\nE2;\nE3;202109\n")
        expectDataDiagnostics(found.diagnostics, [(at: "1:4", text: "v", message: "the column 'v' is read as numbers, but its values, such as 202106, are also months")])
        #expect(found.diagnostics.first?.severity == .warning)
        #expect(!found.hasErrors)
        let asPeriods = values("id;v\nE1;202106\n", kind: .period)
        #expect(asPeriods.items.first?.value == .number(ExcelDate.serial(year: 2021, month: 6, day: 1)))
    }
}
