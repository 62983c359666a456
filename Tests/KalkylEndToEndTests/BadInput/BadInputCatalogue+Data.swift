import Foundation
import Kalkyl

/// Data files: a model reads `d.csv` (members and a column of amounts, by default).
extension BadInputCatalogue {
    static let members = """
        dimension d from "d.csv" key id
        input v[d]: kr = column v
        total: kr = SUM(v[d])

        """

    /// A `%` input read from `d.csv`'s column `v`, and its total.
    static let percentMembers = """
        dimension d from "d.csv" key id
        input v[d]: % = column v
        total: % = SUM(v[d])

        """

    /// `kalkyl check model.kalkyl` (or eval) where the model reads `d.csv` with these bytes.
    static func data(_ name: String, _ csv: BadInputCase.Content, model: String = members, exit: Int32, _ stderr: String...,
                     stdout: String? = nil, command: [String] = ["check", "model.kalkyl"], unprivileged: Bool = false,
                     timeout: TimeInterval = 120) -> BadInputCase {
        BadInputCase(family: .data, name: name, files: [("model.kalkyl", .text(model)), ("d.csv", csv)], arguments: command,
                     exit: exit, stderr: stderr, stdout: stdout, unprivileged: unprivileged, timeout: timeout)
    }

    static func data(_ name: String, _ csv: String, model: String = members, exit: Int32, _ stderr: String..., stdout: String? = nil,
                     command: [String] = ["check", "model.kalkyl"]) -> BadInputCase {
        BadInputCase(family: .data, name: name, files: [("model.kalkyl", .text(model)), ("d.csv", .text(csv))], arguments: command,
                     exit: exit, stderr: stderr, stdout: stdout)
    }

    static let evalTotal = ["eval", "model.kalkyl", "total", "--format", "csv"]

