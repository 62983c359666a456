import Foundation
@testable import Kalkyl
import Testing

/// Every model in `formulas/` carries its expectations as `# expect:` comments; a new example
/// is a new file, with no test code to write.
@Suite struct ExampleModelTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var models: [String] {
        let folder = root.appendingPathComponent("formulas")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".kalkyl") }.sorted()
    }

    @Test func thereAreExampleModels() {
        #expect(Self.models.contains("lansteknik-2021.kalkyl"))
        #expect(Self.models.count >= 3)
    }

    @Test("Each example model checks and meets its expectations", arguments: models)
    func example(name: String) throws {
        let path = Self.root.appendingPathComponent("formulas").appendingPathComponent(name).path
        let loaded = try ModelLoader.load(path: path)
        #expect(loaded.diagnostics.isEmpty, "\(DiagnosticRenderer.render(loaded.diagnostics))")
        let model = try #require(loaded.model)
        let order = try #require(loaded.order)
        #expect(!model.expectations.isEmpty, "an example model states what it must compute")
        let failures = ExpectationCheck.run(model: model, order: order)
        #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
        // A check that fails must say so in the model: `# expect: check NAME fails`, with the reason beside it.
        let evaluation = Evaluation(model: model, order: order)
        evaluation.evaluateAll()
        let declared = Set(model.expectations.filter { $0.isCheck && $0.expected == "fails" && $0.scenario == "base" }.map(\.name))
        for failure in CheckRunner.run(evaluation) {
            let name = model.definitions[failure.slot].name
            #expect(declared.contains(name), "check '\(name)' fails and the model does not say why")
        }
    }

    @Test func aWrongExpectationIsCaught() throws {
        let text = "input a = 2\nb = a * 3\n# expect: b = 7\n# expect: nothing = 1\n"
        let loaded = ModelLoader.load(source: SourceFile(path: "t.kalkyl", text: text))
        let failures = ExpectationCheck.run(model: try #require(loaded.model), order: try #require(loaded.order))
        #expect(failures.map(\.description) == ["line 3: b is 6, expected 7", "line 4: nothing is not found, expected 1"])
    }
}
