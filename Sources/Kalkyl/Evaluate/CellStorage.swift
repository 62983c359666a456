#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The kind of a cell's value, kept beside its number when a block holds more than numbers.
enum Kind: UInt8 {
    case number = 0, bool, text, blank, error

    /// The value of a cell of this kind, from its number slot (the number, a truth value as 0
    /// or 1, an error's code) and, for text, its entry in the block's texts.
    @inline(__always)
    func value(number: Double, text: @autoclosure () -> String?) -> Value {
        switch self {
        case .number: .number(number)
        case .bool: .bool(number != 0)
        case .text: .text(text() ?? "")
        case .blank: .blank
        case .error: .error(ExcelError(rawValue: Int(number)) ?? .value)
        }
    }
}

/// Cells in memory that never moves: a number per cell, and a kind per cell only once a
/// cell holds something other than a number. Kernels read and write the buffers directly,
/// so a loop over 100,000 members pays no bounds, exclusivity or reference-counting checks.
///
/// A boolean is stored as 0 or 1 with kind `bool`, an error as its `ExcelError` raw value
/// with kind `error`; text lives in `texts`, keyed by cell.
///
/// A computed block whose cells are all +0.0 or 1.0, numbers or truth values, can be stored
/// narrow: one byte a cell in `bytes` instead of eight (`narrow()`; `active` of the personnel
/// model, 1.2 M cells, is 1.2 MB instead of 9.6). A narrow block has no kinds. Readers that run
/// beside others (runs of a block computed on several threads) read it without changing it:
/// `number(_:)`, the subscript, `withNumbers`, or the bytes themselves; `numbers` widens it for
/// good, which only a reader on its own may do.
///
/// Not `Sendable`: its cells change in place. What leaves an evaluation is a `Column`, a copy.
final class CellStorage {
    let count: Int
    /// The cells as doubles; nil while the block is narrow.
    private var wide: UnsafeMutablePointer<Double>?
    /// A narrow block's cells, 0 or 1 a byte; nil while it is wide.
    private(set) var bytes: UnsafeMutablePointer<UInt8>?
    /// Whether the memory is this storage's own (false for a view of another's, see `init(viewing:count:)`).
    private let ownsNumbers: Bool
    /// Whether `wide` is a mapping of its own (`BlockMemory`).
    private var wideIsMapped = false

    /// The cells as doubles, in memory that stays put until the block is narrowed again (only a
    /// block computed whole is, before anyone reads it). A narrow block is widened first, for
    /// good: the caller must be the only one using the block (never a run computed beside
    /// others, which reads through `number(_:)`, `withNumbers` or `bytes`).
    var numbers: UnsafeMutablePointer<Double> {
        if let wide { return wide }
        return widen()
    }

    /// Whether the block is stored one byte a cell.
    var isNarrow: Bool { bytes != nil }

    /// Cell i's number slot (a number, a truth value's 0 or 1, an error's code), read without
    /// widening a narrow block.
    @inline(__always)
    func number(_ i: Int) -> Double {
        if let wide { return wide[i] }
        return Double(bytes.unsafelyUnwrapped[i])
    }
    /// Each cell's kind, once the cells are of more than one kind.
    private(set) var kinds: UnsafeMutablePointer<Kind>?
    /// The kind of every cell while `kinds` is nil: numbers, or (for a run of comparisons) booleans.
    private(set) var uniformKind: Kind = .number
    /// The texts of the cells of kind `text`, by cell; written only through `setText`, which
    /// counts what they take (`TextMemory`).
    private(set) var texts: [Int: String] = [:]
    /// What `texts` takes, its table and its texts, as counted in `TextMemory`.
    private(set) var textBytes = 0

    /// Storage of `count` cells, all 0 — or, for scratch space that is written before it is
    /// read, left as the allocator gives it. Zeroed cells come from `calloc` or a mapping of
    /// their own (`BlockMemory`): memory fresh from the system is zero already, so a block's
    /// pages are not written twice, zeros and then values (24 MB of blocks at a cold start of
    /// 100,000 employees).
    init(count: Int, zeroed: Bool = true) {
        self.count = count
        let block = BlockMemory.allocate(max(count, 1), zeroed: zeroed)
        wide = block.cells
        wideIsMapped = block.mapped
        ownsNumbers = true
    }

