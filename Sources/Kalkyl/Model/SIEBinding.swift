/// `input utfall[ansvar, konto, month] = data "gl.se" sie vouchers key 1, account`: amounts
/// of a SIE 4 file summed into an input's cells, per key and month.
///
/// A model of the result (P&L) reads a file that also holds the balance sheet: accounts of
/// classes 1 and 2 that are no members of the account dimension are left out without a word;
/// any other account outside it is named in one warning, since its amounts are left out of
/// the model. An object that is no member of its dimension is an error at the object.
extension DataBinding {
    /// The SIE file at `path`, read once for every statement that names it: as it passes
    /// (`SIEStream`) from the disk with no `CheckCache` (eval, explain, check, watch), else, or
    /// when that leaves it to a whole read (a file with something to report but names with no
    /// `#KONTO` or `#OBJEKT`), whole. `name` is
    /// the statement that reads it first, which a file refused for what it would keep names.
    mutating func sieFile(_ path: String, at range: SourceRange, for name: String) -> SIEFile? {
        if let cached = sieFiles[path] { return cached }
        if cache == nil, sources is DiskSources {
            let keepLimit = DiskSources.keepLimit
            switch SIEStream.read(DataFile.resolve(path, in: directory), keepLimit: keepLimit) {
            case .read(let file):
                diagnostics += file.diagnostics   // names with no #KONTO or #OBJEKT, as the whole read gives them
                sieFiles[path] = file
                return file
            case .tooMuch(let refusal, let room):
                diagnostics.append(.keepsTooMuch(path, for: [name], refusal, limit: keepLimit, room: room, at: location(range),
                                                 keeping: "the sums of its #TRANS lines, each line's place and amount, and its object lists"))
                sieFiles[path] = .some(nil)
                return nil
            case .readWhole:
                break
            }
        }
        do throws(Diagnostic) {
            let (opened, bytes) = try DataFile.bytes(path: path, relativeTo: directory, reference: location(range), sources: sources)
            // Before it is parsed: its text is held twice and every line's record once.
            let lines = SIEFile.lineCount(bytes), needed = SIEFile.bytesToRead(size: bytes.count, lines: lines)
            let limit = DataFile.wholeReadLimit(holding: bytes.count)
            let records = "the records of its \(ModelSize.grouped(Double(lines))) lines"
            if needed > limit {
                throw Diagnostic.takesTooMuchToRead(path, size: bytes.count, kept: records, needed: needed, limit: limit, at: location(range))
            }
            // While it is parsed: what it keeps besides its text, object lists of any length too.
            let text = SIEFile.textBytes(size: bytes.count)
            let file = SIEFile(bytes: bytes, path: opened, keepLimit: limit - text)
            if let refusal = file.tooMuch {
                throw Diagnostic.takesTooMuchToRead(path, size: bytes.count,
                                                    kept: records + " and their object lists, judged from the first \(refusal.bytesRead * 100 / max(1, refusal.size)) %",
                                                    needed: text + refusal.estimate, limit: limit, at: location(range))
            }
            diagnostics += file.diagnostics
            sieFiles[path] = file
            return file
        } catch {
            diagnostics.append(error)
            sieFiles[path] = .some(nil)
            return nil
        }
    }

