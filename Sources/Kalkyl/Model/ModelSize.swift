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

    /// What a cell read from a data file takes at the peak of checking: the read's value, the
    /// cell kept as a number and a kind, its place in the file, and its evaluation's share.
    /// Measured: 47 bytes a cell for a `wide` input (`kalkyl check` peaks at 695 MB for 14.4
    /// million cells, 242 MB for 4.8 million).
    static let bytesPerDataCell = 48

    /// The same for a staff file's `column`, whose places are one a member, not one a cell:
    /// 32 bytes (31.8 measured: a column over 6 million cells peaks at 201 MB, its read's
    /// values held beside the cells made of them; each further column of a 2-million-row file
    /// adds 11.7 bytes a cell; docs/reliability.md, "Memory kept bounded").
    static let bytesPerColumnCell = 32

    /// What one of the definition's cells takes at the peak: read from a data file, or computed.
    static func bytesPerCell(of definition: Definition) -> Int {
        switch definition.source {
        case nil: bytesPerCell
        case .column?: bytesPerColumnCell
        case _?: bytesPerDataCell
        }
    }

    /// The error for a model whose definitions hold more than `cellLimit` cells in all, or whose
    /// cells would take more than the memory kalkyl may use (a cell read from a data file at
    /// `bytesPerCell(of:)`, any other at `bytesPerCell`), at the largest of them; nil when it fits.
    ///
    /// The cells are weighed against what is `left` of the memory once the model and the files
    /// read so far (its dimensions') are held, which is measured only when some cell is read
    /// from a data file: a model of computed cells only is limited by its count alone. The cells
    /// read from files are made while those files' texts are held, and must fit in what is left;
    /// the computed ones are made once checking has dropped the texts (`DataTextsDropped`), so all
    /// of them together may take what is left and the `dropped` bytes of text too.
    static func problem(_ definitions: [(Definition, NameShape)], dimensions: [Dimension], periods: Int, file: SourceFile, dropped: Int = 0,
                        memory: Int = MachineMemory.available, left: () -> Int = MachineMemory.left) -> Diagnostic? {
        let cellLimit = min(fixedLimit, memory / bytesPerCell)
        var total = 0, bytes = 0, read = 0
        var largest: (bytes: Int, index: Int)?
        func add(_ taken: Int, to sum: inout Int) { sum = sum > Int.max - taken ? Int.max : sum + taken }
        for (k, (definition, shape)) in definitions.enumerated() {
            let cells = count(shape, dimensions: dimensions, periods: periods, limit: cellLimit)
            total = total > cellLimit || cells > cellLimit ? cellLimit + 1 : total + cells
            let (product, overflow) = cells.multipliedReportingOverflow(by: bytesPerCell(of: definition))
            let taken = overflow ? Int.max : product
            add(taken, to: &bytes)
            if definition.source != nil { add(taken, to: &read) }
            if taken > largest?.bytes ?? -1 { largest = (taken, k) }
        }
        let readsData = definitions.contains { $0.0.source != nil }
        let room = readsData && total <= cellLimit ? min(memory, left()) : memory
        let roomOnceDropped = readsData ? min(memory, room + dropped) : memory
        guard total > cellLimit || read > room || bytes > roomOnceDropped, let largest else { return nil }
        let (definition, shape) = definitions[largest.index]
        let (exact, factors) = sizes(shape, dimensions: dimensions, periods: periods)
        guard total <= cellLimit else {
            let limit = cellLimit < fixedLimit
                ? "\(grouped(Double(cellLimit))) cells, what the \(DiskSources.mebibytes(memory)) MiB kalkyl may use here holds"
                : "\(grouped(Double(cellLimit))) cells"
            return tooLarge("it holds more than \(limit), and '\(definition.name)' alone has \(grouped(exact)) (\(factors))", definition, file: file,
                            hint: "each cell takes up to \(bytesPerCell) bytes of memory")
        }
        // Within the cell limit, but the cells take more than the memory.
        let (taken, against) = read > room ? (read, room) : (bytes, roomOnceDropped)
        let freed = against > room ? " once the data files' \(DiskSources.mebibytes(dropped)) MiB of text are freed" : ""
        return tooLarge("its cells would take about \(DiskSources.mebibytes(taken)) MiB, \(moreThan(against, of: memory))\(freed), "
                        + "and '\(definition.name)' alone has \(grouped(exact)) (\(factors))\(definition.source == nil ? "" : ", read from a data file")",
                        definition, file: file, hint: dataCellsHint + ", any other \(bytesPerCell)")
    }

    /// What a computed cell takes while the model is evaluated: its double (8 bytes) and its
    /// kind (1), which a block gets once one of its cells is not a number (one error is enough);
    /// a block of truth values stored one byte a cell makes that byte while its doubles are still
    /// held. `bytesPerCell` (16) is what the whole process takes a cell at the peak, which limits
    /// a model by its count; this is what the evaluation's blocks take, weighed against what is
    /// measured to be left. Texts are weighed as they are made (`TextMemory`).
    static let bytesPerComputedCell = 9

    /// A SUM over a block keeps three doubles for each 64 of its cells: the leaf sums the block's
    /// runs write as it is computed (`FusedLeaves`) and the tree's nodes over them, about two a
    /// leaf (`SumTree`).
    static func sumTreeBytes(_ cells: Int) -> Int { (cells + 63) / 64 * 24 }

    /// An input read from a data file as the evaluation copies it into a block of its own: its
    /// cells, whether they are of more than one kind (then a byte a cell more), and its texts.
    struct InputCopy {
        let cells: Int, kinds: Bool, texts: Int

        init(cells: Int, kinds: Bool = false, texts: Int = 0) {
            self.cells = cells
            self.kinds = kinds
            self.texts = texts
        }
    }

    /// The error for a model whose evaluation would take more than is left once every input is
    /// read and the data files' `dropped` bytes of text are freed, measured then: what the
    /// inputs' cells took is known, not estimated. Nil when they fit, or when no cell is read
    /// from a data file (then `problem`, by their count, is the measure).
    ///
    /// The evaluation makes a block for every definition when it starts: each computed cell at
    /// `bytesPerComputedCell` and a SUM's share (`sumTreeBytes`), and each input's cells copied
    /// from the checked model into a block of their own (`InputCopy`), whose texts are a
    /// dictionary by cell (`textTableBytes`). All of it must fit in what is `left`, and the
    /// pieces the heap's free memory cannot hold in what is not in use (`EvaluationWeight`).
    /// A text cell of a staff file's column takes about 160 bytes with its text, not the 32
    /// weighed before it was read: with two such columns of 2,000,000 people, the 24,000,000
    /// cells of `cost[employee, month]` were let through and stopped kalkyl (SIGABRT, "out of
    /// memory for 24000000 cells") under `ulimit -v` of 915,000 to 1,200,000; with 2,000,000
    /// names the dictionary grows to 101 MB, and two such inputs stopped kalkyl under `ulimit -v
    /// 1200000`. Until session 19 a computed cell was weighed at 16 bytes, which refused the
    /// catalogue's staff file of 600,000 people where it fits.
    static func computedCellsProblem(_ definitions: [(Definition, NameShape)], dimensions: [Dimension], periods: Int, file: SourceFile,
                                     dropped: Int, inputs: [InputCopy] = [], memory: Int = MachineMemory.available,
                                     left: () -> Int = MachineMemory.left, leftForOneBlock: () -> Int = MachineMemory.leftForOneBlock,
                                     heapGrowth: Int = MachineMemory.limitIsAddressSpace ? MachineMemory.heapGrowth : 0,
                                     mapsLargeBlocks: Bool = BlockMemory.mapsLargeBlocks) -> Diagnostic? {
        guard definitions.contains(where: { $0.0.source != nil }) else { return nil }
        var weight = EvaluationWeight(mapsLargeBlocks: mapsLargeBlocks)
        var largest: (cells: Int, index: Int)?
        for (k, (definition, shape)) in definitions.enumerated() where definition.source == nil {
            // At most the cell limit each (`problem` refused more), so no sum overflows.
            let cells = count(shape, dimensions: dimensions, periods: periods)
            weight.block(cells: cells, kinds: true)
            if cells > largest?.cells ?? -1 { largest = (cells, k) }
        }
        let computed = weight.bytes
        for input in inputs {
            weight.block(cells: input.cells, kinds: input.kinds)
            weight.texts(input.texts)
        }
        let room = min(memory, left() + dropped)
        let unmappedRoom = min(memory, leftForOneBlock() + dropped)
        let unmapped = weight.unmapped(heapGrowth: heapGrowth)
        guard weight.bytes > room || unmapped > unmappedRoom, let largest else { return nil }
        let (definition, shape) = definitions[largest.index]
        let (exact, factors) = sizes(shape, dimensions: dimensions, periods: periods)
        let cells = inputs.reduce(0) { $0 + $1.cells }, texts = inputs.reduce(0) { $0 + $1.texts }
        let copied = inputs.isEmpty ? ""
            : " and the copies of its inputs' \(grouped(Double(cells))) cells\(texts == 0 ? "" : " (\(grouped(Double(texts))) of them texts)") "
            + "\(DiskSources.mebibytes(weight.bytes - computed)) MiB"
        let more = weight.bytes > room ? moreThan(room, of: memory)
            : "of which \(DiskSources.mebibytes(weight.mapped)) MiB in blocks of their own and \(DiskSources.mebibytes(weight.largestHeapPiece)) MiB "
            + "at once from the heap, which grows \(DiskSources.mebibytes(heapGrowth)) MiB beyond it, more than the \(DiskSources.mebibytes(unmappedRoom)) MiB "
            + "not in use of the \(DiskSources.mebibytes(memory)) MiB kalkyl may use here"
        return tooLarge("its computed cells would take about \(DiskSources.mebibytes(computed)) MiB\(copied), \(more) once its inputs are "
                        + "read and the data files' \(DiskSources.mebibytes(dropped)) MiB of text are freed, and '\(definition.name)' alone has "
                        + "\(grouped(exact)) (\(factors))", definition, file: file,
                        hint: "a computed cell takes \(bytesPerComputedCell) bytes of memory, its number and its kind")
    }

    /// What a block's dictionary of `count` texts takes at the peak of its last growth: a slot of
    /// 24 bytes (the cell's index and the text) for each of a power of two at most three quarters
    /// full, and the half as many of the table it grew from.
    static func textTableBytes(_ count: Int) -> Int {
        guard count > 0 else { return 0 }
        var slots = 1
        while slots * 3 < count * 4 { slots *= 2 }
        return slots * 24 * 3 / 2
    }

    /// A definition's cell count, as a number to print, and its factors (`2,000 a × 12 periods`).
    private static func sizes(_ shape: NameShape, dimensions: [Dimension], periods: Int) -> (exact: Double, factors: String) {
        let sizes = shape.dimensions.map { dimensions[$0].members.count } + (shape.isSeries ? [periods] : [])
        let names = shape.dimensions.map { dimensions[$0].name } + (shape.isSeries ? ["periods"] : [])
        let exact = sizes.reduce(1.0) { $0 * Double(max($1, 1)) }
        return (exact, zip(sizes, names).map { "\(grouped(Double($0))) \($1)" }.joined(separator: " × "))
    }

    /// The error for an input whose cells, read from a data file, would take more than is left
    /// of the memory now (after the files and inputs read before it); nil when they fit. The
    /// model as a whole was weighed before any input was read (`problem`): this is the same
    /// measure taken again just before the cells are made, once earlier reads have taken their share.
    static func dataCellsProblem(_ definition: Definition, cells: Int, file: SourceFile,
                                 memory: Int = MachineMemory.available, left: () -> Int = MachineMemory.left) -> Diagnostic? {
        let (bytes, overflow) = cells.multipliedReportingOverflow(by: bytesPerCell(of: definition))
        let room = left()
        guard overflow || bytes > room else { return nil }
        return tooLarge("the \(grouped(Double(cells))) cells of '\(definition.name)', read from a data file, would take about "
                        + "\(DiskSources.mebibytes(overflow ? Int.max : bytes)) MiB, \(moreThan(room, of: memory))", definition, file: file, hint: dataCellsHint)
    }

    /// The one error both make, at the definition: the model is too large to compute, and why.
    private static func tooLarge(_ why: String, _ definition: Definition, file: SourceFile, hint: String) -> Diagnostic {
        .error("the model is too large to compute: \(why)", at: SourceLocation(file: file, range: definition.targetRange ?? definition.nameRange),
               hint: "\(hint); use fewer members or periods, or split the model", code: .modelTooLarge)
    }

    /// `more than the 84 MiB left of the 196 MiB kalkyl may use here`.
    private static func moreThan(_ room: Int, of memory: Int) -> String {
        "more than the \(DiskSources.mebibytes(room)) MiB left of the \(DiskSources.mebibytes(memory)) MiB kalkyl may use here"
    }

    private static let dataCellsHint = "a cell read from a data file takes up to \(bytesPerDataCell) bytes of memory while it is read "
        + "(\(bytesPerColumnCell) from a staff file's column)"

    /// Members × periods of a definition, or more than the limit when the product overflows.
    static func count(_ shape: NameShape, dimensions: [Dimension], periods: Int, limit: Int = cellLimit) -> Int {
        var cells = shape.isSeries ? max(periods, 1) : 1
        for d in shape.dimensions {
            let (product, overflow) = cells.multipliedReportingOverflow(by: max(dimensions[d].members.count, 1))
            if overflow || product > limit { return limit + 1 }
            cells = product
        }
        return cells
    }

    /// `96,000,000,000`: the way people read large counts; `-1,234` with its sign outside the
    /// groups (it printed `-,220`), and no sign on what rounds to 0.
    static func grouped(_ n: Double) -> String {
        let digits = Array(String(format: "%.0f", n.magnitude))
        var out = n < 0 && digits != ["0"] ? "-" : ""
        for (k, c) in digits.enumerated() {
            if k > 0, (digits.count - k) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}

extension CheckedDefinition {
    /// An input's cells as the evaluation copies them (`ModelSize.InputCopy`); nil for a formula.
    var evaluationCopy: ModelSize.InputCopy? {
        data.map { ModelSize.InputCopy(cells: $0.count, kinds: $0.kinds != nil, texts: $0.texts.count) }
    }
}
