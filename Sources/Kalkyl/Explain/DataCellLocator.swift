import Foundation

/// A `#TRANS` line of a SIE file that a figure sums, and the voucher it belongs to.
public struct SIEVoucherLine: Codable, Sendable {
    public var line: Int
    public var column: Int
    public var amount: Double
    public var series: String
    public var number: String
    /// `2024-01-15`.
    public var date: String
    public var text: String
}

/// Finds the SIE lines behind an input cell read from a SIE file, for `explain`.
///
/// The checked model keeps where each cell of a table (CSV) was read (`DataOrigins`), but not
/// yet for SIE files: for those the locator still parses the model's statement and reads the
/// SIE file again, and finds the `#TRANS` lines (or the balance line) by the cell's members
/// and month.
struct DataCellLocator {
    typealias DimensionFile = (path: String, range: SourceRange, key: DataName)
    let model: CheckedModel
    /// The model's statements as written, parsed once when first asked about.
    private var syntax: (definitions: [Definition], dimensionFiles: [String: DimensionFile])? = nil
    private var sieFiles: [String: SIEFile?] = [:]

    init(model: CheckedModel) { self.model = model }

    /// The data cell behind `cell`, set by the statement at `location` (the input's definition,
    /// or an assignment that fixes `fixed` members), or nil when that statement reads no file
    /// or the file no longer has the cell.
    mutating func locate(_ cell: CellReference, statementAt location: SourceLocation, fixed: [Int?]) -> DataCellSource? {
        guard location.file.path == model.file.path,
              let statement = parsed().definitions.first(where: { SourceLocation(file: model.file, range: $0.range).line == location.line }),
              let source = statement.source else { return nil }
        let d = model.definitions[cell.slot]
        let names = model.memberNames(of: cell.slot, member: cell.member)
        // The file's keys name the members the statement leaves free, in the input's order.
        let keys = d.dimensions.indices.filter { k in k >= fixed.count || fixed[k] == nil }.map { names[$0] }
        switch source {
        case .sie(let path, _, let record, _, let keyList):
            return sie(path: path, record: record, keys: keyList.map(\.key), members: keys, period: cell.period)
        default:
            return nil
        }
    }

    /// The SIE lines behind a cell: every `#TRANS` of its members and month (each with its
    /// voucher), or the one balance line.
    private mutating func sie(path: String, record: SIERecord, keys: [SIEKey], members: [String], period: Int?) -> DataCellSource? {
        guard let file = sieFile(path) else { return nil }
        let timeline = model.timeline
        let found = file.amounts(record, keys: keys).filter { amount in
            guard amount.keys == members else { return false }
            guard record.hasPeriods else { return amount.year == 0 }
            guard let month = amount.month, let period else { return false }
            return timeline.index(ofAbsolute: timeline.granularity == .monthly ? month : month / 12) == period
        }
        guard let first = found.first else { return nil }
        let place = { (a: SIEAmount) in SourceLocation(file: file.file, range: a.amountRange) }
        var source = DataCellSource(path: path, line: place(first).line, column: place(first).column, header: record.label)
        if record == .vouchers {
            source.vouchers = found.compactMap { a in
                guard let v = a.voucher else { return nil }
                let voucher = file.vouchers[v], d = voucher.date
                return SIEVoucherLine(line: place(a).line, column: place(a).column, amount: a.amount, series: voucher.series, number: voucher.number,
                                      date: "\(d.prefix(4))-\(d.dropFirst(4).prefix(2))-\(d.suffix(2))", text: voucher.text)
            }
        }
        return source
    }

    private mutating func sieFile(_ path: String) -> SIEFile? {
        if let cached = sieFiles[path] { return cached }
        let directory = URL(fileURLWithPath: model.file.path).deletingLastPathComponent().path
        let file = (try? DataFile.bytes(path: path, relativeTo: directory, sources: model.sources)).map { SIEFile(bytes: $0.bytes, path: path) }
        sieFiles[path] = .some(file)
        return file
    }

    /// The model's input statements (its scenarios' overrides too) and the files its
    /// dimensions are read from, from one parse of the model.
    private mutating func parsed() -> (definitions: [Definition], dimensionFiles: [String: DimensionFile]) {
        if let syntax { return syntax }
        var definitions: [Definition] = []
        var files: [String: DimensionFile] = [:]
        for statement in Parser.parse(model.file).0.statements {
            switch statement {
            case .definition(let d): definitions.append(d)
            case .scenario(let s): definitions += s.overrides
            case .dimension(let d): if let file = d.file { files[d.name] = file }
            default: break
            }
        }
        syntax = (definitions, files)
        return (definitions, files)
    }
}
