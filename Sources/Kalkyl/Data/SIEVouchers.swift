/// A voucher's `#TRANS` line while its voucher is open: what it is summed by, its amount, and
/// its places (the first line of a group is where that group's problems are reported).
struct SIETransactionLine: Sendable {
    var account: Int32
    var list: Int32
    var amount: Double
    /// The whole line, the account, the object list (`SIELine.objectListRange`), where the
    /// list's `{` is (its objects' places are counted from there), and the amount's start.
    var line: SourceRange
    var accountRange: SourceRange
    var listRange: SourceRange
    var listStart: Int
    var amountStart: Int
}

/// A `#VER` whose `}` has not come yet: its lines count only once it closes.
struct SIEOpenVoucher: Sendable {
    var series: String
    var number: String
    /// `20240115`, as written.
    var date: String
    var line: SourceRange
    var lines: [SIETransactionLine] = []
    /// Its lines' sum in öre, exact, while every amount is a whole number of öre (`exact`):
    /// a voucher balances when it is 0, not when a sum of doubles is near it.
    var ore: Int64 = 0
    var exact = true

    /// The month of its date, as `year * 12 + month - 1`.
    var month: Int? { Int(date.prefix(4)).flatMap { y in Int(date.dropFirst(4).prefix(2)).map { y * 12 + $0 - 1 } } }
}

/// The `#TRANS` lines of one account, object list (as written) and month, in file order: their
/// sum (added in file order, as one cell sums them) and each line's amount and place.
package struct SIEVoucherGroup: Sendable {
    var account: Int32
    var list: Int32
    /// `year * 12 + month - 1` of its vouchers' date.
    package var month: Int?
    package var sum: Double
    /// The group's first line, and its voucher's `#VER` line.
    var first: SIETransactionLine
    var firstVoucher: SourceRange
    /// Where each line's amount starts, and the amount.
    package var offsets: FileOffsets
    package var amounts: [Double]
}

/// The vouchers of a SIE file, kept as groups of lines (`SIEVoucherGroup`) and the place of
/// each `#VER` line: explain finds a line's voucher by its place and reads the voucher's series,
/// number, date and text back from the file.
package struct SIEVouchers: Sendable {
    var accounts = ByteInterner()
    var lists = ByteInterner()
    /// Each object list's objects (their places counted from its `{`), nil for one that could not be read.
    var listObjects: [[SIEFile.ObjectRef]?] = []
    package private(set) var groups: [SIEVoucherGroup] = []
    /// The groups by account, list and month: open addressing over their numbers, -1 where
    /// empty, never more than half full (a `Dictionary`'s hash a line was a tenth of the read).
    private var groupSlots = [Int32](repeating: -1, count: 64)
    /// Where each closed voucher's `#VER` line starts, in file order.
    package private(set) var starts = FileOffsets([])
    /// The vouchers given so far: a second one is an error.
    var numbers = SIEVoucherNumbers()
    /// Where each voucher (series and number) was first given, made only once one is given
    /// twice, from the text in memory (a file with that error is read whole).
    var firstLines: [String: SourceRange]?
    /// How many `#TRANS` lines the groups hold.
    package private(set) var lineCount = 0

    package func account(_ g: SIEVoucherGroup) -> String { accounts.string(g.account) }

    /// The group's objects, each where its first line writes it.
    package func objects(_ g: SIEVoucherGroup) -> [SIEFile.ObjectRef] {
        (listObjects[Int(g.list)] ?? []).map { o in
            SIEFile.ObjectRef(dimension: o.dimension, code: o.code,
                              range: SourceRange(o.range.start + g.first.listStart, o.range.end + g.first.listStart))
        }
    }

    /// A closed voucher's lines, summed into their groups.
    mutating func add(_ voucher: SIEOpenVoucher) {
        starts.append(voucher.line.start)
        let month = voucher.month
        for line in voucher.lines {
            let slot = groupSlot(account: line.account, list: line.list, month: month)
            let g = Int(groupSlots[slot])
            if g >= 0 {
                groups[g].sum += line.amount
                groups[g].offsets.append(line.amountStart)
                groups[g].amounts.append(line.amount)
            } else {
                groupSlots[slot] = Int32(groups.count)
                groups.append(SIEVoucherGroup(account: line.account, list: line.list, month: month, sum: line.amount, first: line,
                                              firstVoucher: voucher.line, offsets: FileOffsets([line.amountStart]), amounts: [line.amount]))
                if 2 * groups.count > groupSlots.count { growGroupSlots() }
            }
        }
        lineCount += voucher.lines.count
    }

    /// The slot of the group of `account`, `list` and `month`, or the empty slot where it goes.
    private func groupSlot(account: Int32, list: Int32, month: Int?) -> Int {
        let mask = groupSlots.count - 1
        var slot = Self.hash(account, list, month) & mask
        while true {
            let g = Int(groupSlots[slot])
            if g < 0 { return slot }
            if groups[g].account == account, groups[g].list == list, groups[g].month == month { return slot }
            slot = (slot + 1) & mask
        }
    }

    private mutating func growGroupSlots() {
        groupSlots = [Int32](repeating: -1, count: groupSlots.count * 2)
        let mask = groupSlots.count - 1
        for (g, group) in groups.enumerated() {
            var slot = Self.hash(group.account, group.list, group.month) & mask
            while groupSlots[slot] >= 0 { slot = (slot + 1) & mask }
            groupSlots[slot] = Int32(g)
        }
    }

    private static func hash(_ account: Int32, _ list: Int32, _ month: Int?) -> Int {
        var h = UInt64(UInt32(bitPattern: account)) &* 0x9E37_79B9_7F4A_7C15
        h ^= UInt64(UInt32(bitPattern: list)) &* 0xC2B2_AE3D_27D4_EB4F
        h ^= UInt64(bitPattern: Int64(month ?? Int.min)) &* 0x1656_67B1_9E37_79F9
        h ^= h >> 31
        return Int(truncatingIfNeeded: h)
    }
}

