/// What `eval` takes beyond the blocks to print them, under `ulimit -v` (docs/reliability.md,
/// "Memory kept bounded"): a large input printed whole as a table stopped kalkyl with SIGABRT
/// (base19, release) where it is now printed, and is refused below what its cells need.
extension BadInputCatalogue {
    static func under(_ limit: Int) -> [String] {
        ["sh", "-c", "export KALKYL_THREADS=1 MALLOC_ARENA_MAX=1; ulimit -v \(limit); exec \"$0\" \"$@\""]
    }

    /// A `wide` input of 100,000 people × 12 months (1.2 M cells, 3.2 MB) printed whole as a
    /// table. The table copied the block into a `[Value]` (48 bytes a cell, 57.6 MB at once,
    /// unweighed): SIGABRT from 180,000 to 260,000 (base19, release; 3.6 M cells aborted up to
    /// 500,000). It reads the block in place now (`TableCells`); the debug build computes it at
    /// 200,000 (95 MB).
    static let wholeTables: [BadInputCase] = {
        let files: [(path: String, content: BadInputCase.Content)] = [
            ("model.kalkyl", .text("timeline monthly 2024-01 .. 2024-12\ndimension e from \"s.csv\" key id\n"
                                   + "input x[e, month]: kr = data \"d.csv\" wide key id\n")),
            ("s.csv", generated { "id\n" + (0..<100_000).map { String(format: "%07d\n", $0) }.joined() }),
            ("d.csv", generated {
                "id;" + (1...12).map { String(format: "2024-%02d", $0) }.joined(separator: ";") + "\n"
                    + (0..<100_000).map { String(format: "%07d;", $0) + Array(repeating: "1", count: 12).joined(separator: ";") + "\n" }.joined()
            }),
        ]
        return [
            BadInputCase(family: .data, name: "a wide input of 1.2 million cells whose cells would not fit is refused before it is printed (ulimit -v)",
                         files: files, arguments: ["eval", "model.kalkyl", "x"], exit: 1,
                         stderr: ["model.kalkyl:3:8: error: the model is too large to compute: its cells would take about 55 MiB, more than the ",
                                  "and 'x' alone has 1,200,000 (100,000 e × 12 periods), read from a data file", "1 error"],
                         prefix: under(150_000), timeout: 600),
            BadInputCase(family: .data, name: "the same input is printed whole as a table where its cells fit, not copied first (ulimit -v)",
                         files: files, arguments: ["eval", "model.kalkyl", "x"], exit: 0, stderr: [], stdout: "  0099999",
                         prefix: under(200_000), timeout: 600),
        ]
    }()
}
