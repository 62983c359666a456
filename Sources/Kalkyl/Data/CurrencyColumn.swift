/// A column that says each row's currency (`Valuta`, `Currency`, `Val.`), as ERPs export a
/// ledger kept in several currencies. Its amounts are in the row's currency, so summing SEK
/// and EUR rows into an input of kronor gave a wrong figure with exit 0 (hunt18's residuals).
/// A column counts when its header says currency and every filled cell is an ISO 4217 code:
/// a cost centre's code (`ADM`), a value date (`Valutadatum`) or an amount in the currency
/// (`Belopp valuta`, numbers) is none.
enum CurrencyColumn {
    /// Whether a header says currency: one of its words is a word for it (`Valuta`,
    /// `Valutakod`, `Currency code`, `Val.`, `Curr`, `CCY`).
    static func says(_ header: String) -> Bool {
        header.lowercased().split { !$0.isLetter }.contains { words.contains(String($0)) }
    }

    private static let words: Set<String> = ["valuta", "valutakod", "currency", "currencycode", "val", "curr", "cur", "ccy"]

    /// The code a cell gives (upper case), when it is one.
    static func code(_ text: String) -> String? {
        let upper = text.uppercased()
        return upper.utf8.count == 3 && codes.contains(upper) ? upper : nil
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
        var found: [CurrencyColumn.Rows] = []
        for row in 0..<rowCount where !isBlank(row, column) {
            guard let code = CurrencyColumn.code(trimmedText(row, column)) else { return nil }
            let k = found.firstIndex { $0.code == code } ?? found.count
            if k == found.count { found.append(CurrencyColumn.Rows(code: code)) }
            found[k].count += 1
            if found[k].first.count < CurrencyColumn.Rows.named { found[k].first.append(row) }
        }
        return found.isEmpty ? nil : found
    }
}
