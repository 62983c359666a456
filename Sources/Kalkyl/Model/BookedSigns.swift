import Foundation

/// A ledger and a SIE file book amounts as debit positive and credit negative, so revenue is
/// negative there; a `cost` or `revenue` line is kept positive, a `result` in the report's
/// signs (revenue positive). A line whose kind and the signs of the file it reads disagree
/// gives every variance of it the wrong sign with nothing to see, so the checker says so:
/// an error where the signs are known (a SIE file: K0224), a warning where the amounts read
/// show it (a cost or revenue line adding up below zero: K0225). `credit positive` on the
/// statement is the explicit choice that reads credits positive; nothing is flipped unasked.
extension Checker {
    /// Checks the cells an input statement `d` read from `source`, for a line of `kind`.
    mutating func checkBookedSigns(_ d: Definition, kind: LineKind?, source: DataSourceSyntax, cells: [Value]) {
        guard let kind, let (path, pathRange) = source.file else { return }
        let creditPositive = d.dataOptions.creditPositive
        if case .sie = source {
            switch (kind, creditPositive) {
            case (.revenue, nil), (.result, nil):
                let kept = kind == .revenue ? "a revenue line, kept positive" : "a result line, kept in the report's signs (revenue positive, costs negative)"
                diagnostics.append(.error("'\(d.name)' is \(kept), but \(path) books revenue as a credit, negative, "
                                          + "and costs positive: every variance of '\(d.name)' would have the wrong sign",
                                          at: location(pathRange), hint: "read credits positive: \(d.writtenOnOneLine(in: file)) credit positive",
                                          code: .lineKindAgainstBookedSigns))
                return
            case (.cost, let clause?):
                diagnostics.append(.error("'\(d.name)' is a cost line, kept positive, and \(path) books costs positive (debit), so credit positive "
                                          + "makes them negative: every variance of '\(d.name)' would have the wrong sign",
                                          at: location(clause), hint: "leave out credit positive", code: .lineKindAgainstBookedSigns))
                return
            default:
                break
            }
        }
        guard kind != .result else { return }
        var total = 0.0, numbers = 0
        for case .number(let x) in cells {
            total += x
            numbers += 1
        }
        guard numbers > 0, total < 0 else { return }
        let amount = "-" + ModelSize.grouped(-total)
        let hint = if creditPositive != nil {
            "leave out credit positive if \(path) books \(kind == .cost ? "costs" : "revenue") positive"
        } else if kind == .revenue {
            "if \(path) books revenue as a credit, negative, read credits positive: \(d.writtenOnOneLine(in: file)) credit positive; "
                + "a line kept in the report's signs, costs negative, is a result"
        } else {
            "if \(path) books costs as credits, negative, read them positive: \(d.writtenOnOneLine(in: file)) credit positive; "
                + "a line kept in the report's signs, costs negative, is a result"
        }
        diagnostics.append(Diagnostic(.warning, "the amounts '\(d.name)' reads from \(path) add up to \(amount)\(creditPositive == nil ? "" : " read with credits positive"), "
                                      + "but a \(kind.rawValue) line is kept positive: every variance of '\(d.name)' would have the wrong sign",
                                      at: location(pathRange), hint: hint, code: .lineKindAgainstReadSigns))
    }


    /// A VARIANCE of a cost or revenue reading a line of no kind whose amounts, read from a
    /// data file, add up below zero: a budget booked as the ledger books it (revenue
    /// negative) against an actual kept positive. Warned of at the call, once a line.
    ///
    /// A formula of no kind is followed to the data inputs of no kind it is computed from
    /// (`BookedSignFlow`, as K0224 follows SIE amounts): each one reaching it as read, whatever
    /// else it reads, is judged by its amounts; one reaching it only negated (`intakt_netto =
    /// -SUM(intakt_gl)`) carries their sign turned and is not. A formula was not judged at all:
    /// `VARIANCE(summa, budget)` with `summa = SUM(intakt_gl)` over amounts adding up below
    /// zero had the wrong sign with nothing said.
    mutating func warnOfVariancesReadingNegativeAmounts(_ reads: [(kind: LineKind, names: [String], range: SourceRange)],
                                                        definitions: [CheckedDefinition], base: [InputAssignment], written: [Definition]) {
        guard !reads.isEmpty else { return }
        let slots = Dictionary(definitions.indices.map { (definitions[$0].name, $0) }, uniquingKeysWith: { first, _ in first })
        // A SIE file's signs are known (debit positive), so its amounts are K0224's to judge,
        // by the statement's `credit positive`, not by their total: a ledger of revenue and
        // costs adds up below zero in a profitable month, and its costs are right in a cost
        // variance as booked (they were warned of when named in the call).
        let sie = Set(written.filter { if case .sie = $0.source { true } else { false } }.map(\.name))
        // The data inputs of no kind: read by their definition or by an assignment (`actual`).
        let assigned = Set(base.filter { $0.data != nil }.map(\.slot))
        let dataInputs = Set(definitions.indices.filter { definitions[$0].isInput && definitions[$0].kind == nil && (definitions[$0].data != nil || assigned.contains($0)) }
            .map { definitions[$0].name }).subtracting(sie)
        var flow = BookedSignFlow(written, sources: dataInputs)
        var warned = Set<String>()
        for read in reads {
            for name in read.names where !warned.contains(name) && !sie.contains(name) {
                guard let slot = slots[name] else { continue }
                if definitions[slot].isInput {
                    guard let (file, total) = Self.amountsRead(slot, definitions: definitions, base: base) else { continue }
                    warned.insert(name)
                    diagnostics.append(Diagnostic(.warning, "the amounts '\(name)' reads from \(file) add up to -\(ModelSize.grouped(-total)), "
                                                  + "but this variance takes it as a \(read.kind.rawValue), kept positive: the variance would have the wrong sign",
                                                  at: location(read.range),
                                                  hint: "if \(file) books \(read.kind == .cost ? "costs" : "revenue") negative, add credit positive to the statement that reads it, "
                                                      + "or declare '\(name)' a result if it is kept in the report's signs", code: .lineKindAgainstReadSigns))
                    continue
                }
                for input in flow.reads(of: name).asRead where !warned.contains(name) {
                    guard let inputSlot = slots[input], let (file, total) = Self.amountsRead(inputSlot, definitions: definitions, base: base) else { continue }
                    warned.insert(name)
                    diagnostics.append(Diagnostic(.warning, "'\(name)' is computed from the amounts '\(input)' reads from \(file), as read, which add up to "
                                                  + "-\(ModelSize.grouped(-total)), but this variance takes it as a \(read.kind.rawValue), kept positive: the variance would have the wrong sign",
                                                  at: location(read.range),
                                                  hint: "if \(file) books \(read.kind == .cost ? "costs" : "revenue") negative, add credit positive to the statement that reads '\(input)', "
                                                      + "or negate the amounts in '\(name)' (= -SUM(…)); a line kept in the report's signs is a result", code: .lineKindAgainstReadSigns))
                }
            }
        }
    }

