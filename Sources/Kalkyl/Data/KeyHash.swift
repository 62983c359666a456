/// Hashes of keys and member names taken from their UTF-8 bytes, that agree with `String`'s
/// equality: names that `==` holds equal get one hash, so a table hashed this way finds what a
/// `Dictionary` of `String`s finds, at a fraction of the cost for the ASCII keys data files
/// are made of (`Hasher` set up and finished per name was a sixth of a cold start).
///
/// `String` compares by Unicode canonical equivalence, so a name that is not ASCII can still
/// equal one that is: three scalars are canonically one ASCII character each (U+037E GREEK
/// QUESTION MARK is `;`, U+1FEF GREEK VARIA is `` ` ``, U+212A KELVIN SIGN is `K`), and no
/// other scalar or sequence decomposes to ASCII alone (`KeyHashTests` checks every scalar).
/// A name holding one of them is hashed as its ASCII spelling when that is all ASCII; any other
/// name with a byte past ASCII equals no ASCII name and keeps `String`'s own hash.
enum KeyHash {
    /// The hash of a name, equal for names that `==` holds equal.
    static func exact(_ name: String) -> Int { hash(name, folding: false) }

    /// The hash of a name's folded spelling (`KeyIndex.fold`: lower case, no spaces), equal
    /// for names whose folded spellings `==` holds equal.
    static func folded(_ name: String) -> Int {
        var name = name
        if let hash = name.withUTF8({ isASCII($0) ? bytes($0, folding: true) : nil }) { return hash }
        return hash(KeyIndex.fold(name), folding: true)
    }

    /// The hash of ASCII bytes, as `exact` or `folded` gives it for the same text.
    @inline(__always)
    static func bytes(_ text: UnsafeBufferPointer<UInt8>, folding: Bool) -> Int {
        // FNV-1a, then a finishing mix so that the low bits a table uses depend on every byte.
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for var b in text {
            if folding {
                if isASCIISpace(b) { continue }
                if b &- 0x41 < 26 { b |= 0x20 }
            }
            h = (h ^ UInt64(b)) &* 0x100_0000_01b3
        }
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        return Int(truncatingIfNeeded: h)
    }

    /// The characters `KeyIndex.fold` drops in ASCII: space, tab, line feed, vertical tab, form feed, return.
    @inline(__always)
    static func isASCIISpace(_ b: UInt8) -> Bool { b == 0x20 || b &- 0x09 < 5 }

    @inline(__always)
    static func isASCII(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in text where b >= 0x80 { return false }
        return true
    }

    /// The ASCII character a scalar is canonically equivalent to, if any.
    static func asciiEquivalent(of scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x037E: ";"
        case 0x1FEF: "`"
        case 0x212A: "K"
        default: nil
        }
    }

    private static func hash(_ name: String, folding: Bool) -> Int {
        var name = name
        if let hash = name.withUTF8({ isASCII($0) ? bytes($0, folding: folding) : nil }) { return hash }
        guard name.unicodeScalars.contains(where: { asciiEquivalent(of: $0) != nil }) else { return name.hashValue }
        var spelled = String.UnicodeScalarView()
        for scalar in name.unicodeScalars { spelled.append(asciiEquivalent(of: scalar) ?? scalar) }
        var ascii = String(spelled)
        return ascii.withUTF8 { isASCII($0) ? bytes($0, folding: folding) : nil } ?? name.hashValue
    }
}
