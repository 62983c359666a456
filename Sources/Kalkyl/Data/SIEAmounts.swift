/// What a model reads from a SIE file: `vouchers` (each `#TRANS`, in its voucher's month),
/// `psaldo` and `pbudget` (an amount per month and object list), `ib`, `ub` and `res` (an
/// amount per account for the year).
package enum SIERecord: String, Sendable, CaseIterable {
    case vouchers, psaldo, pbudget, ib, ub, res

    /// The label of the lines it reads, as a controller finds them in the file.
    package var label: String { self == .vouchers ? "#TRANS" : "#" + rawValue.uppercased() }

    /// Whether its amounts fall in months (vouchers, `#PSALDO`, `#PBUDGET`) or are the year's.
    package var hasPeriods: Bool { self == .vouchers || self == .psaldo || self == .pbudget }
}

/// A key of a SIE source: the account, or the object of a SIE dimension (1 is
/// kostnadsställe, 6 projekt by the standard).
package enum SIEKey: Sendable, Hashable, CustomStringConvertible {
    case account
    case object(dimension: Int)

    package var description: String {
        switch self {
        case .account: "account"
        case .object(let d): String(d)
        }
    }
}

/// One amount of a SIE file as a model reads it: a balance line, or the first line of a group
/// of `#TRANS` lines, with its keys and its month.
package struct SIEAmount: Sendable {
    /// One text per key: the account, or the object of the key's dimension ("" when the line
    /// names no object of it).
    package var keys: [String]
    /// Where each key is written; for a missing object, the line's object list.
    package var keyRanges: [SourceRange]
    package var account: String
    /// The month, as `year * 12 + month - 1`; nil for `#IB`, `#UB` and `#RES`.
    package var month: Int?
    package var amount: Double
    package var amountRange: SourceRange
    /// The whole line.
    package var line: SourceRange
    /// For a balance line, its year number (0 this year, -1 the year before).
    package var year: Int
}

extension SIEFile {
    /// Each key's text and place for a line of `account` with `objects`.
    private static func keyed(_ keys: [SIEKey], account: String, accountRange: SourceRange, objects: [ObjectRef],
                              listRange: SourceRange) -> ([String], [SourceRange]) {
        var texts: [String] = [], ranges: [SourceRange] = []
        for key in keys {
            switch key {
            case .account:
                texts.append(account)
                ranges.append(accountRange)
            case .object(let d):
                let found = objects.first { $0.dimension == d }
                texts.append(found?.code ?? "")
                ranges.append(found?.range ?? listRange)
            }
        }
        return (texts, ranges)
    }

    /// Every balance amount of `record` (not `vouchers`) with its keys, in file order.
    ///
    /// A `#PSALDO` or `#PBUDGET` line counts only when its object list has exactly the keys'
    /// dimensions: `{}` is the account's total over all objects, which a model by cost centre
    /// would otherwise count twice.
    package func amounts(_ record: SIERecord, keys: [SIEKey]) -> [SIEAmount] {
        let wanted = Set(keys.compactMap { key -> Int? in if case .object(let d) = key { d } else { nil } })
        var out: [SIEAmount] = []
        let label = String(record.label.dropFirst())
        for b in balances where b.label == label {
            if record.hasPeriods && Set(b.objects.map(\.dimension)) != wanted { continue }
            let (texts, ranges) = Self.keyed(keys, account: b.account, accountRange: b.accountRange, objects: b.objects,
                                             listRange: b.listRange)
            out.append(SIEAmount(keys: texts, keyRanges: ranges, account: b.account, month: b.period.map { $0.year * 12 + $0.month - 1 },
                                 amount: b.amount, amountRange: b.amountRange, line: b.line, year: b.year))
        }
        return out
    }

    /// The `#PSALDO` or `#PBUDGET` lines `amounts(_:keys:)` leaves out, their object list not
    /// of the keys' dimensions: each is a part of a balance, or a total, that a line of the
    /// keys' shape gives as well, when the export writes one.
    package func balancesLeftOut(_ record: SIERecord, keys: [SIEKey]) -> [Balance] {
        guard record == .psaldo || record == .pbudget else { return [] }
        let wanted = Set(keys.compactMap { key -> Int? in if case .object(let d) = key { d } else { nil } })
        let label = String(record.label.dropFirst())
        return balances.filter { $0.label == label && Set($0.objects.map(\.dimension)) != wanted }
    }

    /// The first line of the voucher group `g` as an amount with its keys (a `#TRANS` line
    /// counts in its voucher's month; objects of dimensions that are not keys are summed over).
    package func firstAmount(of g: SIEVoucherGroup, keys: [SIEKey]) -> SIEAmount {
        let account = vouchers.account(g)
        let (texts, ranges) = Self.keyed(keys, account: account, accountRange: g.first.accountRange, objects: vouchers.objects(g),
                                         listRange: g.first.listRange)
        return SIEAmount(keys: texts, keyRanges: ranges, account: account, month: g.month, amount: g.first.amount,
                         amountRange: SourceRange(g.first.amountStart, g.first.amountStart), line: g.first.line, year: 0)
    }
}
