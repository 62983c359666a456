import Foundation

/// A SIE file read as it passes, for eval, explain and check: its text is never held. The
/// file is read twice, neither time kept: first its bytes alone, to decide the encoding as the
/// whole file's bytes decide it (`SIEEncodingEvidence`), then a piece at a time, decoded, each
/// line given to the reader (`SIEFile.take(line:)`) and the line starts sampled
/// (`LineSampler`), which makes the file-backed `SourceFile` places and quoted lines are read
/// back from. What stays is what `SIEFile` keeps: names, balances, and the vouchers' lines
/// summed into groups with 12 bytes a line for explain.
///
/// Only a regular file that decodes as a `SourceFile` reads it back, unchanged while it was
/// read and read without a problem, is read so: anything else (a pipe, a lone CR or a NUL, a
/// byte-order mark before text that is not UTF-8 or before a second mark, a diagnostic other
/// than a name with no `#KONTO` or `#OBJEKT`) gives `.readWhole`, and the caller reads it whole
/// as before, its diagnostics made from the text in memory. What it keeps is counted as it reads (`SIEFile.keptBytes`) and a
/// file that would keep more than `keepLimit` is refused, read no further.
enum SIEStream {
    enum Outcome {
        case read(SIEFile)
        case readWhole
        /// Refused: what it kept and how far it read; `room`, when it was the memory left that ran
        /// out before the limit, what it could have kept (what it kept and what was left).
        case tooMuch(LongStream.TooMuch, room: Int?)
    }

    static func read(_ path: String, keepLimit: Int = DiskSources.keepLimit, pieceSize: Int = DiskSources.pieceSize) -> Outcome {
        guard let handle = fopen(path, "rb") else { return .readWhole }
        defer { fclose(handle) }
        guard let identity = FileIdentity.of(handle) else { return .readWhole }   // a pipe cannot be read twice
        var piece = [UInt8](repeating: 0, count: max(4, pieceSize))

        // First the bytes alone: the encoding, and whether the text reads back as it was read.
        var evidence = SIEEncodingEvidence()
        var plain = PlainText()
        var total = 0
        while true {
            let n = piece.withUnsafeMutableBufferPointer { fread($0.baseAddress!, 1, $0.count, handle) }
            guard n > 0 else { break }
            piece.withUnsafeBufferPointer { all in
                let bytes = UnsafeBufferPointer(rebasing: all[..<n])
                evidence.add(bytes)
                plain.add(bytes, at: total)
            }
            total += n
        }
        let encoding = evidence.finish()
        guard ferror(handle) == 0, total == identity.size, FileIdentity.of(handle) == identity,
              plain.isPlain(encoding: encoding) else { return .readWhole }

        // Then the text, a line at a time.
        rewind(handle)
        let origin = DiskOrigin(identity: identity, encoding: plain.hasMark ? .utf8WithBOM : encoding.dataEncoding)
        var reader = SIEFile(file: SourceFile(path: path, text: ""), encoding: encoding)
        var sampler = LineSampler()
        var lines = LineSplitter()
        var text: [UInt8] = []
        var read = 0
        // What was kept when a line's object list took it past the limit, weighed at every MiB of
        // object lists (a piece of 4 MiB of lists of a thousand objects keeps about 27 MB).
        var over: Int?, room: Int?, weighed = 0, weighedGrowth = 0
        while true {
            let n = piece.withUnsafeMutableBufferPointer { fread($0.baseAddress!, 1, $0.count, handle) }
            guard n > 0 else { break }
            let skip = read == 0 && plain.hasMark ? 3 : 0
            read += n
            text.removeAll(keepingCapacity: true)
            piece.withUnsafeBufferPointer { all in
                let bytes = UnsafeBufferPointer(rebasing: all[skip..<n])
                if encoding == .utf8 { text.append(contentsOf: bytes) } else { SIEEncodingEvidence.decode(bytes, as: encoding, into: &text) }
            }
            text.withUnsafeBufferPointer { text in
                sampler.add(text, encoding: origin.encoding)
                lines.add(text) { line in
                    guard over == nil else { return }
                    // Before a voucher's lines take its groups past the room their array has
                    // (weighed once for each size of it) as it closes.
                    if SIEFile.closesVoucher(line), let growth = reader.groupsGrowth, growth != weighedGrowth {
                        weighedGrowth = growth
                        if let (left, needed) = reader.noRoom(growing: growth) {
                            let kept = reader.keptBytes(lines: sampler.lineCount)
                            (over, room) = (kept + needed, kept + left)
                            return
                        }
                    }
                    reader.take(line: line)
                    guard reader.objectBytes + reader.nameBytes - weighed > 1 << 20 else { return }
                    weighed = reader.objectBytes + reader.nameBytes
                    let kept = reader.keptBytes(lines: sampler.lineCount)
                    if kept > keepLimit {
                        over = kept
                    } else if let (left, needed) = reader.noRoom() {
                        (over, room) = (kept + needed, kept + left)
                    }
                }
            }
            // A problem: the file is read whole, so its diagnostics are made from the text.
            guard reader.problems.isEmpty else { return .readWhole }
            let kept = over ?? reader.keptBytes(lines: sampler.lineCount)
            if over != nil || kept > keepLimit {
                return .tooMuch(LongStream.TooMuch(kept: kept, bytesRead: read, size: identity.size, series: reader.vouchers.groups.count), room: room)
            }
        }
        lines.finish { reader.take(line: $0) }
        guard ferror(handle) == 0, read == identity.size, FileIdentity.of(handle) == identity else { return .readWhole }
        reader.file = sampler.fileBacked(path: path, origin: origin)
        // The names no `#KONTO` or `#OBJEKT` gives are found once every name is known, in a
        // set weighed first: 300,000 objects of their own take 16 MiB.
        let checking = reader.namesCheckBytes
        if checking > 0, let (left, needed) = reader.noRoom(growing: checking) {
            let kept = reader.keptBytes(lines: sampler.lineCount)
            return .tooMuch(LongStream.TooMuch(kept: kept + needed, bytesRead: read, size: identity.size, series: reader.vouchers.groups.count),
                            room: kept + left)
        }
        reader.finish()
        return reader.diagnostics.allSatisfy(Self.isMissingName) ? .read(reader) : .readWhole
    }

