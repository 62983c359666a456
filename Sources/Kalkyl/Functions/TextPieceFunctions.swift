import Foundation

/// The text functions that cut, find, change and join text: LEFT, RIGHT, MID, LEN, FIND,
/// SEARCH, SUBSTITUTE, UPPER, LOWER, PROPER, TRIM, TEXTJOIN, TEXTBEFORE, TEXTAFTER, VALUE,
/// REPT, EXACT and CHAR, as Excel defines them.
///
/// A value used as text is written as `&` writes it (numbers in the General format, TRUE as
/// "TRUE", an empty cell as ""); the first argument's error wins. Positions and lengths count
/// UTF-16 code units, as Excel's do, and are whole numbers (truncated); a length below 0 or a
/// position below 1 is #VALUE!.
enum TextPieceFunctions {
    /// TEXTBEFORE's and TEXTAFTER's: text, delimiter, [instance_num], [match_mode], [match_end], [if_not_found].
    /// No defaults are filled in: Excel refuses a delimiter longer than the text only when an
    /// instance is written, so a left-out instance is not the same as 1.
    static let textAroundParameters: [Parameter] = [
        .value("text"), .value("delimiter"), .number("instance_num").optional(), .number("match_mode").optional(),
        .number("match_end").optional(), .value("if_not_found").optional(),
    ]

    static let table: [FunctionSpec] = [
        FunctionSpec("LEFT", [.value("text"), .number("num_chars").optional(.number(1))]) { args in
            withText(args[0]) { s in count(args, 1, default: 1) { n in .text(s.prefixUnits(n)) } }
        }.with(units: .text),
        FunctionSpec("RIGHT", [.value("text"), .number("num_chars").optional(.number(1))]) { args in
            withText(args[0]) { s in count(args, 1, default: 1) { n in .text(s.suffixUnits(n)) } }
        }.with(units: .text),
        FunctionSpec("MID", [.value("text"), .number("start_num"), .number("num_chars")]) { args in
            withText(args[0]) { s in
                count(args, 1, default: 1, minimum: 1) { start in
                    count(args, 2, default: 0) { n in .text(s.dropUnits(start - 1).prefixUnits(n)) }
                }
            }
        }.with(units: .text),
        FunctionSpec("LEN", [.value("text")]) { args in withText(args[0]) { s in .number(Double(s.utf16.count)) } }.with(units: .plainNumber),
        FunctionSpec("FIND", [.value("find_text"), .value("within_text"), .number("start_num").optional(.number(1))]) { args in find(args, caseSensitive: true) }.with(units: .plainNumber),
        FunctionSpec("SEARCH", [.value("find_text"), .value("within_text"), .number("start_num").optional(.number(1))]) { args in find(args, caseSensitive: false) }.with(units: .plainNumber),
        FunctionSpec("SUBSTITUTE", [.value("text"), .value("old_text"), .value("new_text"), .number("instance_num").optional()], substitute).with(units: .text),
        FunctionSpec("UPPER", [.value("text")]) { args in withText(args[0]) { .text($0.uppercased()) } }.with(units: .text),
        FunctionSpec("LOWER", [.value("text")]) { args in withText(args[0]) { .text($0.lowercased()) } }.with(units: .text),
        FunctionSpec("PROPER", [.value("text")]) { args in withText(args[0]) { .text(proper($0)) } }.with(units: .text),
        FunctionSpec("TRIM", [.value("text")]) { args in withText(args[0]) { .text(trimmed($0)) } }.with(units: .text),
        FunctionSpec("TEXTJOIN", [.value("delimiter"), .value("ignore_empty")], repeating: [.array("text")], excel: .stored("_xlfn.TEXTJOIN"), textJoin).with(units: .text),
        FunctionSpec("TEXTBEFORE", textAroundParameters, excel: .expression { textAroundExcel(before: true, $0) }) { args in around(args, before: true) }.with(units: .text),
        FunctionSpec("TEXTAFTER", textAroundParameters, excel: .expression { textAroundExcel(before: false, $0) }) { args in around(args, before: false) }.with(units: .text),
        FunctionSpec("VALUE", [.value("text")]) { args in
            switch args[0].scalar {
            case .bool: .error(.value)
            case .text(let s): Coerce.parseNumber(s).map { Value.number($0) } ?? .error(.value)
            case let v: Coerce.number(v).value
            }
        }.with(units: .plainNumber),
        FunctionSpec("REPT", [.value("text"), .number("number_times")]) { args in
            withText(args[0]) { s in
                count(args, 1, default: 0) { n in
                    guard s.utf16.count * n <= TextFunctions.maxLength else { return .error(.value) }
                    return .text(String(repeating: s, count: n))
                }
            }
        }.with(units: .text),
        FunctionSpec("EXACT", [.value("text1"), .value("text2")]) { args in
            withText(args[0]) { a in withText(args[1]) { b in .bool(Array(a.utf16) == Array(b.utf16)) } }
        }.with(units: .plainNumber),
        .number("CHAR") { x in
            let n = Int(exactly: x.rounded(.towardZero)) ?? 0
            guard (1...255).contains(n) else { return .error(.value) }
            return .text(String(windows1252(n)))
        }.with(units: .text),
    ]