    /// A narrow block of `count` cells, its bytes to be written by the runs computing it
    /// (`Evaluation.computeNarrow`), which then say their kind (`setUniform`).
    init(narrowCount count: Int) {
        self.count = count
        guard let raw = malloc(max(count, 1)) else { fatalError("out of memory for \(count) cells") }
        bytes = raw.bindMemory(to: UInt8.self, capacity: max(count, 1))
        ownsNumbers = true
    }

    /// `count` cells of another storage's numbers from `base`, with kinds and texts of their
    /// own: one thread's run of a block computed on several, whose numbers go straight into
    /// place while its kinds wait for `adopt` (`ParallelRuns`). The other storage must outlive it.
    init(viewing base: UnsafeMutablePointer<Double>, count: Int) {
        self.count = count
        wide = base
        ownsNumbers = false
    }

    deinit {
        if ownsNumbers {
            BlockMemory.release(wide, count: max(count, 1), mapped: wideIsMapped)
            free(bytes)
        }
        kinds?.deallocate()
        TextMemory.add(-textBytes)
    }

    /// Stores (or, with nil, drops) the text of cell `i`, counting what it takes; a text that
    /// grows the table is weighed before the table is made, which takes twice the old one's slots
    /// while the old one is still held.
    @inline(__always)
    func setText(_ text: String?, at i: Int) {
        let capacity = texts.capacity
        if text != nil, texts.count == capacity, texts[i] == nil { TextMemory.willTake(TextMemory.tableBytes(capacity: capacity + 1)) }
        let old = text == nil ? texts.removeValue(forKey: i) : texts.updateValue(text!, forKey: i)
        var change = TextMemory.size(text) - TextMemory.size(old)
        if texts.capacity != capacity { change += TextMemory.tableBytes(capacity: texts.capacity) - TextMemory.tableBytes(capacity: capacity) }
        textBytes += change
        TextMemory.add(change)
    }

    /// Takes the kinds and texts of `view`, a view of cells `offset ..< offset + view.count` of
    /// this storage whose numbers were written in place. A view of plain numbers changes nothing
    /// in a block of plain numbers, nor in one with kinds: kinds are only ever made for a block
    /// of numbers (a block is computed from `setUniform(.number)`), so its cells start as numbers.
    func adopt(_ view: CellStorage, at offset: Int) {
        if view.kinds == nil && view.uniformKind == .number { return }
        let k = makeKinds()
        if let viewKinds = view.kinds {
            (k + offset).update(from: viewKinds, count: view.count)
        } else {
            (k + offset).update(repeating: view.uniformKind, count: view.count)
        }
        for (i, text) in view.texts { setText(text, at: offset + i) }
    }

    /// Whether every cell holds a plain number, so kernels may take their fast path.
    var isAllNumbers: Bool { kinds == nil && uniformKind == .number }

    /// Whether every cell holds a number or a boolean, as conditions read them.
    var isAllNumbersOrBools: Bool { kinds == nil }

    /// Adds kinds to a block of numbers, before its first cell of another kind is written.
    func makeKinds() -> UnsafeMutablePointer<Kind> {
        if let kinds { return kinds }
        if bytes != nil { _ = widen() }   // a narrow block has no kinds
        let k = UnsafeMutablePointer<Kind>.allocate(capacity: max(count, 1))
        k.initialize(repeating: uniformKind, count: max(count, 1))
        kinds = k
        uniformKind = .number
        return k
    }

    /// Marks every cell as one kind (numbers or booleans) when all of them are being written.
    func setUniform(_ kind: Kind) {
        if let k = kinds {
            k.deallocate()
            kinds = nil
            if textBytes != 0 || !texts.isEmpty {
                TextMemory.add(-textBytes)
                textBytes = 0
                texts = [:]
            }
        }
        uniformKind = kind
    }

    subscript(i: Int) -> Value {
        get {
            guard let kinds else { return uniformKind == .bool ? .bool(number(i) != 0) : .number(number(i)) }
            return kinds[i].value(number: numbers[i], text: texts[i])
        }
        set {
            // A text replaced by another kind of value goes, and its bytes with it.
            if let kinds, kinds[i] == .text, !Self.isText(newValue) { setText(nil, at: i) }
            if let bytes, Self.fitsNarrow(newValue, uniformKind) {   // a narrow block stays narrow for a 0 or 1 of its kind
                bytes[i] = newValue == .number(0) || newValue == .bool(false) ? 0 : 1
                return
            }
            switch newValue {
            case .number(let x):
                if kinds == nil && uniformKind != .number { _ = makeKinds() }
                numbers[i] = x
                kinds?[i] = .number
            case .bool(let b):
                if kinds != nil || uniformKind != .bool { makeKinds()[i] = .bool }
                numbers[i] = b ? 1 : 0
            case .text(let s):
                makeKinds()[i] = .text
                numbers[i] = 0
                setText(s, at: i)
            case .blank:
                makeKinds()[i] = .blank
                numbers[i] = 0
            case .error(let e):
                makeKinds()[i] = .error
                numbers[i] = Double(e.rawValue)
            }
        }
    }

