import Foundation
@testable import Kalkyl
import Testing

/// Budgets and ledgers as Hypergene and the ERP export them: a value per cost centre and
/// account, yearly amounts spread by a periodisation key, sparse ledgers.
@Suite struct DataSystemsExportTests {
    /// Writes the files into a fresh folder and loads the model from there.
    func load(_ model: String, files: [String: String]) throws -> LoadedModel {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kalkyl-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let path = folder.appendingPathComponent("model.kalkyl").path
        try model.write(toFile: path, atomically: true, encoding: .utf8)
        return try ModelLoader.load(path: path)
    }

    func evaluated(_ loaded: LoadedModel) throws -> Evaluation {
        let model = try #require(loaded.model, "\(DiagnosticRenderer.render(loaded.diagnostics))")
        let e = Evaluation(model: model, order: try #require(loaded.order))
        e.evaluateAll()
        return e
    }

    let header = """
    timeline monthly 2024-01 .. 2024-12
    dimension ansvar = "110", "120"
    dimension konto = "4010", "5010", "6110"

    """
    let budget = "Ansvar;Konto;Årsbudget 2024\n110;4010;1 200 000\n110;5010;-35 001\n120;6110;100\n120;4010;999 999\n"

    @Test func aValuePerSeveralKeys() throws {
        let loaded = try load(header + """
        input årsbudget[ansvar, konto]: kr = data "data/budget.csv" key Ansvar, Konto column "Årsbudget 2024"
        """, files: ["data/budget.csv": budget])
        let e = try evaluated(loaded)
        // 110/4010, 110/5010, 110/6110, 120/4010, 120/5010, 120/6110
        #expect((0..<6).map { e.value("årsbudget", member: $0) } == [.number(1_200_000), .number(-35_001), .blank, .number(999_999), .blank, .number(100)])
        #expect(loaded.diagnostics.map(\.message) == ["2 members have no row for 'årsbudget', so their cells are blank: 110/6110, 120/5010"])
    }

    @Test func severalKeysReportTheirOwnCells() throws {
        let loaded = try load(header + """
        input årsbudget[ansvar, konto]: kr = data "data/budget.csv" key Ansvar, Konto column Belopp
        """, files: ["data/budget.csv": "Ansvar;Konto;Belopp\n110;4010;1\n110;9999;2\n110;4010;3\n"])
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.message) == ["'9999' is not a member of 'konto'", "Ansvar '110', Konto '4010' appears on two rows"])
        #expect(errors.map(place) == ["3:5", "4:1"])
    }

    @Test func aSparseLedgerSaysMissingRowsAreZero() throws {
        let loaded = try load(header + """
        input utfall[ansvar, konto, month]: kr = data "data/gl.csv" long key Ansvar, Konto period Period amount Belopp sum missing 0
        input warned[ansvar, konto, month]: kr = data "data/gl.csv" long key Ansvar, Konto period Period amount Belopp sum
        """, files: ["data/gl.csv": "Ansvar;Konto;Period;Belopp\n110;4010;202401;100\n110;4010;202401;25\n120;6110;202403;7\n"])
        #expect(loaded.diagnostics.map(\.message) == ["4 members have no row for 'warned', so their cells are blank: 110/5010, 110/6110, 120/4010, 120/5010"])
        let e = try evaluated(loaded)
        #expect(e.value("utfall", period: 0, member: 0) == .number(125))
        #expect(e.value("utfall", period: 1, member: 0) == .number(0))
        #expect(e.value("utfall", period: 2, member: 5) == .number(7))
        #expect(e.value("utfall", period: 0, member: 1) == .number(0))
        #expect(e.value("warned", period: 0, member: 1) == .blank)
    }

    @Test("A yearly amount spread over the months sums back to it exactly", arguments: [
        "spread evenly", "spread by days", "spread by working days", "spread by profil", "spread by \"data/nycklar.csv\" key Konto",
    ])
    func spreadSumsBack(method: String) throws {
        let loaded = try load(header + """
        input årsbudget[ansvar, konto]: kr = data "data/budget.csv" key Ansvar, Konto column "Årsbudget 2024"
        input budget[ansvar, konto, month]: kr = data "data/budget.csv" key Ansvar, Konto column "Årsbudget 2024" \(method)
        input profil[month] = 8.5
        input profil[2024-07] = 2
        input profil[2024-12] = 0
        """, files: ["data/budget.csv": budget, "data/nycklar.csv": """
        Konto;202401;202402;202403;202404;202405;202406;202407;202408;202409;202410;202411;202412
        4000..4999;9;9;9;9;9;9;1;6;9;10;10;10
        5000..5999;1;1;1;1;1;1;1;1;1;1;1;1
        6110;0;0;1;0;0;1;0;0;1;0;0;0

        """])
        let e = try evaluated(loaded)
        for m in [0, 1, 3, 5] {
            let yearly = try #require(e.value("årsbudget", member: m)?.number)
            let months = (0..<12).compactMap { e.value("budget", period: $0, member: m)?.number }
            #expect(months.count == 12)
            #expect(months.reduce(0, +) == yearly, "\(method) \(m): \(months)")
            // Whole kronor in every month: the rounding rule.
            #expect(months.allSatisfy { $0 == $0.rounded() })
        }
        #expect(e.value("budget", period: 0, member: 2) == .blank)
    }

    @Test func theKeysShareOutTheAmount() throws {
        let loaded = try load(header + """
        input jämn[ansvar, konto, month]: kr = data "data/budget.csv" key Ansvar, Konto column "Årsbudget 2024" spread evenly
        input dagar[ansvar, konto, month]: kr = data "data/budget.csv" key Ansvar, Konto column "Årsbudget 2024" spread by days
        input arbete[ansvar, konto, month]: kr = data "data/budget.csv" key Ansvar, Konto column "Årsbudget 2024" spread by working days
        """, files: ["data/budget.csv": "Ansvar;Konto;Årsbudget 2024\n110;4010;100\n120;5010;366 000\n110;5010;251 000\n"])
        let e = try evaluated(loaded)
        // 100 kr evenly: 8 kr a month, the last month takes the remaining 12.
        #expect((0..<12).map { e.value("jämn", period: $0, member: 0) } == Array(repeating: .number(8), count: 11) + [.number(12)])
        // 2024 has 366 days: 1 000 kr a day.
        #expect((0..<12).map { e.value("dagar", period: $0, member: 4)?.number } == [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31].map { $0 * 1000.0 })
        // 2024 has 251 Swedish working days: 1 000 kr a working day.
        #expect((0..<12).map { e.value("arbete", period: $0, member: 1)?.number } == [22, 21, 20, 21, 21, 18, 23, 22, 21, 23, 21, 18].map { $0 * 1000.0 })
    }

    /// A version of a line read with a spread (`input kost[budget, …] = data … spread …`) is
    /// spread as the definition's would be; before, every month took the whole year.
    @Test func anAssignmentIsSpreadToo() throws {
        let loaded = try load(header + """
        actuals through 2024-02
        input kost[version, ansvar, konto, month]: kr = 0
        input kost[budget, ansvar, konto, month] = data "data/budget.csv" key Ansvar, Konto column "Årsbudget 2024" spread by days
        """, files: ["data/budget.csv": "Ansvar;Konto;Årsbudget 2024\n110;4010;100\n120;5010;366 000\n110;5010;251 000\n"])
        let e = try evaluated(loaded)
        let model = e.model
        let slot = try #require(model.slot(named: "kost"))
        let members = model.memberCount(of: slot)
        // budget is the second version; 120 × 5010 is its fifth cell (ansvar × konto), 1 000 kr a day.
        let budget120 = members / 3 + 4
        #expect((0..<12).map { e.values(of: slot)[$0 * members + budget120].number } == [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31].map { $0 * 1000.0 })
        let profile = try load(header + """
        actuals through 2024-02
        input profil[month] = 1
        input kost[version, ansvar, konto, month]: kr = 0
        input kost[budget, ansvar, konto, month] = data "data/budget.csv" key Ansvar, Konto column "Årsbudget 2024" spread by profil
        """, files: ["data/budget.csv": "Ansvar;Konto;Årsbudget 2024\n110;4010;100\n"])
        #expect(profile.diagnostics.contains { $0.message.hasPrefix("a spread over a profile is written on the input's definition") })
    }

    @Test func keyFileProblemsNameTheAccount() throws {
        let loaded = try load(header + """
        input budget[ansvar, konto, month]: kr = data "data/budget.csv" key Ansvar, Konto column "Årsbudget 2024" spread by "data/nycklar.csv" key Konto
        """, files: ["data/budget.csv": budget, "data/nycklar.csv": """
        Konto;202401;202402;202403;202404;202405;202406;202407;202408;202409;202410;202411;202412
        4000..4999;1;1;1;1;1;1;1;1;1;1;1;1
        4000..4099;1;1;1;1;1;1;1;1;1;1;1;1

        """])
        let errors = loaded.diagnostics.filter { $0.severity == .error }.map { "\(place($0)) \($0.message)" }
        #expect(errors.contains("3:1 '4010' is in two ranges of the key file: 4000..4999 and 4000..4099"), "\(errors)")
        #expect(errors.contains { $0.hasPrefix("4:") && $0.contains("'5010' is in no row of the key file data/nycklar.csv") }, "\(errors)")
        #expect(errors.contains { $0.contains("'6110' is in no row") }, "\(errors)")
    }

    @Test func onlyAYearlyAmountOnAYearsMonthsIsSpread() throws {
        let wide = try load(header + """
        input a[ansvar, month] = data "data/w.csv" wide key Ansvar spread evenly
        """, files: ["data/w.csv": "Ansvar;202401\n110;1\n120;2\n"])
        #expect(wide.diagnostics.contains { $0.message.hasPrefix("only a yearly amount per member can be spread") })
        let longer = try load("""
        timeline monthly 2024-01 .. 2025-06
        dimension ansvar = "110"
        input a[ansvar, month] = data "data/b.csv" key Ansvar column Belopp spread evenly
        """, files: ["data/b.csv": "Ansvar;Belopp\n110;12\n"])
        #expect(longer.diagnostics.map(\.message) == ["a yearly amount is spread over the months of a year, but the timeline has to be the twelve months of one year"])
        let profile = try load(header + """
        input a[ansvar, konto, month] = data "data/budget.csv" key Ansvar, Konto column "Årsbudget 2024" spread by nyckel missing 0
        nyckel[month] = 1
        """, files: ["data/budget.csv": budget])
        #expect(profile.diagnostics.map(\.message) == ["'nyckel' is no input of the model over [month]"])
    }
}

