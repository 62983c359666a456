import Foundation
@testable import Kalkyl
import Testing

/// The month's roll-forward is one edit: an input holding the closed month bounds ranges,
/// picks periods and closes the actuals; a forgotten edit is warned about.
@Suite struct RollForwardTests {
    func model(closed: String) -> String {
        """
        model "Uppföljning"
        timeline monthly 2024-01 .. 2024-12
        ## Senast stängda månad
        input closed = \(closed)
        actuals through closed
        dimension enhet = A, B
        input kost[version, enhet, month] = 100
        input kost[actual, enhet, month] = 90
        summa[version, month] = SUM(kost[enhet])
        ack[version, month] = YTD(summa)
        utfall_hittills = SUM(ack[actual, 2024-01 .. closed])
        utfall_ack = ack[actual, closed]
        resten = SUM(ack[budget, closed ..])
        prognos_år = SUM(kost[forecast, enhet])
        """
    }

    @Test func oneEditMovesRangesPicksAndTheForecast() throws {
        let august = try evaluate(model(closed: "2024-08"))
        #expect(august.model.actualsThrough == 7)
        #expect(august.value("utfall_ack") == .number(8 * 180))
        #expect(august.value("utfall_hittills") == .number((1...8).reduce(0) { $0 + Double($1) * 180 }))
        #expect(august.value("resten") == .number((8...12).reduce(0) { $0 + Double($1) * 200 }))
        #expect(august.value("prognos_år") == .number(8 * 180 + 4 * 200))
        let september = try evaluate(model(closed: "2024-09"))
        #expect(september.model.actualsThrough == 8)
        #expect(september.value("utfall_ack") == .number(9 * 180))
        #expect(september.value("prognos_år") == .number(9 * 180 + 3 * 200))
        let slot = try #require(september.model.slot(named: "utfall_hittills"))
        let bound = try #require(september.model.definitions[slot].periodBounds.values.first)
        #expect(bound.from == nil && bound.to == september.model.slot(named: "closed") && !bound.isPick)
    }

    @Test func aNameThatHoldsNoPeriodCannotBoundARange() {
        expectDiagnostics("""
        timeline monthly 2024-01 .. 2024-12
        input closed = 2024-08
        input rate = 3
        input x[month] = 1
        a = SUM(x[2024-01 .. 1️⃣rate])
        b = SUM(x[2024-01 .. 2️⃣closd])
        """, [("1️⃣", "'rate' is not an input holding a period"), ("2️⃣", "'closd' is not an input holding a period")])
    }

    @Test func aScenarioOrAWhatIfCannotMoveTheClosedMonth() throws {
        expectDiagnostics("""
        timeline monthly 2024-01 .. 2024-12
        input closed = 2024-08
        input x[month] = 1
        a = SUM(x[2024-01 .. closed])
        scenario later {
          1️⃣closed = 2024-09
        }
        """, [("1️⃣", "'closed' bounds periods in formulas")])
        let e = try evaluate(model(closed: "2024-08"))
        let (assignment, diagnostics) = e.model.parseAssignment("closed = 2024-09")
        #expect(assignment == nil)
        #expect(diagnostics.first?.message.contains("--set cannot move it") == true)
    }

    /// A folder holding an actuals export beside a model over units A and B, loaded with a
    /// closed month and the statements that read the actuals: the warnings' tests' one setup.
    struct ActualsFolder {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kalkyl-roll-\(UUID().uuidString)")

