@testable import Kalkyl
import Testing

/// Data diagnostics print exactly as model diagnostics do: `file:line:col`, the line, a caret.
@Suite struct DataRenderedTests {
    static func render(_ d: Diagnostic) -> String { DiagnosticRenderer.render(d) }

    let ledger = DataTable.parse(text: """
        konto;ansvar;period;belopp
        4010;Nätverk;202101;1 234,50
        4010;Nätverk;202102;12.5
        4010;Nätverk;202101;99
        """, path: "data/ledger.csv")

    @Test func contradictingNumber() {
        let found = ledger.long(periodColumn: "period", keyColumns: ["konto", "ansvar"], amountColumn: "belopp", timeline: year2021)
        #expect(DiagnosticRenderer.render(found.diagnostics) == """
            data/ledger.csv:3:21: error: '12.5' has a decimal point, but this file writes decimals with a comma
            4010;Nätverk;202102;12.5
                                ^~~~
            data/ledger.csv:2:21: note: this number shows the file's decimal comma
            4010;Nätverk;202101;1 234,50
                                ^~~~~~~~
            data/ledger.csv:4:21: error: a second amount for konto '4010', ansvar 'Nätverk' in 2021-01
            4010;Nätverk;202101;99
                                ^~
              hint: remove the repeated row, or add the key column that tells the rows apart
            data/ledger.csv:2:21: note: first amount here
            4010;Nätverk;202101;1 234,50
                                ^~~~~~~~

            """)
    }

    @Test func missingColumn() {
        let found = ledger.long(periodColumn: "period", keyColumns: ["konto", "ansvar"], amountColumn: "beloop", timeline: year2021)
        #expect(DiagnosticRenderer.render(found.diagnostics) == """
            data/ledger.csv:1:1: error: the data file data/ledger.csv has no column 'beloop'
            konto;ansvar;period;belopp
            ^~~~~~~~~~~~~~~~~~~~~~~~~~
              hint: did you mean 'belopp'?

            """)
    }

    @Test func missingField() {
        let table = DataTable.parse(text: "konto;belopp\r\n4010\r\n", path: "data/x.csv")
        #expect(DiagnosticRenderer.render(table.diagnostics) == """
            data/x.csv:2:5: error: this row has 1 field, but the header has 2
            4010
                ^
              hint: a missing field is still written as an empty one between two separators (';')

            """)
    }
}
