// The fuzz harnesses' one entry, shared by the libFuzzer binary (scripts/fuzz.sh compiles this
// file with Fuzz/FuzzMain.swift) and by FuzzCorpusTests, which replays the committed corpus
// (Fuzz/corpus) in every test run. Only the engine's public API: what a front end can reach.
// Each target must never crash, trap, hang or read out of bounds, whatever the bytes.

import Foundation
import Kalkyl
import KalkylXLSX

/// The part of the engine one run fuzzes.
enum FuzzTarget: String, CaseIterable, Sendable {
    case parser, check, eval, csv, stream, sie, siestream, layout, export

    /// Where its committed corpus lives: Fuzz/corpus/TARGET.
    static let corpusFolder = "Fuzz/corpus"
}

/// What every run of one target shares, read once: the example data files a fuzzed model may
/// name (`data/…`, beside the model, as in formulas/), and for layouts an example model.
final class FuzzContext: Sendable {
    let target: FuzzTarget
    let dataFiles: [String: [UInt8]]
    let modelPath = "/fuzz/model.kalkyl"
    /// The example model a fuzzed layout is resolved against, checked once.
    let layoutModel: CheckedModel?

    /// Models past this many cells are parsed and checked, not evaluated or exported: the
    /// harness looks for crashes, and a legitimately large model is slow, not wrong.
    static let cellLimit = 20_000
    static let exportCellLimit = 4_000

