@testable import Kalkyl
import Testing

/// Source text with places marked `1️⃣`, `2️⃣`, …: the markers are removed and their
/// positions kept, so a test names the place of a diagnostic instead of counting columns.
struct MarkedSource {
    let text: String
    let markers: [String: Int]   // marker → byte offset in `text`

    init(_ marked: String) {
        var clean = ""
        var markers: [String: Int] = [:]
        let markerNames = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]
        var rest = Substring(marked)
        outer: while !rest.isEmpty {
            for m in markerNames where rest.hasPrefix(m) {
                markers[m] = clean.utf8.count
                rest = rest.dropFirst(m.count)
                continue outer
            }
            clean.append(rest.removeFirst())
        }
        self.text = clean
        self.markers = markers
    }

    /// (line, column) of a marker in the clean text.
    func position(_ marker: String, in file: SourceFile) -> (line: Int, column: Int) {
        file.lineAndColumn(of: markers[marker]!)
    }
}

/// Loads model text and returns its diagnostics.
func diagnostics(of text: String, path: String = "test.kalkyl") -> [Diagnostic] {
    ModelLoader.load(source: SourceFile(path: path, text: text)).diagnostics
}

/// Asserts that `marked` gives exactly the listed errors, each at its marker and containing its message.
func expectDiagnostics(_ marked: String, _ expected: [(marker: String, message: String)],
                       sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let source = MarkedSource(marked)
    let found = diagnostics(of: source.text)
    #expect(found.count == expected.count, "got \(found.count) diagnostics: \(found.map(\.message))", sourceLocation: sourceLocation)
    for (marker, message) in expected {
        let offset = source.markers[marker]!
        let match = found.first { $0.location?.range.start == offset && $0.message.contains(message) }
        #expect(match != nil, "no diagnostic '\(message)' at \(marker); got \(found.map { "\($0.location.map { "\($0.line):\($0.column)" } ?? "?") \($0.message)" })",
                sourceLocation: sourceLocation)
    }
}

/// Loads, checks and evaluates model text that must have no errors. `files` are data files
/// held in memory beside the model, by name ("staff.csv"); without them the model is read as
/// `test.kalkyl` from the disk's sources.
func evaluate(_ text: String, files: [String: String] = [:], scenario: String? = nil) throws -> Evaluation {
    let loaded: LoadedModel
    if files.isEmpty {
        loaded = ModelLoader.load(source: SourceFile(path: "test.kalkyl", text: text))
    } else {
        var held = ["/m/model.kalkyl": text]
        for (name, contents) in files { held["/m/" + name] = contents }
        loaded = ModelLoader.load(source: SourceFile(path: "/m/model.kalkyl", text: text), sources: MemorySources(held, fallback: nil))
    }
    guard let model = loaded.model, let order = loaded.order else {
        throw ModelError(message: DiagnosticRenderer.render(loaded.diagnostics))
    }
    let evaluation = Evaluation(model: model, order: order, scenario: scenario.flatMap { model.scenario(named: $0) })
    evaluation.evaluateAll()
    return evaluation
}

struct ModelError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

extension Evaluation {
    /// A series' values as numbers (nil where a cell is not a number).
    func numbers(_ name: String) -> [Double?] {
        guard let slot = model.slot(named: name) else { return [] }
        let block = values(of: slot)
        return (0..<block.count).map { block[$0].number }
    }
}
