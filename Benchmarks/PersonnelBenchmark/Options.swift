import Foundation

/// The command line of `kalkyl-bench`.
struct Options {
    static let usage = """
    usage: kalkyl-bench [N ...] [--json] [--runs K] [--updates K] [--zero-budgets FRACTION]
                        [--keep DIR] [--in-process] [--recurrence] [--threads K]
                        [--profile load|eval|salary|overhead|hiring [--repeat K]]
           kalkyl-bench --scenario headline|chain|sumifs|all [N ...] [--json] [--runs K] [--updates K] [--keep DIR]

      N                     employees; default 1000 10000 100000
      --json                one JSON line per N instead of the table
      --runs K              full evaluations per N (default 11); best and median are reported
      --updates K           salary updates per N (default 101); median reported
      --zero-budgets F      the share of employees with a budget of 0 (default 0)
      --keep DIR            write the generated files under DIR/N and keep them
      --in-process          measure every N in this process (default: one child process per
                            N, so that peak memory is that N's alone)
      --recurrence          add a recurrence per employee to the model, the cost to date
                            (cost_to_date = PREV(cost_to_date, 0) + cost: 12 more formula
                            cells per employee), which every salary update reaches
      --threads K           threads an evaluation uses (default: KALKYL_THREADS, else the
                            processors); the identity check's fresh evaluations use one, so
                            every run compares K threads' bits with one thread's
      --profile WHAT        load one N (the first given), evaluate once, then repeat only WHAT
                            (for `perf record`); prints nothing but the time it took
      --repeat K            repetitions for --profile (default 5 loads, 200 evaluations,
                            20,000 salary updates, 200 other updates)
      --scenario NAME       instead of the personnel model, one of formualizer's engine-neutral
                            scenarios written as a Kalkyl model (repeatable; `all` for the three):
                            headline (headline_100k_single_edit), chain (chain_100k), sumifs
                            (sumifs_fact_table_100k), at N rows (default 100000); --updates is
                            then how many times its edits are timed (default 101)
    """

    var sizes: [Int] = []
    var json = false
    var runs = 11
    var salaryUpdates = 101
    var overheadUpdates = 7
    /// Odd, so the stop is on at the end and the identity check covers it.
    var hiringToggles = 9
    var zeroBudgets = 0.0
    var keep: String?
    var inProcess = false
    var recurrence = false
    /// Set in the child processes the parent starts.
    var child = false
    var profile: Profile?
    var repeatCount: Int?
    var threads: Int?
    /// formualizer's scenarios to measure instead of the personnel model (`--scenario`).
    var scenarios: [ScenarioPlan.Kind] = []

    enum Profile: String { case load, eval, salary, overhead, hiring }

    init(_ arguments: [String]) {
        var rest = arguments[...]
        func value(_ flag: String) -> String {
            guard let v = rest.popFirst() else { fail("\(flag) needs a value\n\(Options.usage)") }
            return v
        }
        func number(_ flag: String) -> Int {
            guard let n = Int(value(flag)), n > 0 else { fail("\(flag) needs a positive whole number") }
            return n
        }
        while let arg = rest.popFirst() {
            switch arg {
            case "--json": json = true
            case "--runs": runs = number(arg)
            case "--updates": salaryUpdates = number(arg)
            case "--zero-budgets":
                guard let f = Double(value(arg)), f >= 0, f <= 1 else { fail("--zero-budgets needs a share between 0 and 1") }
                zeroBudgets = f
            case "--keep": keep = value(arg)
            case "--in-process": inProcess = true
            case "--recurrence": recurrence = true
            case "--child": child = true
            case "--profile":
                guard let p = Profile(rawValue: value(arg)) else { fail("--profile takes load, eval, salary, overhead or hiring") }
                profile = p
            case "--repeat": repeatCount = number(arg)
            case "--threads": threads = number(arg)
            case "--scenario":
                let name = value(arg)
                if name == "all" {
                    scenarios += ScenarioPlan.Kind.allCases
                } else {
                    guard let kind = ScenarioPlan.Kind(rawValue: name) else { fail("--scenario takes headline, chain, sumifs or all") }
                    scenarios.append(kind)
                }
            case "-h", "--help":
                print(Options.usage)
                exit(0)
            default:
                guard let n = Int(arg.replacingOccurrences(of: "_", with: "")), n >= 21 else {
                    fail("unknown argument '\(arg)' (N must be at least 21)\n\(Options.usage)")
                }
                sizes.append(n)
            }
        }
        if sizes.isEmpty { sizes = scenarios.isEmpty ? [1_000, 10_000, 100_000] : [100_000] }
    }

    /// The arguments that make a child measure one N the same way.
    func childArguments(for n: Int) -> [String] {
        var args = [String(n), "--child", "--runs", String(runs), "--updates", String(salaryUpdates),
                    "--zero-budgets", String(zeroBudgets)]
        if let keep { args += ["--keep", keep] }
        if recurrence { args.append("--recurrence") }
        if let threads { args += ["--threads", String(threads)] }
        return args
    }

    /// The arguments that make a child measure one scenario at one N the same way.
    func childArguments(for kind: ScenarioPlan.Kind, size n: Int) -> [String] {
        var args = ["--scenario", kind.rawValue, String(n), "--child", "--runs", String(runs), "--updates", String(salaryUpdates)]
        if let keep { args += ["--keep", keep] }
        if let threads { args += ["--threads", String(threads)] }
        return args
    }
}
