import Foundation
import Kalkyl

/// A JSON object as JSONSerialization reads and writes it.
public typealias JSONObject = [String: Any]

/// The Language Server Protocol (3.17) over the analyses of `ModelDocument` and
/// `LayoutDocument`: it takes one decoded JSON-RPC message and returns the messages to send
/// back (the response, and notifications such as diagnostics). It does no I/O of its own, so
/// the command line owns the stdio loop and tests can drive it in-process. The values come
/// from each model's `ModelSession`, the engine every front end shares; messages are handled
/// one at a time, in the order they came.
public final class LanguageServer {
    var models: [String: ModelDocument] = [:]
    var layouts: [String: LayoutDocument] = [:]
    /// Data files open in the editor (a staff list, a ledger export), by URI: the models read
    /// their unsaved text from `buffers`, in front of the disk.
    var dataDocuments: Set<String> = []
    var buffers = MemorySources()
    /// Files that received diagnostics for a model (its data files too), to clear them later.
    var published: [String: Set<String>] = [:]
    var rootPath: String?
    public private(set) var shutdownRequested = false
    /// Set by `exit`: the loop ends, with status 0 after a shutdown request and 1 without.
    public private(set) var exitStatus: Int32?

    public init() {}

    static let explainCommand = "kalkyl.explain"

    /// Handles one message; returns the messages to send.
    public func handle(_ message: JSONObject) async -> [JSONObject] {
        let method = message["method"] as? String
        let id = message["id"]
        let params = message["params"] as? JSONObject ?? [:]
        guard let method else { return [] }   // a response to a request of ours: none are sent
        var out: [JSONObject] = []
        let result: Any?
        do {
            result = try await dispatch(method, params, notifications: &out)
        } catch let error as ResponseError {
            if let id { out.insert(["jsonrpc": "2.0", "id": id, "error": ["code": error.code, "message": error.message] as JSONObject], at: 0) }
            return out
        } catch {
            if let id { out.insert(["jsonrpc": "2.0", "id": id, "error": ["code": -32603, "message": "\(error)"] as JSONObject], at: 0) }
            return out
        }
        if let id { out.insert(["jsonrpc": "2.0", "id": id, "result": result ?? NSNull()], at: 0) }
        return out
    }

    struct ResponseError: Error {
        var code: Int
        var message: String
        static func methodNotFound(_ method: String) -> ResponseError { ResponseError(code: -32601, message: "unknown method \(method)") }
        static func invalid(_ message: String) -> ResponseError { ResponseError(code: -32602, message: message) }
    }

    func dispatch(_ method: String, _ params: JSONObject, notifications out: inout [JSONObject]) async throws -> Any? {
        if shutdownRequested, method != "exit" {
            throw ResponseError(code: -32600, message: "the server is shutting down")
        }
        switch method {
        case "initialize":
            if let root = params["rootUri"] as? String { rootPath = Self.path(of: root) }
            if rootPath == nil, let root = params["rootPath"] as? String { rootPath = root }
            return initializeResult()
        case "initialized", "$/cancelRequest", "$/setTrace", "workspace/didChangeConfiguration", "workspace/didChangeWatchedFiles":
            return nil
        case "shutdown":
            shutdownRequested = true
            return nil
        case "exit":
            exitStatus = shutdownRequested ? 0 : 1
            return nil
        case "textDocument/didOpen":
            let document = params["textDocument"] as? JSONObject ?? [:]
            guard let uri = document["uri"] as? String, let text = document["text"] as? String else { return nil }
            await open(uri: uri, text: text, version: document["version"] as? Int ?? 0, languageId: document["languageId"] as? String, out: &out)
            return nil
        case "textDocument/didChange":
            let document = params["textDocument"] as? JSONObject ?? [:]
            guard let uri = document["uri"] as? String,
                  let text = (params["contentChanges"] as? [JSONObject])?.last?["text"] as? String else { return nil }
            await change(uri: uri, text: text, version: document["version"] as? Int ?? 0, out: &out)
            return nil
        case "textDocument/didClose":
            guard let uri = (params["textDocument"] as? JSONObject)?["uri"] as? String else { return nil }
            await close(uri: uri, out: &out)
            return nil
        case "textDocument/didSave", "textDocument/willSave":
            return nil
        case "textDocument/hover": return try await hover(params)
        case "textDocument/inlayHint": return try await inlayHints(params)
        case "textDocument/definition": return try await definition(params)
        case "textDocument/references": return try await references(params)
        case "textDocument/prepareRename": return try await prepareRename(params)
        case "textDocument/rename": return try await rename(params)
        case "textDocument/documentSymbol": return try documentSymbols(params)
        case "workspace/symbol": return workspaceSymbols(params)
        case "textDocument/completion": return try await completion(params)
        case "textDocument/formatting": return try formatting(params)
        case "textDocument/codeAction": return try await codeActions(params)
        case "textDocument/codeLens": return try codeLenses(params)
        case "workspace/executeCommand": return try await executeCommand(params)
        default:
            if method.hasPrefix("$/") { return nil }
            throw ResponseError.methodNotFound(method)
        }
    }

