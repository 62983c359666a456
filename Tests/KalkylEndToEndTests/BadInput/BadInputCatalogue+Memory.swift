import Foundation

/// Data files against the memory kalkyl may use, made small with `ulimit -v` (the address space
/// it counts as its memory, as the texts' guard does): 200,000 KiB, so a file read whole may be
/// 49 MiB and a file read as its rows pass may keep 98 MiB. One thread and one malloc arena, so
/// that the address space is the data's on any machine.
extension BadInputCatalogue {
    static let smallMemory = ["sh", "-c", "export KALKYL_THREADS=1 MALLOC_ARENA_MAX=1; ulimit -v 200000; exec \"$0\" \"$@\""]

    /// A `long` ledger of 52,000 rows of 1 KB (52.8 MB: past the 49 MiB a file read whole may
    /// have), each amount 1 kr, 20 accounts × 12 months; `last` ends it.
    static func ledgerPastTheSizeLimit(last: String = "") -> BadInputCase.Content {
        generated {
            let note = String(repeating: "x", count: 1_000)
            return "konto;period;belopp;text\n"
                + (0..<52_000).map { k in "\(3000 + k % 20);2024\(String(format: "%02d", k / 20 % 12 + 1));1;\(note)\n" }.joined() + last
        }
    }

    static let ledgerOfTwentyAccounts = """
        timeline monthly 2024-01 .. 2024-12
        dimension konto from "konto.csv" key konto
        input utfall[konto, month]: kr = data "d.csv" long key konto period period amount belopp sum missing 0
        total: kr = SUM(utfall[konto, 2024-01 .. 2024-12])

        """

    /// The same ledger read by two statements: once as it passes, for both.
    static let ledgerReadTwice = """
        timeline monthly 2024-01 .. 2024-12
        dimension konto from "konto.csv" key konto
        dimension version = actual, budget
        input utfall[konto, month]: kr = data "d.csv" long key konto period period amount belopp sum missing 0
        input kost[version, konto, month]: kr = 0
        input kost[actual, konto, month] = data "d.csv" long key konto period period amount belopp sum missing 0
        total: kr = SUM(utfall[konto, 2024-01 .. 2024-12]) + SUM(kost[actual, konto, 2024-01 .. 2024-12])

        """

    static let memory: [BadInputCase] = [
        // Its text is not held, so its size is not what limits it: it keeps 240 series and the
        // places of the rows summed into them.
        BadInputCase(family: .data, name: "a streamed ledger past the size limit (ulimit -v) is read", files: [
            ("model.kalkyl", .text(ledgerOfTwentyAccounts)),
            ("konto.csv", generated { "konto\n" + (0..<20).map { "\(3000 + $0)\n" }.joined() }),
            ("d.csv", ledgerPastTheSizeLimit()),
        ], arguments: evalTotal, exit: 0, stderr: [], stdout: "total,,kr,,52000", prefix: smallMemory, timeout: 600),
        // Read by two statements, it is read once as it passes for both (it was read whole, and
        // refused by its size).
        BadInputCase(family: .data, name: "a streamed ledger two statements read past the size limit (ulimit -v) is read", files: [
            ("model.kalkyl", .text(ledgerReadTwice)),
            ("konto.csv", generated { "konto\n" + (0..<20).map { "\(3000 + $0)\n" }.joined() }),
            ("d.csv", ledgerPastTheSizeLimit()),
        ], arguments: evalTotal, exit: 0, stderr: [], stdout: "total,,kr,,104000", prefix: smallMemory, timeout: 600),
        // The same ledger with an amount that is no number in its last row is read whole, to report
        // it from its text, and a whole read is limited by the file's size.
        BadInputCase(family: .data, name: "the same ledger with a problem in its last row is refused by its size", files: [
            ("model.kalkyl", .text(ledgerOfTwentyAccounts)),
            ("konto.csv", generated { "konto\n" + (0..<20).map { "\(3000 + $0)\n" }.joined() }),
            ("d.csv", ledgerPastTheSizeLimit(last: "3000;202401;tio;x\n")),
        ], arguments: evalTotal, exit: 3,
        stderr: ["model.kalkyl:3:39: error: the data file 'd.csv' is 51 MiB, more than the 49 MiB a file may have (reading one takes up to 4 times "
                 + "its size in memory, and this machine has 196 MiB)", "1 error"], prefix: smallMemory, timeout: 600),
        // A file of 98 KB whose series would not fit: 7,000 accounts × 1,200 months, 100 KB a
        // series counted (under `ulimit -v` of 1,000,000 KiB, half of which is 489 MiB). The
        // read stops where the series pass that, and the rest of the file is judged from the
        // part read; the series of the whole would take about 700 MiB.
        BadInputCase(family: .data, name: "a small ledger whose series would keep more than half the memory is refused", files: [
            ("model.kalkyl", .text(ledgerOfTwentyAccounts.replacingOccurrences(of: "2024-01 .. 2024-12\n", with: "1925-01 .. 2024-12\n"))),
            ("konto.csv", generated { "konto\n" + (0..<7_000).map { "\(3000 + $0)\n" }.joined() }),
            ("d.csv", generated { "konto;period;belopp\n" + (0..<7_000).map { "\(3000 + $0);202412;1\n" }.joined() }),
        ], arguments: evalTotal, exit: 3,
        stderr: ["model.kalkyl:3:39: error: the data file 'd.csv' would keep about ",
                 " MiB in memory for 'utfall', more than the 489 MiB a file read as its rows pass may keep (its series and the places of "
                 + "the rows summed into them, judged from the first ", " % of the file; such a file may keep half of the 977 MiB kalkyl may use here)",
                 "hint: export it in parts (by period or range of accounts), read each into an input of its own", "1 error"],
        prefix: ["sh", "-c", "export KALKYL_THREADS=1 MALLOC_ARENA_MAX=1; ulimit -v 1000000; exec \"$0\" \"$@\""], timeout: 600),
        // 96 million cells, under the 200 million a model may have on a large machine, but more
        // than 977 MiB holds at 16 bytes a cell (64,000,000): an error at check, before any cell
        // is made. Without the limit `eval` stopped with "out of memory for 96000000 cells"
        // (SIGILL) as it made the block.
        BadInputCase(family: .model, name: "a model whose cells would not fit in the memory kalkyl may use (ulimit -v)", files: [
            ("model.kalkyl", generated {
                "timeline monthly 2024-01 .. 2024-12\n" + ["a", "b"].map { d in
                    "dimension \(d) = " + (0..<(d == "a" ? 2_000 : 4_000)).map { "\(d.uppercased())\($0)" }.joined(separator: ", ") + "\n"
                }.joined() + "x[a, b, month] = 1\n"
            }),
        ], arguments: ["eval", "model.kalkyl"], exit: 1,
        stderr: ["model.kalkyl:4:2: error: the model is too large to compute: it holds more than 64,000,000 cells, what the 977 MiB kalkyl may "
                 + "use here holds, and 'x' alone has 96,000,000 (2,000 a × 4,000 b × 12 periods)",
                 "hint: each cell takes up to 16 bytes of memory; use fewer members or periods, or split the model", "1 error"],
        prefix: ["sh", "-c", "export KALKYL_THREADS=1 MALLOC_ARENA_MAX=1; ulimit -v 1000000; exec \"$0\" \"$@\""], timeout: 600),
    ]
}
