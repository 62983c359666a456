/// Turns a source file into tokens. Never fails: a character it cannot read becomes a
/// diagnostic and is skipped, so one run reports every problem.
///
/// Line breaks are tokens; the parser skips them inside brackets, so a long formula may
/// continue over several lines inside `( … )`.
package struct Lexer {
    let file: SourceFile
    let bytes: [UInt8]
    var position = 0
    var atLineStart = true
    package private(set) var diagnostics: [Diagnostic] = []

    package init(file: SourceFile) {
        self.file = file
        self.bytes = file.bytes
    }

    package static func tokenize(_ file: SourceFile) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        let lexed = weighed(file)
        return (lexed.tokens, lexed.diagnostics)
    }

    /// `tokenize(_:left:)` against what is left of the memory kalkyl may use.
    package static func weighed(_ file: SourceFile) -> (tokens: [Token], diagnostics: [Diagnostic], tooLarge: Bool) {
        tokenize(file, left: MachineMemory.leftForOneBlock)
    }

    /// The tokens, or as many as were read when the file proved too large to read (`tooLarge`,
    /// with its error in the diagnostics and an end token after the last): every `weighEvery`
    /// tokens, the tokens the whole file would have at the rate so far are weighed at
    /// `bytesPerToken` against what is `left` of the memory, before the array grows past it.
    package static func tokenize(_ file: SourceFile, left: () -> Int) -> (tokens: [Token], diagnostics: [Diagnostic], tooLarge: Bool) {
        var lexer = Lexer(file: file)
        var tokens: [Token] = []
        while true {
            let t = lexer.next()
            tokens.append(t)
            if t.kind == .end { break }
            if tokens.count % weighEvery == 0, let problem = lexer.tooLarge(tokens: tokens.count, left: left()) {
                tokens.append(Token(kind: .end, range: SourceRange(t.range.end, t.range.end)))
                return (tokens, lexer.diagnostics + [problem], true)
            }
        }
        return (tokens, lexer.diagnostics, false)
    }

    /// What a token and what is made of it take at most: the token (40 bytes, and the array's
    /// growth) and its share of the syntax tree and the checked model. Measured: a model of
    /// one-line definitions (`a1=1`, four tokens each) peaks at 470 bytes a token (10 MB at 2.7
    /// GB), a layout of `row x` lines at 130, a list of members at 97 (docs/reliability.md).
    static let bytesPerToken = 512
    static let weighEvery = 1 << 16

    /// The error for a file whose tokens, judged from the `tokens` read so far, would take more
    /// than `left`; nil when they fit.
    func tooLarge(tokens: Int, left: Int) -> Diagnostic? {
        let read = max(1, position), all = Double(tokens) * Double(bytes.count) / Double(read)
        let needed = all * Double(Self.bytesPerToken)
        guard needed > Double(left) else { return nil }
        let judged = read < bytes.count ? ", judged from the first \(read * 100 / bytes.count) % of it" : ""
        return Diagnostic.error("the file is too large to read: its \(ModelSize.grouped(all.rounded())) tokens would take about "
                                + "\(ModelSize.grouped((needed / 1_048_576).rounded(.up))) MiB in memory with what is made of them\(judged), "
                                + "more than the \(DiskSources.mebibytes(left)) MiB left of the \(DiskSources.mebibytes(MachineMemory.available)) MiB kalkyl may use here",
                                at: SourceLocation(file: file, range: SourceRange(0, 0)),
                                hint: "a token (a name, a number, a sign) takes up to \(Self.bytesPerToken) bytes with what is made of it; split the file",
                                code: .modelTooLarge).unreadableFile
    }

    func peek(_ offset: Int = 0) -> UInt8 {
        let i = position + offset
        return i < bytes.count ? bytes[i] : 0
    }

    mutating func next() -> Token {
        while true {
            skipSpaces()
            guard position < bytes.count else {
                return Token(kind: .end, range: SourceRange(bytes.count, bytes.count))
            }
            let start = position
            let c = bytes[position]
            if c == UInt8(ascii: "\n") {
                position += 1
                let wasLineStart = atLineStart
                atLineStart = true
                if wasLineStart { continue }
                return Token(kind: .newline, range: SourceRange(start, start + 1))
            }
            if c == UInt8(ascii: "#") {
                if let error = errorLiteral() {
                    atLineStart = false
                    return Token(kind: .error(error), range: SourceRange(start, position))
                }
                let isLabel = atLineStart && peek(1) == UInt8(ascii: "#")
                while position < bytes.count && bytes[position] != UInt8(ascii: "\n") {
                    if !reportedLineBreakOfSomeEditors() { position += 1 }
                }
                if isLabel {
                    var text = String(decoding: bytes[(start + 2)..<position], as: UTF8.self)
                    text = text.trimmingSpaces()
                    return Token(kind: .label(text), range: SourceRange(start, position))
                }
                continue
            }
            atLineStart = false
            return lexToken(start: start, c: c)
        }
    }

    mutating func skipSpaces() {
        while position < bytes.count {
            let c = bytes[position]
            if reportedLineBreakOfSomeEditors() {
                continue
            } else if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\r") || c == 0x0B || c == 0x0C {
                position += 1
            } else if c == 0xC2 && peek(1) == 0xA0 {   // a non-breaking space pasted from a document
                position += 2
            } else {
                break
            }
        }
    }

    mutating func lexToken(start: Int, c: UInt8) -> Token {
        func single(_ kind: TokenKind, _ length: Int = 1) -> Token {
            position += length
            return Token(kind: kind, range: SourceRange(start, position))
        }
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return lexNumberOrPeriod(start: start)
        case UInt8(ascii: "."):
            if peek(1) == UInt8(ascii: ".") { return single(.dotDot, 2) }
            if isDigit(peek(1)) { return lexNumberOrPeriod(start: start) }
        case UInt8(ascii: "\""):
            return lexString(start: start)
        case UInt8(ascii: "+"): return single(.plus)
        case UInt8(ascii: "-"): return single(.minus)
        case UInt8(ascii: "*"): return single(.star)
        case UInt8(ascii: "/"): return single(.slash)
        case UInt8(ascii: "^"): return single(.caret)
        case UInt8(ascii: "%"): return single(.percent)
        case UInt8(ascii: "&"): return single(.ampersand)
        case UInt8(ascii: "="): return single(.equal)
        case UInt8(ascii: "<"):
            if peek(1) == UInt8(ascii: ">") { return single(.notEqual, 2) }
            if peek(1) == UInt8(ascii: "=") { return single(.lessEqual, 2) }
            return single(.less)
        case UInt8(ascii: ">"):
            if peek(1) == UInt8(ascii: "=") { return single(.greaterEqual, 2) }
            return single(.greater)
        case UInt8(ascii: "("): return single(.leftParen)
        case UInt8(ascii: ")"): return single(.rightParen)
        case UInt8(ascii: "["): return single(.leftBracket)
        case UInt8(ascii: "]"): return single(.rightBracket)
        case UInt8(ascii: "{"): return single(.leftBrace)
        case UInt8(ascii: "}"): return single(.rightBrace)
        case UInt8(ascii: ","): return single(.comma)
        case UInt8(ascii: ":"): return single(.colon)
        case UInt8(ascii: ";"): return single(.semicolon)
        default:
            if isIdentifierStart(at: start) { return lexIdentifier(start: start) }
        }
        // Anything else: report it once for a run of such characters, and go on.
        let scalarEnd = endOfScalar(at: start)
        let text = String(decoding: bytes[start..<scalarEnd], as: UTF8.self)
        var end = scalarEnd
        while end < bytes.count, !isIdentifierStart(at: end), !isPlainASCII(bytes[end]) { end = endOfScalar(at: end) }
        position = end
        let shown = text.unicodeScalars.first.map { $0.value < 0x20 || $0.value == 0xFFFD ? String(format: "U+%04X", $0.value) : "'\(text)'" } ?? "?"
        diagnostics.append(.error("unexpected character \(shown)", at: SourceLocation(file: file, range: SourceRange(start, scalarEnd)),
                                  code: .unexpectedCharacter))
        return next()
    }

    func isPlainASCII(_ c: UInt8) -> Bool { c < 0x80 && (c == 10 || c == 32 || (c > 32 && c < 127)) && !isOtherASCII(c) }
    func isOtherASCII(_ c: UInt8) -> Bool { c == UInt8(ascii: "$") || c == UInt8(ascii: "!") || c == UInt8(ascii: "?") || c == UInt8(ascii: "@") || c == UInt8(ascii: "'") || c == UInt8(ascii: "\\") || c == UInt8(ascii: "`") || c == UInt8(ascii: "|") || c == UInt8(ascii: "~") }

    func endOfScalar(at i: Int) -> Int {
        let c = bytes[i]
        var length = 1
        if c >= 0xF0 { length = 4 } else if c >= 0xE0 { length = 3 } else if c >= 0xC0 { length = 2 }
        return min(bytes.count, i + length)
    }

    func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    /// Letters, `_`, and any non-ASCII letter (å ä ö and the rest of Unicode's letters).
    func isIdentifierStart(at i: Int) -> Bool {
        guard i < bytes.count else { return false }
        let c = bytes[i]
        if c >= 0x80 { return scalarIsLetter(at: i) }
        return (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z")) || c == UInt8(ascii: "_")
    }

    func scalarIsLetter(at i: Int) -> Bool {
        let end = endOfScalar(at: i)
        let s = String(decoding: bytes[i..<end], as: UTF8.self)
        guard let scalar = s.unicodeScalars.first, scalar.value != 0xFFFD else { return false }
        return scalar.properties.isAlphabetic
    }

    mutating func lexIdentifier(start: Int) -> Token {
        while position < bytes.count {
            let c = bytes[position]
            if c >= 0x80 {
                guard scalarIsLetter(at: position) else { break }
                position = endOfScalar(at: position)
            } else if isIdentifierStart(at: position) || isDigit(c) {
                position += 1
            } else if c == UInt8(ascii: ".") && peek(1) != UInt8(ascii: ".") && (isIdentifierStart(at: position + 1) || isDigit(peek(1))) {
                position += 1   // dotted function names such as CEILING.MATH
            } else {
                break
            }
        }
        let name = String(decoding: bytes[start..<position], as: UTF8.self)
        return Token(kind: .identifier(name), range: SourceRange(start, position))
    }

    /// `2021-04` is a period; otherwise a number with optional `_` separators, decimals and exponent.
    mutating func lexNumberOrPeriod(start: Int) -> Token {
        if position + 7 <= bytes.count,
           (0..<4).allSatisfy({ isDigit(bytes[position + $0]) }),
           bytes[position + 4] == UInt8(ascii: "-"),
           isDigit(bytes[position + 5]), isDigit(bytes[position + 6]),
           !(position + 7 < bytes.count && (isDigit(bytes[position + 7]) || isIdentifierStart(at: position + 7) || bytes[position + 7] == UInt8(ascii: "_"))) {
            let year = Int(String(decoding: bytes[position..<(position + 4)], as: UTF8.self)) ?? 0
            let month = Int(String(decoding: bytes[(position + 5)..<(position + 7)], as: UTF8.self)) ?? 0
            position += 7
            if !(1...12).contains(month) {
                diagnostics.append(.error("\(Period.label(year: year, month: month)) is not a month: months run from 01 to 12", at: SourceLocation(file: file, range: SourceRange(start, position)),
                                          code: .notAMonth))
            }
            return Token(kind: .period(year: year, month: month), range: SourceRange(start, position))
        }
        var digits = ""
        var misplacedSeparator = false
        func takeDigits() {
            while position < bytes.count {
                let c = bytes[position]
                if isDigit(c) {
                    digits.append(Character(UnicodeScalar(c)))
                    position += 1
                } else if c == UInt8(ascii: "_") && isDigit(peek(1)) && !digits.isEmpty && digits.last!.isNumber {
                    position += 1
                } else if c == UInt8(ascii: "_") {
                    misplacedSeparator = true
                    position += 1
                } else {
                    break
                }
            }
        }
        takeDigits()
        if peek() == UInt8(ascii: ".") && peek(1) != UInt8(ascii: ".") {
            digits.append(".")
            position += 1
            takeDigits()
        }
        if (peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E")) &&
            (isDigit(peek(1)) || ((peek(1) == UInt8(ascii: "+") || peek(1) == UInt8(ascii: "-")) && isDigit(peek(2)))) {
            digits.append("e")
            position += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") {
                digits.append(Character(UnicodeScalar(peek())))
                position += 1
            }
            takeDigits()
        }
        let range = SourceRange(start, position)
        if misplacedSeparator {
            diagnostics.append(.error("'_' separates digits and must stand between two of them", at: SourceLocation(file: file, range: range),
                                      code: .misplacedDigitSeparator))
        }
        if digits.hasPrefix(".") { digits = "0" + digits }
        if digits.hasSuffix(".") { digits += "0" }
        guard let value = Double(digits), value.isFinite else {
            diagnostics.append(.error("this number is too large for a double", at: SourceLocation(file: file, range: range), code: .numberTooLarge))
            return Token(kind: .number(0), range: range)
        }
        return Token(kind: .number(value), range: range)
    }

    mutating func lexString(start: Int) -> Token {
        position += 1
        var content: [UInt8] = []
        while position < bytes.count {
            let c = bytes[position]
            if c == UInt8(ascii: "\"") {
                if peek(1) == UInt8(ascii: "\"") {
                    content.append(c)
                    position += 2
                    continue
                }
                position += 1
                let text = String(decoding: content, as: UTF8.self)
                // Excel's cells hold 32,767 characters: a longer text could be neither computed
                // as Excel would (#VALUE!) nor written to the workbook.
                if text.utf16.count > 32_767 {
                    diagnostics.append(.error("this text has \(text.utf16.count) characters; an Excel cell holds at most 32767",
                                              at: SourceLocation(file: file, range: SourceRange(start, start + 1)), code: .textTooLong))
                }
                return Token(kind: .string(text), range: SourceRange(start, position))
            }
            if c == UInt8(ascii: "\n") { break }
            // Inside quotes a line break of some editors hides no line: it is part of the text
            // (a member's code may hold one, as a data file's may), escaped wherever printed.
            content.append(c)
            position += 1
        }
        diagnostics.append(.error("this text has no closing '\"'", at: SourceLocation(file: file, range: SourceRange(start, start + 1)), hint: "texts end on the line they start; write \"\" for a quote inside a text",
                                  code: .unclosedText))
        return Token(kind: .string(String(decoding: content, as: UTF8.self)), range: SourceRange(start, position))
    }

    /// A line break to some editors and not to others: NEXT LINE (U+0085), LINE SEPARATOR
    /// (U+2028), PARAGRAPH SEPARATOR (U+2029), or a carriage return without a line feed after
    /// it (a classic Mac line end). Kalkyl's lines end at a line feed only, so after a `#` one of
    /// these hid what an editor shows as the next line (`x = 1 # note` NEL `check x > 0` checked
    /// nothing); it is an error at the character outside a quoted text (in a comment, between
    /// tokens), rather than read one way. Inside quotes it is the text's (`lexString(start:)`).
    /// Reports one at `position` and steps over it; false when there is none there.
    mutating func reportedLineBreakOfSomeEditors() -> Bool {
        let name: String, length: Int
        switch peek() {
        case 0x0D where peek(1) != UInt8(ascii: "\n"):
            (name, length) = ("a carriage return (U+000D) without a line feed after it", 1)
        case 0xC2 where peek(1) == 0x85:
            (name, length) = ("NEXT LINE (U+0085)", 2)
        case 0xE2 where peek(1) == 0x80 && (peek(2) == 0xA8 || peek(2) == 0xA9):
            (name, length) = (peek(2) == 0xA8 ? "LINE SEPARATOR (U+2028)" : "PARAGRAPH SEPARATOR (U+2029)", 3)
        default:
            return false
        }
        diagnostics.append(.error("\(name) is a line break to some editors and not to others; Kalkyl's lines end at a line feed",
                                  at: SourceLocation(file: file, range: SourceRange(position, position + length)),
                                  hint: "replace it with a line feed (a new line) or a space; an editor may show it as a line break where Kalkyl reads on",
                                  code: .lineBreakOfSomeEditors))
        position += length
        return true
    }

    /// `#DIV/0!` and its kin, only when the exact spelling follows the `#`.
    mutating func errorLiteral() -> ExcelError? {
        for e in ExcelError.allCases {
            let spelling = Array(e.spelling.utf8)
            guard position + spelling.count <= bytes.count else { continue }
            var matches = true
            for (i, s) in spelling.enumerated() {
                var b = bytes[position + i]
                if b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") { b -= 32 }
                if b != s { matches = false; break }
            }
            if matches {
                let after = peek(spelling.count)
                if after != 0 && (isIdentifierStart(at: position + spelling.count) || isDigit(after)) { continue }
                position += spelling.count
                return e
            }
        }
        return nil
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
        return String(s)
    }
}
