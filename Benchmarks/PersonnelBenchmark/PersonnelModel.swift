import Foundation
import Kalkyl

/// The benchmark's model: the personnel forecast of issue 3, which the peers were measured
/// on, at N employees read from a staff CSV.
///
/// Per employee 27 formula cells: active (12), cost (12), the row total, variance and
/// variance %. Then headcount and cost per month over all employees (24), their year totals
/// (2) and the cost YTD (12).
///
/// `month_number`, which the issue's `active` formula compares with the start month, is an
/// input per period (1–12), set month by month in the model text. `MONTH(month)` would give
/// the same as 12 more formula cells; the input keeps the cell counts exactly issue 3's.
struct PersonnelModel {
    var staff: StaffList
    /// The payroll overhead as the model text writes it.
    var payrollOverhead = "46.15%"
    var hiringStop = 0
    var stopMonth = 7
    /// Whether the model adds the cost to date per employee (`--recurrence`).
    var recurrence = false

    static let fileName = "personnel.kalkyl"
    static let staffFileName = "staff.csv"

    /// The 27 formula cells per employee and the totals, exactly as issue 3 gives them.
    static let formulas = [
        "active[employee, month] = IF(AND(hiring_stop = 1, start >= stop_month), 0, IF(month_number >= start, 1, 0))",
        "cost[employee, month]: kr = salary * (1 + payroll_overhead) * active",
        "total[employee]: kr = SUM(cost)",
        "variance[employee]: kr = total - budget",
        "variance_pct[employee] = IF(budget = 0, 0, variance / budget)",
        "headcount[month] = SUM(active[employee])",
        "total_cost[month]: kr = SUM(cost[employee])",
        "year_headcount = SUM(headcount)",
        "year_cost: kr = SUM(total_cost)",
        "cost_ytd[month]: kr = YTD(total_cost)",
    ]

    /// A recurrence per employee: each month's cost added to the month before. A salary
    /// update reaches the employee's months from the first one it changes, which an update
    /// recomputes from there on (the other employees' rows are not touched).
    static let recurrenceFormula = "cost_to_date[employee, month]: kr = PREV(cost_to_date, 0) + cost"

    var text: String {
        var lines = [
            "model \"Personnel benchmark, \(staff.employees.count) employees\"",
            "timeline monthly 2021-01 .. 2021-12",
            "dimension employee from \"\(Self.staffFileName)\" key id",
            "input salary[employee]: kr = column monthly_salary",
            "input start[employee] = column start_month",
            "input budget[employee]: kr = column annual_budget",
            "input payroll_overhead = \(payrollOverhead)",
            "input hiring_stop = \(hiringStop)",
            "input stop_month = \(stopMonth)",
            "# the number of each month, for `active`: an input, so the formula cells are issue 3's",
            "input month_number[month] = 1",
        ]
        for m in 2...12 { lines.append("input month_number[2021-\(m < 10 ? "0" : "")\(m)] = \(m)") }
        lines += Self.formulas
        if recurrence { lines.append(Self.recurrenceFormula) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes the staff CSV and the model into `folder` and returns the model's path.
    func write(to folder: String) throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try staff.csv.write(toFile: folder + "/" + Self.staffFileName, atomically: true, encoding: .utf8)
        let path = folder + "/" + Self.fileName
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Loads a written model from disk, reading the CSV; stops the benchmark on any diagnostic.
    static func load(path: String) -> (CheckedModel, EvaluationOrder) {
        let loaded: LoadedModel
        do {
            loaded = try ModelLoader.load(path: path)
        } catch {
            fail("\(error)")
        }
        guard loaded.diagnostics.isEmpty, let model = loaded.model, let order = loaded.order else {
            fail("the generated model does not load cleanly:\n" + DiagnosticRenderer.render(loaded.diagnostics))
        }
        return (model, order)
    }
}

/// Stops the benchmark with a message on stderr and exit code 1.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("kalkyl-bench: " + message + "\n").utf8))
    exit(1)
}