    /// The argument as text, or its error.
    static func withText(_ arg: Argument, _ f: (String) -> Value) -> Value {
        switch Coerce.text(arg.scalar) {
        case .success(let s): f(s)
        case .failure(let e): .error(e)
        }
    }

    /// Argument `i` as a whole number (truncated), `default` when left out; below `minimum` is
    /// #VALUE!. Counts are capped at Excel's longest text, which no count can usefully pass.
    static func count(_ args: [Argument], _ i: Int, default value: Int, minimum: Int = 0, _ f: (Int) -> Value) -> Value {
        guard i < args.count else { return f(value) }
        switch ArgumentRules.number(args[i]) {
        case .failure(let e): return .error(e)
        case .success(let x):
            let t = x.rounded(.towardZero)
            guard t >= Double(minimum) else { return .error(.value) }
            return f(Int(min(t, 1e9)))
        }
    }

    /// FIND and SEARCH(find, within, [start]): the position of the first match at or after
    /// start, or #VALUE!. SEARCH ignores case and reads `?` (one character), `*` (any run) and
    /// `~` (the next character as itself).
    static func find(_ args: [Argument], caseSensitive: Bool) -> Value {
        withText(args[0]) { needle in
            withText(args[1]) { haystack in
                count(args, 2, default: 1, minimum: 1) { start in
                    let text = Array(haystack.utf16)
                    guard start <= text.count + 1 else { return .error(.value) }
                    if caseSensitive {
                        let pattern = Array(needle.utf16)
                        guard pattern.count <= text.count else { return .error(.value) }
                        var i = start - 1
                        while i + pattern.count <= text.count {
                            if Array(text[i..<i + pattern.count]) == pattern { return .number(Double(i + 1)) }
                            i += 1
                        }
                        return .error(.value)
                    }
                    let pattern = WildcardPattern(needle)
                    let folded = Array(haystack.lowercased().utf16)
                    // Lower-casing keeps the length of the text in every script Excel knows;
                    // where it does not, search the text as it is.
                    let subject = folded.count == text.count ? folded : text
                    // One pass with a leading `*` tells whether there is a match at all, so a
                    // search that fails costs one pass, not one per position.
                    guard pattern.anywhere.matchesPrefix(subject, at: start - 1) else { return .error(.value) }
                    if pattern.tokens.first == .any { return .number(Double(start)) }
                    for i in (start - 1)...subject.count where pattern.matchesPrefix(subject, at: i) {
                        return .number(Double(i + 1))
                    }
                    return .error(.value)
                }
            }
        }
    }

    /// SUBSTITUTE(text, old, new, [instance]): every occurrence of old, or only the instance-th.
    @Sendable static func substitute(_ args: [Argument]) -> Value {
        withText(args[0]) { text in
            withText(args[1]) { old in
                withText(args[2]) { new in
                    let replace: (Int?) -> Value = { instance in
                        guard !old.isEmpty else { return .text(text) }
                        var out = ""
                        var rest = Substring(text)
                        var seen = 0
                        while let r = rest.range(of: old, options: .literal) {
                            seen += 1
                            out += rest[..<r.lowerBound]
                            out += instance == nil || instance == seen ? new : String(rest[r])
                            rest = rest[r.upperBound...]
                        }
                        out += rest
                        return out.utf16.count > TextFunctions.maxLength ? .error(.value) : .text(out)
                    }
                    guard args.count > 3 else { return replace(nil) }
                    return count(args, 3, default: 1, minimum: 1) { replace($0) }
                }
            }
        }
    }

