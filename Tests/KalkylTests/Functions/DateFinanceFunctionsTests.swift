import Testing
@testable import Kalkyl

/// DATE, YEAR, MONTH, DAY, EDATE, EOMONTH and the finance functions, beyond the Excel oracle:
/// the phantom 1900-02-29, months as serials in a model, NPV's range rules.
@Suite struct DateFinanceFunctionsTests {
    typealias A = FArg

    @Test func thePhantomLeapDayOf1900() {
        #expect(callFunction("DATE", A.n(1900), A.n(2), A.n(29)) == .number(60))
        #expect(callFunction("DATE", A.n(1900), A.n(3), A.n(1)) == .number(61))
        #expect(callFunction("DATE", A.n(1900), A.n(1), A.n(0)) == .number(0))
        #expect(callFunction("DAY", A.n(60)) == .number(29))
        #expect(callFunction("MONTH", A.n(60)) == .number(2))
        #expect(callFunction("DAY", A.n(0)) == .number(0))
        #expect(callFunction("YEAR", A.n(2_958_465)) == .number(9999))
        #expect(callFunction("YEAR", A.n(2_958_466)) == .error(.num))
    }

    @Test func datesRoundTripThroughYearMonthDay() {
        for serial in stride(from: 1.0, through: 2_958_465, by: 997) {
            let y = callFunction("YEAR", A.n(serial)), m = callFunction("MONTH", A.n(serial)), d = callFunction("DAY", A.n(serial))
            guard case .number(let yy) = y, case .number(let mm) = m, case .number(let dd) = d else {
                Issue.record("no date for \(serial)"); continue
            }
            #expect(callFunction("DATE", A.n(yy), A.n(mm), A.n(dd)) == .number(serial))
        }
    }

    @Test func monthEndsAndShiftsClampToTheMonth() {
        let jan31 = ExcelDate.serial(year: 2021, month: 1, day: 31)
        #expect(callFunction("EDATE", A.n(jan31), A.n(1)) == .number(ExcelDate.serial(year: 2021, month: 2, day: 28)))
        #expect(callFunction("EOMONTH", A.n(jan31), A.n(13)) == .number(ExcelDate.serial(year: 2022, month: 2, day: 28)))
        #expect(callFunction("EDATE", A.n(jan31), A.b(true)) == .error(.value))
    }

    @Test func monthNumbersOfATimeline() throws {
        let e = try evaluate("""
        timeline monthly 2021-01 .. 2021-12
        n[month] = MONTH(month)
        y[month] = YEAR(month)
        last[month] = EOMONTH(month, 0)
        ago[month] = EDATE(month, -12)
        """)
        #expect(e.numbers("n") == (1...12).map { Double($0) })
        #expect(e.numbers("y") == Array(repeating: 2021, count: 12))
        #expect(e.numbers("last")[1] == ExcelDate.serial(year: 2021, month: 2, day: 28))
        #expect(e.numbers("ago")[0] == ExcelDate.serial(year: 2020, month: 1, day: 1))
    }

    @Test func npvSkipsWhatCellsHoldButCountsWhatIsTyped() {
        // From cells, TRUE and empty cells are skipped and are not periods.
        #expect(callFunction("NPV", A.n(0.1), A.range(.bool(true), .blank, .number(11))) == .number(10))
        // Typed, TRUE is 1 and counts as a period.
        let typed = callFunction("NPV", A.n(1), A.b(true), A.n(4))
        #expect(typed == .number(0.5 + 1))
        #expect(callFunction("NPV", A.n(0.1), A.range(.number(1), .error(.na))) == .error(.na))
        #expect(callFunction("NPV", A.n(-1), A.n(1)) == .error(.div0))
    }

    @Test func annuityFunctionsAgree() {
        // A 10,000 loan over 12 months at 1% a month.
        guard case .number(let pmt) = callFunction("PMT", A.n(0.01), A.n(12), A.n(10_000)) else {
            Issue.record("PMT failed"); return
        }
        #expect(abs(pmt - -888.4878867834166) < 1e-9)
        guard case .number(let pv) = callFunction("PV", A.n(0.01), A.n(12), A.n(pmt)),
              case .number(let n) = callFunction("NPER", A.n(0.01), A.n(pmt), A.n(10_000)),
              case .number(let fv) = callFunction("FV", A.n(0.01), A.n(12), A.n(pmt), A.n(10_000)) else {
            Issue.record("PV, NPER or FV failed"); return
        }
        #expect(abs(pv - 10_000) < 1e-8 && abs(n - 12) < 1e-12 && abs(fv) < 1e-8)
        #expect(callFunction("PMT", A.n(0.01), A.n(0), A.n(100)) == .error(.num))
    }
}
