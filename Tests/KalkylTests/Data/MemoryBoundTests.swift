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

    static func problem(_ text: String, memory: Int, left: Int, dropped: Int) -> Diagnostic? {
        ModelSize.problem(definitions(text), dimensions: dimensions, periods: 12, file: file, dropped: dropped, memory: memory, left: { left })
    }

    @Test func aStaffFilesColumnCellWeighsWhatWasMeasured() throws {
        // 12 million cells at 32 bytes: 367 MiB, where a wide input's take 550.
        let column = "input x[a, b, month]: kr = column v\n"
        #expect(Self.problem(column, memory: 400 << 20, left: 400 << 20) == nil)
        let problem = try #require(Self.problem(column, memory: 400 << 20, left: 360 << 20))
        #expect(problem.message.hasPrefix("the model is too large to compute: its cells would take about 367 MiB, more than the 360 MiB left"))
        #expect(problem.hint == "a cell read from a data file takes up to 48 bytes of memory while it is read (32 from a staff file's column), "
                + "any other 16; use fewer members or periods, or split the model")
    }

    /// Computed cells are made once the data files' texts are dropped; cells read from a file
    /// are made while they are held.
    @Test func computedCellsMayTakeTheRoomOfTheTextsDroppedBeforeThey() throws {
        // 183 MiB computed, 0.6 MiB read.
        var both = Self.definitions(Self.computed + "input y[a, month]: kr = data \"d.csv\" wide key a\n")
        both[1].1 = NameShape(isSeries: true, isInput: true, dimensions: [0])
        let memory = 1 << 30
        func problem(left: Int, dropped: Int) -> Diagnostic? {
            ModelSize.problem(both, dimensions: Self.dimensions, periods: 12, file: Self.file, dropped: dropped, memory: memory, left: { left })
        }
        let refused = try #require(problem(left: 150 << 20, dropped: 10 << 20))
        #expect(refused.message == "the model is too large to compute: its cells would take about 184 MiB, more than the 160 MiB left of the "
                + "1024 MiB kalkyl may use here once the data files' 10 MiB of text are freed, and 'x' alone has 12,000,000 (1,000 a × 1,000 b × 12 periods)")
        #expect(problem(left: 150 << 20, dropped: 40 << 20) == nil)
        // Read cells do not get that room: 550 MiB read against 500 left.
        let read = try #require(Self.problem(Self.read, memory: memory, left: 500 << 20, dropped: 100 << 20))
        #expect(read.message.contains("more than the 500 MiB left of the 1024 MiB kalkyl may use here, and 'x'"))
    }

    /// Once the inputs are read, the computed cells are weighed against what is left then, at
    /// what the evaluation's blocks take (9 bytes a cell, and a SUM's leaves and tree), with the
    /// block each input's cells are copied into and the dictionary of its texts.
    @Test func computedCellsAreWeighedAgainWhenTheInputsAreRead() throws {
        // 12 million computed cells: 103 MiB and a SUM's 4.3 MiB; an input of 12,000 cells read from a file.
        var both = Self.definitions(Self.computed + "input y[a, month] = data \"d.csv\" wide key a\n")
        both[1].1 = NameShape(isSeries: true, isInput: true, dimensions: [0])
        func problem(left: Int, inputs: [ModelSize.InputCopy] = []) -> Diagnostic? {
            ModelSize.computedCellsProblem(both, dimensions: Self.dimensions, periods: 12, file: Self.file, dropped: 10 << 20, inputs: inputs,
                                           memory: 1 << 30, left: { left }, leftForOneBlock: { left }, heapGrowth: 0, mapsLargeBlocks: false)
        }
        let computed = 12_000_000 * 9 + 187_500 * 24
        #expect(problem(left: computed - (10 << 20)) == nil)
        let refused = try #require(problem(left: computed - (10 << 20) - 1))
        #expect(refused.code == .modelTooLarge)
        #expect(refused.message == "the model is too large to compute: its computed cells would take about 108 MiB, more than the 108 MiB left of the "
                + "1024 MiB kalkyl may use here once its inputs are read and the data files' 10 MiB of text are freed, and 'x' alone has 12,000,000 "
                + "(1,000 a × 1,000 b × 12 periods)")
        #expect(refused.hint == "a computed cell takes 9 bytes of memory, its number and its kind; use fewer members or periods, or split the model")
        // 2,000,000 texts: a table of 4,194,304 slots of 24 bytes, and half that while it grew (144 MiB).
        #expect(ModelSize.textTableBytes(2_000_000) == 4_194_304 * 36 && ModelSize.textTableBytes(0) == 0 && ModelSize.textTableBytes(1) == 72)
        let names = ModelSize.InputCopy(cells: 2_000_000, kinds: true, texts: 2_000_000)
        #expect(problem(left: computed + 2_000_000 * 9 + 31_250 * 24 + 4_194_304 * 36 - (10 << 20), inputs: [names]) == nil)
        let texts = try #require(problem(left: 180 << 20, inputs: [names]))
        #expect(texts.message.contains("its computed cells would take about 108 MiB and the copies of its inputs' 2,000,000 cells (2,000,000 of them texts) "
                                       + "162 MiB, more than"), "\(texts.message)")
        // A column of numbers is copied at 8 bytes a cell: 2,000,000 of them and 108 MiB fit in 124.
        #expect(problem(left: computed + 2_000_000 * 8 + 31_250 * 24 - (10 << 20), inputs: [ModelSize.InputCopy(cells: 2_000_000)]) == nil)
        #expect(problem(left: computed + 2_000_000 * 8 + 31_250 * 24 - (10 << 20) - 1, inputs: [ModelSize.InputCopy(cells: 2_000_000)]) != nil)
        // A model reading no data file was limited by its count at check; nothing is weighed again.
        #expect(ModelSize.computedCellsProblem(Self.definitions(Self.computed), dimensions: Self.dimensions, periods: 12, file: Self.file,
                                               dropped: 0, memory: 1 << 30, left: { 0 }) == nil)
    }

    /// Blocks of their own and the heap's largest piece cannot go into the heap's free pieces:
    /// they are weighed against what is not in use, with the heap's growth for that piece. The
    /// catalogue's staff file of 600,000 names was let through by its total alone under `ulimit
    /// -v 360000` and aborted growing its texts' dictionary (25 MB).
    @Test func blocksOfTheirOwnAndTheLargestHeapPieceNeedMemoryNotInUse() throws {
        var staff = Self.definitions("cost[a, b, month] = 1\ninput v[a] = column v\n")
        staff[0].1 = NameShape(isSeries: true, isInput: false, dimensions: [0])   // 12,000 cells: on the heap
        staff[1].1 = NameShape(isSeries: false, isInput: true, dimensions: [0])
        let names = ModelSize.InputCopy(cells: 600_000, kinds: true, texts: 600_000)
        var weight = EvaluationWeight(mapsLargeBlocks: true)
        weight.block(cells: 600_000, kinds: true)
        weight.texts(600_000)
        // Its block of 4.8 MB is a mapping of its own; its texts' new table (2^20 slots) the largest heap piece.
        #expect(weight.mapped == 4_800_000 && weight.largestHeapPiece == 1_048_576 * 24)
        #expect(weight.unmapped(heapGrowth: 32 << 20) == 4_800_000 + 1_048_576 * 24 + (32 << 20))
        func problem(unused: Int) -> Diagnostic? {
            ModelSize.computedCellsProblem(staff, dimensions: Self.dimensions, periods: 12, file: Self.file, dropped: 0, inputs: [names],
                                           memory: 1 << 30, left: { 1 << 30 }, leftForOneBlock: { unused }, heapGrowth: 32 << 20, mapsLargeBlocks: true)
        }
        #expect(problem(unused: weight.unmapped(heapGrowth: 32 << 20)) == nil)
        let refused = try #require(problem(unused: weight.unmapped(heapGrowth: 32 << 20) - 1))
        #expect(refused.message.contains("of which 5 MiB in blocks of their own and 24 MiB at once from the heap, which grows 32 MiB beyond it, "
                                         + "more than the 61 MiB not in use of the 1024 MiB kalkyl may use here"), "\(refused.message)")
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
        // Weighed at a row a line (100,002 lines), and where that does not fit at a row a line with
        // something on it (100,000): 8 bytes a row, a long row's 96 for each 64 KiB of text, a sixteenth more.
        let text1 = Self.shortRows.count
        #expect(DataTable.offsetBytes(rows: 100_000, width: 2, textLength: text1) == (100_000 * 8 + 6 * 80) * 17 / 16)
        let needed = text1 + DataTable.offsetBytes(rows: 100_000, width: 2, textLength: text1)
        #expect(DataTable.parse(text, left: { needed - text1 }).rowCount == 100_000)
        let refused = DataTable.parse(text, left: { needed - text1 - 1 })
        #expect(refused.wouldTake?.needed == needed)
        #expect(refused.rowCount == 0)
        #expect(refused.header.isEmpty)
    }

    @Test func rowsOfTheWrongFieldCountPastAThousandAreCountedInOneError() throws {
        let table = DataTable.parse(text: "a;b\n" + String(repeating: "1\n", count: CappedDiagnostics.mostOfAKind + 5), path: "d.csv")
        #expect(table.diagnostics.count == CappedDiagnostics.mostOfAKind + 1)
        let last = try #require(table.diagnostics.last)
        #expect(last.message == "this row has 1 field, but the header has 2 (and 4 more errors like it after it, the last on line 1006: "
                + "only the first 1,000 of a kind are listed one by one)")
        #expect(last.location?.line == CappedDiagnostics.mostOfAKind + 2)
    }

    @Test func whatAReadKeepsARowBesidesTheTableIsWeighedBeforeItIsTaken() throws {
        var binding = DataBinding(file: Self.file)
        let table = DataTable.parse(text: "id;n\n" + (0..<1_000).map { "\($0);x\n" }.joined(), path: "s.csv")
        let fits = binding.rowsFit(table, path: "s.csv", bytesPerRow: 256, keeping: "the names of 'e'", at: SourceRange(0, 0), left: { 256_000 })
        #expect(fits && binding.diagnostics.isEmpty)
        let fitsInLess = binding.rowsFit(table, path: "s.csv", bytesPerRow: 256, keeping: "the names of 'e'", at: SourceRange(0, 0), left: { 255_999 })
        #expect(!fitsInLess)
        let refused = try #require(binding.diagnostics.last)
        #expect(refused.message.hasPrefix("the data file 's.csv' has 1,000 rows, and the names of 'e' read from them would take about 1 MiB in memory, "
                                          + "more than the 1 MiB left of the "))
        #expect(refused.isUnreadableFile && refused.code == .unreadableDataFile)
        let overflowing = binding.rowsFit(table, path: "s.csv", bytesPerRow: Int.max / 2, keeping: "the keys of 'x'", at: SourceRange(0, 0), left: { 1 << 40 })
        #expect(!overflowing)
    }

    /// Only a row of 64 KiB or more keeps its offsets in eight bytes a field as well, and a text
    /// holds one such row for each 64 KiB of it at most.
    @Test func aWideTablesLongRowsAreWeighedInEightBytesAField() {
        func withMargin(_ bytes: Int) -> Int { bytes + bytes / 16 }
        #expect(DataTable.offsetBytes(rows: 10, width: 12, textLength: 1_000) == withMargin(10 * (4 + 24)))
        #expect(DataTable.offsetBytes(rows: 3, width: 8_192, textLength: 3 * 16_384) == withMargin(3 * (4 + 2 * 8_192)))
        #expect(DataTable.offsetBytes(rows: 10, width: 100_000, textLength: 3 * 65_535)
                == withMargin(10 * (4 + 2 * 100_000) + 3 * (8 * 100_000 + DataTable.longRowEntry)))
        #expect(DataTable.offsetBytes(rows: Int.max / 2, width: 100_000, textLength: Int.max) == Int.max / 4)
    }

    /// A file of empty lines keeps its text alone: it is not refused for a row's offsets a line.
    @Test func emptyLinesAreNoRowsToMakeRoomFor() throws {
        let text = Array(("id\n" + String(repeating: "\n", count: 100_000) + "a\r\n\r\nb").utf8)
        #expect(DataTable.linesWithText(text, from: 3) == 2)
        #expect(DataTable.linesWithText(Array("a\n\nb\n".utf8), from: 0) == 2)
        let table = DataTable.parse(SourceText(bytes: text, path: "s.csv", as: .data), left: { 1_000 })
        #expect(table.wouldTake == nil)
        #expect(table.rowCount == 2)
        let refused = DataTable.parse(SourceText(bytes: text, path: "s.csv", as: .data), left: { 10 })
        #expect(refused.wouldTake?.needed == text.count + DataTable.offsetBytes(rows: 2, width: 1, textLength: text.count))
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
        #expect(SIEFile.bytesToRead(size: 1_000, lines: 10) == 2_000 + 5)
    }

    /// The whole read weighs what it keeps as it reads, and stops where the memory left could
    /// not take its voucher groups' array growing once more (as the stream does), or the places
    /// of every voucher once one is given twice; before, only a guess of 256 bytes a line was
    /// weighed before it, and the groups' growth not at all.
    @Test func aSIEFileReadWholeStopsWhereWhatIsLeftRunsOut() {
        let text = BadInputSIE.ownObjects(5_000)
        let read = SIEFile(bytes: Array(text.utf8), path: "d.se")
        #expect(read.tooMuch == nil && read.diagnostics.allSatisfy { $0.code == .sieNameMissing })
        let refused = SIEFile(bytes: Array(text.utf8), path: "d.se", left: { 8 << 20 })
        #expect(refused.tooMuch.map { $0.bytesRead < $0.size } == true && refused.diagnostics.isEmpty)

        // 5,000 vouchers and the first given again at the end: every voucher's place is made.
        let twice = text + "#VER A 1 20240115 \"\"\n{\n}\n"
        let whole = SIEFile(bytes: Array(twice.utf8), path: "d.se")
        #expect(whole.diagnostics.contains { $0.code == .voucherTwice })
        let limit = whole.keptBytes(lines: 0) - 5_000 * SIEFile.bytesPerFirstLine / 2
        let tooMany = SIEFile(bytes: Array(twice.utf8), path: "d.se", keepLimit: limit)
        #expect(tooMany.tooMuch != nil && tooMany.diagnostics.isEmpty)
    }
}

/// SIE files for the memory tests: `count` vouchers, each with an object of its own.
enum BadInputSIE {
    static func ownObjects(_ count: Int) -> String {
        "#FLAGGA 0\n#SIETYP 4\n#KONTO 3000 \"S\"\n#KONTO 1510 \"B\"\n#DIM 1 \"ks\"\n"
            + (0..<count).map { v in "#VER A \(v + 1) 2024\(v % 12 < 9 ? "0" : "")\(v % 12 + 1)15 \"\"\n{\n#TRANS 3000 {1 \"O\(v)\"} -1\n#TRANS 1510 {} 1\n}\n" }.joined()
    }
}
