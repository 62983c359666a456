/// Excel's error values. The raw value orders them as Excel's `ERROR.TYPE` does.
public enum ExcelError: Int, Error, Sendable, CaseIterable, Hashable {
    case null = 1
    case div0 = 2
    case value = 3
    case ref = 4
    case name = 5
    case num = 6
    case na = 7

    /// The spelling Excel shows and accepts in formulas, such as `#DIV/0!`.
    public var spelling: String {
        switch self {
        case .null: "#NULL!"
        case .div0: "#DIV/0!"
        case .value: "#VALUE!"
        case .ref: "#REF!"
        case .name: "#NAME?"
        case .num: "#NUM!"
        case .na: "#N/A"
        }
    }

    /// Reads an Excel error spelling; case-insensitive, as Excel is.
    public init?(spelling: String) {
        let upper = spelling.uppercased()
        guard let found = ExcelError.allCases.first(where: { $0.spelling == upper }) else { return nil }
        self = found
    }
}

/// One cell's value, with Excel's five kinds.
///
/// `blank` is an empty cell: it reads as 0 in arithmetic, "" in text and FALSE in logic,
/// and aggregates skip it.
public enum Value: Sendable, Hashable {
    case number(Double)
    case text(String)
    case bool(Bool)
    case error(ExcelError)
    case blank

    public var isError: Bool {
        if case .error = self { return true }
        return false
    }

    public var number: Double? {
        if case .number(let n) = self { return n }
        return nil
    }

    /// Bit-exact equality: two NaN-free doubles are equal when their bits are, so that
    /// +0 and -0 differ and an incremental result can be compared with a full one.
    public func isIdentical(to other: Value) -> Bool {
        switch (self, other) {
        case (.number(let a), .number(let b)): a.bitPattern == b.bitPattern
        default: self == other
        }
    }
}

extension Value: CustomStringConvertible {
    /// The value as a person reads it in a message: numbers in Excel's general format, a
    /// text in quotes with its line breaks, quotes and backslashes escaped as JSON writes them.
    public var description: String {
        switch self {
        case .number(let n): ExcelNumberText.general(n)
        case .text(let s): JSONNode.quoted(s)
        case .bool(let b): b ? "TRUE" : "FALSE"
        case .error(let e): e.spelling
        case .blank: "(blank)"
        }
    }
}
