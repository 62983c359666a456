import Foundation

/// Layouts, exports and the command line. Every export case starts with last month's board
/// pack at `pack.xlsx`: a failed export leaves it byte for byte as it was, and no temporary file.
extension BadInputCatalogue {
    static let smallModel = """
        timeline monthly 2021-01 .. 2021-03
        input a[month]: kr = 1
        input r = 5%
        b[month]: kr = a * 2 * (1 + r)
        scenario s "Higher rate" {
          r = 6%
        }

        """

    /// A model whose workbook is larger than a 64 KiB disk: 500 members over 12 months.
    static let largerModel = """
        timeline monthly 2021-01 .. 2021-12
        dimension d = \((0..<500).map { "M\($0)" }.joined(separator: ", "))
        input a[d, month]: kr = 1
        b[d, month]: kr = a * 2

        """

    /// A long text in every cell of 4,000 members over 12 months (each member's own: `nr`).
    static let longTextsModel = """
        timeline monthly 2021-01 .. 2021-12
        dimension d = \((0..<4_000).map { "M\($0)" }.joined(separator: ", "))
        input nr[d] = 1
        x[d, month] = REPT("a", 32000) & nr & month
        l[d, month] = LEN(x)

        """

    static let lastMonthsPack = BadInputCase.Content.text("the board pack from last month")

    /// `kalkyl export model.kalkyl -o pack.xlsx --layout r.layout` with this layout.
    static func layout(_ name: String, _ content: BadInputCase.Content, exit: Int32, _ stderr: String..., unprivileged: Bool = false) -> BadInputCase {
        BadInputCase(family: .layout, name: name, files: [("model.kalkyl", .text(smallModel)), ("pack.xlsx", lastMonthsPack), ("r.layout", content)],
                     arguments: ["export", "model.kalkyl", "-o", "pack.xlsx", "--layout", "r.layout"], exit: exit, stderr: stderr,
                     unprivileged: unprivileged)
    }

    static func layout(_ name: String, _ text: String, exit: Int32, _ stderr: String...) -> BadInputCase {
        BadInputCase(family: .layout, name: name, files: [("model.kalkyl", .text(smallModel)), ("pack.xlsx", lastMonthsPack), ("r.layout", .text(text))],
                     arguments: ["export", "model.kalkyl", "-o", "pack.xlsx", "--layout", "r.layout"], exit: exit, stderr: stderr)
    }

    static let layout: [BadInputCase] = [
        BadInputCase(family: .layout, name: "a missing layout", files: [("model.kalkyl", .text(smallModel)), ("pack.xlsx", lastMonthsPack)],
                     arguments: ["export", "model.kalkyl", "-o", "pack.xlsx", "--layout", "r.layout"], exit: 3,
                     stderr: ["kalkyl export: error: r.layout: no such file"]),
        layout("a folder given as the layout", .folder, exit: 3, "kalkyl export: error: r.layout: is a folder, not a layout file"),
        layout("an unreadable layout", .unreadable("sheet \"A\"\n"), exit: 3, "kalkyl export: error: r.layout: cannot be read", unprivileged: true),
        layout("an empty layout", .bytes([]), exit: 2, "r.layout:1:1: error: the layout has no sheet", "hint: start one with `sheet \"Resultat\"`"),
        layout("binary garbage", .bytes((0..<3_000).map { UInt8(truncatingIfNeeded: $0 &* 167 &+ 3) }), exit: 2,
               "r.layout:2:24: error: this is not a text file: it holds the byte 0x00", "hint: a layout is a text file (.layout), written in an editor"),
        layout("a NUL byte in a label", .bytes(Array("sheet \"A\"\ncolumns months\nrow b \"".utf8) + [0] + Array("\"\n".utf8)), exit: 2,
               "r.layout:3:8: error: this is not a text file: it holds the byte 0x00"),
        layout("UTF-16", .bytes(utf16LE("sheet \"A\"\n")), exit: 2, "r.layout:1:1: error: this file is UTF-16 text, not UTF-8",
               "hint: save the layout as UTF-8"),
        layout("Windows-1252", .bytes(Array("sheet \"R".utf8) + [0xE4] + Array("kning\"\n".utf8)), exit: 2,
               "r.layout:1:9: error: this file is not UTF-8 text (byte 0xE4)", "hint: save the layout as UTF-8"),
        layout("truncated in a text", "sheet \"A\n", exit: 2, "r.layout:1:7: error: this text has no closing '\"'"),
        layout("a name the model lacks", "sheet \"A\"\ncolumns months\nrow bb\n", exit: 2,
               "r.layout:3:5: error: the model has no definition 'bb'", "hint: did you mean 'b'?"),
        layout("a sheet named twice", "sheet \"A\"\ncolumns months\nrow b\nsheet \"a\"\ncolumns months\nrow b\n", exit: 2,
               "r.layout:4:1: error: there is already a sheet 'a'", "hint: Excel compares sheet names without regard to case"),
        layout("rows with no columns", "sheet \"A\"\nrow b\n", exit: 2, "r.layout:2:1: error: rows need columns above them"),
        layout("a sheet name longer than Excel's 31 characters", "sheet \"" + String(repeating: "A", count: 40) + "\"\ncolumns months\nrow b\n", exit: 2,
               "r.layout:1:1: error: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' cannot be a sheet's name: Excel allows at most 31 characters"),
        layout("a label longer than a cell holds", "sheet \"A\"\ncolumns months\nrow b \"" + String(repeating: "x", count: 40_000) + "\"\n", exit: 2,
               "r.layout:3:7: error: this text has 40000 characters; an Excel cell holds at most 32767"),
        layout("a scenario the model lacks", "scenarios nope\nsheet \"A\"\ncolumns months\nrow b\n", exit: 2,
               "r.layout:1:11: error: the model has no scenario 'nope'", "hint: the model's scenarios: base, s"),
        layout("a period outside the timeline", "period 2030-01\nsheet \"A\"\ncolumns months\nrow b\n", exit: 2,
               "r.layout:1:8: error: 2030-01 is not on the model's timeline", "hint: the timeline runs 2021-01 .. 2021-03"),
    ]

