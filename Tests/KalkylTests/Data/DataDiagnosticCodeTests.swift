import Foundation
import Kalkyl
import Testing

/// Every problem of a data file has a stable code of its own (docs/diagnostics.md): a model
/// and its data files per code, each checked for the code, the place and the message as the
/// terminal prints them. A period off the timeline (K0204), of the other granularity (K0216)
/// and a range written backwards (K0211) keep the codes they have in a formula.
@Suite struct DataDiagnosticCodeTests {
    static let header = "timeline monthly 2021-01 .. 2021-03\n"
    /// A spread needs the twelve months of one year.
    static let year = "timeline monthly 2024-01 .. 2024-12\n"

    struct Case: Sendable, CustomTestStringConvertible {
        var code: String
        var model: String
        var files: [String: String]
        var header: String
        /// The diagnostic's first line as `kalkyl check` prints it, paths as the model names them.
        var shows: String

        init(_ code: String, _ model: String, files: [String: String], header: String = DataDiagnosticCodeTests.header, shows: String) {
            self.code = code
            self.model = model
            self.files = files
            self.header = header
            self.shows = shows
        }

        var testDescription: String { "\(code): \(shows)" }
    }

    static let cases: [Case] = [
        Case("K0501", "dimension unit = A, B, C\ninput b[unit] = data \"none.csv\" key enhet column belopp",
             files: [:],
             shows: "m.kalkyl:3:22: error: cannot find the data file 'none.csv'"),
        Case("K0502", "dimension unit = A, B, C\ninput b[unit] = data \"d.csv\" key enhet column belopp",
             files: ["d.csv": "enhet;belopp\nA;1\nB;2\n"],
             shows: "m.kalkyl:3:7: warning: 1 member has no row for 'b', so its cells are blank: C"),
        Case("K0503", "dimension unit = A, B\ninput b[unit] = data \"d.csv\" key enhet column belopp",
             files: ["d.csv": "enhet;belopp\nA;1\nB;2\nD;4\n"],
             shows: "d.csv:4:1: error: 'D' is not a member of 'unit'"),
        Case("K0504", "dimension unit = A, B, C\ninput b[unit] = data \"d.csv\" key enhet column belopp",
             files: ["d.csv": "enhet;belopp\nA;1\nB;2\nC;1O\n"],
             shows: "d.csv:4:3: error: '1O' is not a number: unexpected 'O'"),
        Case("K0504", "dimension konto from \"gl.se\" sie account\ninput ib[konto] = data \"gl.se\" sie ib key account",
             files: ["gl.se": "#KONTO 1910 \"Kassa\"\n#IB 0 1910 12,50\n"],
             shows: "gl.se:2:12: error: '12,50' is not an amount: SIE writes amounts as -1234.50"),
        Case("K0505", "dimension unit = A, B, C\ninput b[unit, month] = data \"d.csv\" wide key enhet",
             files: ["d.csv": "enhet;202101;202113\nA;1;2\nB;1;2\nC;1;2\n"],
             shows: "d.csv:1:14: error: '202113' is not a period: there is no month 13"),
        Case("K0505", "dimension konto from \"gl.se\" sie account\ninput s[konto, month] = data \"gl.se\" sie psaldo key account",
             files: ["gl.se": "#KONTO 3010 \"Försäljning\"\n#PSALDO 0 202113 3010 {} -100.00\n"],
             shows: "gl.se:2:11: error: '202113' is not a month written 202403"),
        Case("K0506", "dimension unit = A, B, C\ninput b[unit] = data \"d.csv\" key enhet column belopp",
             files: ["d.csv": "enhet;belopp\nA;1\nB;\"2\nC;3\n"],
             shows: "d.csv:3:3: error: this quote is never closed"),
        Case("K0507", "dimension unit = A, B, C\ninput b[unit] = data \"d.csv\" key enhet column belopp",
             files: ["d.csv": "enhet;belopp\nA;1\nB;2;5\nC;3\n"],
             shows: "d.csv:3:5: error: this row has 3 fields, but the header has 2"),
        Case("K0508", "dimension unit = A, B, C\ninput b[unit] = data \"d.csv\" key enhet column belopp",
             files: ["d.csv": ""],
             shows: "d.csv:1:1: error: the data file is empty: it needs a header line naming its columns"),
        Case("K0509", "dimension unit = A, B, C\ninput b[unit] = data \"d.csv\" key enhet column belopp",
             files: ["d.csv": "enhet;belopp;belopp\nA;1;1\nB;2;2\nC;3;3\n"],
             shows: "d.csv:1:14: error: the column 'belopp' appears twice in the header"),
        Case("K0509", "dimension unit = A, B, C\ninput b[unit, month] = data \"d.csv\" wide key enhet",
             files: ["d.csv": "enhet;202101;2021-01\nA;1;2\nB;1;2\nC;1;2\n"],
             shows: "d.csv:1:14: error: a second column for 2021-01"),
        Case("K0510", "dimension unit = A, B, C\ninput b[unit] = data \"d.csv\" key enhet column belop",
             files: ["d.csv": "enhet;belopp\nA;1\nB;2\nC;3\n"],
             shows: "m.kalkyl:3:47: error: the data file d.csv has no column 'belop'"),
        Case("K0511", "dimension unit = A, B, C\ninput b[unit] = data \"d.csv\" key enhet column belopp",
             files: ["d.csv": "enhet;belopp\nA;1\nB;2\nB;3\nC;4\n"],
             shows: "d.csv:4:1: error: 'B' appears twice in column 'enhet'"),
        Case("K0512", "dimension unit = A, B, C\ninput b[unit] = data \"d.csv\" key enhet column belopp",
             files: ["d.csv": "enhet;belopp\nA;1\nB;2\nb ;3\nC;4\n"],
             shows: "d.csv:4:1: error: 'b' and 'B' differ only in case or spacing"),
        Case("K0538", "dimension unit from \"d.csv\" key enhet\ninput b[unit] = column belopp",
             files: ["d.csv": "enhet;belopp\nA;1\nB;2\nSumma;3\n"],
             shows: "d.csv:4:1: error: 'Summa' is the file's totals row: its numbers are the sums of the rows above it (belopp 3); "
                + "read as a member of 'unit', it would count every amount twice"),
        Case("K0539", "dimension unit = A, B\ninput b[unit, month] = data \"d.csv\" long key enhet period period amount belopp sum missing 0",
             files: ["d.csv": "enhet;period;ver;belopp\nA;202101;V1;1\nB;202101;V2;2\nA;202101;V1;1\n"],
             shows: "d.csv:4:13: warning: this row is the same as line 2 in every column, so its amount is added twice "
                + "(the one row of the file that repeats another)"),
        Case("K0544", "dimension unit = A, B, C\ninput b[unit, month] = data \"d.csv\" wide key enhet",
             files: ["d.csv": "enhet;Jan 2021;2021-02;2021-03\nA;1;2;3\nB;4;5;6\nC;7;8;9\n"],
             shows: "d.csv:1:7: warning: the column 'Jan 2021' holds numbers, but its header is no period, so it is not read: "
                + "2021-01, before the file's first period column 2021-02, is blank"),
        Case("K0545", "dimension unit = A, B, C\ninput start[unit] = data \"d.csv\" key enhet column start",
             files: ["d.csv": "enhet;start\nA;2021-06-01\nB;2021-06-15\nC;2021-01-31\n"],
             shows: "d.csv:3:3: warning: '2021-06-15' is read as the month 2021-06: the column 'start' holds dates, read as months "
                + "(each its first day), so the day 15 is not kept"),
        Case("K0546", "dimension konto from \"gl.se\" sie account\ninput s[konto, month] = data \"gl.se\" sie psaldo key account missing 0",
             files: ["gl.se": "#DIM 1 \"Kst\"\n#OBJEKT 1 \"100\" \"A\"\n#KONTO 5010 \"Hyra\"\n#PSALDO 0 202101 5010 {1 \"100\"} 1000.00\n"],
             shows: "gl.se:4:23: warning: #PSALDO of account 5010 in 2021-01 names objects of dimension 1, but 's' reads key account, "
                + "and no #PSALDO of that shape gives the amount: it is left out, so 's' is blank or 0 there"),
        Case("K0547", "dimension unit = A, B, C\ninput b[unit]: kr = data \"d.csv\" key enhet column belopp",
             files: ["d.csv": "enhet;valuta;belopp\nA;SEK;1\nB;EUR;2\nC;SEK;3\n"],
             shows: "d.csv:3:3: error: 'b' is kr (SEK), but a row of d.csv is in EUR (column 'valuta', line 3): its amount would be summed as kr"),
        Case("K0553", "dimension unit = A, B, C\ninput g[unit] = data \"d.csv\" key enhet column grad",
             files: ["d.csv": "enhet;grad\nA;80 %\nB;100\nC;0,5\n"],
             shows: "d.csv:3:3: error: '100' could be read two ways: as 100 %, as other cells of the column are written ('80 %'), "
                + "or as the number 100"),
        Case("K0554", "dimension a from \"gl.se\" sie 1\ndimension konto from \"gl.se\" sie account\ninput s[a, konto, month] = data \"gl.se\" sie psaldo key 1, account missing 0",
             files: ["gl.se": "#DIM 1 \"Kst\"\n#OBJEKT 1 \"100\" \"A\"\n#KONTO 5010 \"Hyra\"\n#PSALDO 0 202101 5010 {} 1200.00\n#PSALDO 0 202101 5010 {1 \"100\"} 900.00\n"],
             shows: "gl.se:4:26: warning: #PSALDO of account 5010 in 2021-01 is 1200.00 over all objects ({}), but its lines per object of dimension 1 "
                + "add up to 900.00: the 300.00 booked without one is left out of 's'"),
        Case("K0513", "dimension unit = A, B, C\ninput b[unit] = data \"d.csv\" key enhet column belopp",
             files: ["d.csv": "enhet;belopp\nA;1\n;2\nB;3\nC;4\n"],
             shows: "d.csv:3:1: error: the key in column 'enhet' is empty"),
        Case("K0514", "dimension unit = A, B, C\ninput b[unit] = data \"d.csv\" key enhet column belopp",
             files: ["d.csv": "enhet;belopp\nA;1\n\"B\nC\";2\nC;3\n"],
             shows: "d.csv:3:1: error: the key in column 'enhet' has a line break in it"),
        Case("K0515", "dimension unit = A, B, C\ninput b[unit, month] = data \"d.csv\" wide key enhet",
             files: ["d.csv": "enhet;namn\nA;x\nB;y\nC;z\n"],
             shows: "d.csv:1:1: error: no column of the header is a period"),
        Case("K0516", "dimension unit = A, B, C\ninput b[unit, month] = data \"d.csv\" long key enhet period period amount belopp",
             files: ["d.csv": "enhet;period;belopp\nA;202101;1\nB;202101;2\nA;202101;3\nC;202101;4\n"],
             shows: "d.csv:4:10: error: a second amount for enhet 'A' in 2021-01"),
        Case("K0517", "dimension unit = A, B, C\ninput slut[unit] = data \"d.csv\" key enhet column slut",
             files: ["d.csv": "enhet;slut\nA;202106\nB;202107\nC;202108\n"],
             shows: "d.csv:1:7: warning: the column 'slut' is read as numbers, but its values, such as 202106, are also months"),
        Case("K0518", "dimension konto from \"gl.se\" sie account",
             files: ["gl.se": "#KONTO 3010 \"Försäljning\"\n#KONTO\n"],
             shows: "gl.se:2:7: error: #KONTO needs the account here"),
        Case("K0519", "dimension konto from \"gl.se\" sie account",
             files: ["gl.se": "#KONTO 3010 \"Försäljning\"\n#TRANS 3010 {} -100.00\n"],
             shows: "gl.se:2:1: error: #TRANS outside a voucher: it belongs between a #VER's '{' and '}'"),
        Case("K0520", "dimension konto from \"gl.se\" sie account",
             files: ["gl.se": "#KONTO 1910 \"Kassa\"\n#KONTO 3010 \"Försäljning\"\n#VER A 1 20210115 \"Kvitto\"\n{\n#TRANS 3010 {} -100.00\n#TRANS 1910 {} 100.00\n}\n#VER A 1 20210115 \"Kvitto\"\n{\n#TRANS 3010 {} -100.00\n#TRANS 1910 {} 100.00\n}\n"],
             shows: "gl.se:8:1: error: voucher A 1 appears twice: its lines would be counted twice"),
        Case("K0521", "dimension konto from \"gl.se\" sie account",
             files: ["gl.se": "#KONTO 1910 \"Kassa\"\n#KONTO 3010 \"Försäljning\"\n#VER A 1 20210115 \"Kvitto\"\n{\n#TRANS 3010 {} -100.00\n#TRANS 1910 {} 90.00\n}\n"],
             shows: "gl.se:3:1: error: voucher A 1 of 20210115 does not balance: its lines add up to -10.00, not 0"),
        Case("K0548", "dimension konto from \"gl.se\" sie account",
             files: ["gl.se": "#KONTO 1910 \"Kassa\"\n#KONTO 3010 \"Försäljning\"\n#VER A 1 20210115 \"Kvitto\"\n{\n#TRANS 3010 {} -100.005\n#TRANS 1910 {} 100.00\n}\n"],
             shows: "gl.se:5:16: error: '-100.005' is not a whole number of öre: a voucher's lines are booked in kronor with at most two decimals"),
        Case("K0522", "dimension konto from \"gl.se\" sie account",
             files: ["gl.se": "#KONTO 3010 \"Försäljning\"\n#IB 0 3010 0.00\n#IB 0 1910 100.00\n"],
             shows: "gl.se:3:1: warning: account 1910 has no #KONTO in the file, so it has no name"),
        Case("K0523", "dimension unit from \"d.csv\" key enhet",
             files: ["d.csv": "enhet;namn\n"],
             shows: "m.kalkyl:2:21: error: d.csv has no rows, so 'unit' would have no members"),
        Case("K0524", "dimension konto from \"gl.se\" sie account 3000 .. 3999\ninput res[konto] = data \"gl.se\" sie res key account",
             files: ["gl.se": "#KONTO 3010 \"Försäljning\"\n#KONTO 4010 \"Inköp\"\n#RES 0 3010 -100.00\n#RES 0 4010 40.00\n"],
             shows: "gl.se:4:8: warning: account 4010 of gl.se is no member of 'konto', so its amounts are left out"),
        Case("K0525", "dimension unit = A, B, C\ninput b[unit] = data \"d.csv\" wide key enhet",
             files: ["d.csv": "enhet;202101\nA;1\nB;2\nC;3\n"],
             shows: "m.kalkyl:3:8: error: 'b' has no periods; wide and long data give a value per period"),
        Case("K0526", "dimension unit = A, B, C\ninput b[unit] = data \"d.csv\" key enhet, namn column belopp",
             files: ["d.csv": "enhet;namn;belopp\nA;x;1\nB;y;2\nC;z;3\n"],
             shows: "m.kalkyl:3:34: error: 'b' needs one key per dimension (unit), but 2 are given"),
        Case("K0527", "dimension konto from \"gl.se\" sie account\ninput s[konto, month] = data \"gl.se\" sie psaldo key 1",
             files: ["gl.se": "#KONTO 3010 \"Försäljning\"\n"],
             shows: "m.kalkyl:3:53: error: every amount of a SIE file is an account's, so one key is 'account'"),
        Case("K0528", "dimension unit = A, B, C\ninput b[unit] = column belopp",
             files: [:],
             shows: "m.kalkyl:3:24: error: 'column' reads the file of the input's dimension; 'b' needs one dimension read from a data file"),
        Case("K0529", "dimension unit = A, B, C\ninput b[unit, month] = data \"d.csv\" key enhet column belopp spread evenly",
             files: ["d.csv": "enhet;belopp\nA;1\nB;2\nC;3\n"],
             shows: "m.kalkyl:3:61: error: a yearly amount is spread over the months of a year, but the timeline has to be the twelve months of one year"),
        Case("K0530", "dimension unit = A, B, C\ninput b[unit, month] = data \"d.csv\" key enhet column belopp spread by \"k.csv\" key Konto",
             files: ["d.csv": "enhet;belopp\nA;1\nB;2\nC;3\n", "k.csv": "Konto;202401;202402;202403;202404;202405;202406;202407;202408;202409;202410;202411;202412\n4000..4999;1;1;1;1;1;1;1;1;1;1;1;1\n"], header: Self.year,
             shows: "m.kalkyl:3:83: error: the key file is matched by 'Konto', but 'b' is read by 'enhet'"),
        Case("K0531", "dimension unit = A, B, C\ninput profil[month] = 0\ninput b[unit, month] = data \"d.csv\" key enhet column belopp spread by profil",
             files: ["d.csv": "enhet;belopp\nA;1\nB;2\nC;3\n"], header: Self.year,
             shows: "m.kalkyl:4:71: error: the profile 'profil' needs a number, none negative, for every month and a share above zero in one"),
        Case("K0532", "dimension unit = A, B, C\ninput b[unit, month] = data \"d.csv\" key enhet column belopp spread by \"k.csv\" key enhet",
             files: ["d.csv": "enhet;belopp\nA;1\nB;2\nC;3\n", "k.csv": "enhet;202401;202402;202403;202404;202405;202406;202407;202408;202409;202410;202411;202412\nA;1;1;1;1;1;1;1;1;1;1;1;1\nB;1;1;1;1;1;1;1;1;1;1;1;1\n"], header: Self.year,
             shows: "m.kalkyl:3:83: error: 'C' is in no row of the key file k.csv, so its yearly amount cannot be spread"),
        Case("K0533", "dimension konto from \"konto.csv\" key Konto\ninput b[konto, month] = data \"d.csv\" key Konto column belopp spread by \"k.csv\" key Konto",
             files: ["konto.csv": "Konto\n4010\n5010\n", "d.csv": "Konto;belopp\n4010;1\n5010;2\n", "k.csv": "Konto;202401;202402;202403;202404;202405;202406;202407;202408;202409;202410;202411;202412\n4000..4999;1;1;1;1;1;1;1;1;1;1;1;1\n4000..4099;2;2;2;2;2;2;2;2;2;2;2;2\n5000..5999;1;1;1;1;1;1;1;1;1;1;1;1\n"], header: Self.year,
             shows: "k.csv:3:1: error: '4010' is in two ranges of the key file: 4000..4999 and 4000..4099"),
        Case("K0534", "dimension unit = A, B, C\ninput b[unit, month] = data \"d.csv\" key enhet column belopp spread by profil",
             files: ["d.csv": "enhet;belopp\nA;1\nB;2\nC;3\n"], header: Self.year,
             shows: "m.kalkyl:3:71: error: 'profil' is no input of the model over [month]"),
        Case("K0535", "dimension unit = A, B, C\ninput b[unit] = data \"d.csv\" key enhet column belopp",
             files: ["d.csv": "enhet;belopp\nA;1\nB;\u{0}2\nC;3\n"],
             shows: "d.csv:3:3: error: this is not a text file: it holds the byte 0x00"),
        Case("K0536", "dimension unit = A, B, C\ninput b[unit]: % = data \"d.csv\" key enhet column grad",
             files: ["d.csv": "enhet;grad\nA;50 %\nB;75\nC;1\n"],
             shows: "d.csv:3:3: error: '75' in a % input could be read two ways: as 75 %, or as 7500 %, since a number without '%' is a fraction (0.5 is 50 %)"),
        Case("K0537", "dimension unit = A, B, C\ninput b[unit] = data \"d.csv\" key enhet column grad in percent",
             files: ["d.csv": "enhet;grad\nA;50\nB;75\nC;1\n"],
             shows: "m.kalkyl:3:52: error: 'in percent' reads the file's numbers as per cent, but 'b' is a plain number, not %"),
        Case("K0204", "dimension unit = A, B, C\ninput b[unit, month] = data \"d.csv\" long key enhet period period amount belopp",
             files: ["d.csv": "enhet;period;belopp\nA;202101;1\nB;202107;2\nC;202101;3\n"],
             shows: "d.csv:3:3: error: 2021-07 is outside the timeline 2021-01 .. 2021-03"),
        Case("K0216", "dimension unit = A, B, C\ninput b[unit, month] = data \"d.csv\" long key enhet period period amount belopp",
             files: ["d.csv": "enhet;period;belopp\nA;202101;1\nB;2021;2\nC;202101;3\n"],
             shows: "d.csv:3:3: error: 2021 is a year, but the timeline is monthly"),
        Case("K0211", "dimension konto from \"konto.csv\" key Konto\ninput b[konto, month] = data \"d.csv\" key Konto column belopp spread by \"k.csv\" key Konto",
             files: ["konto.csv": "Konto\n4010\n5010\n", "d.csv": "Konto;belopp\n4010;1\n5010;2\n", "k.csv": "Konto;202401;202402;202403;202404;202405;202406;202407;202408;202409;202410;202411;202412\n4999..4000;1;1;1;1;1;1;1;1;1;1;1;1\n4010;1;1;1;1;1;1;1;1;1;1;1;1\n5000..5999;1;1;1;1;1;1;1;1;1;1;1;1\n"], header: Self.year,
             shows: "k.csv:2:1: error: the range '4999..4000' runs backwards"),
    ]

