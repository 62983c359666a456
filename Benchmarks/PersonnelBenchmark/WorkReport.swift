import Kalkyl

/// What `--profile eval` prints about the evaluation's parallel parts: each thread's share of
/// the pieces, and how the time would divide on more cores (Amdahl's law on the measured parts).
struct WorkReport {
    let totals: WorkLog.Totals
    /// Seconds, for all the evaluations: wall time, and the process's processor time.
    let wall: Double
    let cpu: Double
    let evaluations: Int
    let threads: Int

    init(_ totals: WorkLog.Totals, wall: Double, cpu: Double, evaluations: Int, threads: Int) {
        self.totals = totals
        self.wall = wall
        self.cpu = cpu
        self.evaluations = evaluations
        self.threads = threads
    }

    var text: String {
        let n = Double(evaluations)
        func ms(_ d: Duration) -> Double { seconds(d) * 1000 / n }
        let total = wall * 1000 / n, processor = cpu * 1000 / n
        let region = ms(totals.wall), busy = ms(totals.busy), busiest = ms(totals.busiest), piece = ms(totals.piece)
        // Processor time outside the regions: on one thread whatever the cores.
        let serial = max(0, processor - busy)
        var lines = [String(format: "per evaluation: %.2f ms wall, %.2f ms of processor time; %d parallel regions (%d pieces) took %.2f ms wall",
                            total, processor, totals.regions / evaluations, totals.pieces / evaluations, region)]
        lines.append(String(format: "  processor time: %.2f ms in the regions (the busiest thread of each %.2f ms, one piece %.3f ms a region on average), %.2f ms outside them",
                            busy, busiest, piece, serial))
        let shares = totals.piecesByThread.map { String(format: "%.1f%%", Double($0) * 100 / Double(max(totals.pieces, 1))) }
        lines.append("  pieces by thread (most first): " + shares.joined(separator: ", "))
        lines.append("  on p idle cores: the processor time outside the regions, plus theirs / p, plus one piece a region:")
        let one = serial + busy
        for p in [1, 2, 4, 8, 16] {
            let t = serial + busy / Double(p) + (p > 1 ? piece : 0)
            lines.append(String(format: "    p = %2d: %.2f ms (%.2f× one core)", p, t, one / t))
        }
        return lines.joined(separator: "\n")
    }
}
