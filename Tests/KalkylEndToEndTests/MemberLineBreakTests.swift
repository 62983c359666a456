import Foundation
import Testing

/// Issue 10: a member with a line break in its code or name stays on its line in every report
/// that prints it, escaped as a text is (`\n`, `\r`, quotes and backslashes as JSON writes
/// them). CSV keys with a line break are refused, but a member's name read from a quoted CSV
/// cell can hold one, and a SIE code can hold a carriage return; both broke the lines of eval's
/// table, explain, diff, check's messages and watch.
@Suite struct MemberLineBreakTests {
    /// A SIE file whose cost centre `A<CR>B` has a voucher line, and a model reading it, with a
    /// check that fails in that cell and a scenario that changes it.
    static let sie = "#FLAGGA 0\n#FORMAT PC8\n#SIETYP 4\n#RAR 0 20240101 20241231\n#DIM 1 \"Kst\"\n"
        + "#OBJEKT 1 \"A\rB\" \"Norr\"\n#OBJEKT 1 \"E\" \"Syd\"\n#KONTO 3110 \"Intakter\"\n#KONTO 1930 \"Bank\"\n"
        + "#VER A 1 20240105 \"x\"\n{\n#TRANS 3110 {1 \"A\rB\"} -100.00\n#TRANS 1930 {1 \"E\"} 100.00\n}\n"
    static let sieModel = """
    timeline monthly 2024-01 .. 2024-01
    dimension ansvar from "g.se" sie 1
    dimension konto from "g.se" sie account 1000 .. 8999
    input u[ansvar, konto, month]: kr = data "g.se" sie vouchers key 1, account missing 0
    check small[ansvar, konto, month]: u > -50
    scenario up {
      u = 5
    }
    """

    func sieFolder() throws -> (folder: URL, model: String) {
        let model = try KalkylBinary.temporaryModel(Self.sieModel)
        let folder = URL(fileURLWithPath: model).deletingLastPathComponent()
        try Data(Self.sie.utf8).write(to: folder.appendingPathComponent("g.se"))
        return (folder, model)
    }

    @Test func aSIECodeWithACarriageReturnStaysOnItsLine() throws {
        let (folder, model) = try sieFolder()
        let eval = try KalkylBinary.run(["eval", model, "--format", "table"], in: folder)
        #expect(eval.stdout.contains("\n  A\\rB Norr · 3110 Intakter  "), "\(eval.stdout)")
        // The name explain prints reads back: the escape typed as printed finds the cell.
        let explain = try KalkylBinary.run(["explain", model, "u[\"A\\rB\", 3110, 2024-01]", "--format", "table"], in: folder)
        #expect(explain.status == 0, "\(explain.stderr)")
        #expect(explain.stdout.contains("u[\"A\\rB\", 3110, 2024-01] = -100 kr — A\\rB Norr, 3110 Intakter"), "\(explain.stdout)")
        let diff = try KalkylBinary.run(["diff", model, "--scenario", "up"], in: folder)
        #expect(diff.stdout.contains("\n  2024-01, A\\rB, 3110  "), "\(diff.stdout)")
        let check = try KalkylBinary.run(["check", model], in: folder)
        #expect((check.stdout + check.stderr).contains("check 'small' fails in 2024-01, A\\rB, 3110"), "\(check.stdout)\(check.stderr)")
        for run in [eval, explain, diff, check] {
            #expect(!(run.stdout + run.stderr).contains("\r"), "a raw carriage return: \(run.stdout)\(run.stderr)")
        }
    }

    @Test func watchShowsASIECodeWithACarriageReturnOnItsLine() throws {
        let (folder, model) = try sieFolder()
        let watch = try WatchProcess(model)
        let started = watch.waitFor("Ctrl-C to stop")
        try Data(Self.sie.replacingOccurrences(of: "100.00", with: "150.00").utf8).write(to: folder.appendingPathComponent("g.se"))
        let reported = watch.waitFor("(-50 kr)")
        let text = watch.stop()
        #expect(started && reported, "\(text)")
        #expect(text.contains("\n  u[A\\rB, 3110, 2024-01]  -100 kr → -150 kr  (-50 kr)\n"), "\(text)")
        #expect(!text.contains("\r"), "a raw carriage return: \(text)")
    }

