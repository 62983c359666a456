/// The `Encoder` behind `JSONNode.init`: containers write into shared builders, so a nested
/// container's entries land where it was opened, in the order they were encoded.
final class NodeEncoder: Encoder {
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var built: Builder?

    init(codingPath: [any CodingKey]) { self.codingPath = codingPath }

    /// What a value encoded to; an encoder nothing was written to gives an empty object.
    var result: JSONNode { built?.node ?? .object([]) }

    func encodeValue(_ value: some Encodable) throws {
        if let node = NodeEncoder.primitive(value) {
            built = .value(node)
        } else {
            try value.encode(to: self)
        }
    }

    /// Numbers, strings and booleans as they are written, without going through `encode(to:)`.
    static func primitive(_ value: Any) -> JSONNode? {
        switch value {
        case let x as Double: .number(NumberText.exact(x))
        case let x as Float: .number(NumberText.exact(Double(x)))
        case let n as Int: .number(String(n))
        case let n as Int64: .number(String(n))
        case let n as Int32: .number(String(n))
        case let n as UInt: .number(String(n))
        case let n as UInt64: .number(String(n))
        case let s as String: .string(s)
        case let b as Bool: .bool(b)
        default: nil
        }
    }

    func child(_ value: some Encodable, key: (any CodingKey)?) throws -> Builder {
        let encoder = NodeEncoder(codingPath: codingPath + (key.map { [$0] } ?? []))
        try encoder.encodeValue(value)
        return encoder.built ?? .object(ObjectBuilder())
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let object: ObjectBuilder
        if case .object(let existing)? = built { object = existing } else { object = ObjectBuilder(); built = .object(object) }
        return KeyedEncodingContainer(KeyedContainer<Key>(encoder: self, object: object))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let array: ArrayBuilder
        if case .array(let existing)? = built { array = existing } else { array = ArrayBuilder(); built = .array(array) }
        return UnkeyedContainer(encoder: self, array: array)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleContainer(encoder: self) }


    /// A value being built: done, or a container still taking entries.
    enum Builder {
        case value(JSONNode)
        case object(ObjectBuilder)
        case array(ArrayBuilder)

        var node: JSONNode {
            switch self {
            case .value(let node): node
            case .object(let o): .object(o.entries.map { JSONNode.Entry(key: $0.0, value: $0.1.node) })
            case .array(let a): .array(a.items.map(\.node))
            }
        }
    }

    final class ObjectBuilder {
        var entries: [(String, Builder)] = []
        func set(_ key: String, _ value: Builder) {
            if let k = entries.firstIndex(where: { $0.0 == key }) { entries[k].1 = value } else { entries.append((key, value)) }
        }
    }

    final class ArrayBuilder {
        var items: [Builder] = []
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: NodeEncoder
    let object: NodeEncoder.ObjectBuilder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil(forKey key: Key) throws { object.set(key.stringValue, .value(.null)) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        object.set(key.stringValue, try encoder.child(value, key: key))
    }

    // A nil optional is written as null: the contract's objects keep every key.
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try encodeOptional(value, key) }

    private mutating func encodeOptional<T: Encodable>(_ value: T?, _ key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = NodeEncoder(codingPath: codingPath + [key])
        let container = nested.container(keyedBy: keyType)
        object.set(key.stringValue, nestedBuilder(nested))
        return container
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = NodeEncoder(codingPath: codingPath + [key])
        let container = nested.unkeyedContainer()
        object.set(key.stringValue, nestedBuilder(nested))
        return container
    }

    mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let nested = NodeEncoder(codingPath: codingPath + [key])
        let object = NodeEncoder.ObjectBuilder()
        nested.built = .object(object)
        self.object.set(key.stringValue, .object(object))
        return nested
    }

    private func nestedBuilder(_ nested: NodeEncoder) -> NodeEncoder.Builder { nested.built ?? .value(.null) }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: NodeEncoder
    let array: NodeEncoder.ArrayBuilder
    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { array.items.count }

    mutating func encodeNil() throws { array.items.append(.value(.null)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        array.items.append(try encoder.child(value, key: IndexKey(index: count)))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = NodeEncoder(codingPath: codingPath + [IndexKey(index: count)])
        let container = nested.container(keyedBy: keyType)
        array.items.append(nested.built ?? .value(.null))
        return container
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = NodeEncoder(codingPath: codingPath + [IndexKey(index: count)])
        let container = nested.unkeyedContainer()
        array.items.append(nested.built ?? .value(.null))
        return container
    }

    mutating func superEncoder() -> any Encoder {
        let nested = NodeEncoder(codingPath: codingPath + [IndexKey(index: count)])
        let object = NodeEncoder.ObjectBuilder()
        nested.built = .object(object)
        array.items.append(.object(object))
        return nested
    }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let encoder: NodeEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.built = .value(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.built = try encoder.child(value, key: nil)
    }
}

/// The key of an array element in a coding path.
private struct IndexKey: CodingKey {
    let index: Int
    var stringValue: String { String(index) }
    var intValue: Int? { index }
    init(index: Int) { self.index = index }
    init?(stringValue: String) { return nil }
    init?(intValue: Int) { index = intValue }
}

/// A key spelt at run time, for objects keyed by names and members.
package struct NameKey: CodingKey {
    package let stringValue: String
    package var intValue: Int? { nil }
    package init(_ name: String) { stringValue = name }
    package init?(stringValue: String) { self.stringValue = stringValue }
    package init?(intValue: Int) { return nil }
}
