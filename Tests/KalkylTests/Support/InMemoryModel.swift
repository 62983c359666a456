@testable import Kalkyl

/// A model and its data files loaded from memory under `/mem/`, and its diagnostics as a user
/// reads their first lines, the folder left out: what data-reading tests compare.
enum InMemoryModel {
    static func load(_ model: String, files: [String: String]) throws -> LoadedModel {
        var all = ["/mem/m.kalkyl": model + "\n"]
        for (name, text) in files { all["/mem/" + name] = text }
        return try ModelLoader.load(path: "/mem/m.kalkyl", sources: MemorySources(all, fallback: nil))
    }

    static func shown(_ loaded: LoadedModel) -> [String] {
        loaded.diagnostics.map { String(DiagnosticRenderer.render($0).prefix { $0 != "\n" }).replacing("/mem/", with: "") }
    }
}
