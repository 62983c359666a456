import Foundation
@testable import Kalkyl
import Testing

/// A `%` input's data cells (issue 10): `50 %` and `0.5` read one way, a bare `50` does not
/// (HR systems export a degree of employment as `100`, `50`, `75`, which read as fractions were
/// 10,000 %, with exit 0). A bare number above 1 is refused at its cell, in every shape of
/// data file, unless the statement says its numbers are per cent (`in percent`).
@Suite struct PercentCellsTests {
    let fractions = NumberReader(decimalMark: .comma, percent: .fractions)
    let points = NumberReader(decimalMark: .comma, percent: .points)

    @Test(arguments: [("0,5", 0.5), ("1", 1), ("-1", -1), ("0", 0), ("50 %", 0.5), ("150 %", 1.5), ("-0,75", -0.75), ("(0,25)", -0.25)])
    func aFractionOrASignedNumberReadsOneWay(_ text: String, _ value: Double) throws {
        #expect(try fractions.read(text) == value)
    }

    @Test(arguments: ["100", "50", "1,5", "-5", "75,5", "1 000", "(2)", "1,5E+01"])
    func aBareNumberAboveOneIsRefused(_ text: String) {
        #expect(throws: NumberProblem.self) { try fractions.read(text) }
        #expect(fractions.readPlain(Array(text.utf8), 0..<text.utf8.count) == nil, "the plain path leaves it to read")
    }

    @Test func theMessageNamesBothReadingsAndTheHintWhatToWrite() {
        let problem = NumberProblem.barePercent("50", 50)
        #expect(problem.message == "'50' in a % input could be read two ways: as 50 %, or as 5000 %, since a number without '%' is a fraction (0.5 is 50 %)")
        #expect(problem.hint == "write '50 %' (or the fraction, 0.5 for 50 %); if the file gives every value in per cent without '%', add 'in percent' at the end of the data statement")
        #expect(problem.code == .barePercent)
    }

    /// `in percent`: `50` is exactly what `50 %` is, on the plain path and the other alike.
    @Test(arguments: ["50", "46,15", "100", "0,5", "-12", "2,2", "1 234,5", "33,333333333333333"])
    func inPercentABareNumberIsWhatItsSignedFormIs(_ text: String) throws {
        let signed = try #require(try NumberReader(decimalMark: .comma).read(text + " %"))
        #expect(try points.read(text) == signed)
        #expect(try points.read(text + "%") == signed)
        #expect(points.readPlain(Array(text.utf8), 0..<text.utf8.count) == nil)
    }

    @Test func aNumberThatIsNoPercentageReadsAsBefore() throws {
        let plain = NumberReader(decimalMark: .comma)
        #expect(try plain.read("100") == 100)
        #expect(plain.readPlain(Array("100".utf8), 0..<3) == 100)
        #expect(fractions.readPlain(Array("0,5".utf8), 0..<3) == 0.5)
    }

    // MARK: Every shape of data file

    static let model = "timeline monthly 2024-01 .. 2024-02\ndimension d = A, B, C\n"

    func load(_ statements: String, files: [String: String]) -> LoadedModel {
        var held = ["/m/model.kalkyl": Self.model + statements + "\n"]
        for (name, text) in files { held["/m/" + name] = text }
        return ModelLoader.load(source: SourceFile(path: "/m/model.kalkyl", text: held["/m/model.kalkyl"]!), sources: MemorySources(held, fallback: nil))
    }

    func rendered(_ loaded: LoadedModel) -> String { DiagnosticRenderer.render(loaded.diagnostics) }

    /// The cells the input `g` read, as numbers.
    func cells(_ model: CheckedModel) throws -> [Double?] {
        let slot = try #require(model.slot(named: "g"))
        return try #require(model.definitions[slot].data).map(\.number)
    }

