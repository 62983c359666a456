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

    /// The message and hint for a value that is only a number in brackets (`(4250)`, `(4 250,50)`,
    /// `(2%)`), or nil: a formula's brackets make it positive, while a report, and a data file,
    /// writes a negative amount so, and `--set x=(4250)` set +4250 with exit 0 (red team,
    /// session 18, hunt18/t02). It is refused, never guessed.
    static func bracketed(_ value: some StringProtocol) -> (message: String, hint: String)? {
        let text = String(value).trimmingCharacters(in: .whitespaces)
        guard let match = text.wholeMatch(of: /\(\s*([0-9][0-9 \u{00A0}\u{202F}_]*(?:[.,][0-9]+)?\s*%?)\s*\)/) else { return nil }
        let number = String(match.output.1).trimmingCharacters(in: .whitespaces)
        return ("'\(text)' could be read two ways: as \(number) in a formula's brackets, or as -\(number) as a report writes a negative amount",
                "write '-\(number)' for a negative amount, or '\(number)'")
    }
}
