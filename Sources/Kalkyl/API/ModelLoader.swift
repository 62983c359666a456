import Foundation

/// A file that could not be read at all (as opposed to a model with errors in it).
public struct FileError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}

/// A model read, parsed, checked and ordered, ready to evaluate; or the reasons it is not.
public struct LoadedModel: Sendable {
    public var model: CheckedModel?
    public var order: EvaluationOrder?
    public var diagnostics: [Diagnostic]
    /// Seconds spent reading, lexing, parsing and checking.
    public var parseSeconds: Double
    /// Seconds spent building the evaluation order.
    public var graphSeconds: Double

    /// Where the data files the model's statements name are read from, also when it has errors
    /// (a file named but not there yet): what `watch` follows so that creating it is a save.
    public var dataFilePaths: [String] = []

    /// The status each file the load read from the disk (the model file, the data files its
    /// statements name) had before it was read: what `FileWatcher` compares a file with, so
    /// that a write after the read, while the load went on, is a save (docs/cli.md, watch).
    public var filesAsRead = FilesAsRead()

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } || model == nil || order == nil }
    /// A data file the model names could not be found or read (exit 3, not 1).
    public var hasUnreadableFile: Bool { diagnostics.contains(where: \.isUnreadableFile) }
}

/// The pipeline from text to an ordered model: read → lex → parse → check → order.
public enum ModelLoader {
    /// Reads the model file at `path` from `sources` (and its data files too), then loads it;
    /// with a `cache`, data files whose bytes have not changed since the last load are not read again.
    public static func load(path: String, sources: any SourceProvider = DiskSources(), cache: CheckCache? = nil) throws(FileError) -> LoadedModel {
        let clock = ContinuousClock()
        let started = clock.now
        var modelAsRead = FilesAsRead()
        if sources is DiskSources { modelAsRead.note(path) }
        let text: SourceText
        do {
            text = try sources.text(of: path, as: .model)
        } catch .unreadable {
            throw FileError(path: path, reason: "cannot be read")
        } catch {
            throw FileError(path: path, reason: error.reason(kind: "model file"))
        }
        if let problem = text.problem {
            return LoadedModel(model: nil, order: nil, diagnostics: [problem.coded(.notText)], parseSeconds: seconds(clock.now - started),
                               graphSeconds: 0, filesAsRead: modelAsRead)
        }
        var loaded = load(source: text.file, sources: sources, cache: cache)
        modelAsRead.add(loaded.filesAsRead)
        loaded.filesAsRead = modelAsRead
        loaded.parseSeconds += seconds(clock.now - started) - loaded.parseSeconds - loaded.graphSeconds
        return loaded
    }

