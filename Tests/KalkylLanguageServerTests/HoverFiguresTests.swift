import Foundation
import Kalkyl
@testable import KalkylLanguageServer
import Testing

/// The hover and the inlay hints write a figure as eval's table writes the cell (`ValueFormat`):
/// a `%` had one decimal (12,75 % read `12.8 %`), a Swedish model's numbers a decimal point, a
/// period its date number (`46 082` for 2026-03), a year a space (`2 026`).
@Suite struct HoverFiguresTests {
    static let model = """
        model "Lön och hyra"
        timeline monthly 2026-01 .. 2026-03
        input andel: % = 12.75%
        input closed = 2026-03
        input lon: kr = 40000.5
        fy = YEAR(closed)
        kost[month]: kr = lon * (1 + andel)

        """

    static func document() async -> ModelDocument {
        await ModelDocument(path: "/mem/m.kalkyl", text: model, version: 1, buffers: MemorySources([:], fallback: nil))
    }

    @Test func hintsWriteEachFigureAsEvalDoes() async throws {
        let document = await Self.document()
        let hints = await document.inlayHints(from: 0, to: Self.model.utf8.count).map(\.label)
        #expect(hints == ["= 12,75 %", "= 2026-03", "= 40 000,5", "= 2026", "2026 Σ: 135 302 · 2026-03: 45 101"], "\(hints)")
    }

    @Test func theHoverTableWritesAPercentWithTheDecimalsItNeeds() async throws {
        let document = await Self.document()
        let offset = Self.model.utf8.distance(from: Self.model.utf8.startIndex, to: Self.model.range(of: "andel:")!.lowerBound)
        let hover = try #require(await document.hover(at: offset + 1)).markdown
        #expect(hover.contains("value  12,75 %\n"), "\(hover)")
    }
}
