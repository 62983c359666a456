import Foundation
import Kalkyl
import KalkylXLSX

/// A layout's names are its model's: find references, rename and quick fixes work from a
/// layout as from the model, and a rename in either reaches every layout of the model, open in
/// the editor or only on disk, so no board pack is left naming the old name.
extension LanguageServer {
    /// The layouts of a model: the open ones, then those on disk that belong to it and are not
    /// open (`NAME.layout` beside the model, or in a folder beside the model's folder, as
    /// `workbooks/NAME.layout` is for `formulas/NAME.kalkyl`).
    func layouts(of modelPath: String) -> [(uri: String, layout: LayoutDocument)] {
        var out = layouts.filter { $0.value.modelPath == modelPath }.sorted { $0.key < $1.key }.map { (uri: $0.key, layout: $0.value) }
        let open = Set(out.map(\.layout.path))
        let model = URL(fileURLWithPath: modelPath)
        let name = model.deletingPathExtension().lastPathComponent + ".layout"
        let folder = model.deletingLastPathComponent()
        let siblings = (try? FileManager.default.contentsOfDirectory(atPath: folder.deletingLastPathComponent().path)) ?? []
        let candidates = [folder.appendingPathComponent(name)]
            + siblings.sorted().map { folder.deletingLastPathComponent().appendingPathComponent($0).appendingPathComponent(name) }
        var seen = Set<String>()
        for candidate in candidates {
            let path = candidate.standardizedFileURL.path
            guard seen.insert(path).inserted, !open.contains(path), FileManager.default.fileExists(atPath: path),
                  let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            let layout = LayoutDocument(path: path, text: text)
            if layout.modelPath == modelPath { out.append((Self.uri(of: path), layout)) }
        }
        return out
    }

    /// The model name under a position of a layout, with the model it names and the offset of
    /// its definition there.
    func modelName(in layout: LayoutDocument, at position: Position) async -> (name: LayoutName, owner: ModelDocument, definition: Int)? {
        guard let name = layout.reference(at: layout.lines.offset(of: position)),
              let owner = await model(for: layout),
              let definition = owner.occurrences.definition(of: name.text) else { return nil }
        return (name, owner, definition.range.start)
    }

    /// Every place of the name at `offset` of a model: in the model and in its layouts.
    func references(in model: ModelDocument, uri: String, at offset: Int, includeDeclaration: Bool) -> [JSONObject] {
        var found = model.references(at: offset).filter { includeDeclaration || $0.role != .definition }
            .map { Self.location(uri, $0.range, model.lines) }
        if let o = model.occurrences.at(offset), o.kind == .name {
            for (layoutURI, layout) in layouts(of: model.path) {
                found += layout.references.filter { $0.text == o.name }.map { Self.location(layoutURI, $0.range, layout.lines) }
            }
        }
        return found
    }

    /// The edits that rename the name at `offset` of a model, in the model and in its layouts.
    func renameEdits(in model: ModelDocument, uri: String, at offset: Int, to newName: String) throws -> JSONObject {
        switch model.rename(at: offset, to: newName) {
        case .failure(let error):
            throw ResponseError(code: -32803, message: error.message)
        case .success(let found):
            let old = found.old
            var changes: [String: [JSONObject]] = [uri: found.ranges.map { ["range": Self.json($0, model.lines), "newText": newName] as JSONObject }]
            if old.kind == .name {
                for (layoutURI, layout) in layouts(of: model.path) {
                    let edits = layout.references.filter { $0.text == old.name }.map { ["range": Self.json($0.range, layout.lines), "newText": newName] as JSONObject }
                    if !edits.isEmpty { changes[layoutURI] = edits }
                }
            }
            return ["changes": changes] as JSONObject
        }
    }

    /// The did-you-mean of each diagnostic of a layout in a range, as an edit.
    func layoutQuickFixes(_ layout: LayoutDocument, uri: String, range: JSONObject) async -> [JSONObject] {
        func offset(_ key: String) -> Int {
            let p = range[key] as? JSONObject ?? [:]
            return layout.lines.offset(of: Position(line: p["line"] as? Int ?? 0, character: p["character"] as? Int ?? 0))
        }
        let (start, end) = (offset("start"), offset("end"))
        let owner = await model(for: layout)
        return layout.diagnostics(model: owner?.model).compactMap { d in
            guard let location = d.location, location.file.path == layout.path,
                  location.range.start <= end, location.range.end >= start,
                  let suggestion = ModelDocument.suggestion(in: d) else { return nil }
            return [
                "title": "Change to \(suggestion)",
                "kind": "quickfix",
                "isPreferred": true,
                "diagnostics": [Self.json(d, lines: layout.lines, uri: uri)],
                "edit": ["changes": [uri: [["range": Self.json(location.range, layout.lines), "newText": suggestion] as JSONObject]]],
            ] as JSONObject
        }
    }
}
