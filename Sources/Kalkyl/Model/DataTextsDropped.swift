/// Once a model is checked, its data files' texts are needed only for places and quoted
/// lines (explain's cells, the rows summed into them, diagnostics in a file): those are read
/// back from the files (`SourceFile.droppingText()`), so the checked model and its
/// diagnostics hold no data file's text, and a ledger's gigabyte is freed when checking ends.
///
/// A file that was not read from disk (an editor's buffer, a test's file) or was read with a
/// problem stays in memory. Each file is dropped once, shared by everything that names it.
///
/// The stretches a diagnostic points into stay in memory (`keeping`), so that it prints its
/// place and line even if the file is gone, or saved again, before it is shown.
struct DataTextsDropped {
    private var dropped: [ObjectIdentifier: SourceFile] = [:]
    /// Text offsets to keep in memory, by file: where the diagnostics point.
    private var kept: [ObjectIdentifier: [Int]] = [:]

    /// The places of `diagnostics` (and their notes), kept in memory in the files dropped after.
    init(keepingPlacesOf diagnostics: [Diagnostic]) {
        func keep(_ d: Diagnostic) {
            if let l = d.location, l.file.origin != nil { kept[ObjectIdentifier(l.file), default: []] += [l.range.start, l.range.end] }
            d.notes.forEach(keep)
        }
        diagnostics.forEach(keep)
    }

    /// The file without its text, when it can be read back.
    mutating func file(_ file: SourceFile) -> SourceFile {
        guard file.origin != nil, !file.isFileBacked else { return file }
        if let known = dropped[ObjectIdentifier(file)] { return known }
        let backed = file.droppingText(keeping: kept[ObjectIdentifier(file)] ?? [])
        dropped[ObjectIdentifier(file)] = backed
        return backed
    }

    mutating func origins(_ origins: DataOrigins?) -> DataOrigins? {
        guard var origins else { return nil }
        origins.file = file(origins.file)
        return origins
    }

    mutating func location(_ location: SourceLocation?) -> SourceLocation? {
        guard let location, location.file.origin != nil else { return location }
        return SourceLocation(file: file(location.file), range: location.range)
    }

    mutating func diagnostic(_ d: Diagnostic) -> Diagnostic {
        var out = d
        out.location = location(d.location)
        out.notes = d.notes.map { diagnostic($0) }
        return out
    }

    /// The model's places in data files, read back from the files.
    mutating func model(_ model: inout CheckedModel) {
        for k in model.definitions.indices {
            model.definitions[k].dataOrigins = origins(model.definitions[k].dataOrigins)
        }
        for k in model.baseAssignments.indices {
            model.baseAssignments[k].dataOrigins = origins(model.baseAssignments[k].dataOrigins)
        }
        for s in model.scenarios.indices {
            for k in model.scenarios[s].assignments.indices {
                model.scenarios[s].assignments[k].dataOrigins = origins(model.scenarios[s].assignments[k].dataOrigins)
            }
        }
    }
}

extension DataBinding {
    /// The bytes of the data files' texts held now that `DataTextsDropped` frees once checking
    /// ends, before any cell is computed: each file read from disk without a problem, once.
    var textsDroppedAfterChecking: Int {
        var seen = Set<ObjectIdentifier>()
        var bytes = 0
        for case let table? in tables.values where table.file.origin != nil && !table.file.isFileBacked
            && seen.insert(ObjectIdentifier(table.file)).inserted {
            bytes += table.file.bytes.count
        }
        return bytes
    }
}
