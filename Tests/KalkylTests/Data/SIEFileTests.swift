import Foundation
@testable import Kalkyl
import Testing

/// SIE 4 files as Swedish accounting systems export them, written here from SIE-gruppen's
/// format description: the records, the three encodings real files come in, and the errors
/// a controller needs to see.
@Suite struct SIEFileTests {
    let sie = """
    #FLAGGA 0
    #FORMAT PC8
    #SIETYP 4
    #PROGRAM "Testprogram" 1.0
    #FNAMN "Division Medicinsk teknik"
    #RAR 0 20240101 20241231
    #DIM 1 "Kostnadsställe"
    #OBJEKT 1 "521010" "MT Ledning"
    #OBJEKT 1 "521020" "MT Service Söder"
    #KONTO 1930 "Företagskonto"
    #KONTO 3110 "Försäljning av tjänster"
    #KONTO 5010 "Löner tillsvidareanställda"
    #IB 0 1930 100000.00
    #UB 0 1930 85000.00
    #RES 0 3110 -5000.00
    #PSALDO 0 202401 3110 {1 "521010"} -5000.00
    #PBUDGET 0 202401 5010 {1 "521020"} 12000.00
    #VER A 1 20240115 "Faktura 1001 \\"service\\" Umeå"
    {
    #TRANS 3110 {1 "521010"} -5000.00
    #TRANS 1930 {} 5000.00
    }
    #VER A 2 20240125 "Lön januari"
    {
       #TRANS 5010 {1 "521020"} 20000.00
       #TRANS 1930 {} -20000.00
    }

    """

    static let ibm437: [Character: UInt8] = ["å": 0x86, "ä": 0x84, "ö": 0x94, "Å": 0x8F, "Ä": 0x8E, "Ö": 0x99, "é": 0x82]

    func bytes(_ text: String, _ encoding: SIEFile.Encoding) -> [UInt8] {
        switch encoding {
        case .utf8: return Array(text.utf8)
        case .windows1252: return Array(text.data(using: .windowsCP1252)!)
        case .ibm437: return text.flatMap { c in Self.ibm437[c].map { [$0] } ?? Array(String(c).utf8) }
        }
    }

    @Test("The same file in IBM 437, Windows-1252 and UTF-8 reads the same", arguments: [SIEFile.Encoding.ibm437, .windows1252, .utf8])
    func threeEncodings(encoding: SIEFile.Encoding) {
        let file = SIEFile(bytes: bytes(sie, encoding), path: "gl.se")
        #expect(file.encoding == encoding)
        #expect(file.diagnostics.isEmpty, "\(file.diagnostics.map(\.message))")
        #expect(file.accounts["3110"] == "Försäljning av tjänster")
        #expect(file.objects[1]?["521020"] == "MT Service Söder")
        #expect(file.dimensions[1] == "Kostnadsställe")
        let headings = file.voucherIndex.starts.map { SIEVoucherIndex.heading(file.file.line(file.file.lineAndColumn(of: $0).line)) }
        #expect(headings.map { $0?.text } == [#"Faktura 1001 "service" Umeå"#, "Lön januari"])
        let second = Self.lines(of: file).filter { $0.voucher == 1 }
        #expect(second.map(\.amount) == [20000, -20000])
        #expect(second.first?.objects == [.init(dimension: 1, code: "521020")])
        #expect(file.balances.map(\.label) == ["IB", "UB", "RES", "PSALDO", "PBUDGET"])
        let psaldo = file.balances[3]
        #expect(psaldo.period?.year == 2024 && psaldo.period?.month == 1 && psaldo.amount == -5000 && psaldo.objects.first?.code == "521010")
    }

    /// Every `#TRANS` line the file's voucher groups hold, in file order, with its voucher.
    static func lines(of file: SIEFile) -> [(voucher: Int, account: String, objects: [SIEFile.ObjectRef], amount: Double)] {
        file.vouchers.groups.flatMap { g in
            zip(g.offsets, g.amounts).map { (offset: $0, voucher: file.voucherIndex.voucher(containing: $0) ?? -1, account: file.vouchers.account(g),
                                             objects: file.vouchers.objects(g), amount: $1) }
        }
        .sorted { $0.offset < $1.offset }
        .map { ($0.voucher, $0.account, $0.objects, $0.amount) }
    }

