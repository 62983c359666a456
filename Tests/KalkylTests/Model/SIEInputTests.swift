import Foundation
@testable import Kalkyl
import Testing

/// A model reading a SIE 4 file (`data "gl.se" sie vouchers key 1, account`): the amounts it
/// sums, what it leaves out and says so, and each mistake at its place in the file.
@Suite struct SIEInputTests {
    static let sie = """
    #FLAGGA 0
    #FORMAT PC8
    #SIETYP 4
    #RAR 0 20240101 20241231
    #DIM 1 "Kostnadsställe"
    #OBJEKT 1 "521010" "MT Ledning"
    #OBJEKT 1 "521020" "MT Service Söder"
    #DIM 6 "Projekt"
    #OBJEKT 6 "P1" "Nytt labb"
    #KONTO 1930 "Företagskonto"
    #KONTO 3110 "Försäljning av tjänster"
    #KONTO 5010 "Löner tillsvidareanställda"
    #KONTO 8410 "Räntekostnader"
    #PSALDO 0 202401 3110 {1 "521010"} -7500.00
    #PSALDO 0 202401 3110 {} -7500.00
    #PSALDO -1 202301 3110 {1 "521010"} -4000.00
    #PBUDGET 0 202402 5010 {1 "521020"} 12000.00
    #VER A 1 20240115 "Faktura 1001"
    {
    #TRANS 3110 {1 "521010"} -5000.00
    #TRANS 1930 {} 5000.00
    }
    #VER A 2 20240125 "Lön januari"
    {
    #TRANS 5010 {1 "521020"} 20000.00
    #TRANS 5010 {1 "521020" 6 "P1"} 1000.00
    #TRANS 1930 {} -21000.00
    }
    #VER A 3 20240210 "Ränta"
    {
    #TRANS 8410 {1 "521010"} 300.00
    #TRANS 1930 {} -300.00
    }
    #VER A 4 20240131 "Faktura 1002"
    {
    #TRANS 3110 {1 "521010"} -2500.00
    #TRANS 1930 {} 2500.00
    }

    """

    static let model = """
    model "SIE"
    timeline monthly 2024-01 .. 2024-03
    dimension ansvar from "ansvar.csv" key Ansvar
    dimension konto from "konto.csv" key Konto
    input utfall[ansvar, konto, month]: kr = data "gl.se" sie vouchers key 1, account missing 0
    input saldo[ansvar, konto, month]: kr = data "gl.se" sie psaldo key 1, account missing 0
    input budget[ansvar, konto, month]: kr = data "gl.se" sie pbudget key 1, account missing 0

    """

    /// Files as bytes, so that a SIE file can be IBM 437 or Windows-1252.
    struct Files: SourceProvider {
        var files: [String: [UInt8]]
        func contents(of path: String) throws(SourceReadError) -> [UInt8] {
            guard let bytes = files[MemorySources.standardized(path)] else { throw .notFound }
            return bytes
        }
    }

    static func load(_ model: String = model, sie: [UInt8] = Array(sie.utf8)) -> LoadedModel {
        let files = Files(files: ["/m/model.kalkyl": Array(model.utf8), "/m/gl.se": sie,
                                  "/m/ansvar.csv": Array("Ansvar\n521010\n521020\n".utf8), "/m/konto.csv": Array("Konto\n3110\n5010\n".utf8)])
        return ModelLoader.load(source: SourceFile(path: "/m/model.kalkyl", text: model), sources: files)
    }

    /// Every cell of `name`, as "ansvar konto month" → amount.
    static func cells(_ loaded: LoadedModel, _ name: String) throws -> [String: Double] {
        let model = try #require(loaded.model, "\(loaded.diagnostics.map(\.message))")
        let evaluation = Evaluation(model: model, order: try #require(loaded.order))
        evaluation.evaluateAll()
        var out: [String: Double] = [:]
        for (a, ansvar) in ["521010", "521020"].enumerated() {
            for (k, konto) in ["3110", "5010"].enumerated() {
                for p in 0..<3 {
                    guard case .number(let x) = evaluation.value(name, period: p, member: a * 2 + k) else { continue }
                    if x != 0 { out["\(ansvar) \(konto) 2024-0\(p + 1)"] = x }
                }
            }
        }
        return out
    }

    /// `file:line:col` of the first place `text` is written in `sie`, found, not counted by hand.
    static func place(of text: String, in sie: String = sie, occurrence: Int = 0) -> String {
        var seen = 0
        for (n, line) in sie.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let r = line.range(of: text) else { continue }
            if seen == occurrence { return "/m/gl.se:\(n + 1):\(line.distance(from: line.startIndex, to: r.lowerBound) + 1)" }
            seen += 1
        }
        return "not found"
    }

