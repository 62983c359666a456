import Kalkyl
import KalkylXLSX
import Testing

/// Every problem of a layout has a stable code (docs/diagnostics.md): a layout per code that
/// raises it.
@Suite struct LayoutDiagnosticCodeTests {
    static let model = """
        timeline monthly 2021-01 .. 2021-03
        dimension unit = A, B
        input cost[unit, month] = 1
        total[month] = SUM(cost[unit])
        input s = 1
        check ok: s > 0
        scenario stopp {
          s = 2
        }

        """

    func codes(_ layout: String) throws -> [String] {
        let loaded = ModelLoader.load(source: SourceFile(path: "m.kalkyl", text: Self.model))
        let model = try #require(loaded.model, "\(loaded.diagnostics.map(\.message))")
        let (_, diagnostics) = ReportLayout.resolve(SourceFile(path: "x.layout", text: layout), model: model)
        return diagnostics.map { $0.code?.rawValue ?? "none: \($0.message)" }
    }

    @Test("A layout's problem has its code", arguments: [
        ("sheet \"A\"\ncolumns months\nrow total,", "K0109"),
        ("sheet \"A\"\nbogus total", "K0801"),
        ("sheet \"A\"\ncolumns bogus\nrow total", "K0801"),
        ("sheet \"A\"\nrow total", "K0802"),
        ("sheet \"A\"\ncolumns months\nrow total\nsheet \"a\"\ncolumns months\nrow total", "K0806"),
        ("sheet \"A:B\"\ncolumns months\nrow total", "K0806"),
        ("sheet \"A\"\ncolumns \"S\" = stop year\nrow total", "K0807"),
        ("sheet \"A\"\ncolumns stopp - stopp year\nrow total", "K0805"),
        ("sheet \"A\"\ncolumns months\nrow ok", "K0808"),
        ("sheet \"A\"\ncolumns months\nrow totl", "K0201"),
        ("sheet \"A\"\ncolumns months\nrow cost[C]", "K0205"),
        ("sheet \"A\"\ncolumns months\nrow s[A]", "K0213"),
        ("sheet \"A\"\ncolumns 2021\nrow total", "K0216"),
        ("sheet \"A\"\ncolumns 2030-01\nrow total", "K0204"),
        ("sheet \"A\"\nchart line \"T\" s", "K0810"),
    ])
    func aLayoutsProblemHasItsCode(layout: String, code: String) throws {
        // The first problem has the code; one it leads to (rows left without columns) may follow.
        let found = try codes(layout)
        #expect(found.first == code && !found.contains("K0800"), "\(found)")
    }

    @Test func misplacedStatementsHaveTheirCode() throws {
        let found = try codes("note \"x\"")
        #expect(!found.isEmpty && found.allSatisfy { $0 == "K0802" }, "\(found)")
    }
}
