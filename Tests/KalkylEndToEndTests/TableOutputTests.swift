import Foundation
import Testing

/// `kalkyl eval`'s table for people: long Swedish labels are kept whole as far as they fit.
@Suite struct TableOutputTests {
    @Test func longLabelsAreKeptUpToSixtyFourCharactersInAPipe() throws {
        let path = try KalkylBinary.temporaryModel("""
        timeline yearly 2022 .. 2023
        ## Generella statsbidrag och utjämning, avvikelse mot budget 2023
        input grants: mnkr = 46
        ## Summa eget kapital, avsättningar och skulder enligt balansräkningen per 31 december
        input total[year]: mnkr = 13_630
        """)
        let run = try KalkylBinary.run(["eval", path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Generella statsbidrag och utjämning, avvikelse mot budget 2023  46 mnkr"), "\(run.stdout)")
        #expect(run.stdout.contains("Summa eget kapital, avsättningar och skulder enligt balansräkni…  mnkr  13 630  13 630"), "\(run.stdout)")
    }

    /// A year is written as one: 2022, not grouped by thousands as an amount is.
    @Test func yearsAreNotGroupedByThousands() throws {
        let path = try KalkylBinary.temporaryModel("""
        timeline monthly 2021-06 .. 2021-07
        fiscal year starts 07
        fy[month] = FISCAL_YEAR(month)
        input staff[month]: persons = 2_022
        """)
        let run = try KalkylBinary.run(["eval", path])
        #expect(run.stdout.contains("fy                 2021     2022"), "\(run.stdout)")
        #expect(run.stdout.contains("staff  persons    2 022    2 022"), "\(run.stdout)")
    }

    /// Issue 10: a text with a line break (a quoted CSV field) stays on its line in the eval
    /// table and in explain, escaped as JSON writes it, as watch shows it; it broke the table's
    /// row in two.
    @Test func aTextWithALineBreakStaysOnItsLine() throws {
        let path = try KalkylBinary.temporaryModel("""
        timeline monthly 2021-01 .. 2021-01
        dimension k from "t.csv" key k
        input t[k] = column t
        """)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try "k;t\nA;\"rad ett\nrad två\"\nB;\"a\\b\"\n".write(to: folder.appendingPathComponent("t.csv"), atomically: true, encoding: .utf8)
        let eval = try KalkylBinary.run(["eval", path])
        #expect(eval.status == 0, "\(eval.stderr)")
        #expect(eval.stdout.contains("\n  A  rad ett\\nrad två\n  B              a\\\\b\n"), "\(eval.stdout)")
        let explain = try KalkylBinary.run(["explain", path, "t[A]"])
        #expect(explain.stdout.contains("t[A] = \"rad ett\\nrad två\"\n"), "\(explain.stdout)")
    }
}
