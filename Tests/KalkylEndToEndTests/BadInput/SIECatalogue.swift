import Foundation
import Testing

/// A bad SIE file: no command reads SIE yet (the reader, `SIEFile`, is not reachable from a
/// model), so these run the reader in-process and pin its diagnostics and whether they hold an
/// error; the exit code follows once a model can read SIE.
struct SIECase: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: @Sendable () -> [UInt8]
    /// Texts the rendered diagnostics contain, in this order (`ledger.se:3:12: error: …`).
    var diagnostics: [String]
    var hasErrors: Bool

    var testDescription: String { "SIE: \(name)" }
}

enum SIECatalogue {
    static let head = "#FLAGGA 0\n#SIETYP 4\n#KONTO 1930 \"Bank\"\n#KONTO 5010 \"Lokalhyra\"\n#DIM 1 \"Kostnadsställe\"\n#OBJEKT 1 \"411010\" \"VC Centrum\"\n"

    static func sie(_ name: String, _ text: String, errors: Bool = true, _ diagnostics: String...) -> SIECase {
        SIECase(name: name, bytes: { Array(text.utf8) }, diagnostics: diagnostics, hasErrors: errors)
    }

    static func sie(_ name: String, bytes: @escaping @Sendable () -> [UInt8], errors: Bool = true, _ diagnostics: String...) -> SIECase {
        SIECase(name: name, bytes: bytes, diagnostics: diagnostics, hasErrors: errors)
    }

    static func voucher(_ number: Int, _ amount: String = "100.00") -> String {
        "#VER A \(number) 20240115 \"Hyra\"\n{\n#TRANS 5010 {1 \"411010\"} \(amount)\n#TRANS 1930 {} -\(amount)\n}\n"
    }

    static let all: [SIECase] = [
        sie("an empty file", "", errors: false),
        sie("only the header", head, errors: false),
        sie("binary garbage", bytes: { (0..<8_192).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) } }, "ledger.se:1:", "error:"),
        sie("a NUL byte in an amount", bytes: { Array((head + "#IB 0 1930 10").utf8) + [0] + Array(".00\n".utf8) }, "ledger.se:7:12: error: '10", "is not an amount"),
        sie("truncated inside a voucher", head + "#VER A 1 20240115 \"Hyra\"\n{\n#TRANS 5010 {} 100.00\n", "ledger.se:7:1: error: voucher A 1 is never closed with '}'"),
        sie("truncated in a quote", head + "#KONTO 3010 \"Försälj", "ledger.se:7:13: error: this quote is never closed"),
        sie("truncated in an object list", head + "#PSALDO 0 202403 5010 {1 \"411010\" 100.00\n", "ledger.se:7:23: error: this object list is never closed with '}'"),
        sie("an amount too large for a double", head + "#IB 0 1930 1" + String(repeating: "0", count: 400) + ".00\n",
            "ledger.se:7:12: error: '1000000000000000000000000000000000000000…' is too large for an amount"),
        sie("an amount written with an exponent", head + "#IB 0 1930 1e400\n", "ledger.se:7:12: error: '1e400' is not an amount: SIE writes amounts as -1234.50"),
        sie("an amount with a decimal comma", head + "#IB 0 1930 1234,50\n", "ledger.se:7:12: error: '1234,50' is not an amount"),
        sie("a missing amount", head + "#IB 0 1930\n", "ledger.se:7:4: error: #IB needs the amount here"),
        sie("a month 13", head + "#PSALDO 0 202413 5010 {} 100.00\n", "ledger.se:7:11: error: '202413' is not a month written 202403"),
        sie("a voucher that does not balance", head + voucher(1).replacingOccurrences(of: "-100.00", with: "-99.00"),
            "ledger.se:7:1: error: voucher A 1 of 20240115 does not balance: its lines add up to 1.00, not 0"),
        sie("a #TRANS outside a voucher", head + "#TRANS 5010 {} 100.00\n", "ledger.se:7:1: error: #TRANS outside a voucher"),
        sie("a '}' with no voucher", head + "}\n", "ledger.se:7:1: error: '}' without a #VER before it"),
        sie("a date of seven digits", head + "#VER A 1 2024011 \"Hyra\"\n{\n}\n", "ledger.se:7:10: error: '2024011' is not a date written 20240115"),
        sie("an object list of odd length", head + "#PSALDO 0 202403 5010 {1} 100.00\n", "ledger.se:7:23: error: an object list holds pairs"),
        sie("a dimension that is no number", head + "#PSALDO 0 202403 5010 {x \"411010\"} 100.00\n", "ledger.se:7:24: error: 'x' is not a dimension's number"),
        sie("an account with no #KONTO", head + "#IB 0 2010 5.00\n", errors: false, "ledger.se:7:1: warning: account 2010 has no #KONTO in the file"),
        sie("a voucher given twice (two exports pasted together)", head + voucher(1) + voucher(1),
            "ledger.se:12:1: error: voucher A 1 appears twice: its lines would be counted twice", "ledger.se:7:1: note: first here"),
        sie("a voucher given twice, its series written with the Kelvin sign", head + voucher(1) + voucher(1).replacingOccurrences(of: "#VER A", with: "#VER K")
            + voucher(1).replacingOccurrences(of: "#VER A", with: "#VER \u{212A}"),
            "ledger.se:17:1: error: voucher \u{212A} 1 appears twice: its lines would be counted twice", "ledger.se:12:1: note: first here"),
        sie("a '#' with a combining mark after it", head + "#\u{0301}FOO 1\n", "ledger.se:7:1: error: a SIE line starts with a label such as #TRANS"),
        sie("100,000 vouchers", bytes: { Array((head + (1...100_000).map { voucher($0) }.joined()).utf8) }, errors: false),
        sie("a line of 100,000 fields", bytes: { Array((head + "#KONTO 3010 \"Försäljning\"" + String(repeating: " x", count: 100_000) + "\n").utf8) }, errors: false),
        sie("100,000 opening braces", bytes: { Array((head + String(repeating: "{", count: 100_000) + "\n").utf8) },
            "ledger.se:7:1: error: a SIE line starts with a label such as #TRANS"),
        sie("a 10 MB voucher text", bytes: { Array((head + "#VER A 1 20240115 \"" + String(repeating: "x", count: 10_000_000) + "\"\n{\n}\n").utf8) }, errors: false),
    ]
}
