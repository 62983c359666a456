/// Settles a file's separator and decimal mark when the caller did not give them.
enum FormatDetection {
    /// Excel writes and reads a first line `sep=;` naming the separator. Returns the separator
    /// and where the header starts, or nil when there is no such line.
    static func separatorLine(in bytes: [UInt8]) -> (DataFormat.Separator, headerStart: Int)? {
        let prefix = Array("sep=".utf8)
        guard bytes.count > prefix.count, bytes.starts(with: prefix),
              let separator = DataFormat.Separator.allCases.first(where: { $0.byte == bytes[prefix.count] }) else { return nil }
        var i = prefix.count + 1
        guard i == bytes.count || bytes[i] == UInt8(ascii: "\n") || bytes[i] == UInt8(ascii: "\r") else { return nil }
        if i < bytes.count, bytes[i] == UInt8(ascii: "\r") { i += 1 }
        if i < bytes.count, bytes[i] == UInt8(ascii: "\n") { i += 1 }
        return (separator, i)
    }

    /// The separator the header line uses most, outside quotes. Ties go to tab, then `;`,
    /// then `,` (a header with a comma inside a name is likelier than one with a tab); a
    /// header with none at all is a single column, read as a Swedish export.
    static func separator(ofHeaderIn bytes: [UInt8], from start: Int) -> DataFormat.Separator {
        headerSeparator(in: bytes, from: start).separator
    }

    /// `separator(ofHeaderIn:from:)`, and whether the header line ended within `bytes`: when it
    /// did not, more text (a stream's next piece) could change the answer.
    static func headerSeparator(in bytes: [UInt8], from start: Int) -> (separator: DataFormat.Separator, lineEnded: Bool) {
        var counts: [DataFormat.Separator: Int] = [:]
        var lineEnded = false
        var inQuotes = false, sawText = false
        var i = start
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { inQuotes.toggle() }
            if !inQuotes {
                let endOfLine = b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r")
                if endOfLine, sawText {   // empty lines before the header do not count
                    lineEnded = true
                    break
                }
                if !endOfLine { sawText = true }
                if let s = DataFormat.Separator.allCases.first(where: { $0.byte == b }) { counts[s, default: 0] += 1 }
            }
            i += 1
        }
        let preference: [DataFormat.Separator] = [.tab, .semicolon, .comma]
        let best = preference.max { (counts[$0] ?? 0, -preference.firstIndex(of: $0)!) < (counts[$1] ?? 0, -preference.firstIndex(of: $1)!) }!
        return ((counts[best] ?? 0) > 0 ? best : .semicolon, lineEnded)
    }
}

/// The decimal mark most numbers in the data show, with the first cell showing it, counted
/// record by record as the file is scanned. When no number has a decimal part, or as many
/// show one mark as the other, the separator decides: `;` and tab mean a decimal comma, `,` a
/// decimal point.
struct DecimalEvidence {
    private var commas = 0, points = 0
    private var firstComma: SourceRange?, firstPoint: SourceRange?

    /// Counts the marks the fields of one record show.
    mutating func add(_ fields: [FieldSpan], in bytes: [UInt8]) {
        for field in fields {
            // Only a cell with a comma or a point can show a mark: most cells are passed over without reading their text.
            guard bytes[Int(field.start)..<Int(field.end)].contains(where: { $0 == 0x2C || $0 == 0x2E }),
                  let mark = NumberReader.decimalEvidence(FieldText.text(of: field, in: bytes)) else { continue }
            switch mark {
            case .comma:
                commas += 1
                firstComma = firstComma ?? field.range
            case .point:
                points += 1
                firstPoint = firstPoint ?? field.range
            }
        }
    }

    /// `add` of a record whose fields are places in `window`, the text from `base` on (a
    /// stream's, `LongStream`): the first cells showing each mark are kept as places in the
    /// whole text.
    mutating func add(_ fields: [FieldSpan], window: [UInt8], base: Int) {
        let hadComma = firstComma != nil, hadPoint = firstPoint != nil
        add(fields, in: window)
        if !hadComma, let r = firstComma { firstComma = SourceRange(r.start + base, r.end + base) }
        if !hadPoint, let r = firstPoint { firstPoint = SourceRange(r.start + base, r.end + base) }
    }

    /// The mark the counted records show, and what decided it.
    func decide(separator: DataFormat.Separator) -> (DataFormat.DecimalMark, DataFormat.DecimalSource) {
        if commas > points { return (.comma, .data(firstComma!)) }
        if points > commas { return (.point, .data(firstPoint!)) }
        let byDefault: DataFormat.DecimalMark = separator == .comma ? .point : .comma
        let first = byDefault == .comma ? firstComma : firstPoint
        return (byDefault, first.map(DataFormat.DecimalSource.data) ?? .separator)
    }
}
