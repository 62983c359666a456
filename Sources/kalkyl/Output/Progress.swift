import Foundation

/// A progress bar on standard error, shown only on a terminal and only once a task has taken
/// more than a second: a quick export prints nothing, a piped one never draws.
final class ProgressBar {
    private let label: String
    private let started = Date()
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private var lastDrawn: Date?
    private var drawn = false

    init(label: String) {
        self.label = label
    }

    func update(done: Int, total: Int, saving: Bool = false) {
        guard isTerminal else { return }
        let now = Date()
        guard now.timeIntervalSince(started) > 1 else { return }
        if let lastDrawn, now.timeIntervalSince(lastDrawn) < 0.1, !saving { return }
        lastDrawn = now
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 0
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let status = saving ? "saving the file…" : "\(Int(fraction * 100)) % of \(total) formula cells"
        FileHandle.standardError.write(Data("\r\u{1B}[2K\(label) \(bar) \(status)".utf8))
        drawn = true
    }

    /// Clears the bar, if one was drawn.
    func finish() {
        guard drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
        drawn = false
    }
}
