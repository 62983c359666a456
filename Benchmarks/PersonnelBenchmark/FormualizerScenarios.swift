import Foundation
import Kalkyl

/// The engine-neutral scenarios formualizer publishes (`benchmarks/scenarios.yaml` of
/// github.com/PSU3D0/formualizer), written as Kalkyl models, so that Kalkyl's figures can be
/// set beside theirs. Each is written from formualizer's definition: the same values in the
/// same cells, the same edits, the same cells read (docs/performance.md, "formualizer's
/// scenarios", says where the language forces a difference).
///
/// A plan holds the files before and after formualizer's edits and, for both, the cells
/// formualizer reads with the values its definition gives, worked out here by plain loops over
/// the generated data, never by the engine.
struct ScenarioPlan {
    /// A cell formualizer reads (`read_cells`), as Kalkyl names it.
    struct Read {
        /// formualizer's address: `Sheet1!B50000`.
        let address: String
        let name: String
        let member: Int
        let period: Int?
        let expected: Value
        /// How the cell is written in Kalkyl: `b[r50000]`.
        let kalkylName: String
    }

    /// One `evaluate_incremental` of formualizer's: the what-ifs applied before it (`--set`
    /// syntax), and the what-ifs that put the inputs back.
    struct Step {
        let edits: [String]
        let undo: [String]
    }

    enum Kind: String, CaseIterable {
        case headline, chain, sumifs

        /// formualizer's id of the scenario at its size of 100,000.
        var formualizerID: String {
            switch self {
            case .headline: "headline_100k_single_edit"
            case .chain: "chain_100k"
            case .sumifs: "sumifs_fact_table_100k"
            }
        }
    }

    let kind: Kind
    let size: Int
    /// The files before the edits, the model first.
    let files: [(name: String, text: String)]
    /// The files as formualizer's edits leave them: what a fresh evaluation is compared with.
    let filesAfter: [(name: String, text: String)]
    let steps: [Step]
    let readsBefore: [Read]
    let readsAfter: [Read]

    static let modelFileName = "model.kalkyl"

    static func make(_ kind: Kind, size n: Int) -> ScenarioPlan {
        switch kind {
        case .headline: HeadlineScenario(rows: n).plan
        case .chain: ChainScenario(cells: n).plan
        case .sumifs: SumifsScenario(facts: n).plan
        }
    }

    /// Writes the files into `folder` and returns the model's path.
    static func write(_ files: [(name: String, text: String)], to folder: String) throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for file in files { try file.text.write(toFile: folder + "/" + file.name, atomically: true, encoding: .utf8) }
        return folder + "/" + files[0].name
    }
}

/// `headline_100k_single_edit`: A1:AN hold 1…N, B_r = A_r * 2, C1 = SUM(B1:BN); A_{N/2} is
/// set to 42 (B50000 = 84 at N = 100,000) and C1 recomputed.
struct HeadlineScenario {
    var a: [Int]

    init(rows: Int) { a = Array(1...rows) }

    var editRow: Int { a.count / 2 }

    var files: [(name: String, text: String)] {
        let model = """
        # formualizer's headline_100k_single_edit at \(a.count) rows (docs/performance.md)
        model "headline single edit, \(a.count) rows"
        dimension row from "rows.csv" key id
        input a[row] = column a
        b[row] = a * 2
        c1 = SUM(b[row])

        """
        var csv = "id;a\n"
        csv.reserveCapacity(a.count * 16)
        for (i, v) in a.enumerated() { csv += "r\(i + 1);\(v)\n" }
        return [(ScenarioPlan.modelFileName, model), ("rows.csv", csv)]
    }

    var reads: [ScenarioPlan.Read] {
        let e = editRow
        return [
            .init(address: "Sheet1!B\(e)", name: "b", member: e - 1, period: nil, expected: .number(Double(a[e - 1] * 2)),
                  kalkylName: "b[r\(e)]"),
            .init(address: "Sheet1!C1", name: "c1", member: 0, period: nil, expected: .number(Double(a.reduce(0) { $0 + 2 * $1 })),
                  kalkylName: "c1"),
        ]
    }

