/// ROLLING(x, n)'s window: the n periods up to this one. Where the timeline holds fewer than n
/// periods up to this one (the first n - 1), ROLLING is #N/A, not the sum of the periods there
/// are: a rolling twelve months of two months is no rolling twelve months, and a controller
/// must see that rather than a smaller figure. A model that wants the partial sum says so
/// (`IFNA(ROLLING(x, 3), YTD(x))` on a timeline that starts its fiscal year). Every path that
/// computes a window (the interpreters, the numeric cell, the lone-member code) and the
/// workbook's formula (`SUM(#N/A)` there) read it here.
public enum RollingWindow {
    /// The first period of the window of `count` periods ending at `period`, or nil when the
    /// timeline starts after it.
    @inline(__always)
    public static func start(of period: Int, count: Int) -> Int? {
        let first = period - count + 1
        return first >= 0 ? first : nil
    }
}