    func initializeResult() -> JSONObject {
        [
            "capabilities": [
                "positionEncoding": "utf-16",
                "textDocumentSync": ["openClose": true, "change": 1, "save": ["includeText": false]] as JSONObject,
                "hoverProvider": true,
                "inlayHintProvider": true,
                "definitionProvider": true,
                "referencesProvider": true,
                "renameProvider": ["prepareProvider": true],
                "documentSymbolProvider": true,
                "workspaceSymbolProvider": true,
                "completionProvider": ["triggerCharacters": ["[", ":", ","]],
                "documentFormattingProvider": true,
                "codeActionProvider": ["codeActionKinds": ["quickfix"]],
                "codeLensProvider": ["resolveProvider": false],
                "executeCommandProvider": ["commands": [Self.explainCommand]],
            ] as JSONObject,
            "serverInfo": ["name": "kalkyl"],
        ]
    }

    // MARK: Documents

    func open(uri: String, text: String, version: Int, languageId: String?, out: inout [JSONObject]) async {
        let path = Self.path(of: uri)
        if path.hasSuffix(".layout") || languageId == "kalkyl-layout" {
            layouts[uri] = LayoutDocument(path: path, text: text, version: version)
            await publishLayout(uri, out: &out)
        } else if path.hasSuffix(".kalkyl") || languageId == "kalkyl" {
            models[uri] = await ModelDocument(path: path, text: text, version: version, buffers: buffers)
            publishModel(uri, out: &out)
        } else {
            dataDocuments.insert(uri)
            await dataChanged(path: path, text: text, out: &out)
        }
    }

    /// A data file's unsaved text changed (nil: it was closed): every open model is checked
    /// again against it, reading again only what changed.
    func dataChanged(path: String, text: String?, out: inout [JSONObject]) async {
        buffers[path] = text
        for (uri, document) in models.sorted(by: { $0.key < $1.key }) {
            await document.dataChanged(path: path, text: text, buffers: buffers)
            publishModel(uri, out: &out)
        }
    }

    func change(uri: String, text: String, version: Int, out: inout [JSONObject]) async {
        if let document = models[uri] {
            await document.update(text: text, version: version)
            publishModel(uri, out: &out)
            for (layoutURI, layout) in layouts where layout.modelPath == document.path { await publishLayout(layoutURI, out: &out) }
        } else if let layout = layouts[uri] {
            layout.update(text: text, version: version)
            await publishLayout(uri, out: &out)
        } else if dataDocuments.contains(uri) {
            await dataChanged(path: Self.path(of: uri), text: text, out: &out)
        }
    }

    func close(uri: String, out: inout [JSONObject]) async {
        if dataDocuments.remove(uri) != nil {   // the file on disk counts again
            await dataChanged(path: Self.path(of: uri), text: nil, out: &out)
            return
        }
        models[uri] = nil
        layouts[uri] = nil
        for file in published[uri] ?? [uri] { out.append(Self.diagnosticsNotification(uri: file, diagnostics: [])) }
        published[uri] = nil
    }

    /// The model a layout's names come from: an open model of the same name, or the file
    /// beside the layout's folder (`workbooks/x.layout` ↔ `formulas/x.kalkyl`), or one in the workspace.
    func model(for layout: LayoutDocument) async -> ModelDocument? {
        if let path = layout.modelPath {
            if let open = models.values.first(where: { $0.path == path }) { return open }
            if layout.modelFromDisk?.path == path { return layout.modelFromDisk }
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
            layout.modelFromDisk = await ModelDocument(path: path, text: text, version: 0, buffers: buffers)
            return layout.modelFromDisk
        }
        return nil
    }

    func document(_ params: JSONObject) throws -> (String, ModelDocument?, LayoutDocument?) {
        guard let uri = (params["textDocument"] as? JSONObject)?["uri"] as? String else { throw ResponseError.invalid("no textDocument.uri") }
        return (uri, models[uri], layouts[uri])
    }

    static func position(_ params: JSONObject) -> Position {
        let p = params["position"] as? JSONObject ?? [:]
        return Position(line: p["line"] as? Int ?? 0, character: p["character"] as? Int ?? 0)
    }

    // MARK: Conversions

    static func path(of uri: String) -> String {
        if let url = URL(string: uri), url.isFileURL { return url.path }
        return uri
    }

    static func uri(of path: String) -> String {
        URL(fileURLWithPath: path).absoluteString
    }

    static func json(_ p: Position) -> JSONObject { ["line": p.line, "character": p.character] }

    static func json(_ range: SourceRange, _ lines: some OffsetPositions) -> JSONObject {
        ["start": json(lines.position(of: range.start)), "end": json(lines.position(of: range.end))]
    }

    static func location(_ uri: String, _ range: SourceRange, _ lines: some OffsetPositions) -> JSONObject {
        ["uri": uri, "range": json(range, lines)]
    }
}
