/// Excel names for a model's scalars and sheet names for its scenarios, each legal and unique.
///
/// Model names are case-sensitive identifiers that may use Swedish letters; Excel names are
/// compared without case, may not read as a cell (`q1`, `tax2021`, `R2C3`), may not be TRUE or
/// FALSE, and libxlsxwriter keeps at most 127 bytes of them. å, ä and ö are letters to both
/// Excel and libxlsxwriter and stay as they are.
struct ExcelNames {
    private var used: Set<String> = []

    /// A legal Excel name close to `wanted`, not yet handed out (in any letter case); nil when
    /// none fits in libxlsxwriter's 127 bytes.
    mutating func claim(_ wanted: String) -> String? {
        var base = String(wanted.unicodeScalars.map { scalar -> Character in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "." ? Character(scalar) : "_"
        })
        if base.isEmpty { base = "_" }
        if let first = base.unicodeScalars.first, !(first.properties.isAlphabetic || first == "_") { base = "_" + base }
        var candidate = base
        var suffix = 1
        while !isLegal(candidate) || used.contains(candidate.lowercased()) {
            suffix += 1
            // A trailing _ stops a name reading as a cell (`q1_`); a counter separates look-alikes.
            candidate = suffix == 2 && !used.contains((base + "_").lowercased()) ? base + "_" : base + "_\(suffix)"
            if candidate.utf8.count > 127 { return nil }
        }
        used.insert(candidate.lowercased())
        return candidate
    }

    private func isLegal(_ name: String) -> Bool {
        guard name.utf8.count <= 127 else { return false }
        return (try? XLSXWorkbook.validateDefinedName(name, "")) != nil
    }

    /// Sheet names: at most 31 characters, none of `[ ] : * ? / \`, unique in any letter case.
    struct Sheets {
        private var used: Set<String> = ["history"]

        mutating func claim(_ wanted: String) -> String {
            let cleaned = String(wanted.map { "[]:*?/\\".contains($0) ? "_" : $0 })
                .trimmingCharacters(in: ["'"])
            var base = String(cleaned.prefix(31))
            if base.isEmpty { base = "Sheet" }
            var candidate = base
            var n = 1
            while used.contains(candidate.lowercased()) {
                n += 1
                let tail = " \(n)"
                candidate = String(base.prefix(31 - tail.count)) + tail
            }
            used.insert(candidate.lowercased())
            return candidate
        }
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
