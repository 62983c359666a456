/// The `--set` assignments made on an evaluation, in the order they were made, so that an input
/// computed again whole applies them (the last one that covers a cell wins) and explain names them.
///
/// Kept in chunks of under 1 KB, reserved when a chunk is started: recording one more
/// assignment, once per edit, never moves those before it. An array that doubles moves its
/// whole buffer now and then, and a salary edit paid for that: about 300 instructions an edit
/// over 200 edits. A chunk stays under 1 KB because glibc serves such a request from its small
/// bins, while a larger one first consolidates its fast bins (`malloc_consolidate`, about 11,000
/// instructions a chunk here, measured with callgrind).
///
/// The assignment an edit through a plan makes (a plain number into one member of an input,
/// `salary[e7919]=41000`) is kept as plain values (`NumberSet`): copying an `InputAssignment`
/// retains its arrays (a dozen retains an edit), and its record is made whole again only when
/// the log is read.
struct OverrideLog {
    /// One assignment as recorded.
    enum Entry {
        indirect case whole(InputAssignment)
        case number(NumberSet)
    }

    /// An assignment of a plain number to one member of an input (given by at most two
    /// dimensions), in some or all periods, with no data: all it holds, with one reference
    /// (its place, the `--set` text's file).
    struct NumberSet {
        let slot: Int
        let dimensions: Int
        let member0: Int
        let member1: Int
        let periods: ClosedRange<Int>?
        let x: Double
        let location: SourceLocation?

        /// `*a` with the number `x` as its formula, when it fits.
        init?(_ a: UnsafePointer<InputAssignment>, _ x: Double) {
            guard case .none = a.pointee.data, case .none = a.pointee.dataOrigins else { return nil }
            let n = a.pointee.members.count
            guard n <= 2, let m0 = n > 0 ? a.pointee.members[0] : 0, let m1 = n > 1 ? a.pointee.members[1] : 0 else { return nil }
            (slot, dimensions, member0, member1, periods, self.x) = (a.pointee.slot, n, m0, m1, a.pointee.periods, x)
            location = a.pointee.location
        }

        /// The assignment it records, as it was made.
        var assignment: InputAssignment {
            let members: [Int?] = dimensions == 0 ? [] : dimensions == 1 ? [member0] : [member0, member1]
            return InputAssignment(slot: slot, periods: periods, members: members, formula: [.constant(.number(x))], location: location)
        }
    }

    private var chunks: [[Entry]] = []
    /// Entries per chunk: a buffer (32 bytes of header, then the entries) of at most 1,000 bytes.
    static let chunk = max(1, (1_000 - 32) / MemoryLayout<Entry>.stride)

    init() {}

    init(_ assignments: [InputAssignment]) {
        for a in assignments { append(a) }
    }

    @inline(__always)
    private mutating func append(entry: Entry) {
        if chunks.isEmpty || chunks[chunks.count &- 1].count == chunks[chunks.count &- 1].capacity {
            var next: [Entry] = []
            next.reserveCapacity(Self.chunk)
            chunks.append(next)
        }
        chunks[chunks.count &- 1].append(entry)
    }

    mutating func append(_ a: InputAssignment) {
        append(entry: .whole(a))
    }

    /// Records `*a`: as plain values when it is a plain number (`x`, its one constant) into one
    /// member given by at most two dimensions, with no data, else whole.
    mutating func append(_ a: UnsafePointer<InputAssignment>, number x: Double?) {
        if let x, let s = NumberSet(a, x) {
            append(entry: .number(s))
        } else {
            appendWhole(a)
        }
    }

    /// Kept apart, so that the plain number's path reads the assignment field by field instead
    /// of copying it whole first.
    @inline(never)
    private mutating func appendWhole(_ a: UnsafePointer<InputAssignment>) {
        append(entry: .whole(a.pointee))
    }

    mutating func append(contentsOf assignments: [InputAssignment]) {
        for a in assignments { append(a) }
    }

    var isEmpty: Bool { chunks.isEmpty }

    /// Every assignment, in the order made.
    var all: [InputAssignment] {
        chunks.flatMap { $0.map(Self.assignment) }
    }

    /// The assignments to one input, in the order made.
    func assignments(to slot: Int) -> [InputAssignment] {
        var out: [InputAssignment] = []
        for chunk in chunks {
            for e in chunk {
                switch e {
                case .whole(let a) where a.slot == slot: out.append(a)
                case .number(let s) where s.slot == slot: out.append(s.assignment)
                default: break
                }
            }
        }
        return out
    }

    private static func assignment(_ e: Entry) -> InputAssignment {
        switch e {
        case .whole(let a): a
        case .number(let s): s.assignment
        }
    }
}
