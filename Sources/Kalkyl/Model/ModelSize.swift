import Foundation

/// How many cells a model may hold, checked before any is allocated.
///
/// Every definition is one block of members × periods (`CheckedModel.cellCount(of:)`), held in
/// memory while the model is evaluated; the personnel benchmark peaks at about 31 bytes per
/// cell (docs/performance.md). Three dimensions of 2,000 members over twelve months are 96
/// billion cells, three terabytes: without this check the allocation traps. With it, the model
/// is an error at its largest definition, with the sizes that make it up.
enum ModelSize {
    /// 200 million cells (about 6 GB), or as many as the memory kalkyl may use holds at
    /// `bytesPerCell` where that is fewer (a smaller machine, a container's limit, `ulimit -v`),
    /// so that a model that would not fit is an error before any cell is made, not a process
    /// the system kills.
    static let cellLimit = min(fixedLimit, MachineMemory.available / bytesPerCell)
    static let fixedLimit = 200_000_000
    /// What a cell may take at the peak: the personnel benchmark's is 13–15 bytes (10 at a
    /// million employees, 23 while `watch` or the benchmark updates it). A model of plain cells
    /// takes 10: under 977 MiB, 72 million of them computed in 727 MB, and 96 million stopped
    /// the process for want of memory before this limit.
    static let bytesPerCell = 16

    /// The error for a model whose definitions hold more than `cellLimit` cells in all, at the
    /// largest of them; nil when it fits.
    static func problem(_ definitions: [(Definition, NameShape)], dimensions: [Dimension], periods: Int, file: SourceFile) -> Diagnostic? {
        var total = 0
        var largest: (cells: Int, index: Int)?
        for (k, (_, shape)) in definitions.enumerated() {
            let cells = count(shape, dimensions: dimensions, periods: periods)
            total = total > cellLimit || cells > cellLimit ? cellLimit + 1 : total + cells
            if cells > largest?.cells ?? -1 { largest = (cells, k) }
        }
        guard total > cellLimit, let largest else { return nil }
        let (definition, shape) = definitions[largest.index]
        let sizes = shape.dimensions.map { dimensions[$0].members.count } + (shape.isSeries ? [periods] : [])
        let names = shape.dimensions.map { dimensions[$0].name } + (shape.isSeries ? ["periods"] : [])
        let exact = sizes.reduce(1.0) { $0 * Double(max($1, 1)) }
        let factors = zip(sizes, names).map { "\(grouped(Double($0))) \($1)" }.joined(separator: " × ")
        let limit = cellLimit < fixedLimit
            ? "\(grouped(Double(cellLimit))) cells, what the \(DiskSources.mebibytes(MachineMemory.available)) MiB kalkyl may use here holds"
            : "\(grouped(Double(cellLimit))) cells"
        return .error("the model is too large to compute: it holds more than \(limit), and '\(definition.name)' alone has \(grouped(exact)) (\(factors))",
                      at: SourceLocation(file: file, range: definition.targetRange ?? definition.nameRange),
                      hint: "each cell takes up to \(bytesPerCell) bytes of memory; use fewer members or periods, or split the model", code: .modelTooLarge)
    }

    /// Members × periods of a definition, or more than the limit when the product overflows.
    static func count(_ shape: NameShape, dimensions: [Dimension], periods: Int) -> Int {
        var cells = shape.isSeries ? max(periods, 1) : 1
        for d in shape.dimensions {
            let (product, overflow) = cells.multipliedReportingOverflow(by: max(dimensions[d].members.count, 1))
            if overflow || product > cellLimit { return cellLimit + 1 }
            cells = product
        }
        return cells
    }

    /// `96,000,000,000`: the way people read large counts.
    static func grouped(_ n: Double) -> String {
        let digits = Array(String(format: "%.0f", n))
        var out = ""
        for (k, c) in digits.enumerated() {
            if k > 0, (digits.count - k) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}
