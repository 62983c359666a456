import Foundation
#if canImport(Glibc)
import CMalloc
#endif

/// Where model, layout and data files are read from. Checking never opens a file itself: it
/// asks a provider, so a model can be checked against an editor's unsaved buffers or data
/// held in memory as well as against the disk.
public protocol SourceProvider: Sendable {
    /// The bytes of the file at `path` (as the model or the command line names it, relative to
    /// the working folder unless absolute), or why there are none.
    func contents(of path: String) throws(SourceReadError) -> [UInt8]

    /// The text of the file at `path`, decoded as a file of this kind: from `contents`, unless
    /// the provider can decode a file as it reads it (`DiskSources` reads a data file piece by
    /// piece, so its bytes are never held beside its text).
    func text(of path: String, as kind: SourceKind) throws(SourceReadError) -> SourceText
}

/// Why a file could not be read.
public enum SourceReadError: Error, Sendable, Equatable {
    case notFound
    case isFolder
    case unreadable
    /// A device (`/dev/zero`, `/dev/urandom`): no end to read to.
    case notAFile
    /// A path longer than the file system takes (`ENAMETOOLONG`).
    case pathTooLong
    /// Larger than `DiskSources.sizeLimit`, with its size in bytes (as far as it was read, for a pipe).
    case tooLarge(Int)

    /// Over the size limit.
    public var isTooLarge: Bool {
        if case .tooLarge = self { true } else { false }
    }

    /// Why, in a few words after the file's name: `model.kalkyl: no such file`.
    public func reason(kind: String) -> String {
        switch self {
        case .notFound: "no such file"
        case .isFolder: "is a folder, not a \(kind)"
        case .unreadable: "cannot be read (check that you may read it)"
        case .notAFile: "is a device, not a \(kind)"
        case .pathTooLong: "the path is too long for the file system"
        case .tooLarge(let size):
            "is \(DiskSources.mebibytes(size)) MiB, more than the \(DiskSources.mebibytes(DiskSources.sizeLimit)) MiB a file may have (\(DiskSources.limitReason))"
        }
    }
}

/// Files on disk.
public struct DiskSources: SourceProvider {
    public init() {}

    /// The largest file read: what this machine's memory holds, at `memoryPerByte` bytes of
    /// memory a byte of file. A larger file is refused with that reason rather than read until
    /// the machine runs out of memory. Places in a file are 64-bit (`FieldSpan`, `FileOffsets`),
    /// so there is no other bound. docs/reliability.md has the measurements.
    public static let sizeLimit = sizeLimit(memory: MachineMemory.available)

    /// Memory a byte of a data file takes at the peak of reading it, rounded up: a 1 GB
    /// ledger of 50 million rows summed in long form peaks at 1.8 GB, and a file of one-byte
    /// fields takes its text and 4 + 2 bytes a field a row for its offsets (docs/reliability.md).
    static let memoryPerByte = 4

    /// The largest file read with this much memory.
    static func sizeLimit(memory: Int) -> Int { memory / memoryPerByte }

    /// The most a file read as its records pass (`LongStream`) may keep: half of the memory
    /// kalkyl may use, the rest left for the model's cells made from it and their evaluation.
    /// Such a file is not held, so its size is not what is limited (`DataTextStream`).
    static let keepLimit = keepLimit(memory: MachineMemory.available)

    /// What a streamed read may keep with this much memory.
    static func keepLimit(memory: Int) -> Int { memory / 2 }

    /// Why the limit is what it is, after the sizes in a refusal.
    static var limitReason: String {
        "reading one takes up to \(memoryPerByte) times its size in memory, and this machine has \(mebibytes(MachineMemory.available)) MiB"
    }

    public func contents(of path: String) throws(SourceReadError) -> [UInt8] {
        _ = try readableSize(path)
        return try DiskSources.read(path)
    }