    /// Each shape, with the bare numbers its file gives (`bare`), and the same file with `%`.
    static let shapes: [(name: String, statement: String, bare: String, signed: String, firstCell: String)] = [
        ("column", "dimension e from \"s.csv\" key id\ninput g[e]: % = column grad",
         "id;grad\nE1;100\nE2;50\nE3;75\n", "id;grad\nE1;100 %\nE2;50 %\nE3;75 %\n", "s.csv:2:4"),
        ("keyed", "input g[d]: % = data \"s.csv\" key id column grad",
         "id;grad\nA;100\nB;50\nC;75\n", "id;grad\nA;100 %\nB;50 %\nC;75 %\n", "s.csv:2:3"),
        ("two keys", "dimension k = X\ninput g[d, k]: % = data \"s.csv\" key id, k column grad",
         "id;k;grad\nA;X;100\nB;X;50\nC;X;75\n", "id;k;grad\nA;X;100 %\nB;X;50 %\nC;X;75 %\n", "s.csv:2:5"),
        ("wide", "input g[d, month]: % = data \"s.csv\" wide key id",
         "id;202401;202402\nA;100;90\nB;50;50\nC;75;75\n", "id;202401;202402\nA;100 %;90 %\nB;50 %;50 %\nC;75 %;75 %\n", "s.csv:2:3"),
        ("long", "input g[d, month]: % = data \"s.csv\" long key id period p amount grad",
         "id;p;grad\nA;202401;100\nB;202401;50\nC;202401;75\n", "id;p;grad\nA;202401;100 %\nB;202401;50 %\nC;202401;75 %\n", "s.csv:2:10"),
        ("long, summed", "input g[d, month]: % = data \"s.csv\" long key id period p amount grad sum",
         "id;p;grad\nA;202401;60\nA;202401;40\nB;202401;50\nC;202401;75\n",
         "id;p;grad\nA;202401;60 %\nA;202401;40 %\nB;202401;50 %\nC;202401;75 %\n", "s.csv:2:10"),
    ]

    @Test(arguments: 0..<6)
    func aBareNumberAboveOneIsAnErrorAtItsCell(_ shape: Int) throws {
        let s = Self.shapes[shape]
        let loaded = load(s.statement, files: ["s.csv": s.bare])
        #expect(loaded.model == nil, "\(s.name): refused")
        let first = try #require(loaded.diagnostics.first { $0.severity == .error }, "\(s.name)")
        #expect(first.code == .barePercent, "\(s.name): \(rendered(loaded))")
        #expect(DiagnosticRenderer.render(first).hasPrefix("/m/\(s.firstCell): error: '"), "\(s.name): \(rendered(loaded))")
        #expect(loaded.diagnostics.allSatisfy { $0.code == .barePercent }, "\(s.name): \(rendered(loaded))")
    }

    /// `in percent` reads the bare file as the file with `%` reads: the same bits in every cell.
    @Test(arguments: 0..<6)
    func inPercentReadsTheBareFileAsTheSignedOne(_ shape: Int) throws {
        let s = Self.shapes[shape]
        let signed = load(s.statement, files: ["s.csv": s.signed])
        let points = load(s.statement + " in percent", files: ["s.csv": s.bare])
        #expect(signed.diagnostics.isEmpty, "\(s.name): \(rendered(signed))")
        #expect(points.diagnostics.isEmpty, "\(s.name): \(rendered(points))")
        let a = try #require(signed.model), b = try #require(points.model)
        let signedCells = try cells(a)
        #expect(signedCells == (try cells(b)), "\(s.name)")
        #expect(signedCells.contains(1.0) && signedCells.contains(0.5), "\(s.name): \(signedCells)")
    }

    /// A column mixing `50 %` with bare numbers: the first bare number above 1 breaks it; the
    /// signed cells and a bare fraction read one way.
    @Test func aColumnMixingSignsAndBareNumbersIsAnErrorAtTheFirstBareOne() throws {
        let loaded = load("input g[d]: % = data \"s.csv\" key id column grad", files: ["s.csv": "id;grad\nA;50 %\nB;0,75\nC;50\n"])
        #expect(loaded.model == nil)
        expectDataDiagnostics(loaded.diagnostics, [("4:3", "50", "'50' in a % input could be read two ways: as 50 %, or as 5000 %")])
    }

    @Test func aColumnOfFractionsAndSignedNumbersReadsAsWritten() throws {
        let loaded = load("input g[d]: % = data \"s.csv\" key id column grad", files: ["s.csv": "id;grad\nA;50 %\nB;0,75\nC;1\n"])
        #expect(loaded.diagnostics.isEmpty, "\(rendered(loaded))")
        let model = try #require(loaded.model)
        #expect(try cells(model) == [0.5, 0.75, 1])
    }

