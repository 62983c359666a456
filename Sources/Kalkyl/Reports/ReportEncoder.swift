/// Encodes a report as the JSON `kalkyl` prints: keys in the order the type encodes them,
/// numbers as `NumberText.exact` writes them, and a layout in which only some containers are
/// broken over lines (one entry a line, indented two spaces per level) and the rest written
/// on one line with `", "` and `": "`. Foundation's `JSONEncoder` can do neither, and the
/// command line's JSON is a contract down to its bytes (docs/cli.md).
///
/// An optional left nil is written `null`, never left out: the contract's objects keep
/// their keys. A type whose key is present only sometimes encodes it conditionally itself.
package struct ReportEncoder {
    /// The containers written one entry a line, as paths of keys from the root (`""` is the
    /// root itself), `*` standing for any element of an array: `"differences/*/cells"`.
    package var brokenPaths: Set<String>

    package init(brokenPaths: Set<String> = [""]) {
        self.brokenPaths = brokenPaths
    }

    /// The JSON text of a value, ending in a newline.
    package func encode(_ value: some Encodable) throws -> String {
        var out = ""
        write(try JSONNode(value), path: "", depth: 0, into: &out)
        return out + "\n"
    }

    func write(_ node: JSONNode, path: String, depth: Int, into out: inout String) {
        switch node {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let text): out += text
        case .string(let s): out += JSONNode.quoted(s)
        case .array(let items):
            let itemPath = path.isEmpty ? "*" : path + "/*"
            writeContainer(items.map { (nil, $0) }, open: "[", close: "]", path: path, childPath: { _ in itemPath }, depth: depth, into: &out)
        case .object(let entries):
            writeContainer(entries.map { ($0.key, $0.value) }, open: "{", close: "}", path: path,
                           childPath: { key in path.isEmpty ? key! : path + "/" + key! }, depth: depth, into: &out)
        }
    }

    private func writeContainer(_ entries: [(String?, JSONNode)], open: String, close: String, path: String,
                                childPath: (String?) -> String, depth: Int, into out: inout String) {
        guard !entries.isEmpty else { out += open + close; return }
        let broken = brokenPaths.contains(path)
        let inner = broken ? depth + 1 : depth
        out += open
        for (k, (key, value)) in entries.enumerated() {
            if broken {
                out += k == 0 ? "\n" : ",\n"
                out += String(repeating: "  ", count: inner)
            } else if k > 0 {
                out += ", "
            }
            if let key { out += JSONNode.quoted(key) + ": " }
            write(value, path: childPath(key), depth: inner, into: &out)
        }
        if broken { out += "\n" + String(repeating: "  ", count: depth) }
        out += close
    }
}

/// A JSON value with its keys in order, numbers already spelt.
package indirect enum JSONNode: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONNode])
    case object([Entry])

    package struct Entry: Sendable, Equatable {
        package var key: String
        package var value: JSONNode
    }

    /// The tree a value encodes to.
    package init(_ value: some Encodable) throws {
        let encoder = NodeEncoder(codingPath: [])
        try encoder.encodeValue(value)
        self = encoder.result
    }

    /// A string in JSON: quotes, backslashes and control characters escaped, all else as is.
    /// The text outputs show a text value so too (watch, explain, diff), so that a line break
    /// in it does not break their lines.
    package static func quoted(_ s: String) -> String {
        "\"" + escaped(s, quotes: true) + "\""
    }

    /// The text with backslashes and control characters escaped as JSON writes them (`\n`,
    /// `\t`, `\u001b`), and its quotes too when `quotes`: a text on one line, for a table
    /// cell (unquoted) or a quoted value. Unicode's other line breaks, at which a terminal or an
    /// editor may break a line, are written so too: `\u0085` (with the other C1 controls),
    /// `\u2028` and `\u2029`.
    package static func escaped(_ s: String, quotes: Bool) -> String {
        guard s.utf8.contains(where: { needsLook($0) || (quotes && $0 == UInt8(ascii: "\"")) }) else { return s }
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"" where quotes: out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if isEscapedControl(scalar) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// A control character or line break written as `\uXXXX`: C0 and C1 controls, and
    /// U+2028 and U+2029 (the line and paragraph separators).
    static func isEscapedControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x80...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    /// Whether a UTF-8 byte may start something `escaped` changes (other than a quote): a C0
    /// control, a backslash, or the lead byte of U+0080–U+00BF or U+2000–U+2FFF.
    @inline(__always)
    package static func needsLook(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\\") || byte == 0xC2 || byte == 0xE2
    }
}

