@testable import Kalkyl
import Testing

/// Keys and member names hashed from their bytes find what a `Dictionary` of `String`s finds:
/// names that Unicode holds equal (composed and decomposed letters, the Kelvin sign and `K`)
/// are one name, and every other pair stays two.
@Suite struct KeyHashTests {
    /// Names chosen to meet every rule: ASCII with capitals and spaces, composed and decomposed
    /// letters, the three scalars Unicode holds equal to an ASCII character, padding spaces that
    /// fold away, and characters that lower-case to ASCII.
    static let pieces = ["a", "A", "k", "K", "\u{212A}", ";", "\u{037E}", "`", "\u{1FEF}", " ", "\u{00A0}", "ä", "a\u{0308}",
                         "Ä", "1", "e", "é", "e\u{0301}", "İ", "i", "ß", "\u{2028}"]

    /// Every name of one to three pieces.
    static let names: [String] = {
        var out = pieces
        for a in pieces { for b in pieces { out.append(a + b) } }
        for a in pieces.prefix(8) { for b in pieces { for c in pieces.suffix(8) { out.append(a + b + c) } } }
        return out
    }()

    /// The scalars `KeyHash` treats as ASCII characters are exactly the ones `String` holds equal
    /// to one: a one-scalar string of any other scalar equals no ASCII string.
    @Test func theScalarsEqualToAnASCIICharacterAreTheThreeKnown() {
        let ascii = Set((0..<128).map { String(Character(Unicode.Scalar(UInt8($0)))) })
        var found: [UInt32] = []
        for value in UInt32(0x80)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if ascii.contains(String(Character(scalar))) { found.append(value) }
        }
        #expect(found == [0x037E, 0x1FEF, 0x212A])
        for value in found {
            let scalar = Unicode.Scalar(value)!
            #expect(String(Character(scalar)) == String(Character(KeyHash.asciiEquivalent(of: scalar)!)))
        }
    }

    /// Names grouped as a `Dictionary` groups them (by `==`) have one hash per group, exact
    /// and folded.
    @Test func equalNamesHaveEqualHashes() {
        for group in Dictionary(grouping: Self.names, by: { $0 }).values {
            let hashes = Set(group.map(KeyHash.exact))
            #expect(hashes.count == 1, "\(group.map { $0.unicodeScalars.map(\.value) })")
        }
        for group in Dictionary(grouping: Self.names, by: KeyIndex.fold).values {
            let hashes = Set(group.map(KeyHash.folded))
            #expect(hashes.count == 1, "\(group.map { $0.unicodeScalars.map(\.value) })")
        }
        // The groups that make the rules matter.
        #expect(KeyHash.exact("K") == KeyHash.exact("\u{212A}") && KeyHash.exact("a;") == KeyHash.exact("a\u{037E}"))
        #expect(KeyHash.exact("ä") == KeyHash.exact("a\u{0308}") && KeyHash.folded("Ä b") == KeyHash.folded("a\u{0308}\u{00A0}B"))
    }

    /// The index finds what a `[String: Int]` finds, the first of a repeated name.
    /// Made on several threads (a region of slots each), it finds the same.
    @Test(arguments: [1, 2, 3, 4, 8])
    func aMemberIndexFindsWhatADictionaryFinds(threads: Int) {
        let members = Self.names.shuffled() + Self.names.prefix(50)
        var dictionary: [String: Int] = [:]
        for (i, m) in members.enumerated().reversed() { dictionary[m] = i }
        let index = MemberIndex(members, threads: threads)
        for name in Self.names + ["", "zz", "A A", "Kelvin"] {
            #expect(index[name] == dictionary[name], "\(name.unicodeScalars.map(\.value))")
        }
        #expect(MemberIndex([], threads: threads)["a"] == nil)
        // Enough members for `MemberIndex.init(_:)` itself to take the threads; the first
        // 1,000 names repeated at the end.
        let many = (0..<21_000).map { "m\($0 % 20_000)" }
        #expect(many.count >= MemberIndex.membersForThreads)
        let large = MemberIndex(many)
        for k in stride(from: 0, to: 21_000, by: 7) { #expect(large["m\(k)"] == (k < 20_000 ? k : nil)) }
    }

    /// A file's keys in one column: the same key numbers, repeats and conflicts (two spellings
    /// of one folded key) as keys compared as `String`s in a dictionary of folded keys, for keys
    /// written plain, padded, quoted and with doubled quotes.
    @Test func rowKeysAgreeWithKeysComparedAsStrings() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<20 {
            var keys: [String] = []
            for _ in 0..<300 {
                var key = Self.names.randomElement(using: &generator)!.replacingNewlines()
                if key.trimmingCharacters(in: " \u{00A0}").isEmpty { key = "x" + key }
                if round % 3 == 1, Bool.random(using: &generator) { key = "\"" + key + "\"" }
                if round % 3 == 2, Bool.random(using: &generator) { key = "\"q\"\"" + key + "\"" }
                keys.append(key)
            }
            let text = "id,v\n" + keys.map { $0 + ",1\n" }.joined()
            let table = DataTable.parse(text: text, path: "keys.csv", options: DataReadOptions(separator: .comma))
            let found = RowKeys(table: table, columns: [0])
            var byFolded: [String: Int] = [:]
            var firstRows: [Int] = []
            for row in 0..<table.rowCount {
                guard !table.isBlankRow(row), !table.hasKeyProblem(row, columns: [0]) else { continue }
                let key = table.trimmedText(row, 0)
                let expected: RowKeys.Outcome
                if let number = byFolded[KeyIndex.fold(key)] {
                    let first = firstRows[number]
                    expected = table.trimmedText(first, 0) == key ? .key(number) : .conflict(otherRow: first)
                } else {
                    byFolded[KeyIndex.fold(key)] = firstRows.count
                    expected = .key(firstRows.count)
                    firstRows.append(row)
                }
                #expect(found.outcome(row).description == expected.description, "row \(row): \(key.unicodeScalars.map(\.value))")
            }
            #expect(found.firstRows.map(Int.init) == firstRows)
        }
    }

    /// More keys than slots reserved: the index grows and still finds every key.
    @Test func aKeyIndexGrowsPastWhatWasReserved() {
        let text = "id;v\n" + (0..<1000).map { "K\($0);1\n" }.joined() + (0..<1000).map { "k\($0);1\n" }.joined()
        let table = DataTable.parse(text: text, path: "keys.csv")
        var index = KeyIndex(columns: [0])
        for row in 0..<1000 {
            guard case .new(row) = index.lookup(row: row, in: table) else { Issue.record("row \(row) is not new"); return }
        }
        for row in 1000..<2000 {
            guard case .conflict(otherRow: row - 1000) = index.lookup(row: row, in: table) else { Issue.record("row \(row) is no conflict"); return }
        }
        for row in 0..<1000 {
            guard case .existing(row, firstRow: row) = index.lookup(row: row, in: table) else { Issue.record("row \(row) not found"); return }
        }
    }
}

extension RowKeys.Outcome {
    var description: String {
        switch self {
        case .blankRow: "blank"
        case .badKey: "bad key"
        case .conflict(let other): "conflict with \(other)"
        case .key(let number): "key \(number)"
        }
    }
}

extension String {
    fileprivate func replacingNewlines() -> String { String(unicodeScalars.filter { $0 != "\u{2028}" }.map(Character.init)) }

    fileprivate func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