    /// `kalkyl export` with these arguments after the files; `pack.xlsx` holds last month's pack.
    static func export(_ name: String, _ arguments: [String], model: String = smallModel, extra: [(String, BadInputCase.Content)] = [],
                       exit: Int32, _ stderr: String..., stdout: String? = nil, writes: Set<String> = [], prefix: [String] = [],
                       readOnlyFolder: Bool = false, fullDisk: String? = nil, interruptWhenAppears: String? = nil) -> BadInputCase {
        BadInputCase(family: .export, name: name, files: [("model.kalkyl", .text(model)), ("pack.xlsx", lastMonthsPack)] + extra,
                     arguments: ["export", "model.kalkyl"] + arguments, exit: exit, stderr: stderr, stdout: stdout, writes: writes, prefix: prefix,
                     readOnlyFolder: readOnlyFolder, fullDisk: fullDisk, interruptWhenAppears: interruptWhenAppears)
    }

    static let export: [BadInputCase] = [
        export("a folder that does not exist", ["-o", "no/such/pack.xlsx"], exit: 3,
               "kalkyl export: error: could not write no/such/pack.xlsx: could not create a temporary file in", "No such file or directory"),
        export("a folder as the output", ["-o", "out.xlsx"], extra: [("out.xlsx", .folder)], exit: 3,
               "kalkyl export: error: could not write out.xlsx: check the target: it is a folder; give the path of a file to write"),
        export("a device as the output (/dev/full)", ["-o", "/dev/full"], exit: 3,
               "kalkyl export: error: could not write /dev/full: check the target: it is not a regular file (a device or a pipe)"),
        export("a link to a device as the output", ["-o", "out.xlsx"], extra: [("out.xlsx", .link("/dev/null"))], exit: 3,
               "kalkyl export: error: could not write out.xlsx: check the target: it is not a regular file"),
        export("the model file as the output", ["-o", "model.kalkyl"], exit: 2,
               "kalkyl export: error: -o model.kalkyl is the model file; the workbook would replace it"),
        export("a data file as the output", ["-o", "d.csv"], model: members, extra: [("d.csv", .text("id;v\nA;1\n"))], exit: 2,
               "kalkyl export: error: -o d.csv is the data file d.csv; the workbook would replace it"),
        export("the layout as the output", ["-o", "r.layout", "--layout", "r.layout"], extra: [("r.layout", .text("sheet \"A\"\ncolumns months\nrow b\n"))],
               exit: 2, "kalkyl export: error: -o r.layout is the layout; the workbook would replace it"),
        export("a full disk", ["-o", "full/pack.xlsx"], model: largerModel, extra: [("full/pack.xlsx", lastMonthsPack)], exit: 3,
               "kalkyl export: error: could not write full/pack.xlsx", fullDisk: "full"),
        export("a file-size limit (ulimit -f)", ["-o", "pack.xlsx"], model: largerModel, exit: 3,
               "kalkyl export: error: could not write pack.xlsx: close workbook", prefix: ["sh", "-c", "ulimit -f 16; exec \"$0\" \"$@\""]),
        // 4,000 members × 12 months of 32,000-character texts need 1.5 GB; under `ulimit -v` of
        // 1.5 GB the process used to run out of memory and crash. Now it stops when what is left
        // would not hold the next of them.
        export("texts that would not fit in memory", ["-o", "pack.xlsx"], model: longTextsModel, exit: 1,
               "kalkyl: stopped: the texts this model's formulas make take ", " MiB are left of the 1465 MiB kalkyl may use here",
               "hint: a formula that makes a text in every cell", prefix: ["sh", "-c", "ulimit -v 1500000; exec \"$0\" \"$@\""]),
        export("a read-only folder", ["-o", "pack.xlsx"], exit: 3,
               "kalkyl export: error: could not write pack.xlsx: could not create a temporary file in", "Permission denied", readOnlyFolder: true),
        export("a path too long for the file system", ["-o", String(repeating: "p", count: 300) + ".xlsx"], exit: 3,
               "could not create a temporary file in", "File name too long"),
        export("a model with errors", ["-o", "pack.xlsx"], model: "x = nope\n", exit: 1, "model.kalkyl:1:5: error: unknown name 'nope'"),
        export("an unknown scenario", ["-o", "pack.xlsx", "--scenario", "nope"], exit: 2,
               "kalkyl export: error: unknown scenario 'nope'; the model has: base, s"),
        export("a what-if on a formula", ["-o", "pack.xlsx", "--set", "b=1"], exit: 2,
               "--set:1:1: error: 'b' is a formula, and only inputs can be overridden"),
        export("a formula longer than Excel's 8,192 characters", ["-o", "pack.xlsx"],
               model: "input r = 1\ntotal = " + Array(repeating: "r", count: 5_000).joined(separator: " + ") + "\n", exit: 1,
               "a formula must have 1 to 8192 characters"),
        export("Ctrl-C while the workbook is written", ["-o", "pack.xlsx"], model: InterruptTests.bigModel, exit: 130,
               "kalkyl: interrupted; every output file is as it was", interruptWhenAppears: ".pack.xlsx.tmp-"),
        export("a time limit while the workbook is written", ["-o", "pack.xlsx", "--time-limit", "3"], model: InterruptTests.bigModel, exit: 124,
               "kalkyl: stopped at the time limit (--time-limit); every output file is as it was"),
        export("a link to last month's pack is replaced, not followed", ["-o", "link.xlsx"], extra: [("link.xlsx", .link("pack.xlsx"))], exit: 0,
               stdout: "wrote link.xlsx: Cover, Report, Inputs, Calc", writes: ["link.xlsx"]),
    ]

