import Foundation
import KalkylXLSX
import Testing

/// The wrapper's charts, conditional formats and page setup: what they write, and that misuse
/// throws instead of breaking the file or touching freed memory.
@Suite struct PresentationWriterTests {
    func failure(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> XLSXError? {
        do {
            try body()
            Issue.record("expected an XLSXError, nothing was thrown", sourceLocation: sourceLocation)
        } catch let error as XLSXError {
            return error
        } catch {
            Issue.record("expected an XLSXError, got \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }

    @Test func aChartAConditionalFormatAndAPageSetupAreWritten() throws {
        let scratch = try Scratch()
        let path = scratch.path("p.xlsx")
        try XLSXWorkbook.write(to: path) { book in
            let sheet = try book.addWorksheet("Data")
            for p in 0..<3 {
                try sheet.writeNumber(Double(p + 1), row: 0, column: p + 1)
                try sheet.writeNumber(Double(10 * (p + 1)), row: 1, column: p + 1)
            }
            let chart = try book.addChart(.line)
            try chart.setTitle("Kostnad & budget")
            try chart.addSeries(values: "=Data!$B$2:$D$2", categories: "=Data!$B$1:$D$1", name: "Kostnad",
                                style: .init(color: 0x1F4E79, dashed: true))
            try chart.setValueAxisNumberFormat("#,##0.0,,")
            try chart.placeLegendBelow()
            try sheet.insertChart(chart, row: 3, column: 0, widthScale: 1.5, heightScale: 1)
            #expect(failure { try sheet.insertChart(chart, row: 20, column: 0) }?.kind == .invalidArgument, "a chart goes on one sheet once")
            let red = try book.format(XLSXStyle(fontColor: 0x9C0006))
            try sheet.conditionalFormat(rows: 1...1, columns: 1...3, rule: .lessThan(15), format: red)
            try sheet.conditionalFormat(rows: 1...1, columns: 1...3, rule: .formula("=B2>B1*10"), format: red)
            var setup = XLSXPageSetup()
            setup.landscape = true
            setup.fitToWidth = true
            setup.repeatRows = 0...0
            setup.header = ("Kalkyl & co", "Mitt", "")
            setup.pageNumbers = true
            try sheet.setPageSetup(setup)
        }
        let workbook = try ExportedWorkbook(URL(fileURLWithPath: path))
        let xml = try workbook.xml(of: "Data")
        #expect(xml.contains(#"<conditionalFormatting sqref="B2:D2"><cfRule type="cellIs" dxfId="0" priority="1" operator="lessThan"><formula>15</formula></cfRule><cfRule type="expression" dxfId="0" priority="2"><formula>B2&gt;B1*10</formula></cfRule></conditionalFormatting>"#), "\(xml)")
        #expect(xml.contains(#"<pageSetup paperSize="9" fitToHeight="0" orientation="landscape"/>"#))
        #expect(xml.contains("<oddHeader>&amp;LKalkyl &amp;&amp; co&amp;CMitt</oddHeader><oddFooter>&amp;R&amp;P (&amp;N)</oddFooter>"), "an & in the text is doubled")
        #expect(workbook.definedNames["_xlnm.Print_Titles"] == "Data!$1:$1")
        let chart = try ExportedWorkbook.unzip(workbook.url, "xl/charts/chart1.xml")
        #expect(chart.contains("<c:lineChart>") && chart.contains("<c:f>Data!$B$2:$D$2</c:f>") && chart.contains("<a:prstDash val=\"dash\"/>"))
        #expect(chart.contains("<a:t>Kostnad &amp; budget</a:t>") && chart.contains("<c:v>Kostnad</c:v>"))
        // The numbers under the chart are copied from the sheet.
        #expect(chart.contains("<c:pt idx=\"2\"><c:v>30</c:v></c:pt>"))
    }

    @Test func misuseThrows() throws {
        let scratch = try Scratch()
        let book = try XLSXWorkbook(path: scratch.path("a.xlsx"))
        let sheet = try book.addWorksheet("Data")
        let other = try XLSXWorkbook(path: scratch.path("b.xlsx"))
        let foreign = try other.addChart(.column)
        #expect(failure { try sheet.insertChart(foreign, row: 0, column: 0) }?.kind == .invalidArgument)
        let chart = try book.addChart(.column)
        #expect(failure { try sheet.insertChart(chart, row: 0, column: 0, widthScale: 0) }?.kind == .invalidArgument)
        #expect(failure { try sheet.insertChart(chart, row: 1_048_576, column: 0) }?.code == .worksheetIndexOutOfRange)
        #expect(failure { try chart.addSeries(values: "Data!$A$1:$A$3", categories: nil, name: nil) }?.kind == .invalidArgument)
        #expect(failure { try chart.addSeries(values: "=Data!$A$1:$A$3", categories: nil, name: nil, style: .init(color: 0x1_000_000)) }?.kind == .invalidArgument)
        #expect(failure { try chart.setTitle("x", size: 0) }?.kind == .invalidArgument)
        let format = try book.format(XLSXStyle(bold: true))
        #expect(failure { try sheet.conditionalFormat(rows: 0...0, columns: 0...0, rule: .greaterThan(.nan), format: format) }?.kind == .invalidArgument)
        #expect(failure { try sheet.conditionalFormat(rows: 0...1_048_576, columns: 0...0, rule: .greaterThan(0), format: format) }?.code == .worksheetIndexOutOfRange)
        #expect(failure { try sheet.restrictToList(row: 0, column: 0, choices: []) }?.kind == .invalidArgument)
        #expect(failure { try sheet.restrictToList(row: 0, column: 0, choices: ["a,b"]) }?.kind == .invalidArgument, "a comma would split the choice")
        #expect(failure { try sheet.restrictToList(row: 0, column: 0, choices: Array(repeating: String(repeating: "x", count: 100), count: 3)) }?.kind == .invalidArgument)
        try sheet.restrictToList(row: 0, column: 0, choices: ["base", "hiring_stop"])
        var setup = XLSXPageSetup()
        setup.header = (String(repeating: "x", count: 300), "", "")
        #expect(failure { try sheet.setPageSetup(setup) }?.kind == .invalidArgument, "Excel's header holds 255 characters")
        try book.close()
        #expect(failure { try chart.setTitle("after") }?.kind == .closed)
        #expect(failure { try chart.addSeries(values: "=Data!$A$1", categories: nil, name: nil) }?.kind == .closed)
        #expect(failure { try sheet.insertChart(chart, row: 0, column: 0) }?.kind == .closed)
        #expect(failure { try sheet.setPageSetup(XLSXPageSetup()) }?.kind == .closed)
        #expect(failure { try sheet.conditionalFormat(rows: 0...0, columns: 0...0, rule: .lessThan(0), format: format) }?.kind == .closed)
        #expect(failure { _ = try book.addChart(.line) }?.kind == .closed)
        #expect(failure { try sheet.restrictToList(row: 0, column: 0, choices: ["a"]) }?.kind == .closed)
        try other.close()
    }
}
