@testable import Kalkyl
import Testing

/// What watch shows under a changed input after a save: where its value now comes from, read
/// from the checked model as explain reads it (a data file's cell, the rows summed into it, the
/// statement that sets it).
@Suite struct WatchOriginTests {
    func load(_ files: [String: String]) throws -> (CheckedModel, EvaluationOrder) {
        let loaded = try ModelLoader.load(path: "/mem/m.kalkyl", sources: MemorySources(files, fallback: nil))
        return (try #require(loaded.model, "\(loaded.diagnostics.map(\.message))"), try #require(loaded.order))
    }

    /// The text watch prints after the model and its files change from `before` to `after`.
    func watchText(before: [String: String], after: [String: String], limit: Int = 20) throws -> String {
        let (m0, o0) = try load(before)
        let evaluation = Evaluation(model: m0, order: o0)
        evaluation.evaluateAll()
        let (m1, o1) = try load(after)
        let (next, edit) = evaluation.reconciled(with: m1, order: o1)
        return edit.withOrigins(from: next, limit: limit).text(time: "12:00:00", elapsed: "0.1", limit: limit, model: m1, before: m0)
    }

    let ledgerModel = """
        timeline monthly 2024-01 .. 2024-02
        dimension konto = "3010", "5010"
        input utfall[konto, month] = data "gl.csv" long key Konto period Period amount Belopp sum missing 0
        total = SUM(utfall[konto])

        """

    @Test func aCellSummedFromRowsNamesTheRows() throws {
        let text = try watchText(
            before: ["/mem/m.kalkyl": ledgerModel, "/mem/gl.csv": "Konto;Period;Belopp\n3010;202401;-500\n5010;202401;200\n"],
            after: ["/mem/m.kalkyl": ledgerModel, "/mem/gl.csv": "Konto;Period;Belopp\n3010;202401;-500\n5010;202401;200\n5010;202401;30\n"])
        #expect(text.contains("  utfall[5010, 2024-01]  200 → 230  (+30)\n    from the sum of 2 rows of gl.csv (Belopp): lines 3 and 4"), "\(text)")
        // A computed cell has no origin line.
        #expect(text.contains("  total                  -300 → -270  (+30)\n  utfall") || text.hasSuffix("  total                  -300 → -270  (+30)"), "\(text)")
    }

    @Test func aCellReadFromOneRowNamesItsPlace() throws {
        let model = "timeline monthly 2024-01 .. 2024-01\ndimension unit = A, B\ninput budget[unit] = data \"b.csv\" key enhet column belopp\n"
        let text = try watchText(before: ["/mem/m.kalkyl": model, "/mem/b.csv": "enhet;belopp\nA;1\nB;2\n"],
                                 after: ["/mem/m.kalkyl": model, "/mem/b.csv": "enhet;belopp\nA;1\nB;5\n"])
        #expect(text.hasSuffix("  budget[B]  2 → 5  (+3)\n    from b.csv:3:3 (belopp)"), "\(text)")
    }

    /// A member whose name holds an emoji (two UTF-16 units, one character) is listed whole,
    /// its column as wide as the others.
    @Test func aMemberWithAnEmojiIsListedWhole() throws {
        let model = "dimension unit = \"Vård 🏥\", Labb\ninput rent[unit] = 1\n"
        let text = try watchText(before: ["/mem/m.kalkyl": model],
                                 after: ["/mem/m.kalkyl": model.replacingOccurrences(of: "= 1", with: "= 2")])
        #expect(text.contains("\n  rent[Vård 🏥]  1 → 2  (+1)\n"), "\(text)")
        #expect(text.contains("\n  rent[Labb]    1 → 2  (+1)\n"), "\(text)")
    }

    @Test func anInputSetInTheModelNamesItsStatement() throws {
        let model = "timeline monthly 2024-01 .. 2024-03\ninput hires[month] = 0\ninput hires[2024-02] = 2\n"
        let text = try watchText(before: ["/mem/m.kalkyl": model],
                                 after: ["/mem/m.kalkyl": model.replacingOccurrences(of: "= 2", with: "= 3")])
        #expect(text.hasSuffix("  hires[2024-02]  2 → 3  (+1)\n    from /mem/m.kalkyl:3:7: input hires[2024-02] = 3"), "\(text)")
    }

    @Test func onlyTheListedCellsAreLookedUp() throws {
        let model = "timeline monthly 2024-01 .. 2024-03\ninput hires[month] = 0\n"
        let (m0, o0) = try load(["/mem/m.kalkyl": model])
        let evaluation = Evaluation(model: m0, order: o0)
        evaluation.evaluateAll()
        let (m1, o1) = try load(["/mem/m.kalkyl": model.replacingOccurrences(of: "= 0", with: "= 1")])
        let (next, edit) = evaluation.reconciled(with: m1, order: o1)
        #expect(edit.withOrigins(from: next, limit: 2).changes.map { $0.origin != nil } == [true, true, false])
    }

    @Test func longListsAreCut() {
        #expect(InputSource.list(["1", "2"], total: 2) == "1 and 2")
        #expect(InputSource.list(["1"], total: 1) == "1")
        #expect(InputSource.list(["1", "2"], total: 5) == "1, 2 and 3 more")
    }
}
