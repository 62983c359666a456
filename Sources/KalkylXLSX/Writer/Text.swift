/// Checks on text before it becomes a C string inside libxlsxwriter's XML.
enum Text {
    /// Refuses a NUL (C would cut the text there) and, unless `controls` allows them, the C0 control
    /// characters other than tab, line feed and carriage return, and U+FFFE/U+FFFF: libxlsxwriter
    /// writes formulas, cached results, names and properties into XML without escaping them, which
    /// would make the file unreadable.
    static func requireXMLSafe(_ text: String, what: String, _ operation: @autoclosure () -> String) throws {
        // The refused characters are bytes below 0x20 or start with 0xEF in UTF-8: most text has
        // neither and needs no closer look (a formula per cell, a million times).
        let suspicious: (UInt8) -> Bool = { $0 < 0x20 || $0 == 0xEF }
        let clean = text.utf8.withContiguousStorageIfAvailable { bytes in !bytes.contains(where: suspicious) }
        if clean ?? !text.utf8.contains(where: suspicious) { return }
        for scalar in text.unicodeScalars where !isXMLSafe(scalar) {
            let code = String(scalar.value, radix: 16, uppercase: true)
            throw XLSXError.invalid(operation(), "\(what) cannot contain the character U+\(String(repeating: "0", count: max(0, 4 - code.count)))\(code)")
        }
    }

    /// Whether UTF-8 bytes hold none of the characters ``requireXMLSafe(_:what:_:)`` refuses:
    /// the same quick look at the bytes; a false answer may be a false alarm (an 0xEF that
    /// starts a harmless character), for the String check to settle.
    static func isXMLSafe(utf8 bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { isXMLSafe(utf8: $0) }
    }

    static func isXMLSafe(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // No early exit: the loop over a formula's few dozen bytes vectorizes.
        var suspicious: UInt8 = 0
        for byte in bytes { suspicious |= (byte < 0x20 ? 1 : 0) | (byte == 0xEF ? 1 : 0) }
        return suspicious == 0
    }

    /// Refuses only NUL: for text that libxlsxwriter escapes itself (cell strings).
    static func requireNoNUL(_ text: String, what: String, _ operation: @autoclosure () -> String) throws {
        // A cell's text is read straight from its storage when it has one (a row's labels, a million times).
        if text.utf8.withContiguousStorageIfAvailable({ $0.contains(0) }) ?? text.utf8.contains(0) {
            throw XLSXError.invalid(operation(), "\(what) cannot contain the character U+0000")
        }
    }

    static func isXMLSafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: true
        case 0x00..<0x20, 0xFFFE, 0xFFFF: false
        default: true
        }
    }

    /// Excel compares sheet and defined names without regard to case.
    static func nameKey(_ name: String) -> String { name.lowercased() }
}