    /// The members of a dimension read from a SIE file (`dimension ansvar from "gl.se" sie 1`):
    /// the objects of a SIE dimension in the order of their `#OBJEKT` lines, or the accounts
    /// of its `#KONTO` lines (those in the ranges, when the statement gives any).
    mutating func sieMembers(of d: DimensionSyntax) -> ListedMembers {
        guard let source = d.sie, let file = sieFile(source.path, at: source.range, for: d.name) else { return .empty }
        let listed: [(code: String, range: SourceRange)]
        switch source.key.key {
        case .object(let n):
            listed = file.objectOrder[n] ?? []
            if listed.isEmpty {
                diagnostics.append(.error("\(source.path) has no #OBJEKT of dimension \(n), so '\(d.name)' would have no members",
                                          at: location(source.key.range),
                                          hint: file.objectOrder.isEmpty ? nil : "its objects are of dimension \(file.objectOrder.keys.sorted().map(String.init).joined(separator: ", "))",
                                          code: .noMembersInFile))
            }
        case .account:
            let spans = source.accounts.map { span in span.high.map { AccountRange(low: span.low, high: $0) } ?? AccountRange(low: span.low, high: span.low) }
            for (span, range) in zip(spans, source.accounts.map(\.range)) where !span.isOrdered {
                diagnostics.append(.error("the range '\(span.low)..\(span.high)' runs backwards", at: location(range), hint: "write \(span.high)..\(span.low)",
                                          code: .rangeRunsBackwards))
            }
            listed = file.accountOrder.filter { a in spans.isEmpty || spans.contains { $0.contains(a.code) } }
            if listed.isEmpty {
                diagnostics.append(.error("\(source.path) has no #KONTO\(spans.isEmpty ? "" : " in these ranges"), so '\(d.name)' would have no members",
                                          at: location(source.accounts.last?.range ?? source.key.range), code: .noMembersInFile))
            }
        }
        return ListedMembers(names: listed.map(\.code), file: file.file, ranges: listed.map(\.range))
    }

    /// The names of a SIE dimension's members, from `#OBJEKT` or `#KONTO`.
    mutating func sieDescriptions(of d: DimensionSyntax) -> [String: String] {
        guard let source = d.sie, let file = sieFile(source.path, at: source.range, for: d.name) else { return [:] }
        switch source.key.key {
        case .object(let n): return file.objects[n] ?? [:]
        case .account: return file.accounts
        }
    }

