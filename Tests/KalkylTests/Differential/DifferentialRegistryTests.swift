import Foundation
import Testing
@testable import Kalkyl

/// The differential test's generator (scripts/differential/generate.py) calls every function
/// of the registry, from its description in scripts/differential/functions.json. This test
/// keeps that file the registry's own: a function added, removed or given other parameters
/// fails here until the file is written again with
/// `KALKYL_RECORD_GOLDEN=1 swift test --filter DifferentialRegistryTests`.
@Suite struct DifferentialRegistryTests {
    static let file = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/differential/functions.json")

    /// One line per function, sorted by name: what the generator needs to write a call the
    /// checker accepts.
    static func description() -> String {
        func kind(_ k: ParameterKind) -> String {
            switch k {
            case .value: "value"
            case .number: "number"
            case .criterion: "criterion"
            case .range: "range"
            case .array: "array"
            }
        }
        func parameters(_ list: [Parameter]) -> String {
            "[" + list.map { "{\"name\": \"\($0.name)\", \"kind\": \"\(kind($0.kind))\", \"optional\": \($0.isOptional)}" }
                .joined(separator: ", ") + "]"
        }
        func implicit(_ i: ImplicitArgument?) -> String {
            switch i {
            case nil: "null"
            case .fiscalYearStart?: "\"fiscalYearStart\""
            case .lineKind?: "\"lineKind\""
            case .columns?: "\"columns\""
            }
        }
        let lines = FunctionRegistry.all.values.sorted { $0.name < $1.name }.map { spec in
            "  {\"name\": \"\(spec.name)\", \"parameters\": \(parameters(spec.parameters)), \"repeating\": \(parameters(spec.repeating)), "
                + "\"trailing\": \(parameters(spec.trailing)), \"min_args\": \(spec.minArgs), \"max_args\": \(spec.maxArgs), "
                + "\"implicit\": \(implicit(spec.implicit))}"
        }
        let time = FunctionRegistry.timeFunctions.keys.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
        return "{\"time_functions\": [\(time)],\n \"functions\": [\n" + lines.joined(separator: ",\n") + "\n]}\n"
    }

    @Test func theGeneratorKnowsEveryFunctionOfTheRegistry() throws {
        let wanted = Self.description()
        if ProcessInfo.processInfo.environment["KALKYL_RECORD_GOLDEN"] == "1" {
            try wanted.write(to: Self.file, atomically: true, encoding: .utf8)
        }
        let written = try String(contentsOf: Self.file, encoding: .utf8)
        #expect(written == wanted, "scripts/differential/functions.json is not the registry's: KALKYL_RECORD_GOLDEN=1 swift test --filter DifferentialRegistryTests")
        // The file is JSON the generator can read.
        #expect((try? JSONSerialization.jsonObject(with: Data(written.utf8))) != nil)
    }
}
