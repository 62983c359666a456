/// The cells a `wide` file has a row and a column for but leaves empty where its row has values
/// before and after them, by period: how many, and the first few of each period in file order,
/// to name in a warning (`Checker.warnOfEmptyCells`). Blank is not zero: `SUM` passes over such a
/// cell, so a budget with one cell left empty gives a year total short by it, with nothing said.
///
/// Empty cells before a row's first value or after its last are the member's start or end within
/// the timeline (a cost centre opened in March, a person who left in June, a report line wound up
/// two years ago) and are not asked about; a row with no value at all is, every cell of it, as a
/// member with no row is.
struct EmptyCells: Sendable {
    /// How many cells of each period a warning names.
    static let named = 5
    private(set) var byPeriod: [Int: Period] = [:]

    struct Period: Sendable {
        var count = 0
        /// The first `named` of the period: the member's index and the cell's place in the file.
        var first: [(member: Int, offset: Int)] = []
    }

    var isEmpty: Bool { byPeriod.isEmpty }

    /// Takes the empty cells of a row's series (its cells' places in `bytes`) that are holes:
    /// after its first value and before its last, in timeline order, or all of them when it has none.
    mutating func add(holesOf series: KeyedSeries, member: Int, in bytes: [UInt8]) {
        var empty: [(period: Int, offset: Int)] = []
        var firstValue: Int?, lastValue = -1
        for (p, place) in series.locations.enumerated() {
            guard let place else { continue }
            if FieldText.isBlank(FieldSpan(place.range.start, place.range.end), in: bytes) {
                empty.append((p, place.range.start))
            } else {
                firstValue = firstValue ?? p
                lastValue = p
            }
        }
        for cell in empty where firstValue.map({ cell.period > $0 && cell.period < lastValue }) ?? true {
            add(member: member, period: cell.period, offset: cell.offset)
        }
    }

    mutating func add(member: Int, period: Int, offset: Int) {
        var entry = byPeriod[period] ?? Period()
        entry.count += 1
        if entry.first.count < Self.named { entry.first.append((member, offset)) }
        byPeriod[period] = entry
    }
}

extension Checker {
    /// A `wide` file's empty cell leaves its member blank in that period: warned about, naming
    /// the file, the cell's line, the member and the period (K0502, as a member with no row or a
    /// period with no column), unless the statement says what an empty cell means (`missing 0`).
    /// Only the periods the statement sets (`periods`, all when nil).
    mutating func warnOfEmptyCells(_ read: ReadCells?, d: Definition, source: DataSourceSyntax, dimensions: [Int], names: NameTable,
                                   periods: ClosedRange<Int>?) {
        guard case .wide(let path, _, _) = source, d.dataOptions.missingIsZero == nil, let read, !read.empty.isEmpty,
              let file = read.origins?.file else { return }
        let timeline = names.timeline
        var count = 0
        var named: [(member: Int, period: Int, offset: Int)] = []
        for p in periods ?? 0...(timeline.count - 1) {
            guard let entry = read.empty.byPeriod[p] else { continue }
            count += entry.count
            named += entry.first.map { ($0.member, p, $0.offset) }
        }
        guard count > 0 else { return }
        named.sort { $0.offset < $1.offset }
        let shown = named.prefix(EmptyCells.named).map {
            "\(Self.memberName($0.member, dimensions: dimensions, names: names)) in \(timeline.label($0.period)) (line \(file.lineAndColumn(of: $0.offset).line))"
        }
        let message = count == 1 ? "\(path) has no value for \(shown[0]), so '\(d.name)' is blank there"
            : "\(path) has no value in \(ModelSize.grouped(Double(count))) cells, so '\(d.name)' is blank there: \(shown.joined(separator: ", "))"
                + (count > shown.count ? " and \(ModelSize.grouped(Double(count - shown.count))) more" : "")
        diagnostics.append(Diagnostic(.warning, message, at: SourceLocation(file: file, range: SourceRange(named[0].offset, named[0].offset)),
                                      hint: "fill the cell\(count == 1 ? "" : "s"), or write 'missing 0' after the source if an empty cell means 0",
                                      code: .noRowForMember))
    }

    /// A member of several dimensions written as the warnings about rows write it: `110/4010`.
    static func memberName(_ index: Int, dimensions: [Int], names: NameTable) -> String {
        var rest = index
        var parts: [String] = []
        for d in dimensions.reversed() {
            parts.append(names.dimensions[d].members[rest % names.size(d)])
            rest /= names.size(d)
        }
        return parts.reversed().joined(separator: "/")
    }
}
