import Testing
@testable import Kalkyl

/// A problem that a data file can have on every row is listed for the first thousand rows and
/// counted after (docs/reliability.md, "Memory kept bounded"): each reader, binding and
/// checker that reports one a row, field or cell goes through `CappedDiagnostics`.
struct DiagnosticCapTests {
    static let most = CappedDiagnostics.mostOfAKind
    static let file = SourceFile(path: "d.csv", text: String(repeating: "x\n", count: 3_000))

    static func diagnostic(_ code: DiagnosticCode, line: Int) -> Diagnostic {
        let at = file.lineStart(line - 1)
        return .error("problem \(code) on \(line)", at: SourceLocation(file: file, range: SourceRange(at, at + 1)), code: code)
    }

    @Test func theFirstThousandOfAKindAreListedAndOneMoreCountsTheRest() {
        var capped = CappedDiagnostics()
        for line in 1...(Self.most + 5) { capped.append(Self.diagnostic(.emptyKey, line: line)) }
        for line in 1...3 { capped.append(Self.diagnostic(.notAMember, line: 2_000 + line)) }
        let all = capped.all
        #expect(all.count == Self.most + 3 + 1)
        #expect(all.prefix(Self.most).map(\.location?.line) == Array(1...Self.most))
        #expect(all[Self.most].code == .notAMember)
        let closing = all.last!
        #expect(closing.code == .emptyKey && closing.location?.line == Self.most + 1)
        #expect(closing.message == "problem K0513 on 1001 (and 4 more errors like it after it, the last on line 1005: only the first 1,000 of a kind are listed one by one)")
    }

    @Test func oneMoreThanAThousandIsListedAsItIs() {
        var capped = CappedDiagnostics()
        for line in 1...(Self.most + 1) { capped.append(Self.diagnostic(.emptyKey, line: line)) }
        #expect(capped.all.count == Self.most + 1)
        #expect(capped.all.last?.message == "problem K0513 on 1001")
    }

    /// Loads a model over one data file, `d.csv`.
    static func load(_ model: String, data: String) -> [Diagnostic] {
        let sources = MemorySources(["/m/model.kalkyl": model, "/m/d.csv": data], fallback: nil)
        return ModelLoader.load(source: SourceFile(path: "/m/model.kalkyl", text: model), sources: sources, cache: nil).diagnostics
    }

