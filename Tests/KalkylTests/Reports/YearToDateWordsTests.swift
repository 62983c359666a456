import Foundation
@testable import Kalkyl
import Testing

/// A layout's `{period}` names the months its year to date sums. On a timeline that starts
/// after its fiscal year does (2024-03 .. 2024-12, the calendar year), "Utfall {period}" per
/// June said "Utfall jan–jun" over 400 000, the sum of March–June (red team, session 20,
/// hunt20/t04): YTD sums from the timeline's first month there.
@Suite struct YearToDateWordsTests {
    @Test func aTimelineStartingInTheYearNamesItsFirstMonth() {
        let fromMarch = Timeline(granularity: .monthly, first: 2024 * 12 + 2, count: 10)
        #expect(ReportLanguage.sv.periodWords(3, on: fromMarch)["period"] == "mar–jun")
        #expect(ReportLanguage.sv.periodWords(0, on: fromMarch)["period"] == "mar")
        #expect(ReportLanguage.sv.periodWords(3, on: fromMarch)["per"] == "per juni 2024")
    }

    /// The fiscal year's first month as before: a whole year, a timeline from the year before,
    /// and a fiscal year from July (a timeline from March 2024, June 2025: "jul–jun").
    @Test func aFiscalYearOnTheTimelineStartsIt() {
        let year = Timeline(granularity: .monthly, first: 2024 * 12, count: 12)
        #expect(ReportLanguage.sv.periodWords(5, on: year)["period"] == "jan–jun")
        let twoYears = Timeline(granularity: .monthly, first: 2023 * 12 + 2, count: 22)
        #expect(ReportLanguage.sv.periodWords(15, on: twoYears)["period"] == "jan–jun")
        let fromJuly = Timeline(granularity: .monthly, first: 2024 * 12 + 2, count: 16, fiscalYearStart: 7)
        #expect(ReportLanguage.sv.periodWords(15, on: fromJuly)["period"] == "jul–jun")
        #expect(ReportLanguage.sv.periodWords(3, on: fromJuly)["period"] == "mar–jun")
    }
}