    /// An assignment of a `%` input repeats no unit (`input g[X] = data …`): it reads as its
    /// input does, in a file read whole and in one read as it passes alike.
    @Test(arguments: [
        ("input g[X] = data \"s.csv\" key id column grad", "id;grad\nA;100\nB;50\nC;75\n"),
        ("input g[X] = data \"s.csv\" long key id period p amount grad", "id;p;grad\nA;202401;100\nB;202401;50\nC;202401;75\n"),
    ])
    func anAssignmentOfAPercentInputReadsAsItsInput(_ statement: String, _ file: String) throws {
        let series = statement.contains("long")
        let input = series ? "input g[k, d, month]: % = 0%" : "input g[k, d]: % = 0%"
        let loaded = load("dimension k = X, Y\n\(input)\n\(statement)", files: ["s.csv": file])
        #expect(loaded.model == nil)
        #expect(loaded.diagnostics.map(\.code) == [.barePercent, .barePercent, .barePercent], "\(rendered(loaded))")
        let points = load("dimension k = X, Y\n\(input)\n\(statement) in percent", files: ["s.csv": file])
        #expect(points.diagnostics.isEmpty, "\(rendered(points))")

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kalkyl-percent-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try file.write(to: folder.appendingPathComponent("s.csv"), atomically: true, encoding: .utf8)
        let path = folder.appendingPathComponent("m.kalkyl").path
        try (Self.model + "dimension k = X, Y\n\(input)\n\(statement)\n").write(toFile: path, atomically: true, encoding: .utf8)
        let fromDisk = try ModelLoader.load(path: path)
        #expect(fromDisk.diagnostics.map(\.code) == [.barePercent, .barePercent, .barePercent], "\(rendered(fromDisk))")
    }

    /// Without `%` the same column is amounts, as before.
    @Test func anInputThatIsNoPercentageReadsBareNumbersAsWritten() throws {
        let loaded = load("input g[d] = data \"s.csv\" key id column grad", files: ["s.csv": "id;grad\nA;100\nB;50\nC;75\n"])
        #expect(loaded.diagnostics.isEmpty, "\(rendered(loaded))")
        let model = try #require(loaded.model)
        #expect(try cells(model) == [100, 50, 75])
    }

    @Test(arguments: [
        ("input g[d] = data \"s.csv\" key id column grad in percent", "'in percent' reads the file's numbers as per cent, but 'g' is a plain number, not %"),
        ("input g[d]: kr = data \"s.csv\" key id column grad in percent", "'in percent' reads the file's numbers as per cent, but 'g' is kr, not %"),
    ])
    func inPercentOnAnInputThatIsNoPercentageIsAnError(_ statement: String, _ message: String) throws {
        let loaded = load(statement, files: ["s.csv": "id;grad\nA;100\nB;50\nC;75\n"])
        #expect(loaded.model == nil)
        #expect(loaded.diagnostics.map(\.message) == [message])
        #expect(loaded.diagnostics.first?.code == .inPercentOfNoPercentage)
        #expect(loaded.diagnostics.first.map(underlined) == "in percent")
    }

    @Test func inPercentMustSayPercent() {
        let loaded = load("input g[d]: % = data \"s.csv\" key id column grad in procent", files: ["s.csv": "id;grad\nA;1\n"])
        #expect(loaded.diagnostics.first?.message.hasPrefix("expected 'percent' after 'in'") == true, "\(rendered(loaded))")
    }

    /// The language server's cache keeps a read by how its numbers read: adding `%` to an
    /// input reads its column again (and finds the bare numbers), never the cells kept before.
    @Test func aCachedReadIsNotReusedOnceTheInputIsAPercentage() throws {
        let cache = CheckCache()
        let files = ["/m/s.csv": "id;grad\nA;100\nB;50\nC;75\n"]
        func check(_ statement: String) -> LoadedModel {
            let text = Self.model + statement + "\n"
            var held = files
            held["/m/model.kalkyl"] = text
            return ModelLoader.load(source: SourceFile(path: "/m/model.kalkyl", text: text), sources: MemorySources(held, fallback: nil), cache: cache)
        }
        #expect(check("input g[d] = data \"s.csv\" key id column grad").diagnostics.isEmpty)
        #expect(check("input g[d]: % = data \"s.csv\" key id column grad").diagnostics.map(\.code) == [.barePercent, .barePercent, .barePercent])
        let points = check("input g[d]: % = data \"s.csv\" key id column grad in percent")
        #expect(points.diagnostics.isEmpty)
        let model = try #require(points.model)
        #expect(try cells(model) == [1, 0.5, 0.75])
    }
}
