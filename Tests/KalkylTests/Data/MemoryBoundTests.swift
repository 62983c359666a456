import Testing
@testable import Kalkyl

/// The estimates that refuse a read before its memory is taken (docs/reliability.md, "Memory
/// kept bounded"): a model's cells weighed by what a cell read from a data file takes, and a
/// data file's text and offsets weighed before the offsets are taken. The catalogue runs the
/// same refusals through the binary under `ulimit -v`; here the memory is given.
struct MemoryBoundTests {
    static let file = SourceFile(path: "model.kalkyl", text: "")

    /// The definitions of a model's text, with their shapes over dimensions `a` and `b`.
    static func definitions(_ text: String) -> [(Definition, NameShape)] {
        let (syntax, _) = Parser.parse(SourceFile(path: "model.kalkyl", text: text))
        return syntax.statements.compactMap {
            guard case .definition(let d) = $0 else { return nil }
            return (d, NameShape(isSeries: true, isInput: d.isInput, dimensions: [0, 1]))
        }
    }

    /// Dimensions `a` and `b` of 1,000 members each: 12 million cells over 12 periods.
    static let dimensions = ["a", "b"].map { name in
        Dimension(name: name, members: (0..<1_000).map { "\(name)\($0)" }, location: SourceLocation(file: file, range: SourceRange(0, 0)))
    }

    static func problem(_ text: String, memory: Int, left: Int) -> Diagnostic? {
        ModelSize.problem(definitions(text), dimensions: dimensions, periods: 12, file: file, memory: memory, left: { left })
    }

    static let computed = "x[a, b, month] = 1\n"
    static let read = "input x[a, b, month]: kr = data \"d.csv\" wide key a, b\n"

