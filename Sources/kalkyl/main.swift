import ArgumentParser
import Foundation

// Exit codes are part of the contract (cli.md): 0 success, 1 model errors,
// 2 wrong usage, 3 a file could not be read or written.
do {
    var command = try KalkylCommand.parseAsRoot()
    try command.run()
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
