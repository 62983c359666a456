/// Blocks of truth values computed straight into one byte a cell (`CellStorage.bytes`): each
/// run of members computes a period into doubles of its own, in cache, and writes them as
/// bytes. No block of doubles is made, written or faulted in for `active` (9.6 MB at 100,000
/// employees): neither at the cold start's peak nor on every full evaluation after.
extension Evaluation {
    /// Whether `slot`'s block is computed narrow from the start: its formula gives only 0 and 1
    /// (`FusedProgram.givesTruthValues`, unless that failed before) or its last block was narrow,
    /// and its runs are independent of each other (as runs computed on several threads are).
    func computesNarrow(_ slot: Int) -> Bool {
        guard narrowing, memberCounts[slot] > 0, forecastPairs[slot].isEmpty, runsAreIndependent(slot) else { return false }
        return blocks[slot].isNarrow || (fusedPrograms[slot]?.givesTruthValues == true && !narrowFailed[slot])
    }

    /// `slot`'s block computed narrow, run by run (on the evaluation's threads when
    /// `runsInParallel`); nil when a run gives a cell that is not 0 or 1, or runs give
    /// different kinds: the block is then computed as doubles, and not tried narrow again
    /// unless it turns out narrow.
    func computeNarrow(_ slot: Int) -> CellStorage? {
        let periods = model.definitions[slot].isSeries ? model.timeline.count : 1
        let storage = CellStorage(narrowCount: cellCounts[slot])
        let leaves = fusedLeaves?.buffer(for: slot, storage: storage, members: memberCounts[slot], periods: periods,
                                         runLength: runLength, forecast: false)
        let job = runs(of: slot, into: storage, leaves: leaves)
        job.compute(run: 0, direct: true)
        // Run 0 stops at its first period with a cell that is not 0 or 1, so it has not built
        // the SUM trees of the later periods; the other runs must not start, since on other
        // threads they would build (write) those trees side by side.
        if !job.isWide(run: 0) {
            if runsInParallel(slot) {
                Parallel.forEach(job.count - 1, threads: threads, log: workLog) { job.compute(run: $0 + 1, direct: false) }
            } else {
                for r in 1..<job.count {
                    job.compute(run: r, direct: true)
                    if job.isWide(run: r) { break }
                }
            }
        }
        guard let kind = job.narrowKind() else {
            narrowFailed[slot] = true
            return nil
        }
        storage.setUniform(kind)
        return storage
    }
}