    static func where_(_ d: Diagnostic) -> String { "\(d.location!.file.path):\(d.location!.line):\(d.location!.column)" }

    @Test func vouchersAreSummedPerObjectAccountAndMonth() throws {
        let loaded = Self.load()
        // Two vouchers in January on 521010/3110; a line with a project object (dimension 6)
        // counts for its cost centre; the bank's lines (1930) are the balance sheet, left out.
        #expect(try Self.cells(loaded, "utfall") == ["521010 3110 2024-01": -7500, "521020 5010 2024-01": 21000])
        // 8410 is a P&L account the model has no member for: named once, as a warning.
        #expect(loaded.diagnostics.map(\.message) == ["account 8410 of gl.se is no member of 'konto', so its amounts are left out"])
        #expect(loaded.diagnostics.map(\.severity) == [.warning])
        #expect(loaded.diagnostics.map(Self.where_) == [Self.place(of: "8410", occurrence: 1)])
    }

    @Test func balancesAreReadPerPeriodAndObjectList() throws {
        let loaded = Self.load()
        // {} is the account's total over its objects and 2023 is the year before: neither counts.
        #expect(try Self.cells(loaded, "saldo") == ["521010 3110 2024-01": -7500])
        #expect(try Self.cells(loaded, "budget") == ["521020 5010 2024-02": 12000])
    }

