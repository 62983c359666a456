/// A `long` statement's file read as its records pass (`LongStream`), when nothing else needs
/// its text: the one-shot commands' ledgers of a gigabyte are read without holding them.
extension DataBinding {
    /// The series of a `long` statement's file read as a stream, and the file (file-backed);
    /// nil when it is to be read whole, as before: with a `CheckCache` (the language server
    /// keeps tables between checks; `watch` has none, and streams), from a provider other than the disk, for a file the
    /// model reads elsewhere too or read already, and for any file `LongStream` does not read
    /// cleanly, or one naming a key that is no member (each is reported with the text in memory,
    /// its line kept whatever happens to the file afterwards).
    ///
    /// A file whose series and places would keep more than `DiskSources.keepLimit` is refused
    /// (`.refused`, with its error in `diagnostics`), whatever its size: its size is what a
    /// whole read is limited by, since that holds the text.
    mutating func streamedLong(_ d: Definition, path: String, pathRange: SourceRange, keys: [DataName], period: DataName, amount: DataName,
                               sum: Bool, dims: [Int], names: NameTable) -> StreamedLong? {
        guard cache == nil, sources is DiskSources, tables[path] == nil, streamablePaths.contains(path) else { return nil }
        let stream = LongStream(periodColumn: period.name, keyColumns: keys.map(\.name), amountColumn: amount.name, timeline: names.timeline,
                                duplicates: sum ? .sum : .error)
        switch stream.outcome(DataFile.resolve(path, in: directory)) {
        case .readWhole:
            return nil
        case .tooMuch(let refusal):
            diagnostics.append(.keepsTooMuch(path, for: d.name, refusal, limit: stream.keepLimit, at: location(pathRange)))
            tables[path] = .some(nil)
            return .refused
        case .read(let read):
            let refused = dims.map { refusedMembers[names.dimensions[$0].name] ?? [] }
            for series in read.series where !zip(series.key, refused).contains(where: { $1.contains($0) }) {
                guard DataBinding.member(series.key, dims: dims, names: names, at: series.keyLocations).1 == nil else { return nil }
            }
            return .read(read)
        }
    }

    /// A `long` file read as a stream, or refused for what it would keep.
    enum StreamedLong {
        case read(LongStream.Read)
        case refused
    }
}

extension Diagnostic {
    /// A file read as it passes that would keep more than it may: what it would keep (judged
    /// from the part read), the limit and the memory it is half of, in the manner of a file over
    /// the size limit (`SourceReadError.reason`), with the same advice to read it in parts.
    fileprivate static func keepsTooMuch(_ path: String, for name: String, _ refusal: LongStream.TooMuch, limit: Int,
                                         at location: SourceLocation) -> Diagnostic {
        let estimate = refusal.estimate
        let judged = refusal.bytesRead < refusal.size ? ", judged from the first \(refusal.bytesRead * 100 / max(1, refusal.size)) % of the file" : ""
        let message = "the data file '\(path)' would keep about \(DiskSources.mebibytes(estimate)) MiB in memory for '\(name)', "
            + "more than the \(DiskSources.mebibytes(limit)) MiB a file read as its rows pass may keep "
            + "(its series and the places of the rows summed into them\(judged); "
            + "such a file may keep half of the \(DiskSources.mebibytes(2 * limit)) MiB kalkyl may use here)"
        // Parts that would each keep under the limit, by the same measure.
        let part = Int(Double(refusal.size) * Double(limit) / Double(max(1, estimate))) & ~((1 << 20) - 1)
        return Diagnostic.error(message, at: location, hint: DataFile.tooLargeHint(partsUnder: part), code: .unreadableDataFile).unreadableFile
    }
}

extension DataFiles {
    /// The paths (as written) that one statement of the model names and no other: a file
    /// read by one statement only may be read as a stream, without a table kept for others.
    static func namedOnce(in syntax: SyntaxFile) -> Set<String> {
        var count: [String: Int] = [:]
        for statement in syntax.statements {
            switch statement {
            case .dimension(let d):
                if let file = d.file { count[file.path, default: 0] += 1 }
                if let sie = d.sie { count[sie.path, default: 0] += 1 }
            case .definition(let d), .check(let d):
                if let path = d.source?.path { count[path, default: 0] += 1 }
            default: break
            }
        }
        return Set(count.filter { $0.value == 1 }.keys)
    }
}
