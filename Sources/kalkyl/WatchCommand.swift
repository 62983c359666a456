import ArgumentParser
import Foundation
import Kalkyl
import KalkylXLSX

/// `kalkyl watch FILE`: recompute on every save and show what changed.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Recompute a model on every save and show what changed.",
        discussion: """
        Each save of the model, or of a data file it reads, is checked; while there are errors they are shown and the last good values are kept. Otherwise only what the edit reached is computed again: an edited formula's cells and the cells that read them, an edited input's changed cells (also those read from a data file) and their readers. With --export, the board pack is written at the start and again after every save without errors (a save of the layout too), each time to a temporary file renamed into place, so the workbook is never half-written; while there are errors it is left as it was. Stop with Ctrl-C.
        """
    )

    @ArgumentParser.Argument(help: "The model file.")
    var file: String

    @Option(name: .customLong("scenario"), help: ArgumentHelp("The scenario to follow.", valueName: "scenario"))
    var scenarios: [String] = []

    /// The one scenario asked for: a second `--scenario` was dropped without a word, and the
    /// figures were the last one's alone (red team, session 19, hunt19/t10). It is wrong usage.
    var scenario: String { scenarios.first ?? "base" }

    @Option(help: "How many changed cells to list after each save.")
    var limit: Int = 20

    @Option(help: ArgumentHelp("Write the board pack to this workbook, as export does, at the start and after every save without errors.", valueName: "OUT.xlsx"))
    var export: String?

    @Option(help: ArgumentHelp("The board-pack layout for --export (workbooks/*.layout); it is watched too.", valueName: "LAYOUT"))
    var layout: String?

    @Option(help: .hidden)
    var maxUpdates: Int?

    func validate() throws {
        if scenarios.count > 1 {
            throw ValidationError("name one scenario: watch computes one at a time, and scenarios are not stacked (\(scenarios.joined(separator: ", ")) were named); diff compares two")
        }
        if limit < 0 { throw ValidationError("--limit is how many changed cells to list: 0 or more, as in --limit 50") }
        if layout != nil && export == nil { throw ValidationError("--layout is the layout of --export; give --export OUT.xlsx too") }
    }

    func run() throws {
        // Paths given relative are to the folder watch started in, whatever is at its path at
        // each save: a folder moved away with watch inside it is not read on. Taken first, so
        // that a move while the model is first read and computed is not taken for the start.
        let home = FileManager.default.currentDirectoryPath
        let (first, model, order) = try loadOrExit(file)
        let selected = try selectScenario(scenario, in: model, command: "watch")
        // Each save is read as the first load was: through the model's provider (the disk).
        let sources = model.sources
        let watcher: FileWatcher
        do {
            // Each file compared with its status before the load read it: a write while the
            // model was first loaded is a save.
            watcher = try FileWatcher(paths: watchedFiles(dataFiles: []), read: first.filesAsRead)
            watcher.watch(dataFiles(of: model), read: first.filesAsRead)
        } catch let error as WatchError {
            printError("kalkyl watch: error: \(error.message)\n")
            throw ExitCode(3)
        }
        let clock = ContinuousClock()
        var evaluation = Evaluation(model: model, order: order, scenario: selected)
        let started = clock.now
        evaluation.evaluateAll()
        let data = model.dataFiles
        let reading = data.isEmpty ? "" : " (and \(data.joined(separator: ", ")))"
        say("watching \(file)\(reading): \(model.definitions.count) definitions, \(grouped(evaluation.cellCount)) cells, computed in \(EvalStats.milliseconds(seconds(clock.now - started))) ms; Ctrl-C to stop")
        writeBoardPack(model, order, time: timestamp())
        var updates = 0
        while maxUpdates.map({ updates < $0 }) ?? true {
            watcher.waitForChange()
            let time = timestamp()
            guard FileManager.default.changeCurrentDirectoryPath(home) else {
                if watcher.changedSinceWait() { continue }
                updates += 1
                say("[\(time)] the folder \(home) is not there; keeping the last good values")
                continue
            }
            let loaded: LoadedModel
            do {
                loaded = try ModelLoader.load(path: file, sources: sources)
            } catch {
                if watcher.changedSinceWait() { continue }   // read in the middle of a newer save: read that one
                updates += 1
                say("[\(time)] \(error.description); keeping the last good values")
                continue
            }
            watcher.watch(loaded.dataFilePaths, read: loaded.filesAsRead)   // a data statement may have been added, its file not made yet
            guard let newModel = loaded.model, let newOrder = loaded.order, !loaded.hasErrors else {
                if watcher.changedSinceWait() { continue }
                updates += 1
                report(loaded.diagnostics)
                say("[\(time)] \(file) has errors; keeping the last good values")
                continue
            }
            // The scenario named on the command line is part of what watch computes: a save
            // that lacks it (renamed, commented out, read mid-write) is an error, and the
            // scenario stays selected for the save that brings it back.
            if scenario != "base" && newModel.scenario(named: scenario) == nil {
                if watcher.changedSinceWait() { continue }
                updates += 1
                if !loaded.diagnostics.isEmpty { report(loaded.diagnostics) }
                printError("kalkyl watch: error: \(unknownScenario(scenario, in: newModel))\n")
                say("[\(time)] \(file) has errors; keeping the last good values")
                continue
            }
            // What the model reads now is what is watched: a file it reads no more is let go.
            watcher.watchOnly(watchedFiles(dataFiles: loaded.dataFilePaths + dataFiles(of: newModel)), read: loaded.filesAsRead)
            let t0 = clock.now
            let (next, edit) = evaluation.reconciled(with: newModel, order: newOrder, keeping: limit)
            let elapsed = seconds(clock.now - t0)
            // A save begun while this one was read and computed: what was read may be half of
            // it. Nothing is reported and the last values are kept; the newer save is read next.
            if watcher.changedSinceWait() { continue }
            updates += 1
            if !loaded.diagnostics.isEmpty { report(loaded.diagnostics) }
            let before = evaluation.model
            evaluation = next
            say(edit.withOrigins(from: evaluation, limit: limit).text(time: time, elapsed: EvalStats.milliseconds(elapsed), limit: limit,
                                                                      model: newModel, before: before))
            writeBoardPack(newModel, newOrder, time: time)
        }
    }

    /// With --export, the board pack of the model as it now is. The export writes a temporary
    /// file and renames it into place, so a reader never sees half a workbook; a layout with
    /// errors, or a workbook that cannot be written, is reported and the last one is kept.
    func writeBoardPack(_ model: CheckedModel, _ order: EvaluationOrder, time: String) {
        guard let export else { return }
        var options = WorkbookExport.Options()
        options.generator = "Kalkyl \(KalkylVersion.string)"
        do {
            if let layout {
                let (resolved, diagnostics) = try ReportLayout.load(path: layout, model: model)
                guard let resolved else {
                    report(diagnostics)
                    say("[\(time)] \(layout) has errors; \(export) is left as it was")
                    return
                }
                options.layout = resolved
            }
            options.sources = try WorkbookExport.sources(model: model)
            let summary = try WorkbookExport(model: model, order: order, options: options).write(to: export)
            say("[\(time)] wrote \(export) (\(grouped(summary.formulaCells)) formula cells)")
        } catch {
            say("[\(time)] could not write \(export): \(error); the last one is left as it was")
        }
    }

    /// The files watch follows: the model, the layout and these data files.
    func watchedFiles(dataFiles: [String]) -> [String] {
        [file] + (layout.map { [$0] } ?? []) + dataFiles
    }

    /// The data files the model reads, where they are read from (kept in the checked model).
    func dataFiles(of model: CheckedModel) -> [String] {
        model.dataFiles.map(model.dataFilePath)
    }

    func grouped(_ n: Int) -> String { HumanNumbers.format(Double(n), decimals: 0) }

    func timestamp() -> String {
        let f = DateFormatter()
        f.dateFormat = "HH:mm:ss"
        return f.string(from: Date())
    }

    /// Prints a line at once, so a terminal or a pipe sees it as it happens.
    func say(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
