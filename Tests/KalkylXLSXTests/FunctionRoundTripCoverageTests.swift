import Foundation
@testable import Kalkyl
import Testing

/// Every function of the registry has a LibreOffice round trip: some model that a test here
/// exports and has LibreOffice recalculate to Kalkyl's values (`expectFaithful`) calls it. The
/// list of those models is the tests' own, so a new function fails here until one of them uses
/// it: the family's model in ExportFunctionFamiliesTests, or an example model.
@Suite struct FunctionRoundTripCoverageTests {
    /// The models the round-trip tests recalculate in LibreOffice: each test's name and the
    /// model's path (an example model, with its data files) or text.
    static func roundTrippedModels() throws -> [(test: String, path: String?, text: String?)] {
        var models: [(test: String, path: String?, text: String?)] = []
        for file in ExampleWorkbookTests.examples {
            models.append(("ExampleWorkbookTests", repositoryRoot.appendingPathComponent("formulas/\(file)").path, nil))
        }
        for text in [ExportFunctionFamiliesTests.roundingAndMath, ExportFunctionFamiliesTests.loansAndDepreciation,
                     ExportFunctionFamiliesTests.textPieces, ExportFunctionFamiliesTests.dates,
                     ExportFunctionFamiliesTests.statisticsAndCashFlows, ExportFunctionFamiliesTests.textFormats] {
            models.append(("ExportFunctionFamiliesTests", nil, text))
        }
        for text in [ExportLookupFunctionsTests.arrays, ExportLookupFunctionsTests.lookups, ExportLookupFunctionsTests.tables] {
            models.append(("ExportLookupFunctionsTests", nil, text))
        }
        models.append(("ExportElementwiseTests", nil, try ExportElementwiseTests.model))
        return models
    }

    /// The functions each checked model calls, from its compiled formulas (what the workbook writes).
    static func calledFunctions() throws -> Set<String> {
        var called = Set<String>()
        let scratch = try Scratch()
        for (k, model) in try roundTrippedModels().enumerated() {
            var path = model.path
            if let text = model.text {
                path = scratch.path("model-\(k).kalkyl")
                try text.write(toFile: path!, atomically: true, encoding: .utf8)
            }
            let loaded = try ModelLoader.load(path: path!)
            let checked = try #require(loaded.model, "\(model.test): \(path!) checks")
            for definition in checked.definitions {
                for case .call(let spec, _) in definition.formula { called.insert(spec.name) }
            }
        }
        return called
    }

    @Test func everyFunctionIsRecalculatedByLibreOfficeInSomeRoundTrip() throws {
        let called = try Self.calledFunctions()
        for name in FunctionRegistry.all.keys.sorted() {
            #expect(called.contains(name), "\(name) has no LibreOffice round trip: call it in its family's model in ExportFunctionFamiliesTests (or an example model)")
        }
        #expect(called.count >= 100)   // the models were found and read
    }
}
