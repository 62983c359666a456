import Foundation
import Kalkyl
import KalkylXLSX

/// Stops a command whose formulas make more text than the machine can hold, with a message,
/// before the system kills it or an allocation aborts it for want of memory (`TextMemory`).
///
/// The texts are weighed at what they take in memory against what is left of the memory kalkyl
/// may use (the machine's, or less under a container's limit or a `ulimit -v`). Stopping works as
/// Ctrl-C does (`Interruption`): the workbook being written is removed, every output file is as
/// it was, and the exit code is 1 (the model asks too much).
enum TextMemoryGuard {
    static func install() {
        TextMemory.watchMemoryLeft()
        TextMemory.onExceeded { stop in
            if let temporary = UnsafePointer<CChar>(bitPattern: AtomicFile.unfinished.load(ordering: .acquiring)) { unlink(temporary) }
            let message = "\nkalkyl: stopped: " + why(stop) + """

              hint: a formula that makes a text in every cell (REPT, & or TEXTJOIN over many members and periods) \
            is the usual cause; a text of more than 15 bytes takes about 64 bytes more than its characters; \
            every output file is as it was

            """
            FileHandle.standardError.write(Data(message.utf8))
            _exit(1)
        }
    }

    /// `the texts this model's formulas make take 612 MiB of memory and would take 385 MiB more at once, and only 301 MiB are
    /// left of the 977 MiB kalkyl may use here, which with the 16 MiB kept for the rest of the command is too little`.
    static func why(_ stop: TextMemory.Stop) -> String {
        let taken = "the texts this model's formulas make take \(mebibytes(stop.held)) MiB of memory"
            + (stop.asking > 0 ? " and would take \(mebibytes(stop.asking)) MiB more at once" : "")
        let memory = "\(mebibytes(TextMemory.memory)) MiB kalkyl may use here"
        guard let left = stop.left else { return taken + ", more than they may take of the " + memory }
        return taken + ", and only \(left >> 20) MiB are left of the \(memory)"
            + (stop.asking > 0 ? ", which with the \(mebibytes(stop.reserve)) MiB kept for the rest of the command is too little"
                               : ", less than the \(mebibytes(stop.reserve)) MiB kept for the rest of the command")
    }

    private static func mebibytes(_ bytes: Int) -> String {
        String(bytes >> 20 + (bytes & ((1 << 20) - 1) == 0 ? 0 : 1))
    }
}
