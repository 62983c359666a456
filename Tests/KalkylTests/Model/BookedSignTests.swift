import Foundation
@testable import Kalkyl
import Testing

/// A SIE file and a ledger book revenue as a credit, negative; a `revenue` line is kept
/// positive. Read as booked, +20 % over budget came out as −20 % with no word (red team, t19).
/// `credit positive` reads credits positive; a kind the file's signs contradict is refused
/// where they are known (SIE, K0224) and warned of where the amounts show it (K0225).
@Suite struct BookedSignTests {
    /// Revenue of 120 against a budget of 100, both booked as credits.
    static let sie = """
    #FLAGGA 0
    #SIETYP 4
    #RAR 0 20240101 20241231
    #DIM 1 "Kostnadsställe"
    #OBJEKT 1 "A" "Alfa"
    #KONTO 3110 "Försäljning"
    #KONTO 5010 "Löner"
    #KONTO 1930 "Bank"
    #PBUDGET 0 202401 3110 {1 "A"} -100.00
    #PBUDGET 0 202401 5010 {1 "A"} 50.00
    #VER A 1 20240123 "Faktura"
    {
       #TRANS 3110 {1 "A"} -120.00
       #TRANS 1930 {} 120.00
    }
    #VER A 2 20240125 "Lön"
    {
       #TRANS 5010 {1 "A"} 40.00
       #TRANS 1930 {} -40.00
    }

    """

    static func sieModel(actual: String, budget: String) -> String {
        """
        model "Rev"
        timeline monthly 2024-01 .. 2024-01
        dimension ansvar from "gl.se" sie 1
        dimension konto from "gl.se" sie account 3000 .. 3999
        \(actual)
        \(budget)
        avv[ansvar, konto, month]: kr = VARIANCE(intakt, intakt_budget)
        avv_pct[ansvar, konto, month]: % = VARIANCE_PCT(intakt, intakt_budget)

        """
    }

    static let actualAsBooked = "input revenue intakt[ansvar, konto, month]: kr = data \"gl.se\" sie vouchers key 1, account missing 0"
    static let budgetAsBooked = "input intakt_budget[ansvar, konto, month]: kr = data \"gl.se\" sie pbudget key 1, account missing 0"

    static func load(_ model: String, files: [String: String] = ["gl.se": sie]) -> LoadedModel {
        var all = files.reduce(into: [String: [UInt8]]()) { $0["/m/" + $1.key] = Array($1.value.utf8) }
        all["/m/model.kalkyl"] = Array(model.utf8)
        return ModelLoader.load(source: SourceFile(path: "/m/model.kalkyl", text: model), sources: SIEInputTests.Files(files: all))
    }

    /// The one cell of a one-member, one-month definition.
    static func value(_ loaded: LoadedModel, _ name: String) throws -> Value? {
        let model = try #require(loaded.model, "\(loaded.diagnostics.map(\.message))")
        let evaluation = Evaluation(model: model, order: try #require(loaded.order))
        evaluation.evaluateAll()
        return evaluation.value(name, period: 0, member: 0)
    }

    static func place(_ d: Diagnostic) -> String { "\(d.location!.line):\(d.location!.column)" }

    /// `line:column` of the first place `text` is written in `model`, found, not counted by hand.
    static func place(of text: String, in model: String) -> String {
        for (n, line) in model.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let r = line.range(of: text) { return "\(n + 1):\(line.distance(from: line.startIndex, to: r.lowerBound) + 1)" }
        }
        return "not found"
    }

    /// No error, and nothing said of signs (the accounts the dimension leaves out are).
    static func signsAgree(_ loaded: LoadedModel) -> Bool {
        !loaded.diagnostics.contains { $0.severity == .error || $0.code == .lineKindAgainstBookedSigns || $0.code == .lineKindAgainstReadSigns }
    }

