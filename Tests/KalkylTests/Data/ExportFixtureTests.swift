@testable import Kalkyl
import Testing

/// Real-looking exports, read end to end: Raindance ledger, a wide personnel-cost report, the
/// HR staff file, a Unit4 English export, a yearly plan and Excel's "Unicode text".
@Suite struct ExportFixtureTests {
    @Test func raindanceLedgerInLongForm() throws {
        let table = try DataFixtures.table("raindance-ledger.csv")
        #expect(table.diagnostics.isEmpty)
        #expect(table.format.separator == .semicolon)
        #expect(table.format.decimalMark == .comma)
        #expect(table.format.encoding == .utf8)
        #expect(table.rows.count == 10)

        let ledger = table.long(periodColumn: "period", keyColumns: ["konto", "ansvar"], amountColumn: "belopp", timeline: year2021)
        #expect(ledger.diagnostics.isEmpty)
        #expect(ledger.items.map(\.key) == [["3010", "110"], ["4010", "110"], ["4010", "120"], ["5410", "110"]])
        let blanks = [Double?](repeating: nil, count: 9)
        #expect(ledger.series("3010", "110")?.numbers == [-1_250_000, -1_180_000, nil] + blanks)   // '-' and '−'
        #expect(ledger.series("4010", "110")?.numbers == [2_345_678.5, 2_351_002.75, 2_360_115.1] + blanks)   // no-break spaces
        #expect(ledger.series("5410", "110")?.numbers == [12_500, -4250, nil] + blanks)            // trailing minus

        // An empty amount is blank, not zero, and still has its place.
        let lastRow = try #require(ledger.series("4010", "120"))
        #expect(lastRow.values[2] == .blank)
        #expect(lastRow.locations[2].map { "\($0.line):\($0.column)" } == "11:44")
        #expect(lastRow.locations[3] == nil)
        #expect(lastRow.locations[0].map { "\($0.line):\($0.column)" } == "4:44")
        #expect(lastRow.keyLocation.line == 4)
    }

    @Test func personnelCostInWideForm() throws {
        let table = try DataFixtures.table("personalkostnad-wide.csv")
        #expect(table.diagnostics.isEmpty)
        let cost = table.wide(keyColumns: ["ansvar"], timeline: year2021)
        #expect(cost.diagnostics.isEmpty)
        #expect(cost.items.map(\.key) == [["110"], ["120"], ["130"]])
        let six = [Double?](repeating: nil, count: 6)
        #expect(cost.series("110")?.numbers == [1_234_567.5, 1_234_567.5, 1_234_567.5, 1_240_112, 1_241_000, 1_250_300.25] + six)
        #expect(cost.series("130")?.numbers == [456_789, 0, -12_500.5, 460_000, nil, 470_000.5] + six)
        // Each value knows its cell: 2021-03 of ansvar 130 is on line 4.
        let march = try #require(cost.series("130")?.locations[2])
        #expect(march.line == 4)
        #expect(String(decoding: table.file.bytes[march.range.start..<march.range.end], as: UTF8.self) == "-12 500,50")
    }