    /// Whether a narrow block of `kind` can hold `v` as a byte: +0.0 or 1.0 in a block of
    /// numbers, a truth value in a block of them.
    @inline(__always)
    private static func fitsNarrow(_ v: Value, _ kind: Kind) -> Bool {
        switch v {
        case .number(let x): kind == .number && (x.bitPattern == 0 || x == 1)
        case .bool: kind == .bool
        default: false
        }
    }

    @inline(__always)
    private static func isText(_ v: Value) -> Bool {
        if case .text = v { true } else { false }
    }

    /// Copies `n` cells from `source` (starting at `from`) to this storage at `to`.
    func copy(_ n: Int, from source: CellStorage, at from: Int, to: Int) {
        if let sourceBytes = source.bytes {
            if n == count && to == 0 && ownsNumbers {   // a whole narrow block stays narrow
                let b = malloc(max(count, 1))!.bindMemory(to: UInt8.self, capacity: max(count, 1))
                b.update(from: sourceBytes + from, count: n)
                BlockMemory.release(wide, count: max(count, 1), mapped: wideIsMapped)
                free(bytes)
                wide = nil
                bytes = b
                setUniform(source.uniformKind)
                return
            }
            TruthBytes.widen(sourceBytes + from, n, into: numbers + to)
        } else {
            (numbers + to).update(from: source.numbers + from, count: n)
        }
        if let sourceKinds = source.kinds {
            (makeKinds() + to).update(from: sourceKinds + from, count: n)
            for i in 0..<n where sourceKinds[from + i] == .text { setText(source.texts[from + i], at: to + i) }
        } else if n == count && to == 0 {
            setUniform(source.uniformKind)
        } else if kinds != nil || uniformKind != source.uniformKind {
            (makeKinds() + to).update(repeating: source.uniformKind, count: n)
        }
    }

    /// Stores the block one byte a cell when every cell is a plain number or truth value that is
    /// +0.0 or 1.0 bit for bit, and frees its doubles; whether it did. Only a block this storage
    /// owns, just computed whole, before anything holds a pointer to its doubles.
    @discardableResult
    func narrow() -> Bool {
        guard let wide, ownsNumbers, kinds == nil, count > 0, let b = TruthBytes.narrowed(wide, count) else { return false }
        BlockMemory.release(wide, count: count, mapped: wideIsMapped)
        self.wide = nil
        bytes = b
        return true
    }

    /// The doubles of a narrow block, made from its bytes, which are freed.
    private func widen() -> UnsafeMutablePointer<Double> {
        let b = bytes.unsafelyUnwrapped
        let (w, mapped) = BlockMemory.allocate(max(count, 1), zeroed: false)
        wideIsMapped = mapped
        TruthBytes.widen(b, count, into: w)
        free(b)
        bytes = nil
        wide = w
        return w
    }

    /// Calls `body` with cells `offset ..< offset + n` as doubles without widening the block: its
    /// own doubles, or for a narrow block a copy made for the call.
    func withNumbers<R>(_ offset: Int, _ n: Int, _ body: (UnsafePointer<Double>) throws -> R) rethrows -> R {
        if let wide { return try body(wide + offset) }
        return try withUnsafeTemporaryAllocation(of: Double.self, capacity: max(n, 1)) { t in
            TruthBytes.widen(bytes.unsafelyUnwrapped + offset, n, into: t.baseAddress!)
            return try body(t.baseAddress!)
        }
    }

    /// Drops the kinds when every cell turned out to be of one kind, number or boolean.
    func compact() {
        guard let k = kinds, count > 0 else { return }
        let first = k[0]
        guard first == .number || first == .bool else { return }
        for i in 0..<count where k[i] != first { return }
        setUniform(first)
    }
}
