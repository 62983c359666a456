import Foundation
@testable import Kalkyl
import Testing

/// A ledger exported with a currency column (`Valuta`: SEK and EUR rows) was summed as kronor,
/// a wrong figure with exit 0 (hunt18's residuals). Rows in a currency other than a money
/// input's are an error naming them; a file in the input's currency throughout, and columns of
/// three-letter codes that are no currency column, read as before.
@Suite struct OtherCurrencyTests {
    func load(_ model: String, _ files: [String: String]) throws -> LoadedModel {
        try InMemoryModel.load("timeline monthly 2024-01 .. 2024-02\ndimension ansvar = \"110\", \"120\"\n" + model, files: files)
    }

    func shown(_ loaded: LoadedModel) -> [String] { InMemoryModel.shown(loaded) }

    func total(_ loaded: LoadedModel, _ name: String = "summa") throws -> Value? {
        let e = Evaluation(model: try #require(loaded.model), order: try #require(loaded.order))
        e.evaluateAll()
        return e.value(name)
    }

    static let ledger = "long key Ansvar period Period amount Belopp sum missing 0"
    static let summa = "\nsumma: kr = SUM(kost[ansvar, 2024-01 .. 2024-02])"

    static func gl(_ currencies: [String], header: String = "Valuta", amount: String = "Belopp") -> String {
        "Ansvar;Period;Ver;\(header);\(amount)\n"
            + currencies.enumerated().map { k, c in "\(k % 2 == 0 ? 110 : 120);20240\(k % 2 + 1);V\(k);\(c);1 000,00\n" }.joined()
    }

    @Test func aLedgersRowsInAnotherCurrencyAreAnError() throws {
        let loaded = try load("input kost[ansvar, month]: kr = data \"gl.csv\" \(Self.ledger)" + Self.summa,
                              ["gl.csv": Self.gl(["SEK", "EUR", "SEK", "EUR"])])
        #expect(shown(loaded) == ["gl.csv:3:15: error: 'kost' is kr (SEK), but 2 rows of gl.csv are in EUR (column 'Valuta', lines 3 and 5): "
                                  + "their amounts would be summed as kr"])
        #expect(loaded.diagnostics.first?.code == .otherCurrency)
        #expect(loaded.diagnostics.first?.hint == "filter the file to its SEK rows, or read the EUR rows from a file of their own into an input "
                + "declared : EUR and convert them by a rate in a formula")
    }

    /// Each other currency is one error, naming its first rows and how many more.
    @Test func eachOtherCurrencyIsNamedWithItsRows() throws {
        let loaded = try load("input kost[ansvar, month]: tkr = data \"gl.csv\" \(Self.ledger)",
                              ["gl.csv": Self.gl(["SEK", "NOK", "EUR", "EUR", "EUR", "EUR", "EUR", "EUR"])])
        #expect(shown(loaded) == [
            "gl.csv:3:15: error: 'kost' is tkr (SEK), but a row of gl.csv is in NOK (column 'Valuta', line 3): its amount would be summed as tkr",
            "gl.csv:4:15: error: 'kost' is tkr (SEK), but 6 rows of gl.csv are in EUR (column 'Valuta', lines 4, 5, 6, 7 and 2 more): "
                + "their amounts would be summed as tkr",
        ])
    }

    @Test func aWideBudgetsAndAStaffFilesRowsInAnotherCurrencyAreAnError() throws {
        let wide = try load("input budget[ansvar, month]: kr = data \"b.csv\" wide key Ansvar missing 0",
                            ["b.csv": "Ansvar;Val.;2024-01;2024-02\n110;SEK;100;100\n120;EUR;10;10\n"])
        #expect(shown(wide) == ["b.csv:3:5: error: 'budget' is kr (SEK), but a row of b.csv is in EUR (column 'Val.', line 3): its amount would be summed as kr"])
        let staff = try load("dimension anst from \"s.csv\" key Anst\ninput lon[anst]: kr = column Lön",
                             ["s.csv": "Anst;Lön;Currency\n1;40000;SEK\n2;45000;nok\n"])
        #expect(shown(staff) == ["s.csv:3:9: error: 'lon' is kr (SEK), but a row of s.csv is in NOK (column 'Currency', line 3): its amount would be summed as kr"])
        let keyed = try load("input b[ansvar]: kr = data \"k.csv\" key Ansvar column Belopp",
                             ["k.csv": "Ansvar;Belopp;Valutakod\n110;5;SEK\n120;6;USD\n"])
        #expect(shown(keyed).map { $0.prefix(20) } == ["k.csv:3:7: error: 'b"])
    }

    /// An input declared in a currency of its own holds its rows to it.
    @Test func anInputInEurosHoldsItsRowsToEuros() throws {
        let loaded = try load("input kost[ansvar, month]: EUR = data \"gl.csv\" \(Self.ledger)", ["gl.csv": Self.gl(["EUR", "SEK"])])
        #expect(shown(loaded) == ["gl.csv:3:15: error: 'kost' is EUR, but a row of gl.csv is in SEK (column 'Valuta', line 3): its amount would be summed as EUR"])
        #expect(try load("input kost[ansvar, month]: EUR = data \"gl.csv\" \(Self.ledger)", ["gl.csv": Self.gl(["EUR", "EUR"])]).diagnostics.isEmpty)
    }

    /// A file in SEK throughout (blank cells too) reads as a file without the column does.
    @Test func aFileInKronorThroughoutReadsUnchanged() throws {
        let model = "input kost[ansvar, month]: kr = data \"gl.csv\" \(Self.ledger)" + Self.summa
        let plain = try load(model, ["gl.csv": Self.gl(["SEK", "SEK", "", "sek"])])
        #expect(plain.diagnostics.isEmpty, "\(shown(plain))")
        #expect(try total(plain) == .number(4000))
    }

    /// What is no currency column, or no amount the column says the currency of, is not held to it.
    @Test(arguments: [
        // Three-letter codes under a header that says no currency: cost centres, say.
        gl(["ADM", "EUR", "IT", "USD"], header: "Kst"),
        // A header saying currency over what are no codes: a value date, a word.
        gl(["2024-01-15", "2024-01-16", "2024-02-01", "2024-02-02"], header: "Valutadatum"),
        gl(["2024-01-15", "2024-01-16", "2024-02-01", "2024-02-02"], header: "Valuta"),
        gl(["EUR", "SEK", "ja", "SEK"], header: "Valuta"),
        // The amount column names kronor: the row's currency is the one it was booked in.
        gl(["SEK", "EUR", "SEK", "EUR"], amount: "Belopp SEK"),
    ])
    func whatIsNoCurrencyOfTheAmountIsNotHeldToIt(_ csv: String) throws {
        let amount = csv.contains("Belopp SEK") ? "\"Belopp SEK\"" : "Belopp"
        let loaded = try load("input kost[ansvar, month]: kr = data \"gl.csv\" long key Ansvar period Period amount \(amount) sum missing 0"
                              + Self.summa, ["gl.csv": csv])
        #expect(loaded.diagnostics.isEmpty, "\(shown(loaded))")
        #expect(try total(loaded) == .number(4000))
    }

    /// An input of no money (no unit, FTE), and a statement reading by the currency (a key the
    /// model keeps apart), are not held to a currency.
    @Test func inputsOfNoMoneyAndCurrencyKeysAreNotHeldToIt() throws {
        let csv = Self.gl(["SEK", "EUR", "SEK", "EUR"])
        #expect(try load("input kost[ansvar, month] = data \"gl.csv\" \(Self.ledger)", ["gl.csv": csv]).diagnostics.isEmpty)
        #expect(try load("input kost[ansvar, month]: FTE = data \"gl.csv\" \(Self.ledger)", ["gl.csv": csv]).diagnostics.map(\.code)
                == [.peopleSeriesTotalledAsAStock], "FTE's own warning, and no other")
        let keyed = try load("""
            dimension valuta = SEK, EUR
            input kost[ansvar, valuta, month]: kr = data "gl.csv" long key Ansvar, Valuta period Period amount Belopp sum missing 0
            """, ["gl.csv": csv])
        #expect(keyed.diagnostics.isEmpty, "\(shown(keyed))")
    }

    /// Read as its rows pass, a ledger in SEK throughout stays on the stream; a row in another
    /// currency sends it to the whole read, which reports it, from disk as from memory.
    @Test func aStreamedLedgerIsHeldToItsCurrency() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("other-currency-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let timeline = Timeline(granularity: .monthly, first: 2024 * 12, count: 2)
        func stream(_ currency: String?) -> LongStream {
            LongStream(periodColumn: "Period", keyColumns: ["Ansvar"], amountColumn: "Belopp", timeline: timeline, duplicates: .sum, currency: currency)
        }
        let path = folder + "/gl.csv"
        try Data(Self.gl(["SEK", "sek", "", "SEK"]).utf8).write(to: URL(fileURLWithPath: path))
        #expect(stream("SEK").read(path) != nil)
        try Data(Self.gl(["SEK", "EUR", "SEK", "SEK"]).utf8).write(to: URL(fileURLWithPath: path))
        #expect(stream("SEK").read(path) == nil)
        #expect(stream(nil).read(path) != nil)

        let model = "timeline monthly 2024-01 .. 2024-02\ndimension ansvar = \"110\", \"120\"\n"
            + "input kost[ansvar, month]: kr = data \"gl.csv\" \(Self.ledger)" + Self.summa + "\n"
        try Data(model.utf8).write(to: URL(fileURLWithPath: folder + "/m.kalkyl"))
        let loaded = try ModelLoader.load(path: folder + "/m.kalkyl")
        #expect(loaded.diagnostics.map { "\($0.location.map { "\($0.line):\($0.column)" } ?? "") \($0.code?.rawValue ?? "")" } == ["3:15 K0547"])
    }

    /// A currency column headed as one word (`Bokföringsvaluta`, `Transaktionsvaluta`,
    /// `TransactionCurrency`) was no currency column, so EUR rows were summed as kronor: 2,000
    /// for 1,000 SEK and 1,000 EUR (session 20, resid/01). A compound ending in a word for
    /// currency, or one and a word for its code, says currency; the cells decide as before.
    @Test(arguments: ["Bokföringsvaluta", "Transaktionsvaluta", "Redovisningsvaluta", "TransactionCurrency", "Transaction currency",
                      "Currency code", "CurrencyCode", "Curr.", "Valutakod", "VALUTAKOD", "Trans_Curr", "currency_iso"])
    func aCompoundForCurrencyHeadsACurrencyColumn(_ header: String) throws {
        let loaded = try load("input kost[ansvar, month]: kr = data \"gl.csv\" \(Self.ledger)" + Self.summa,
                              ["gl.csv": Self.gl(["SEK", "EUR"], header: header)])
        #expect(loaded.diagnostics.map(\.code) == [.otherCurrency], "\(shown(loaded))")
    }

    /// What says something else than the row's currency is none, whatever its cells: a value
    /// date, a rate, and an amount in the row's currency (`Belopp valuta`, `Valutabelopp`).
    @Test func aCompoundForSomethingElseIsNoCurrencyColumn() {
        for header in ["Valutadatum", "Valutakurs", "Belopp valuta", "Valutabelopp", "Amount currency", "Kst", "Valutadag"] {
            #expect(!CurrencyColumn.says(header), "\(header)")
        }
        for header in ["Valuta", "Val.", "CCY", "Bokföringsvaluta", "Valutakoden", "Currency ID"] {
            #expect(CurrencyColumn.says(header), "\(header)")
        }
    }

    /// An amount column whose header names another currency (`Belopp EUR`, `Amount (USD)`) read
    /// into an input of kronor was summed as kronor: 3,000 kr for 3,000 EUR (session 20,
    /// resid/02); so was `Belopp SEK` read into `: EUR`. It is an error at the column's name.
    @Test func anAmountColumnInAnotherCurrencyIsAnError() throws {
        let csv = "Ansvar;Period;Belopp EUR;Amount (USD);Belopp SEK;Kurs EUR/SEK\n110;202401;1000;1100;11000;11\n120;202402;2000;2200;22000;11\n"
        func shown(_ unit: String, _ amount: String) throws -> [String] {
            self.shown(try load("input kost[ansvar, month]\(unit.isEmpty ? "" : ": " + unit) = data \"gl.csv\" long key Ansvar period Period amount \"\(amount)\" sum missing 0",
                                ["gl.csv": csv]))
        }
        #expect(try shown("kr", "Belopp EUR") == ["m.kalkyl:3:84: error: 'kost' is kr (SEK), but its column 'Belopp EUR' is in EUR: every amount would be summed as kr"])
        #expect(try shown("tkr", "Amount (USD)").first?.contains("'kost' is tkr (SEK), but its column 'Amount (USD)' is in USD") == true)
        #expect(try shown("EUR", "Belopp SEK") == ["m.kalkyl:3:85: error: 'kost' is EUR, but its column 'Belopp SEK' is in SEK: every amount would be summed as EUR"])
        #expect(try shown("kr", "Belopp SEK").isEmpty)
        #expect(try shown("EUR", "Belopp EUR").isEmpty)
        #expect(try shown("", "Belopp EUR").isEmpty, "no money: no currency")
        let keyed = try load("input b[ansvar]: kr = data \"k.csv\" key Ansvar column \"Budget EUR\"", ["k.csv": "Ansvar;Budget EUR\n110;5\n120;6\n"])
        #expect(keyed.diagnostics.map(\.code) == [.otherCurrency])
        #expect(keyed.diagnostics.first?.hint == "read a column in SEK if the file has one, or declare 'b' : EUR and convert it by a rate in a formula")
    }

    /// A header naming two currencies is a rate, and a word in lower case that happens to be a
    /// code (`all`) no currency: read as before.
    @Test func aHeaderNamingNoOneCurrencyIsNoneOfIt() {
        #expect(DataBinding.currency(inHeader: "Kurs EUR/SEK") == nil)
        #expect(DataBinding.currency(inHeader: "Belopp all") == nil)
        #expect(DataBinding.currency(inHeader: "Belopp") == nil)
        #expect(DataBinding.currency(inHeader: "Amount (EUR)") == "EUR")
        #expect(DataBinding.currency(inHeader: "Budget tkr") == "SEK")
    }
}