    /// The input's cells from the SIE file, blank where no line gives an amount; nil when the
    /// statement cannot be read (reported).
    mutating func sieCells(_ d: Definition, path: String, pathRange: SourceRange, record: SIERecord, recordRange: SourceRange,
                           keys: [SIEKeySyntax], shape: NameShape, names: NameTable, origins: inout DataOrigins?) -> [Value]? {
        let dims = shape.dimensions
        guard checkSIEKeys(d, record: record, recordRange: recordRange, keys: keys, shape: shape, names: names),
              let file = sieFile(path, at: pathRange, for: d.name) else { return nil }
        let accountKey = keys.firstIndex { $0.key == .account }!
        let memberCount = names.memberCount(dims)
        let periods = shape.isSeries ? names.timeline.count : 1
        // The cells were weighed before the file was read (`readCells`); what it keeps is held now.
        if let problem = ModelSize.dataCellsProblem(d, cells: memberCount * periods, file: self.file) {
            diagnostics.append(problem)
            return nil
        }
        var cells = [Value](repeating: .blank, count: memberCount * periods)
        var filled = [Bool](repeating: false, count: memberCount)
        // Where each cell's amount was read (its first line) and, for vouchers, every #TRANS
        // summed into it: explain and the editor name them from the model, reading back only
        // the vouchers' #VER lines.
        var places = DataOrigins(path: path, file: file.file, header: record.label, perMember: false, count: cells.count)
        // Where each cell's balance line was read: a second one for the same cell is an error.
        var balanceLines: [Int: SourceLocation] = [:]
        var outsideAccounts: [(account: String, at: SourceLocation)] = [], seenOutside = Set<String>()
        var reportedObjects = Set<SIEReportedObject>()
        var outsideMonths: [Int: (at: SourceLocation, count: Int)] = [:]
        let at = { (r: SourceRange) in SourceLocation(file: file.file, range: r) }

        // Vouchers come summed by account, object list and month (`SIEVoucherGroup`), each
        // group with its first line: every decision below is the same for all its lines.
        // Each group's amount is made as it is met, never all at once: 300,000 groups kept
        // 90 MB of them beside the file.
        let groups = record == .vouchers ? file.vouchers.groups : []
        let sieKeys = keys.map(\.key)
        let balances = record == .vouchers ? [] : file.amounts(record, keys: sieKeys)
        // The cell each group is summed into, as it is met (in the order of the groups' first
        // lines); sorted by cell once all are met. Weighed first: 16 bytes a group, where a
        // dictionary of arrays took about 100.
        var landed: [SIELandedGroup] = []
        if record == .vouchers {
            guard sieGroupsFit(groups.count, path: path, for: d.name, at: pathRange) else { return nil }
            landed.reserveCapacity(groups.count)
        }
        // A problem a line or object: a thousand of a kind are listed.
        var perLine = CappedDiagnostics()

        amounts: for a in 0..<(record == .vouchers ? groups.count : balances.count) {
            let amount = record == .vouchers ? file.firstAmount(of: groups[a], keys: sieKeys) : balances[a]
            guard record.hasPeriods || amount.year == 0 else { continue }
            // The account first: a balance-sheet line has no object and is no member.
            let account = names.dimensions[dims[accountKey]]
            guard account.memberIndex[amount.account] != nil else {
                if amount.account.first != "1" && amount.account.first != "2" && seenOutside.insert(amount.account).inserted {
                    outsideAccounts.append((amount.account, at(amount.keyRanges[accountKey])))
                }
                continue
            }
            var member = 0
            for (k, dim) in dims.enumerated() {
                let dimension = names.dimensions[dim]
                let text = amount.keys[k]
                guard let m = dimension.memberIndex[text] else {
                    guard case .object(let sieDimension) = keys[k].key, reportedObjects.insert(SIEReportedObject(key: k, code: text)).inserted else { continue amounts }
                    if text.isEmpty {
                        perLine.append(.error("\(record.label) on account \(amount.account) names no object of SIE dimension \(sieDimension), so it belongs to no member of '\(dimension.name)'",
                                                  at: at(amount.keyRanges[k]), hint: "give the line an object of dimension \(sieDimension) in the system it comes from",
                                                  code: .emptyKey))
                    } else {
                        perLine.append(.notAMember, at: at(amount.keyRanges[k])) {
                            let hint = Suggestions.closest(to: text, in: dimension.members).map { "did you mean '\($0)'?" }
                            return .error("object '\(text)' of SIE dimension \(sieDimension) is not a member of '\(dimension.name)'",
                                          at: at(amount.keyRanges[k]), hint: hint, code: .notAMember)
                        }
                    }
                    continue amounts
                }
                member = member * dimension.members.count + m
            }
            var period = 0
            if record.hasPeriods, let month = amount.month {
                let absolute = names.timeline.granularity == .monthly ? month : month / 12
                guard let p = names.timeline.index(ofAbsolute: absolute) else {
                    // #PSALDO and #PBUDGET of earlier years come with the year's; vouchers are the year's own.
                    if record != .vouchers && amount.year != 0 { continue }
                    let line = record == .vouchers ? groups[a].firstVoucher : amount.line
                    outsideMonths[month, default: (at(line), 0)].count += record == .vouchers ? groups[a].amounts.count : 1
                    continue
                }
                period = p
            }
            let cell = period * memberCount + member
            filled[member] = true
            if places.offsets[cell] < 0 { places.offsets[cell] = amount.amountRange.start }
            if record == .vouchers {
                landed.append(SIELandedGroup(cell: cell, group: a))
                continue
            }
            if let first = balanceLines[cell] {
                let objects = amount.keys.enumerated().filter { $0.offset != accountKey }.map { " and object \($0.element)" }.joined()
                perLine.append(.error("a second \(record.label) for account \(amount.account)\(objects) in the same period",
                                          at: at(amount.line), notes: [Diagnostic(.note, "the first is here", at: first)], code: .secondAmount))
                continue
            }
            balanceLines[cell] = at(amount.line)
            cells[cell] = .number(amount.amount)
        }
        reportedObjects = []
        if !landed.isEmpty {
            landed.sort { $0.cell != $1.cell ? $0.cell < $1.cell : $0.group < $1.group }
            let census = SIELandedGroup.Census(landed, groups: groups)
            guard sieTransactionsFit(census, path: path, for: d.name, at: pathRange) else { return nil }
            places.transactions.reserveCapacity(census.cells)
            var start = 0
            while start < landed.count {
                let cell = landed[start].cell
                var end = start + 1
                while end < landed.count, landed[end].cell == cell { end += 1 }
                let (value, lines) = Self.sum(landed[start..<end].map { groups[$0.group] })
                cells[cell] = .number(value)
                places.transactions[cell] = lines
                start = end
            }
        }
        diagnostics += perLine.all
        if record == .vouchers { places.vouchers = file.voucherIndex }
        origins = places
        for (month, found) in outsideMonths.sorted(by: { $0.key < $1.key }) {
            let label = Period.label(year: month / 12, month: month % 12 + 1)
            let what = record == .vouchers ? "voucher\(found.count == 1 ? "" : "s")" : "\(record.label) line\(found.count == 1 ? "" : "s")"
            diagnostics.append(.error("\(found.count) \(what) of \(label) \(found.count == 1 ? "is" : "are") outside the timeline \(names.timeline.label(0)) .. \(names.timeline.label(names.timeline.count - 1)), so \(found.count == 1 ? "its amounts are" : "their amounts are") left out",
                                      at: found.at, hint: "widen the timeline, or export the model's year only", code: .periodOutsideTimeline))
        }
        if let first = outsideAccounts.first {
            let list = outsideAccounts.map(\.account)
            let shown = list.count > 8 ? list.prefix(8).joined(separator: ", ") + " and \(list.count - 8) more" : list.joined(separator: ", ")
            let konto = names.dimensions[dims[accountKey]].name
            diagnostics.append(Diagnostic(.warning, "\(list.count == 1 ? "account" : "accounts") \(shown) of \(path) \(list.count == 1 ? "is no member" : "are no members") of '\(konto)', so \(list.count == 1 ? "its" : "their") amounts are left out",
                                          at: first.at, hint: "add \(list.count == 1 ? "it" : "them") to '\(konto)' to count \(list.count == 1 ? "it" : "them"); accounts of the balance sheet (1xxx, 2xxx) are left out without a warning",
                                          code: .accountsLeftOut))
        }
        if let leftOut = balancesLeftOut(file, record: record, keys: sieKeys, counted: balances, account: names.dimensions[dims[accountKey]],
                                         timeline: names.timeline, name: d.name) {
            diagnostics.append(leftOut)
        }
        if let short = balancesWithoutObjects(file, record: record, keys: sieKeys, counted: balances, account: names.dimensions[dims[accountKey]],
                                              timeline: names.timeline, name: d.name) {
            diagnostics.append(short)
        }
        reportMissing(d, filled: filled, dims: dims, names: names)
        return cells
    }

