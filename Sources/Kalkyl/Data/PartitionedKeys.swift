import Synchronization

/// The keys of a large table's rows in one column (`RowKeys`) found on several threads, with
/// the key numbers, first rows and conflicts one thread finds.
///
/// Keys that fold alike hash alike (`KeyHash`), so the keys fall apart into partitions by bits
/// of their hash that a slot's place and tag do not use, and all the rows of one folded key
/// are in one partition. Each partition is indexed by a thread of its own, its rows in file
/// order, so within it each key's first row, and whether a later row repeats that key or
/// spells it another way, are what one index over all rows finds. The keys are numbered
/// afterwards in the order of their first rows, in one pass over the rows.
///
/// Three steps, the first two on the threads: each row's hash, from a range of rows a thread;
/// each partition's index, a partition a thread; the numbers and each row's code, on the
/// calling thread. With a table of 100,000 rows the first two are nearly all of the work
/// (docs/performance.md, "Cold start").
enum PartitionedKeys {
    struct Found: Sendable {
        var codes: [Int32]
        var conflicts: [Int32: Int32]
        var firstRows: [Int32]
    }

    /// A range of rows hashed: each key's hash (0 for a row with no key), and how many of
    /// them fall in each partition.
    private struct Hashed: Sendable {
        var start: Int
        var hashes: [Int]
        var rowsByPartition: [Int]
    }

    /// One partition indexed: for each of its rows, in file order, the key's number within the
    /// partition or `conflict`; the first row of each of its keys; the rows that spell a key
    /// another way, with the first row of that key.
    private struct Indexed: Sendable {
        var outcomes: [Int32] = []
        var firstRows: [Int32] = []
        var conflicts: [Int32: Int32] = [:]
    }

    /// The keys of `column` on `threads` threads (two or more), coded as `RowKeys` codes them:
    /// a key's number, or `blank`, `badKey` or `conflict`.
    static func find(in table: DataTable, column: Int, threads: Int, blank: Int32, badKey: Int32, conflict: Int32) -> Found {
        let partitions = threads, rowCount = table.rowCount
        let pieceRows = (rowCount + threads - 1) / threads

        // Each row's partition, or the code of a row with no key, goes straight into its code;
        // piece p writes the codes of rows `p * pieceRows ..< (p + 1) * pieceRows` alone.
        var codes = [Int32](repeating: 0, count: rowCount)
        let hashed = Mutex([Hashed?](repeating: nil, count: threads))
        codes.withUnsafeMutableBufferPointer { buffer in
            let out = DisjointWrites(buffer)
            Parallel.forEach(threads, threads: threads) { piece in
                let start = min(rowCount, piece * pieceRows), end = min(rowCount, start + pieceRows)
                var part = Hashed(start: start, hashes: [], rowsByPartition: [Int](repeating: 0, count: partitions))
                part.hashes.reserveCapacity(end - start)
                for row in start..<end {
                    if table.isBlankRow(row) {
                        out.write(blank, at: row)
                        part.hashes.append(0)
                    } else if table.hasKeyProblem(row, columns: [column]) {
                        out.write(badKey, at: row)
                        part.hashes.append(0)
                    } else {
                        let hash = table.keyText(row, column).foldedHash(in: table)
                        let partition = Self.partition(of: hash, among: partitions)
                        out.write(Int32(partition), at: row)
                        part.hashes.append(hash)
                        part.rowsByPartition[partition] += 1
                    }
                }
                hashed.withLock { $0[piece] = part }
            }
        }
        let pieces = hashed.withLock { $0.map { $0! } }

        let indexes = index(partitions, of: pieces, codes: codes, in: table, column: column, threads: threads, conflict: conflict)

        // Numbers in the order of the keys' first rows, as one index gives them.
        var firstRows: [Int32] = []
        firstRows.reserveCapacity(indexes.reduce(0) { $0 + $1.firstRows.count })
        var numbers = indexes.map { [Int32](repeating: -1, count: $0.firstRows.count) }
        var next = [Int](repeating: 0, count: partitions)
        for row in 0..<rowCount where codes[row] >= 0 {
            let partition = Int(codes[row])
            let local = indexes[partition].outcomes[next[partition]]
            next[partition] += 1
            guard local != conflict else {
                codes[row] = conflict
                continue
            }
            if numbers[partition][Int(local)] < 0 {
                numbers[partition][Int(local)] = Int32(firstRows.count)
                firstRows.append(Int32(row))
            }
            codes[row] = numbers[partition][Int(local)]
        }
        var conflicts: [Int32: Int32] = [:]
        for index in indexes { conflicts.merge(index.conflicts) { first, _ in first } }
        return Found(codes: codes, conflicts: conflicts, firstRows: firstRows)
    }