    /// A warning that an account has no `#KONTO` or an object no `#OBJEKT`: the one diagnostic
    /// a file read as it passes keeps. Its place is a line of the file, which the file-backed
    /// text reads back as the whole read's text gives it; anything else is read whole.
    private static func isMissingName(_ d: Diagnostic) -> Bool { d.severity == .warning && d.code == .sieNameMissing }

    /// Whether the text read back from the file (`FileBackedText`, through `ChunkedDataDecoder`)
    /// is the text `SIEFile` reads: no lone CR (the decoder makes it a line break) and no NUL
    /// (a problem to it), and a byte-order mark only before UTF-8 that has no second one.
    private struct PlainText {
        private(set) var hasMark = false
        private var head: [UInt8] = []
        private var afterCR = false
        private var broken = false

        mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) {
            if head.count < 6 { head += bytes.prefix(6 - head.count) }
            for b in bytes {
                if afterCR, b != 0x0A { broken = true }
                afterCR = b == 0x0D
                if b == 0 { broken = true }
            }
        }

        mutating func isPlain(encoding: SIEFile.Encoding) -> Bool {
            hasMark = head.starts(with: [0xEF, 0xBB, 0xBF])
            if hasMark, encoding != .utf8 || head.dropFirst(3).starts(with: [0xEF, 0xBB, 0xBF]) { return false }
            return !broken && !afterCR
        }
    }

    /// The text's lines, from pieces cut anywhere: a line split between pieces waits for its end.
    private struct LineSplitter {
        private var partial: [UInt8] = []
        /// Where the next piece starts in the text.
        private var offset = 0

        mutating func add(_ text: UnsafeBufferPointer<UInt8>, _ take: (SIELine) -> Void) {
            var start = 0
            while start < text.count, let found = memchr(text.baseAddress! + start, 0x0A, text.count - start) {
                let i = text.baseAddress!.distance(to: UnsafePointer(found.assumingMemoryBound(to: UInt8.self)))
                if partial.isEmpty {
                    take(SIELine(bytes: UnsafeBufferPointer(rebasing: text[start..<i]), base: offset + start))
                } else {
                    partial.append(contentsOf: text[start..<i])
                    let base = offset + start - (partial.count - (i - start))
                    partial.withUnsafeBufferPointer { take(SIELine(bytes: $0, base: base)) }
                    partial.removeAll(keepingCapacity: true)
                }
                start = i + 1
            }
            partial.append(contentsOf: text[start...])
            offset += text.count
        }

        /// The last line, when the text does not end with a line break.
        mutating func finish(_ take: (SIELine) -> Void) {
            guard !partial.isEmpty else { return }
            let base = offset - partial.count
            partial.withUnsafeBufferPointer { take(SIELine(bytes: $0, base: base)) }
            partial = []
        }
    }
}

extension SIEFile.Encoding {
    /// The data files' name for it, which a file-backed `SourceFile` reads a stretch back by.
    var dataEncoding: DataFormat.Encoding {
        switch self {
        case .utf8: .utf8
        case .windows1252: .windows1252
        case .ibm437: .ibm437
        }
    }
}
