import Foundation
import KalkylXLSX
import Testing

/// The Calc sheet of the example model as formulas: the first two months, the T1 and year
/// totals, and the single values. A change to how formulas are printed shows up here, readably.
@Suite struct FormulaSnapshotTests {
    static let expected = """
        E4 =IF(E$3<=actuals_through,Inputs!E6,Inputs!E7)
        F4 =IF(F$3<=actuals_through,Inputs!F6,Inputs!F7)
        Q4 =SUM(E4:H4)
        T4 =SUM(E4:P4)
        E5 =IF(hiring_stop=1,0,IF(E$3<=actuals_through,0,Inputs!E8))
        F5 =IF(hiring_stop=1,0,IF(F$3<=actuals_through,0,Inputs!F8))
        Q5 =SUM(E5:H5)
        T5 =SUM(E5:P5)
        E6 =employees_start-E4+E5
        F6 =E6-F4+F5
        Q6 =H6
        T6 =P6
        D7 =avg_salary*(1+payroll_overhead)
        E8 =E6*cost_per_employee
        F8 =F6*cost_per_employee
        Q8 =SUM(E8:H8)
        T8 =SUM(E8:P8)
        E9 =Inputs!E12*cost_per_employee
        F9 =Inputs!F12*cost_per_employee
        Q9 =SUM(E9:H9)
        T9 =SUM(E9:P9)
        E10 =E9-E8
        F10 =F9-F8
        Q10 =SUM(E10:H10)
        T10 =SUM(E10:P10)
        E11 =SUM($E10:E10)
        F11 =SUM($E10:F10)
        Q11 =H11
        T11 =P11
        D12 =$H6-employees_start
        D13 =headcount_change/employees_start
        D14 =SUM($E8:$H8)
        D15 =ROUND(personnel_cost_per_april/personnel_cost_2020_jan_apr-1,2)
        D16 =ROUND($H11/1000000,1)
        D17 =SUM($E8:$P8)
        D18 =SUM($E9:$P9)
        D19 =ROUND((personnel_budget_year-personnel_cost_forecast)/1000000,0)
        D20 =personnel_forecast_variance_mnkr+ROUND((other_costs_forecast_variance+unitemised_forecast_variance)/1000000,0)
        """

    @Test func theExamplesCalcSheetPrintsAsBefore() throws {
        let scratch = try Scratch()
        let path = repositoryRoot.appendingPathComponent("formulas/lansteknik-2021.kalkyl").path
        let exported = try ExportedModel.make(path: path, scenarios: [], output: scratch.path("pack.xlsx"))
        let shown = try exported.workbook.cells(of: "Calc").compactMap { cell -> String? in
            guard let formula = cell.formula, cell.address.wholeMatch(of: /[DEFQT][0-9]+/) != nil else { return nil }
            return "\(cell.address) =\(formula)"
        }
        let expected = Self.expected.split(separator: "\n").map(String.init)
        #expect(shown == expected, "\(zip(shown, expected).first { $0 != $1 }.map { "first difference: \($0.0) vs \($0.1)" } ?? "\(shown.count) lines vs \(expected.count)")")
    }
}
