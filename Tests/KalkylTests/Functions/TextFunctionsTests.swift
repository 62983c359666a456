import Testing
@testable import Kalkyl

@Suite("Text functions")
struct TextFunctionsTests {
    typealias A = FArg

    @Test("CONCAT writes every kind of value as Excel does")
    func concat() {
        #expect(callFunction("CONCAT", A.n(1), A.b(true), A.blankRef, A.t("x")) == .text("1TRUEx"))
        #expect(callFunction("CONCAT", A.range(.number(1.5), .text("a"), .bool(false), .blank)) == .text("1.5aFALSE"))
        #expect(callFunction("CONCAT", A.n(1.0 / 3)) == .text("0.333333333333333"))
        #expect(callFunction("CONCAT", A.n(0.1 + 0.2), A.n(-0.5)) == .text("0.3-0.5"))
        #expect(callFunction("CONCAT", A.t("a"), A.e(.na), A.e(.div0)) == .error(.na))
        #expect(callFunction("CONCAT", A.range(.text("a"), .error(.ref))) == .error(.ref))
        #expect(callFunction("CONCAT", A.t(String(repeating: "a", count: 32_767)), A.t("b")) == .error(.value))
        if case .stored(let name)? = FunctionRegistry.lookup("CONCAT")?.excel { #expect(name == "_xlfn.CONCAT") } else { Issue.record("CONCAT is stored as _xlfn.CONCAT") }
    }

    @Test("CONCATENATE takes single values only")
    func concatenate() {
        #expect(callFunction("CONCATENATE", A.t("hey "), .missing, A.t(":)")) == .text("hey :)"))
        #expect(callFunction("CONCATENATE", A.n(1), A.t("p"), A.b(true)) == .text("1pTRUE"))
        #expect(callFunction("CONCATENATE", A.range(.text("a"), .text("b"))) == .error(.value))
        #expect(FunctionRegistry.lookup("CONCATENATE")?.acceptsRanges == false)
    }
}
