/// A `long` statement's file read as its records pass (`LongStream`), when nothing else needs
/// its text: the one-shot commands' ledgers of a gigabyte are read without holding them.
extension DataBinding {
    /// The series of a `long` statement's file read as a stream, and the file (file-backed);
    /// nil when it is to be read whole, as before: with a `CheckCache` (the language server
    /// keeps tables between checks; `watch` has none, and streams), from a provider other than the disk, for a file the
    /// model reads elsewhere too or read already, and for any file `LongStream` does not read
    /// cleanly, or one naming a key that is no member (each is reported with the text in memory,
    /// its line kept whatever happens to the file afterwards).
    mutating func streamedLong(path: String, keys: [DataName], period: DataName, amount: DataName, sum: Bool, dims: [Int],
                               names: NameTable) -> LongStream.Read? {
        guard cache == nil, sources is DiskSources, tables[path] == nil, streamablePaths.contains(path) else { return nil }
        let stream = LongStream(periodColumn: period.name, keyColumns: keys.map(\.name), amountColumn: amount.name, timeline: names.timeline,
                                duplicates: sum ? .sum : .error)
        guard let read = stream.read(DataFile.resolve(path, in: directory)) else { return nil }
        let refused = dims.map { refusedMembers[names.dimensions[$0].name] ?? [] }
        for series in read.series where !zip(series.key, refused).contains(where: { $1.contains($0) }) {
            guard DataBinding.member(series.key, dims: dims, names: names, at: series.keyLocations).1 == nil else { return nil }
        }
        return read
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