extension SIEFile {
    /// A `#TRANS` line: its account and object list numbered from their bytes, its amount read,
    /// kept with its voucher until the voucher closes.
    mutating func transaction(_ f: [SIEField], _ line: SIELine) {
        let label = f[0]
        guard open != nil else {
            fail("#TRANS outside a voucher: it belongs between a #VER's '{' and '}'", at: line.range(label), code: .voucherOutOfShape)
            return
        }
        guard f.count > 1, !f[1].isList, !line.isEmpty(f[1]) else {
            _ = word(Array(f.dropFirst()), 0, "the account", label, line)
            return
        }
        guard f.count > 2, f[2].isList else {
            _ = objectList(Array(f.dropFirst()), 1, label, line)
            return
        }
        let list = line.withContent(f[2]) { vouchers.lists.number(of: $0).number }
        if Int(list) == vouchers.listObjects.count { vouchers.listObjects.append(nil) }
        if vouchers.listObjects[Int(list)] == nil {
            // Read once for every line that writes the list so; a list that cannot be read is
            // read (and reported) again on each of its lines.
            guard let objects = objectList(Array(f.dropFirst()), 1, label, line) else { return }
            let start = line.base + f[2].start
            vouchers.listObjects[Int(list)] = objects.map { o in
                SIEFile.ObjectRef(dimension: o.dimension, code: o.code, range: SourceRange(o.range.start - start, o.range.end - start))
            }
        }
        guard let (amount, inOre) = amountInOre(Array(f.dropFirst()), 2, label, line) else { return }
        switch inOre {
        case .exact(let ore):
            let (sum, overflow) = open!.ore.addingReportingOverflow(ore)
            open!.ore = sum
            if overflow { open!.exact = false }
        case .fraction:
            open!.exact = false
            fail("'\(line.text(f[3]))' is not a whole number of öre: a voucher's lines are booked in kronor with at most two decimals",
                 at: line.range(f[3]), hint: "export the file again, or correct the line to öre so that its voucher balances exactly",
                 code: .amountPastOre)
        case .unknown:
            open!.exact = false
        }
        let account = line.withContent(f[1]) { vouchers.accounts.number(of: $0).number }
        open!.lines.append(SIETransactionLine(account: account, list: list, amount: amount, line: line.range, accountRange: line.range(f[1]),
                                              listRange: line.objectListRange, listStart: line.base + f[2].start,
                                              amountStart: line.base + f[3].start))
    }

