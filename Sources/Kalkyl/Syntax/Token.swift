/// The smallest pieces of a model file.
package enum TokenKind: Sendable, Equatable {
    case identifier(String)
    case number(Double)
    /// A month written `2021-04`: year and month.
    case period(year: Int, month: Int)
    case string(String)
    case error(ExcelError)
    /// A `##` line: the label of the next definition.
    case label(String)
    case plus, minus, star, slash, caret, percent, ampersand
    case equal, notEqual, less, lessEqual, greater, greaterEqual
    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
    case comma, colon, semicolon, dotDot
    case newline
    case end
}

package struct Token: Sendable {
    package var kind: TokenKind
    package var range: SourceRange
}

extension TokenKind {
    /// How the token reads in an error message.
    var display: String {
        switch self {
        case .identifier(let s): "'\(s)'"
        case .number: "a number"
        case .period(let y, let m): "the period \(Period.label(year: y, month: m))"
        case .string: "a text"
        case .error(let e): e.spelling
        case .label: "a label"
        case .plus: "'+'"
        case .minus: "'-'"
        case .star: "'*'"
        case .slash: "'/'"
        case .caret: "'^'"
        case .percent: "'%'"
        case .ampersand: "'&'"
        case .equal: "'='"
        case .notEqual: "'<>'"
        case .less: "'<'"
        case .lessEqual: "'<='"
        case .greater: "'>'"
        case .greaterEqual: "'>='"
        case .leftParen: "'('"
        case .rightParen: "')'"
        case .leftBracket: "'['"
        case .rightBracket: "']'"
        case .leftBrace: "'{'"
        case .rightBrace: "'}'"
        case .comma: "','"
        case .colon: "':'"
        case .semicolon: "';'"
        case .dotDot: "'..'"
        case .newline: "the end of the line"
        case .end: "the end of the file"
        }
    }
}