    /// A data file is decoded piece by piece as it is read: its bytes are never held whole,
    /// only `pieceSize` of them at a time beside the text (a Windows-1252 or UTF-16 export was
    /// held twice). Model and layout files are read whole.
    public func text(of path: String, as kind: SourceKind) throws(SourceReadError) -> SourceText {
        guard kind == .data else { return SourceText(bytes: try contents(of: path), path: path, as: kind) }
        let size = try readableSize(path)
        return SourceText(try DiskSources.decode(path, expectedSize: size), path: path, as: kind)
    }

    /// How many bytes a data file is read at a time.
    static let pieceSize = 4 << 20

    /// The file's size, after checking it is a file (or a pipe) that may be read, under `limit`
    /// when one is given (a file read as it passes is limited by what it keeps instead).
    func readableSize(_ path: String, limit: Int? = DiskSources.sizeLimit) throws(SourceReadError) -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else {
            switch errno {
            case ENOENT, ENOTDIR: throw .notFound
            case ENAMETOOLONG: throw .pathTooLong
            default: throw .unreadable
            }
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: throw .isFolder
        case S_IFREG, S_IFIFO: break   // a pipe too: `kalkyl check <(git show HEAD:model.kalkyl)`
        default: throw .notAFile       // /dev/zero and /dev/urandom have no end
        }
        if let limit, Int(info.st_size) > limit { throw .tooLarge(Int(info.st_size)) }
        return Int(info.st_size)
    }

    /// A data file's text, decoded a piece at a time as the pieces are read (`ChunkedDataDecoder`).
    /// `afterEachPiece` sees the decoder after each piece: a reader that takes the text as it
    /// comes (`DataTextStream`) takes it there, and the text returned is what it did not take.
    /// When it answers false the rest of the file is not read: what is returned is then only
    /// the text so far, without the identity of a version read whole. `afterEachPiece` is also
    /// told how many bytes of the file have been read. A file read past `limit` (it grew while
    /// it was read, or is a pipe) is refused.
    static func decode(_ path: String, expectedSize: Int, pieceSize: Int = pieceSize, limit: Int = sizeLimit,
                       afterEachPiece: (inout ChunkedDataDecoder, _ bytesRead: Int) -> Bool = { _, _ in true })
        throws(SourceReadError) -> SourceTextDecoder.Decoded {
        guard let file = fopen(path, "rb") else { throw .unreadable }
        defer { fclose(file) }
        let before = FileIdentity.of(file)
        var decoder = ChunkedDataDecoder(expectedSize: expectedSize)
        // A file smaller than a piece takes a piece of its size (and a byte, to see its end).
        let pieceSize = min(pieceSize, max(4096, expectedSize + 1))
        var piece = [UInt8](unsafeUninitializedCapacity: pieceSize) { _, count in count = pieceSize }
        var total = 0
        while true {
            let n = piece.withUnsafeMutableBufferPointer { fread($0.baseAddress!, 1, $0.count, file) }
            total += n
            if n > 0 {
                piece.withUnsafeBufferPointer { decoder.add(UnsafeBufferPointer(rebasing: $0[..<n])) }
                guard afterEachPiece(&decoder, total) else { return decoder.finish() }
            }
            // A file that grows while it is read, or a pipe that never ends (`yes |`), is refused
            // at the limit, not read until memory runs out.
            if total > limit { throw .tooLarge(total) }
            if n < pieceSize { break }
        }
        guard ferror(file) == 0 else { throw .unreadable }
        var decoded = decoder.finish()
        // The version read, if the file did not change while it was read (`FileBackedText`).
        if let before, FileIdentity.of(file) == before, before.size == total { decoded.identity = before }
        return decoded
    }

    /// Whole mebibytes, rounded up: a file just past the limit does not read as at it.
    static func mebibytes(_ bytes: Int) -> String { String(bytes >> 20 + (bytes & ((1 << 20) - 1) == 0 ? 0 : 1)) }

    /// The file's bytes, read straight into one array of its size (not through `Data` and a
    /// copy: a staff file is read while the rest of the model is being built).
    static func read(_ path: String) throws(SourceReadError) -> [UInt8] {
        guard let file = fopen(path, "rb") else { throw .unreadable }
        defer { fclose(file) }
        var size = 0
        if fseek(file, 0, SEEK_END) == 0 {
            size = max(0, ftell(file))
            rewind(file)
        }
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = size == 0 ? 0 : fread(buffer.baseAddress!, 1, size, file)
        }
        // A file that grows while it is read (or whose size is not known) is read to its end.
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = fread(&chunk, 1, chunk.count, file)
            if n > 0 { bytes.append(contentsOf: chunk[..<n]) }
            if n < chunk.count { break }
            // A pipe that never ends (`yes |`) is refused at the limit, not read until memory runs out.
            if bytes.count > sizeLimit { throw .tooLarge(bytes.count) }
        }
        guard ferror(file) == 0 else { throw .unreadable }
        return bytes
    }
}

