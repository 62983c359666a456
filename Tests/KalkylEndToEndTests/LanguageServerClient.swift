import Foundation
import Testing

/// A Language Server Protocol client over pipes to the real `kalkyl lsp`, as an editor runs it:
/// Content-Length framing, requests with ids, notifications both ways.
final class LanguageServerClient: @unchecked Sendable {
    let process = Process()
    let input = Pipe()
    let output = Pipe()
    /// Guards `messages` and `buffer`; signalled when a message arrives.
    let condition = NSCondition()
    var messages: [[String: Any]] = []
    var buffer = Data()
    var nextID = 1

    /// `prefix`: a program and its arguments that run kalkyl (`["setpriv", …]`), as in `KalkylBinary.run`.
    init(prefix: [String] = []) throws {
        if prefix.isEmpty {
            process.executableURL = URL(fileURLWithPath: KalkylBinary.path)
            process.arguments = ["lsp"]
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = prefix + [KalkylBinary.path, "lsp"]
        }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.condition.lock()
            self.buffer.append(data)
            while let message = self.takeMessage() { self.messages.append(message) }
            self.condition.broadcast()
            self.condition.unlock()
        }
        try process.run()
    }

    deinit {
        output.fileHandleForReading.readabilityHandler = nil
        if process.isRunning { process.terminate() }
        // A server stuck where libdispatch blocks signals while it waits for a thread ignores
        // SIGTERM: it must not outlive the test.
        let deadline = Date().addingTimeInterval(2)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// A whole framed message from the buffer (the lock is held).
    func takeMessage() -> [String: Any]? {
        guard let headerEnd = buffer.range(of: Data("\r\n\r\n".utf8)) else { return nil }
        let header = String(decoding: buffer[buffer.startIndex..<headerEnd.lowerBound], as: UTF8.self)
        guard let lengthLine = header.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-length:") }),
              let length = Int(lengthLine.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)),
              buffer.distance(from: headerEnd.upperBound, to: buffer.endIndex) >= length else { return nil }
        let body = buffer[headerEnd.upperBound..<buffer.index(headerEnd.upperBound, offsetBy: length)]
        buffer = Data(buffer[buffer.index(headerEnd.upperBound, offsetBy: length)...])
        return (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
    }

    func send(_ message: [String: Any]) throws {
        let body = try JSONSerialization.data(withJSONObject: message)
        var frame = Data("Content-Length: \(body.count)\r\n\r\n".utf8)
        frame.append(body)
        input.fileHandleForWriting.write(frame)
    }

    func notify(_ method: String, _ params: [String: Any]) throws {
        try send(["jsonrpc": "2.0", "method": method, "params": params])
    }

    /// Sends a request and waits for its response; returns the whole response object.
    @discardableResult
    func request(_ method: String, _ params: [String: Any], timeout: TimeInterval = 60) throws -> [String: Any] {
        let id = nextID
        nextID += 1
        try send(["jsonrpc": "2.0", "id": id, "method": method, "params": params])
        let response = wait(timeout: timeout) { ($0["id"] as? Int) == id && $0["method"] == nil }
        return try #require(response, "no response to \(method) within \(timeout) s")
    }

    /// The result of a request (nil when null or an error).
    func result(_ method: String, _ params: [String: Any]) throws -> Any? {
        let response = try request(method, params)
        return response["result"] is NSNull ? nil : response["result"]
    }

    /// Waits for (and removes) the first message that matches.
    func wait(timeout: TimeInterval = 60, _ matches: ([String: Any]) -> Bool) -> [String: Any]? {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let index = messages.firstIndex(where: matches) { return messages.remove(at: index) }
            if !condition.wait(until: deadline) { return nil }
        }
    }

    /// The next diagnostics published for a document.
    func diagnostics(for uri: String, timeout: TimeInterval = 60) -> [[String: Any]]? {
        let message = wait(timeout: timeout) {
            $0["method"] as? String == "textDocument/publishDiagnostics" && (($0["params"] as? [String: Any])?["uri"] as? String) == uri
        }
        return (message?["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]]
    }

    func initialize(root: URL) throws -> [String: Any] {
        let response = try request("initialize", ["processId": NSNull(), "rootUri": root.absoluteString, "capabilities": [:] as [String: Any]])
        try notify("initialized", [:])
        return response["result"] as? [String: Any] ?? [:]
    }

    func open(_ uri: String, text: String, language: String = "kalkyl", version: Int = 1) throws {
        try notify("textDocument/didOpen", ["textDocument": ["uri": uri, "languageId": language, "version": version, "text": text]])
    }

    func change(_ uri: String, text: String, version: Int) throws {
        try notify("textDocument/didChange", ["textDocument": ["uri": uri, "version": version], "contentChanges": [["text": text]]])
    }

    /// Shuts the server down as an editor does; returns its exit status.
    func shutdown() throws -> Int32 {
        try request("shutdown", [:])
        try notify("exit", [:])
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        return process.isRunning ? -1 : process.terminationStatus
    }
}

/// Positions as LSP counts them, for a text: line and UTF-16 column of a piece of it.
func position(of needle: String, in text: String, occurrence: Int = 1, offset: Int = 0) -> [String: Any] {
    var searchFrom = text.startIndex
    var found = text.startIndex
    for _ in 0..<occurrence {
        let range = text.range(of: needle, range: searchFrom..<text.endIndex)!
        found = range.lowerBound
        searchFrom = range.upperBound
    }
    let before = text[..<found]
    let line = before.filter { $0 == "\n" }.count
    let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
    return ["line": line, "character": text[lineStart..<found].utf16.count + offset]
}