    @Test func linesAreSummedByAccountObjectsAndMonthInFileOrder() {
        let text = sie.replacingOccurrences(of: "#VER A 2 20240125 \"Lön januari\"\n{\n", with: """
            #VER A 2 20240125 "Lön januari"
            {
            #TRANS 5010 {1 "521020"} 0.1
            #TRANS 5010 {1 "521020"} 0.2
            #TRANS 1930 {} -0.3

            """)
        let file = SIEFile(bytes: Array(text.utf8), path: "gl.se")
        #expect(file.diagnostics.isEmpty, "\(file.diagnostics.map(\.message))")
        let group = file.vouchers.groups.first { file.vouchers.account($0) == "5010" }!
        // 0.1 + 0.2 + 20000 as the lines come, not 20000 + 0.3.
        #expect(group.sum == 0.1 + 0.2 + 20000 && group.amounts == [0.1, 0.2, 20000] && group.month == 2024 * 12)
        #expect(file.vouchers.lineCount == 7 && file.vouchers.groups.count == 3)
        #expect(Self.lines(of: file).map(\.voucher) == [0, 0, 1, 1, 1, 1, 1])
    }

    @Test func aVoucherThatDoesNotBalanceIsAnError() {
        let text = sie.replacingOccurrences(of: "#TRANS 1930 {} -20000.00", with: "#TRANS 1930 {} -19000.00")
        let file = SIEFile(bytes: Array(text.utf8), path: "gl.se")
        #expect(file.diagnostics.map(\.message) == ["voucher A 2 of 20240125 does not balance: its lines add up to 1000.00, not 0"])
        #expect(file.diagnostics.map { "\($0.location!.line):\($0.location!.column)" } == ["23:1"])
    }