    /// A warning when `#PSALDO` or `#PBUDGET` lines of the model's accounts, in months of the
    /// timeline, are all left out for an account and month (their objects are not the keys'),
    /// while no line of the keys' shape gives it: an export that writes balances per cost
    /// centre only, read by account, was 0 with `missing 0` and without a word (red team,
    /// session 18, hunt18/t01). Where the file also has the keys' line, that line is the
    /// amount, and the others its parts, as before.
    private func balancesLeftOut(_ file: SIEFile, record: SIERecord, keys: [SIEKey], counted: [SIEAmount], account: Dimension,
                                 timeline: Timeline, name: String) -> Diagnostic? {
        let leftOut = file.balancesLeftOut(record, keys: keys)
        guard !leftOut.isEmpty else { return nil }
        let given = Set(counted.compactMap { a in a.month.map { "\(a.account)\u{0}\($0)" } })
        var first: SIEFile.Balance?, lines = 0
        for b in leftOut where account.memberIndex[b.account] != nil {
            guard let period = b.period, timeline.index(ofAbsolute: timeline.granularity == .monthly ? period.year * 12 + period.month - 1 : period.year) != nil,
                  !given.contains("\(b.account)\u{0}\(period.year * 12 + period.month - 1)") else { continue }
            first = first ?? b
            lines += 1
        }
        guard let first, let period = first.period else { return nil }
        let objects = Set(first.objects.map(\.dimension)).sorted()
        let shape = objects.isEmpty ? "no objects (the account's total)" : "objects of dimension \(objects.map(String.init).joined(separator: " and "))"
        let keyList = keys.map(\.description).joined(separator: ", ")
        let month = Period.label(year: period.year, month: period.month)
        let more = lines == 1 ? "" : " (with \(lines - 1) more such line\(lines == 2 ? "" : "s"))"
        return Diagnostic(.warning, "\(record.label) of account \(first.account) in \(month) names \(shape), but '\(name)' reads key \(keyList), and no \(record.label) of that shape gives the amount: it is left out\(more), so '\(name)' is blank or 0 there",
                          at: SourceLocation(file: file.file, range: first.listRange),
                          hint: objects.isEmpty ? "the account's total belongs to no member of the keys' objects: read it into an input by account alone (key account), or export the balances per object" : "read by the objects' dimensions too (key \(objects.map(String.init).joined(separator: ", ")), account), or export the account totals with {}",
                          code: .balanceLinesLeftOut)
    }

