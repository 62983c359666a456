@testable import Kalkyl
import Testing

/// Separators, quoting, line ends and the per-file decimal mark, on text written in place.
@Suite struct CSVReadingTests {
    func parse(_ text: String, options: DataReadOptions = .detect) -> DataTable {
        DataTable.parse(text: text, path: "test.csv", options: options)
    }

    @Test(arguments: [("konto;belopp\n4010;12\n", DataFormat.Separator.semicolon),
                      ("konto,belopp\n4010,12\n", .comma),
                      ("konto\tbelopp\n4010\t12\n", .tab),
                      ("\"konto;nr\",belopp,ansvar\n4010,12,110\n", .comma),   // a separator inside quotes does not count
                      ("\n\nkonto;belopp\n4010;12\n", .semicolon)])          // empty lines before the header
    func separatorFromTheHeader(text: String, separator: DataFormat.Separator) {
        let table = parse(text)
        #expect(table.format.separator == separator)
        #expect(table.columnNames == ["konto", "belopp"] || table.columnNames == ["konto;nr", "belopp", "ansvar"])
        #expect(table.rows.count == 1)
        #expect(table.diagnostics.isEmpty)
    }

    @Test func excelSeparatorLine() {
        let table = parse("sep=,\nkonto;namn,belopp\n4010;x,12\n")
        #expect(table.format.separator == .comma)
        #expect(table.columnNames == ["konto;namn", "belopp"])
        #expect(table.rows.first?.cells.map(\.text) == ["4010;x", "12"])
        #expect(table.rows.first.map { table.location($0.range).line } == 3)
    }

    @Test func givenSeparatorWins() {
        let table = parse("a;b,c\n1;2,3\n", options: DataReadOptions(separator: .comma))
        #expect(table.columnNames == ["a;b", "c"])
    }

    @Test func singleColumn() {
        let table = parse("id\nE1001\nE1002\n")
        #expect(table.columnNames == ["id"])
        #expect(table.rows.map { $0.cells[0].text } == ["E1001", "E1002"])
    }

    @Test func quotedFields() {
        // Separators, doubled quotes and a line break inside quotes; padding before a quote.
        let table = parse("namn;text;belopp\n\"Öberg; Anna\";\"sa \"\"hej\"\"\nigen\";1\n \"x\" ;\"\";2\n")
        #expect(table.diagnostics.isEmpty)
        #expect(table.rows.count == 2)
        #expect(table.rows[0].cells.map(\.text) == ["Öberg; Anna", "sa \"hej\"\nigen", "1"])
        #expect(table.rows[1].cells.map(\.text) == ["x", "", "2"])
        #expect(table.rows[1].cells.map(\.quoted) == [true, true, false])
        // The row after a field with a line break in it starts on line 4.
        #expect(table.location(table.rows[1].range).line == 4)
        #expect(table.location(of: table.rows[1].cells[2]).column == 10)
    }

