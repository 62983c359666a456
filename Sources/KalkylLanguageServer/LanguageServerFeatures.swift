import Foundation
import Kalkyl

/// The requests, each over a model's (or a layout's) analysis.
extension LanguageServer {
    // MARK: Diagnostics

    func publishModel(_ uri: String, out: inout [JSONObject]) {
        guard let document = models[uri] else { return }
        var byFile: [String: [JSONObject]] = [uri: []]
        for d in document.diagnostics {
            let file = d.location.map { $0.file.path == document.path ? uri : Self.uri(of: $0.file.path) } ?? uri
            let lines: any OffsetPositions = d.location.map { $0.file.path == document.path ? document.lines as any OffsetPositions : FilePositions(file: $0.file) } ?? document.lines
            byFile[file, default: []].append(Self.json(d, lines: lines, uri: file))
        }
        let previous = published[uri] ?? []
        for file in previous where byFile[file] == nil { byFile[file] = [] }
        published[uri] = Set(byFile.keys)
        for (file, diagnostics) in byFile.sorted(by: { $0.key < $1.key }) {
            out.append(Self.diagnosticsNotification(uri: file, diagnostics: diagnostics, version: file == uri ? document.version : nil))
        }
    }

    func publishLayout(_ uri: String, out: inout [JSONObject]) async {
        guard let layout = layouts[uri] else { return }
        let owner = await model(for: layout)
        let diagnostics = layout.diagnostics(model: owner?.model)
            .filter { $0.location == nil || $0.location?.file.path == layout.path }
            .map { Self.json($0, lines: layout.lines, uri: uri) }
        out.append(Self.diagnosticsNotification(uri: uri, diagnostics: diagnostics, version: layout.version))
    }

    static func diagnosticsNotification(uri: String, diagnostics: [JSONObject], version: Int? = nil) -> JSONObject {
        var params: JSONObject = ["uri": uri, "diagnostics": diagnostics]
        if let version { params["version"] = version }
        return ["jsonrpc": "2.0", "method": "textDocument/publishDiagnostics", "params": params]
    }

    static func json(_ d: Diagnostic, lines: any OffsetPositions, uri: String) -> JSONObject {
        let range = d.location?.range ?? SourceRange(0, 0)
        var message = d.message
        if let hint = d.hint { message += "\nhint: \(hint)" }
        var out: JSONObject = [
            "range": json(range, lines),
            "severity": d.severity == .error ? 1 : d.severity == .warning ? 2 : 3,
            "source": "kalkyl",
            "message": message,
        ]
        if let code = d.code { out["code"] = code.rawValue }
        let related: [JSONObject] = d.notes.compactMap { note in
            guard let location = note.location else { return nil }
            let noteLines = location.file.path == d.location?.file.path ? lines : FilePositions(file: location.file)
            let noteURI = location.file.path == d.location?.file.path ? uri : Self.uri(of: location.file.path)
            return ["location": Self.location(noteURI, location.range, noteLines), "message": note.message] as JSONObject
        }
        if !related.isEmpty { out["relatedInformation"] = related }
        if let suggestion = ModelDocument.suggestion(in: d) { out["data"] = ["replacement": suggestion] }
        return out
    }

    // MARK: Hover and inlay hints

    func hover(_ params: JSONObject) async throws -> Any? {
        let (_, model, layout) = try document(params)
        let position = Self.position(params)
        if let model {
            guard let hover = await model.hover(at: model.lines.offset(of: position)) else { return nil }
            return ["contents": ["kind": "markdown", "value": hover.markdown], "range": Self.json(hover.range, model.lines)] as JSONObject
        }
        if let layout, let name = layout.reference(at: layout.lines.offset(of: position)),
           let owner = await self.model(for: layout), let offset = owner.occurrences.definition(of: name.text)?.range.start,
           let hover = await owner.hover(at: offset) {
            return ["contents": ["kind": "markdown", "value": hover.markdown], "range": Self.json(name.range, layout.lines)] as JSONObject
        }
        return nil
    }

    func inlayHints(_ params: JSONObject) async throws -> Any? {
        let (_, model, _) = try document(params)
        guard let model else { return [] as [Any] }
        let range = params["range"] as? JSONObject ?? [:]
        func offset(_ key: String, _ fallback: Int) -> Int {
            guard let p = range[key] as? JSONObject else { return fallback }
            return model.lines.offset(of: Position(line: p["line"] as? Int ?? 0, character: p["character"] as? Int ?? 0))
        }
        let hints = await model.inlayHints(from: offset("start", 0), to: offset("end", Int.max))
        return hints.map { ["position": Self.json(model.lines.position(of: $0.offset)), "label": $0.label, "paddingLeft": true] as JSONObject }
    }

    // MARK: Navigation

