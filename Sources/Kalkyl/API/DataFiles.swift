import Foundation

/// The data files a model's statements name, found once by the checker from the statements it
/// checks and kept in the model (`CheckedModel.dataFiles`), so that what follows or
/// fingerprints a model never parses it again: `watch` recomputes when an ERP export is saved
/// again, and the workbook's cover sheet hashes every file its figures come from.
enum DataFiles {
    /// The paths as the model writes them (relative to the model's folder unless absolute),
    /// each once, in the order the model first names them: the files of dimensions (their
    /// members, a `parent … from` mapping, a SIE file), of data statements and of `spread by`
    /// keys.
    static func paths(in syntax: SyntaxFile) -> [String] {
        var paths: [String] = []
        func read(_ d: Definition) {
            if let path = d.source?.path { paths.append(path) }
            if case .keyFile(let path, _, _)? = d.dataOptions.spread?.method { paths.append(path) }
        }
        for statement in syntax.statements {
            switch statement {
            case .dimension(let d):
                if let file = d.file { paths.append(file.path) }
                if let parents = d.parentFile { paths.append(parents.path) }
                if let sie = d.sie { paths.append(sie.path) }
            case .definition(let d), .check(let d):
                read(d)
            default: break
            }
        }
        var seen = Set<String>()
        return paths.filter { seen.insert($0).inserted }
    }

    /// The folder a model's relative data paths start from: the model file's.
    static func folder(of model: SourceFile) -> String {
        URL(fileURLWithPath: model.path).deletingLastPathComponent().path
    }
}

extension DataSourceSyntax {
    /// The file a statement names (`= column …` names none: it reads its dimension's).
    var path: String? {
        switch self {
        case .keyed(let path, _, _, _), .wide(let path, _, _), .long(let path, _, _, _, _, _), .sie(let path, _, _, _, _): path
        default: nil
        }
    }
}
