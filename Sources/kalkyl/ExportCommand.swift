import ArgumentParser
import Foundation
import Kalkyl
import KalkylXLSX

/// `kalkyl export FILE -o OUT.xlsx`: the model as a workbook of live formulas, for the board pack;
/// `--pdf OUT.pdf` the board pack as the board gets it.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the model as an Excel workbook of live formulas (.xlsx).",
        discussion: """
        The workbook has a Cover, the report sheets (from --layout, or a default report), an Inputs \
        and a Calc sheet (and one of each per --scenario), a Comparison of the scenarios, and the Checks. Every computed cell holds the Excel formula \
        translated from the model, with Kalkyl's value cached. The file is written to a temporary \
        file beside OUT and renamed into place when complete; the same model and data give the \
        same bytes unless --now is given.

        --pdf OUT.pdf writes the board pack as the board gets it: the cover and the report sheets,         A4, with page numbers, in the model's language, rendered by LibreOffice headless (soffice         on PATH). It goes with -o or without it; at least one of the two is needed.
        """
    )

    @ArgumentParser.Argument(help: "The model file.")
    var file: String

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("The workbook to write.", valueName: "OUT.xlsx"))
    var output: String?

    @Option(help: ArgumentHelp("The board pack as a PDF: the cover and the report sheets, rendered by LibreOffice.", valueName: "OUT.pdf"))
    var pdf: String?

    @Option(help: "A scenario to add, with its own sheets and a column in the comparison. Repeatable; base is always included.")
    var scenario: [String] = []

    @Option(name: .customLong("set"), help: ArgumentHelp("A what-if on an input, applied to base and every scenario: NAME=VALUE, NAME[PERIOD]=VALUE or NAME[FROM..TO]=VALUE. Repeatable.", valueName: "assignment"))
    var assignments: [String] = []

    @Option(help: ArgumentHelp("A board-pack layout (workbooks/*.layout): the report sheets, their rows, formats and charts. Without it, a default report of every formula.", valueName: "LAYOUT"))
    var layout: String?

    @Flag(help: "Stamp the current time as the creation time (the file then differs on every run).")
    var now = false

    func validate() throws {
        guard output != nil || pdf != nil else {
            throw ValidationError("give the workbook to write (-o/--output OUT.xlsx), the PDF (--pdf OUT.pdf), or both")
        }
        if let output, let pdf, URL(fileURLWithPath: output).standardizedFileURL == URL(fileURLWithPath: pdf).standardizedFileURL {
            throw ValidationError("-o and --pdf name the same file, \(pdf)")
        }
    }

    @OptionGroup var timeLimit: TimeLimitOption

    func run() throws {
        timeLimit.start()
        // Nothing is written when the PDF cannot be: no LibreOffice is known before the model is read.
        if let pdf, BoardPackPDF.soffice() == nil {
            printError("kalkyl export: error: could not write \(pdf): LibreOffice is not installed (no soffice on PATH); it renders the PDF: install libreoffice-calc-nogui\n")
            throw ExitCode(3)
        }
        let (_, model, order) = try loadOrExit(file)
        try refuseOverwritingAnInput(model: model)
        var options = WorkbookExport.Options()
        if let layout { options.layout = try loadLayout(layout, model: model) }
        for name in scenario {
            if let s = try selectScenario(name, in: model, command: "export") { options.scenarios.append(s) }
        }
        options.whatIfs = Array(zip(assignments, try parseWhatIfs(assignments, in: model)))
        options.generator = "Kalkyl \(KalkylVersion.string)"
        if now {
            options.created = Date()
        } else if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = Double(epoch), seconds >= 1 {
            options.created = Date(timeIntervalSince1970: seconds)   // the reproducible-builds convention
        }
        do {
            options.sources = try WorkbookExport.sources(model: model)
        } catch {
            printError("kalkyl export: error: \(error)\n")
            throw ExitCode(3)
        }

        let export = WorkbookExport(model: model, order: order, options: options)
        if let output { try writeWorkbook(export, to: output) }
        if let pdf { try writePDF(export, to: pdf) }
    }

    /// The workbook at `output`, with a progress bar on a terminal.
    func writeWorkbook(_ export: WorkbookExport, to output: String) throws {
        let bar = ProgressBar(label: "Writing \(output)")
        let summary: WorkbookExport.Summary
        do {
            summary = try export.write(to: output) { progress in
                bar.update(done: progress.cellsWritten, total: progress.cellsTotal, saving: progress.phase == .saving)
            }
            bar.finish()
        } catch let error as XLSXError {
            bar.finish()
            printError("kalkyl export: error: could not write \(output): \(error)\n")
            // A file that could not be made or written (a full disk, a file-size limit) is exit 3,
            // as is libxlsxwriter missing (like LibreOffice for --pdf); anything else the
            // workbook cannot hold is the model's.
            if case .file = error.kind { throw ExitCode(3) }
            if case .libraryUnavailable = error.kind { throw ExitCode(3) }
            if let code = error.code, Self.fileErrors.contains(code) { throw ExitCode(3) }
            throw ExitCode(1)
        } catch {
            bar.finish()
            printError("kalkyl export: error: \(error)\n")
            throw ExitCode(1)
        }
        let formulas = summary.formulaCells.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US_POSIX")))
        print("wrote \(output): \(summary.sheets.joined(separator: ", ")) (\(formulas) formula cells)")
    }

    /// The board pack's PDF at `path`. No LibreOffice, or one that writes no PDF, is exit 3: the
    /// file could not be written.
    func writePDF(_ export: WorkbookExport, to path: String) throws {
        do {
            let summary = try BoardPackPDF.write(export, to: path)
            print("wrote \(path): \(summary.sheets.joined(separator: ", "))")
        } catch let error as BoardPackPDF.Failure {
            printError("kalkyl export: error: could not write \(path): \(error)\n")
            throw ExitCode(3)
        } catch let error as XLSXError {
            printError("kalkyl export: error: could not write \(path): \(error)\n")
            if case .file = error.kind { throw ExitCode(3) }
            if case .libraryUnavailable = error.kind { throw ExitCode(3) }
            if let code = error.code, code == .creatingXLSXFile || code == .creatingTmpfile { throw ExitCode(3) }
            throw ExitCode(1)
        } catch {
            printError("kalkyl export: error: \(error)\n")
            throw ExitCode(1)
        }
    }

    /// The layout resolved against the model; a layout with errors is wrong usage (exit 2), one
    /// that cannot be read (or is too large to read) exit 3.
    func loadLayout(_ path: String, model: CheckedModel) throws -> ReportLayout {
        let loaded: (ReportLayout?, [Diagnostic])
        do {
            loaded = try ReportLayout.load(path: path, model: model)
        } catch {
            printError("kalkyl export: error: \(error)\n")
            throw ExitCode(3)
        }
        guard let layout = loaded.0 else {
            printError(DiagnosticRenderer.render(loaded.1))
            throw ExitCode(loaded.1.contains(where: \.isUnreadableFile) ? 3 : 2)
        }
        return layout
    }

    func usage(_ message: String) -> Error {
        printError("kalkyl export: error: \(message)\n")
        return ExitCode(2)
    }

    /// libxlsxwriter's errors that mean a file could not be created or written.
    static let fileErrors: Set<XLSXError.Code> = [.creatingXLSXFile, .creatingTmpfile, .zipFileOperation, .zipFileAdd, .zipClose,
                                                  .zipBadZipFile, .zipParameterError, .zipInternalError]

    /// `-o` (or `--pdf`) naming the model, a data file it reads or the layout would replace
    /// that file: wrong usage (exit 2), refused before anything is written.
    func refuseOverwritingAnInput(model: CheckedModel) throws {
        func identity(_ path: String) -> String { URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path }
        let inputs = [(file, "the model file")] + model.dataFiles.map { (model.dataFilePath($0), "the data file \($0)") }
            + (layout.map { [($0, "the layout")] } ?? [])
        for (flag, target, kind) in [("-o", output, "workbook"), ("--pdf", pdf, "PDF")] {
            guard let target else { continue }
            if let (_, what) = inputs.first(where: { identity($0.0) == identity(target) }) {
                throw usage("\(flag) \(target) is \(what); the \(kind) would replace it. Write the \(kind) to a file of its own, such as OUT.\(kind == "PDF" ? "pdf" : "xlsx")")
            }
        }
    }
}
