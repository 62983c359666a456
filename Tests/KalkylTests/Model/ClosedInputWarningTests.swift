@testable import Kalkyl
import Testing

/// A model that states its closed month only as an input (`input actuals_through = 2021-04`)
/// and takes actuals up to it by a formula is warned when actuals are entered for a later
/// month: the formula never reads them, so the year to date is wrong without a word.
@Suite struct ClosedInputWarningTests {
    func model(closed: String, extra: String = "") -> String {
        """
        timeline monthly 2021-01 .. 2021-12
        input actuals_through = \(closed)
        input flow actual_leavers[month]: persons = 0
        input actual_leavers[2021-01 .. 2021-04] = 1
        \(extra)
        input flow forecast_leavers[month]: persons = 2
        departures[month]: persons = IF(month <= actuals_through, actual_leavers, forecast_leavers)

        """
    }

    @Test func actualsAfterTheClosedMonthAreWarnedAbout() {
        let found = diagnostics(of: model(closed: "2021-04", extra: "input actual_leavers[2021-05] = 3"))
        #expect(found.count == 1)
        let warning = found.first
        #expect(warning?.severity == .warning)
        #expect(warning?.message == "actual_leavers holds actuals for 2021-05, after the closed month 2021-04 (actuals_through); departures reads them only up to it")
        #expect(warning?.hint == "roll forward: input actuals_through = 2021-05")
        #expect(warning?.location?.line == 5, "at the statement that sets the late month")
    }

    @Test func theRollForwardSilencesIt() {
        #expect(diagnostics(of: model(closed: "2021-05", extra: "input actual_leavers[2021-05] = 3")).isEmpty)
        #expect(diagnostics(of: model(closed: "2021-04")).isEmpty)
        // A zero entered for a later month is no figure.
        #expect(diagnostics(of: model(closed: "2021-04", extra: "input actual_leavers[2021-05] = 0")).isEmpty)
    }

    /// `month > closed` takes the forecast first: the actuals are in the other branch.
    @Test func theTestMayBeWrittenEitherWay() {
        let text = """
        timeline monthly 2021-01 .. 2021-06
        input closed = 2021-02
        input utfall[month]: kr = 0
        input utfall[2021-01 .. 2021-04] = 10
        input plan[month]: kr = 5
        prognos[month]: kr = IF(month > closed, plan, utfall)

        """
        let found = diagnostics(of: text)
        #expect(found.map(\.message) == ["utfall holds actuals for 2021-03, 2021-04, after the closed month 2021-02 (closed); prognos reads them only up to it"])
    }

    /// The twin, K0328: the file read into the actual input has no row for the closed month
    /// (its export not saved), so the formula takes July as empty without a word.
    @Test func aClosedMonthWithNoRowInTheFileReadIntoTheActualInputIsWarnedAbout() throws {
        func found(_ closed: String) throws -> [Diagnostic] {
            let model = """
            timeline monthly 2024-01 .. 2024-12
            input closed = \(closed)
            input utfall[month]: kr = data "gl.csv" long period period amount belopp sum missing 0
            input plan[month]: kr = 100
            prognos[month]: kr = IF(month <= closed, utfall, plan)

            """
            let files = ["/mem/m.kalkyl": model, "/mem/gl.csv": "period;belopp\n202405;110\n202406;120\n"]
            return try ModelLoader.load(path: "/mem/m.kalkyl", sources: MemorySources(files, fallback: nil)).diagnostics
        }
        let july = try found("2024-07")
        #expect(july.map(\.message) == ["gl.csv holds no actuals for 2024-07, closed (closed = 2024-07); its last row is for 2024-06, so prognos takes that month as empty"])
        #expect(july.map(\.code) == [.closedMonthWithoutActuals])
        #expect(july.first?.location?.line == 3, "at the input the file is read into")
        #expect(july.first?.hint == "add the closed months' rows to gl.csv, or move closed back")
        #expect(try found("2024-06").isEmpty)
        #expect(try found("2024-09").first?.message.hasPrefix("gl.csv holds no actuals for 2024-07, 2024-08, 2024-09, closed") == true)
    }

    /// With rows after the closed month, the last row is not the one before it: both are named.
    @Test func aClosedMonthBetweenRowsIsNamedBetweenThem() throws {
        let model = """
            timeline monthly 2024-01 .. 2024-12
            input closed = 2024-07
            input utfall[month]: kr = data "gl.csv" long period period amount belopp sum missing 0
            input plan[month]: kr = 100
            prognos[month]: kr = IF(month <= closed, utfall, plan)

            """
        let files = ["/mem/m.kalkyl": model, "/mem/gl.csv": "period;belopp\n202405;110\n202409;120\n"]
        let found = try ModelLoader.load(path: "/mem/m.kalkyl", sources: MemorySources(files, fallback: nil)).diagnostics
        #expect(found.filter { $0.code == .closedMonthWithoutActuals }.map(\.message) == [
            "gl.csv holds no actuals for 2024-06, 2024-07, closed (closed = 2024-07); its last row before 2024-07 is for 2024-05, "
                + "and its next for 2024-09, so prognos takes those months as empty",
        ])
    }
}
