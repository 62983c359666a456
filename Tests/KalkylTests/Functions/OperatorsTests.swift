import Testing
@testable import Kalkyl

@Suite("Operators")
struct OperatorsTests {
    func op(_ o: BinaryOperator, _ a: Value, _ b: Value) -> Value { Operators.binary(o, a, b) }

    @Test("arithmetic coerces operands and the left failure wins")
    func arithmetic() {
        #expect(op(.add, .number(1), .text("2")) == .number(3))
        #expect(op(.add, .bool(true), .bool(true)) == .number(2))
        #expect(op(.add, .blank, .blank) == .number(0))
        #expect(op(.multiply, .text("3"), .number(4)) == .number(12))
        #expect(op(.add, .text("a"), .number(1)) == .error(.value))
        #expect(op(.add, .error(.div0), .error(.na)) == .error(.div0))
        #expect(op(.add, .text("x"), .error(.na)) == .error(.value))
        #expect(op(.subtract, .error(.na), .text("x")) == .error(.na))
        #expect(op(.divide, .number(1), .number(0)) == .error(.div0))
        #expect(op(.divide, .number(0), .number(0)) == .error(.div0))
        #expect(op(.divide, .number(7), .blank) == .error(.div0))
        #expect(op(.multiply, .number(1e308), .number(10)) == .error(.num))
        #expect(same(op(.add, .number(0.1), .number(0.2)), .number(0.30000000000000004)), "sums stay IEEE")
    }

    @Test("power is POWER")
    func power() {
        #expect(op(.power, .number(0), .number(0)) == .error(.num))
        #expect(op(.power, .number(2), .number(-1)) == .number(0.5))
        #expect(op(.power, .number(-8), .number(1.0 / 3)) == .error(.num))
        #expect(op(.power, .number(2), .number(48)) == .number(281_474_976_710_656))
        #expect(op(.power, .text("2"), .bool(true)) == .number(2))
    }

    @Test("negation and percent")
    func unary() {
        #expect(Operators.negate(.text("3")) == .number(-3))
        #expect(same(Operators.negate(.blank), .number(0)))
        #expect(Operators.negate(.text("x")) == .error(.value))
        #expect(Operators.negate(.error(.na)) == .error(.na))
        #expect(Operators.percent(.number(50)) == .number(0.5))
        #expect(Operators.percent(.text("50")) == .number(0.5))
        #expect(Operators.percent(.bool(true)) == .number(0.01))
    }

    @Test("& writes numbers in the General format")
    func concat() {
        #expect(op(.concat, .number(1), .text("")) == .text("1"))
        #expect(op(.concat, .bool(true), .number(1)) == .text("TRUE1"))
        #expect(op(.concat, .blank, .blank) == .text(""))
        #expect(op(.concat, .number(0.1 + 0.2), .blank) == .text("0.3"))
        #expect(op(.concat, .number(1e21), .blank) == .text("1E+21"))
        #expect(op(.concat, .number(1e20), .blank) == .text("100000000000000000000"))
        #expect(op(.concat, .number(123_456_789_012_345_680), .blank) == .text("123456789012346000"))
        #expect(op(.concat, .number(1.5e-10), .blank) == .text("1.5E-10"))
        #expect(op(.concat, .number(-0.000000001), .blank) == .text("-0.000000001"))
        #expect(op(.concat, .text("9"), .error(.div0)) == .error(.div0))
        #expect(op(.concat, .error(.na), .error(.div0)) == .error(.na))
    }

    @Test("comparisons order numbers < text < booleans and ignore case")
    func comparisonKinds() {
        #expect(op(.less, .number(1e300), .text("")) == .bool(true))
        #expect(op(.less, .text("zzz"), .bool(false)) == .bool(true))
        #expect(op(.equal, .text("1"), .number(1)) == .bool(false))
        #expect(op(.greater, .bool(true), .number(1)) == .bool(true))
        #expect(op(.equal, .text("ADAM"), .text("adam")) == .bool(true))
        #expect(op(.less, .text("ADAM"), .text("ADAM1")) == .bool(true))
        #expect(op(.less, .text("abc"), .text("bc")) == .bool(true))
        #expect(op(.less, .bool(false), .bool(true)) == .bool(true))
        #expect(op(.equal, .error(.na), .error(.na)) == .error(.na))
        #expect(op(.equal, .number(1), .error(.div0)) == .error(.div0))
    }

    @Test("an empty cell compares as 0, \"\" or FALSE")
    func comparisonBlank() {
        #expect(op(.equal, .blank, .number(0)) == .bool(true))
        #expect(op(.equal, .blank, .text("")) == .bool(true))
        #expect(op(.equal, .blank, .bool(false)) == .bool(true))
        #expect(op(.equal, .blank, .blank) == .bool(true))
        #expect(op(.less, .blank, .number(1)) == .bool(true))
        #expect(op(.greater, .number(0), .blank) == .bool(false))
        #expect(op(.less, .text("a"), .blank) == .bool(false))
    }

    @Test("numbers compare at 15 significant digits")
    func comparisonPrecision() {
        #expect(op(.equal, .number(0.1 + 0.2), .number(0.3)) == .bool(true))
        #expect(op(.greater, .number(0.1 + 0.2), .number(0.3)) == .bool(false))
        #expect(op(.equal, .number(1), .number(1.0000000000000002)) == .bool(true))
        #expect(op(.equal, .number(1), .number(1.00000000000001)) == .bool(false))
        #expect(op(.less, .number(1), .number(1.00000000000001)) == .bool(true))
        #expect(op(.notEqual, .number(-2.5), .number(-0.27)) == .bool(true))
    }
}