    /// PROPER: a letter after anything but a letter is upper case, every other letter lower.
    static func proper(_ s: String) -> String {
        var out = ""
        var afterLetter = false
        for c in s {
            out += afterLetter ? c.lowercased() : c.uppercased()
            afterLetter = c.isLetter
        }
        return out
    }

    /// TRIM: spaces off both ends, and runs of spaces inside made one. Only the space
    /// character counts, as in Excel (not tabs or non-breaking spaces).
    static func trimmed(_ s: String) -> String {
        s.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// TEXTJOIN(delimiter, ignore_empty, text1, …): the texts joined with the delimiter; with
    /// ignore_empty, empty texts and empty cells are left out.
    @Sendable static func textJoin(_ args: [Argument]) -> Value {
        withText(args[0]) { delimiter in
            let ignoreEmpty: Bool
            switch Coerce.bool(args[1].scalar) {
            case .success(let b): ignoreEmpty = b
            case .failure(let e): return .error(e)
            }
            var pieces: [String] = []
            for v in ArgumentRules.flattened(Array(args.dropFirst(2))) {
                switch Coerce.text(v) {
                case .failure(let e): return .error(e)
                case .success(let s):
                    if ignoreEmpty && s.isEmpty { continue }
                    pieces.append(s)
                }
            }
            let out = pieces.joined(separator: delimiter)
            return out.utf16.count > TextFunctions.maxLength ? .error(.value) : .text(out)
        }
    }

    /// TEXTBEFORE and TEXTAFTER(text, delimiter, [instance], [match_mode], [match_end],
    /// [if_not_found]): the text before (or after) the instance-th delimiter, counted from the
    /// end when instance is negative. match_mode 1 ignores case; match_end 1 lets the end of
    /// the text (the start, counting from the end) stand for a delimiter. Not found is
    /// if_not_found, or #N/A; instance 0 is #VALUE!.
    static func around(_ args: [Argument], before: Bool) -> Value {
        withText(args[0]) { text in
            withText(args[1]) { delimiter in
                var options = [1.0, 0, 0]
                for i in 2..<min(args.count, 5) {
                    if case .missing = args[i] { continue }
                    switch ArgumentRules.number(args[i]) {
                    case .success(let x): options[i - 2] = x
                    case .failure(let e): return .error(e)
                    }
                }
                // A fractional instance is rounded down: -1.2 is the second from the end.
                let instance = Int(max(-1e9, min(1e9, options[0].rounded(.down))))
                let ignoreCase = options[1], matchEnd = options[2]
                guard instance != 0, ignoreCase == 0 || ignoreCase == 1, matchEnd == 0 || matchEnd == 1 else { return .error(.value) }
                let units = Array(text.utf16)
                let delimiterUnits = Array(delimiter.utf16)
                // Excel refuses an instance it could never find: past the text's length, or a
                // delimiter longer than the text when an instance is asked for.
                guard abs(instance) <= max(units.count, 1),
                      !(args.count > 2 && delimiterUnits.count > units.count) else { return .error(.value) }
                let subject = ignoreCase == 1 ? Array(text.lowercased().utf16) : units
                let pattern = ignoreCase == 1 ? Array(delimiter.lowercased().utf16) : delimiterUnits
                if let (start, end) = occurrence(of: pattern, in: subject, instance: instance, matchEnd: matchEnd == 1),
                   subject.count == units.count {
                    let piece = before ? Array(units[..<start]) : Array(units[end...])
                    return .text(String(decoding: piece, as: UTF16.self))
                }
                guard args.count > 5 else { return .error(.na) }
                let fallback = args[5].scalar
                return fallback == .blank ? .text("") : fallback
            }
        }
    }

    /// TEXTBEFORE and TEXTAFTER are Microsoft 365's: Excel 2016 and LibreOffice 7.4 show #NAME?
    /// for them. With text and delimiter only, the call is written as the expression of FIND,
    /// LEFT and MID that gives the same value in any version (errors of the text, then of the
    /// delimiter, first; #N/A when the delimiter is not found):
    ///
    ///     IF(ISERROR(t),t,IF(ISERROR(d),d,IF(ISNUMBER(FIND(d,t)),LEFT(t,FIND(d,t)-1),NA())))
    ///     IF(ISERROR(t),t,IF(ISERROR(d),d,IF(ISNUMBER(FIND(d,t)),MID(t,FIND(d,t)+LEN(d),LEN(t)),NA())))
    ///
    /// With more arguments it is `_xlfn.TEXTBEFORE(…)` itself, which needs Microsoft 365.
    static func textAroundExcel(before: Bool, _ literals: [String?]) -> ExcelExpression {
        let name = before ? "TEXTBEFORE" : "TEXTAFTER"
        guard literals.count == 2 else {
            var parts: [ExcelExpression.Part] = ["_xlfn.\(name)("]
            for k in literals.indices {
                if k > 0 { parts.append(",") }
                parts.append(.arg(k))
            }
            return ExcelExpression(parts + [")"])
        }
        let found: [ExcelExpression.Part] = ["FIND(", .arg(1), ",", .arg(0), ")"]
        let piece: [ExcelExpression.Part] = before
            ? ["LEFT(", .arg(0), ","] + found + ["-1)"]
            : ["MID(", .arg(0), ","] + found + ["+LEN(", .arg(1), "),LEN(", .arg(0), "))"]
        return ExcelExpression(["IF(ISERROR(", .arg(0), "),", .arg(0), ",IF(ISERROR(", .arg(1), "),", .arg(1), ",IF(ISNUMBER("]
                               + found + ["),"] + piece + [",NA())))"])
    }

    /// Where the instance-th delimiter starts and ends, counting from the end when negative.
    static func occurrence(of pattern: [UInt16], in text: [UInt16], instance: Int, matchEnd: Bool) -> (Int, Int)? {
        var found: [(Int, Int)] = []
        if pattern.isEmpty {
            found = instance > 0 ? [(0, 0)] : [(text.count, text.count)]
        } else if instance > 0 {
            var i = 0
            while i + pattern.count <= text.count, found.count < instance {
                if Array(text[i..<i + pattern.count]) == pattern { found.append((i, i + pattern.count)); i += pattern.count } else { i += 1 }
            }
            if matchEnd { found.append((text.count, text.count)) }
        } else {
            var i = text.count - pattern.count
            while i >= 0, found.count < -instance {
                if Array(text[i..<i + pattern.count]) == pattern { found.append((i, i + pattern.count)); i -= pattern.count } else { i -= 1 }
            }
            if matchEnd { found.append((0, 0)) }
        }
        let k = abs(instance) - 1
        return k < found.count ? found[k] : nil
    }

    /// CHAR's characters: code page 1252, as Excel on Windows and en-US Excel elsewhere. The
    /// five codes it leaves out are the control characters of the same number.
    static func windows1252(_ n: Int) -> Character {
        let high: [Int: UInt32] = [
            128: 0x20AC, 130: 0x201A, 131: 0x0192, 132: 0x201E, 133: 0x2026, 134: 0x2020, 135: 0x2021,
            136: 0x02C6, 137: 0x2030, 138: 0x0160, 139: 0x2039, 140: 0x0152, 142: 0x017D, 145: 0x2018,
            146: 0x2019, 147: 0x201C, 148: 0x201D, 149: 0x2022, 150: 0x2013, 151: 0x2014, 152: 0x02DC,
            153: 0x2122, 154: 0x0161, 155: 0x203A, 156: 0x0153, 158: 0x017E, 159: 0x0178,
        ]
        return Character(Unicode.Scalar(high[n] ?? UInt32(n))!)
    }
}

extension String {
    func prefixUnits(_ n: Int) -> String { String(decoding: utf16.prefix(n), as: UTF16.self) }
    func suffixUnits(_ n: Int) -> String { String(decoding: utf16.suffix(n), as: UTF16.self) }
    func dropUnits(_ n: Int) -> String { String(decoding: utf16.dropFirst(n), as: UTF16.self) }
}
