import Foundation
import Kalkyl
import KalkylXLSX

/// A board-pack layout as the editor holds it: its names are the model's, so its diagnostics,
/// go to definition and completion come from the model it lays out.
public final class LayoutDocument {
    public let path: String
    public private(set) var text: String
    public private(set) var version: Int
    public private(set) var source: SourceFile
    public private(set) var lines: LineIndex
    public private(set) var syntax: LayoutSyntax
    public private(set) var syntaxDiagnostics: [Diagnostic]
    /// The model read from disk when it is not open in the editor.
    var modelFromDisk: ModelDocument?

    public init(path: String, text: String, version: Int = 0) {
        self.path = path
        self.text = text
        self.version = version
        source = SourceFile(path: path, text: text)
        lines = LineIndex(text: source.text)
        (syntax, syntaxDiagnostics) = LayoutParser.parse(source)
    }

    public func update(text: String, version: Int) {
        self.text = text
        self.version = version
        source = SourceFile(path: path, text: text)
        lines = LineIndex(text: source.text)
        (syntax, syntaxDiagnostics) = LayoutParser.parse(source)
    }

    /// The model this layout is for: `workbooks/NAME.layout` lays out `formulas/NAME.kalkyl`
    /// (or `NAME.kalkyl` beside it), as the repository keeps them.
    public var modelPath: String? {
        let url = URL(fileURLWithPath: path)
        let name = url.deletingPathExtension().lastPathComponent + ".kalkyl"
        let folder = url.deletingLastPathComponent()
        for candidate in [folder.deletingLastPathComponent().appendingPathComponent("formulas").appendingPathComponent(name),
                          folder.appendingPathComponent(name)]
        where FileManager.default.fileExists(atPath: candidate.path) {
            return candidate.standardizedFileURL.path
        }
        return nil
    }

    /// Syntax errors, and once the model checks, every name the model does not have.
    public func diagnostics(model: CheckedModel?) -> [Diagnostic] {
        guard let model, syntaxDiagnostics.isEmpty else { return syntaxDiagnostics.coded(.layout) }
        return ReportLayout.resolve(source, model: model).1
    }

    /// The model names the layout writes (rows, their comparisons, chart series), with where.
    public var references: [LayoutName] {
        var out: [LayoutName] = []
        for statement in syntax.statements {
            switch statement.kind {
            case .row(let row):
                out.append(row.reference.name)
                if let comparison = row.comparison { out.append(comparison.name) }
            case .chart(let chart):
                out += chart.series.map(\.name)
            default:
                continue
            }
        }
        return out
    }

    /// The name under a byte offset.
    public func reference(at offset: Int) -> LayoutName? {
        references.first { $0.range.start <= offset && offset <= $0.range.end }
    }
}