    /// `root` is the repository: its formulas/data are the data files.
    init(target: FuzzTarget, root: String) {
        self.target = target
        var files: [String: [UInt8]] = [:]
        let folder = "\(root)/formulas/data"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            if let data = FileManager.default.contents(atPath: "\(folder)/\(name)") {
                files["/fuzz/data/\(name)"] = Array(data)
            }
        }
        dataFiles = files
        if target == .layout, let text = FileManager.default.contents(atPath: "\(root)/formulas/region-statements-2023.kalkyl") {
            let source = SourceText(bytes: Array(text), path: "/fuzz/model.kalkyl", as: .model)
            layoutModel = ModelLoader.load(source: source.file, sources: FuzzSources(files: files)).model
        } else {
            layoutModel = nil
        }
        writeStreamModels()
    }

    /// A fuzzed model, parsed and checked against the example data; nil when it is not text.
    func load(_ bytes: [UInt8]) -> LoadedModel? {
        let text = SourceText(bytes: bytes, path: modelPath, as: .model)
        guard text.problem == nil else { return nil }
        return ModelLoader.load(source: text.file, sources: FuzzSources(files: dataFiles))
    }

    /// One input through the target.
    func run(_ bytes: [UInt8]) {
        switch target {
        case .parser:
            // The lexer and parser: a model file's bytes, decoded as `kalkyl` decodes them.
            _ = Parser.parse(SourceText(bytes: bytes, path: modelPath, as: .model).file)
        case .check:
            // Parsing, checking and ordering, with the example data files.
            _ = load(bytes)
        case .eval:
            evaluate(bytes)
        case .csv:
            // The CSV reader: every encoding, separator and quoting; each row's cells.
            let table = DataTable.parse(bytes: bytes, path: "/fuzz/data.csv")
            for row in table.rows.prefix(64) { _ = row }
        case .stream:
            streamed(bytes)
        case .sie:
            _ = SIEFile(bytes: bytes, path: "/fuzz/data.se")
        case .siestream:
            sieStreamed(bytes)
        case .layout:
            // The layout parser, then the layout resolved against an example model.
            let file = SourceText(bytes: bytes, path: "/fuzz/pack.layout", as: .layout).file
            _ = LayoutParser.parse(file)
            if let layoutModel { _ = ReportLayout.resolve(file, model: layoutModel) }
        case .export:
            export(bytes)
        }
    }

    /// A checked model evaluated in full, in every scenario, then its JSON report.
    func evaluate(_ bytes: [UInt8]) {
        guard let loaded = load(bytes), let model = loaded.model, let order = loaded.order else { return }
        let evaluation = Evaluation(model: model, order: order)
        guard evaluation.cellCount <= Self.cellLimit else { return }
        evaluation.evaluateAll()
        for scenario in model.scenarios {
            let (forked, _) = evaluation.fork(scenario: scenario)
            for slot in model.definitions.indices { _ = forked.values(of: slot) }
        }
        let sink = ByteSink(chunk: 1 << 16) { _ in }
        EvalReport.writeJSON(evaluation: evaluation, slots: Array(model.definitions.indices), to: sink)
        sink.finish()
    }

    /// The models a fuzzed ledger is read by (its first byte picks one): `long` statements over
    /// the one file, alone or several with other keys, amounts, `sum` or not, so that the file is
    /// read as its records pass, once for all of them (`DataFiles.streamable`).
    static let streamModels: [String] = {
        let head = """
        timeline monthly 2024-01 .. 2024-12
        dimension ansvar = "521010", "521020", "521030", "10", "11"
        dimension konto = "3110", "4610", "5010", "6110", "3010", "3011"

        """
        let statement = { (name: String, keys: String, amount: String, options: String) in
            "input \(name)[\(keys.lowercased()), month] = data \"gl.csv\" long key \(keys) period Period amount \(amount)\(options)\n"
        }
        return [
            head + statement("a", "Ansvar", "Belopp", " sum missing 0"),
            head + statement("a", "Ansvar, Konto", "Belopp", " sum missing 0") + statement("b", "Konto", "Belopp", " sum"),
            head + statement("a", "Ansvar", "Belopp", "") + statement("b", "Ansvar, Konto", "Budget", " sum missing 0")
                + statement("c", "Konto", "Belopp", " sum missing 0"),
        ]
    }()

    /// A folder of this context's own for the ledger and its models, which must be on disk:
    /// only a file on disk is read as it passes. Not one per process: the corpus tests run the
    /// `stream` and `siestream` targets at once, and one's model overwrote the other's
    /// (a SIE warning in the CSV ledger's diagnostics, a trap in a landing run).
    let streamFolder = NSTemporaryDirectory() + "kalkyl-fuzz-stream-\(getpid())-\(UUID().uuidString)"

    /// The stream targets' models, written into `streamFolder` once when the context is made
    /// (`model-N.kalkyl` for the Nth of `streamModels`, `sie-model-N.kalkyl` of `sieModels`):
    /// only the fuzzed data file changes from one execution to the next.
    private func writeStreamModels() {
        let models: [(String, String)]
        switch target {
        case .stream: models = Self.streamModels.enumerated().map { (streamModelPath(csv: $0.offset), $0.element) }
        case .siestream: models = Self.sieModels.enumerated().map { (streamModelPath(sie: $0.offset), $0.element) }
        default: return
        }
        try? FileManager.default.createDirectory(atPath: streamFolder, withIntermediateDirectories: true)
        for (path, text) in models { FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) }
    }

    /// The corpus tests make a context per target in every test run: its folder goes with it.
    deinit { try? FileManager.default.removeItem(atPath: streamFolder) }

    private func streamModelPath(csv index: Int) -> String { streamFolder + "/model-\(index).kalkyl" }
    private func streamModelPath(sie index: Int) -> String { streamFolder + "/sie-model-\(index).kalkyl" }

    /// A fuzzed ledger read from disk by `long` statements, as its records pass, against the
    /// same bytes read whole from memory: the values and the diagnostics must be the same, or
    /// the stream gave a number (or a silence) the whole read does not.
    func streamed(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let index = Int(first) % Self.streamModels.count
        diskAgainstMemory(model: Self.streamModels[index], at: streamModelPath(csv: index), file: "gl.csv", Array(bytes.dropFirst()))
    }

    /// The models a fuzzed SIE file is read by (its first byte picks one): its vouchers by
    /// cost centre and account, with its balances and budgets, with members given or read from
    /// the file's own `#OBJEKT` and `#KONTO`, and its opening balances by account.
    static let sieModels: [String] = {
        let head = "timeline monthly 2024-01 .. 2024-12\n"
        let given = "dimension ansvar = \"521010\", \"521020\", \"521030\", \"521040\", \"1\"\ndimension konto = \"3110\", \"3910\", \"4610\", \"5010\", \"5110\", \"5510\", \"6110\", \"6410\", \"7010\", \"3000\"\n"
        let fromFile = "dimension ansvar from \"gl.se\" sie 1\ndimension konto from \"gl.se\" sie account 3000 .. 8999\n"
        let input = { (name: String, record: String) in
            "input \(name)[ansvar, konto, month]: kr = data \"gl.se\" sie \(record) key 1, account missing 0\n"
        }
        return [
            head + given + input("u", "vouchers"),
            head + given + input("u", "vouchers") + input("s", "psaldo") + input("b", "pbudget"),
            head + fromFile + input("u", "vouchers") + input("s", "psaldo"),
            head + given + input("u", "vouchers") + "input i[konto]: kr = data \"gl.se\" sie ib key account missing 0\n",
        ]
    }()

    /// A fuzzed SIE file read from disk as it passes (`SIEStream`) against the same bytes read
    /// whole from memory: values, diagnostics and whether the model checks must be the same.
    func sieStreamed(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let index = Int(first) % Self.sieModels.count
        diskAgainstMemory(model: Self.sieModels[index], at: streamModelPath(sie: index), file: "gl.se", Array(bytes.dropFirst()))
    }

    /// `model` (written at `modelPath` when the context was made) reading `data` as `file` from
    /// the disk, which reads it as it passes, and from memory, which reads it whole: a difference
    /// of diagnostics, of whether the model checks or of any value traps.
    func diskAgainstMemory(model: String, at modelPath: String, file: String, _ ledger: [UInt8]) {
        let ledgerPath = streamFolder + "/" + file
        guard FileManager.default.createFile(atPath: ledgerPath, contents: Data(ledger)) else { return }
        defer { unlink(ledgerPath) }
        guard let fromDisk = try? ModelLoader.load(path: modelPath) else { return }
        let memory = FuzzSources(files: [modelPath: Array(model.utf8), ledgerPath: ledger])
        let whole = ModelLoader.load(source: SourceText(bytes: Array(model.utf8), path: modelPath, as: .model).file, sources: memory)
        let streamedText = DiagnosticRenderer.render(fromDisk.diagnostics), wholeText = DiagnosticRenderer.render(whole.diagnostics)
        guard streamedText == wholeText else {
            fatalError("the stream's diagnostics differ from the whole read's:\n\(streamedText)\n---\n\(wholeText)")
        }
        guard let a = fromDisk.model, let aOrder = fromDisk.order, let b = whole.model, let bOrder = whole.order else {
            if (fromDisk.model == nil) != (whole.model == nil) { fatalError("the stream and the whole read disagree on whether the model checks") }
            return
        }
        let streamedValues = Evaluation(model: a, order: aOrder), wholeValues = Evaluation(model: b, order: bOrder)
        streamedValues.evaluateAll()
        wholeValues.evaluateAll()
        for slot in a.definitions.indices where !streamedValues.values(of: slot).isIdentical(to: wholeValues.values(of: slot)) {
            fatalError("the stream gives '\(a.definitions[slot].name)' other values than the whole read")
        }
    }

    /// A checked model written as a workbook with every scenario, to a temporary file.
    func export(_ bytes: [UInt8]) {
        guard let loaded = load(bytes), let model = loaded.model, let order = loaded.order else { return }
        guard Evaluation(model: model, order: order).cellCount <= Self.exportCellLimit else { return }
        var options = WorkbookExport.Options()
        options.scenarios = model.scenarios
        options.created = Date(timeIntervalSince1970: 0)
        let path = NSTemporaryDirectory() + "kalkyl-fuzz-export-\(getpid())-\(UInt64.random(in: 0 ... .max)).xlsx"
        // A workbook the model cannot make (a formula past Excel's limits) is an error, not a crash.
        _ = try? WorkbookExport(model: model, order: order, options: options).write(to: path)
        unlink(path)
    }
}

/// Files in memory, bytes as they are (a SIE file is not UTF-8); nothing on disk.
struct FuzzSources: SourceProvider {
    var files: [String: [UInt8]]
    func contents(of path: String) throws(SourceReadError) -> [UInt8] {
        guard let bytes = files[MemorySources.standardized(path)] else { throw .notFound }
        return bytes
    }
}
