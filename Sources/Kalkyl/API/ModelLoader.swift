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

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } || model == nil || order == nil }
    /// A data file the model names could not be found or read (exit 3, not 1).
    public var hasUnreadableFile: Bool { diagnostics.contains(where: \.isUnreadableFile) }
}

/// The pipeline from text to an ordered model: read → lex → parse → check → order.
public enum ModelLoader {
    /// Reads the model file at `path` from `sources` (and its data files too), then loads it.
    public static func load(path: String, sources: any SourceProvider = DiskSources()) throws(FileError) -> LoadedModel {
        let clock = ContinuousClock()
        let started = clock.now
        let data: Data
        do {
            data = Data(try sources.contents(of: path))
        } catch .isFolder {
            throw FileError(path: path, reason: "is a folder, not a model file")
        } catch .notFound {
            throw FileError(path: path, reason: "no such file")
        } catch {
            throw FileError(path: path, reason: "cannot be read")
        }
        guard let text = String(validatingUTF8Data: data) else {
            let file = SourceFile(path: path, text: String(decoding: data, as: UTF8.self))
            let offset = firstInvalidUTF8Offset(data)
            let byte = data[data.startIndex + offset]
            let prefix = String(decoding: data.prefix(offset), as: UTF8.self)
            let location = SourceLocation(file: file, range: SourceRange(prefix.utf8.count, prefix.utf8.count + 1))
            let d = Diagnostic.error(String(format: "this file is not UTF-8 text (byte 0x%02X)", byte), at: location,
                                     hint: "save the model as UTF-8; model files are plain text")
            return LoadedModel(model: nil, order: nil, diagnostics: [d], parseSeconds: seconds(clock.now - started), graphSeconds: 0)
        }
        var loaded = load(source: SourceFile(path: path, text: text), sources: sources)
        loaded.parseSeconds += seconds(clock.now - started) - loaded.parseSeconds - loaded.graphSeconds
        return loaded
    }

    /// Loads a model from its text, reading the data files it names from `sources`.
    public static func load(source: SourceFile, sources: any SourceProvider = DiskSources()) -> LoadedModel {
        let clock = ContinuousClock()
        let started = clock.now
        let (syntax, syntaxDiagnostics) = Parser.parse(source)
        let (model, checkDiagnostics) = Checker.check(syntax, sources: sources)
        let checked = clock.now
        var diagnostics = syntaxDiagnostics + checkDiagnostics
        var order: EvaluationOrder?
        if let model, !diagnostics.contains(where: { $0.severity == .error }) {
            let (built, cycles) = EvaluationOrder.build(model)
            order = built
            diagnostics += cycles
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
                           diagnostics: diagnostics, parseSeconds: seconds(checked - started), graphSeconds: seconds(ordered - checked))
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    static func firstInvalidUTF8Offset(_ data: Data) -> Int {
        let bytes = [UInt8](data)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            if b < 0x80 { length = 1 } else if b >= 0xC2 && b < 0xE0 { length = 2 } else if b >= 0xE0 && b < 0xF0 { length = 3 } else if b >= 0xF0 && b < 0xF5 { length = 4 } else { return i }
            if i + length > bytes.count { return i }
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
            if String(bytes: bytes[i..<(i + length)], encoding: .utf8) == nil { return i }
            i += length
        }
        return max(0, bytes.count - 1)
    }
}

extension String {
    init?(validatingUTF8Data data: Data) {
        guard let s = String(bytes: data, encoding: .utf8) else { return nil }
        self = s
    }
}

extension CheckedModel {
    /// Reads a what-if such as `hires[2021-04..]=0` or `attrition=1.5%` (the `--set` syntax)
    /// into an input assignment, or says what is wrong with it.
    public func parseAssignment(_ text: String) -> (InputAssignment?, [Diagnostic]) {
        let source = SourceFile(path: "--set", text: text)
        var parser = Parser(file: source)
        let definition: Definition
        do {
            definition = try parser.parseDefinition(label: nil, allowInput: false)
            if parser.kind != .end && parser.kind != .newline {
                throw parser.fail("unexpected \(parser.kind.display) after the value")
            }
        } catch {
            return (nil, parser.diagnostics)
        }
        if !parser.diagnostics.isEmpty { return (nil, parser.diagnostics) }
        var checker = Checker(syntax: SyntaxFile(file: source, statements: [], expectations: []))
        checker.timeline = timeline
        let assignment = checker.assignment(definition, names: names, context: "")
        return (checker.diagnostics.isEmpty ? assignment : nil, checker.diagnostics)
    }
}
