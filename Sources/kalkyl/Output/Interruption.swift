import ArgumentParser
import Foundation
import KalkylXLSX

/// Ctrl-C, `kill` and `--time-limit` stop kalkyl at once, and cleanly.
///
/// Nothing kalkyl writes is changed in place: a workbook (and a model `fmt` rewrites) goes to a
/// temporary file beside its target and is renamed into place only when complete
/// (`AtomicFile`). So stopping needs no help from the computation, however long it runs: the
/// handler removes the temporary file being written, if there is one, says why on stderr and
/// exits. Every output file is as it was, and nothing is left behind.
///
/// Exit codes (docs/cli.md): 130 for Ctrl-C (SIGINT), 143 for SIGTERM and 129 for SIGHUP, as a
/// shell reports a process those signals end; 124 for the time limit, as timeout(1) does.
enum Interruption {
    /// Installs the handlers for SIGINT, SIGTERM, SIGHUP and the time limit's SIGALRM.
    static func install() {
        var set = sigset_t()
        sigemptyset(&set)
        for s in [SIGINT, SIGTERM, SIGHUP, SIGALRM] {
            signal(s, stopAtOnce)
            sigaddset(&set, s)
        }
        // A parent may start kalkyl with these blocked (a test runner's thread does): then
        // neither Ctrl-C nor the time limit would ever arrive.
        sigprocmask(SIG_UNBLOCK, &set, nil)
    }

    /// Stops the command `seconds` from now.
    static func startTimer(_ seconds: Double) {
        let whole = min(seconds.rounded(.down), 1e9)
        var timer = itimerval()
        timer.it_value.tv_sec = Int(whole)
        timer.it_value.tv_usec = Int((seconds - whole) * 1_000_000)
        if timer.it_value.tv_sec == 0 && timer.it_value.tv_usec == 0 { timer.it_value.tv_usec = 1 }
        setitimer(__itimer_which_t(ITIMER_REAL.rawValue), &timer, nil)
    }
}

/// The handler: only async-signal-safe calls (unlink, write, _exit).
private func stopAtOnce(_ signal: Int32) {
    if let temporary = UnsafePointer<CChar>(bitPattern: AtomicFile.unfinished.load(ordering: .acquiring)) { unlink(temporary) }
    let message: StaticString = signal == SIGALRM
        ? "\nkalkyl: stopped at the time limit (--time-limit); every output file is as it was\n"
        : "\nkalkyl: interrupted; every output file is as it was\n"
    _ = write(2, message.utf8Start, message.utf8CodeUnitCount)
    _exit(signal == SIGALRM ? 124 : 128 + signal)
}

/// `--time-limit SECONDS`, for the commands that compute.
struct TimeLimitOption: ParsableArguments {
    @Option(name: .customLong("time-limit"),
            help: ArgumentHelp("Stop after this many seconds (exit 124), leaving every output file as it was.", valueName: "seconds"))
    var seconds: Double?

    func validate() throws {
        if let seconds, !(seconds > 0 && seconds.isFinite) {
            throw ValidationError("--time-limit takes a number of seconds above 0, as in --time-limit 60")
        }
    }

    /// Starts the timer, when a limit is given.
    func start() {
        if let seconds { Interruption.startTimer(seconds) }
    }
}
