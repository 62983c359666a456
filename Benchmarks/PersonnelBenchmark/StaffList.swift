/// A deterministic random sequence (Knuth's MMIX linear congruential generator): the same
/// seed gives the same staff list on every machine, so runs can be compared.
struct LCG {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// The next 31 random bits (the high bits, which are the good ones in an LCG).
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 33
    }

    /// A number in `range`, near enough to uniform for a benchmark.
    mutating func uniform(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool {
        Double(next()) < p * Double(UInt64(1) << 31)
    }
}

/// One row of the staff CSV.
struct Employee {
    let id: String
    /// Monthly salary in öre, so the file and the model text write it exactly.
    var salaryOre: Int
    /// The month (1–12) the employee starts; 1 for everyone employed before the year.
    let startMonth: Int
    /// The year's budget for the employee, in whole kronor; 0 for some when asked.
    let annualBudget: Int
}

/// The staff of the benchmark: N employees with salaries, start months and budgets that
/// differ, as an HR system exports them.
struct StaffList {
    var employees: [Employee]

    /// Salaries 24,000–64,000 kr (one in five with 50 öre), 60 % employed from January and
    /// the rest starting in February–December (so about a fifth start in or after July, which
    /// the hiring stop holds back), budgets within -5 %…+8 % of the planned cost.
    /// `zeroBudgets` is the share of employees whose budget is 0.
    init(count: Int, seed: UInt64 = 2021, zeroBudgets: Double = 0) {
        var random = LCG(seed: seed)
        employees = (0..<count).map { i in
            let salaryOre = (24_000 + 50 * random.uniform(0...800)) * 100 + (random.uniform(0...4) == 0 ? 50 : 0)
            let start = random.chance(0.6) ? 1 : random.uniform(2...12)
            let plannedCost = Double(salaryOre) / 100 * 1.4615 * Double(13 - start)
            let factor = 0.95 + Double(random.uniform(0...1300)) / 10_000
            var budget = Int((plannedCost * factor / 1000).rounded()) * 1000
            if zeroBudgets > 0 && random.chance(zeroBudgets) { budget = 0 }
            return Employee(id: "e\(i)", salaryOre: salaryOre, startMonth: start, annualBudget: budget)
        }
    }

    /// How many employees start in or after `month`.
    func startingFrom(_ month: Int) -> Int { employees.count { $0.startMonth >= month } }

    /// The CSV as a Swedish HR export writes it: `;` between fields, a decimal comma and
    /// thousands grouped by spaces (`41 250,50`).
    var csv: String {
        var out = "id;monthly_salary;start_month;annual_budget\n"
        out.reserveCapacity(employees.count * 40)
        for e in employees {
            out += e.id
            out += ";"
            out += Self.swedish(e.salaryOre / 100)
            if e.salaryOre % 100 != 0 { out += ",\(e.salaryOre % 100 < 10 ? "0" : "")\(e.salaryOre % 100)" }
            out += ";\(e.startMonth);"
            out += Self.swedish(e.annualBudget)
            out += "\n"
        }
        return out
    }

    /// Whole kronor with thousands grouped by spaces: `1 234 567`.
    static func swedish(_ kronor: Int) -> String {
        let digits = String(kronor)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += " " }
            out.append(c)
        }
        return out
    }

    /// A salary in the model language's and `--set`'s syntax: `41250.5`.
    static func modelNumber(ore: Int) -> String {
        ore % 100 == 0 ? String(ore / 100) : "\(ore / 100).\(ore % 100 < 10 ? "0" : "")\(ore % 100)"
    }
}
