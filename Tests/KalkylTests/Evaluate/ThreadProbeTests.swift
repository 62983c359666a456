@testable import Kalkyl
import Foundation
import Testing

/// The probe `Parallel.forEach` asks before its first region (`ThreadProbe`): where threads can
/// be made it says so, and it returns only once every thread it made has ended. (Where none can
/// be made, `ThreadLimitTests` runs the binary under a process limit.)
@Suite struct ThreadProbeTests {
    @Test(arguments: [1, 2, 7]) func threadsThatCanBeMadeAreSaidToBe(count: Int) {
        #expect(ThreadProbe.canStart(threads: count))
    }

    @Test func thisProcessRunsItsRegionsOnThreads() {
        #expect(ThreadProbe.threadsCanBeStarted)
    }
}
