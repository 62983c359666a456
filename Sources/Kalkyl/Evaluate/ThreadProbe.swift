import Foundation

/// Whether this process can start the threads `Parallel.forEach` would ask libdispatch for,
/// asked once per process.
///
/// libdispatch's `concurrentPerform` makes its threads with `pthread_create` and, when that
/// fails (`EAGAIN`: a process limit such as `ulimit -u`, or no memory for a stack), waits a
/// second and asks again, for ever: `kalkyl check` of a large model never finished as a user
/// with `prlimit --nproc=1`. So before the first parallel region the process starts as many
/// threads as libdispatch would at most (one fewer than the processors, each held until all are
/// made) and, if it cannot, every region runs on the calling thread.
///
/// Asked once, not per region: a thread costs 50–110 µs to make and join here. A limit reached
/// only later (by other processes of the same user) still makes libdispatch wait until a thread
/// is free, as before.
enum ThreadProbe {
    /// The answer, found on first use (a `static let` is initialised once, thread-safely).
    static let threadsCanBeStarted = canStart(threads: max(ProcessInfo.processInfo.activeProcessorCount - 1, 1))

    /// Starts `count` threads that each wait until all are made, then lets them end and joins
    /// them; false as soon as one cannot be made.
    static func canStart(threads count: Int) -> Bool {
        let gate = Gate()
        var started: [SystemThread] = []
        started.reserveCapacity(count)
        for _ in 0..<count {
            guard let thread = SystemThread.start({ gate.open.wait() }) else { break }
            started.append(thread)
        }
        for _ in started { gate.open.signal() }
        for thread in started { thread.join() }
        return started.count == count
    }

    /// What the probe's threads wait on until every one of them is made.
    private final class Gate: Sendable {
        let open = DispatchSemaphore(value: 0)
    }
}