    @Test func aRevenueLineReadFromSIEAsBookedIsRefusedWithTheStatementToWrite() throws {
        let model = Self.sieModel(actual: Self.actualAsBooked, budget: "input revenue intakt_budget[ansvar, konto, month]: kr = 100")
        let loaded = Self.load(model)
        let d = try #require(loaded.diagnostics.first { $0.code == .lineKindAgainstBookedSigns })
        #expect(d.severity == .error)
        #expect(d.message == "'intakt' is a revenue line, kept positive, but gl.se books revenue as a credit, negative, and costs positive: every variance of 'intakt' would have the wrong sign")
        #expect(Self.place(d) == Self.place(of: "\"gl.se\" sie vouchers", in: model))   // the file's path in the statement
        #expect(d.hint == "read credits positive: " + Self.actualAsBooked + " credit positive")
        #expect(loaded.model == nil || loaded.diagnostics.contains { $0.severity == .error })
    }

    @Test func withCreditsPositiveTheRevenueVarianceIsFavourable() throws {
        let loaded = Self.load(Self.sieModel(actual: Self.actualAsBooked + " credit positive", budget: Self.budgetAsBooked + " credit positive"))
        #expect(Self.signsAgree(loaded), "\(loaded.diagnostics.map(\.message))")
        #expect(try Self.value(loaded, "intakt") == .number(120))
        #expect(try Self.value(loaded, "intakt_budget") == .number(100))
        #expect(try Self.value(loaded, "avv") == .number(20))
        #expect(try Self.value(loaded, "avv_pct") == .number(0.2))
    }

    @Test func aBudgetOfNoKindReadAsBookedIsRefusedAtTheVariance() throws {
        // The actual read with credits positive and the budget as booked: 120 − (−100) = 220.
        let model = Self.sieModel(actual: Self.actualAsBooked + " credit positive", budget: Self.budgetAsBooked)
        let loaded = Self.load(model)
        let found = loaded.diagnostics.filter { $0.code == .lineKindAgainstBookedSigns }
        #expect(found.map(Self.place) == [Self.place(of: "VARIANCE(", in: model), Self.place(of: "VARIANCE_PCT(", in: model)])
        #expect(found.first?.message == "VARIANCE takes 'intakt' as a revenue, but 'intakt_budget' is read from gl.se as booked, revenue negative (a credit): the variance would have the wrong sign")
        #expect(found.first?.hint == "read credits positive: " + Self.budgetAsBooked + " credit positive")
    }

    @Test func aResultLineReadFromSIEAsBookedIsRefused() throws {
        let loaded = Self.load(Self.sieModel(actual: Self.actualAsBooked.replacingOccurrences(of: "revenue", with: "result"),
                                             budget: "input result intakt_budget[ansvar, konto, month]: kr = 100"))
        let d = try #require(loaded.diagnostics.first { $0.code == .lineKindAgainstBookedSigns })
        #expect(d.message.hasPrefix("'intakt' is a result line, kept in the report's signs (revenue positive, costs negative), but gl.se books revenue as a credit"))
    }

    @Test func aCostLineReadFromSIEAsBookedIsRightAndWithCreditsPositiveIsRefused() throws {
        let costs = { (options: String) in """
            model "Kost"
            timeline monthly 2024-01 .. 2024-01
            dimension ansvar from "gl.se" sie 1
            dimension konto from "gl.se" sie account 5000 .. 5999
            input cost lön[ansvar, konto, month]: kr = data "gl.se" sie vouchers key 1, account missing 0\(options)
            input lön_budget[ansvar, konto, month]: kr = data "gl.se" sie pbudget key 1, account missing 0
            avv[ansvar, konto, month]: kr = VARIANCE(lön, lön_budget)

            """ }
        let booked = Self.load(costs(""))
        #expect(Self.signsAgree(booked), "\(booked.diagnostics.map(\.message))")
        #expect(try Self.value(booked, "avv") == .number(10))   // 40 spent of 50: 10 under budget
        let flipped = Self.load(costs(" credit positive"))
        let d = try #require(flipped.diagnostics.first { $0.code == .lineKindAgainstBookedSigns })
        #expect(d.message == "'lön' is a cost line, kept positive, and gl.se books costs positive (debit), so credit positive makes them negative: every variance of 'lön' would have the wrong sign")
        #expect(Self.place(d) == Self.place(of: "credit positive", in: costs(" credit positive")))   // the clause
        #expect(d.hint == "leave out credit positive")
    }

