/// An input's cells as read from its data file, held as a block holds cells (`CellStorage`):
/// a number per cell, and a kind per cell only when some cell is not a number (a blank, a
/// text, a truth value, an error). 8 bytes a cell where a `[Value]` took 24: at 100,000
/// employees the three columns of the personnel model keep 2.4 MB instead of 7.2 MB.
///
/// Read as a collection of `Value`s, each the value it was made from, bit for bit.
public struct DataCells: RandomAccessCollection, Sendable {
    /// Each cell's number: the number, a truth value as 0 or 1, an error's code, 0 for text and blanks.
    private(set) var numbers: [Double]
    /// Each cell's kind; nil when every cell is a number.
    private(set) var kinds: [Kind]?
    private(set) var texts: [Int: String] = [:]

    init(_ values: [Value]) {
        numbers = [Double](repeating: 0, count: values.count)
        for (i, value) in values.enumerated() {
            let kind: Kind
            switch value {
            case .number(let x):
                numbers[i] = x
                kind = .number
            case .bool(let b):
                numbers[i] = b ? 1 : 0
                kind = .bool
            case .text(let s):
                texts[i] = s
                kind = .text
            case .blank:
                kind = .blank
            case .error(let e):
                numbers[i] = Double(e.rawValue)
                kind = .error
            }
            if kind != .number {
                if kinds == nil { kinds = [Kind](repeating: .number, count: values.count) }
                kinds![i] = kind
            }
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { numbers.count }

    public subscript(i: Int) -> Value {
        guard let kinds else { return .number(numbers[i]) }
        return kinds[i].value(number: numbers[i], text: texts[i])
    }

    /// The cells in a block of `count` cells: as setting each cell that is not the number 0
    /// in a block of zeros would leave them (so a -0 reads as 0), the block's kinds dropped
    /// when all are numbers or all truth values (`CellStorage.compact`).
    func block(count: Int) -> CellStorage {
        let block = CellStorage(count: count)
        let n = Swift.min(count, numbers.count)
        numbers.withUnsafeBufferPointer { numbers in
            if let kinds {
                for i in 0..<n {
                    if kinds[i] == .number {
                        if numbers[i] != 0 { block[i] = .number(numbers[i]) }
                    } else {
                        block[i] = self[i]
                    }
                }
            } else {
                let o = block.numbers   // once: a class's field is read again on every write through a pointer
                for i in 0..<n where numbers[i] != 0 { o[i] = numbers[i] }
            }
        }
        block.compact()
        return block
    }

    /// The cells of periods `periods`, `memberCount` cells a period.
    func periods(_ periods: ClosedRange<Int>, memberCount: Int) -> DataCells {
        DataCells(Array(self[(periods.lowerBound * memberCount)..<((periods.upperBound + 1) * memberCount)]))
    }
}