    static func command(_ name: String, _ arguments: [String], files: [(String, BadInputCase.Content)] = [("model.kalkyl", .text(smallModel))],
                        exit: Int32, _ stderr: String..., stdout: String? = nil, stdin: [UInt8]? = nil) -> BadInputCase {
        BadInputCase(family: .commandLine, name: name, files: files, arguments: arguments, exit: exit, stderr: stderr, stdout: stdout, stdin: stdin)
    }

    static let commandLine: [BadInputCase] = [
        command("no arguments", [], exit: 0, stdout: "OVERVIEW: A calculation engine for finance controllers"),
        command("an unknown command", ["frobnicate"], exit: 2, "Error: Unexpected argument 'frobnicate'"),
        command("an unknown option", ["eval", "model.kalkyl", "--frob"], exit: 2, "Error: Unknown option '--frob'"),
        command("no model file", ["eval"], exit: 2, "Error: Missing expected argument '<file>'"),
        command("an unknown name", ["eval", "model.kalkyl", "nope"], exit: 2, "kalkyl eval: error: 'nope' is not defined in model.kalkyl"),
        command("an unknown scenario", ["eval", "model.kalkyl", "--scenario", "nope"], exit: 2,
                "kalkyl eval: error: unknown scenario 'nope'; the model has: base, s"),
        command("a what-if with no value", ["eval", "model.kalkyl", "--set", "r"], exit: 2, "--set:1:1: error: expected '=' and a formula after r"),
        command("a what-if on an unknown input", ["eval", "model.kalkyl", "--set", "nope=1"], exit: 2,
                "--set:1:1: error: 'nope' is not an input of this model"),
        command("a what-if too large for a double", ["eval", "model.kalkyl", "--set", "r=1e400"], exit: 2,
                "--set:1:3: error: this number is too large for a double"),
        command("a what-if whose number reads two ways (thousands or decimals)", ["eval", "model.kalkyl", "--set", "a=40,000"], exit: 2,
                "--set:1:3: error: '40,000' could be read two ways: as 40000 with ',' grouping thousands, or as 40 with a decimal comma",
                "hint: write '40000' or '40 000' for 40000, or '40' for 40"),
        command("a what-if whose number reads two ways, with a point", ["eval", "model.kalkyl", "--set", "a=40.000"], exit: 2,
                "--set:1:3: error: '40.000' could be read two ways: as 40000 with '.' grouping thousands, or as 40 with a decimal point"),
        command("a what-if of a bare 5 for a rate written as 5% (5 % or 500 %?)", ["eval", "model.kalkyl", "--set", "r=5"], exit: 2,
                "--set:1:3: error: '5' for the % input 'r' could be read two ways: as 5 %, or as 500 %",
                "hint: write 5% for 5 per cent, or the fraction, 0.05"),
        command("a what-if outside the timeline", ["eval", "model.kalkyl", "--set", "a[2030-01]=1"], exit: 2,
                "--set:1:3: error: 2030-01 is outside the timeline 2021-01 .. 2021-03"),
        command("an unknown format", ["eval", "model.kalkyl", "--format", "xml"], exit: 2,
                "Error: The value 'xml' is invalid for '--format <format>'"),
        command("explain of an unknown name", ["explain", "model.kalkyl", "nope"], exit: 2, "kalkyl explain: error: 'nope' is not defined in the model"),
        command("explain of a period outside the timeline", ["explain", "model.kalkyl", "b[2030-01]"], exit: 2,
                "kalkyl explain: error: 2030-01 is not a period of the timeline 2021-01 .. 2021-03; did you mean 2021-01?"),
        command("diff with no scenario", ["diff", "model.kalkyl"], exit: 2, "Error: name one or two scenarios"),
        command("a 100,000-character path", ["check", String(repeating: "a", count: 100_000)], exit: 3, "kalkyl: error: aaaa",
                "aaaa: the path is too long for the file system"),
        command("a device as the model (/dev/zero, no end)", ["check", "/dev/zero"], exit: 3,
                "kalkyl: error: /dev/zero: is a device, not a model file"),
        command("one good and one missing model", ["check", "model.kalkyl", "nothere.kalkyl"], exit: 3,
                "kalkyl: error: nothere.kalkyl: no such file", stdout: "model.kalkyl: ok — 3 definitions"),
        command("fmt of a folder", ["fmt", "model.kalkyl"], files: [("model.kalkyl", .folder)], exit: 3,
                "kalkyl fmt: error: model.kalkyl: is a folder, not a model file"),
        command("fmt of binary standard input", ["fmt", "-"], exit: 3,
                "kalkyl fmt: error: -: is not a text file: it holds the byte 0x00", stdin: [0x78, 0x20, 0x3D, 0x00, 0x31]),
        command("fmt of a device", ["fmt", "/dev/zero"], exit: 3, "kalkyl fmt: error: /dev/zero: is a device, not a model file"),
        command("fmt of a model with errors leaves it as it was", ["fmt", "model.kalkyl"], files: [("model.kalkyl", .text("x =  1 +\n"))], exit: 1,
                "model.kalkyl:1:9: error: the formula ends here, but a value was expected"),
        command("watch of a missing model", ["watch", "nothere.kalkyl"], exit: 3, "kalkyl: error: nothere.kalkyl: no such file"),
        command("a time limit of 0 seconds", ["eval", "model.kalkyl", "--time-limit", "0"], exit: 2,
                "--time-limit takes a number of seconds above 0, as in --time-limit 60"),
    ]
}
