/// A what-if value such as `40,000` or `40.000`, which the `--set` syntax cannot read one way:
/// `--set` takes decimal commas (`x=0,5`) and decimal points (`x=0.5`) alike, so a mark
/// followed by exactly three digits is forty thousand to one reader and forty to another.
/// Data files refuse the same form in a file of the other mark (`NumberReader`); a what-if
/// has no file to tell the mark, so it is refused either way, never guessed.
enum WhatIfNumber {
    /// The message and hint for `value` (the text after `=`), or nil when it reads one way.
    /// A first group of `0` (`0.125`, `-0,250`) is no thousands group, so it reads one way.
    static func ambiguity(_ value: some StringProtocol) -> (message: String, hint: String)? {
        let text = String(value).trimmingCharacters(in: .whitespaces)
        guard let match = text.wholeMatch(of: /[-−]?([1-9][0-9]{0,2})([.,])([0-9]{3})%?/) else { return nil }
        let (whole, mark, fraction) = (match.output.1, match.output.2, match.output.3)
        var decimals = String(fraction)
        while decimals.last == "0" { decimals.removeLast() }
        if decimals.count == 3 { decimals += "0" }
        let asDecimals = decimals.isEmpty ? String(whole) : "\(whole).\(decimals)"
        let name = mark == "," ? "decimal comma" : "decimal point"
        return ("'\(text)' could be read two ways: as \(whole)\(fraction) with '\(mark)' grouping thousands, or as \(asDecimals) with a \(name)",
                "write '\(whole)\(fraction)' or '\(whole) \(fraction)' for \(whole)\(fraction), or '\(asDecimals)' for \(asDecimals)")
    }
}
