import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 10: when `kalkyl watch` takes a save as settled (the review of 2e0f8bf). Each test
/// waits for watch's lines, not for fixed times, and stops watch once the last one is in.
@Suite struct WatchSettleTests {
    /// Writes the file in place as many editors do: opened with O_TRUNC (emptied), written, closed.
    static func saveInPlace(_ text: String, to path: String) {
        let file = open(path, O_WRONLY | O_TRUNC)
        precondition(file >= 0, "cannot open \(path)")
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(file, $0.baseAddress, $0.count) }
        close(file)
    }

    /// Finding 1: two in-place saves 40–70 ms apart. The first settles just as the second
    /// empties the file; the empty file was read and reported as "2 definitions removed".
    @Test func aFileEmptiedByTheNextSaveIsNotReported() throws {
        let model = { (a: Int, b: Int) in "input a = \(a)\ninput b = \(b)\n" }
        let path = try KalkylBinary.temporaryModel(model(0, 0))
        let watching = try WatchProcess(path)
        #expect(watching.waitFor("Ctrl-C to stop"))
        for pair in 1...40 {
            Self.saveInPlace(model(pair, 1_000 + pair), to: path)
            usleep(UInt32(40_000 + (pair * 7_919) % 30_000))
            Self.saveInPlace(model(2_000 + pair, 3_000 + pair), to: path)
            usleep(250_000)
        }
        Self.saveInPlace(model(9_999, 9_999), to: path)
        let ended = watching.waitFor("→ 9 999")
        let text = watching.stop()
        #expect(ended, "\(text)")
        #expect(!text.contains("removed") && !text.contains("(new)") && !text.contains("has errors"), "\(text)")
    }

    /// Issue 10 (a test run at load 20): an in-place save whose writer is held up between
    /// emptying the file and writing it, longer than `unclosed` (1 s). The empty file was read
    /// as a model without definitions ("2 definitions removed", then "(new)").
    @Test func aSaveHeldUpAfterEmptyingTheFileIsWaitedFor() throws {
        let path = try KalkylBinary.temporaryModel("input a = 1\ninput b = 2\n")
        let watching = try WatchProcess(path)
        #expect(watching.waitFor("Ctrl-C to stop"))
        let file = open(path, O_WRONLY | O_TRUNC)
        #expect(file >= 0)
        usleep(1_600_000)
        let bytes = Array("input a = 10\ninput b = 2\n".utf8)
        _ = bytes.withUnsafeBytes { write(file, $0.baseAddress, $0.count) }
        close(file)
        let shown = watching.waitFor("1 → 10")
        let text = watching.stop()
        #expect(shown, "\(text)")
        #expect(!text.contains("removed") && !text.contains("(new)"), "\(text)")
    }

    /// Finding 2: a data file written slowly (pauses of 150 ms, not closed in between) while
    /// another file in its folder is appended to every 30 ms. Each write to the other file
    /// ended the wait, so each half of the save was reported (1 → 10 → 30 → 60 → 100).
    @Test func writesToAnotherFileInTheFolderDoNotEndTheWait() throws {
        let path = try KalkylBinary.temporaryModel("""
        timeline monthly 2021-01 .. 2021-01
        dimension k from "data/v.csv" key k
        input v[k] = column v
        total = SUM(v[k])
        """)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("data")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let csv = folder.appendingPathComponent("v.csv").path
        try "k;v\nA;1\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let log = folder.appendingPathComponent("other.log").path
        try "".write(toFile: log, atomically: true, encoding: .utf8)
        let watching = try WatchProcess(path)
        #expect(watching.waitFor("Ctrl-C to stop"))
        let logging = LockedFlag()
        let logger = Thread {
            let handle = FileHandle(forWritingAtPath: log)!
            while !logging.isSet {
                handle.seekToEndOfFile()
                handle.write(Data("line\n".utf8))
                usleep(30_000)
            }
            try? handle.close()
        }
        logger.start()
        usleep(300_000)
        let file = open(csv, O_WRONLY | O_TRUNC)
        for part in ["k;v\n", "A;10\n", "B;20\n", "C;30\n", "D;40\n"] {
            _ = Array(part.utf8).withUnsafeBytes { write(file, $0.baseAddress, $0.count) }
            usleep(150_000)
        }
        close(file)
        let reported = watching.waitFor("total  1 → 100")
        usleep(500_000)
        logging.set()
        let text = watching.stop()
        #expect(reported, "\(text)")
        #expect(text.components(separatedBy: "\n[").count == 2, "one report only: \(text)")
    }

    /// Finding 5: a writer keeps a data file open and writes it every 0.3 s without end. The
    /// wait for it to be still never ended, so nothing was reported while it ran; now the
    /// wait ends after `FileWatcher.longest` (3 s) and the file is read as it is.
    @Test func aWriterThatNeverStopsIsReadAfterTheLongestWait() throws {
        let path = try KalkylBinary.temporaryModel("""
        timeline monthly 2021-01 .. 2021-01
        dimension k from "data/v.csv" key k
        input v[k] = column v
        """)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("data")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let csv = folder.appendingPathComponent("v.csv").path
        try "k;v\nA;1\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let watching = try WatchProcess(path)
        #expect(watching.waitFor("Ctrl-C to stop"))
        let file = open(csv, O_WRONLY)
        let started = Date()
        var digit = 2
        // Each write is a whole valid file of the same length, at the start of the file.
        while Date().timeIntervalSince(started) < 20 && !watching.text.contains("v[A]  1 → ") {
            _ = Array("k;v\nA;\(digit)\n".utf8).withUnsafeBytes { pwrite(file, $0.baseAddress, $0.count, 0) }
            digit = digit == 9 ? 2 : digit + 1
            usleep(300_000)
        }
        let writing = Date().timeIntervalSince(started)
        close(file)
        let text = watching.stop()
        #expect(text.contains("v[A]  1 → "), "\(text)")
        #expect(writing < 20, "reported only after the writer stopped: \(text)")
    }

    /// Issue 10: a writer that writes half a model, closes it, and writes the rest 100 ms later
    /// (an editor saving in two bursts). The half is a complete file as far as anything can
    /// tell, so it may be read and reported (it was, each time, in a harness of 20 saves); what
    /// must hold is that the whole save is reported after it, so the last values shown are the
    /// whole file's.
    @Test func aSaveWrittenInTwoBurstsEndsWithTheWholeSave() throws {
        let path = try KalkylBinary.temporaryModel("input a = 0\ninput b = 0\n")
        let watching = try WatchProcess(path)
        #expect(watching.waitFor("Ctrl-C to stop"))
        for save in 1...5 {
            let half = open(path, O_WRONLY | O_TRUNC)
            _ = Array("input a = \(save)\n".utf8).withUnsafeBytes { write(half, $0.baseAddress, $0.count) }
            close(half)
            usleep(100_000)   // the writer's pause, not a wait for watch
            let rest = open(path, O_WRONLY | O_APPEND)
            _ = Array("input b = \(1_000 + save)\n".utf8).withUnsafeBytes { write(rest, $0.baseAddress, $0.count) }
            close(rest)
            let reported = watching.waitFor("→ 1 00\(save)")
            // The last report is the whole save's (after the half's, if that was reported).
            let last = watching.text.components(separatedBy: "\n[").last ?? ""
            #expect(reported && last.contains("→ 1 00\(save)") && !last.contains("removed"), "save \(save): \(watching.text)")
        }
        let text = watching.stop()
        #expect(!text.contains("has errors"), "\(text)")
    }
}