    func definition(_ params: JSONObject) async throws -> Any? {
        let (uri, model, layout) = try document(params)
        let position = Self.position(params)
        if let model {
            let offset = model.lines.offset(of: position)
            // A data file's column: its header cell in the file.
            if let (path, cell) = model.columnDefinition(at: offset) {
                return Self.location(Self.uri(of: path), cell.range, FilePositions(file: cell.file))
            }
            guard let target = model.definition(at: offset) else { return nil }
            return Self.location(uri, target.range, model.lines)
        }
        if let layout, let name = layout.reference(at: layout.lines.offset(of: position)),
           let owner = await self.model(for: layout), let target = owner.occurrences.definition(of: name.text) {
            return Self.location(Self.uri(of: owner.path), target.range, owner.lines)
        }
        return nil
    }

    func references(_ params: JSONObject) async throws -> Any? {
        let (uri, model, layout) = try document(params)
        let includeDeclaration = (params["context"] as? JSONObject)?["includeDeclaration"] as? Bool ?? true
        if let model {
            return references(in: model, uri: uri, at: model.lines.offset(of: Self.position(params)), includeDeclaration: includeDeclaration)
        }
        if let layout, let (_, owner, definition) = await modelName(in: layout, at: Self.position(params)) {
            return references(in: owner, uri: Self.uri(of: owner.path), at: definition, includeDeclaration: includeDeclaration)
        }
        return [] as [Any]
    }

    func prepareRename(_ params: JSONObject) async throws -> Any? {
        let (_, model, layout) = try document(params)
        if let model {
            guard let o = model.renameTarget(at: model.lines.offset(of: Self.position(params))) else { return nil }
            return ["range": Self.json(o.range, model.lines), "placeholder": o.name] as JSONObject
        }
        if let layout, let (name, _, _) = await modelName(in: layout, at: Self.position(params)) {
            return ["range": Self.json(name.range, layout.lines), "placeholder": name.text] as JSONObject
        }
        return nil
    }

    /// Renames in the model and in its layouts (open or on disk), from the model or from a layout.
    func rename(_ params: JSONObject) async throws -> Any? {
        let (uri, model, layout) = try document(params)
        guard let newName = params["newName"] as? String else { throw ResponseError.invalid("no newName") }
        if let model {
            return try renameEdits(in: model, uri: uri, at: model.lines.offset(of: Self.position(params)), to: newName)
        }
        guard let layout else { return nil }
        guard let (_, owner, definition) = await modelName(in: layout, at: Self.position(params)) else {
            throw ResponseError(code: -32803, message: "only a name the model defines can be renamed here")
        }
        return try renameEdits(in: owner, uri: Self.uri(of: owner.path), at: definition, to: newName)
    }

    func documentSymbols(_ params: JSONObject) throws -> Any? {
        let (_, model, _) = try document(params)
        guard let model else { return [] as [Any] }
        func json(_ s: SymbolInfo) -> JSONObject {
            var out: JSONObject = ["name": s.name, "kind": Self.symbolKind(s.kind),
                                   "range": Self.json(s.range, model.lines), "selectionRange": Self.json(s.selection, model.lines)]
            if let detail = s.detail { out["detail"] = detail }
            if !s.children.isEmpty { out["children"] = s.children.map(json) }
            return out
        }
        return model.symbols().map(json)
    }

    /// Symbols whose name contains the query, from the open models and the workspace's `*.kalkyl` files.
    func workspaceSymbols(_ params: JSONObject) -> Any? {
        let query = (params["query"] as? String ?? "").lowercased()
        var documents: [(String, ModelDocument)] = models.map { ($0.key, $0.value) }
        let open = Set(models.values.map(\.path))
        if let rootPath, let files = FileManager.default.enumerator(atPath: rootPath) {
            var count = 0
            while let file = files.nextObject() as? String, count < 500 {
                if file.hasPrefix(".build") || file.hasPrefix(".git") { files.skipDescendants(); continue }
                guard file.hasSuffix(".kalkyl") else { continue }
                count += 1
                let path = (rootPath as NSString).appendingPathComponent(file)
                guard !open.contains(path), let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
                documents.append((Self.uri(of: path), ModelDocument(path: path, text: text)))
            }
        }
        var out: [JSONObject] = []
        for (uri, document) in documents {
            for s in document.symbols() where query.isEmpty || s.name.lowercased().contains(query) {
                out.append(["name": s.name, "kind": Self.symbolKind(s.kind), "location": Self.location(uri, s.selection, document.lines),
                            "containerName": URL(fileURLWithPath: document.path).lastPathComponent])
            }
        }
        return out
    }

    static func symbolKind(_ kind: SymbolInfo.Kind) -> Int {
        switch kind {
        case .model: 2        // Module
        case .input: 14       // Constant
        case .formula: 12     // Function
        case .check: 7        // Property
        case .dimension: 10   // Enum
        case .member: 22      // EnumMember
        case .scenario: 3     // Namespace
        case .measure: 23     // Struct
        }
    }

    // MARK: Completion