    /// A finished voucher: its lines must add up to zero (debit equals credit), and its series
    /// and number are its own (two exports pasted together would count every line twice).
    mutating func close(_ voucher: SIEOpenVoucher) {
        if !vouchers.numbers.insert(series: voucher.series, number: voucher.number) {
            let key = voucher.series + " " + voucher.number
            if vouchers.firstLines == nil, !file.bytes.isEmpty {
                // Every voucher's place at once, read back from the text in memory: weighed
                // first (two exports of 750,000 vouchers pasted together make 1.5 M of them).
                let adding = vouchers.starts.count * Self.bytesPerFirstLine
                guard keptBytes(lines: 0) + adding <= keepLimit, noRoom(growing: adding) == nil else {
                    tooMuch = LongStream.TooMuch(kept: keptBytes(lines: 0) + adding, bytesRead: voucher.line.end, size: file.bytes.count,
                                                 series: vouchers.groups.count)
                    return
                }
            }
            if vouchers.firstLines == nil { vouchers.firstLines = firstLines() }
            let first = vouchers.firstLines![key] ?? voucher.line
            fail("voucher \(key) appears twice: its lines would be counted twice", at: voucher.line,
                 hint: "the file may hold two exports pasted together", notes: [("first here", first)], code: .voucherTwice)
        }
        if vouchers.firstLines != nil {
            let key = voucher.series + " " + voucher.number
            if vouchers.firstLines![key] == nil { vouchers.firstLines![key] = voucher.line }
        }
        // In öre, exactly: a line of a fraction of an öre is reported at its amount, and its
        // voucher (or one of amounts too long to count) is judged by the sum of doubles instead.
        let total = voucher.lines.reduce(0) { $0 + $1.amount }
        if voucher.exact ? voucher.ore != 0 : abs(total) >= 0.005 {
            let shown = voucher.exact ? Self.kronor(fromOre: voucher.ore) : String(format: "%.2f", total)
            fail("voucher \(voucher.series) \(voucher.number) of \(voucher.date) does not balance: its lines add up to \(shown), not 0",
                 at: voucher.line, hint: "debit and credit of a voucher must be equal; the export may be cut short", code: .voucherUnbalanced)
        }
        vouchers.add(voucher)
    }

    /// `-0.01` for -1 öre: an exact sum shown as SIE writes amounts.
    static func kronor(fromOre ore: Int64) -> String {
        let magnitude = ore.magnitude
        let cents = magnitude % 100
        return (ore < 0 ? "-" : "") + "\(magnitude / 100)." + (cents < 10 ? "0" : "") + "\(cents)"
    }

    /// Where each voucher closed so far was first given, by series and number, read again from
    /// the `#VER` lines of the text in memory. A file read as it passes has none: it is read
    /// whole at its first problem, so the place is not wanted there.
    private func firstLines() -> [String: SourceRange] {
        var out: [String: SourceRange] = [:]
        let bytes = file.bytes
        guard !bytes.isEmpty else { return out }
        bytes.withUnsafeBufferPointer { text in
            for start in vouchers.starts {
                var end = start
                while end < text.count, text[end] != 0x0A { end += 1 }
                let line = SIELine(bytes: UnsafeBufferPointer(rebasing: text[start..<end]), base: start)
                var f: [SIEField] = []
                guard line.fields(from: 0, to: end - start, into: &f) == nil, f.count >= 3 else { continue }
                let key = line.text(f[1]) + " " + line.text(f[2])
                if out[key] == nil { out[key] = line.range }
            }
        }
        return out
    }
}

/// Where each voucher's `#VER` line starts in the text, in file order: a `#TRANS` line's voucher
/// is the last one starting before it. Shared by every cell's origins that name the file's vouchers.
public final class SIEVoucherIndex: Sendable {
    let starts: FileOffsets

    init(_ starts: FileOffsets) { self.starts = starts }

    /// The voucher whose lines include the place `offset`: the last that starts before it.
    func voucher(containing offset: Int) -> Int? {
        var low = 0, high = starts.count
        while low < high {
            let mid = (low + high) / 2
            if starts[mid] <= offset { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? nil : low - 1
    }

    /// The series, number, date (as written) and text of the voucher whose `#VER` line is `line`
    /// of the file (as `SourceFile.line` gives it); nil when it is no such line (the file changed).
    static func heading(_ line: String) -> (series: String, number: String, date: String, text: String)? {
        var bytes = Array(line.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            let line = SIELine(bytes: UnsafeBufferPointer(buffer), base: 0)
            var f: [SIEField] = []
            guard line.fields(from: 0, to: buffer.count, into: &f) == nil, f.count >= 4, line.is(f[0], "#VER") else { return nil }
            return (line.text(f[1]), line.text(f[2]), line.text(f[3]), f.count > 4 ? line.text(f[4]) : "")
        }
    }
}