    @Test func anUnknownObjectAndAnAccountWithoutKontoAreWarnedOnce() {
        let text = sie.replacingOccurrences(of: "#TRANS 5010 {1 \"521020\"} 20000.00", with: "#TRANS 5020 {1 \"521099\"} 20000.00")
            .replacingOccurrences(of: "#PBUDGET 0 202401 5010 {1 \"521020\"}", with: "#PBUDGET 0 202401 5010 {1 \"521099\"}")
        let file = SIEFile(bytes: Array(text.utf8), path: "gl.se")
        #expect(file.diagnostics.map(\.severity) == [.warning, .warning])
        #expect(file.diagnostics.map(\.message) == ["object 521099 of dimension 1 has no #OBJEKT in the file",
                                                    "account 5020 has no #KONTO in the file, so it has no name"])
        #expect(file.diagnostics.map { $0.location!.line } == [17, 25])
    }

    @Test func aBadLineIsAnErrorAtItsColumn() {
        let text = sie.replacingOccurrences(of: "#TRANS 3110 {1 \"521010\"} -5000.00", with: "#TRANS 3110 {1 \"521010\"} -5000,00")
            .replacingOccurrences(of: "#PSALDO 0 202401", with: "#PSALDO 0 202413")
            .replacingOccurrences(of: "#KONTO 1930 \"Företagskonto\"", with: "#KONTO 1930 \"Företagskonto")
        let file = SIEFile(bytes: Array(text.utf8), path: "gl.se")
        let errors = file.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.message) == ["this quote is never closed", "'202413' is not a month written 202403",
                                          "'-5000,00' is not an amount: SIE writes amounts as -1234.50",
                                          "voucher A 1 of 20240115 does not balance: its lines add up to 5000.00, not 0"])
        #expect(errors.map { "\($0.location!.line):\($0.location!.column)" } == ["10:13", "16:11", "20:26", "18:1"])
    }

    @Test func aVoucherGivenTwiceIsAnErrorWithItsFirstPlace() {
        let vouchers = ["A 1", "A 2", "B x7", "A 1", "A 01", "B x7", "A 2", "\"A 1\" 2", "A \"1 2\""]
        var text = "#KONTO 3010 \"x\"\n"
        for v in vouchers { text += "#VER \(v) 20240115 \"v\"\n{\n#TRANS 3010 {} 0.00\n}\n" }
        let file = SIEFile(bytes: Array(text.utf8), path: "gl.se")
        // The fourth, sixth and seventh repeat the first, third and second; "A 01" is another
        // number, and the last two are both "A 1 2", as they always were.
        #expect(file.diagnostics.map(\.message) == ["voucher A 1 appears twice: its lines would be counted twice",
                                                    "voucher B x7 appears twice: its lines would be counted twice",
                                                    "voucher A 2 appears twice: its lines would be counted twice",
                                                    "voucher A 1 2 appears twice: its lines would be counted twice"])
        #expect(file.diagnostics.map { "\($0.location!.line) \($0.notes.map { "\($0.message) \($0.location!.line)" })" }
            == ["14 [\"first here 2\"]", "22 [\"first here 10\"]", "26 [\"first here 6\"]", "34 [\"first here 30\"]"])
    }

    /// Two vouchers whose texts are one `String` are one voucher, whichever bytes spell them:
    /// a series written with the Kelvin sign (U+212A), the Greek question mark (U+037E) or the
    /// Greek varia (U+1FEF) is `K`, `;` or `` ` `` to Swift, so the second is given twice. It was
    /// kept as text and never compared with the ASCII series' bits: its lines were counted twice.
    @Test(arguments: ["\u{212A}", "\u{037E}", "\u{1FEF}"])
    func aVoucherSpelledWithACanonicalEquivalentIsGivenTwice(series: String) {
        let ascii = series.precomposedStringWithCanonicalMapping
        #expect(ascii.utf8.count == 1 && ascii == series)
        for (first, second) in [(ascii, series), (series, ascii), (series, series)] {
            var text = "#KONTO 3010 \"x\"\n"
            for s in [first, second] { text += "#VER \(s) 1 20240115 \"v\"\n{\n#TRANS 3010 {} 0.00\n}\n" }
            let file = SIEFile(bytes: Array(text.utf8), path: "gl.se")
            #expect(file.diagnostics.map(\.message) == ["voucher \(second) 1 appears twice: its lines would be counted twice"])
            #expect(file.diagnostics.map { "\($0.location!.line) \($0.notes.map { "\($0.message) \($0.location!.line)" })" } == ["6 [\"first here 2\"]"])
        }
    }

    /// Every scalar that Swift takes for one ASCII character (found by its hash, which `String`
    /// keeps equal for equal texts) makes a voucher that repeats the ASCII one, in the series
    /// and in the number, however the number is written.
    @Test func everyScalarEqualToAnASCIICharacterRepeatsItsVoucher() {
        let ascii = Dictionary(uniqueKeysWithValues: (0..<0x80).map { (String(UnicodeScalar(UInt8($0))), UInt8($0)) })
        var found: [(Unicode.Scalar, String)] = []
        for v in 0x80...0x10FFFF {
            guard let s = Unicode.Scalar(v), let c = ascii[String(s)] else { continue }
            found.append((s, String(UnicodeScalar(c))))
        }
        #expect(found.map { $0.0.value } == [0x037E, 0x1FEF, 0x212A])
        for (s, c) in found {
            var numbers = SIEVoucherNumbers()
            let given = [(c, "7"), (String(s), "7"), ("A" + String(s), "07"), ("A" + c, "07"), ("B", "1" + c), ("B", "1" + String(s))]
            let new = given.map { numbers.insert(series: $0.0, number: $0.1) }
            #expect(new == [true, false, true, false, true, false], "\(s)")
        }
    }

    /// A line whose first Character is not "#" is no label, even when its first byte is: "#" and
    /// a combining mark after it (as the reader before the rewrite said; it was skipped silently).
    @Test(arguments: ["#\u{0301}FOO 1", "#\u{0301}KONTO 3010 \"x\"", "#\u{20DD}TRANS 3010 {} 1.00"])
    func aHashWithACombiningMarkIsNoLabel(line: String) {
        let file = SIEFile(bytes: Array("#KONTO 3010 \"x\"\n\(line)\n".utf8), path: "gl.se")
        #expect(file.diagnostics.map(\.message) == ["a SIE line starts with a label such as #TRANS"])
        #expect(file.diagnostics.map { "\($0.location!.line):\($0.location!.column)" } == ["2:1"])
    }

    @Test func aVoucherLeftOpenAndTransOutsideAVoucher() {
        let file = SIEFile(bytes: Array("#KONTO 1930 \"Bank\"\n#TRANS 1930 {} 5.00\n#VER A 1 20240101 \"x\"\n{\n#TRANS 1930 {} 0.00\n".utf8), path: "gl.se")
        #expect(file.diagnostics.map(\.message) == ["#TRANS outside a voucher: it belongs between a #VER's '{' and '}'",
                                                    "voucher A 1 is never closed with '}'"])
    }
}
