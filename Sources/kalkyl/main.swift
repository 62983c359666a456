import ArgumentParser
import Foundation

// Exit codes are part of the contract (cli.md): 0 success, 1 model errors,
// 2 wrong usage, 3 a file could not be read or written.
// Past a file-size limit (`ulimit -f`) a write fails with EFBIG, which every writer reports,
// instead of killing the process in the middle of a file.
signal(SIGXFSZ, SIG_IGN)
AllocatorSetting.mapOnlyVeryLargePieces()
Interruption.install()
do {
    var command = try KalkylCommand.parseAsRoot()
    if let served = command as? ServingCommand {   // `kalkyl lsp`: its model sessions are actors
        // On this thread: no thread need be made for it (a process limit may allow none).
        try CallingThreadExecutor().run { try await served.serve() }
    } else {
        TextMemoryGuard.install()   // not for the language server, which must not exit mid-session
        if !(command is WatchCommand) { AllocatorSetting.computeOnceAndExit() }
        try command.run()
    }
} catch let exit as ExitCode {
    Foundation.exit(exit.rawValue)
} catch {
    let code = KalkylCommand.exitCode(for: error)
    if code == .success {
        print(KalkylCommand.fullMessage(for: error))
        Foundation.exit(0)
    }
    FileHandle.standardError.write(Data((KalkylCommand.fullMessage(for: error) + "\n").utf8))
    Foundation.exit(2)
}
