@testable import Kalkyl
import Testing

/// An input read from data is written into its block at every full evaluation
/// (`DataCells.write(into:)`): the block must come out as a copy of `DataCells.block(count:)`
/// would make it, numbers, kinds and texts, whatever the block held before.
@Suite struct DataInputTests {
    /// Each cell's kind and number bits, and its text.
    static func cells(_ s: CellStorage) -> [String] {
        (0..<s.count).map { i in
            let kind = s.kinds?[i] ?? s.uniformKind
            return "\(kind) \(s.numbers[i].bitPattern) \(s.texts[i] ?? "")"
        }
    }

    /// A block that held something else: numbers, a truth value, a text.
    static func used(_ count: Int) -> CellStorage {
        let s = CellStorage(count: count)
        for i in 0..<count { s[i] = .number(Double(i) * 7.5 - 3) }
        if count > 2 {
            s[1] = .bool(true)
            s[2] = .text("old")
        }
        return s
    }

    @Test(arguments: [
        [Value.number(41_500), .number(-0.0), .number(0), .number(-12.25), .number(1e300), .number(5e-324)],
        [.number(1), .number(-0.0), .text("x"), .blank, .bool(true), .error(.div0), .number(3)],
        [.number(-0.0)],
        [],
    ])
    func writesWhatACopyOfItsBlockWould(_ values: [Value]) {
        let data = DataCells(values)
        for count in [values.count, values.count + 3] where count > 0 {
            let expected = CellStorage(count: count)
            expected.copy(count, from: data.block(count: count), at: 0, to: 0)
            for target in [Self.used(count), CellStorage(count: count, zeroed: false), CellStorage(count: count)] {
                data.write(into: target)
                #expect(Self.cells(target) == Self.cells(expected), "\(values) into \(count) cells")
                #expect(target.isAllNumbers == expected.isAllNumbers)
            }
        }
    }

    /// A model whose data inputs an edit changes, evaluated again in full: the blocks are the
    /// data's again, with the edit's override on top, and the same as a fresh evaluation.
    @Test func fullEvaluationsRewriteTheData() throws {
        let csv = "id,salary\na,100\nb,-0\nc,250.5\n"
        let text = """
        timeline monthly 2021-01 .. 2021-02
        dimension employee from "staff.csv" key id
        input salary[employee] = column salary
        doubled[employee] = salary * 2
        """
        let sources = MemorySources(["/mem/m.kalkyl": text, "/mem/staff.csv": csv], fallback: nil)
        let loaded = try ModelLoader.load(path: "/mem/m.kalkyl", sources: sources)
        let model = try #require(loaded.model), order = try #require(loaded.order)
        let e = Evaluation(model: model, order: order)
        e.evaluateAll()
        let (a, _) = model.parseAssignment("salary[b]=7")
        e.set([try #require(a)])
        e.evaluateAll()
        e.evaluateAll()
        #expect(e.value("salary", member: 1) == .number(7))
        #expect(e.value("doubled", member: 1) == .number(14))
        #expect(e.value("salary", member: 2) == .number(250.5))
        let fresh = Evaluation(model: model, order: order)
        fresh.evaluateAll()
        #expect(fresh.value("salary", member: 1) == .number(0))
        #expect(fresh.value("salary", member: 1).map { if case .number(let x) = $0 { x.sign == .plus } else { false } } == true)
    }
}
