/// How a data file is written: its separator, its decimal mark and its text encoding.
///
/// ERP and HR systems export the same table in several dialects. A Swedish Excel or
/// Raindance export writes `konto;belopp` and `1 234,50`; an English export writes
/// `konto,belopp` and `1,234.50` (quoted). Kalkyl settles the dialect once per file and reads
/// every cell by it, so a cell written in the other dialect is an error rather than a guess.
package struct DataFormat: Sendable, Equatable {
    /// The character between fields.
    package enum Separator: Character, Sendable, CaseIterable {
        case semicolon = ";"
        case comma = ","
        case tab = "\t"

        var byte: UInt8 { UInt8(ascii: rawValue.unicodeScalars.first!) }

        /// How a message names it.
        var spelled: String { self == .tab ? "tab" : "'\(rawValue)'" }
    }

    /// The character before the decimals of a number.
    package enum DecimalMark: Character, Sendable {
        case comma = ","
        case point = "."

        /// The other mark, which may only group thousands.
        var other: Character { self == .comma ? "." : "," }
        var name: String { self == .comma ? "decimal comma" : "decimal point" }
    }

    /// The encoding the bytes were read in.
    package enum Encoding: String, Sendable {
        case utf8 = "UTF-8"
        case utf8WithBOM = "UTF-8 with BOM"
        case windows1252 = "Windows-1252"
        case utf16LittleEndian = "UTF-16LE"
        case utf16BigEndian = "UTF-16BE"
        /// A SIE file's code page (`#FORMAT PC8`), which only a SIE file is read in (`SIEStream`).
        case ibm437 = "IBM 437"
    }

    /// Why the decimal mark is what it is, so an error about a contradicting cell can say so.
    package enum DecimalSource: Sendable, Equatable {
        /// The caller said so.
        case given
        /// Most numbers with a decimal part wrote it this way (or as many as the other way, and
        /// the separator agreed); the first cell that shows it is kept.
        case data(SourceRange)
        /// No number in the file showed a decimal part, so the separator decided: `;` and tab
        /// mean a Swedish export (decimal comma), `,` an English one (decimal point).
        case separator
    }

    package var separator: Separator
    package var decimalMark: DecimalMark
    package var encoding: Encoding
    package var decimalSource: DecimalSource

    package init(separator: Separator, decimalMark: DecimalMark, encoding: Encoding = .utf8, decimalSource: DecimalSource = .given) {
        self.separator = separator
        self.decimalMark = decimalMark
        self.encoding = encoding
        self.decimalSource = decimalSource
    }
}

/// What the caller knows about a file's dialect; anything left nil is detected.
package struct DataReadOptions: Sendable, Equatable {
    package var separator: DataFormat.Separator?
    package var decimalMark: DataFormat.DecimalMark?

    package init(separator: DataFormat.Separator? = nil, decimalMark: DataFormat.DecimalMark? = nil) {
        self.separator = separator
        self.decimalMark = decimalMark
    }

    /// Detect everything.
    package static let detect = DataReadOptions()
}
