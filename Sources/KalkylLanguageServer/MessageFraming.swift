import Foundation

/// Reads JSON-RPC messages framed by `Content-Length` headers (the base protocol of LSP).
public struct MessageReader {
    public struct Malformed: Error {
        public var reason: String
    }

    var buffer = Data()

    public init() {}

    /// The next message, or nil at the end of input.
    public mutating func next(from input: FileHandle) throws(Malformed) -> JSONObject? {
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

/// A message as it goes on the wire: a `Content-Length` header, then its JSON; nil for an
/// object JSON cannot hold.
public func framed(_ message: JSONObject) -> Data? {
    guard let body = try? JSONSerialization.data(withJSONObject: message, options: [.withoutEscapingSlashes]) else { return nil }
    var frame = Data("Content-Length: \(body.count)\r\n\r\n".utf8)
    frame.append(body)
    return frame
}

extension LanguageServer {
    /// The reply to a message that could not be read: a parse error with no id.
    public static func parseError(_ reason: String) -> JSONObject {
        ["jsonrpc": "2.0", "id": NSNull(), "error": ["code": -32700, "message": reason] as JSONObject]
    }
}
