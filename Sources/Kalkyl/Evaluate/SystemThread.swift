import Foundation

/// A thread started with `pthread_create`, so that a thread the system will not give (`EAGAIN`:
/// a process limit such as `ulimit -u`, or no memory for a stack) is an answer the caller sees.
/// Foundation's `Thread.start` ignores that failure, and libdispatch retries it for ever; both
/// then leave whoever waits for the thread's work waiting. Used by ``ThreadProbe`` and by the
/// export's rendering thread.
public struct SystemThread {
    private let thread: pthread_t

    /// Starts `body` on a new thread; nil when the system gives none.
    public static func start(_ body: @escaping @Sendable () -> Void) -> SystemThread? {
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        #if canImport(Darwin)
        var thread: pthread_t? = nil
        #else
        var thread = pthread_t()
        #endif
        guard pthread_create(&thread, nil, { context in
            Unmanaged<Body>.fromOpaque(context!).takeRetainedValue().run()
            return nil
        }, context) == 0 else {
            Unmanaged<Body>.fromOpaque(context).release()
            return nil
        }
        #if canImport(Darwin)
        return SystemThread(thread: thread!)
        #else
        return SystemThread(thread: thread)
        #endif
    }

    /// Waits for the thread to end.
    public func join() { pthread_join(thread, nil) }

    /// Lets the thread end on its own, its resources freed when it does; nobody joins it.
    public func detach() { pthread_detach(thread) }

    /// The closure handed to the new thread through `pthread_create`'s one pointer.
    private final class Body: Sendable {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }
}