    func completion(_ params: JSONObject) async throws -> Any? {
        let (_, model, layout) = try document(params)
        let items: [CompletionInfo]
        if let model {
            items = model.completions(at: model.lines.offset(of: Self.position(params)))
        } else if let layout, let owner = await self.model(for: layout) {
            let offset = layout.lines.offset(of: Self.position(params))
            let line = layout.lines.line(of: offset)
            let before = layout.lines.text(SourceRange(layout.lines.lineStarts[line], offset))
            if case .inBrackets(let name) = CompletionContext(before) {
                items = owner.subscriptCompletions(owner: name).filter { $0.kind == .member }
            } else {
                items = owner.nameCompletions()
            }
        } else {
            items = []
        }
        return ["isIncomplete": false, "items": items.map(Self.json)] as JSONObject
    }

    static func json(_ item: CompletionInfo) -> JSONObject {
        var out: JSONObject = ["label": item.label, "kind": completionKind(item.kind)]
        if let detail = item.detail { out["detail"] = detail }
        if let documentation = item.documentation { out["documentation"] = ["kind": "markdown", "value": documentation] }
        if let insert = item.insertText { out["insertText"] = insert }
        return out
    }

    static func completionKind(_ kind: CompletionInfo.Kind) -> Int {
        switch kind {
        case .name: 6          // Variable
        case .input: 21        // Constant
        case .function: 3      // Function
        case .dimension: 13    // Enum
        case .member: 20       // EnumMember
        case .period: 12       // Value
        case .unit: 11         // Unit
        case .keyword: 14      // Keyword
        }
    }

    // MARK: Formatting, quick fixes, explain

    /// The whole document replaced by `kalkyl fmt`'s layout; nothing while it has syntax errors.
    func formatting(_ params: JSONObject) throws -> Any? {
        let (_, model, _) = try document(params)
        guard let model, case .success(let formatted) = ModelFormatter.format(text: model.text, path: model.path),
              formatted != model.text else { return [] as [Any] }
        let end = model.lines.position(of: Int.max)
        return [["range": ["start": Self.json(Position(line: 0, character: 0)), "end": Self.json(end)], "newText": formatted] as JSONObject]
    }

    func codeActions(_ params: JSONObject) async throws -> Any? {
        let (uri, model, layout) = try document(params)
        let range = params["range"] as? JSONObject ?? [:]
        if let layout { return await layoutQuickFixes(layout, uri: uri, range: range) }
        guard let model else { return [] as [Any] }
        func offset(_ key: String) -> Int {
            let p = range[key] as? JSONObject ?? [:]
            return model.lines.offset(of: Position(line: p["line"] as? Int ?? 0, character: p["character"] as? Int ?? 0))
        }
        return model.quickFixes(from: offset("start"), to: offset("end")).map { fix in
            [
                "title": fix.title,
                "kind": "quickfix",
                "isPreferred": true,
                "diagnostics": [Self.json(fix.diagnostic, lines: model.lines, uri: uri)],
                "edit": ["changes": [uri: [["range": Self.json(fix.range, model.lines), "newText": fix.replacement] as JSONObject]]],
            ] as JSONObject
        }
    }

    /// An "explain" lens over each definition of a model that checks.
    func codeLenses(_ params: JSONObject) throws -> Any? {
        let (uri, model, _) = try document(params)
        guard let model, let checked = model.model else { return [] as [Any] }
        var lenses: [JSONObject] = []
        for o in model.occurrences.all where o.kind == .name && o.role == .definition {
            guard let slot = checked.slot(named: o.name) else { continue }
            let cell = Self.defaultCell(slot: slot, in: checked)
            lenses.append([
                "range": Self.json(o.range, model.lines),
                "command": ["title": "explain \(cell)", "command": Self.explainCommand, "arguments": [uri, cell]] as JSONObject,
            ])
        }
        return lenses
    }

    /// The cell explain shows for a definition: a scalar, or a series' last period (its first member).
    static func defaultCell(slot: Int, in model: CheckedModel) -> String {
        let d = model.definitions[slot]
        var parts = model.memberNames(of: slot, member: 0).map { $0.contains(" ") ? "\"\($0)\"" : $0 }
        if d.isSeries { parts.append(model.timeline.label(model.timeline.count - 1)) }
        return parts.isEmpty ? d.name : d.name + "[" + parts.joined(separator: ", ") + "]"
    }

    /// `kalkyl.explain URI CELL`: the audit trail of a cell of the buffer's model, as text.
    func executeCommand(_ params: JSONObject) async throws -> Any? {
        guard params["command"] as? String == Self.explainCommand else {
            throw ResponseError.invalid("unknown command \(params["command"] ?? "")")
        }
        let arguments = params["arguments"] as? [Any] ?? []
        guard arguments.count == 2, let uri = arguments[0] as? String, let cell = arguments[1] as? String else {
            throw ResponseError.invalid("kalkyl.explain takes a document URI and a cell such as employees[2021-04]")
        }
        guard let document = models[uri], let session = document.session, let model = document.model else {
            throw ResponseError.invalid("the model has errors: nothing to explain")
        }
        do {
            return try await session.explain(cell).table(model: model)
        } catch {
            throw ResponseError.invalid(error.description)
        }
    }
}
