import Dispatch
import Synchronization

/// Runs an async operation to its end on the calling thread, with every job of its task (and
/// of the default actors it calls: the language server's model sessions) run there too.
///
/// `kalkyl lsp` needs no thread of its own. With `await` at the top of `main.swift`, Swift's
/// async main hands the main thread to `dispatch_main`, which ends it and moves the main queue
/// onto libdispatch's pool; the requests' `await`s went to the global executor's pool as well.
/// Both make their threads with `pthread_create`, and where none can be made (a process limit:
/// `ulimit -u`, `prlimit --nproc`) libdispatch asks again every second for ever: the server
/// answered nothing, not even `initialize`. The server handles one message at a time, awaiting
/// each, so nothing ran in parallel there before either.
final class CallingThreadExecutor: TaskExecutor {
    private let jobs = Mutex<[UnownedJob]>([])
    /// Signalled once for each job queued, and when the operation has ended.
    private let ready = DispatchSemaphore(value: 0)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        jobs.withLock { $0.append(job) }
        ready.signal()
    }

    /// Runs `operation` on this thread until it returns or throws.
    func run(_ operation: @escaping @Sendable () async throws -> Void) throws {
        let outcome = Mutex<Result<Void, any Error>?>(nil)
        Task.detached(executorPreference: self) { [ready] in
            let result: Result<Void, any Error>
            do { result = .success(try await operation()) } catch { result = .failure(error) }
            outcome.withLock { $0 = result }
            ready.signal()
        }
        while true {
            ready.wait()
            for job in jobs.withLock({ queued in defer { queued = [] }; return queued }) {
                job.runSynchronously(on: asUnownedTaskExecutor())
            }
            if let result = outcome.withLock({ $0 }) { return try result.get() }
        }
    }
}
