/// TEXT_SV's format code as a Swedish controller writes it, read into the en-US code TEXT reads.
///
/// Swedish Excel writes its codes with the Swedish separators: `# ##0,00` is a space between
/// thousands and a decimal comma, and TEXT(1234,5; "# ##0,00") is `1 234,50`. Read as en-US,
/// the same code is a literal space and a thousands comma: TEXT_SV gave `1 235`, a krona figure
/// rounded and its decimals lost. So TEXT_SV reads a code by the separators it is written with:
///
/// - A point among the digit placeholders (`#,##0.00`, `0.0 %`) is en-US, as TEXT_SV read every
///   code before: read as it stands (Swedish Excel has no decimal point).
/// - A space (or a no-break space) between digit placeholders (`# ##0`, `# ##0,00`) is Swedish:
///   the space groups thousands and a comma is the decimal comma.
/// - A comma after a digit placeholder with one, two or four or more placeholders after it
///   (`0,0`, `0,00`) is the decimal comma: en-US puts three between grouping commas.
///
/// A code that reads two ways is nil (TEXT_SV then gives #VALUE!) rather than a guess: a
/// comma with three digit placeholders after it or none, and no point or space to settle it
/// (`#,##0` is `1 235` in en-US and `1234,500` in Swedish Excel; `0,` is thousands or a bare
/// decimal comma), a space right after the last digit placeholder at the end of a section
/// (`# ##0 `, thousands in Swedish Excel), or a point and a grouping space together. A space
/// before other text (`# ##0 kr`) is that text's space, as in Swedish Excel's own currency
/// format. Only sections with digit placeholders are read so: a date code (`yyyy-mm-dd`) and
/// what is quoted, escaped or in brackets stay as written.
enum SwedishFormatCode {
    /// How `code` is written, and the en-US code TEXT reads for it; nil when it reads two ways.
    static func enUS(_ code: String) -> String? {
        let sections = Self.sections(code)
        var point = false, groupingSpace = false, swedishComma = false, ambiguousComma = false
        for section in sections where section.hasDigits {
            for (k, c) in section.chars.enumerated() where !c.quoted {
                if c.char == "." { point = true }
                if isSpace(c.char), section.isDigit(k - 1) {
                    if section.isDigit(k + 1) { groupingSpace = true } else if section.onlySpacesAfter(k) { return nil }
                }
                if c.char == ",", section.isDigit(k - 1) {
                    let after = section.digitRun(from: k + 1)
                    if after == 3 || after == 0 { ambiguousComma = true } else { swedishComma = true }
                }
            }
        }
        if point { return groupingSpace ? nil : code }
        guard groupingSpace || swedishComma else { return ambiguousComma ? nil : code }
        return sections.map { $0.hasDigits ? $0.enUS : $0.text }.joined(separator: ";")
    }

    static func isSpace(_ c: Character) -> Bool { c == " " || c == "\u{A0}" || c == "\u{202F}" }

    /// One character of a section, and whether it stands for itself whatever the locale:
    /// quoted, escaped (`\c`), the character after `_` or `*`, or in brackets (`[$kr-41D]`).
    struct Char { var char: Character; var quoted: Bool }

    struct Section {
        var chars: [Char]
        var text: String { String(chars.map(\.char)) }
        var hasDigits: Bool { chars.indices.contains { isDigit($0) } }

        func isDigit(_ k: Int) -> Bool { chars.indices.contains(k) && !chars[k].quoted && "0#?".contains(chars[k].char) }
        func digitRun(from k: Int) -> Int {
            var n = 0
            while isDigit(k + n) { n += 1 }
            return n
        }
        func onlySpacesAfter(_ k: Int) -> Bool { chars[k...].allSatisfy { !$0.quoted && SwedishFormatCode.isSpace($0.char) } }

        /// The comma as the decimal point, a space between digit placeholders as en-US's
        /// grouping comma; the rest as written.
        var enUS: String {
            var out = ""
            for (k, c) in chars.enumerated() {
                if c.quoted { out.append(c.char) } else if c.char == "," { out.append(".") } else if SwedishFormatCode.isSpace(c.char), isDigit(k - 1), isDigit(k + 1) { out.append(",") } else { out.append(c.char) }
            }
            return out
        }
    }

    /// The code's sections, split at the `;` that are not quoted.
    static func sections(_ code: String) -> [Section] {
        var sections: [Section] = [], current: [Char] = []
        var inQuotes = false, inBrackets = false, escapeNext = false
        for c in code {
            if escapeNext {
                current.append(Char(char: c, quoted: true))
                escapeNext = false
            } else if inQuotes {
                current.append(Char(char: c, quoted: true))
                if c == "\"" { inQuotes = false }
            } else if inBrackets {
                current.append(Char(char: c, quoted: true))
                if c == "]" { inBrackets = false }
            } else if c == ";" {
                sections.append(Section(chars: current))
                current = []
            } else {
                current.append(Char(char: c, quoted: c == "\"" || c == "[" || c == "\\" || c == "_" || c == "*"))
                if c == "\"" { inQuotes = true }
                if c == "[" { inBrackets = true }
                if c == "\\" || c == "_" || c == "*" { escapeNext = true }
            }
        }
        sections.append(Section(chars: current))
        return sections
    }
}
