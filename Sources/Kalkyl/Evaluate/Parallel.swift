import Dispatch
import Foundation
import Synchronization

/// Work shared out over a few threads, for a full computation's independent pieces (runs of
/// members of one definition, groups of SUM leaves). The pieces are handed out one at a time
/// from a counter, so a thread the system keeps waiting holds up the others by one piece at
/// most, and which thread computes a piece never changes what it computes.
enum Parallel {
    /// Threads an evaluation uses unless told otherwise: `KALKYL_THREADS` when set to a
    /// positive number, else the processors this process may run on (at most 16).
    static var defaultThreads: Int {
        if let text = ProcessInfo.processInfo.environment["KALKYL_THREADS"], let n = Int(text), n > 0 { return n }
        return min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 16)
    }

    /// Above this many keys (a column's rows, a dimension's members) a hash table split into
    /// regions, a region a thread, is made on one thread: a region's slots would reach past
    /// 2^24, where a slot's place shares the hash bits that chose its region, and half of each
    /// region would go unused (`PartitionedKeys.partition`, `MemberIndex.region(of:)`).
    static let mostKeysForRegions = 1 << 23

    /// Calls `body(i)` once for every `i` in `0..<count`, on up to `threads` threads (the
    /// calling one among them), and returns when all calls have. With one thread, or one
    /// piece, it is a plain loop on the calling thread. `log`, when given, records each
    /// thread's pieces and processor time (not its wall time: on a shared machine a thread
    /// also waits for a core).
    ///
    /// `body` is `@Sendable`: what it captures the compiler checks can be shared. A caller that
    /// writes into shared memory passes it in a type whose comment proves the pieces disjoint.
    ///
    /// When this process cannot start threads (`ThreadProbe`), every call is the plain
    /// loop: the pieces are independent, so the results are the same bits.
    static func forEach(_ count: Int, threads: Int, log: WorkLog? = nil, _ body: @Sendable (Int) -> Void) {
        let width = min(threads, count)
        guard width > 1, ThreadProbe.threadsCanBeStarted else {
            let start = ContinuousClock.now, cpu = threadTime()
            for i in 0..<count { body(i) }
            log?.record(region: [(pieces: count, busy: threadTime() - cpu)], wall: ContinuousClock.now - start)
            return
        }
        let next = Atomic<Int>(0)
        let workers = Mutex<[(pieces: Int, busy: Duration)]>([])
        let start = ContinuousClock.now
        DispatchQueue.concurrentPerform(iterations: width) { _ in
            let begun = threadTime()
            var pieces = 0
            while true {
                let i = next.add(1, ordering: .relaxed).oldValue
                guard i < count else { break }
                body(i)
                pieces += 1
            }
            if log != nil {
                let busy = threadTime() - begun
                workers.withLock { $0.append((pieces, busy)) }
            }
        }
        if let log { log.record(region: workers.withLock { $0 }, wall: ContinuousClock.now - start) }
    }

    /// The processor time the calling thread has used.
    static func threadTime() -> Duration {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return .seconds(t.tv_sec) + .nanoseconds(t.tv_nsec)
    }
}

/// What the parallel parts of evaluations cost, thread by thread: for the benchmark's
/// account of how evaluation would scale on more cores.
public final class WorkLog: Sendable {
    public struct Totals: Sendable {
        /// Parallel regions entered, and the pieces computed in them.
        public var regions = 0
        public var pieces = 0
        /// Wall time inside the regions, from the first thread's start to the last one's end.
        public var wall: Duration = .zero
        /// Every thread's processor time in the regions added up: what they would take on one
        /// thread.
        public var busy: Duration = .zero
        /// For each region its busiest thread's processor time, added up: the regions' critical
        /// path on a machine where no thread waits for a core.
        public var busiest: Duration = .zero
        /// For each region, the processor time of one piece on average, added up: what the last
        /// piece handed out can make one thread finish later than the others.
        public var piece: Duration = .zero
        /// Pieces computed by each thread, by the order the threads reported in each region.
        public var piecesByThread: [Int] = []
    }
    private let totals = Mutex(Totals())

    public init() {}

    public var current: Totals { totals.withLock { $0 } }

    public func reset() { totals.withLock { $0 = Totals() } }

    func record(region workers: [(pieces: Int, busy: Duration)], wall: Duration) {
        totals.withLock { t in
            t.regions += 1
            t.wall += wall
            let pieces = workers.reduce(0) { $0 + $1.pieces }
            let busy = workers.reduce(Duration.zero) { $0 + $1.busy }
            t.pieces += pieces
            t.busy += busy
            t.busiest += workers.map(\.busy).max() ?? .zero
            if pieces > 0 { t.piece += busy / pieces }
            let sorted = workers.map(\.pieces).sorted(by: >)
            if t.piecesByThread.count < sorted.count { t.piecesByThread += Array(repeating: 0, count: sorted.count - t.piecesByThread.count) }
            for (k, p) in sorted.enumerated() { t.piecesByThread[k] += p }
        }
    }
}

/// An array's elements filled in place by the threads of one `Parallel.forEach`, each element
/// written and read by one thread only: instead of each thread filling an array of its own that
/// is then copied together.
///
/// `@unchecked Sendable` because the compiler cannot see that the threads' elements are
/// disjoint; each caller says in its comment why they are. It lives only inside the array's
/// `withUnsafeMutableBufferPointer`.
struct DisjointWrites<Element>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<Element>

    init(_ buffer: UnsafeMutableBufferPointer<Element>) {
        self.buffer = buffer
    }

    @inline(__always)
    func read(at index: Int) -> Element { buffer[index] }

    @inline(__always)
    func write(_ value: Element, at index: Int) { buffer[index] = value }
}
