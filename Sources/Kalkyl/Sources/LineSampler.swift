/// Finds where every 32nd line of a data file starts, in its text and in the file, from the
/// text as it is decoded, piece by piece: what a file-backed `SourceFile` needs to read any
/// line back from the file without keeping the text.
///
/// Feed it the decoder's text in order, each piece with the decoder's encoding after it was
/// decoded (a file without a byte-order mark is UTF-8 until a byte that is not, and then
/// Windows-1252; the text before that byte is ASCII, one byte a character in both), then
/// `finish`. A text starting with U+FEFF loses it, as `SourceFile` drops it.
///
/// A place in the file is found from the text by how many bytes each character took there:
/// one a byte in UTF-8 (a lone CR made LF keeps its length), one a character in
/// Windows-1252, two a character in UTF-16 and four for one past U+FFFF. That holds only for
/// text decoded without a problem, the only text a file-backed form is made for.
struct LineSampler {
    static let every = SourceFile.lineSample

    /// Where lines 0, 32, 64, … start in the text.
    private(set) var textStarts: [Int] = [0]
    /// Where they start in the file; nil while the text is UTF-8 (the text's offset plus `fileBase`).
    private(set) var fileStarts: [Int]?
    /// The file's bytes before the text: its byte-order mark, and a U+FEFF dropped after it.
    private(set) var fileBase = 0
    private(set) var lineCount = 1
    private(set) var textLength = 0
    /// File bytes read so far, counted while the text is not UTF-8.
    private var fileOffset = 0
    /// The first bytes of the text, until it is known whether a U+FEFF leads it.
    private var head: [UInt8] = []
    private var started = false
    private var encoding = DataFormat.Encoding.utf8

    init() {}

    /// The next piece of decoded text; `encoding` is the decoder's after decoding it.
    mutating func add(_ text: UnsafeBufferPointer<UInt8>, encoding: DataFormat.Encoding) {
        self.encoding = encoding
        guard !started else { return scan(text) }
        let needed = min(3 - head.count, text.count)
        head.append(contentsOf: text.prefix(needed))
        guard head.count >= 3 else { return }
        start()
        scan(UnsafeBufferPointer(rebasing: text[needed...]))
    }

    /// The next piece of decoded text (see the other `add`).
    mutating func add(_ text: [UInt8], encoding: DataFormat.Encoding) {
        text.withUnsafeBufferPointer { add($0, encoding: encoding) }
    }

    /// A UTF-8 text sampled already (a `SourceFile` in memory): its places in the file are its
    /// own, so nothing is scanned again.
    mutating func adoptUTF8(starts: [Int], lineCount: Int, textLength: Int, encoding: DataFormat.Encoding) {
        precondition(encoding == .utf8 || encoding == .utf8WithBOM)
        self.encoding = encoding
        if !started { start() }
        textStarts = starts
        self.lineCount = lineCount
        self.textLength = textLength
    }

    /// After the last piece: the samples are complete.
    mutating func finish() {
        if !started { start() }
    }

    /// The file-backed form of the text sampled, read back from `path` as `origin` says it was read.
    /// `pinned`: stretches to keep in memory, by index (`FileBackedText`).
    mutating func fileBacked(path: String, origin: DiskOrigin, pinned: [Int: [UInt8]] = [:]) -> SourceFile {
        finish()
        return SourceFile(path: path, disk: FileBackedText(path: path, origin: origin, sampler: self, pinned: pinned))
    }

    private mutating func start() {
        started = true
        switch encoding {
        case .utf8WithBOM: fileBase = 3
        case .utf16LittleEndian, .utf16BigEndian: fileBase = 2
        case .utf8, .windows1252, .ibm437: fileBase = 0
        }
        var text = head
        head = []
        if text.starts(with: [0xEF, 0xBB, 0xBF]) {
            // SourceFile drops a U+FEFF at the start of the text: the file's bytes for it come first.
            fileBase += Self.fileBytes(of: text[0..<3], in: encoding)
            text.removeFirst(3)
        }
        fileOffset = fileBase
        text.withUnsafeBufferPointer { scan($0) }
    }

    private mutating func scan(_ text: UnsafeBufferPointer<UInt8>) {
        let utf8 = encoding == .utf8 || encoding == .utf8WithBOM
        if !utf8, fileStarts == nil {
            // UTF-8 so far (ASCII, when it turns to Windows-1252): the file's places are the text's.
            fileStarts = textStarts.map { $0 + fileBase }
            fileOffset = textLength + fileBase
        }
        var count = lineCount
        if utf8 {
            for i in text.indices where text[i] == UInt8(ascii: "\n") {
                if count % Self.every == 0 { textStarts.append(textLength + i + 1) }
                count += 1
            }
        } else {
            let utf16 = encoding == .utf16LittleEndian || encoding == .utf16BigEndian
            var offset = fileOffset
            for i in text.indices {
                let b = text[i]
                if b & 0xC0 != 0x80 { offset += utf16 ? 2 : 1 }
                if utf16, b >= 0xF0 { offset += 2 }
                if b == UInt8(ascii: "\n") {
                    if count % Self.every == 0 {
                        textStarts.append(textLength + i + 1)
                        fileStarts!.append(offset)
                    }
                    count += 1
                }
            }
            fileOffset = offset
        }
        lineCount = count
        textLength += text.count
    }

    /// How many bytes of the file these whole characters of text took.
    static func fileBytes(of text: ArraySlice<UInt8>, in encoding: DataFormat.Encoding) -> Int {
        switch encoding {
        case .utf8, .utf8WithBOM: return text.count
        case .windows1252, .ibm437: return text.reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
        case .utf16LittleEndian, .utf16BigEndian: return text.reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 2 : 0) + ($1 >= 0xF0 ? 2 : 0) }
        }
    }
}