@Suite struct SwedishCalendarTests {
    @Test func easterAndMidsummer() {
        #expect(SwedishCalendar.easterSunday(2024) == (3, 31))
        #expect(SwedishCalendar.easterSunday(2025) == (4, 20))
        #expect(SwedishCalendar.easterSunday(2019) == (4, 21))
        #expect(SwedishCalendar.easterSunday(2038) == (4, 25))
        let h2024 = SwedishCalendar.holidays(in: 2024).map { "\($0.month)-\($0.day)" }
        #expect(h2024 == ["1-1", "1-6", "3-29", "4-1", "5-1", "5-9", "6-6", "6-21", "12-24", "12-25", "12-26", "12-31"])
    }

    @Test func workingDaysOfAYear() {
        #expect((1...12).map { SwedishCalendar.workingDays(year: 2024, month: $0) } == [22, 21, 20, 21, 21, 18, 23, 22, 21, 23, 21, 18])
        #expect((1...12).reduce(0) { $0 + SwedishCalendar.workingDays(year: 2025, month: $1) } == 249)
    }

    @Test func theRemainderGoesToTheLastMonthWithAShare() {
        #expect(Periodisation.spread(100, weights: Array(repeating: 1, count: 12)) == Array(repeating: 8, count: 11) + [12])
        #expect(Periodisation.spread(-100, weights: [1, 1, 0]) == [-50, -50, 0])
        #expect(Periodisation.spread(10, weights: [1, 1, 1]) == [3, 3, 4])
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let amount = Double(Int.random(in: -50_000_000...50_000_000, using: &generator))
            let weights = (0..<12).map { _ in Double(Int.random(in: 0...40, using: &generator)) }
            guard weights.contains(where: { $0 > 0 }) else { continue }
            #expect(Periodisation.spread(amount, weights: weights).reduce(0, +) == amount)
        }
    }
}
