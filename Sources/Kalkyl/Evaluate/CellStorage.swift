/// The kind of a cell's value, kept beside its number when a block holds more than numbers.
enum Kind: UInt8 {
    case number = 0, bool, text, blank, error
}

/// Cells in memory that never moves: a number per cell, and a kind per cell only once a
/// cell holds something other than a number. Kernels read and write the buffers directly,
/// so a loop over 100,000 members pays no bounds, exclusivity or reference-counting checks.
///
/// A boolean is stored as 0 or 1 with kind `bool`, an error as its `ExcelError` raw value
/// with kind `error`; text lives in `texts`, keyed by cell.
final class CellStorage: @unchecked Sendable {
    let count: Int
    let numbers: UnsafeMutablePointer<Double>
    private(set) var kinds: UnsafeMutablePointer<Kind>?
    var texts: [Int: String] = [:]

    init(count: Int) {
        self.count = count
        numbers = .allocate(capacity: max(count, 1))
        numbers.initialize(repeating: 0, count: max(count, 1))
    }

    deinit {
        numbers.deallocate()
        kinds?.deallocate()
    }

    /// Whether every cell holds a plain number, so kernels may take their fast path.
    var isAllNumbers: Bool { kinds == nil }

    /// Adds kinds to a block of numbers, before its first cell of another kind is written.
    func makeKinds() -> UnsafeMutablePointer<Kind> {
        if let kinds { return kinds }
        let k = UnsafeMutablePointer<Kind>.allocate(capacity: max(count, 1))
        k.initialize(repeating: .number, count: max(count, 1))
        kinds = k
        return k
    }

    subscript(i: Int) -> Value {
        get {
            guard let kinds else { return .number(numbers[i]) }
            switch kinds[i] {
            case .number: return .number(numbers[i])
            case .bool: return .bool(numbers[i] != 0)
            case .text: return .text(texts[i] ?? "")
            case .blank: return .blank
            case .error: return .error(ExcelError(rawValue: Int(numbers[i])) ?? .value)
            }
        }
        set {
            switch newValue {
            case .number(let x):
                numbers[i] = x
                kinds?[i] = .number
                if kinds != nil { texts[i] = nil }
            case .bool(let b):
                makeKinds()[i] = .bool
                numbers[i] = b ? 1 : 0
            case .text(let s):
                makeKinds()[i] = .text
                numbers[i] = 0
                texts[i] = s
            case .blank:
                makeKinds()[i] = .blank
                numbers[i] = 0
            case .error(let e):
                makeKinds()[i] = .error
                numbers[i] = Double(e.rawValue)
            }
        }
    }

    /// Copies `n` cells from `source` (starting at `from`) to this storage at `to`.
    func copy(_ n: Int, from source: CellStorage, at from: Int, to: Int) {
        (numbers + to).update(from: source.numbers + from, count: n)
        if let sourceKinds = source.kinds {
            (makeKinds() + to).update(from: sourceKinds + from, count: n)
            for i in 0..<n where sourceKinds[from + i] == .text { texts[to + i] = source.texts[from + i] }
        } else if let kinds {
            (kinds + to).update(repeating: .number, count: n)
        }
    }

    /// Drops the kinds when every cell turned out to be a number again.
    func compact() {
        guard let k = kinds else { return }
        for i in 0..<count where k[i] != .number { return }
        k.deallocate()
        kinds = nil
        texts = [:]
    }
}