    /// A member's name read from a quoted CSV cell with a line break in it.
    @Test func aMemberNameWithALineBreakStaysOnItsLine() throws {
        let model = try KalkylBinary.temporaryModel("""
        timeline monthly 2021-01 .. 2021-01
        dimension k from "n.csv" key k name n
        input v[k] = column v
        total = SUM(v[k])
        """)
        let folder = URL(fileURLWithPath: model).deletingLastPathComponent()
        try "k;n;v\nA;\"rad ett\nrad två\";1\nB;Bee;2\n".write(to: folder.appendingPathComponent("n.csv"), atomically: true, encoding: .utf8)
        let eval = try KalkylBinary.run(["eval", model, "--format", "table"], in: folder)
        #expect(eval.stdout.contains("\nv\n  A rad ett\\nrad två  1\n  B Bee               2\n"), "\(eval.stdout)")
        let explain = try KalkylBinary.run(["explain", model, "total", "--format", "table"], in: folder)
        #expect(explain.stdout.contains("v[A] = 1 — A rad ett\\nrad två\n"), "\(explain.stdout)")
    }

    /// Unicode's other line breaks (U+0085, U+2028, U+2029) in a member's code (a quoted
    /// member of the model's own list) or name (a CSV name cell: a CSV key with one is refused
    /// as a line break) are escaped as `\u0085`, `\u2028` and `\u2029` wherever they are
    /// printed, and explain reads the escaped name back.
    @Test func unicodeLineSeparatorsInAMemberAreEscaped() throws {
        let source = { (x: Int) in """
        timeline monthly 2021-01 .. 2021-01
        dimension k from "n.csv" key k name n
        dimension unit = "A\u{2028}B", "C\u{2029}D", "E\u{85}F"
        input v[k] = column v
        input x[unit] = \(x)
        total = SUM(v[k]) + SUM(x[unit])
        """ }
        let model = try KalkylBinary.temporaryModel(source(1))
        let folder = URL(fileURLWithPath: model).deletingLastPathComponent()
        try "k;n;v\nA;Na\u{85}me;1\nB;Line\u{2028}Para\u{2029};2\n".write(to: folder.appendingPathComponent("n.csv"), atomically: true, encoding: .utf8)
        let eval = try KalkylBinary.run(["eval", model, "--format", "table"], in: folder)
        #expect(eval.stdout.contains("\n  A Na\\u0085me     "), "\(eval.stdout)")
        #expect(eval.stdout.contains("\n  B Line\\u2028Para\\u2029  2\nx\n  A\\u2028B     "), "\(eval.stdout)")
        #expect(eval.stdout.contains("\n  C\\u2029D     ") && eval.stdout.contains("\n  E\\u0085F     "), "\(eval.stdout)")
        // The name explain prints reads back: the escape typed as printed finds the cell.
        let explain = try KalkylBinary.run(["explain", model, "x[\"C\\u2029D\"]", "--format", "table"], in: folder)
        #expect(explain.status == 0, "\(explain.stderr)")
        #expect(explain.stdout.contains("\nx[\"C\\u2029D\"] = 1\n"), "\(explain.stdout)")
        let total = try KalkylBinary.run(["explain", model, "total", "--format", "table"], in: folder)
        #expect(total.stdout.contains("v[B] = 2 — B Line\\u2028Para\\u2029"), "\(total.stdout)")
        #expect(total.stdout.contains("x[\"A\\u2028B\"] = 1"), "\(total.stdout)")
        let watch = try WatchProcess(model, in: folder)
        let started = watch.waitFor("Ctrl-C to stop")
        try source(5).write(toFile: model, atomically: true, encoding: .utf8)
        let reported = watch.waitFor("total")
        let text = watch.stop()
        #expect(started && reported, "\(text)")
        #expect(text.contains("\n  x[A\\u2028B]  1 → 5  (+4)\n"), "\(text)")
        #expect(text.contains("\n  x[E\\u0085F]  1 → 5  (+4)\n"), "\(text)")
        for output in [eval.stdout, eval.stderr, explain.stdout, explain.stderr, total.stdout, text] {
            #expect(!output.unicodeScalars.contains { [0x85, 0x2028, 0x2029].contains($0.value) }, "a raw line separator: \(output)")
        }
    }
}
