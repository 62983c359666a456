/// An array constant as Excel writes it: `{1,2;3,4}` is two rows of two columns, `{"a";"b"}`
/// one column of two rows. Only constants may stand in it (numbers, texts, TRUE, FALSE and
/// errors), as in Excel. Functions that take several values read it row by row.
public struct ArrayConstant: Sendable, Hashable {
    public let rows: Int
    public let columns: Int
    /// The values row by row.
    public let values: [Value]

    public init(rows: Int, columns: Int, values: [Value]) {
        precondition(rows * columns == values.count && rows > 0 && columns > 0, "an array constant is a full rectangle")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// Bit-exact equality, as compiled formulas are compared (`Value.isIdentical`).
    public func isIdentical(to other: ArrayConstant) -> Bool {
        rows == other.rows && columns == other.columns && zip(values, other.values).allSatisfy { $0.isIdentical(to: $1) }
    }

    /// The array as Excel writes it, each value by `element`: `{1,2;3,4}`.
    public func text(_ element: (Value) -> String) -> String {
        var out = "{"
        for r in 0..<rows {
            if r > 0 { out += ";" }
            for c in 0..<columns {
                if c > 0 { out += "," }
                out += element(values[r * columns + c])
            }
        }
        return out + "}"
    }
}
