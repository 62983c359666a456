import Foundation

/// A SIE 4 file (SIE-gruppen's format for moving accounting data between Swedish systems), read
/// into its records: the chart of accounts (`#KONTO`), dimensions and objects (`#DIM`,
/// `#OBJEKT`), balances (`#IB`, `#UB`, `#RES`, `#PSALDO`, `#PBUDGET`) and vouchers (`#VER`
/// with their `#TRANS` lines).
///
/// The standard's code page is IBM 437 (`#FORMAT PC8`), but real files also come as
/// Windows-1252 or UTF-8: the bytes decide (valid UTF-8 is UTF-8; otherwise the Swedish
/// letters' bytes tell IBM 437 from Windows-1252). A line that cannot be read is an error at
/// its line and column; a voucher that does not balance is an error; an account with no
/// `#KONTO` and an object with no `#OBJEKT` are warnings, once each. Labels the reader does
/// not know are skipped, as the standard asks.
package struct SIEFile: Sendable {
    package enum Encoding: String, Sendable { case ibm437 = "IBM 437", windows1252 = "Windows-1252", utf8 = "UTF-8" }

    /// An object list's entry, `{1 "411010"}`: dimension 1, object 411010.
    package struct ObjectRef: Sendable, Equatable {
        package var dimension: Int
        package var code: String
        /// Where the object is written in its line (the quoted code), for an error about it.
        package var range = SourceRange(0, 0)

        package init(dimension: Int, code: String, range: SourceRange = SourceRange(0, 0)) {
            self.dimension = dimension
            self.code = code
            self.range = range
        }

        package static func == (a: ObjectRef, b: ObjectRef) -> Bool { a.dimension == b.dimension && a.code == b.code }
    }

    /// A `#IB`, `#UB`, `#RES`, `#PSALDO` or `#PBUDGET` record.
    package struct Balance: Sendable {
        package var label: String
        /// The year number: 0 the current year, -1 the one before.
        package var year: Int
        /// `#PSALDO` and `#PBUDGET`: the month, as year and month.
        package var period: (year: Int, month: Int)?
        package var account: String
        package var objects: [ObjectRef]
        package var amount: Double
        /// The whole line.
        package var location: SourceLocation
        /// Where the account and the amount are written in the line.
        package var accountRange: SourceRange
        package var amountRange: SourceRange
    }

    package struct Transaction: Sendable {
        package var account: String
        package var objects: [ObjectRef]
        package var amount: Double
        /// The whole line.
        package var location: SourceLocation
        /// Where the account and the amount are written in the line.
        package var accountRange: SourceRange
        package var amountRange: SourceRange
    }

    /// A `#VER` and its `#TRANS` lines.
    package struct Voucher: Sendable {
        package var series: String
        package var number: String
        /// `20240115`, as written.
        package var date: String
        package var text: String
        package var transactions: [Transaction]
        package var location: SourceLocation
    }

    package var file: SourceFile
    package var encoding: Encoding
    /// Account → its name, from `#KONTO`.
    package var accounts: [String: String] = [:]
    /// Dimension number → its name, from `#DIM` (1 is kostnadsställe, 6 projekt by the standard).
    package var dimensions: [Int: String] = [:]
    /// Dimension number → object → its name, from `#OBJEKT`.
    package var objects: [Int: [String: String]] = [:]
    /// The accounts in the order of their `#KONTO` lines, each where its code is written:
    /// a dimension's members read from the file.
    package var accountOrder: [(code: String, range: SourceRange)] = []
    /// Each dimension's objects in the order of their `#OBJEKT` lines.
    package var objectOrder: [Int: [(code: String, range: SourceRange)]] = [:]
    package var balances: [Balance] = []
    package var vouchers: [Voucher] = []
    package var diagnostics: [Diagnostic] = []
    /// Where each voucher (series and number) was first given: a second one is an error.
    var vouchersSeen: [String: SourceLocation] = [:]

    /// Reads a SIE file's bytes; every problem is in `diagnostics`.
    package init(bytes: [UInt8], path: String) {
        let (text, encoding) = Self.decode(bytes)
        self.file = SourceFile(path: path, text: text)
        self.encoding = encoding
        parse()
    }

    /// What reading a file of `size` bytes and `lines` lines takes at most: its bytes, its
    /// text and the text's bytes again while it is parsed, and a record a line (a `#TRANS`
    /// line's account, objects, amount and places, and its voucher's share). Measured: a file of
    /// vouchers of two `#TRANS` lines, 10 MB in 833,000 lines, peaks at 202 MB (docs/reliability.md).
    static func bytesToRead(size: Int, lines: Int) -> Int { 3 * size + bytesPerLine * lines }
    static let bytesPerLine = 256

    /// The lines of a file's bytes (its line feeds, and one more).
    static func lineCount(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            var count = 1
            for b in buffer where b == 0x0A { count += 1 }
            return count
        }
    }

    // MARK: Encoding

    /// UTF-8 when the bytes are valid UTF-8; otherwise IBM 437 or Windows-1252, by which one's
    /// Swedish letters (å ä ö Å Ä Ö é) the bytes hold more of. IBM 437 on a tie, as the
    /// standard says.
    static func decode(_ bytes: [UInt8]) -> (String, Encoding) {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let text = String(validating: body, as: UTF8.self) { return (text, .utf8) }
        let pc8: Set<UInt8> = [0x86, 0x84, 0x94, 0x8F, 0x8E, 0x99, 0x82]
        let ansi: Set<UInt8> = [0xE5, 0xE4, 0xF6, 0xC5, 0xC4, 0xD6, 0xE9]
        let pc8Count = body.filter(pc8.contains).count, ansiCount = body.filter(ansi.contains).count
        if ansiCount > pc8Count, let text = String(bytes: body, encoding: .windowsCP1252) { return (text, .windows1252) }
        var text = ""
        text.unicodeScalars.reserveCapacity(body.count)
        for b in body { text.unicodeScalars.append(b < 0x80 ? Unicode.Scalar(b) : ibm437High[Int(b) - 0x80]) }
        return (text, .ibm437)
    }

    /// IBM 437's characters for the bytes 0x80–0xFF.
    static let ibm437High: [Unicode.Scalar] = Array("ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{A0}".unicodeScalars)

    // MARK: Records

    /// A field of a line: its text (quotes removed), whether it was an object list, and where.
    struct Field {
        var text: String
        var isList: Bool
        var range: SourceRange
    }

    func location(_ r: SourceRange) -> SourceLocation { SourceLocation(file: file, range: r) }

    /// Reports an error with its code: every problem of a SIE file has one of its own.
    mutating func fail(_ message: String, at range: SourceRange, hint: String? = nil, code: DiagnosticCode) {
        fail(message, at: location(range), hint: hint, code: code)
    }

    mutating func fail(_ message: String, at place: SourceLocation, hint: String? = nil, notes: [Diagnostic] = [], code: DiagnosticCode) {
        diagnostics.append(.error(message, at: place, hint: hint, notes: notes, code: code))
    }

    /// The fields of one line, from byte `start` to `end`: words, quoted texts (`\"` is a
    /// quote) and `{…}` lists; nil after reporting an unclosed quote or brace.
    mutating func fields(_ bytes: [UInt8], _ start: Int, _ end: Int) -> [Field]? {
        var out: [Field] = []
        var i = start
        while i < end {
            let c = bytes[i]
            if c == 0x20 || c == 0x09 || c == 0x0D { i += 1; continue }
            let first = i
            if c == UInt8(ascii: "\"") {
                var text: [UInt8] = []
                i += 1
                while i < end, bytes[i] != UInt8(ascii: "\"") {
                    if bytes[i] == UInt8(ascii: "\\"), i + 1 < end, bytes[i + 1] == UInt8(ascii: "\"") { i += 1 }
                    text.append(bytes[i])
                    i += 1
                }
                guard i < end else {
                    fail("this quote is never closed", at: SourceRange(first, first + 1), code: .unclosedQuote)
                    return nil
                }
                i += 1
                out.append(Field(text: String(decoding: text, as: UTF8.self), isList: false, range: SourceRange(first, i)))
            } else if c == UInt8(ascii: "{"), !out.isEmpty {   // a line of its own "{" opens a voucher
                while i < end, bytes[i] != UInt8(ascii: "}") { i += 1 }
                guard i < end else {
                    fail("this object list is never closed with '}'", at: SourceRange(first, first + 1), code: .unclosedQuote)
                    return nil
                }
                i += 1
                out.append(Field(text: String(decoding: bytes[(first + 1)..<(i - 1)], as: UTF8.self), isList: true, range: SourceRange(first, i)))
            } else {
                while i < end, bytes[i] != 0x20, bytes[i] != 0x09, bytes[i] != 0x0D { i += 1 }
                out.append(Field(text: String(decoding: bytes[first..<i], as: UTF8.self), isList: false, range: SourceRange(first, i)))
            }
        }
        return out
    }

    mutating func parse() {
        let bytes = Array(file.text.utf8)
        var lineStart = 0
        var open: Voucher? = nil
        var lineNumber = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            lineNumber += 1
            guard let f = fields(bytes, lineStart, lineEnd), let label = f.first else { continue }
            let lineRange = SourceRange(lineStart, lineEnd)
            if label.text == "{" {
                if open == nil { fail("'{' without a #VER before it", at: label.range, code: .voucherOutOfShape) }
                continue
            }
            if label.text == "}" {
                if let voucher = open { close(voucher) } else { fail("'}' without a #VER before it", at: label.range, code: .voucherOutOfShape) }
                open = nil
                continue
            }
            guard label.text.hasPrefix("#") else {
                fail("a SIE line starts with a label such as #TRANS", at: label.range, code: .sieLine)
                continue
            }
            let args = Array(f.dropFirst())
            switch label.text {
            case "#KONTO":
                guard let code = word(args, 0, "the account", label) else { continue }
                if accounts[code] == nil { accountOrder.append((code, args[0].range)) }
                accounts[code] = args.count > 1 ? args[1].text : ""
            case "#DIM":
                guard let d = integer(args, 0, "the dimension's number", label) else { continue }
                dimensions[d] = args.count > 1 ? args[1].text : ""
            case "#OBJEKT":
                guard let d = integer(args, 0, "the dimension's number", label), let code = word(args, 1, "the object", label) else { continue }
                if objects[d]?[code] == nil { objectOrder[d, default: []].append((code, args[1].range)) }
                objects[d, default: [:]][code] = args.count > 2 ? args[2].text : ""
            case "#IB", "#UB", "#RES":
                guard let year = integer(args, 0, "the year number (0 this year, -1 the year before)", label),
                      let account = word(args, 1, "the account", label), let amount = amount(args, 2, label) else { continue }
                balances.append(Balance(label: String(label.text.dropFirst()), year: year, period: nil, account: account, objects: [],
                                        amount: amount, location: location(lineRange), accountRange: args[1].range, amountRange: args[2].range))
            case "#PSALDO", "#PBUDGET":
                guard let year = integer(args, 0, "the year number (0 this year, -1 the year before)", label),
                      let period = month(args, 1, label), let account = word(args, 2, "the account", label),
                      let list = objectList(args, 3, label, in: bytes), let amount = amount(args, 4, label) else { continue }
                balances.append(Balance(label: String(label.text.dropFirst()), year: year, period: period, account: account, objects: list,
                                        amount: amount, location: location(lineRange), accountRange: args[2].range, amountRange: args[4].range))
            case "#VER":
                if let voucher = open {
                    fail("voucher \(voucher.series) \(voucher.number) is never closed with '}'", at: voucher.location, code: .voucherOutOfShape)
                }
                guard let series = word(args, 0, "the voucher series", label), let number = word(args, 1, "the voucher number", label),
                      let date = word(args, 2, "the voucher date (20240115)", label) else { open = nil; continue }
                guard date.count == 8, date.allSatisfy(\.isASCII), Int(date) != nil else {
                    fail("'\(date)' is not a date written 20240115", at: args[2].range, code: .notAPeriod)
                    open = nil
                    continue
                }
                open = Voucher(series: series, number: number, date: date, text: args.count > 3 ? args[3].text : "",
                               transactions: [], location: location(lineRange))
            case "#TRANS":
                guard open != nil else {
                    fail("#TRANS outside a voucher: it belongs between a #VER's '{' and '}'", at: label.range, code: .voucherOutOfShape)
                    continue
                }
                guard let account = word(args, 0, "the account", label), let list = objectList(args, 1, label, in: bytes),
                      let amount = amount(args, 2, label) else { continue }
                open!.transactions.append(Transaction(account: account, objects: list, amount: amount, location: location(lineRange),
                                                      accountRange: args[0].range, amountRange: args[2].range))
            default:
                continue   // #FLAGGA, #PROGRAM, #FORMAT, #RAR, #FNAMN, … and labels of later versions
            }
        }
        if let voucher = open {
            fail("voucher \(voucher.series) \(voucher.number) is never closed with '}'", at: voucher.location, code: .voucherOutOfShape)
        }
        checkNames()
    }

    /// A finished voucher: its lines must add up to zero (debit equals credit), and its series
    /// and number are its own (two exports pasted together would count every line twice).
    mutating func close(_ voucher: Voucher) {
        let key = voucher.series + " " + voucher.number
        if let first = vouchersSeen[key] {
            fail("voucher \(key) appears twice: its lines would be counted twice", at: voucher.location,
                 hint: "the file may hold two exports pasted together", notes: [Diagnostic(.note, "first here", at: first)], code: .voucherTwice)
        } else {
            vouchersSeen[key] = voucher.location
        }
        let total = voucher.transactions.reduce(0) { $0 + $1.amount }
        if abs(total) >= 0.005 {
            let shown = String(format: "%.2f", total)
            fail("voucher \(voucher.series) \(voucher.number) of \(voucher.date) does not balance: its lines add up to \(shown), not 0",
                 at: voucher.location, hint: "debit and credit of a voucher must be equal; the export may be cut short", code: .voucherUnbalanced)
        }
        vouchers.append(voucher)
    }

    /// Accounts with no `#KONTO` and objects with no `#OBJEKT`, once each at their first use.
    mutating func checkNames() {
        var reported = Set<String>()
        let known = objects
        func named(_ o: ObjectRef) -> String? { known[o.dimension]?[o.code] }
        func check(_ account: String, _ objects: [ObjectRef], at place: SourceLocation) {
            if accounts[account] == nil, reported.insert("k" + account).inserted {
                diagnostics.append(Diagnostic(.warning, "account \(account) has no #KONTO in the file, so it has no name", at: place, code: .sieNameMissing))
            }
            for o in objects where named(o) == nil && reported.insert("o\(o.dimension) \(o.code)").inserted {
                diagnostics.append(Diagnostic(.warning, "object \(o.code) of dimension \(o.dimension) has no #OBJEKT in the file", at: place, code: .sieNameMissing))
            }
        }
        for b in balances { check(b.account, b.objects, at: b.location) }
        for v in vouchers { for t in v.transactions { check(t.account, t.objects, at: t.location) } }
    }

    // MARK: Fields

    mutating func word(_ args: [Field], _ k: Int, _ what: String, _ label: Field) -> String? {
        guard k < args.count, !args[k].isList, !args[k].text.isEmpty else {
            let at = k < args.count ? args[k].range : SourceRange(label.range.end, label.range.end)
            fail("\(label.text) needs \(what) here", at: at, code: .sieLine)
            return nil
        }
        return args[k].text
    }

    mutating func integer(_ args: [Field], _ k: Int, _ what: String, _ label: Field) -> Int? {
        guard let text = word(args, k, what, label) else { return nil }
        guard let n = Int(text) else {
            fail("'\(text)' is not \(what)", at: args[k].range, code: .sieLine)
            return nil
        }
        return n
    }

    /// `-1234.50`: SIE writes amounts with a decimal point and no grouping.
    mutating func amount(_ args: [Field], _ k: Int, _ label: Field) -> Double? {
        guard let text = word(args, k, "the amount", label) else { return nil }
        guard text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }), let x = Double(text) else {
            fail("'\(text)' is not an amount: SIE writes amounts as -1234.50", at: args[k].range, code: .notANumber)
            return nil
        }
        // Digits past what a double holds read as infinity: an error, never a sum of inf.
        guard x.isFinite else {
            fail("'\(text.prefix(40))\(text.count > 40 ? "…" : "")' is too large for an amount", at: args[k].range, code: .notANumber)
            return nil
        }
        return x
    }

    /// `202403`: a month of `#PSALDO` and `#PBUDGET`.
    mutating func month(_ args: [Field], _ k: Int, _ label: Field) -> (Int, Int)? {
        guard let text = word(args, k, "the period (202403)", label) else { return nil }
        guard text.count == 6, let n = Int(text), (1...12).contains(n % 100) else {
            fail("'\(text)' is not a month written 202403", at: args[k].range, code: .notAPeriod)
            return nil
        }
        return (n / 100, n % 100)
    }

    /// `{1 "411010" 6 "P12"}`: pairs of dimension number and object.
    mutating func objectList(_ args: [Field], _ k: Int, _ label: Field, in bytes: [UInt8]) -> [ObjectRef]? {
        guard k < args.count, args[k].isList else {
            let at = k < args.count ? args[k].range : SourceRange(label.range.end, label.range.end)
            fail("\(label.text) needs an object list here, as {} or {1 \"411010\"}", at: at, code: .sieLine)
            return nil
        }
        guard let parts = fields(bytes, args[k].range.start + 1, args[k].range.end - 1) else { return nil }
        guard parts.count % 2 == 0 else {
            fail("an object list holds pairs of a dimension's number and an object, as {1 \"411010\"}", at: args[k].range, code: .sieLine)
            return nil
        }
        var out: [ObjectRef] = []
        for p in stride(from: 0, to: parts.count, by: 2) {
            guard let d = Int(parts[p].text) else {
                fail("'\(parts[p].text)' is not a dimension's number", at: parts[p].range, code: .sieLine)
                return nil
            }
            let code = parts[p + 1]
            // The code without its quotes, so a caret stands under the object itself.
            let quoted = code.range.end - code.range.start >= 2 && bytes[code.range.start] == UInt8(ascii: "\"")
            let range = quoted ? SourceRange(code.range.start + 1, code.range.end - 1) : code.range
            out.append(ObjectRef(dimension: d, code: code.text, range: range))
        }
        return out
    }
}