    var plan: ScenarioPlan {
        var after = self
        after.a[editRow - 1] = 42
        let step = ScenarioPlan.Step(edits: ["a[r\(editRow)]=42"], undo: ["a[r\(editRow)]=\(a[editRow - 1])"])
        return ScenarioPlan(kind: .headline, size: a.count, files: files, filesAfter: after.files, steps: [step],
                            readsBefore: reads, readsAfter: after.reads)
    }
}

/// `chain_100k`: A1 = 1 and A_r = A_{r-1} + 1 down N rows; A1 is set to 2, which every cell
/// of the chain depends on (A100000 = 100001 at N = 100,000).
///
/// Kalkyl has no reference to a neighbouring member of a dimension (Excel's `A{r-1}`), and a
/// timeline is at most 200 years, 2,400 months. The chain is therefore the language's own
/// recurrence, `PREV`, along the months: `chains` chains of `months` (2,000 at N = 100,000),
/// the k-th starting where the one before it ends. Every cell has formualizer's value
/// (a[c_k, month p] is A_{k·months + p + 1}) and the edit reaches every cell, as it does in
/// the sheet; the dependency is 2,000 cells deep, not 100,000.
struct ChainScenario {
    var seed = 1
    let chains: Int
    let months: Int

    static let longestChain = 2_000

    init(cells: Int) {
        months = min(cells, Self.longestChain)
        guard cells % months == 0 else { fail("the chain scenario needs N below 2,000 or a multiple of 2,000, not \(cells)") }
        chains = cells / months
    }

    var files: [(name: String, text: String)] {
        let last = 2001 * 12 + months - 1
        let model = """
        # formualizer's chain_100k at \(chains * months) cells: \(chains) chains of \(months) months (docs/performance.md)
        model "chain, \(chains * months) cells"
        timeline monthly 2001-01 .. \(Period.label(year: last / 12, month: last % 12 + 1))
        dimension chain from "chains.csv" key id
        input seed = \(seed)
        input offset[chain] = column offset
        a[chain, month] = PREV(a, seed + offset - 1) + 1

        """
        var csv = "id;offset\n"
        for k in 0..<chains { csv += "c\(k + 1);\(k * months)\n" }
        return [(ScenarioPlan.modelFileName, model), ("chains.csv", csv)]
    }

    /// A_N, the last month of the last chain: the seed plus N - 1, step by step.
    var reads: [ScenarioPlan.Read] {
        var value = seed
        for _ in 1..<(chains * months) { value += 1 }
        return [.init(address: "Sheet1!A\(chains * months)", name: "a", member: chains - 1, period: months - 1,
                      expected: .number(Double(value)), kalkylName: "a[c\(chains), \(lastMonthLabel)]")]
    }

    var lastMonthLabel: String {
        let last = 2001 * 12 + months - 1
        return Period.label(year: last / 12, month: last % 12 + 1)
    }

    var plan: ScenarioPlan {
        var after = self
        after.seed = 2
        return ScenarioPlan(kind: .chain, size: chains * months, files: files, filesAfter: after.files,
                            steps: [.init(edits: ["seed=2"], undo: ["seed=\(seed)"])], readsBefore: reads, readsAfter: after.reads)
    }
}

/// `sumifs_fact_table_100k`: a fact sheet of N rows (region, product, channel, quantity,
/// price, revenue = quantity × price) and a report of N/100 rows (1,000 at N = 100,000), each
/// `SUMIFS` of the revenue over its region, product and channel. Then Facts!D54321 (the
/// quantity) is set to 99, then Report!A2 (the first line's region) to "West", each followed by
/// a recomputation.
///
/// The facts and the report lines are dimensions read from CSV files; `SUMIFS(revenue[fact],
/// region[fact], line_region, …)` sums over every fact, as Excel's whole columns `$F:$F` do
/// (the header row, text, adds nothing there).
struct SumifsScenario {
    struct Row {
        var region: String
        var product: String
        var channel: String
        var quantity: Int
        var price: Int
    }