    /// The file an input of no kind reads its amounts from and their total, when they add up
    /// below zero; nil otherwise (or when it reads none).
    static func amountsRead(_ slot: Int, definitions: [CheckedDefinition], base: [InputAssignment]) -> (file: String, total: Double)? {
        var total = 0.0, numbers = 0, file: String?
        let cells = [definitions[slot].data] + base.filter { $0.slot == slot }.map(\.data)
        let origins = [definitions[slot].dataOrigins] + base.filter { $0.slot == slot }.map(\.dataOrigins)
        for (data, origin) in zip(cells, origins) {
            guard let data, let origin else { continue }
            file = file ?? origin.path
            for case .number(let x) in data {
                total += x
                numbers += 1
            }
        }
        guard let file, numbers > 0, total < 0 else { return nil }
        return (file, total)
    }
}

extension FormulaChecker {
    /// For VARIANCE and VARIANCE_PCT of `kind`: whether a line of no kind it reads is read from
    /// a SIE file with the other signs (refused, K0224).
    mutating func refusesBookedSigns(_ spec: FunctionSpec, kind: (kind: LineKind, name: String), unkinded: [String], _ range: SourceRange) -> Bool {
        // A line of no kind read from a SIE file keeps its signs: compared as a revenue or a
        // result, as booked, or as a cost, with credits positive, the variance is turned around
        // (a kind declared on the input itself is checked where it is read).
        for name in unkinded {
            if kind.kind != .cost, let read = names.sieAsBooked[name], case .sie(let path, _, _, _, _)? = read.source {
                error("\(spec.name) takes '\(kind.name)' as a \(kind.kind.rawValue), but '\(name)' is \(Self.readOrComputed(name, read))from \(path) as booked, revenue negative (a credit): "
                      + "the variance would have the wrong sign", range,
                      hint: "read credits positive: \(read.writtenOnOneLine(in: file)) credit positive", code: .lineKindAgainstBookedSigns)
                return true
            }
            if kind.kind == .cost, let read = names.sieCreditPositive[name], case .sie(let path, _, _, _, _)? = read.source {
                error("\(spec.name) takes '\(kind.name)' as a cost, but '\(name)' is \(Self.readOrComputed(name, read))from \(path) with credits positive, costs negative: "
                      + "the variance would have the wrong sign", range,
                      hint: "leave out credit positive: \(read.writtenOnOneLine(in: file).replacingOccurrences(of: " credit positive", with: ""))",
                      code: .lineKindAgainstBookedSigns)
                return true
            }
        }
        return false
    }

    /// The lines of no kind among `unkinded` whose amounts reach the actual or the budget as
    /// read: one negated in the call (`VARIANCE(intakt, -intakt_budget)`), or only compared or
    /// counted, has its signs turned or none, and is not judged by them.
    static func readAsTheyAre(_ unkinded: [String], arguments: [Int], in e: FormulaTree) -> [String] {
        let signs = BookedSignFlow(readingThemselves: unkinded).readsPerNode(e)
        let reach = arguments.reduce(SignedSIEReads()) { $0.adding(signs[$1]) }
        return unkinded.filter { reach.asRead.contains($0) && !reach.negated.contains($0) }
    }

    /// "read " for the SIE input itself, "computed from 'utfall_sie', read " for a formula of it.
    static func readOrComputed(_ name: String, _ input: Definition) -> String {
        name == input.name ? "read " : "computed from '\(input.name)', read "
    }
}

extension Definition {
    /// The statement as written, on one line, for a hint that shows what to write.
    func writtenOnOneLine(in file: SourceFile) -> String {
        let text = file.text(in: range) ?? name
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
}