    /// The sum of a cell's voucher groups' lines, added in file order as they would be one by
    /// one, and the lines: a group's own sum when it is the cell's only one.
    static func sum(_ groups: [SIEVoucherGroup]) -> (Double, SIETransactionPlaces) {
        if groups.count == 1 { return (groups[0].sum, SIETransactionPlaces(offsets: groups[0].offsets, amounts: groups[0].amounts)) }
        var lines: [(offset: Int, amount: Double)] = []
        for g in groups { lines += zip(g.offsets, g.amounts).map { ($0, $1) } }
        lines.sort { $0.offset < $1.offset }
        var total = lines[0].amount
        for line in lines.dropFirst() { total += line.amount }
        return (total, SIETransactionPlaces(offsets: FileOffsets(lines.map(\.offset)), amounts: lines.map(\.amount)))
    }

    /// One key per dimension of the input, `account` among them once, each SIE dimension once,
    /// and months exactly when the record has them.
    private mutating func checkSIEKeys(_ d: Definition, record: SIERecord, recordRange: SourceRange, keys: [SIEKeySyntax],
                                       shape: NameShape, names: NameTable) -> Bool {
        let dimensionNames = shape.dimensions.map { names.dimensions[$0].name }
        if record.hasPeriods != shape.isSeries {
            let message = record.hasPeriods
                ? "'\(d.name)' has no periods, but \(record.label) gives an amount per month"
                : "\(record.label) is one amount per account for the year, but '\(d.name)' has periods"
            let axes = dimensionNames + (record.hasPeriods ? [names.timeline.axisName] : [])
            diagnostics.append(.error(message, at: location(d.targetRange ?? d.nameRange), hint: "write \(d.name)[\(axes.joined(separator: ", "))]",
                                      code: .periodsDoNotFitData))
            return false
        }
        guard keys.count == dimensionNames.count else {
            let wanted = dimensionNames.isEmpty ? "no key" : "one key per dimension (\(dimensionNames.joined(separator: ", ")))"
            diagnostics.append(.error("'\(d.name)' needs \(wanted), but \(keys.count) \(keys.count == 1 ? "is" : "are") given",
                                      at: location(keys.first?.range ?? recordRange), code: .keyCount))
            return false
        }
        var seen: [SIEKey: SourceRange] = [:]
        for key in keys {
            if let first = seen[key.key] {
                diagnostics.append(.error("the key '\(key.key)' is given twice", at: location(key.range),
                                          notes: [Diagnostic(.note, "first given here", at: location(first))], code: .sieKeys))
                return false
            }
            seen[key.key] = key.range
        }
        if !record.hasPeriods, keys.count > 1 || seen[.account] == nil {
            diagnostics.append(.error("\(record.label) is an amount per account, with no objects, so its one key is 'account'", at: location(keys[0].range),
                                      hint: "\(d.name)[\(dimensionNames.last ?? "konto")] = data \"gl.se\" sie \(record.rawValue) key account",
                                      code: .sieKeys))
            return false
        }
        guard seen[.account] != nil else {
            diagnostics.append(.error("every amount of a SIE file is an account's, so one key is 'account'", at: location(keys[0].range),
                                      hint: "data \"gl.se\" sie \(record.rawValue) key 1, account", code: .sieKeys))
            return false
        }
        return true
    }
}
