@testable import Kalkyl
import Testing

/// A formula computed in one pass per run (`FusedProgram`, `Interpreter.runFused`) must give
/// the bits the operation-by-operation path gives, for cells of every kind: numbers, truth
/// values, texts, errors and empty cells, near-equal numbers that Excel's 15 digits decide,
/// results that overflow, divide by zero or fall below the normal range.
@Suite struct FusedRunTests {
    /// What the inputs' cells hold, one kind or edge after another. Each (a, b) pair of them is
    /// one member, so runs of 3 or 64 members mix them differently.
    static let samples = ["0", "1", "-1", "0.1", "0.30000000000000004", "0.3", "1e308", "-1e308", "7", "1e-13", "1e-160",
                          "TRUE", "FALSE", "\"text\"", "\"7\"", "1/0", "2.5"]

    static let formulas = [
        "a + b", "a - b", "a * b", "a / b", "-a", "a = b", "a <> b", "a < b", "a <= b", "a > b", "a >= b",
        "a >= c", "c < b", "a = 0.3", "0.1 + 0.2 = b", "IF(a > b, a, b)", "IF(a, b, 0)", "IF(a >= b, 1, 0)", "IF(c = 7, a, b)",
        "IF(c = 1, a, -b)", "AND(a > 0, b > 0)", "OR(a = 0, b = 0, c = 7)", "AND(c = 1, a > b)", "OR(c = 7, a)", "NOT(a > b)", "NOT(a)",
        "IF(AND(c = 1, a >= b), 0, IF(month_number >= a, 1, 0))", "IF(AND(c = 7, a >= b), 0, IF(month_number >= a, 1, 0))",
        "a * (1 + c) * b", "IF(b = 0, 0, a / b)", "PREV(r, 1) * 0.5 + a", "IF(a > 0, PREV(r, 0) + a, b)",
    ]

    /// The model: members m0 … for every pair of samples, inputs a and b holding them, one value
    /// c = 7, three months, and `r` the formula under test (`s` reads it as the next one would).
    static func model(_ formula: String) -> String {
        let n = samples.count
        let members = (0..<(n * n)).map { "m\($0)" }.joined(separator: ", ")
        var text = "timeline monthly 2021-01 .. 2021-03\ndimension k = \(members)\ninput a[k] = 0\ninput b[k] = 0\ninput c = 7\n"
        text += "input month_number[month] = 1\ninput month_number[2021-02] = 2\ninput month_number[2021-03] = 3\n"
        for i in 0..<n {
            for j in 0..<n {
                text += "input a[m\(i * n + j)] = \(samples[i])\ninput b[m\(i * n + j)] = \(samples[j])\n"
            }
        }
        return text + "r[k, month] = \(formula)\ns[k, month] = r * 2 - a\n"
    }

    static func evaluated(_ text: String, fusion: Bool, runLength: Int, threads: Int) throws -> Evaluation {
        let loaded = ModelLoader.load(source: SourceFile(path: "fused.kalkyl", text: text))
        guard let model = loaded.model, let order = loaded.order else {
            throw ModelError(message: DiagnosticRenderer.render(loaded.diagnostics))
        }
        let e = Evaluation(model: model, order: order)
        e.fusion = fusion
        e.runLength = runLength
        e.threads = threads
        e.evaluateAll()
        return e
    }

    @Test("Fused runs give the operation-by-operation bits", arguments: formulas)
    func fusedAgrees(formula: String) throws {
        let text = Self.model(formula)
        let unfused = try Self.evaluated(text, fusion: false, runLength: 4096, threads: 1)
        let r = unfused.model.slot(named: "r")!
        #expect(unfused.fusedPrograms[r] != nil, "\(formula) has a fused program")
        for (runLength, threads) in [(3, 1), (64, 1), (64, 2), (4096, 1)] {
            let fused = try Self.evaluated(text, fusion: true, runLength: runLength, threads: threads)
            let differing = unfused.model.definitions.indices.filter { !unfused.values(of: $0).isIdentical(to: fused.values(of: $0)) }
            #expect(differing.isEmpty, "\(formula), runs of \(runLength) on \(threads) threads: \(differing.map { unfused.model.definitions[$0].name })")
        }
    }

    /// The samples do reach the formulas as every kind of cell, so the test above compares
    /// runs that the fused path declines as well as runs it computes.
    @Test func theInputsHoldEveryKind() throws {
        let e = try Self.evaluated(Self.model("a + b"), fusion: true, runLength: 4096, threads: 1)
        let a = e.values(of: e.model.slot(named: "a")!)
        let kinds = Set((0..<a.count).map { i -> String in
            switch a[i] {
            case .number: "number"
            case .bool: "bool"
            case .text: "text"
            case .error: "error"
            case .blank: "blank"
            }
        })
        #expect(kinds == ["number", "bool", "text", "error"], "\(kinds)")
    }

