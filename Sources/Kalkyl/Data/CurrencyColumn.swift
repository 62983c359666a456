/// A column that says each row's currency (`Valuta`, `Currency`, `Val.`), as ERPs export a
/// ledger kept in several currencies. Its amounts are in the row's currency, so summing SEK
/// and EUR rows into an input of kronor gave a wrong figure with exit 0 (hunt18's residuals).
/// A column counts when its header says currency and every filled cell is an ISO 4217 code:
/// a cost centre's code (`ADM`), a value date (`Valutadatum`) or an amount in the currency
/// (`Belopp valuta`, numbers) is none.
enum CurrencyColumn {
    /// Whether a header says currency: one of its words is a word for it (`Valuta`, `Val.`,
    /// `Currency code`, `Curr`, `CCY`), or a compound ending in one (`Bokföringsvaluta`,
    /// `Transaktionsvaluta`, `TransactionCurrency`) or made of one and a word for its code
    /// (`Valutakod`, `CurrencyCode`). A compound that goes on to something else is none: a
    /// value date (`Valutadatum`), a rate (`Valutakurs`); nor is a header that names an amount
    /// too (`Belopp valuta`, `Valutabelopp`: an amount in the row's currency, not the code).
    /// The cells decide the rest: only a column of ISO 4217 codes counts (`currencies(in:)`).
    static func says(_ header: String) -> Bool {
        let words = Self.words(of: header)
        guard !words.contains(where: { word in amountWords.contains { word.hasSuffix($0) || word.hasPrefix($0) } }) else { return false }
        return words.contains { word in
            self.words.contains(word) || compounds.contains { word.hasSuffix($0) }
                || compounds.contains { stem in codeWords.contains { word == stem + $0 } }
        }
    }

    /// A header's words, lower case: split at what is no letter and where a lower-case letter
    /// meets a capital (`TransactionCurrency`, as some exports head columns).
    static func words(of header: String) -> [String] {
        var words: [String] = [], word = ""
        var previous: Character?
        for c in header {
            if !c.isLetter || (c.isUppercase && previous?.isLowercase == true) {
                if !word.isEmpty { words.append(word.lowercased()) }
                word = ""
            }
            if c.isLetter { word.append(c) }
            previous = c
        }
        if !word.isEmpty { words.append(word.lowercased()) }
        return words
    }

    private static let words: Set<String> = ["valuta", "currency", "val", "curr", "cur", "ccy"]
    /// The words for currency that end a compound naming it (`bokföringsvaluta`).
    private static let compounds = ["valuta", "currency"]
    /// What may follow them in a compound that still names the code (`valutakod`).
    private static let codeWords = ["kod", "koden", "code", "iso", "id"]
    /// Words for an amount: a header with one is an amount column (`Belopp valuta`).
    private static let amountWords = ["belopp", "amount", "summa", "sum"]

    /// Three ASCII letters of `bytes` at `range`, upper case, packed in an integer (`SEK` is
    /// 0x53454B); nil for anything else. A cell is read so without a `String`: a staff file's
    /// column of 100,000 `SEK` took a fifth more instructions to check as strings.
    static func packedLetters(_ bytes: [UInt8], _ range: Range<Int>) -> UInt32? {
        guard range.count == 3 else { return nil }
        var packed: UInt32 = 0
        for k in range {
            let upper = bytes[k] & 0xDF   // a to z as A to Z; nothing else lands on A to Z
            guard upper >= UInt8(ascii: "A"), upper <= UInt8(ascii: "Z") else { return nil }
            packed = packed << 8 | UInt32(upper)
        }
        return packed
    }

    /// The letters `packedLetters` packed.
    static func code(packed: UInt32) -> String {
        String(decoding: [UInt8(packed >> 16 & 0xFF), UInt8(packed >> 8 & 0xFF), UInt8(packed & 0xFF)], as: UTF8.self)
    }

    /// A code (`EUR`) packed as `packedLetters` packs it.
    static func packed(_ code: String) -> UInt32? {
        let bytes = Array(code.utf8)
        return packedLetters(bytes, 0..<bytes.count)
    }

    /// The currency of an input declared in `unit`: SEK for kronor at any scale (`kr`, `tkr`,
    /// `mnkr`, `mdkr`, `SEK`), the code itself for a unit written as one (`EUR`); nil for a unit
    /// that is no money (`FTE`, `h`) or none.
    static func currency(ofUnit unit: String?) -> String? {
        guard let unit else { return nil }
        if UnitOfMeasure.moneyScales[unit] != nil { return "SEK" }
        return codes.contains(unit) ? unit : nil
    }

    /// The currencies of ISO 4217 in use.
    static let codes: Set<String> = Set("""
        AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY
        COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR
        IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR
        MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD
        SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF
        XPF YER ZAR ZMW ZWL
        """.split { $0 == " " || $0 == "\n" }.map(String.init))

    /// The rows of one currency: how many, and the first few (enough to name in a message).
    struct Rows {
        let code: String
        var count = 0
        var first: [Int] = []
        static let named = 4
    }
}

extension DataTable {
    /// The file's currency column (`CurrencyColumn`) outside `skipping` (the columns a statement
    /// reads by), and its rows by currency in the order each first appears; nil when it has none.
    func currencies(skipping: Set<Int>) -> (column: Int, rows: [CurrencyColumn.Rows])? {
        for (column, cell) in header.enumerated() where !skipping.contains(column) && CurrencyColumn.says(cell.trimmed) {
            if let rows = currencies(in: column) { return (column, rows) }
        }
        return nil
    }

    /// The rows of each currency in `column`; nil when a filled cell is no code, or none is filled.
    private func currencies(in column: Int) -> [CurrencyColumn.Rows]? {
        let bytes = file.bytes
        var found: [CurrencyColumn.Rows] = [], packed: [UInt32] = []
        for row in 0..<rowCount {
            let text = FieldText.trimmed(FieldText.content(of: span(row, column), in: bytes).range, in: bytes)
            if text.isEmpty { continue }
            guard let letters = CurrencyColumn.packedLetters(bytes, text) else { return nil }
            var k = packed.firstIndex(of: letters) ?? packed.count
            if k == packed.count {
                let code = CurrencyColumn.code(packed: letters)
                guard CurrencyColumn.codes.contains(code) else { return nil }
                packed.append(letters)
                found.append(CurrencyColumn.Rows(code: code))
                k = found.count - 1
            }
            found[k].count += 1
            if found[k].first.count < CurrencyColumn.Rows.named { found[k].first.append(row) }
        }
        return found.isEmpty ? nil : found
    }
}
