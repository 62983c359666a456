import Foundation

/// The data files a model reads, so that what watches or fingerprints a model can include
/// them: `watch` recomputes when an ERP export is saved again, and the workbook's cover
/// sheet hashes every file its figures come from.
public enum DataFiles {
    /// The paths as the model writes them (relative to the model's folder unless absolute),
    /// each once, in the order the model first names them.
    public static func paths(in file: SourceFile) -> [String] {
        let (syntax, _) = Parser.parse(file)
        var paths: [String] = []
        for statement in syntax.statements {
            switch statement {
            case .dimension(let d):
                if let file = d.file { paths.append(file.path) }
            case .definition(let d), .check(let d):
                switch d.source {
                case .keyed(let path, _, _, _)?, .wide(let path, _, _)?, .long(let path, _, _, _, _, _)?: paths.append(path)
                default: break
                }
            default: break
            }
        }
        var seen = Set<String>()
        return paths.filter { seen.insert($0).inserted }
    }

    /// Where a path from a model lies on disk: as written if absolute, else beside the model.
    public static func url(of path: String, model: SourceFile) -> URL {
        if path.hasPrefix("/") { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: model.path).deletingLastPathComponent().appendingPathComponent(path)
    }
}
