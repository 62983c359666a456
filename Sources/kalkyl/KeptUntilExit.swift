/// What a command that is about to end hands over instead of freeing: its model and evaluation.
///
/// The process exits right after, and the kernel takes its memory back whole. Freeing it first
/// walks every array and object of the model and gives the heap back to the kernel a piece at a
/// time: about 2 % of a cold start at 100,000 employees, for nothing (docs/performance.md,
/// "Fifth round"). Only for commands that end after one model (`explain`, `eval`, `check` of
/// one file); `watch` and the language server free what they replace.
enum KeptUntilExit {
    /// Never read: holding them is the point. Only the main thread's command adds to it.
    nonisolated(unsafe) private static var kept: [Any] = []

    static func keep(_ things: Any...) {
        kept.append(contentsOf: things)
    }
}