        init(_ file: String, _ contents: String) throws {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try contents.write(to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }

        /// The model closed at `closed`, its actuals read by `actuals` (from line 5 on).
        func load(closed: String, _ actuals: String) throws -> LoadedModel {
            let path = folder.appendingPathComponent("m.kalkyl").path
            try """
            timeline monthly 2024-01 .. 2024-12
            input closed = \(closed)
            actuals through closed
            dimension enhet = A, B
            \(actuals)
            """.write(toFile: path, atomically: true, encoding: .utf8)
            return try ModelLoader.load(path: path)
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    @Test func actualsAfterTheClosedMonthAreWarnedAboutNamingTheFileAndMonth() throws {
        // January to July are in the ledger too: a closed month of the year to date without a row is warned about (hunt20/t01).
        let folder = try ActualsFolder("utfall.csv", "ansvar;period;belopp\n" + (1...7).map { "A;20240\($0);1 000\n" }.joined()
                                       + "A;202408;1 000\nA;202409;1 100\nB;202409;500\n")
        defer { folder.remove() }
        func load(_ closed: String) throws -> LoadedModel {
            try folder.load(closed: closed, """
                input kost[version, enhet, month] = 0
                input kost[actual, enhet, month] = data "utfall.csv" long key ansvar period period amount belopp missing 0
                """)
        }
        let forgotten = try load("2024-08")
        let warnings = forgotten.diagnostics.filter { $0.severity == .warning }
        #expect(warnings.count == 1)
        #expect(warnings.first?.message == "utfall.csv holds actuals for 2024-09, after the closed month 2024-08; they are left out of the year to date")
        #expect(warnings.first?.location?.line == 6)
        #expect(forgotten.model != nil, "a warning, not an error")
        let rolled = try load("2024-09")
        #expect(rolled.diagnostics.isEmpty, "\(rolled.diagnostics.map(\.message))")
    }

    /// The twin of the warning above: the closed month's export not saved. July closed, the
    /// file holding January–June, took July as 0 silently (a favourable variance that is not).
    @Test func aClosedMonthWithNoRowInTheActualsFileIsWarnedAbout() throws {
        let folder = try ActualsFolder("gl.csv", "ansvar;period;belopp\n" + (1...4).map { "A;20240\($0);110\n" }.joined()
                                       + "A;202405;110\nB;202405;110\nA;202406;110\n")
        defer { folder.remove() }
        func load(_ closed: String, missing: String = " missing 0") throws -> [Diagnostic] {
            let loaded = try folder.load(closed: closed, """
                input kost[version, enhet, month] = 0
                input kost[actual, enhet, month] = data "gl.csv" long key ansvar period period amount belopp sum\(missing)
                """)
            #expect(loaded.model != nil, "a warning, not an error")
            return loaded.diagnostics
        }
        let july = try load("2024-07")
        #expect(july.map(\.message) == ["gl.csv holds no actuals for 2024-07, closed (actuals through 2024-07); its last row is for 2024-06, so the year to date takes that month as empty"])
        #expect(july.first?.severity == .warning)
        #expect(july.first?.code == .closedMonthWithoutActuals)
        #expect(july.first?.location?.line == 6)
        #expect(try load("2024-07", missing: "").map(\.code) == [.closedMonthWithoutActuals])
        let several = try load("2024-12")
        #expect(several.first?.message.hasPrefix("gl.csv holds no actuals for 2024-07 .. 2024-12 (6 months), closed") == true)
        // A month with a row for one member only is not empty (the months before the close without
        // any row are YearToDateActualsGapsTests').
        #expect(try load("2024-06").isEmpty)
        #expect(try load("2024-05").map(\.code) == [.actualsAfterTheClose], "June's row is after the close, the other warning")
    }

    /// A file with rows after the closed month as well said "its last row is for 2024-01" of a
    /// file whose last row is for March (hunt18/p3/c.kalkyl, a SIE file): the wording names the
    /// last row before the closed month and the next after it.
    @Test func aClosedMonthWithoutRowsBetweenRowsIsNamedBetweenThem() throws {
        let folder = try ActualsFolder("gl.se", """
            #RAR 0 20240101 20241231
            #DIM 1 "Kst"
            #OBJEKT 1 "A" "A"
            #KONTO 5010 "Hyra"
            #KONTO 1930 "Bank"
            #VER A 1 20240115 "x"
            {
            #TRANS 5010 {1 "A"} 100.00
            #TRANS 1930 {} -100.00
            }
            #VER A 2 20240305 "y"
            {
            #TRANS 5010 {1 "A"} 50.00
            #TRANS 1930 {} -50.00
            }

            """)
        defer { folder.remove() }
        let loaded = try folder.load(closed: "2024-02", """
            dimension konto from "gl.se" sie account 3000 .. 8999
            input kost[version, enhet, konto, month]: kr = 0
            input kost[actual, enhet, konto, month] = data "gl.se" sie vouchers key 1, account missing 0
            """)
        #expect(loaded.diagnostics.filter { $0.code == .closedMonthWithoutActuals }.map(\.message) == [
            "gl.se holds no actuals for 2024-02, closed (actuals through 2024-02); its last row before 2024-02 is for 2024-01, "
                + "and its next for 2024-03, so the year to date takes that month as empty",
        ])
        #expect(ClosedInputWarnings.rowsAround(lastBefore: nil, firstAfter: 2, closed: 1, timeline: Timeline(granularity: .monthly, first: 2024 * 12, count: 12))
                == "it has no row up to 2024-02, and its first after is for 2024-03")
    }

