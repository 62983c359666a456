/// SIE files of many vouchers each with an object of its own, under `ulimit -v 200000`: each
/// stopped kalkyl with SIGABRT before (`failed to allocate`, base17 at cac646e) while the voucher
/// groups' array doubled, unweighed. Now refused with a message before it grows.
extension BadInputCatalogue {
    /// `count` vouchers, each `#TRANS 3000 {1 "O<i>"} -1` and `#TRANS 1510 {} 1`: an object of
    /// its own, so a voucher group of its own. `declared`: each object has its `#OBJEKT`.
    /// `unbalanced`: the first voucher's lines add up to 1 (an error: the file is read whole).
    static func sieOwnObjects(_ count: Int, declared: Bool, unbalanced: Bool = false) -> String {
        "#FLAGGA 0\n#SIETYP 4\n#KONTO 3000 \"S\"\n#KONTO 1510 \"B\"\n#DIM 1 \"ks\"\n"
            + (declared ? (0..<count).map { "#OBJEKT 1 \"O\($0)\" \"o\"\n" }.joined() : "")
            + (0..<count).map { v in
                "#VER A \(v + 1) 2024\(v % 12 < 9 ? "0" : "")\(v % 12 + 1)15 \"\"\n{\n#TRANS 3000 {1 \"O\(v)\"} -1\n#TRANS 1510 {} \(unbalanced && v == 0 ? 2 : 1)\n}\n"
            }.joined()
    }

    /// The refusal of a file read as it passes when what is left of the memory runs out first.
    static let refusedAsItPasses = [
        "model.kalkyl:4:38: error: the data file 'd.se' would keep about ", " MiB in memory for 'u', more than the ",
        " MiB it could keep with what is left of the 196 MiB kalkyl may use here (the sums of its #TRANS lines, each line's place and amount, and its object lists",
        "1 error",
    ]

    /// Every object of `sieOwnObjects` a member of `ks`, read from a CSV file; account 1510 is
    /// left out (the balance sheet), so the total is account 3000's.
    static let sieMembersModel = "timeline monthly 2024-01 .. 2024-12\ndimension ks from \"ks.csv\" key Ks\ndimension konto = \"3000\"\n"
        + "input u[ks, konto, month]: kr = data \"d.se\" sie vouchers key 1, account missing 0\n"
        + "total: kr = SUM(u[ks, konto, 2024-01 .. 2024-12])\n"

    static let under300MB = ["sh", "-c", "export KALKYL_THREADS=1 MALLOC_ARENA_MAX=1; ulimit -v 300000; exec \"$0\" \"$@\""]

    static let sieMemory: [BadInputCase] = [
        // The file of the next case with every object a member and no #OBJEKT: warnings only, so
        // it is read as it passes and computes (base18 read it again whole and refused it here,
        // exit 3: "would take about 180 MiB in memory to read"; 152 MB peak now, release build).
        BadInputCase(family: .sie, name: "a SIE file of 132,000 objects of their own, all members but with no #OBJEKT, computes as it passes (ulimit -v)", files: [
            ("model.kalkyl", .text(sieMembersModel)), ("d.se", generated { sieOwnObjects(132_000, declared: false) }),
            ("ks.csv", generated { "Ks\n" + (0..<132_000).map { "O\($0)\n" }.joined() }),
        ], arguments: evalTotal, exit: 0, stderr: ["d.se:8:1: warning: object O0 of dimension 1 has no #OBJEKT in the file"],
        stdout: "total,,kr,,-132000", prefix: under300MB, timeout: 600),
        // 132,000 vouchers (9.8 MB): the groups' array doubles past 131,072 (20 MB to 40 MB),
        // which stopped kalkyl (`failed to allocate 10485792 bytes`), and the reader kept a
        // warning for each object with no #OBJEKT; now weighed before it grows.
        BadInputCase(family: .sie, name: "a SIE file of 132,000 vouchers each with an object of its own is refused, not stopped (ulimit -v)", files: [
            ("model.kalkyl", .text(sieModel)), ("d.se", generated { sieOwnObjects(132_000, declared: false) }),
        ], arguments: evalTotal, exit: 3, stderr: refusedAsItPasses, prefix: smallMemory, timeout: 600),
        // The same with every object's #OBJEKT (12.9 MB): `failed to allocate 39845920 bytes`.
        BadInputCase(family: .sie, name: "the same SIE file with every object's #OBJEKT is refused, not stopped (ulimit -v)", files: [
            ("model.kalkyl", .text(sieModel)), ("d.se", generated { sieOwnObjects(132_000, declared: true) }),
        ], arguments: evalTotal, exit: 3, stderr: refusedAsItPasses, prefix: smallMemory, timeout: 600),
    ]
}