    static func utf16LE(_ text: String) -> [UInt8] { [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }

    /// A wide ledger of `rows` rows (cost centre × account) over twelve months, amounts in
    /// öre-exact decimal commas, and the model that sums it.
    static let ledgerModel = """
        timeline monthly 2024-01 .. 2024-12
        dimension ansvar from "ansvar.csv" key ansvar
        dimension konto from "konto.csv" key konto
        input utfall[ansvar, konto, month]: kr = data "d.csv" wide key ansvar, konto
        total: kr = SUM(utfall[ansvar, konto, 2024-01 .. 2024-12])

        """

    /// The size limit in MiB, rounded up as messages print it, and a file size a MiB past it.
    static let limitMiB = (DiskSources.sizeLimit + (1 << 20) - 1) >> 20
    static let overTheLimit = (limitMiB + 1) << 20

    static let data: [BadInputCase] = [
        BadInputCase(family: .data, name: "a missing data file", files: [("model.kalkyl", .text(members))], arguments: ["check", "model.kalkyl"],
                     exit: 3, stderr: ["model.kalkyl:1:18: error: cannot find the data file 'd.csv'", "1 error"]),
        data("a folder given as the data file", .folder, exit: 3, "model.kalkyl:1:18: error: the data file 'd.csv' is a folder", "1 error"),
        data("an unreadable data file", .unreadable("id;v\nA;1\n"), exit: 3,
             "model.kalkyl:1:18: error: the data file 'd.csv' cannot be read", "hint: check that you may read it", unprivileged: true),
        BadInputCase(family: .data, name: "a device given as the data file (/dev/zero, no end)",
                     files: [("model.kalkyl", .text(members.replacingOccurrences(of: "d.csv", with: "/dev/zero")))],
                     arguments: ["check", "model.kalkyl"], exit: 3,
                     stderr: ["model.kalkyl:1:18: error: the data file '/dev/zero' is a device, not a data file", "1 error"]),
        // A MiB past what this machine's memory reads (a quarter of it), whatever that is. The hole takes no disk.
        data("a data file over the size limit (a sparse file a MiB past it)", .sparse(overTheLimit), exit: 3,
             "model.kalkyl:1:18: error: the data file 'd.csv' is \(overTheLimit >> 20) MiB, more than the \(limitMiB) MiB "
                + "a file may have (reading one takes up to 4 times its size in memory, and this machine has ",
             "hint: export it in parts under ", " MiB (by period or range of accounts), read each into an input of its own "
                + "and add the inputs: utfall = utfall_h1 + utfall_h2"),
        // A path the file system refuses is no file too large: no advice to cut the export.
        BadInputCase(family: .data, name: "a data file path too long for the file system",
                     files: [("model.kalkyl", .text(members.replacingOccurrences(of: "d.csv", with: String(repeating: "d", count: 5_000) + ".csv")))],
                     arguments: ["check", "model.kalkyl"], exit: 3,
                     stderr: ["model.kalkyl:1:18: error: the data file 'ddd", "the path is too long for the file system", "1 error"],
                     stderrLacks: ["hint"]),
        data("an empty data file", .bytes([]), exit: 1, "d.csv:1:1: error: the data file is empty: it needs a header line naming its columns", "1 error"),
        data("a header and no rows", "id;v\n", exit: 1, "model.kalkyl:1:18: error: d.csv has no rows, so 'd' would have no members"),
        data("truncated in a row", "id;v\nA;1\nB", exit: 1, "d.csv:3:2: error: this row has 1 field, but the header has 2"),
        data("truncated in a quoted field", "id;v\nA;1\nB;\"2", exit: 1, "d.csv:3:3: error: this quote is never closed"),
        data("a workbook given as CSV", .bytes([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00] + Array("[Content_Types].xml".utf8)), exit: 1,
             "d.csv:1:6: error: this is not a text file: it holds the byte 0x00 (it is a zip file, as an .xlsx workbook is)",
             "hint: save the sheet as CSV (CSV UTF-8) and read that file", "1 error"),
        data("a NUL byte in a cell", .bytes(Array("id;v\nA;1".utf8) + [0] + Array("\nB;2\n".utf8)), exit: 1,
             "d.csv:2:4: error: this is not a text file: it holds the byte 0x00", "1 error"),
        data("binary garbage", .bytes((0..<4_096).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }), exit: 1,
             "error: this is not a text file: it holds the byte 0x00"),
        data("UTF-16 cut short", .bytes(utf16LE("id;v\nA;1") + [0x32]), exit: 1,
             "d.csv:2:4: error: the file ends in the middle of a UTF-16 character: it was cut short"),
        data("UTF-16 with a lone surrogate", .bytes(utf16LE("id;v\nA;1\n") + [0x00, 0xD8] + utf16LE(";2\n").dropFirst(2)), exit: 1,
             "d.csv:3:1: error: this is not UTF-16 text: the code unit 0xD800 is half of a character"),
        data("UTF-8, then Windows-1252", .bytes(Array("id;v\nÅ;1\nB".utf8) + [0xE5] + Array(";2\n".utf8)), exit: 1,
             "d.csv:3:2: error: the file mixes UTF-8 and Windows-1252: byte 0xE5 is not UTF-8, but earlier letters are"),
        data("Windows-1252, then UTF-8", .bytes(Array("id;v\n".utf8) + [0xC5] + Array(";1\nBå;2\n".utf8)), exit: 1,
             "d.csv:3:2: error: the file mixes Windows-1252 and UTF-8: 0xC3 0xA5 is 'å' in UTF-8, but earlier letters are Windows-1252"),
        data("a UTF-8 byte-order mark, then Windows-1252", .bytes([0xEF, 0xBB, 0xBF] + Array("id;v\nB".utf8) + [0xE5] + Array(";2\n".utf8)), exit: 1,
             "d.csv:2:2: error: the file starts with a UTF-8 byte-order mark but byte 0xE5 is not UTF-8"),
        data("a number too large for a double", "id;v\nA;1\nB;1e400\nC;3\n", exit: 1, "d.csv:3:3: error: '1e400' is too large for a number"),
        data("every number too large, in a column with no unit", "id;v\nA;1e400\nB;2e400\n",
             model: "dimension d from \"d.csv\" key id\ninput v[d] = column v\n", exit: 1,
             "d.csv:2:3: error: '1e400' is too large for a number", "d.csv:3:3: error: '2e400' is too large for a number"),
        data("a 400-digit amount", "id;v\nA;1\nB;" + String(repeating: "9", count: 400) + "\n", exit: 1,
             "d.csv:3:3: error: '999999999", "' is too large for a number"),
        data("a text among amounts", "id;v\nA;1\nB;x\nC;3\n", exit: 1, "d.csv:3:3: error: 'x' is not a number"),
        data("a number that reads two ways", "id;v\nA;1.234\nB;2\n", exit: 1,
             "d.csv:2:3: error: '1.234' could be read two ways: '.' groups thousands only next to a decimal comma"),
        // A degree of employment exported as `100`, `50`, `75` was read as 10,000 % (issue 10).
        data("a % column of bare per cent (100, 50, 75), as HR systems export it", "id;v\nA;100\nB;50\nC;75\n", model: percentMembers, exit: 1,
             "d.csv:2:3: error: '100' in a % input could be read two ways: as 100 %, or as 10000 %, since a number without '%' is a fraction (0.5 is 50 %)",
             "hint: write '100 %' (or the fraction, 0.5 for 50 %); if the file gives every value in per cent without '%', add 'in percent' at the end of the data statement",
             "d.csv:3:3: error: '50' in a % input", "d.csv:4:3: error: '75' in a % input", "3 errors"),
        data("a % column mixing '50 %' and a bare 50", "id;v\nA;50 %\nB;0,5\nC;50\n", model: percentMembers, exit: 1,
             "d.csv:4:3: error: '50' in a % input could be read two ways: as 50 %, or as 5000 %", "1 error"),
        data("a % ledger of bare per cent, read as it passes", "id;p;v\nA;202401;5\nB;202401;0,5\n",
             model: "timeline monthly 2024-01 .. 2024-01\ndimension d = A, B\ninput v[d, month]: % = data \"d.csv\" long key id period p amount v\n",
             exit: 1, "d.csv:2:10: error: '5' in a % input could be read two ways: as 5 %, or as 500 %", "1 error"),
        data("a % column of bare per cent said to be per cent ('in percent')", "id;v\nA;100\nB;50\nC;75\n",
             model: percentMembers.replacingOccurrences(of: "column v", with: "column v in percent"), exit: 0, stdout: "total,,%,,2.25", command: evalTotal),
        data("'in percent' on an amount in kr", "id;v\nA;100\n", model: "dimension d from \"d.csv\" key id\ninput v[d]: kr = column v in percent\n",
             exit: 1, "model.kalkyl:2:27: error: 'in percent' reads the file's numbers as per cent, but 'v' is kr, not %", "hint: leave 'in percent' out"),
        data("a key given twice", "id;v\nA;1\nB;2\nA;3\n", exit: 1,
             "d.csv:4:1: error: 'A' appears twice in column 'id'", "d.csv:2:1: note: first here", "1 error"),
        data("a column named twice in the header", "id;v;v\nA;1;2\n", exit: 1,
             "d.csv:1:6: error: the column 'v' appears twice in the header", "d.csv:1:4: note: first here"),
        data("an amount given twice for a key and month (long form)", "ansvar;period;belopp\n110;202401;5\n110;202401;6\n",
             model: "timeline monthly 2024-01 .. 2024-03\ndimension ansvar = \"110\"\ninput u[ansvar, month]: kr = data \"d.csv\" long key ansvar period period amount belopp\n",
             exit: 1, "d.csv:3:12: error: a second amount for ansvar '110' in 2024-01", "d.csv:2:12: note: first amount here"),
        data("an empty key", "id;v\n;1\nB;2\n", exit: 1, "d.csv:2:1: error: the key in column 'id' is empty"),
        data("an ERP totals row at the end of the file", "id;v\nA;1\nB;2\nSumma;3\n", exit: 1,
             "d.csv:4:1: error: 'Summa' is the file's totals row: its numbers are the sums of the rows above it (v 3); "
                + "read as a member of 'd', it would count every amount twice",
             "hint: delete the row, or filter it out of the export: Kalkyl adds up the rows itself", "1 error"),
        data("a row for no member", "id;v\nA;1\nZ;2\n", model: "dimension d = A\ninput v[d]: kr = data \"d.csv\" key id column v\n", exit: 1,
             "d.csv:3:1: error: 'Z' is not a member of 'd'", "hint: did you mean 'A'?"),
        data("a period header that is no month", "ansvar;202401;202413\n110;1;2\n",
             model: "timeline monthly 2024-01 .. 2024-03\ndimension ansvar = \"110\"\ninput u[ansvar, month]: kr = data \"d.csv\" wide key ansvar\n",
             exit: 1, "d.csv:1:15: error: '202413' is not a period: there is no month 13"),
        data("a header of 100,000 columns", generated {
            "id;" + (0..<100_000).map { "c\($0)" }.joined(separator: ";") + "\nA;" + Array(repeating: "1", count: 99_999).joined(separator: ";") + ";7\n"
        }, model: "dimension d from \"d.csv\" key id\ninput v[d]: kr = column c99999\ntotal: kr = SUM(v[d])\n", exit: 0,
             stdout: "total,,kr,,7", command: evalTotal),
        data("a row of 100,000 fields under a header of two", generated {
            "id;v\nA;1\nB;" + Array(repeating: "1", count: 100_000).joined(separator: ";") + "\n"
        }, exit: 1, "d.csv:3:5: error: this row has 100001 fields, but the header has 2"),
        data("a 10 MB line", generated { "id;namn;v\nA;" + String(repeating: "x", count: 10_000_000) + ";5\n" },
             model: members, exit: 0, stdout: "total,,kr,,5", command: evalTotal),
        data("lines ended by CR alone", "id;v\rA;1\rB;2\r", exit: 0, stdout: "total,,kr,,3", command: evalTotal),
        data("a million members", generated {
            "id;v\n" + (0..<1_000_000).map { "M\($0);\($0)\n" }.joined()
        }, exit: 0, stdout: "total,,kr,,499999500000", command: evalTotal, timeout: 600),
        BadInputCase(family: .data, name: "a 20 MB ledger of 100,000 rows × 12 months", files: [
            ("model.kalkyl", .text(ledgerModel)),
            ("ansvar.csv", generated { "ansvar\n" + (0..<100).map { "\(100 + $0)\n" }.joined() }),
            ("konto.csv", generated { "konto\n" + (0..<1_000).map { "\(4000 + $0)\n" }.joined() }),
            ("d.csv", generated {
                // Every amount k,25 kr for row k: the total is exact, 12 × Σ(k + 0.25).
                "ansvar;konto;" + (1...12).map { String(format: "2024%02d", $0) }.joined(separator: ";") + "\n"
                    + (0..<100_000).map { k in "\(100 + k / 1_000);\(4000 + k % 1_000);" + Array(repeating: "\(k),25", count: 12).joined(separator: ";") + "\n" }.joined()
            }),
        ], arguments: ["eval", "model.kalkyl", "total", "--format", "csv"], exit: 0, stderr: [], stdout: "total,,kr,,59999700000", timeout: 600),
    ]
}
