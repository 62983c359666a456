/// An input read from data, written into its block at each full evaluation.
extension DataCells {
    /// Writes these cells into `storage`, which gets the same numbers, kinds and texts as a
    /// copy of `block(count: storage.count)` would give it: every cell after the data's 0, a
    /// -0 as 0. When every cell is a number (a column of salaries) the numbers go straight in,
    /// in one pass that the compiler vectorises, with no block of zeros made, filled and copied
    /// again: at 100,000 employees the personnel model's three columns took 9.5 M of the
    /// 50.6 M instructions of an evaluation that way. Cells of other kinds are then written in
    /// place, not through a block of their own copied in (which took 9 bytes a cell and a second
    /// dictionary of the texts at the peak: 5 MB and 36 MB for a staff file of 600,000 names).
    func write(into storage: CellStorage) {
        storage.setUniform(.number)
        let x = storage.numbers
        let n = Swift.min(storage.count, numbers.count)
        numbers.withUnsafeBufferPointer { source in
            guard let s = source.baseAddress else { return }
            for i in 0..<n {
                let v = s[i]
                x[i] = v == 0 ? 0 : v
            }
        }
        if n < storage.count { (x + n).update(repeating: 0, count: storage.count - n) }
        guard let kinds else { return }
        for i in 0..<n where kinds[i] != .number { storage[i] = self[i] }
        storage.compact()
    }
}
