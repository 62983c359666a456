import Foundation
@testable import Kalkyl
import Testing

/// A `wide` file with an empty cell left that member blank in that period, and `SUM` passed
/// over it with exit 0 (issue 10, hunt16/t7): now warned about, naming the file, the line, the
/// member and the period, unless `missing 0` says an empty cell is 0.
@Suite struct EmptyWideCellTests {
    static let budget = """
        timeline monthly 2024-01 .. 2024-04
        dimension ansvar = A, B
        input budget[ansvar, month]: kr = data "budget.csv" wide key ansvar
        year[ansvar]: kr = SUM(budget)
        """

    func load(_ csv: String, model: String = budget) throws -> LoadedModel {
        try ModelLoader.load(path: "/mem/m.kalkyl", sources: MemorySources(["/mem/m.kalkyl": model + "\n", "/mem/budget.csv": csv], fallback: nil))
    }

    func shown(_ loaded: LoadedModel) -> [String] {
        loaded.diagnostics.map { String(DiagnosticRenderer.render($0).prefix { $0 != "\n" }).replacing("/mem/", with: "") }
    }

    @Test func anEmptyCellIsWarnedAboutNamingLineMemberAndPeriod() throws {
        let loaded = try load("ansvar;202401;202402;202403;202404\nA;1;2;3;4\nB;4;;6;7\n")
        #expect(shown(loaded) == ["budget.csv:3:5: warning: budget.csv has no value for B in 2024-02 (line 3), so 'budget' is blank there"])
        #expect(loaded.diagnostics.first?.code == .noRowForMember, "as a member with no row and a period with no column (K0502)")
        #expect(loaded.diagnostics.first?.hint == "fill the cell, or write 'missing 0' after the source if an empty cell means 0")
        #expect(loaded.model != nil)
    }

    @Test func missingZeroSaysWhatAnEmptyCellMeans() throws {
        #expect(try load("ansvar;202401;202402;202403;202404\nA;1;2;3;4\nB;4;;6;7\n", model: Self.budget.replacingOccurrences(of: "key ansvar", with: "key ansvar missing 0"))
            .diagnostics.isEmpty)
    }

    @Test func manyEmptyCellsAreCountedAndTheFirstFiveNamed() throws {
        let loaded = try load("ansvar;202401;202402;202403;202404\nA;;;;\nB;1;  ;;7\n")
        #expect(shown(loaded) == ["budget.csv:2:3: warning: budget.csv has no value in 6 cells, so 'budget' is blank there: A in 2024-01 (line 2), "
                                  + "A in 2024-02 (line 2), A in 2024-03 (line 2), A in 2024-04 (line 2), B in 2024-02 (line 3) and 1 more"])
        #expect(loaded.diagnostics.count == 1)
    }

    /// A member that starts or ends within the timeline: a cost centre opened in March, a person
    /// who left, a report line wound up (formulas/region-revenue-and-costs-2023's Avvecklingsreserv).
    @Test func emptyCellsBeforeARowsFirstValueOrAfterItsLastAreNot() throws {
        #expect(try load("ansvar;202401;202402;202403;202404\nA;;;3;4\nB;1;2;;\n").diagnostics.isEmpty)
        let years = """
            timeline yearly 2021 .. 2023
            dimension rad = Egen, Avveckling
            input kostnad[rad, year]: mnkr = data "budget.csv" wide key rad
            """
        #expect(try load("rad;2023;2022;2021\nEgen;3;2;1\nAvveckling;;;-42\n", model: years).diagnostics.isEmpty)
    }

    /// A cell that is no number is an error of its own; the other columns (a name, a yearly total) are not read.
    @Test func aBadNumberOrAColumnNotReadIsNoEmptyCell() throws {
        let loaded = try load("ansvar;namn;202401;202402;202403;202404;Summa\nA;;1;2;3;4;\nB;Bo;4;x;6;7;\n")
        #expect(loaded.diagnostics.map(\.code) == [.notANumber])
    }

    @Test func actualsAreNotAskedForAfterTheClose() throws {
        let model = """
            timeline monthly 2024-01 .. 2024-04
            actuals through 2024-02
            dimension ansvar = A, B
            input kost[version, ansvar, month]: kr = 0
            input kost[actual, ansvar, month] = data "budget.csv" wide key ansvar
            """
        #expect(try load("ansvar;2024-01;2024-02;2024-03;2024-04\nA;1;2;;\nB;4;5;;\n", model: model).diagnostics.isEmpty)
        let closedEmpty = try load("ansvar;2024-01;2024-02;2024-03;2024-04\nA;1;;3;\nB;4;5;6;\n",
                                   model: model.replacingOccurrences(of: "through 2024-02", with: "through 2024-03"))
        #expect(shown(closedEmpty) == ["budget.csv:2:5: warning: budget.csv has no value for A in 2024-02 (line 2), so 'kost' is blank there"])
    }
}
