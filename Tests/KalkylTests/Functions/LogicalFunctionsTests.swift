import Testing
@testable import Kalkyl

@Suite("Logical functions")
struct LogicalFunctionsTests {
    typealias A = FArg

    @Test("IF picks a branch; its condition reads like Excel's")
    func ifFunction() {
        #expect(callFunction("IF", A.b(true), A.n(1), A.n(2)) == .number(1))
        #expect(callFunction("IF", A.n(0), A.n(1), A.n(2)) == .number(2))
        #expect(callFunction("IF", A.b(false), A.n(1)) == .bool(false))
        #expect(callFunction("IF", A.b(false), A.n(1), .missing) == .number(0))
        #expect(callFunction("IF", A.b(true), .missing, A.n(1)) == .number(0))
        #expect(callFunction("IF", A.t("true"), A.n(1), A.n(2)) == .number(1))
        #expect(callFunction("IF", A.t("yes"), A.n(1), A.n(2)) == .error(.value))
        #expect(callFunction("IF", A.blankRef, A.n(1), A.n(2)) == .number(2))
        #expect(callFunction("IF", A.e(.na), A.n(1), A.n(2)) == .error(.na))
        #expect(callFunction("IF", A.b(true), A.n(1), A.e(.div0)) == .number(1), "the other branch's error does not matter")
    }

    @Test("IFERROR and IFNA")
    func errorTraps() {
        #expect(callFunction("IFERROR", A.e(.div0), A.t("x")) == .text("x"))
        #expect(callFunction("IFERROR", A.n(1), A.t("x")) == .number(1))
        #expect(callFunction("IFERROR", A.e(.na), .missing) == .number(0))
        // An empty cell passes through; Excel shows it as 0 when it is a cell's result.
        #expect(callFunction("IFERROR", A.blankRef, A.t("x")) == .blank)
        #expect(callFunction("IFNA", A.e(.na), A.n(1)) == .number(1))
        #expect(callFunction("IFNA", A.e(.div0), A.n(1)) == .error(.div0))
        #expect(callFunction("IFNA", A.t("Hello"), A.n(1)) == .text("Hello"))
    }

    @Test("AND and OR read typed text TRUE/FALSE but skip text in cells")
    func andOr() {
        #expect(callFunction("AND", A.t("TRUE")) == .bool(true))
        #expect(callFunction("AND", A.ref(.text("TRUE"))) == .error(.value))
        #expect(callFunction("AND", A.t(""), A.b(true)) == .bool(true), "other typed text is skipped")
        #expect(callFunction("AND", A.t("")) == .error(.value), "nothing left to judge")
        #expect(callFunction("AND", A.t("1")) == .error(.value))
        #expect(callFunction("AND", A.range(.bool(true), .text("x"), .blank, .number(1))) == .bool(true))
        #expect(callFunction("AND", A.range(.blank)) == .error(.value))
        #expect(callFunction("AND", A.b(false), A.e(.div0)) == .error(.div0), "errors win over an early FALSE")
        #expect(callFunction("AND", A.n(5), A.n(-4)) == .bool(true))
        #expect(callFunction("OR", A.b(false), A.n(2)) == .bool(true))
        #expect(callFunction("OR", A.range(.bool(false), .number(0))) == .bool(false))
        #expect(callFunction("OR", A.ref(.text("Hello")), A.b(true)) == .bool(true))
    }

    @Test("NOT")
    func not() {
        #expect(callFunction("NOT", A.n(0)) == .bool(true))
        #expect(callFunction("NOT", A.n(-1)) == .bool(false))
        #expect(callFunction("NOT", A.t("false")) == .bool(true))
        #expect(callFunction("NOT", A.t("x")) == .error(.value))
        #expect(callFunction("NOT", A.blankRef) == .bool(true))
        #expect(callFunction("NOT", A.e(.na)) == .error(.na))
    }
}
