import Testing
@testable import Kalkyl

@Suite("Information functions")
struct InformationFunctionsTests {
    typealias A = FArg

    @Test("IS functions look at the kind of value and never fail")
    func kinds() {
        #expect(callFunction("ISERROR", A.e(.na)) == .bool(true))
        #expect(callFunction("ISERROR", A.t("#N/A")) == .bool(false))
        #expect(callFunction("ISNA", A.e(.na)) == .bool(true))
        #expect(callFunction("ISNA", A.e(.div0)) == .bool(false))
        #expect(callFunction("ISBLANK", A.blankRef) == .bool(true))
        #expect(callFunction("ISBLANK", A.t("")) == .bool(false))
        #expect(callFunction("ISBLANK", A.n(0)) == .bool(false))
        #expect(callFunction("ISNUMBER", A.t("12")) == .bool(false))
        #expect(callFunction("ISNUMBER", A.ref(.number(12))) == .bool(true))
        #expect(callFunction("ISNUMBER", A.b(true)) == .bool(false))
        #expect(callFunction("ISTEXT", A.t("")) == .bool(true))
        #expect(callFunction("ISTEXT", A.blankRef) == .bool(false))
        #expect(callFunction("ISERROR", A.range(.number(1), .number(2))) == .bool(true),
                "several cells where one value is expected are #VALUE!")
    }

    @Test("NA")
    func na() {
        #expect(callFunction("NA") == .error(.na))
        #expect(FunctionRegistry.lookup("NA")?.maxArgs == 0)
    }
}
