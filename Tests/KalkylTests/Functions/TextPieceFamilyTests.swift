import Testing
@testable import Kalkyl

@Suite("Text: cutting, finding, changing and joining")
struct TextPieceFamilyTests {
    typealias A = FArg

    @Test("LEFT, RIGHT, MID and LEN count characters as Excel does")
    func pieces() {
        #expect(callFunction("LEFT", A.t("Länsteknik")) == .text("L"))
        #expect(callFunction("LEFT", A.t("Länsteknik"), A.n(3.9)) == .text("Län"))
        #expect(callFunction("RIGHT", A.n(2021), A.n(2)) == .text("21"), "a number is its General text")
        #expect(callFunction("MID", A.t("Länsteknik"), A.n(4), A.n(100)) == .text("steknik"))
        #expect(callFunction("MID", A.t("abc"), A.n(0), A.n(1)) == .error(.value))
        #expect(callFunction("LEFT", A.t("abc"), A.n(-1)) == .error(.value))
        #expect(callFunction("LEN", A.t("園田 直子  ")) == .number(7))
        #expect(callFunction("LEN", A.e(.na)) == .error(.na))
    }

    @Test("FIND is exact; SEARCH ignores case and reads wildcards")
    func findAndSearch() {
        #expect(callFunction("FIND", A.t("ana"), A.t("Banana"), A.n(3)) == .number(4))
        #expect(callFunction("FIND", A.t("B"), A.t("abc")) == .error(.value))
        #expect(callFunction("SEARCH", A.t("B"), A.t("abc")) == .number(2))
        #expect(callFunction("SEARCH", A.t("n?i"), A.t("Einstein")) == .error(.value))
        #expect(callFunction("SEARCH", A.t("s*n"), A.t("Einstein")) == .number(4))
        #expect(callFunction("SEARCH", A.t("~*"), A.t("Ho*la")) == .number(3))
        #expect(callFunction("FIND", A.t(""), A.t("abc"), A.n(2)) == .number(2))
        #expect(callFunction("FIND", A.t("a"), A.t("abc"), A.n(5)) == .error(.value))
    }

    @Test("a long pattern of stars finds or fails at once")
    func searchIsLinear() {
        let text = String(repeating: "a", count: 5_000)
        #expect(callFunction("SEARCH", A.t("*a*a*a*a*a*a*b"), A.t(text)) == .error(.value))
    }

    @Test("SUBSTITUTE, UPPER, LOWER, PROPER, TRIM, REPT and EXACT")
    func changes() {
        #expect(callFunction("SUBSTITUTE", A.t("a-b-c"), A.t("-"), A.t("+")) == .text("a+b+c"))
        #expect(callFunction("SUBSTITUTE", A.t("a-b-c"), A.t("-"), A.t("+"), A.n(2)) == .text("a-b+c"))
        #expect(callFunction("SUBSTITUTE", A.t("a-b-c"), A.t("-"), A.t("+"), A.n(0)) == .error(.value))
        #expect(callFunction("UPPER", A.t("åäö")) == .text("ÅÄÖ"))
        #expect(callFunction("LOWER", A.t("Nät OCH Ö")) == .text("nät och ö"))
        #expect(callFunction("LOWER", A.b(true)) == .text("true"), "TRUE as text is \"TRUE\"")
        #expect(callFunction("LOWER", A.e(.div0)) == .error(.div0))
        #expect(callFunction("PROPER", A.t("2nd ÅR i rad")) == .text("2Nd År I Rad"))
        #expect(callFunction("TRIM", A.t("  a   b ")) == .text("a b"))
        #expect(callFunction("REPT", A.t("ab"), A.n(2.9)) == .text("abab"))
        #expect(callFunction("REPT", A.t("ab"), A.n(20_000)) == .error(.value), "longer than a cell holds")
        #expect(callFunction("EXACT", A.n(1), A.t("1")) == .bool(true))
        #expect(callFunction("EXACT", A.t("a"), A.t("A")) == .bool(false))
    }

