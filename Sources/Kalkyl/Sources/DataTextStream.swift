/// A data file's text handed out a piece at a time as it is read from disk and decoded, never
/// held whole: what a reader that takes its records as they pass (`RecordScanner`) is fed, so
/// that a ledger of a gigabyte is held a piece at a time, not as a gigabyte of text (pieces of
/// 4 KiB: `DiskSources.decode` sizes them by the size it is given, and it is given none, so
/// that the decoder reserves nothing for the whole).
///
/// Each piece comes with its place in the text as a `SourceFile` has it (without a U+FEFF at
/// the start), and the text is the decoder's (`ChunkedDataDecoder.takeChecked`): the same as
/// the whole file's, wherever the pieces are cut. What is read ends as the file-backed
/// `SourceFile` (`LineSampler`, fed the same pieces), made without the text ever being held.
///
/// Only a regular file decoded without a problem, and unchanged while it was read, is read so:
/// `read` gives nil for any other (a pipe is not read at all), and the caller reads it whole
/// (`SourceProvider.text`), which reports its problem with the text in memory as before.
enum DataTextStream {
    /// What was read: the file-backed form of its text, and the encoding it was decoded from.
    struct Read {
        let file: SourceFile
        let encoding: DataFormat.Encoding
    }

    /// How far the file has been read: its size when it was opened, and the bytes read so far.
    struct Progress {
        var size = 0
        var bytesRead = 0
    }

    /// Reads the data file at `path` (opened by that path), giving each piece of its text to
    /// `take` with the piece's place in the text; `take` answers whether it wants the rest. Nil
    /// when the file is no regular file, changed while it was read, its text has a problem, or
    /// `take` stopped: then the pieces given were not (all) its text, the rest was not read, and
    /// the caller reads it whole. Its size is not limited: the text is not held, and what the
    /// reader keeps is the reader's to limit (`LongStream`, `DiskSources.keepLimit`).
    static func read(_ path: String, pieceSize: Int = DiskSources.pieceSize,
                     _ take: (_ text: UnsafeBufferPointer<UInt8>, _ at: Int) -> Bool) throws(SourceReadError) -> Read? {
        var progress = Progress()
        return try read(path, pieceSize: pieceSize, progress: &progress, take)
    }

    /// `read`, saying in `progress` how much of the file was read (all of it unless `take` stopped).
    static func read(_ path: String, pieceSize: Int = DiskSources.pieceSize, progress: inout Progress,
                     _ take: (_ text: UnsafeBufferPointer<UInt8>, _ at: Int) -> Bool) throws(SourceReadError) -> Read? {
        progress.size = try DiskSources().readableSize(path, limit: nil)
        guard FileIdentity.of(path: path) != nil else { return nil }   // a pipe cannot be read again
        var pieces = Pieces()
        var sampler = LineSampler()
        var stopped = false
        /// Hands the text on; false once the file is no longer read so.
        func hand(_ text: [UInt8], encoding: DataFormat.Encoding) -> Bool {
            guard !text.isEmpty else { return true }
            sampler.add(text, encoding: encoding)
            return pieces.add(text, take)
        }
        // The decoder keeps no text it has handed out: nothing is reserved for the whole.
        var bytesRead = 0
        defer { progress.bytesRead = bytesRead }
        var decoded = try DiskSources.decode(path, expectedSize: 0, pieceSize: pieceSize, limit: .max) { decoder, read in
            bytesRead = read
            // A problem: the text may be read again differently from its start, so it is read
            // whole. A reader that stopped wants the file whole too. Either way, no more is read.
            if decoder.hasProblem || !hand(decoder.takeChecked(), encoding: decoder.encodingSoFar) {
                stopped = true
            }
            return !stopped
        }
        guard !stopped, decoded.problem == nil, let identity = decoded.identity,
              hand(decoded.utf8, encoding: decoded.encoding) else { return nil }
        decoded.utf8 = []
        guard pieces.finish(take) else { return nil }
        return Read(file: sampler.fileBacked(path: path, origin: DiskOrigin(identity: identity, encoding: decoded.encoding)),
                    encoding: decoded.encoding)
    }

    /// The line of the file at `path` that holds `offset` of its text, counted by reading the
    /// text again up to there (a file too large to be read whole names a problem so); nil when
    /// it cannot be read so, or ends before.
    static func line(at offset: Int, in path: String) -> Int? {
        var line = 1, reached = false
        _ = try? read(path) { text, at in
            let upTo = min(text.count, offset - at)
            for b in text[..<max(0, upTo)] where b == 0x0A { line += 1 }
            reached = at + text.count > offset
            return !reached
        }
        return reached ? line : nil
    }

    /// The decoder's text as `SourceFile` places it: a U+FEFF at its start is dropped, so the
    /// text's first bytes wait until it is known whether they are one.
    private struct Pieces {
        private var head: [UInt8] = []
        private var started = false
        private var at = 0

        mutating func add(_ text: [UInt8], _ take: (UnsafeBufferPointer<UInt8>, Int) -> Bool) -> Bool {
            guard !started else { return give(text[...], take) }
            head += text
            guard head.count >= 3 else { return true }
            return start(take)
        }

        mutating func finish(_ take: (UnsafeBufferPointer<UInt8>, Int) -> Bool) -> Bool {
            started ? true : start(take)
        }

        private mutating func start(_ take: (UnsafeBufferPointer<UInt8>, Int) -> Bool) -> Bool {
            started = true
            let text = head
            head = []
            return give(text.starts(with: [0xEF, 0xBB, 0xBF]) ? text[3...] : text[...], take)
        }

        private mutating func give(_ text: ArraySlice<UInt8>, _ take: (UnsafeBufferPointer<UInt8>, Int) -> Bool) -> Bool {
            guard !text.isEmpty else { return true }
            let wanted = text.withUnsafeBufferPointer { take($0, at) }
            at += text.count
            return wanted
        }
    }
}