    /// A ledger holding actuals and budget in one file, the version a key column: its actual
    /// rows are looked at as a file read into `actual` is. July closed, budget rows for every
    /// month but actual rows to June: July taken as empty, silently before.
    @Test func aVersionKeyColumnsActualRowsAreLookedAtForTheClosedMonth() throws {
        let folder = try ActualsFolder("gl.csv", "version;ansvar;period;belopp\n"
            + (1...4).map { "actual;A;20240\($0);110\n" }.joined() + "actual;A;202405;110\nactual;B;202406;110\n"
            + (5...12).map { "budget;A;2024\($0 < 10 ? "0" : "")\($0);100\n" }.joined())
        defer { folder.remove() }
        func load(_ closed: String) throws -> [Diagnostic] {
            let loaded = try folder.load(closed: closed, """
                input kost[version, enhet, month] = data "gl.csv" long key version, ansvar period period amount belopp sum missing 0
                """)
            #expect(loaded.model != nil, "a warning, not an error")
            return loaded.diagnostics
        }
        let july = try load("2024-07")
        #expect(july.map(\.message) == ["gl.csv holds no actuals for 2024-07, closed (actuals through 2024-07); its last row is for 2024-06, so the year to date takes that month as empty"])
        #expect(july.map(\.code) == [.closedMonthWithoutActuals])
        #expect(july.first?.location?.line == 5)
        // June closed: its actual row is there, and the budget's later rows are no actuals after the close.
        #expect(try load("2024-06").isEmpty)
        // May closed: June's actual row is after it, the other warning.
        #expect(try load("2024-05").map(\.message) == ["gl.csv holds actuals for 2024-06, after the closed month 2024-05; they are left out of the year to date"])
    }

    /// README's roll-forward example names `budget_resten` the budget for the rest of the year;
    /// written `SUM(kost[budget, closed ..])` it took the closed month too, which the actuals to
    /// date already hold, so the two added up counted it twice (red team, session 19,
    /// hunt19/t04). The README's line, as printed, gives the months after the close.
    @Test func theReadmesBudgetForTheRestIsTheMonthsAfterTheClose() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let line = try #require(readme.split(separator: "\n").first { $0.hasPrefix("budget_resten: kr = ") })
        let formula = String(line.split(separator: "#").first!)
        let e = try evaluate("""
            timeline monthly 2024-01 .. 2024-12
            input closed = 2024-08
            actuals through closed
            input kost[version, month]: kr = 100
            input kost[actual, month] = 90
            utfall_hittills: kr = SUM(kost[actual, 2024-01 .. closed])
            \(formula)

            """)
        #expect(e.value("budget_resten") == .number(4 * 100), "September to December")
    }
}