    @Test("TEXTJOIN joins values and ranges, leaving out empty ones when asked")
    func textJoin() {
        #expect(callFunction("TEXTJOIN", A.t(", "), A.b(true), A.range(.text("a"), .blank, .text(""), .number(2)), A.b(false))
                == .text("a, 2, FALSE"))
        #expect(callFunction("TEXTJOIN", A.t("-"), A.b(false), A.range(.text("a"), .blank)) == .text("a-"))
        #expect(callFunction("TEXTJOIN", A.t("-"), A.b(false), A.range(.text("a"), .error(.ref))) == .error(.ref))
    }

    @Test("TEXTBEFORE and TEXTAFTER count instances from either end")
    func beforeAndAfter() {
        let s = A.t("Drift/Nät/Städ")
        #expect(callFunction("TEXTBEFORE", s, A.t("/")) == .text("Drift"))
        #expect(callFunction("TEXTAFTER", s, A.t("/"), A.n(-1)) == .text("Städ"))
        #expect(callFunction("TEXTBEFORE", s, A.t("/"), A.n(-1)) == .text("Drift/Nät"))
        #expect(callFunction("TEXTAFTER", s, A.t("x")) == .error(.na))
        #expect(callFunction("TEXTAFTER", s, A.t("x"), A.n(1), A.n(0), A.n(0), A.t("-")) == .text("-"))
        #expect(callFunction("TEXTAFTER", s, A.t("NÄT"), A.n(1), A.n(1)) == .text("/Städ"), "match_mode 1 ignores case")
        #expect(callFunction("TEXTBEFORE", s, A.t("x"), A.n(1), A.n(0), A.n(1)) == .text("Drift/Nät/Städ"), "match_end")
        #expect(callFunction("TEXTBEFORE", s, A.t("/"), A.n(0)) == .error(.value))
    }

    @Test("VALUE reads numbers, percents and ISO dates, and CHAR is code page 1252")
    func valueAndChar() {
        #expect(callFunction("VALUE", A.t("1,234.5")) == .number(1234.5))
        #expect(callFunction("VALUE", A.t("40%")) == .number(0.4))
        #expect(callFunction("VALUE", A.t("2021-04-01")) == .number(44287))
        #expect(callFunction("VALUE", A.b(true)) == .error(.value))
        #expect(callFunction("VALUE", A.t("")) == .error(.value))
        #expect(callFunction("CHAR", A.n(65)) == .text("A"))
        #expect(callFunction("CHAR", A.n(128)) == .text("€"))
        #expect(callFunction("CHAR", A.n(0)) == .error(.value))
        #expect(callFunction("CHAR", A.n(256)) == .error(.value))
    }

    @Test("TEXTBEFORE and TEXTAFTER with two arguments export as FIND, LEFT and MID; with more, as themselves")
    func textAroundExport() {
        func written(_ name: String, _ count: Int) -> String {
            guard case .expression(let define)? = FunctionRegistry.lookup(name)?.excel else { return "" }
            return define(Array(repeating: nil, count: count)).parts.map { part in
                switch part {
                case .text(let s): s
                case .argument(let k, _): "$\(k)"
                }
            }.joined()
        }
        #expect(written("TEXTBEFORE", 2) == "IF(ISERROR($0),$0,IF(ISERROR($1),$1,IF(ISNUMBER(FIND($1,$0)),LEFT($0,FIND($1,$0)-1),NA())))")
        #expect(written("TEXTAFTER", 2) == "IF(ISERROR($0),$0,IF(ISERROR($1),$1,IF(ISNUMBER(FIND($1,$0)),MID($0,FIND($1,$0)+LEN($1),LEN($0)),NA())))")
        #expect(written("TEXTAFTER", 3) == "_xlfn.TEXTAFTER($0,$1,$2)")
    }
}
