import Foundation

/// A SIE export by cost centre gives an account's `#PSALDO` (or `#PBUDGET`) for a month twice
/// over: per object (`{1 "110"}`) and as the account's total (`{}`). Read by the objects, the
/// total is left out as the sum of its parts; but an amount booked with no cost centre is only
/// in the total, so the parts fell short of it and the model by cost centre lost it: 9 000 kr of
/// rent where the file held 12 000, exit 0 and no word (red team, session 19, hunt19/t08). A
/// `#TRANS` with no object of a key's dimension is an error; the balance's twin is a warning at
/// the total's line, naming both figures (K0554).
extension DataBinding {
    func balancesWithoutObjects(_ file: SIEFile, record: SIERecord, keys: [SIEKey], counted: [SIEAmount], account: Dimension,
                                timeline: Timeline, name: String) -> Diagnostic? {
        guard record == .psaldo || record == .pbudget,
              let dimensions = Optional(keys.compactMap { key -> Int? in if case .object(let d) = key { d } else { nil } }),
              !dimensions.isEmpty else { return nil }
        var parts: [String: Double] = [:]
        for a in counted where a.year == 0 {
            guard let month = a.month else { continue }
            parts["\(a.account)\u{0}\(month)", default: 0] += a.amount
        }
        let label = String(record.label.dropFirst())
        var first: (balance: SIEFile.Balance, parts: Double)?, lines = 0
        for b in file.balances where b.label == label && b.year == 0 && b.objects.isEmpty && account.memberIndex[b.account] != nil {
            guard let period = b.period else { continue }
            let month = period.year * 12 + period.month - 1
            guard timeline.index(ofAbsolute: timeline.granularity == .monthly ? month : period.year) != nil,
                  let sum = parts["\(b.account)\u{0}\(month)"], (b.amount - sum).magnitude >= 0.005 else { continue }
            first = first ?? (b, sum)
            lines += 1
        }
        guard let (total, sum) = first, let period = total.period else { return nil }
        let shown = { (x: Double) in String(format: "%.2f", x) }
        let month = Period.label(year: period.year, month: period.month)
        let by = "object\(dimensions.count == 1 ? "" : "s") of dimension \(dimensions.map(String.init).joined(separator: " and "))"
        let more = lines == 1 ? "" : " (and \(lines - 1) more account\(lines == 2 ? "" : "s") and month\(lines == 2 ? "" : "s") so)"
        return Diagnostic(.warning, "\(record.label) of account \(total.account) in \(month) is \(shown(total.amount)) over all objects ({}), "
                              + "but its lines per \(by) add up to \(shown(sum)): the \(shown(total.amount - sum)) booked without one is left out of '\(name)'\(more)",
                          at: SourceLocation(file: file.file, range: total.amountRange),
                          hint: "book it on an object in the system it comes from, or read the account's totals by account alone (key account)",
                          code: .balanceWithoutObjectsLeftOut)
    }
}
