import ArgumentParser
import Foundation
import Kalkyl
import KalkylLanguageServer

/// `kalkyl lsp`: the Language Server Protocol on standard input and output.
struct LspCommand: ParsableCommand {
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

    func run() throws {
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
                write(["jsonrpc": "2.0", "id": NSNull(), "error": ["code": -32700, "message": error.reason] as JSONObject])
                continue
            }
            for reply in server.handle(message) { write(reply) }
        }
        throw ExitCode(server.exitStatus ?? 1)
    }

    func write(_ message: JSONObject) {
        guard let body = try? JSONSerialization.data(withJSONObject: message, options: [.withoutEscapingSlashes]) else { return }
        var frame = Data("Content-Length: \(body.count)\r\n\r\n".utf8)
        frame.append(body)
        FileHandle.standardOutput.write(frame)
    }
}

/// Reads JSON-RPC messages framed by `Content-Length` headers (the base protocol of LSP).
struct MessageReader {
    struct Malformed: Error { var reason: String }

    var buffer = Data()

    /// The next message, or nil at the end of input.
    mutating func next(from input: FileHandle) throws(Malformed) -> JSONObject? {
        while true {
            if let message = try take() { return message }
            let chunk = input.availableData
            if chunk.isEmpty { return nil }
            buffer.append(chunk)
        }
    }

    /// A whole message from the buffer, if one has arrived.
    mutating func take() throws(Malformed) -> JSONObject? {
        guard let headerEnd = buffer.range(of: Data("\r\n\r\n".utf8)) else { return nil }
        let header = String(decoding: buffer[buffer.startIndex..<headerEnd.lowerBound], as: UTF8.self)
        var length: Int?
        for line in header.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "content-length" {
                length = Int(parts[1].trimmingCharacters(in: .whitespaces))
            }
        }
        guard let length, length >= 0 else {
            buffer.removeSubrange(buffer.startIndex..<headerEnd.upperBound)
            throw Malformed(reason: "a message without a Content-Length header")
        }
        guard buffer.count - (headerEnd.upperBound - buffer.startIndex) >= length else { return nil }
        let body = buffer[headerEnd.upperBound..<(headerEnd.upperBound + length)]
        buffer = Data(buffer[(headerEnd.upperBound + length)...])
        guard let object = try? JSONSerialization.jsonObject(with: body), let message = object as? JSONObject else {
            throw Malformed(reason: "a message that is not a JSON object")
        }
        return message
    }
}
