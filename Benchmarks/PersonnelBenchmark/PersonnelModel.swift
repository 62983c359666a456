import Kalkyl

/// The benchmark's model: the personnel forecast the peers were measured on, at N employees.
struct PersonnelModel {
    let employees: Int

    /// Per employee: active (12), cost (12), the row total, variance and variance % (27 cells);
    /// then headcount and cost per month over all employees, their year totals and the cost YTD.
    var text: String {
        var lines = [
            "model \"Personnel benchmark\"",
            "timeline monthly 2021-01 .. 2021-12",
            "dimension employee = " + (0..<employees).map { "e\($0)" }.joined(separator: ", "),
            "input salary[employee]: kr = 40_000",
            "input start[employee] = 1",
            "input budget[employee]: kr = 500_000",
            "input payroll_overhead = 46.15%",
            "input hiring_stop = 0",
            "input stop_month = 7",
            "input month_number[month] = 1",
        ]
        for m in 2...12 { lines.append("input month_number[2021-\(m < 10 ? "0" : "")\(m)] = \(m)") }
        // Salaries, starts and budgets that differ by employee, set in bulk per group.
        lines += [
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
        return lines.joined(separator: "\n") + "\n"
    }

    func load() -> LoadedModel {
        ModelLoader.load(source: SourceFile(path: "personnel-\(employees).kalkyl", text: text))
    }
}