    @Test func staffFileWithByteOrderMark() throws {
        let table = try DataFixtures.table("staff.csv")
        #expect(table.diagnostics.isEmpty)
        #expect(table.format.encoding == .utf8WithBOM)
        #expect(table.columnNames.first == "id")   // the mark is not part of the first name

        let staff = table.members(keyColumn: "id")
        #expect(staff.diagnostics.isEmpty)
        #expect(staff.items.map(\.name) == ["E1001", "E1002", "E1003", "E1004"])
        #expect(staff.items.map(\.location.line) == [2, 3, 4, 5])

        let salary = table.column(keyColumn: "id", valueColumn: "månadslön")
        #expect(salary.diagnostics.isEmpty)
        #expect(salary.items.map(\.value) == [.number(38_500), .number(41_200.5), .number(36_900), .number(52_000)])

        let rate = table.column(keyColumn: "id", valueColumn: "sysselsättningsgrad")
        #expect(rate.items.map(\.value) == [.number(1), .number(0.75), .number(0.8), .number(1)])

        // End months: blank for the still employed, else the month as a formula sees it.
        let end = table.column(keyColumn: "id", valueColumn: "slutmånad", timeline: year2021)
        #expect(end.diagnostics.isEmpty)
        #expect(end.items.map(\.value) == [.blank, .number(ExcelDate.serial(year: 2021, month: 6, day: 1)),
                                           .number(ExcelDate.serial(year: 2021, month: 9, day: 1)), .blank])

        let names = table.column(keyColumn: "id", valueColumn: "namn")
        #expect(names.items.map(\.value) == [.text("Anna Öberg"), .text("Erik Åström"), .text("Lena Ängström"), .text("Johan Nyström")])
    }

    @Test func windows1252WithSwedishLettersAndTheEuroSign() throws {
        let table = try DataFixtures.table("budget-1252.csv")
        #expect(table.diagnostics.isEmpty)
        #expect(table.format.encoding == .windows1252)
        #expect(table.columnNames == ["enhet", "benämning", "belopp"])
        let text = table.column(keyColumn: "enhet", valueColumn: "benämning", kind: .text)
        #expect(text.items.map(\.key) == ["Nätverk", "Ledningsstöd", "Support"])
        #expect(text.items.map(\.value) == [.text("Lönekostnad åäö"), .text("Övrigt ÅÄÖ, café"), .text("Konferens Göteborg 450 €")])
        let amounts = table.column(keyColumn: "enhet", valueColumn: "belopp")
        #expect(amounts.items.map(\.value) == [.number(1000.5), .number(-250), .number(4500)])
        // Columns count characters, not bytes: the amount after "Ledningsstöd;Övrigt ÅÄÖ, café;" is at column 31.
        #expect(amounts.items[1].location.column == 31)
    }

    @Test func unit4EnglishExport() throws {
        let table = try DataFixtures.table("unit4-english.csv")
        #expect(table.diagnostics.isEmpty)
        #expect(table.format.separator == .comma)
        #expect(table.format.decimalMark == .point)
        #expect(table.rows.map { table.location($0.range).line } == [2, 3, 4, 6])
        #expect(table.rows[2].cells[4].text == "Consultant \"Alfa\" AB\ninvoice 2")

        let ledger = table.long(periodColumn: "Period", keyColumns: ["Account", "Cost centre"], amountColumn: "Amount", timeline: year2021)
        #expect(ledger.diagnostics.isEmpty)
        #expect(ledger.series("4010", "110")?.numbers.prefix(2) == [1_234_567.5, -2345.5])   // dates inside the month
        #expect(ledger.series("4010", "120")?.numbers.first == 12_500)
        #expect(ledger.series("5410", "Central, staff")?.numbers.first == -1500)           // accounting parentheses
    }

    @Test func yearlyPlan() throws {
        let table = try DataFixtures.table("plan-yearly.csv")
        let years = Timeline(granularity: .yearly, first: 2021, count: 3)
        let plan = table.wide(keyColumns: ["verksamhet"], timeline: years)
        #expect(plan.diagnostics.isEmpty)
        #expect(plan.series("Länsteknik")?.numbers == [91.3, 94.1, 97])
        #expect(plan.series("Ledningsstöd")?.numbers == [12, 12.6, nil])
    }

    @Test func excelUnicodeTextIsUTF16AndTabs() throws {
        let table = try DataFixtures.table("excel-unicode.txt")
        #expect(table.diagnostics.isEmpty)
        #expect(table.format.encoding == .utf16LittleEndian)
        #expect(table.format.separator == .tab)
        let cost = table.wide(keyColumns: ["ansvar"], timeline: year2021)
        #expect(cost.diagnostics.isEmpty)
        #expect(cost.series("110")?.numbers.prefix(2) == [1234.5, -500])
        #expect(cost.series("120")?.numbers.prefix(2) == [17, 0.25])
    }

    @Test func readingFromDiskByRelativePath() throws {
        let table = try DataFile.read(path: "staff.csv", relativeTo: DataFixtures.directory)
        #expect(table.file.path == DataFixtures.path("staff.csv"))
        #expect(table.rows.count == 4)
    }

    @Test func sumOfRepeatedAmountsWhenAsked() {
        let table = DataTable.parse(text: "konto;period;belopp\n4010;202101;100\n4010;202101;-30,5\n4010;202102;\n4010;202102;7\n", path: "v.csv")
        let summed = table.long(periodColumn: "period", keyColumns: ["konto"], amountColumn: "belopp", timeline: year2021, duplicates: .sum)
        #expect(summed.diagnostics.isEmpty)
        #expect(summed.items.first?.numbers.prefix(2) == [69.5, 7])
    }
}
