import Foundation
@testable import Kalkyl
import Testing

/// The data files under `Fixtures/data`, written as Swedish ERP and HR systems export them.
enum DataFixtures {
    static var directory: String {
        Bundle.module.url(forResource: "data", withExtension: nil, subdirectory: "Fixtures")!.path
    }

    static func path(_ name: String) -> String { directory + "/" + name }

    /// Reads a fixture by the short path `data/NAME`, so diagnostics print as a user would see them.
    static func table(_ name: String, options: DataReadOptions = .detect) throws -> DataTable {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path(name))))
        return DataTable.parse(bytes: bytes, path: "data/" + name, options: options)
    }
}

/// `timeline monthly 2021-01 .. 2021-12`
let year2021 = Timeline(granularity: .monthly, first: 2021 * 12, count: 12)

/// The text a diagnostic underlines.
func underlined(_ d: Diagnostic) -> String? {
    guard let loc = d.location else { return nil }
    return loc.file.text(in: loc.range)
}

/// "line:column" of a diagnostic, as the renderer prints it.
func place(_ d: Diagnostic) -> String {
    d.location.map { "\($0.line):\($0.column)" } ?? "-"
}

/// Asserts exactly these diagnostics, in this order: each at `line:column`, underlining
/// `text` (the cell as written), with a message containing `message`.
func expectDataDiagnostics(_ found: [Diagnostic], _ expected: [(at: String, text: String, message: String)],
                           sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let summary = found.map { "\(place($0)) [\(underlined($0) ?? "")] \($0.message)" }
    #expect(found.count == expected.count, "got \(summary)", sourceLocation: sourceLocation)
    for (d, e) in zip(found, expected) {
        #expect(place(d) == e.at, "\(d.message)", sourceLocation: sourceLocation)
        #expect(underlined(d) == e.text, "\(d.message)", sourceLocation: sourceLocation)
        #expect(d.message.contains(e.message), "'\(d.message)' lacks '\(e.message)'", sourceLocation: sourceLocation)
    }
}

extension KeyedSeries {
    /// The values as numbers, nil where blank.
    var numbers: [Double?] { values.map(\.number) }
}

extension DataExtraction where Item == KeyedSeries {
    func series(_ key: String...) -> KeyedSeries? { items.first { $0.key == key } }
}