    @Test func aCellReadFromADataFileWeighsThreeTimesAComputedOne() throws {
        // 12 million cells: 183 MiB computed, 550 MiB read from a file.
        let memory = 400 << 20
        #expect(Self.problem(Self.computed, memory: memory, left: memory) == nil)
        let problem = try #require(Self.problem(Self.read, memory: memory, left: memory))
        #expect(problem.code == .modelTooLarge)
        #expect(problem.message == "the model is too large to compute: its cells would take about 550 MiB, more than the 400 MiB left of the 400 MiB "
                + "kalkyl may use here, and 'x' alone has 12,000,000 (1,000 a × 1,000 b × 12 periods), read from a data file")
        #expect(Self.problem(Self.read, memory: 600 << 20, left: 600 << 20) == nil)
    }

    @Test func cellsReadFromAFileAreWeighedAgainstWhatIsLeft() throws {
        let memory = 1 << 30
        #expect(Self.problem(Self.read, memory: memory, left: 600 << 20) == nil)
        let problem = try #require(Self.problem(Self.read, memory: memory, left: 500 << 20))
        #expect(problem.message.contains("more than the 500 MiB left of the 1024 MiB kalkyl may use here"))
    }

    @Test func aModelOfComputedCellsIsLimitedByItsCountAlone() throws {
        // What is left is not measured: the count decides, as before.
        #expect(Self.problem(Self.computed, memory: 200 << 20, left: 0) == nil)
        let problem = try #require(Self.problem(Self.computed, memory: 100 << 20, left: 0))
        #expect(problem.message.hasPrefix("the model is too large to compute: it holds more than 6,553,600 cells, what the 100 MiB kalkyl may use here holds"))
    }

    @Test func anInputsCellsAreWeighedAgainstWhatIsLeftBeforeTheyAreMade() throws {
        let d = try #require(Self.definitions(Self.read).first?.0)
        #expect(ModelSize.dataCellsProblem(d, cells: 1_000_000, file: Self.file, memory: 1 << 30, left: { 48_000_000 }) == nil)
        let problem = try #require(ModelSize.dataCellsProblem(d, cells: 1_000_000, file: Self.file, memory: 1 << 30, left: { 47_999_999 }))
        #expect(problem.message == "the model is too large to compute: the 1,000,000 cells of 'x', read from a data file, would take about 46 MiB, "
                + "more than the 46 MiB left of the 1024 MiB kalkyl may use here")
        #expect(ModelSize.dataCellsProblem(d, cells: Int.max / 2, file: Self.file, memory: 1 << 30, left: { 1 << 30 }) != nil)
    }

    /// 100,000 rows of one short field under a header of two columns: 4 + 2 × 2 bytes of offsets a row.
    static let shortRows = Array(("a;b\n" + String(repeating: "1;2\n", count: 100_000)).utf8)

    @Test func aTableWhoseOffsetsWouldNotFitIsReadNoFurther() throws {
        let text = SourceText(bytes: Self.shortRows, path: "d.csv", as: .data)
        let whole = DataTable.parse(text)
        #expect(whole.wouldTake == nil)
        #expect(whole.rowCount == 100_000)
        let needed = Self.shortRows.count + 100_002 * DataTable.tableBytesPerRow(width: 2)
        #expect(DataTable.parse(text, keepLimit: needed).rowCount == 100_000)
        let refused = DataTable.parse(text, keepLimit: needed - 1)
        #expect(refused.wouldTake?.needed == needed)
        #expect(refused.rowCount == 0)
        #expect(refused.header.isEmpty)
    }

    @Test func rowsOfTheWrongFieldCountPastAThousandAreCountedInOneError() throws {
        let table = DataTable.parse(text: "a;b\n" + String(repeating: "1\n", count: DataTable.mostRowProblems + 5), path: "d.csv")
        #expect(table.diagnostics.count == DataTable.mostRowProblems + 1)
        let last = try #require(table.diagnostics.last)
        #expect(last.message == "this row and 4 more after it have more or fewer fields than the header has columns")
        #expect(last.location?.line == DataTable.mostRowProblems + 2)
    }

    @Test func aWideTablesLongRowsAreWeighedInEightBytesAField() {
        #expect(DataTable.tableBytesPerRow(width: 12) == 4 + 24)
        #expect(DataTable.tableBytesPerRow(width: 8_192) == 4 + 8 * 8_192)
    }

    /// 70,000 one-line definitions, four tokens each: weighed after 65,536 tokens at 512 bytes a
    /// token for the 280,000 or so the whole file has at that rate (137 MiB or so).
    @Test func aFileWhoseTokensWouldNotFitIsNotParsed() {
        let file = SourceFile(path: "model.kalkyl", text: (0..<70_000).map { "a\($0)=1\n" }.joined())
        let read = Lexer.tokenize(file, left: { 1 << 40 })
        #expect(!read.tooLarge && read.tokens.count == 280_001)
        let refused = Lexer.tokenize(file, left: { 100 << 20 })
        #expect(refused.tooLarge && refused.tokens.count == Lexer.weighEvery + 1 && refused.tokens.last?.kind == .end)
        #expect(refused.diagnostics.last?.code == .modelTooLarge)
        // Judged from the first 65,536 tokens (a0 to a16383, shorter lines than the rest's).
        let message = refused.diagnostics.last?.message ?? ""
        #expect(message.hasPrefix("the file is too large to read: its "), "\(message)")
        #expect(message.contains(" MiB in memory with what is made of them, judged from the first 22 % of it, more than the 100 MiB left"), "\(message)")
        #expect(Lexer.tokenize(file, left: { 200 << 20 }).tooLarge == false)
    }

    @Test func aSIEFileIsWeighedByItsLines() {
        #expect(SIEFile.lineCount(Array("#FLAGGA 0\n#SIETYP 4\n".utf8)) == 3)
        #expect(SIEFile.lineCount([]) == 1)
        #expect(SIEFile.bytesToRead(size: 1_000, lines: 10) == 3_000 + 10 * SIEFile.bytesPerLine)
    }
}