    /// The same data from a CSV ledger export, revenue negative: the file cannot say how it
    /// books, so the amounts do.
    static func csvModel(actual: String, budgetKind: String) -> String {
        """
        model "Rev"
        timeline monthly 2024-01 .. 2024-02
        dimension ansvar = A
        input revenue intakt[ansvar, month]: kr = data "gl.csv" long key Ansvar period Period amount Belopp sum missing 0\(actual)
        input \(budgetKind)intakt_budget[ansvar, month]: kr = data "budget.csv" long key Ansvar period Period amount Belopp
        avv[ansvar, month]: kr = VARIANCE(intakt, intakt_budget)

        """
    }
    static let csvFiles = ["gl.csv": "Ansvar;Period;Belopp\nA;202401;-120\n", "budget.csv": "Ansvar;Period;Belopp\nA;202401;-100\nA;202402;-100\n"]

    @Test func aRevenueLineWhoseLedgerAmountsAddUpBelowZeroIsWarned() throws {
        let loaded = Self.load(Self.csvModel(actual: "", budgetKind: "revenue "), files: Self.csvFiles)
        let found = loaded.diagnostics.filter { $0.code == .lineKindAgainstReadSigns }
        #expect(found.map(\.severity) == [.warning, .warning])
        #expect(found.map(\.message) == [
            "the amounts 'intakt' reads from gl.csv add up to -120, but a revenue line is kept positive: every variance of 'intakt' would have the wrong sign",
            "the amounts 'intakt_budget' reads from budget.csv add up to -200, but a revenue line is kept positive: every variance of 'intakt_budget' would have the wrong sign",
        ])
        #expect(found.first?.hint == "if gl.csv books revenue as a credit, negative, read credits positive: "
            + "input revenue intakt[ansvar, month]: kr = data \"gl.csv\" long key Ansvar period Period amount Belopp sum missing 0 credit positive; "
            + "a line kept in the report's signs, costs negative, is a result")
    }

    @Test func aLedgerReadWithCreditsPositiveGivesTheFavourableVarianceAndKeepsZeroUnsigned() throws {
        var model = Self.csvModel(actual: " credit positive", budgetKind: "revenue ")
        model = model.replacingOccurrences(of: "amount Belopp\n", with: "amount Belopp credit positive\n")
        let loaded = Self.load(model, files: Self.csvFiles)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
        let checked = try #require(loaded.model)
        let evaluation = Evaluation(model: checked, order: try #require(loaded.order))
        evaluation.evaluateAll()
        #expect(evaluation.value("avv", period: 0, member: 0) == .number(20))
        // February: no row, `missing 0`, read with credits positive is 0, never -0.
        guard case .number(let february) = evaluation.value("intakt", period: 1, member: 0) else { Issue.record("not a number"); return }
        #expect(february == 0 && february.sign == .plus)
    }

    @Test func aBudgetOfNoKindWhoseAmountsAddUpBelowZeroIsWarnedAtTheVariance() throws {
        let model = Self.csvModel(actual: " credit positive", budgetKind: "")
        let loaded = Self.load(model, files: Self.csvFiles)
        let found = loaded.diagnostics.filter { $0.code == .lineKindAgainstReadSigns }
        #expect(found.map(Self.place) == [Self.place(of: "VARIANCE(", in: model)])
        #expect(found.first?.message == "the amounts 'intakt_budget' reads from budget.csv add up to -200, but this variance takes it as a revenue, kept positive: the variance would have the wrong sign")
    }

    @Test func creditWithoutPositiveIsASyntaxError() {
        let loaded = Self.load(Self.sieModel(actual: Self.actualAsBooked + " credit", budget: Self.budgetAsBooked))
        #expect(loaded.diagnostics.first?.message == "expected 'positive' after 'credit', as in credit positive: amounts booked as credits (negative) are read positive")
    }
}
