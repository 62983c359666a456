import Foundation
import Synchronization

/// A data file's text kept on disk, not in memory: where every 32nd line starts in the text
/// and in the file, and how the file was decoded. A line or a place is found by reading back
/// the stretch of at most 32 lines around it and decoding it as the whole file was, so a
/// ledger of a gigabyte keeps 16 bytes per 32 lines here instead of its text.
///
/// A stretch is read back only from the version of the file that was read (`FileIdentity`),
/// and only if it decodes to as many bytes of text as it had; anything else is `changed`.
final class FileBackedText: Sendable {
    /// The path the file was opened by.
    let path: String
    let origin: DiskOrigin
    /// Where lines 0, 32, 64, … start in the text.
    let textStarts: [Int]
    /// Where they start in the file; nil for UTF-8, where it is the text's place plus `fileBase`.
    private let fileStarts: [Int]?
    private let fileBase: Int
    let lineCount: Int
    let textLength: Int
    /// Stretches kept in memory, by index: those a diagnostic points into, so that it prints
    /// its place and line even when the file is gone before it is shown.
    private let pinned: [Int: [UInt8]]
    /// The stretch read last: explain names the rows summed into a cell in file order, most
    /// of them in the stretch before.
    private let lastRead = Mutex<(index: Int, text: [UInt8])?>(nil)
    /// How many times the file has been read back (`SourceFile.readsBack`).
    private let reads = Atomic<Int>(0)
    var readsBack: Int { reads.load(ordering: .relaxed) }

    /// Why a stretch could not be read back.
    enum Unreadable: Error, Equatable {
        /// The file is not the one read: saved again, replaced or cut.
        case changed
        /// It is gone, or may no longer be read.
        case gone

        /// What a quoted line says instead of the text.
        var quoted: String {
            switch self {
            case .changed: "(the file has changed since it was read)"
            case .gone: "(the file can no longer be read)"
            }
        }
    }

    init(path: String, origin: DiskOrigin, sampler: LineSampler, pinned: [Int: [UInt8]] = [:]) {
        self.path = path
        self.pinned = pinned
        self.origin = origin
        textStarts = sampler.textStarts
        fileStarts = sampler.fileStarts
        fileBase = sampler.fileBase
        lineCount = sampler.lineCount
        textLength = sampler.textLength
    }

    /// The text of stretch `index`: lines `32 × index` up to the next sample, line breaks included.
    func stretch(_ index: Int) -> Result<[UInt8], Unreadable> {
        if let kept = pinned[index] { return .success(kept) }
        if let kept = lastRead.withLock({ $0 }), kept.index == index { return .success(kept.text) }
        let textEnd = index + 1 < textStarts.count ? textStarts[index + 1] : textLength
        let fileEnd = index + 1 < textStarts.count ? fileStart(index + 1) : origin.identity.size
        // A stretch holds 32 line breaks, the last one fewer: a stretch read back with any other
        // count is not the text that was read, whatever its length.
        let lineBreaks = index + 1 < textStarts.count ? SourceFile.lineSample : lineCount - 1 - index * SourceFile.lineSample
        let read = readBack(from: fileStart(index), to: fileEnd, textLength: textEnd - textStarts[index], lineBreaks: lineBreaks)
        if case .success(let text) = read { lastRead.withLock { $0 = (index, text) } }
        return read
    }

    /// The whole text, read back (`SourceFile.text`: the language server's positions read stretches).
    func wholeText() -> Result<[UInt8], Unreadable> {
        readBack(from: 0, to: origin.identity.size, textLength: textLength, lineBreaks: lineCount - 1, whole: true)
    }

    private func fileStart(_ index: Int) -> Int {
        fileStarts?[index] ?? textStarts[index] + fileBase
    }

    /// Decodes the file's bytes `from..<to` as the file was decoded; `whole` when they are the
    /// whole file, its mark and a leading U+FEFF included. The text must come out as long as it
    /// was, with as many line breaks, from a file whose identity is the one read both before and
    /// after the bytes were read.
    private func readBack(from: Int, to: Int, textLength expected: Int, lineBreaks: Int, whole: Bool = false) -> Result<[UInt8], Unreadable> {
        reads.add(1, ordering: .relaxed)
        // Opened without waiting: a path that has become a named pipe is refused by its identity,
        // not waited on forever.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(.gone) }
        guard let file = fdopen(descriptor, "rb") else {
            close(descriptor)
            return .failure(.gone)
        }
        defer { fclose(file) }
        guard FileIdentity.of(file) == origin.identity else { return .failure(.changed) }
        let count = to - from
        guard count >= 0, fseeko(file, off_t(from), SEEK_SET) == 0 else { return .failure(.changed) }
        var bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, got in
            got = count == 0 ? 0 : fread(buffer.baseAddress!, 1, count, file)
        }
        guard bytes.count == count, ferror(file) == 0, FileIdentity.of(file) == origin.identity else { return .failure(.changed) }
        var decoded: SourceTextDecoder.Decoded
        if whole {
            decoded = ChunkedDataDecoder.decode(bytes, pieceSize: max(1, bytes.count))
            if decoded.utf8.starts(with: [0xEF, 0xBB, 0xBF]) { decoded.utf8.removeFirst(3) }
        } else {
            var decoder = ChunkedDataDecoder(resuming: origin.encoding)
            bytes.withUnsafeBufferPointer { decoder.add($0) }
            bytes = []
            decoded = decoder.finish()
        }
        guard decoded.problem == nil, decoded.encoding == origin.encoding, decoded.utf8.count == expected,
              decoded.utf8.count(where: { $0 == UInt8(ascii: "\n") }) == lineBreaks else { return .failure(.changed) }
        return .success(decoded.utf8)
    }
}
