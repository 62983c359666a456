#if canImport(Glibc)
import Glibc
#endif

/// How many columns the terminal that standard output goes to has; nil when it goes to a
/// file or a pipe, where no width applies.
enum TerminalWidth {
    static func columns() -> Int? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}