    /// Loads a model from its text, reading the data files it names from `sources`; with a
    /// `cache`, files whose bytes have not changed since the last load are not read again.
    public static func load(source: SourceFile, sources: any SourceProvider = DiskSources(), cache: CheckCache? = nil) -> LoadedModel {
        let clock = ContinuousClock()
        let started = clock.now
        let (syntax, syntaxDiagnostics) = Parser.parse(source)
        let dataFilePaths = DataFiles.paths(in: syntax).map { DataFile.resolve($0, in: DataFiles.folder(of: source)) }
        // Each data file's status before the check reads any: a write after its read changes it.
        var filesAsRead = FilesAsRead()
        if sources is DiskSources { dataFilePaths.forEach { filesAsRead.note($0) } }
        let (model, checkDiagnostics) = Checker.check(syntax, sources: sources, cache: cache)
        let checked = clock.now
        var diagnostics = syntaxDiagnostics + checkDiagnostics
        var order: EvaluationOrder?
        if let model, !diagnostics.contains(where: { $0.severity == .error }) {
            let (built, cycles) = EvaluationOrder.build(model)
            order = built
            diagnostics += cycles
            // A closed month held only in an input: actuals entered after it are never read.
            diagnostics += ClosedInputWarnings.warnings(model)
            // A series of people that may be a number per month, totalled as a headcount.
            diagnostics += PeopleTotalWarnings.warnings(model)
            // A stock whose closing month the data file leaves blank.
            diagnostics += BlankClosingWarnings.warnings(model)
        }
        let ordered = clock.now
        // The model's own problems in source order, then those in its data files, file by file.
        let files = diagnostics.compactMap { $0.location?.file.path }
        func rank(_ d: Diagnostic) -> (Int, Int) {
            guard let l = d.location else { return (0, 0) }
            return (l.file.path == source.path ? 0 : 1 + (files.firstIndex(of: l.file.path) ?? 0), l.range.start)
        }
        diagnostics = diagnostics.enumerated().sorted { rank($0.element) < rank($1.element) || (rank($0.element) == rank($1.element) && $0.offset < $1.offset) }.map(\.element)
        return LoadedModel(model: diagnostics.contains { $0.severity == .error } ? nil : model, order: order,
                           diagnostics: diagnostics, parseSeconds: seconds(checked - started), graphSeconds: seconds(ordered - checked),
                           dataFilePaths: dataFilePaths, filesAsRead: filesAsRead)
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}

extension CheckedModel {
    /// Reads a what-if such as `hires[2021-04..]=0` or `attrition=1.5%` (the `--set` syntax)
    /// into an input assignment, or says what is wrong with it.
    /// `x=0,5` and `x=40 000` as the Swedish table writes them: a value that is wholly a
    /// number with a decimal comma or spaces between groups of three digits is read as one.
    static func pointNumbers(_ text: String) -> String {
        guard let eq = text.firstIndex(of: "=") else { return text }
        let value = text[text.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        guard value.wholeMatch(of: /[-−]?[0-9]{1,3}([ \u{00A0}\u{202F}][0-9]{3})*(,[0-9]+)?%?|[-−]?[0-9]+,[0-9]+%?/) != nil else { return text }
        let number = value.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\u{00A0}", with: "")
            .replacingOccurrences(of: "\u{202F}", with: "").replacingOccurrences(of: ",", with: ".").replacingOccurrences(of: "−", with: "-")
        return String(text[...eq]) + number
    }

    public func parseAssignment(_ text: String) -> (InputAssignment?, [Diagnostic]) {
        if let eq = text.firstIndex(of: "="),
           let (message, hint) = WhatIfNumber.ambiguity(text[text.index(after: eq)...]) ?? WhatIfNumber.bracketed(text[text.index(after: eq)...]) {
            let source = SourceFile(path: "--set", text: text)
            let start = text.utf8.distance(from: text.startIndex, to: text.index(after: eq))
            return (nil, [.error(message, at: SourceLocation(file: source, range: SourceRange(start, text.utf8.count)), hint: hint, code: .whatIf)])
        }
        let source = SourceFile(path: "--set", text: Self.pointNumbers(text))
        var parser = Parser(file: source)
        let definition: Definition
        do {
            definition = try parser.parseDefinition(label: nil, allowInput: false)
            if parser.kind != .end && parser.kind != .newline {
                throw parser.fail("unexpected \(parser.kind.display) after the value")
            }
        } catch {
            return (nil, parser.diagnostics.map(\.asWhatIf))
        }
        if !parser.diagnostics.isEmpty { return (nil, parser.diagnostics.map(\.asWhatIf)) }
        var checker = Checker(syntax: SyntaxFile(file: source, statements: [], expectations: []))
        checker.timeline = timeline
        checker.percentInputs = Checker.percentInputs(definitions)
        let assignment = checker.assignment(definition, names: names, context: "")
        if let assignment, checker.boundingInputs(definitions).contains(assignment.slot) {
            let message = "'\(definition.name)' bounds periods in formulas, which are placed when the model is checked; --set cannot move it"
            return (nil, [.error(message, at: SourceLocation(file: source, range: definition.nameRange),
                                 hint: "edit it in the model (input \(definition.name) = …) to roll the month forward", code: .whatIf)])
        }
        if let assignment, let spread = spreadProfiles[assignment.slot] {
            let (message, hint) = Checker.spreadProfileOverride(definition.name, spreads: spread, by: "--set")
            return (nil, [.error(message, at: SourceLocation(file: source, range: definition.nameRange), hint: hint, code: .whatIf)])
        }
        // Every problem of a what-if is the what-if's (K1000, as docs/diagnostics.md says), even
        // one that has a code of its own in a model (an override of no input, K0305).
        let problems = checker.diagnostics.map(\.asWhatIf)
        return (problems.isEmpty ? assignment : nil, problems)
    }
}

extension Diagnostic {
    /// The diagnostic with the what-ifs' code: every problem of a `--set` has K1000, as
    /// docs/diagnostics.md promises, even one with a code of its own in a model.
    var asWhatIf: Diagnostic {
        var d = self
        d.code = .whatIf
        return d
    }
}
