import Foundation

/// A SIE 4 file (SIE-gruppen's format for moving accounting data between Swedish systems), read
/// into its records: the chart of accounts (`#KONTO`), dimensions and objects (`#DIM`,
/// `#OBJEKT`), balances (`#IB`, `#UB`, `#RES`, `#PSALDO`, `#PBUDGET`) and vouchers (`#VER`
/// with their `#TRANS` lines).
///
/// The standard's code page is IBM 437 (`#FORMAT PC8`), but real files also come as
/// Windows-1252 or UTF-8: the bytes decide (valid UTF-8 is UTF-8; otherwise the Swedish
/// letters' bytes tell IBM 437 from Windows-1252). A line that cannot be read is an error at
/// its line and column; a voucher that does not balance is an error; an account with no
/// `#KONTO` and an object with no `#OBJEKT` are warnings, once each. Labels the reader does
/// not know are skipped, as the standard asks.
///
/// A region's year is millions of `#TRANS` lines, so they are not kept as lines: each is summed
/// as its voucher closes into its group (`SIEVoucherGroup`: one account, one object list, one
/// month), which keeps only the place and amount of each line, for explain. The text is read a
/// line at a time (`take(line:)`), from memory here or as the file passes (`SIEStream`), and no
/// field becomes a `String` unless it is a name, a voucher's heading or a problem's text.
package struct SIEFile: Sendable {
    package enum Encoding: String, Sendable { case ibm437 = "IBM 437", windows1252 = "Windows-1252", utf8 = "UTF-8" }

    /// An object list's entry, `{1 "411010"}`: dimension 1, object 411010.
    package struct ObjectRef: Sendable, Equatable {
        package var dimension: Int
        package var code: String
        /// Where the object is written in its line (the quoted code), for an error about it.
        package var range = SourceRange(0, 0)

        package init(dimension: Int, code: String, range: SourceRange = SourceRange(0, 0)) {
            self.dimension = dimension
            self.code = code
            self.range = range
        }

        package static func == (a: ObjectRef, b: ObjectRef) -> Bool { a.dimension == b.dimension && a.code == b.code }
    }

    /// A `#IB`, `#UB`, `#RES`, `#PSALDO` or `#PBUDGET` record.
    package struct Balance: Sendable {
        package var label: String
        /// The year number: 0 the current year, -1 the one before.
        package var year: Int
        /// `#PSALDO` and `#PBUDGET`: the month, as year and month.
        package var period: (year: Int, month: Int)?
        package var account: String
        package var objects: [ObjectRef]
        package var amount: Double
        /// The whole line.
        package var line: SourceRange
        /// Where the account and the amount are written in the line, and its object list
        /// (`SIELine.objectListRange`: where a missing object is reported).
        package var accountRange: SourceRange
        package var amountRange: SourceRange
        package var listRange: SourceRange
    }

    package var file: SourceFile
    package var encoding: Encoding
    /// Account → its name, from `#KONTO`.
    package var accounts: [String: String] = [:]
    /// Dimension number → its name, from `#DIM` (1 is kostnadsställe, 6 projekt by the standard).
    package var dimensions: [Int: String] = [:]
    /// Dimension number → object → its name, from `#OBJEKT`.
    package var objects: [Int: [String: String]] = [:]
    /// The accounts in the order of their `#KONTO` lines, each where its code is written:
    /// a dimension's members read from the file.
    package var accountOrder: [(code: String, range: SourceRange)] = []
    /// Each dimension's objects in the order of their `#OBJEKT` lines.
    package var objectOrder: [Int: [(code: String, range: SourceRange)]] = [:]
    package var balances: [Balance] = []
    /// The vouchers' `#TRANS` lines, summed by account, object list and month.
    package var vouchers = SIEVouchers()
    /// Where each voucher starts, for explain (made by `finish`).
    package var voucherIndex = SIEVoucherIndex(FileOffsets([]))
    package var diagnostics: [Diagnostic] = []
    /// What is wrong, found while reading: made diagnostics at the end, when the file is known.
    /// At most one more of a code than `CappedDiagnostics` lists; past that, `moreProblems`.
    var problems: [SIEProblem] = []
    /// How many of each code there were, and past the first unlisted one how many more and
    /// where the last was: a file of a million bad lines keeps a thousand problems, not a million.
    var problemCounts: [DiagnosticCode: Int] = [:]
    var moreProblems: [DiagnosticCode: (count: Int, last: SourceRange)] = [:]
    /// The open voucher and its lines, until its `}`.
    var open: SIEOpenVoucher?
    /// A line's fields (kept to be reused).
    var here: [SIEField] = []
    /// What the object lists read so far keep (`keptBytes(of:)`): a list of a thousand objects
    /// keeps 40 bytes an object, about seven times its text.
    var objectBytes = 0
    /// What the names of `#KONTO` and `#OBJEKT` lines keep (`keptBytes(name:)`): 300,000
    /// objects grew their dictionary to 16 MiB unweighed, and stopped kalkyl under a limit.
    var nameBytes = 0
    /// A whole read given a limit it would pass: what it kept by then, and how far it read.
    var tooMuch: LongStream.TooMuch?

    /// Reads a SIE file's bytes; every problem is in `diagnostics`. A read that would keep more
    /// than `keepLimit` (`keptBytes`, weighed every 1,024 lines and at every MiB of object
    /// lists), or whose arrays and tables could not grow once more in what is left of the
    /// memory (`noRoom`, before a `}` that grows the voucher groups and at every weighing, as
    /// the stream's), stops there, with `tooMuch` set and nothing else made.
    package init(bytes: [UInt8], path: String, keepLimit: Int = .max, left: () -> Int = MachineMemory.left) {
        let (text, encoding) = Self.decode(bytes)
        self.init(file: SourceFile(path: path, validUTF8: text), encoding: encoding)
        self.keepLimit = keepLimit
        let file = self.file
        file.bytes.withUnsafeBufferPointer { text in
            var start = 0, lines = 0, weighed = 0, weighedGrowth = 0
            func refuse(_ kept: Int) { tooMuch = LongStream.TooMuch(kept: kept, bytesRead: min(start, text.count), size: text.count, series: vouchers.groups.count) }
            while start < text.count {
                var end = start
                while end < text.count, text[end] != 0x0A { end += 1 }
                let line = SIELine(bytes: UnsafeBufferPointer(rebasing: text[start..<end]), base: start)
                if Self.closesVoucher(line), let growth = groupsGrowth, growth != weighedGrowth {
                    weighedGrowth = growth
                    if let (_, needed) = noRoom(growing: growth, left: left) { return refuse(keptBytes(lines: lines) + needed) }
                }
                take(line: line)
                start = end + 1
                lines += 1
                guard tooMuch == nil else { return }   // the places of the vouchers given twice would not fit (`close`)
                guard lines & 1023 == 0 || objectBytes + nameBytes - weighed > 1 << 20 else { continue }
                weighed = objectBytes + nameBytes
                let kept = keptBytes(lines: lines)
                if kept > keepLimit { return refuse(kept) }
                if let (_, needed) = noRoom(left: left) { return refuse(kept + needed) }
            }
            // The names no #KONTO or #OBJEKT gives, found at the end in a set of their own.
            let checking = namesCheckBytes
            if checking > 0, keptBytes(lines: lines) + checking > keepLimit || noRoom(growing: checking, left: left) != nil {
                refuse(keptBytes(lines: lines) + checking)
            }
        }
        if tooMuch == nil { finish() }
    }

    /// Whether the line is a `}` (after blanks): the one line that adds voucher groups.
    static func closesVoucher(_ line: SIELine) -> Bool {
        for b in line.bytes where b != 0x20 && b != 0x09 && b != 0x0D { return b == UInt8(ascii: "}") }
        return false
    }

    /// Whether what is left of the memory kalkyl may use (`MachineMemory.leftForOneBlock`, its address
    /// space under `ulimit -v`) could not take the object lists' text or the names'
    /// dictionaries (at most `nameBytes`) growing once more, or
    /// the `growing` bytes of the voucher groups' next array: those arrays double, and under a
    /// small limit the process's own mappings leave less than half of it to what the read keeps
    /// (a 20 MB file of 1,000-object lists aborted under `ulimit -v 200000` at 92 MB kept, under
    /// the 98 MiB it may keep; 300,000 vouchers each with its own object aborted under
    /// `ulimit -v 150000`, their groups' array growing from 40 MB to 80 MB).
    /// Returns what is left then and what the growing would take (with 8 MiB to spare), nil
    /// when there is room.
    func noRoom(growing: Int = 0, left: () -> Int = MachineMemory.leftForOneBlock) -> (left: Int, needed: Int)? {
        let left = left(), needed = max(vouchers.lists.keptBytes, nameBytes, growing) + (8 << 20)
        return left < needed ? (left, needed) : nil
    }

    /// A file to be given its lines (`take(line:)`), then `finish`ed.
    init(file: SourceFile, encoding: Encoding) {
        self.file = file
        self.encoding = encoding
    }

    /// What reading a file of `size` bytes and `lines` lines takes before anything is kept:
    /// its text held twice (`textBytes`) and its line samples (half a byte a line). What it
    /// keeps besides (its groups, lines, names, problems and the places of vouchers given twice)
    /// is weighed while it is read (`init(bytes:path:keepLimit:left:)`), so nothing is guessed a
    /// line: 256 bytes a line refused a 26 MB file of 1.5 M lines with an error as 416 MiB, which
    /// is read with a peak of 330 MB (docs/reliability.md).
    static func bytesToRead(size: Int, lines: Int) -> Int { textBytes(size: size) + lines / 2 }

    /// The text of a file of `size` bytes as a whole read holds it: its bytes, and its text
    /// decoded as UTF-8 (a copy of them for a UTF-8 file), which `SourceFile` keeps.
    static func textBytes(size: Int) -> Int { 2 * size }

    /// The lines of a file's bytes (its line feeds, and one more).
    static func lineCount(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            var count = 1
            for b in buffer where b == 0x0A { count += 1 }
            return count
        }
    }

    // MARK: Encoding

    /// The text of the bytes as UTF-8, and the encoding: UTF-8 when the bytes are valid UTF-8
    /// (after a byte-order mark); otherwise IBM 437 or Windows-1252 (`SIEEncodingEvidence`).
    static func decode(_ bytes: [UInt8]) -> ([UInt8], Encoding) {
        var evidence = SIEEncodingEvidence()
        bytes.withUnsafeBufferPointer { evidence.add($0) }
        let encoding = evidence.finish()
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes[3...] : bytes[...]
        if encoding == .utf8 { return (Array(body), .utf8) }
        var text: [UInt8] = []
        text.reserveCapacity(body.count + body.count / 8)
        body.withUnsafeBufferPointer { SIEEncodingEvidence.decode($0, as: encoding, into: &text) }
        return (text, encoding)
    }

    // MARK: Records

    /// Reports an error with its code: every problem of a SIE file has one of its own.
    mutating func fail(_ message: @autoclosure () -> String, at range: SourceRange, hint: String? = nil, notes: [(String, SourceRange)] = [], code: DiagnosticCode) {
        report(.error, message(), at: range, hint: hint, notes: notes, code: code)
    }

    /// Keeps a problem while fewer than one more than `CappedDiagnostics` lists came of its
    /// code; past that counts it and keeps where the last was (its message is not made).
    mutating func report(_ severity: Diagnostic.Severity, _ message: @autoclosure () -> String, at range: SourceRange, hint: String? = nil,
                         notes: [(String, SourceRange)] = [], code: DiagnosticCode) {
        let count = problemCounts[code, default: 0] + 1
        problemCounts[code] = count
        guard count <= CappedDiagnostics.mostOfAKind + 1 else {
            moreProblems[code] = ((moreProblems[code]?.count ?? 0) + 1, range)
            return
        }
        problems.append(SIEProblem(severity: severity, message: message(), range: range, hint: hint, notes: notes, code: code))
    }

    /// Takes the next line of the text (without its line break).
    mutating func take(line: SIELine) {
        var f = here
        f.removeAll(keepingCapacity: true)
        defer { here = f }
        if let broken = line.fields(from: 0, to: line.bytes.count, into: &f) {
            fail(broken.message, at: broken.at, code: .unclosedQuote)
            return
        }
        guard let label = f.first else { return }
        if line.is(label, "#TRANS") { return transaction(f, line) }
        if line.is(label, "{") {
            if open == nil { fail("'{' without a #VER before it", at: line.range(label), code: .voucherOutOfShape) }
            return
        }
        if line.is(label, "}") {
            if let voucher = open { close(voucher) } else { fail("'}' without a #VER before it", at: line.range(label), code: .voucherOutOfShape) }
            open = nil
            return
        }
        // Its first Character, not its first byte: "#" and a combining mark after it is no label.
        let name = line.text(label)
        guard name.hasPrefix("#") else {
            fail("a SIE line starts with a label such as #TRANS", at: line.range(label), code: .sieLine)
            return
        }
        let args = Array(f.dropFirst())
        switch name {
        case "#KONTO":
            guard let code = word(args, 0, "the account", label, line) else { return }
            let name = args.count > 1 ? line.text(args[1]) : ""
            if accounts[code] == nil {
                accountOrder.append((code, line.range(args[0])))
                nameBytes += Self.keptBytes(name: code, name)
            }
            accounts[code] = name
        case "#DIM":
            guard let d = integer(args, 0, "the dimension's number", label, line) else { return }
            dimensions[d] = args.count > 1 ? line.text(args[1]) : ""
        case "#OBJEKT":
            guard let d = integer(args, 0, "the dimension's number", label, line), let code = word(args, 1, "the object", label, line) else { return }
            let name = args.count > 2 ? line.text(args[2]) : ""
            if objects[d]?[code] == nil {
                objectOrder[d, default: []].append((code, line.range(args[1])))
                nameBytes += Self.keptBytes(name: code, name)
            }
            objects[d, default: [:]][code] = name
        case "#IB", "#UB", "#RES":
            guard let year = integer(args, 0, "the year number (0 this year, -1 the year before)", label, line),
                  let account = word(args, 1, "the account", label, line), let amount = balanceAmount(args, 2, label, line) else { return }
            balances.append(Balance(label: String(name.dropFirst()), year: year, period: nil, account: account, objects: [],
                                    amount: amount, line: line.range, accountRange: line.range(args[1]), amountRange: line.range(args[2]), listRange: line.objectListRange))
        case "#PSALDO", "#PBUDGET":
            guard let year = integer(args, 0, "the year number (0 this year, -1 the year before)", label, line),
                  let period = month(args, 1, label, line), let account = word(args, 2, "the account", label, line),
                  let list = objectList(args, 3, label, line),
                  let amount = name == "#PSALDO" ? balanceAmount(args, 4, label, line) : amount(args, 4, label, line) else { return }
            balances.append(Balance(label: String(name.dropFirst()), year: year, period: period, account: account, objects: list,
                                    amount: amount, line: line.range, accountRange: line.range(args[2]), amountRange: line.range(args[4]), listRange: line.objectListRange))
        case "#VER":
            if let voucher = open {
                fail("voucher \(voucher.series) \(voucher.number) is never closed with '}'", at: voucher.line, code: .voucherOutOfShape)
            }
            open = nil
            guard let series = word(args, 0, "the voucher series", label, line), let number = word(args, 1, "the voucher number", label, line),
                  let date = word(args, 2, "the voucher date (20240115)", label, line) else { return }
            guard date.count == 8, date.allSatisfy(\.isASCII), Int(date) != nil else {
                fail("'\(date)' is not a date written 20240115", at: line.range(args[2]), code: .notAPeriod)
                return
            }
            open = SIEOpenVoucher(series: series, number: number, date: date, line: line.range)
        default:
            return   // #FLAGGA, #PROGRAM, #FORMAT, #RAR, #FNAMN, … and labels of later versions
        }
    }

    /// After the last line: a voucher left open, the names no `#KONTO` or `#OBJEKT` gives, and
    /// the problems made diagnostics in `file`.
    mutating func finish() {
        if let voucher = open {
            fail("voucher \(voucher.series) \(voucher.number) is never closed with '}'", at: voucher.line, code: .voucherOutOfShape)
            open = nil
        }
        checkNames()
        voucherIndex = SIEVoucherIndex(vouchers.starts)
        let file = self.file
        var capped = CappedDiagnostics()
        for problem in problems { capped.append(problem.diagnostic(in: file)) }
        for (code, more) in moreProblems.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            capped.count(code, more: more.count, last: SourceLocation(file: file, range: more.last))
        }
        diagnostics = capped.all
        here = []
    }

    /// What the read keeps once `lines` lines are read, in bytes, counted as a file read as it
    /// passes is (`SIEStream`, against `DiskSources.keepLimit`): each `#TRANS` line's amount and
    /// place (8 and 4 bytes, 8 past 2 GiB), each voucher's place and its number
    /// (`SIEVoucherNumbers`), each group and balance, half a byte a line for the line samples.
    func keptBytes(lines: Int) -> Int {
        let place = (vouchers.starts.last ?? 0) > Int(Int32.max) ? 8 : 4
        return vouchers.lineCount * (8 + place) + vouchers.starts.count * place + vouchers.numbers.keptBytes
            + vouchers.groups.count * Self.bytesPerGroup + balances.count * Self.bytesPerBalance + lines / 2
            + objectBytes + nameBytes + vouchers.accounts.keptBytes + vouchers.lists.keptBytes + 8 * vouchers.listObjects.count
            + (vouchers.firstLines?.count ?? 0) * Self.bytesPerFirstLine + problems.count * Self.bytesPerProblem
    }

    /// A voucher's first place in `SIEVouchers.firstLines` (made once one is given twice): its
    /// key "A 123" and place in a dictionary at most three quarters full, held twice as it grows.
    static let bytesPerFirstLine = 96
    /// A problem kept (at most 1,001 of a code) with its message, hint and notes.
    static let bytesPerProblem = 512

    /// The file's largest allowed read (`init(bytes:path:keepLimit:left:)`): `close` weighs the
    /// places of the vouchers given so far against it before it makes them.
    var keepLimit = Int.max

    /// What an object list keeps: its array's header, each entry (`ObjectRef`), and each code
    /// of more than 15 bytes, which a `String` keeps outside itself with a header.
    static func keptBytes(of list: [ObjectRef]) -> Int {
        32 + list.reduce(0) { $0 + MemoryLayout<ObjectRef>.stride + ($1.code.utf8.count > 15 ? 32 + $1.code.utf8.count : 0) }
    }

    /// The bytes the voucher groups' array takes to grow once the open voucher closes, or nil
    /// while its lines fit in the room the array has: a new array of twice its capacity (and
    /// the slots that find the groups), held beside the old one while it is copied, and as much
    /// again for the heap, which malloc grows by more than it is asked (under `ulimit -v 150000`
    /// the array's growth to 19.9 MB asked `brk` for 50.8 MB, and aborted with 29 MB left).
    var groupsGrowth: Int? {
        guard let lines = open?.lines.count, vouchers.groups.count + lines > vouchers.groups.capacity else { return nil }
        return 4 * max(1, vouchers.groups.capacity) * (MemoryLayout<SIEVoucherGroup>.stride + 8)
    }

    /// What a `#KONTO` or `#OBJEKT` name keeps: its entry in its dictionary (at most three
    /// quarters full, grown by doubling) and in the order of the lines, and its texts.
    static func keptBytes(name code: String, _ name: String) -> Int { 160 + code.utf8.count + name.utf8.count }

    /// A group, its entry in the dictionary that finds it, and its arrays' headers.
    static let bytesPerGroup = MemoryLayout<SIEVoucherGroup>.stride + 128
    /// A balance line and the texts of its label, account and objects.
    static let bytesPerBalance = MemoryLayout<Balance>.stride + 96

    /// Accounts with no `#KONTO` and objects with no `#OBJEKT`, once each at their first use:
    /// the balances' lines, then the vouchers' (the first line of each group, in file order,
    /// is the first use of everything a later line of it names). Capped as `fail` is: a file of
    /// 300,000 objects with no `#OBJEKT` keeps a thousand warnings and a count, not 300,000.
    mutating func checkNames() {
        let bound = missingNameBound()
        guard bound > 0 else { return }
        // The names reported, as the file's own texts (no new string a name), in a set made
        // once for as many as may be missing (`namesCheckBytes`, weighed before).
        var reported = Set<NameKey>(minimumCapacity: bound)
        let known = objects, accounts = self.accounts
        func check(_ account: String, _ objects: [ObjectRef], at place: SourceRange) {
            if accounts[account] == nil, reported.insert(NameKey(dimension: nil, code: account)).inserted {
                report(.warning, "account \(account) has no #KONTO in the file, so it has no name", at: place, code: .sieNameMissing)
            }
            for o in objects where known[o.dimension]?[o.code] == nil && reported.insert(NameKey(dimension: o.dimension, code: o.code)).inserted {
                report(.warning, "object \(o.code) of dimension \(o.dimension) has no #OBJEKT in the file", at: place, code: .sieNameMissing)
            }
        }
        for b in balances { check(b.account, b.objects, at: b.line) }
        for g in vouchers.groups { check(vouchers.account(g), vouchers.objects(g), at: g.first.line) }
    }

    /// At most how many names `checkNames` reports: the accounts the vouchers name (each once)
    /// with no `#KONTO`, the objects of each object list (each list once) with no `#OBJEKT`,
    /// and the balances' own. Counted without a set; 0 when every name is given.
    func missingNameBound() -> Int {
        let accounts = self.accounts, known = objects
        func missing(_ list: [ObjectRef]) -> Int { list.reduce(0) { $0 + (known[$1.dimension]?[$1.code] == nil ? 1 : 0) } }
        var count = 0
        for a in 0..<vouchers.accounts.count where accounts[vouchers.accounts.string(Int32(a))] == nil { count += 1 }
        for case let list? in vouchers.listObjects { count += missing(list) }
        for b in balances { count += (accounts[b.account] == nil ? 1 : 0) + missing(b.objects) }
        return count
    }

    /// What `checkNames` takes beside what the read keeps, in bytes: its set of the names
    /// reported, made for `missingNameBound()` of them (buckets of a power of two, at most three
    /// quarters full, of 32 bytes and a bit each). 300,000 objects with no `#OBJEKT` take 16 MiB.
    var namesCheckBytes: Int {
        let bound = missingNameBound()
        guard bound > 0 else { return 0 }
        var buckets = 1
        while buckets * 3 < bound * 4 { buckets *= 2 }
        return buckets * (MemoryLayout<NameKey>.stride + 1) + 64
    }

    /// An account (no dimension) or an object of a dimension, by its code.
    private struct NameKey: Hashable {
        var dimension: Int?
        var code: String
    }

    // MARK: Fields

    mutating func word(_ args: [SIEField], _ k: Int, _ what: String, _ label: SIEField, _ line: SIELine) -> String? {
        guard k < args.count, !args[k].isList, !line.isEmpty(args[k]) else {
            let at = k < args.count ? line.range(args[k]) : SourceRange(line.base + label.end, line.base + label.end)
            fail("\(line.text(label)) needs \(what) here", at: at, code: .sieLine)
            return nil
        }
        return line.text(args[k])
    }

    mutating func integer(_ args: [SIEField], _ k: Int, _ what: String, _ label: SIEField, _ line: SIELine) -> Int? {
        guard let text = word(args, k, what, label, line) else { return nil }
        guard let n = Int(text) else {
            fail("'\(text)' is not \(what)", at: line.range(args[k]), code: .sieLine)
            return nil
        }
        return n
    }

    /// `-1234.50`: SIE writes amounts with a decimal point and no grouping.
    mutating func amount(_ args: [SIEField], _ k: Int, _ label: SIEField, _ line: SIELine) -> Double? {
        amountInOre(args, k, label, line)?.value
    }

    /// The amount of a balance of the books (`#IB`, `#UB`, `#RES`, `#PSALDO`), which is a sum of
    /// vouchers booked in öre: a fraction of an öre (`1234.567`) is an error at it, as on a
    /// `#TRANS` line (K0548), since it is read as kronor all the same and no ledger gives it
    /// (session 20, resid/04). `#PBUDGET` is not held to öre: a budget spread by a formula may
    /// carry fractions, and is no sum of vouchers.
    mutating func balanceAmount(_ args: [SIEField], _ k: Int, _ label: SIEField, _ line: SIELine) -> Double? {
        guard let (amount, ore) = amountInOre(args, k, label, line) else { return nil }
        if case .fraction = ore {
            fail("'\(line.text(args[k]))' is not a whole number of öre: a \(line.text(label)) balance is a sum of vouchers booked in kronor "
                 + "with at most two decimals", at: line.range(args[k]),
                 hint: "export the file again, or correct the amount to öre (only #PBUDGET, a budget, may carry fractions)",
                 code: .amountPastOre)
        }
        return amount
    }

    /// `amount`, with the amount in öre (`SIEAmountText.ore`) read in the same pass.
    mutating func amountInOre(_ args: [SIEField], _ k: Int, _ label: SIEField, _ line: SIELine) -> (value: Double, ore: SIEAmountText.Ore)? {
        guard k < args.count, !args[k].isList, !line.isEmpty(args[k]) else {
            _ = word(args, k, "the amount", label, line)
            return nil
        }
        let read = line.withContent(args[k], SIEAmountText.read)
        guard let x = read.value else {
            fail("'\(line.text(args[k]))' is not an amount: SIE writes amounts as -1234.50", at: line.range(args[k]), code: .notANumber)
            return nil
        }
        // Digits past what a double holds read as infinity: an error, never a sum of inf.
        guard x.isFinite else {
            let text = line.text(args[k])
            fail("'\(text.prefix(40))\(text.count > 40 ? "…" : "")' is too large for an amount", at: line.range(args[k]), code: .notANumber)
            return nil
        }
        return (x, read.ore)
    }

    /// `202403`: a month of `#PSALDO` and `#PBUDGET`.
    mutating func month(_ args: [SIEField], _ k: Int, _ label: SIEField, _ line: SIELine) -> (Int, Int)? {
        guard let text = word(args, k, "the period (202403)", label, line) else { return nil }
        guard text.count == 6, let n = Int(text), (1...12).contains(n % 100) else {
            fail("'\(text)' is not a month written 202403", at: line.range(args[k]), code: .notAPeriod)
            return nil
        }
        return (n / 100, n % 100)
    }

    /// `{1 "411010" 6 "P12"}`: pairs of dimension number and object.
    mutating func objectList(_ args: [SIEField], _ k: Int, _ label: SIEField, _ line: SIELine) -> [ObjectRef]? {
        guard k < args.count, args[k].isList else {
            let at = k < args.count ? line.range(args[k]) : SourceRange(line.base + label.end, line.base + label.end)
            fail("\(line.text(label)) needs an object list here, as {} or {1 \"411010\"}", at: at, code: .sieLine)
            return nil
        }
        var parts: [SIEField] = []
        if let broken = line.fields(from: args[k].start + 1, to: args[k].end - 1, into: &parts) {
            fail(broken.message, at: broken.at, code: .unclosedQuote)
            return nil
        }
        guard parts.count % 2 == 0 else {
            fail("an object list holds pairs of a dimension's number and an object, as {1 \"411010\"}", at: line.range(args[k]), code: .sieLine)
            return nil
        }
        var out: [ObjectRef] = []
        for p in stride(from: 0, to: parts.count, by: 2) {
            guard let d = Int(line.text(parts[p])) else {
                fail("'\(line.text(parts[p]))' is not a dimension's number", at: line.range(parts[p]), code: .sieLine)
                return nil
            }
            let code = parts[p + 1]
            // The code without its quotes, so a caret stands under the object itself.
            let quoted = code.end - code.start >= 2 && line.bytes[code.start] == UInt8(ascii: "\"")
            let range = quoted ? SourceRange(line.base + code.start + 1, line.base + code.end - 1) : line.range(code)
            out.append(ObjectRef(dimension: d, code: line.text(code), range: range))
        }
        objectBytes += Self.keptBytes(of: out)
        return out
    }
}

/// A problem of a SIE file, found while it is read: a diagnostic once the file is known.
struct SIEProblem: Sendable {
    var severity: Diagnostic.Severity
    var message: String
    var range: SourceRange
    var hint: String?
    var notes: [(String, SourceRange)] = []
    var code: DiagnosticCode

    func diagnostic(in file: SourceFile) -> Diagnostic {
        let at = SourceLocation(file: file, range: range)
        let notes = notes.map { Diagnostic(.note, $0.0, at: SourceLocation(file: file, range: $0.1)) }
        if severity == .error { return .error(message, at: at, hint: hint, notes: notes, code: code) }
        return Diagnostic(severity, message, at: at, hint: hint, notes: notes, code: code)
    }
}