/// How much memory this process may use: the machine's physical memory, or less when the
/// container has a smaller limit (cgroup v2 `memory.max`) or the process an address-space
/// limit (`ulimit -v`, as the texts' guard counts it).
enum MachineMemory {
    static let available: Int = limits.min { $0.bytes < $1.bytes }?.bytes ?? Int.max

    /// Whether the address-space limit is the one that binds: then what the process has mapped
    /// counts against it, not what it has touched.
    static let limitIsAddressSpace: Bool = limits.min { $0.bytes < $1.bytes }?.addressSpace ?? false

    private static let limits: [(bytes: Int, addressSpace: Bool)] = {
        let physical = Int(sysconf(Int32(_SC_PHYS_PAGES))) * Int(sysconf(Int32(_SC_PAGESIZE)))
        var limits = physical > 0 ? [(physical, false)] : []
        if let text = try? String(contentsOfFile: "/sys/fs/cgroup/memory.max", encoding: .utf8),
           let limit = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)), limit > 0 { limits.append((limit, false)) }
        var space = rlimit()
        if getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &space) == 0, space.rlim_cur != rlim_t.max,
           space.rlim_cur < rlim_t(Int.max) { limits.append((Int(space.rlim_cur), true)) }
        return limits
    }()

    /// The memory this process uses now, as the limit that binds counts it: its address space
    /// under `ulimit -v`, its resident pages otherwise (`/proc/self/statm`); nil where that
    /// cannot be read.
    static func inUse() -> Int? {
        let fd = open("/proc/self/statm", O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        // "size resident shared text lib data dt", in pages: the first two are wanted.
        var buffer = [UInt8](repeating: 0, count: 128)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { return nil }
        var fields: [Int] = [], value = 0, inNumber = false
        for b in buffer[..<n] {
            if b >= 0x30 && b <= 0x39 {
                value = value * 10 + Int(b - 0x30)
                inNumber = true
            } else if inNumber {
                fields.append(value)
                (value, inNumber) = (0, false)
                if fields.count == 2 { break }
            }
        }
        guard fields.count == 2 else { return nil }
        return (limitIsAddressSpace ? fields[0] : fields[1]) * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// What is left of `available` now (at least nothing), for what is made of many pieces:
    /// what malloc's heap holds free (`heapFree`), which the next pieces take before the heap
    /// grows, and what is not in use beyond the `heapGrowth` the heap asks for at once beyond a
    /// request when it grows under an address-space limit. Freed heap counted as in use made
    /// files that fit be refused: a staff file of 600,000 people, refused at `ulimit -v` 370,000
    /// to 390,000 KiB, which base17 computed from 370,000 (docs/reliability.md).
    static func left() -> Int {
        guard let used = inUse() else { return available }
        let growth = limitIsAddressSpace ? heapGrowth : 0
        return heapFree() + max(0, available - used - growth)
    }

    /// What is left now for one large block (a mapping of its own, which the heap's free pieces
    /// cannot hold): `available` less all that is in use.
    static func leftForOneBlock() -> Int { max(0, available - (inUse() ?? 0)) }

    /// What is left now for what grows by pieces that replace smaller ones (arrays grown by
    /// doubling, as a `long` file read as it passes keeps its summed rows): what is not in use
    /// beyond the heap's next growth and, under an address-space limit, the heap's top (mapped,
    /// not yet given out: `mallinfo2().keepcost`), but not the heap's other free pieces, which
    /// such growth leaves behind too small for the next size. Counted with them (`left`), a 100 MB
    /// ledger of summed rows was let through under `ulimit -v 150000` with 31 MiB of them
    /// "left", and died where the heap could not grow (its top pad of 32 MiB beyond the 16 MB
    /// not in use).
    static func leftForGrowth() -> Int {
        guard let used = inUse() else { return available }
        #if canImport(Glibc)
        let top = limitIsAddressSpace ? Int(mallinfo2().keepcost) : 0
        #else
        let top = 0
        #endif
        return top + max(0, available - used - (limitIsAddressSpace ? heapGrowth : 0))
    }

    /// The bytes malloc has given out and not taken back, on its heap and mapped on their own
    /// (`mallinfo2`'s `uordblks` and `hblkhd`); none where glibc does not say.
    static func heapInUse() -> Int {
        #if canImport(Glibc)
        let info = mallinfo2()
        return Int(info.uordblks + info.hblkhd)
        #else
        return 0
        #endif
    }

    /// What the heap grows by at once beyond a request, for a command that computes once
    /// (`M_TOP_PAD`, `AllocatorSetting`): a piece that does not fit in what the heap holds free may
    /// ask for that much more. Without allowing for it, 5,000 series that stopped a few MiB short
    /// of what was left aborted there (`mmap` of 33 MB refused under `ulimit -v 500000`).
    static let heapGrowth = 32 << 20

    /// The bytes malloc's heap holds free, as `inUse` counts them: its freed pieces and its top
    /// (`mallinfo2().fordblks`) under an address-space limit, which maps them all; without the
    /// top otherwise (`keepcost`), whose pages are not resident until used. None where glibc
    /// does not say.
    static func heapFree() -> Int {
        #if canImport(Glibc)
        let info = mallinfo2()
        return Int(limitIsAddressSpace ? info.fordblks : info.fordblks - min(info.fordblks, info.keepcost))
        #else
        return 0
        #endif
    }
}

/// Files held in memory, in front of another provider (the disk, by default): an editor's
/// unsaved buffers over the files they were opened from, or a test's files with no disk at
/// all (`fallback: nil`). Paths are compared after `standardized`, so `a/./b.csv` is `a/b.csv`.
public struct MemorySources: SourceProvider {
    public private(set) var files: [String: [UInt8]] = [:]
    public var fallback: (any SourceProvider)?

    public init(_ files: [String: String] = [:], fallback: (any SourceProvider)? = DiskSources()) {
        self.fallback = fallback
        for (path, text) in files { self[path] = text }
    }

    /// A file's text; setting nil drops the buffer, so the fallback's file shows again.
    public subscript(path: String) -> String? {
        get { files[MemorySources.standardized(path)].map { String(decoding: $0, as: UTF8.self) } }
        set { files[MemorySources.standardized(path)] = newValue.map { Array($0.utf8) } }
    }

    public func contents(of path: String) throws(SourceReadError) -> [UInt8] {
        if let bytes = files[MemorySources.standardized(path)] { return bytes }
        guard let fallback else { throw .notFound }
        return try fallback.contents(of: path)
    }

    /// A buffer's text, or the fallback's file read as the fallback reads it.
    public func text(of path: String, as kind: SourceKind) throws(SourceReadError) -> SourceText {
        if let bytes = files[MemorySources.standardized(path)] { return SourceText(bytes: bytes, path: path, as: kind) }
        guard let fallback else { throw .notFound }
        return try fallback.text(of: path, as: kind)
    }

    /// The absolute path without `.`, `..` or doubled slashes.
    public static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
