import Foundation
import Kalkyl
@testable import KalkylLanguageServer
import Testing

/// The hover's totals and the inlay hints' Σ are the year totals `kalkyl eval` shows
/// (`CheckedModel.yearTotals`, `TotalKind`): a headcount (`persons`) totals as its closing
/// month. They added up its months, 1 662 for the 139 eval shows (red team, session 19).
@Suite struct HoverYearTotalsTests {
    static let model = """
        model "Test"
        timeline monthly 2021-01 .. 2021-12
        input employees_start: persons = 137
        input hires[month]: persons = 0
        input hires[2021-04] = 2
        dimension unit = Datacenter, Nätverk
        employees[month]: persons = PREV(employees, employees_start) + hires
        staff[unit, month]: persons = employees / 2
        input rent[month]: kr = 1000
        input share[unit, month]: % = 40%

        """

    static func document() async -> ModelDocument {
        await ModelDocument(path: "/mem/m.kalkyl", text: model, version: 1, buffers: MemorySources([:], fallback: nil))
    }

    static func hover(_ document: ModelDocument, on text: String) async throws -> String {
        let offset = model.utf8.distance(from: model.utf8.startIndex, to: model.range(of: text)!.lowerBound)
        return try #require(await document.hover(at: offset + 1)).markdown
    }

    /// What eval's table shows as `name`'s year, read from the table itself.
    static func evalYear(_ document: ModelDocument, _ name: String) async throws -> [String] {
        let report = try #require(await document.session?.evalReport(names: [name]))
        let model = try #require(await document.model)
        let table = report.table(model: model)
        return table.split(separator: "\n").filter { ($0.hasPrefix(name) || $0.hasPrefix("  ")) && !$0.contains("2021-01") }
            .map { String($0.split(separator: " ").last!) }
    }

    @Test func aHeadcountsYearIsItsClosingMonthAsEvalShows() async throws {
        let document = await Self.document()
        let year = try await Self.evalYear(document, "employees")
        #expect(year == ["139"], "\(year)")
        let hover = try await Self.hover(document, on: "employees[month]")
        #expect(hover.contains("2021-12  139\n2021     139\n"), "\(hover)")
        #expect(!hover.contains("1 662"), "\(hover)")
        #expect(hover.contains("the year's last month (a stock)"), "\(hover)")
    }

    @Test func aHeadcountByUnitShowsEachUnitsYearAndTheirSum() async throws {
        let document = await Self.document()
        let year = try await Self.evalYear(document, "staff")
        #expect(year.suffix(2) == ["69,5", "69,5"], "\(year)")   // after the heading row
        let hover = try await Self.hover(document, on: "staff[unit")
        #expect(hover.contains("Datacenter  69,5\nNätverk     69,5\ntotal        139\n"), "\(hover)")
    }

    @Test func theHintsShowTheYearAsEvalTotalsIt() async throws {
        let document = await Self.document()
        let hints = await document.inlayHints(from: 0, to: Self.model.utf8.count).map(\.label)
        #expect(hints == [
            "= 137",
            "2021 Σ: 2 · 2021-12: 0",
            "2021 closing: 139 · 2021-12: 139",
            "2021 closing: 139 over 2 members",
            "2021 Σ: 12 000 · 2021-12: 1 000",
            "2 members, no year total",
        ], "\(hints)")
    }

    @Test func aPercentByUnitShowsEachUnitsLastMonthAndNoSum() async throws {
        let document = await Self.document()
        let hover = try await Self.hover(document, on: "share[unit")
        #expect(hover.contains("Datacenter 2021-12  40 %\nNätverk 2021-12     40 %\n"), "\(hover)")
        #expect(!hover.contains("\ntotal"), "\(hover)")
    }

    /// A price per hour has no year, as eval shows none: the hover and hints added 850 up to
    /// 10 200, a price per member up to 1 800.
    @Test func aPricePerHourHasNoTotalInTheHoverOrTheHints() async throws {
        let model = """
            timeline monthly 2026-01 .. 2026-12
            dimension konsult = Anna, Bertil
            input timpris[month]: kr/h = 850
            input pris[konsult]: kr/h = 900

            """
        let document = await ModelDocument(path: "/mem/p.kalkyl", text: model, version: 1, buffers: MemorySources([:], fallback: nil))
        let hints = await document.inlayHints(from: 0, to: model.utf8.count).map(\.label)
        #expect(hints == ["2026-12: 850", "2 members"], "\(hints)")
        for name in ["timpris[month]", "pris[konsult]"] {
            let offset = model.utf8.distance(from: model.utf8.startIndex, to: model.range(of: name)!.lowerBound)
            let hover = try #require(await document.hover(at: offset + 1)).markdown
            #expect(!hover.contains("10 200") && !hover.contains("1 800") && !hover.contains("\ntotal"), "\(hover)")
        }
    }
}
