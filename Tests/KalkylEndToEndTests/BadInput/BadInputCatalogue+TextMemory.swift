import Foundation

/// Texts that formulas compute, weighed at what they take in memory (`TextMemory`).
extension BadInputCatalogue {
    /// A short text in every cell of 30,000 people over 12 months (`"Kostnadsställe nummer " & v`,
    /// 24 to 29 bytes): 360,000 texts of 80 bytes each and their table (29 and 13 MB), 10 MB
    /// counted at their UTF-8. Counted so, they were let through under `ulimit -v 130000`, far
    /// under half of it, and kalkyl aborted (SIGABRT; the debug build at 50745ea), as
    /// `t/txt/c1.kalkyl` of the memory review, the same over a million people, did under
    /// 1,000,000 KiB. That build computed it from 160,000; this one from 180,000 (it keeps back
    /// the 32 MiB the heap grows by beyond a request, `MachineMemory.left`).
    static let shortTexts: [BadInputCase] = {
        let files: [(path: String, content: BadInputCase.Content)] = [
            ("model.kalkyl", .text("timeline monthly 2024-01 .. 2024-12\ndimension e from \"s.csv\" key id\ninput v[e]: kr = column v\n"
                                   + "lbl[e, month] = \"Kostnadsställe nummer \" & v\ntotal = COUNTA(lbl[e, 2024-01 .. 2024-12])\n")),
            ("s.csv", generated { "id;v\n" + (0..<30_000).map { String(format: "%07d;%d\n", $0, $0) }.joined() }),
        ]
        return [
            BadInputCase(family: .model, name: "short texts in every cell that would not fit are stopped with a message (ulimit -v)",
                         files: files, arguments: evalTotal, exit: 1,
                         stderr: ["kalkyl: stopped: the texts this model's formulas make take ", " MiB of memory", " MiB are left of the ",
                                  " MiB kalkyl may use here", " MiB kept for the rest of the command", "hint: a formula that makes a text in every cell"],
                         prefix: ["sh", "-c", "export KALKYL_THREADS=1 MALLOC_ARENA_MAX=1; ulimit -v 130000; exec \"$0\" \"$@\""], timeout: 600),
            BadInputCase(family: .model, name: "the same texts are computed where they fit (ulimit -v)",
                         files: files, arguments: evalTotal, exit: 0, stderr: [], stdout: "total,,,,360000",
                         prefix: ["sh", "-c", "export KALKYL_THREADS=1 MALLOC_ARENA_MAX=1; ulimit -v 200000; exec \"$0\" \"$@\""], timeout: 600),
        ]
    }()
}
