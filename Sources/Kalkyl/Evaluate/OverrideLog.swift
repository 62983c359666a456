/// The `--set` assignments made on an evaluation, in the order they were made, so that an input
/// computed again whole applies them (the last one that covers a cell wins) and explain names them.
///
/// Kept in chunks of a fixed capacity, reserved when a chunk is started: recording one more
/// assignment, once per edit, never moves those before it. An array that doubles moves its
/// whole buffer now and then, and a salary edit paid for that: about 300 instructions an edit
/// over 200 edits, most of its bookkeeping.
struct OverrideLog {
    private var chunks: [[InputAssignment]] = []
    /// Assignments per chunk.
    static let chunk = 64

    init() {}

    init(_ assignments: [InputAssignment]) {
        for a in assignments { append(a) }
    }

    mutating func append(_ a: InputAssignment) {
        if chunks.isEmpty || chunks[chunks.count - 1].count == Self.chunk {
            var next: [InputAssignment] = []
            next.reserveCapacity(Self.chunk)
            chunks.append(next)
        }
        chunks[chunks.count - 1].append(a)
    }

    mutating func append(contentsOf assignments: [InputAssignment]) {
        for a in assignments { append(a) }
    }

    var isEmpty: Bool { chunks.isEmpty }

    /// Every assignment, in the order made.
    var all: [InputAssignment] { chunks.flatMap { $0 } }

    /// The assignments to one input, in the order made.
    func assignments(to slot: Int) -> [InputAssignment] {
        var out: [InputAssignment] = []
        for chunk in chunks {
            for a in chunk where a.slot == slot { out.append(a) }
        }
        return out
    }
}
