/// A1-style cell addresses and sheet prefixes, for printing formulas. Rows and columns are 0-based,
/// as everywhere in the wrapper.
public enum XLSXAddress {
    /// Excel's limits: rows `0..<maxRows`, columns `0..<maxColumns`.
    public static let maxRows = 1_048_576
    public static let maxColumns = 16_384

    /// `A`, `B`, … `Z`, `AA`, … `XFD`.
    public static func columnName(_ column: Int) -> String {
        precondition((0..<maxColumns).contains(column), "column \(column) is outside Excel's A…XFD")
        var letters: [Character] = []
        var rest = column + 1
        while rest > 0 {
            let digit = (rest - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + digit))))
            rest = (rest - 1) / 26
        }
        return String(letters.reversed())
    }

    /// `B2`, or `$B$2` when `absolute`.
    public static func cell(row: Int, column: Int, absolute: Bool = false) -> String {
        precondition((0..<maxRows).contains(row), "row \(row) is outside Excel's 1…1048576")
        let dollar = absolute ? "$" : ""
        return "\(dollar)\(columnName(column))\(dollar)\(row + 1)"
    }

    /// `Inputs!`, or `'Result sheet'!` and `'Q1 ''21'!` when the name needs quotes in a formula.
    public static func sheetPrefix(_ sheet: String) -> String {
        if isPlainName(sheet) { return sheet + "!" }
        return "'" + sheet.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'!"
    }

    /// Letters, digits, `_` and `.`, not starting with a digit or `.`, and not readable as a cell.
    static func isPlainName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic || first == "_" else { return false }
        let allowed = name.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "." }
        return allowed && !looksLikeCellReference(name)
    }

    /// True for names Excel could read as a reference: `A1`, `xfd1048576`, `R`, `C`, `R1C1`, `r2`, `C3`.
    /// Conservative: any 1–3 letters followed by digits count, whatever the column.
    static func looksLikeCellReference(_ name: String) -> Bool {
        let scalars = Array(name.uppercased().unicodeScalars)
        func isLetter(_ s: Unicode.Scalar) -> Bool { ("A"..."Z").contains(s) }
        func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }
        // A1 style.
        let letters = scalars.prefix(while: isLetter)
        let digits = scalars.dropFirst(letters.count)
        if (1...3).contains(letters.count), !digits.isEmpty, digits.allSatisfy(isDigit) { return true }
        // R1C1 style: R, C, Rn, Cn, RnCn, RCn, RnC.
        var index = 0
        func skipDigits() { while index < scalars.count, isDigit(scalars[index]) { index += 1 } }
        var sawPart = false
        if index < scalars.count, scalars[index] == "R" { index += 1; skipDigits(); sawPart = true }
        if index < scalars.count, scalars[index] == "C" { index += 1; skipDigits(); sawPart = true }
        return sawPart && index == scalars.count
    }
}