    /// The diagnostics of `code`: the first thousand listed at the lines `first` gives, in file
    /// order, and one more at the line after that counting the rest, the last on `lastLine`.
    static func expectCapped(_ found: [Diagnostic], _ code: DiagnosticCode, firstLine: Int, more: Int, lastLine: Int,
                             sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let ofCode = found.filter { $0.code == code }
        #expect(ofCode.count == most + 1, "\(ofCode.count) of \(code)", sourceLocation: sourceLocation)
        guard ofCode.count == most + 1 else { return }
        #expect(ofCode.prefix(most).map(\.location!.line) == Array(firstLine..<(firstLine + most)), sourceLocation: sourceLocation)
        let closing = ofCode[most]
        #expect(closing.location?.line == firstLine + most, sourceLocation: sourceLocation)
        #expect(closing.message.hasSuffix(" (and \(ModelSize.grouped(Double(more))) more errors like it after it, the last on line \(lastLine): "
                                          + "only the first 1,000 of a kind are listed one by one)"), "\(closing.message)", sourceLocation: sourceLocation)
    }

    static let rows = most + 5
    static let wide = "timeline monthly 2024-01 .. 2024-12\ndimension e = A, B\ninput x[e, month]: kr = data \"d.csv\" wide key id\n"
    static let long = "timeline monthly 2024-01 .. 2024-12\ndimension e = A, B\ninput x[e, month]: kr = data \"d.csv\" long key id period p amount v\n"
    static let keyed = "dimension e = A, B\ninput x[e]: kr = data \"d.csv\" key id column v\n"
    static let twoKeys = "dimension e = A, B\ndimension f = C\ninput x[e, f]: kr = data \"d.csv\" key id, f column v\n"
    static let members = "dimension e from \"d.csv\" key id\ninput x[e]: kr = column v\n"

    @Test func keysThatAreNoMembersAreCapped() {
        let keys = (0..<Self.rows).map { "k\($0);1\n" }.joined()
        Self.expectCapped(Self.load(Self.wide, data: "id;2024-01\n" + keys), .notAMember, firstLine: 2, more: 4, lastLine: Self.rows + 1)
        Self.expectCapped(Self.load(Self.keyed, data: "id;v\n" + keys), .notAMember, firstLine: 2, more: 4, lastLine: Self.rows + 1)
        let longKeys = (0..<Self.rows).map { "k\($0);2024-01;1\n" }.joined()
        Self.expectCapped(Self.load(Self.long, data: "id;p;v\n" + longKeys), .notAMember, firstLine: 2, more: 4, lastLine: Self.rows + 1)
        let pairs = (0..<Self.rows).map { "k\($0);C;1\n" }.joined()
        Self.expectCapped(Self.load(Self.twoKeys, data: "id;f;v\n" + pairs), .notAMember, firstLine: 2, more: 4, lastLine: Self.rows + 1)
    }

    @Test func repeatedKeysAreCapped() {
        // The first row is the key's; every one after it repeats it.
        let repeated = String(repeating: "A;1\n", count: Self.rows + 1)
        Self.expectCapped(Self.load(Self.wide, data: "id;2024-01\n" + repeated), .keyOnTwoRows, firstLine: 3, more: 4, lastLine: Self.rows + 2)
        Self.expectCapped(Self.load(Self.keyed, data: "id;v\n" + repeated), .keyOnTwoRows, firstLine: 3, more: 4, lastLine: Self.rows + 2)
        Self.expectCapped(Self.load(Self.members, data: "id;v\n" + repeated), .keyOnTwoRows, firstLine: 3, more: 4, lastLine: Self.rows + 2)
        let amounts = String(repeating: "A;2024-01;1\n", count: Self.rows + 1)
        Self.expectCapped(Self.load(Self.long, data: "id;p;v\n" + amounts), .secondAmount, firstLine: 3, more: 4, lastLine: Self.rows + 2)
    }

    @Test func emptyKeysAreCapped() {
        let empty = String(repeating: " ;1\n", count: Self.rows)
        Self.expectCapped(Self.load(Self.wide, data: "id;2024-01\n" + empty), .emptyKey, firstLine: 2, more: 4, lastLine: Self.rows + 1)
        Self.expectCapped(Self.load(Self.keyed, data: "id;v\n" + empty), .emptyKey, firstLine: 2, more: 4, lastLine: Self.rows + 1)
        Self.expectCapped(Self.load(Self.members, data: "id;v\nA;1\n" + empty), .emptyKey, firstLine: 3, more: 4, lastLine: Self.rows + 2)
        let periods = String(repeating: " ;2024-01;1\n", count: Self.rows)
        Self.expectCapped(Self.load(Self.long, data: "id;p;v\n" + periods), .emptyKey, firstLine: 2, more: 4, lastLine: Self.rows + 1)
    }

    @Test func aSIEFilesBadLinesAreCapped() throws {
        let sie = SIEFile(bytes: Array(("#FLAGGA 0\n#SIETYP 4\n" + String(repeating: "}\n", count: Self.rows)).utf8), path: "d.se")
        let code = try #require(sie.diagnostics.first?.code)
        Self.expectCapped(sie.diagnostics, code, firstLine: 3, more: 4, lastLine: Self.rows + 2)
    }

    /// Objects with no #OBJEKT, one a voucher: the reader keeps one warning more than are
    /// listed, not one an object (300,000 of them kept 48 MB and stopped kalkyl under a limit).
    @Test func aSIEFilesObjectsWithNoNameAreCappedAsTheyAreFound() {
        let vouchers = (0..<Self.rows).map { v in "#VER A \(v + 1) 20240115 \"\"\n{\n#TRANS 3000 {1 \"O\(v)\"} -1\n#TRANS 1510 {} 1\n}\n" }
        let sie = SIEFile(bytes: Array(("#FLAGGA 0\n#SIETYP 4\n#KONTO 3000 \"S\"\n#KONTO 1510 \"B\"\n" + vouchers.joined()).utf8), path: "d.se")
        let warnings = sie.diagnostics.filter { $0.code == .sieNameMissing }
        #expect(warnings.count == Self.most + 1)
        #expect(warnings.prefix(Self.most).map(\.location!.line) == (0..<Self.most).map { 7 + 5 * $0 })
        #expect(warnings.last?.message == "object O\(Self.most) of dimension 1 has no #OBJEKT in the file (and 4 more warnings like it after it, "
                + "the last on line \(7 + 5 * (Self.rows - 1)): only the first 1,000 of a kind are listed one by one)")
        #expect(sie.problems.count == Self.most + 1)
    }

    @Test func cellsThatAreNoNumbersOrPeriodsAreCapped() {
        let sum = Self.long.replacingOccurrences(of: "amount v", with: "amount v sum")
        Self.expectCapped(Self.load(sum, data: "id;p;v\n" + String(repeating: "A;2024-01;x\n", count: Self.rows)), .notANumber,
                          firstLine: 2, more: 4, lastLine: Self.rows + 1)
        Self.expectCapped(Self.load(sum, data: "id;p;v\n" + String(repeating: "A;2024-1x;1\n", count: Self.rows)), .notAPeriod,
                          firstLine: 2, more: 4, lastLine: Self.rows + 1)
        let salaries = (0..<Self.rows).map { "k\($0);x\n" }.joined()
        Self.expectCapped(Self.load(Self.members, data: "id;v\n" + salaries), .notANumber, firstLine: 2, more: 4, lastLine: Self.rows + 1)
    }
}