    /// Empty cells come from data: a staff file with fields left empty.
    @Test(arguments: ["a + b", "a >= b", "IF(a > 0, a, b)", "AND(a, b > 0)", "IF(b = 0, 0, a / b)"])
    func emptyCellsFromDataAgree(formula: String) throws {
        var csv = "id;a;b\n"
        for i in 0..<200 { csv += "m\(i);\(i % 7 == 0 ? "" : "\(i % 5)");\(i % 11 == 0 ? "" : "\(i % 3)")\n" }
        let text = "dimension k from \"data.csv\" key id\ninput a[k] = column a\ninput b[k] = column b\nr[k] = \(formula)\n"
        let sources = MemorySources(["/m/model.kalkyl": text, "/m/data.csv": csv], fallback: nil)
        let loaded = try ModelLoader.load(path: "/m/model.kalkyl", sources: sources)
        let model = try #require(loaded.model), order = try #require(loaded.order)
        let a = Evaluation(model: model, order: order)
        a.fusion = false
        a.evaluateAll()
        #expect((0..<200).contains { a.values(of: model.slot(named: "a")!)[$0] == .blank }, "the data give empty cells")
        for runLength in [5, 64] {
            let b = Evaluation(model: model, order: order)
            b.runLength = runLength
            b.evaluateAll()
            #expect(a.values(of: model.slot(named: "r")!).isIdentical(to: b.values(of: model.slot(named: "r")!)), "\(formula), runs of \(runLength)")
        }
    }

    /// A run of plain cells is computed in one pass; a run the kernels would send through
    /// Excel's cell-by-cell rules is left to them.
    @Test(arguments: [
        ("a >= b", "1", "2", true), ("a >= b", "0.1 + 0.2", "0.3", false), ("a >= 0.3", "0.1 + 0.2", "0", false),
        ("a >= 0.3", "0.5", "0", true), ("a / b", "1", "0", false), ("a * b", "1e200", "1e200", false),
        ("a * b", "1e-160", "1e-160", false), ("a * b", "1e-200", "1e-200", true), ("a + b", "\"x\"", "1", false), ("a + b", "TRUE", "1", false),
        ("IF(a, b, 0)", "TRUE", "1", false), ("IF(a, b, 0)", "1", "TRUE", false), ("IF(b = 0, 0, a / b)", "1", "2", true),
        ("IF(1 = 1, a, a / b)", "1", "0", false), ("NOT(a)", "1/0", "1", false),
    ])
    func fusedPathTakesPlainRuns(formula: String, a: String, b: String, taken: Bool) throws {
        let text = "dimension k = m0, m1, m2, m3, m4, m5\ninput a[k] = 0\ninput b[k] = 1\ninput a[m4] = \(a)\ninput b[m4] = \(b)\nr[k] = \(formula)\n"
        let e = try Self.evaluated(text, fusion: true, runLength: 4096, threads: 1)
        let slot = e.model.slot(named: "r")!
        let program = try #require(e.fusedPrograms[slot])
        let out = CellStorage(count: 6)
        let took = e.interpreter(for: slot).runFused(program, period: 0, members: 0..<6, blocks: e.blocks,
                                                     into: Destination(storage: out, offset: 0), invariants: nil, cache: nil)
        #expect(took == taken, "\(formula) with a = \(a), b = \(b)")
        if took {
            for i in 0..<6 { #expect(out[i].isIdentical(to: e.values(of: slot)[i])) }
        }
    }

    @Test func onlyTheOperationsOfOnePassHaveAProgram() {
        let active = try? Self.evaluated(Self.model("IF(AND(c = 1, a >= b), 0, IF(month_number >= a, 1, 0))"), fusion: true, runLength: 4096, threads: 1)
        #expect(active.map { $0.fusedPrograms[$0.model.slot(named: "r")!] != nil } == true)
        for formula in ["SUM(a[k])", "a & b", "a ^ 2", "a%", "ROUND(a, 2)", "IF(a, 1)"] {
            let e = try? Self.evaluated(Self.model(formula), fusion: true, runLength: 4096, threads: 1)
            #expect(e.map { $0.fusedPrograms[$0.model.slot(named: "r")!] == nil } == true, "\(formula)")
        }
    }
}
