/// Where a pass over a file's rows, fields or cells puts what it finds wrong: a plain array of
/// diagnostics, or `CappedDiagnostics`, which keeps at most a thousand of a kind.
protocol DiagnosticSink {
    mutating func append(_ diagnostic: Diagnostic)
}

extension Array: DiagnosticSink where Element == Diagnostic {}

/// The diagnostics of a pass over a data file, at most `mostOfAKind` listed of each kind (each
/// code). A diagnostic takes a few hundred bytes, so a file of millions of rows with one problem
/// each kept gigabytes to say the same thing a million times, and stopped kalkyl when they did
/// not fit (docs/reliability.md, "Memory kept bounded"). The first `mostOfAKind` of a kind are
/// listed as they come, in file order; the rest are counted, and one more diagnostic stands for
/// them: the first of them, saying how many more there were and on which line the last was.
struct CappedDiagnostics: DiagnosticSink, Sendable {
    static let mostOfAKind = 1_000

    /// The diagnostics kept one by one, in the order they came.
    private(set) var listed: [Diagnostic] = []
    private var counts: [DiagnosticCode?: Int] = [:]
    /// The kinds past `mostOfAKind`, in the order they got there.
    private var unlisted: [Unlisted] = []
    private var unlistedIndex: [DiagnosticCode?: Int] = [:]

    private struct Unlisted: Sendable {
        var first: Diagnostic
        var count: Int
        var last: SourceLocation?
    }

    init() {}

    /// Lists the diagnostic when fewer than `mostOfAKind` of its code came before it; counts it otherwise.
    mutating func append(_ diagnostic: Diagnostic) {
        let code = diagnostic.code
        let count = counts[code, default: 0] + 1
        counts[code] = count
        if count <= Self.mostOfAKind {
            listed.append(diagnostic)
        } else if let i = unlistedIndex[code] {
            unlisted[i].count += 1
            unlisted[i].last = diagnostic.location
        } else {
            unlistedIndex[code] = unlisted.count
            unlisted.append(Unlisted(first: diagnostic, count: 1, last: diagnostic.location))
        }
    }

    /// As `append`, making the diagnostic only when it is listed or the first unlisted of its
    /// code: for one whose making costs (a hint that searches the members for the closest name).
    mutating func append(_ code: DiagnosticCode, at location: SourceLocation?, _ make: () -> Diagnostic) {
        if counts[code, default: 0] >= Self.mostOfAKind, let i = unlistedIndex[code] {
            counts[code, default: 0] += 1
            unlisted[i].count += 1
            unlisted[i].last = location
        } else {
            append(make())
        }
    }

    /// Counts `more` of `code` past those appended, the last at `last`, for a reader that kept
    /// only the first unlisted one of them itself (the SIE reader, whose diagnostics are made once
    /// the file is known).
    mutating func count(_ code: DiagnosticCode?, more: Int, last: SourceLocation?) {
        guard more > 0, let i = unlistedIndex[code] else { return }
        counts[code, default: 0] += more
        unlisted[i].count += more
        unlisted[i].last = last
    }

    static func += (diagnostics: inout CappedDiagnostics, more: [Diagnostic]) {
        for d in more { diagnostics.append(d) }
    }

    var isEmpty: Bool { listed.isEmpty }

    /// The listed diagnostics, then one for each kind that had more: the first unlisted, its
    /// message saying how many came after it and where the last was.
    var all: [Diagnostic] {
        listed + unlisted.map { kind in
            var d = kind.first
            guard kind.count > 1 else { return d }
            let more = kind.count - 1
            let what = d.severity == .warning ? "warning" : "error"
            let last = kind.last.map { ", the last on line \($0.line)" } ?? ""
            d.message += " (and \(ModelSize.grouped(Double(more))) more \(what)\(more == 1 ? "" : "s") like it after it\(last): only the first "
                + "\(ModelSize.grouped(Double(Self.mostOfAKind))) of a kind are listed one by one)"
            return d
        }
    }
}