    static let regions = ["North", "South", "East", "West"]
    static let products = ["A", "B", "C", "D", "E"]
    static let channels = ["Online", "Retail", "Partner"]

    var facts: [Row]
    var lines: [Row]

    init(facts n: Int) {
        func row(_ i: Int) -> Row {
            Row(region: Self.regions[i % 4], product: Self.products[(i / 4) % 5], channel: Self.channels[(i / 20) % 3],
                quantity: i % 17 + 1, price: i % 23 + 10)
        }
        facts = (0..<n).map(row)
        lines = (0..<max(n / 100, 3)).map(row)
    }

    /// The fact formualizer edits, as its sheet row (54321 at N = 100,000).
    var editedFactRow: Int { facts.count * 54_319 / 100_000 + 2 }

    var files: [(name: String, text: String)] {
        let model = """
        # formualizer's sumifs_fact_table_100k at \(facts.count) facts and \(lines.count) report lines (docs/performance.md)
        model "SUMIFS fact table, \(facts.count) facts"
        dimension fact from "facts.csv" key id
        input region[fact] = column region
        input product[fact] = column product
        input channel[fact] = column channel
        input qty[fact] = column qty
        input price[fact] = column price
        revenue[fact] = qty * price
        dimension line from "report.csv" key id
        input line_region[line] = column region
        input line_product[line] = column product
        input line_channel[line] = column channel
        line_revenue[line] = SUMIFS(revenue[fact], region[fact], line_region, product[fact], line_product, channel[fact], line_channel)

        """
        var factCSV = "id;region;product;channel;qty;price\n"
        factCSV.reserveCapacity(facts.count * 32)
        for (i, f) in facts.enumerated() { factCSV += "f\(i + 2);\(f.region);\(f.product);\(f.channel);\(f.quantity);\(f.price)\n" }
        var lineCSV = "id;region;product;channel\n"
        for (i, l) in lines.enumerated() { lineCSV += "r\(i + 2);\(l.region);\(l.product);\(l.channel)\n" }
        return [(ScenarioPlan.modelFileName, model), ("facts.csv", factCSV), ("report.csv", lineCSV)]
    }

    /// The report rows formualizer reads: 2, 500 and 1000 at N = 100,000.
    var readLineRows: [Int] { [2, lines.count / 2, lines.count] }

    var reads: [ScenarioPlan.Read] {
        let f = editedFactRow
        let fact = facts[f - 2]
        var reads: [ScenarioPlan.Read] = [
            .init(address: "Facts!F\(f)", name: "revenue", member: f - 2, period: nil,
                  expected: .number(Double(fact.quantity * fact.price)), kalkylName: "revenue[f\(f)]"),
        ]
        for r in readLineRows {
            let line = lines[r - 2]
            var sum = 0
            for x in facts where x.region == line.region && x.product == line.product && x.channel == line.channel {
                sum += x.quantity * x.price
            }
            reads.append(.init(address: "Report!D\(r)", name: "line_revenue", member: r - 2, period: nil,
                               expected: .number(Double(sum)), kalkylName: "line_revenue[r\(r)]"))
        }
        return reads
    }

    var plan: ScenarioPlan {
        let f = editedFactRow
        var after = self
        after.facts[f - 2].quantity = 99
        after.lines[0].region = "West"
        let steps: [ScenarioPlan.Step] = [
            .init(edits: ["qty[f\(f)]=99"], undo: ["qty[f\(f)]=\(facts[f - 2].quantity)"]),
            .init(edits: ["line_region[r2]=\"West\""], undo: ["line_region[r2]=\"\(lines[0].region)\""]),
        ]
        return ScenarioPlan(kind: .sumifs, size: facts.count, files: files, filesAfter: after.files, steps: steps,
                            readsBefore: reads, readsAfter: after.reads)
    }
}