    @Test func anObjectThatIsNoMemberIsAnErrorAtTheObject() {
        let sie = Self.sie.replacingOccurrences(of: "#TRANS 5010 {1 \"521020\"} 20000.00", with: "#TRANS 5010 {1 \"521029\"} 20000.00")
        let loaded = Self.load(sie: Array(sie.utf8))
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.message) == ["object '521029' of SIE dimension 1 is not a member of 'ansvar'"])
        #expect(errors.map(Self.where_) == [Self.place(of: "521029", in: sie)])
        #expect(errors.first?.hint == "did you mean '521020'?")
    }

    @Test func aResultLineWithoutItsObjectIsAnError() {
        let sie = Self.sie.replacingOccurrences(of: "#TRANS 3110 {1 \"521010\"} -2500.00", with: "#TRANS 3110 {} -2500.00")
        let loaded = Self.load(sie: Array(sie.utf8))
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.message) == ["#TRANS on account 3110 names no object of SIE dimension 1, so it belongs to no member of 'ansvar'"])
        #expect(errors.map(Self.where_) == [Self.place(of: "{} -2500.00", in: sie)])
    }

    @Test func aVoucherOutsideTheTimelineIsAnError() {
        let sie = Self.sie.replacingOccurrences(of: "#VER A 4 20240131", with: "#VER A 4 20240430")
        let loaded = Self.load(sie: Array(sie.utf8))
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.message) == ["1 voucher of 2024-04 is outside the timeline 2024-01 .. 2024-03, so its amounts are left out"])
        #expect(errors.map(Self.where_) == [Self.place(of: "#VER A 4", in: sie)])
    }

    @Test func aSecondBalanceForTheSameCellIsAnError() {
        let sie = Self.sie.replacingOccurrences(of: "#PSALDO 0 202401 3110 {} -7500.00", with: "#PSALDO 0 202401 3110 {1 \"521010\"} -7500.00")
        let loaded = Self.load(sie: Array(sie.utf8))
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.message) == ["a second #PSALDO for account 3110 and object 521010 in the same period"])
        #expect(errors.map(Self.where_) == [Self.place(of: "#PSALDO 0 202401 3110", in: sie, occurrence: 1)])
    }

    @Test("Keys the statement cannot read by", arguments: [
        ("sie vouchers key 1", "'utfall' needs one key per dimension (ansvar, konto), but 1 is given"),
        ("sie vouchers key 1, 6", "every amount of a SIE file is an account's, so one key is 'account'"),
        ("sie vouchers key account, account", "the key 'account' is given twice"),
        ("sie ib key 1, account", "#IB is one amount per account for the year, but 'utfall' has periods"),
    ])
    func keysThatCannotBeRead(source: String, message: String) {
        let model = Self.model.replacingOccurrences(of: "sie vouchers key 1, account", with: source)
        #expect(Self.load(model).diagnostics.filter { $0.severity == .error }.map(\.message) == [message])
    }

    @Test func aMistypedRecordIsAParseErrorListingTheRecords() {
        let model = Self.model.replacingOccurrences(of: "sie vouchers", with: "sie transactions")
        #expect(Self.load(model).diagnostics.first?.message
            == "expected what to read from the SIE file (vouchers, psaldo, pbudget, ib, ub, res), found 'transactions'")
    }

    /// The division example reads its ledger twice, as CSV and as SIE: every cell the same.
    @Test func theExampleReadsTheSameLedgerFromSIEAsFromCSV() throws {
        let path = ExampleModelTests.root.appendingPathComponent("formulas/division-followup-2024.kalkyl").path
        let loaded = try ModelLoader.load(path: path)
        let model = try #require(loaded.model)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
        let evaluation = Evaluation(model: model, order: try #require(loaded.order))
        evaluation.evaluateAll()
        let csv = evaluation.values(of: try #require(model.slot(named: "utfall")))
        let sie = evaluation.values(of: try #require(model.slot(named: "utfall_sie")))
        let psaldo = evaluation.values(of: try #require(model.slot(named: "saldo_sie")))
        #expect(csv.count == 4 * 9 * 12 && sie.count == csv.count)
        var nonZero = 0
        for i in 0..<csv.count {
            #expect(sie[i] == csv[i], "cell \(i)")
            #expect(psaldo[i] == csv[i], "cell \(i)")
            if case .number(let x) = csv[i], x != 0 { nonZero += 1 }
        }
        #expect(nonZero == 139)
        let budget = evaluation.values(of: try #require(model.slot(named: "budget")))
        let pbudget = evaluation.values(of: try #require(model.slot(named: "budget_sie")))
        for i in 0..<budget.count { #expect(pbudget[i] == budget[i], "cell \(i)") }
    }

    // MARK: Members and names from the file

    static let namedModel = """
    model "SIE"
    timeline monthly 2024-01 .. 2024-03
    dimension ansvar from "gl.se" sie 1
    dimension konto from "gl.se" sie account 3000 .. 5999
    input utfall[ansvar, konto, month]: kr = data "gl.se" sie vouchers key 1, account missing 0

    """

    @Test func membersAndTheirNamesComeFromObjektAndKonto() throws {
        let loaded = Self.load(Self.namedModel)
        let model = try #require(loaded.model, "\(loaded.diagnostics.map(\.message))")
        let ansvar = model.dimensions[0], konto = model.dimensions[1]
        #expect(ansvar.members == ["521010", "521020"])
        #expect((0..<2).map(ansvar.title(of:)) == ["521010 MT Ledning", "521020 MT Service Söder"])
        // The accounts in the range, in #KONTO order: not the bank (1930), not 8410.
        #expect(konto.members == ["3110", "5010"])
        #expect((0..<2).map(konto.title(of:)) == ["3110 Försäljning av tjänster", "5010 Löner tillsvidareanställda"])
        #expect(try Self.cells(loaded, "utfall") == ["521010 3110 2024-01": -7500, "521020 5010 2024-01": 21000])
        #expect(loaded.diagnostics.map(\.message) == ["account 8410 of gl.se is no member of 'konto', so its amounts are left out"])
        #expect(model.dataFiles == ["gl.se"])
    }

    @Test("A dimension the file cannot give", arguments: [
        ("sie 7", "gl.se has no #OBJEKT of dimension 7, so 'ansvar' would have no members"),
        ("sie account 5999 .. 3000", "the range '5999..3000' runs backwards"),
        ("sie account 9000 .. 9999", "gl.se has no #KONTO in these ranges, so 'ansvar' would have no members"),
    ])
    func aDimensionTheFileCannotGive(source: String, message: String) {
        let model = Self.namedModel.replacingOccurrences(of: "dimension ansvar from \"gl.se\" sie 1", with: "dimension ansvar from \"gl.se\" \(source)")
        #expect(Self.load(model).diagnostics.filter { $0.severity == .error }.map(\.message).first == message)
    }

    // MARK: Explain

    static func explanation(_ model: String = model, cell: String) throws -> Explanation {
        let loaded = Self.load(model)
        var checked = try #require(loaded.model, "\(loaded.diagnostics.map(\.message))")
        checked.sources = MemorySources([:], fallback: nil)   // explain reads the checked model, never the file again
        let evaluation = Evaluation(model: checked, order: try #require(loaded.order))
        evaluation.evaluateAll()
        return Explainer.explain(try checked.cell(named: cell).get(), in: evaluation)
    }

    @Test func explainNamesTheVouchersBehindAFigure() throws {
        let x = try Self.explanation(cell: "utfall[521010, 3110, 2024-01]")
        guard case .input(let input) = x.root.source, let data = input.data else {
            Issue.record("no data source: \(x.root.source)")
            return
        }
        #expect(data.path == "gl.se" && data.header == "#TRANS")
        #expect(data.vouchers.map { "\($0.series) \($0.number) \($0.date) \($0.text) \($0.amount)" }
            == ["A 1 2024-01-15 Faktura 1001 -5000.0", "A 4 2024-01-31 Faktura 1002 -2500.0"])
        #expect(data.vouchers.map { "/m/gl.se:\($0.line):\($0.column)" } == [Self.place(of: "-5000.00"), Self.place(of: "-2500.00")])
        // The report's JSON and its table for people carry them too.
        let loaded = Self.load()
        let evaluation = Evaluation(model: loaded.model!, order: loaded.order!)
        evaluation.evaluateAll()
        let report = ExplainReport(x, in: evaluation)
        let json = try ReportEncoder().encode(report)
        #expect(json.contains(#""vouchers": [{"line": 20, "column": 26, "amount": -5000, "series": "A", "number": "1", "date": "2024-01-15", "text": "Faktura 1001"}"#), "\(json)")
        let table = report.table(model: loaded.model!)
        #expect(table.contains("the sum of 2 #TRANS lines of gl.se:\n"), "\(table)")
        #expect(table.contains("gl.se:20:26  -5 000  voucher A 1 2024-01-15 \"Faktura 1001\"\n"), "\(table)")
    }

    @Test func explainOfABalanceNamesItsLine() throws {
        let x = try Self.explanation(cell: "saldo[521010, 3110, 2024-01]")
        guard case .input(let input) = x.root.source, let data = input.data else {
            Issue.record("no data source")
            return
        }
        #expect("/m/gl.se:\(data.line):\(data.column)" == Self.place(of: "-7500.00"))
        #expect(data.header == "#PSALDO" && data.vouchers.isEmpty)
    }

    // MARK: Balances of the year

    static let balances = sie + """
    #IB 0 1930 100000.00
    #UB 0 1930 85000.00
    #IB -1 1930 90000.00
    #RES 0 3110 -7500.00
    #RES 0 5010 21000.00

    """

    static let balanceModel = """
    model "SIE"
    timeline monthly 2024-01 .. 2024-03
    dimension balans from "gl.se" sie account 1000 .. 2999
    dimension konto from "gl.se" sie account 3000 .. 5999
    input ib[balans]: kr = data "gl.se" sie ib key account
    input ub[balans]: kr = data "gl.se" sie ub key account
    input res[konto]: kr = data "gl.se" sie res key account
    input utfall[konto, month]: kr = data "gl.se" sie vouchers key account missing 0
    förändring[balans]: kr = ub - ib
    check resultatet_som_verifikationerna: SUM(res[konto]) = SUM(utfall[konto])

    """

    @Test func openingAndClosingBalancesAndTheResultPerAccount() throws {
        let loaded = Self.load(Self.balanceModel, sie: Array(Self.balances.utf8))
        let model = try #require(loaded.model, "\(loaded.diagnostics.map(\.message))")
        #expect(loaded.diagnostics.map(\.message) == ["account 8410 of gl.se is no member of 'konto', so its amounts are left out"])
        let evaluation = Evaluation(model: model, order: try #require(loaded.order))
        evaluation.evaluateAll()
        // This year's (0): the year before's #IB -1 is left out.
        #expect(evaluation.value("ib") == .number(100_000) && evaluation.value("ub") == .number(85_000))
        #expect(evaluation.value("förändring") == .number(-15_000))
        #expect(evaluation.value("res", member: 0) == .number(-7_500) && evaluation.value("res", member: 1) == .number(21_000))
        #expect(CheckRunner.run(evaluation).isEmpty)
    }

    @Test func aBalanceOfTheYearIsPerAccountOnly() {
        let model = Self.model.replacingOccurrences(of: "input saldo[ansvar, konto, month]: kr = data \"gl.se\" sie psaldo key 1, account missing 0",
                                                    with: "input ib[ansvar, konto]: kr = data \"gl.se\" sie ib key 1, account")
        #expect(Self.load(model).diagnostics.filter { $0.severity == .error }.map(\.message)
            == ["#IB is an amount per account, with no objects, so its one key is 'account'"])
    }

    // MARK: The three encodings, end to end

    static func encoded(_ text: String, _ encoding: SIEFile.Encoding) -> [UInt8] {
        let ibm437: [Character: UInt8] = ["å": 0x86, "ä": 0x84, "ö": 0x94, "Å": 0x8F, "Ä": 0x8E, "Ö": 0x99, "é": 0x82]
        switch encoding {
        case .utf8: return Array(text.utf8)
        case .windows1252: return Array(text.data(using: .windowsCP1252)!)
        case .ibm437: return text.flatMap { c in ibm437[c].map { [$0] } ?? Array(String(c).utf8) }
        }
    }

    @Test("IBM 437, Windows-1252 and UTF-8 read alike into a model, with the same errors at the same places",
          arguments: [SIEFile.Encoding.ibm437, .windows1252, .utf8])
    func threeEncodingsEndToEnd(encoding: SIEFile.Encoding) throws {
        let good = Self.encoded(Self.sie, encoding)
        let loaded = Self.load(Self.namedModel, sie: good)
        let model = try #require(loaded.model, "\(loaded.diagnostics.map(\.message))")
        #expect((0..<2).map(model.dimensions[0].title(of:)) == ["521010 MT Ledning", "521020 MT Service Söder"])
        #expect(model.dimensions[1].title(of: 1) == "5010 Löner tillsvidareanställda")
        #expect(try Self.cells(loaded, "utfall") == ["521010 3110 2024-01": -7500, "521020 5010 2024-01": 21000])

        // A voucher that does not balance, an account with no #KONTO, an object with no #OBJEKT.
        let bad = Self.sie.replacingOccurrences(of: "#TRANS 1930 {} -21000.00", with: "#TRANS 1930 {} -20000.00")
            .replacingOccurrences(of: "#KONTO 5010 \"Löner tillsvidareanställda\"\n", with: "")
            .replacingOccurrences(of: "#TRANS 5010 {1 \"521020\" 6 \"P1\"} 1000.00", with: "#TRANS 5010 {1 \"521020\" 6 \"P2\"} 1000.00")
        let problems = Self.load(sie: Self.encoded(bad, encoding)).diagnostics
        // Each at its first line: the account where it is first used, the voucher at its #VER.
        #expect(problems.map(\.message) == ["account 5010 has no #KONTO in the file, so it has no name",
                                            "voucher A 2 of 20240125 does not balance: its lines add up to 1000.00, not 0",
                                            "object P2 of dimension 6 has no #OBJEKT in the file",
                                            "account 8410 of gl.se is no member of 'konto', so its amounts are left out"])
        #expect(problems.map(\.severity) == [.warning, .error, .warning, .warning])
        #expect(problems.prefix(3).map(Self.where_) == [Self.place(of: "#PBUDGET 0 202402 5010", in: bad), Self.place(of: "#VER A 2", in: bad),
                                                        Self.place(of: "#TRANS 5010 {1 \"521020\" 6", in: bad)])
        // The line is quoted as decoded, whatever the encoding.
        let error = try #require(problems.first { $0.severity == .error }?.location)
        #expect(error.file.line(error.line) == "#VER A 2 20240125 \"Lön januari\"")
    }
}
