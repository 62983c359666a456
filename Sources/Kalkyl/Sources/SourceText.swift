/// What a file is read as: the encodings it may be in follow from it.
public enum SourceKind: Sendable {
    /// A model: UTF-8.
    case model
    /// A board-pack layout: UTF-8.
    case layout
    /// An ERP or HR export: UTF-8, Windows-1252 or UTF-16 with a byte-order mark.
    case data

    var saveAsUTF8: String {
        switch self {
        case .model: "save the model as UTF-8; model files are plain text"
        case .layout: "save the layout as UTF-8; layout files are plain text"
        case .data: "export the file again as UTF-8"
        }
    }

    /// What to do with a binary file given where text was expected.
    func binaryHint(zip: Bool) -> String {
        switch self {
        case .model: "a model is a text file (.kalkyl), written in an editor"
        case .layout: "a layout is a text file (.layout), written in an editor"
        case .data: zip ? "save the sheet as CSV (CSV UTF-8) and read that file" : "a data file is CSV text, as an ERP or Excel exports it"
        }
    }
}

/// A file's text, decoded once from its bytes, and the encoding problem that makes it
/// unusable, if any (at `file:line:col`: the first character that breaks its encoding).
public struct SourceText: Sendable {
    public let file: SourceFile
    package let encoding: DataFormat.Encoding
    public let problem: Diagnostic?

    /// Decodes `bytes` read from `path` as a file of this kind.
    public init(bytes: [UInt8], path: String, as kind: SourceKind) {
        self.init(SourceTextDecoder.decode(bytes, as: kind), path: path, as: kind)
    }

    /// The text decoded already (a data file decoded piece by piece as it was read).
    init(_ decoded: SourceTextDecoder.Decoded, path: String, as kind: SourceKind) {
        // Only a file read without a problem may be read back later: its decoding is the same all through.
        let origin = decoded.problem == nil ? decoded.identity.map { DiskOrigin(identity: $0, encoding: decoded.encoding) } : nil
        let file = SourceFile(path: path, validUTF8: decoded.utf8, origin: origin)
        self.file = file
        self.encoding = decoded.encoding
        self.problem = decoded.problem.map { problem in
            // The whole character, not its first byte.
            var end = min(max(problem.range.upperBound, problem.range.lowerBound + 1), file.bytes.count)
            while end < file.bytes.count, file.bytes[end] & 0xC0 == 0x80 { end += 1 }
            return .error(problem.message, at: SourceLocation(file: file, range: SourceRange(problem.range.lowerBound, end)), hint: problem.hint,
                          code: kind == .data ? .dataNotText : .notText)
        }
    }
}

extension SourceProvider {
    /// The text of the file at `path`, decoded as a file of this kind, from its whole bytes.
    public func text(of path: String, as kind: SourceKind) throws(SourceReadError) -> SourceText {
        SourceText(bytes: try contents(of: path), path: path, as: kind)
    }
}