    @Test func quoteInsideAnUnquotedFieldIsKept() {
        let table = parse("text;belopp\nskärm 24\";1\n")
        #expect(table.rows.first?.cells[0].text == "skärm 24\"")
        #expect(table.diagnostics.isEmpty)
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func lineEnds(end: String) {
        let text = ["konto;belopp", "4010;1 234,50", "\"5410\";\"7\"", ""].joined(separator: end)
        let table = parse(text)
        #expect(table.diagnostics.isEmpty)
        #expect(table.rows.map { $0.cells.map(\.text) } == [["4010", "1 234,50"], ["5410", "7"]])
        #expect(table.rows.map { table.location($0.range).line } == [2, 3])
        #expect(table.location(of: table.rows[1].cells[1]).column == 8)
    }

    @Test func noFinalLineBreak() {
        let table = parse("a;b\n1;2")
        #expect(table.rows.first?.cells.map(\.text) == ["1", "2"])
    }

    @Test func emptyLinesAndBlankRows() {
        // An empty line is no row; `;;` is a row of blanks that carries nothing.
        let table = parse("konto;belopp\n4010;1\n\n;\n4020;2\n;\n")
        #expect(table.diagnostics.isEmpty)
        #expect(table.rows.count == 4)
        #expect(table.rows.filter(\.isBlank).count == 2)
        let values = table.column(keyColumn: "konto", valueColumn: "belopp")
        #expect(values.diagnostics.isEmpty)
        #expect(values.items.map(\.key) == ["4010", "4020"])
    }

    @Test func trailingSeparatorsOnDataRows() {
        // Some exports end every data row with the separator: the empty field past the last column holds nothing.
        let table = parse("konto;belopp\n4010;1;\n4020;2;\n")
        #expect(table.diagnostics.isEmpty)
        #expect(table.rows.map { $0.cells.count } == [2, 2])
    }

    @Test func paddedHeaderNames() {
        let table = parse(" konto ; belopp \n4010;1\n")
        #expect(table.columnNames == ["konto", "belopp"])
        #expect(table.columnIndex(named: "belopp") == 1)
    }

    // MARK: The decimal mark

    @Test func semicolonWithoutDecimalsMeansDecimalComma() throws {
        // `1,234` in a `;` file is one comma two three four thousandths, as a Swedish export means it.
        let table = parse("konto;belopp\n4010;1,234\n4020;12\n")
        #expect(table.format.decimalMark == .comma)
        #expect(table.format.decimalSource == .separator)
        #expect(try table.numberReader.read(table.rows[0].cells[1].text) == 1.234)
    }

    @Test func commaWithoutDecimalsMeansDecimalPoint() {
        let table = parse("konto,belopp\n4010,12\n")
        #expect(table.format.decimalMark == .point)
        #expect(table.format.decimalSource == .separator)
    }

    @Test func unquotedCommaInACommaFileSplitsTheField() {
        // With `,` separators a number with a comma in it must be quoted: unquoted, it is two fields.
        let table = parse("konto,belopp\n4010,1,5\n4020,\"1,5\"\n")
        expectDataDiagnostics(table.diagnostics, [(at: "2:8", text: "5", message: "this row has 3 fields, but the header has 2")])
        #expect(table.rows.map { $0.cells[1].text } == ["1,5"])
    }

    @Test func theDataDecidesTheMark() {
        // Most numbers with decimals show a point, so a `;` file reads decimal points; the first such cell is kept.
        let table = parse("konto;belopp\n4010;1200\n4020;12.5\n4030;7.25\n")
        #expect(table.format.decimalMark == .point)
        #expect(table.format.decimalSource == .data(table.rows[1].cells[1].range))
        let wide = parse("ansvar,202101\n110,\"1 234,50\"\n")
        #expect(wide.format.decimalMark == .comma)
    }

    @Test func givenMarkWins() throws {
        let table = parse("konto;belopp\n4010;12.5\n", options: DataReadOptions(decimalMark: .comma))
        #expect(table.format.decimalSource == .given)
        let values = table.column(keyColumn: "konto", valueColumn: "belopp", kind: .number)
        expectDataDiagnostics(values.diagnostics, [(at: "2:6", text: "12.5", message: "has a decimal point, but this file writes decimals with a comma")])
        #expect(values.diagnostics.first?.hint == "the decimal comma was given when the file was read")
    }

    @Test func aContradictingCellPointsAtTheNumberThatDecided() {
        let table = parse("konto;belopp\n4010;1 234,50\n4020;12.5\n4030;2,5\n")
        let values = table.column(keyColumn: "konto", valueColumn: "belopp")
        expectDataDiagnostics(values.diagnostics, [(at: "3:6", text: "12.5", message: "'12.5' has a decimal point")])
        let note = values.diagnostics.first?.notes.first
        #expect(note?.message == "this number shows the file's decimal comma")
        #expect(note.map(place) == "2:6")
    }
}
