/// A value in JSON as `eval`'s output writes it (docs/cli.md): a number, a string, a boolean,
/// an error as its Excel spelling, blank as null. JSON cannot tell an error from a text that
/// spells one, so a string reads back as an error when it is exactly an error's spelling.
extension Value: Codable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let x): try container.encode(x)
        case .text(let s): try container.encode(s)
        case .bool(let b): try container.encode(b)
        case .error(let e): try container.encode(e.spelling)
        case .blank: try container.encodeNil()
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .blank
        } else if let b = try? container.decode(Bool.self) {
            self = .bool(b)
        } else if let x = try? container.decode(Double.self) {
            self = .number(x)
        } else {
            let s = try container.decode(String.self)
            self = ExcelError.allCases.first { $0.spelling == s }.map(Value.error) ?? .text(s)
        }
    }
}

/// An object whose keys keep an order: a model's names, a dimension's members. Encoded as a
/// JSON object in that order; decoded in the order the decoder gives its keys.
public struct OrderedEntries<Element: Codable & Sendable>: Codable, Sendable {
    public var entries: [(key: String, value: Element)]

    public init(_ entries: [(key: String, value: Element)]) { self.entries = entries }

    public subscript(key: String) -> Element? { entries.first { $0.key == key }?.value }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: NameKey.self)
        for (key, value) in entries { try container.encode(value, forKey: NameKey(key)) }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: NameKey.self)
        entries = try container.allKeys.map { ($0.stringValue, try container.decode(Element.self, forKey: $0)) }
    }
}
