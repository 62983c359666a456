import Foundation
import Kalkyl
import KalkylXLSX

/// Stops a command whose formulas make more text than the machine can hold, with a message,
/// before the system kills it for want of memory (`TextMemory`).
///
/// The limit is half the memory the process may have: the machine's, or less under a
/// `ulimit -v`. Stopping works as Ctrl-C does (`Interruption`): the workbook being written is
/// removed, every output file is as it was, and the exit code is 1 (the model asks too much).
enum TextMemoryGuard {
    static func install() {
        let limit = available() / 2
        TextMemory.limit.store(limit, ordering: .relaxed)
        TextMemory.onExceeded { held in
            if let temporary = UnsafePointer<CChar>(bitPattern: AtomicFile.unfinished.load(ordering: .acquiring)) { unlink(temporary) }
            let message = """

            kalkyl: stopped: the texts this model's formulas make take more than \(gibibytes(held)) GiB, \
            half of the \(gibibytes(available())) GiB of memory kalkyl may use here
              hint: a formula that makes a long text in every cell (REPT, & or TEXTJOIN over many members \
            and periods) is the usual cause; every output file is as it was

            """
            FileHandle.standardError.write(Data(message.utf8))
            _exit(1)
        }
    }

    /// The memory the process may use: the machine's, or the address-space limit if lower.
    static func available() -> Int {
        let physical = Int(sysconf(Int32(_SC_PHYS_PAGES))) * Int(sysconf(Int32(_SC_PAGESIZE)))
        var limit = rlimit()
        if getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max,
           limit.rlim_cur < UInt(physical) {
            return Int(limit.rlim_cur)
        }
        return physical > 0 ? physical : Int.max
    }

    private static func gibibytes(_ bytes: Int) -> String {
        String(format: "%.1f", Double(bytes) / Double(1 << 30))
    }
}