    /// The partition of a key with this hash: bits 24 to 31, which neither a slot's place (the
    /// low bits, fewer than 24 below 8 M slots) nor its tag (from bit 32 up) uses.
    private static func partition(of hash: Int, among partitions: Int) -> Int {
        Int((UInt64(bitPattern: Int64(hash)) >> 24) & 0xFF) % partitions
    }

    /// Every partition indexed, a partition a thread. (A function of its own so that `codes`
    /// is shared with the threads only until it returns, and is changed afterwards in place.)
    private static func index(_ partitions: Int, of pieces: [Hashed], codes: [Int32], in table: DataTable, column: Int, threads: Int,
                              conflict: Int32) -> [Indexed] {
        let indexed = Mutex([Indexed?](repeating: nil, count: partitions))
        Parallel.forEach(partitions, threads: threads) { partition in
            let found = index(partition, of: pieces, codes: codes, in: table, column: column, conflict: conflict)
            indexed.withLock { $0[partition] = found }
        }
        return indexed.withLock { $0.map { $0! } }
    }

    /// Indexes the rows of one partition in file order, as `KeyIndex.lookup` does all rows.
    private static func index(_ partition: Int, of pieces: [Hashed], codes: [Int32], in table: DataTable, column: Int, conflict: Int32) -> Indexed {
        let rows = pieces.reduce(0) { $0 + $1.rowsByPartition[partition] }
        var slots = [UInt32](repeating: 0, count: KeyIndex.slotCount(for: rows))
        let layout = SlotLayout(slotCount: slots.count), mask = slots.count - 1
        var found = Indexed()
        found.outcomes.reserveCapacity(rows)
        let own = Int32(partition)
        for part in pieces {
            for (k, hash) in part.hashes.enumerated() where codes[part.start + k] == own {
                let row = part.start + k, tag = layout.tag(hash)
                var slot = hash & mask
                var outcome: Int32?
                var key: KeyText?
                while true {
                    let entry = slots[slot]
                    if entry == 0 { break }
                    if layout.tag(of: entry) == tag {
                        let number = layout.number(in: entry)
                        let first = Int(found.firstRows[number])
                        let mine = key ?? table.keyText(row, column)
                        key = mine
                        if let same = compare(mine, with: table.keyText(first, column), in: table) {
                            if same {
                                outcome = Int32(number)
                            } else {
                                outcome = conflict
                                found.conflicts[Int32(row)] = Int32(first)
                            }
                            break
                        }
                    }
                    slot = (slot + 1) & mask
                }
                if let outcome {
                    found.outcomes.append(outcome)
                } else {
                    let number = found.firstRows.count
                    slots[slot] = layout.entry(number: number, tag: tag)
                    found.firstRows.append(Int32(row))
                    found.outcomes.append(Int32(number))
                }
            }
        }
        return found
    }

    /// Whether two keys are one: nil when their folded spellings differ (`KeyIndex.fold`), true
    /// when they are the same text, false when they differ only in case or spacing.
    private static func compare(_ a: KeyText, with b: KeyText, in table: DataTable) -> Bool? {
        guard let x = a.ascii, let y = b.ascii else {
            let one = a.string(in: table), other = b.string(in: table)
            return KeyIndex.fold(one) == KeyIndex.fold(other) ? one == other : nil
        }
        let bytes = table.file.bytes
        var i = x.lowerBound, j = y.lowerBound
        while true {
            while i < x.upperBound, KeyHash.isASCIISpace(bytes[i]) { i += 1 }
            while j < y.upperBound, KeyHash.isASCIISpace(bytes[j]) { j += 1 }
            guard i < x.upperBound, j < y.upperBound else { break }
            if lower(bytes[i]) != lower(bytes[j]) { return nil }
            i += 1
            j += 1
        }
        guard i == x.upperBound, j == y.upperBound else { return nil }
        return x.count == y.count && zip(x, y).allSatisfy { bytes[$0] == bytes[$1] }
    }

    private static func lower(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }
}
