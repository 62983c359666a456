import ArgumentParser
import Foundation
import Kalkyl
import KalkylLanguageServer

/// `kalkyl lsp`: the Language Server Protocol on standard input and output.
struct LspCommand: ParsableCommand, ServingCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "A Language Server Protocol server on stdin and stdout, for editors.",
        discussion: """
        An editor starts it and speaks JSON-RPC with Content-Length headers on stdin and stdout.
        It checks and evaluates each open model's unsaved text on every change and offers
        diagnostics with quick fixes, hover with values, inlay hints, go to definition, references,
        rename, symbols, completion, formatting (as kalkyl fmt) and an explain lens. See
        editors/ for VS Code, Neovim and Helix.
        """
    )

    func serve() async throws {
        let server = LanguageServer()
        let input = FileHandle.standardInput
        var reader = MessageReader()
        while server.exitStatus == nil {
            let message: JSONObject
            do {
                guard let next = try reader.next(from: input) else { break }   // the editor closed the pipe
                message = next
            } catch {
                printError("kalkyl lsp: \(error.reason)\n")
                write(LanguageServer.parseError(error.reason))
                continue
            }
            for reply in await server.handle(message) { write(reply) }
        }
        throw ExitCode(server.exitStatus ?? 1)
    }

    func write(_ message: JSONObject) {
        if let frame = framed(message) { FileHandle.standardOutput.write(frame) }
    }
}

/// A command that serves a client until it leaves, over actors (the model sessions): `main`
/// runs it with `await` instead of `run()`.
protocol ServingCommand: Sendable {
    func serve() async throws
}