    @Test("A data file's problem has its code, place and message", arguments: cases)
    func aDataProblemHasItsCode(_ c: Case) throws {
        var files = ["/mem/m.kalkyl": c.header + c.model + "\n"]
        for (name, text) in c.files { files["/mem/" + name] = text }
        let loaded = try ModelLoader.load(path: "/mem/m.kalkyl", sources: MemorySources(files, fallback: nil))
        let codes = loaded.diagnostics.map { $0.code?.rawValue ?? "none" }
        // Members left blank by a row that could not be read are a consequence, not the problem.
        let problem = try #require(loaded.diagnostics.first { c.code == "K0502" || $0.code != .noRowForMember }, "\(codes)")
        #expect(problem.code?.rawValue == c.code, "\(codes): \(problem.message)")
        let shown = DiagnosticRenderer.render(problem).prefix { $0 != "\n" }.replacing("/mem/", with: "")
        #expect(shown == c.shows)
        #expect(!codes.contains(DiagnosticCode.data.rawValue) && !codes.contains("none"), "\(codes)")
    }

    /// No place in the engine hands out a family's catch-all code (K0100, K0200, …, K0500):
    /// a new problem gets a code of its own, documented and tested as these are.
    @Test func noPlaceHandsOutACatchAllCode() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent("scripts/catch-all-diagnostics.py").path, "--list"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0 && text == "   0 in all\n", "\(text)")
    }

    @Test func everyDataFileCodeHasACase() {
        let data = DiagnosticCode.all.map(\.rawValue).filter { $0.hasPrefix("K05") && $0 != DiagnosticCode.data.rawValue }
        #expect(Set(data).subtracting(Self.cases.map(\.code)).sorted() == [])
    }
}
