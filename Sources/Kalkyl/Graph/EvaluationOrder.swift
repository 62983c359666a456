/// The order in which definitions are computed, worked out once per model.
///
/// Definitions that only depend on others are computed a whole block at a time. A group
/// that refers to itself through earlier periods (`employees = PREV(employees, start) - departures`,
/// `departures = PREV(employees, start) * rate`) is computed period by period. Anything else
/// that refers to itself is a circular definition, reported with its whole path.
public struct EvaluationOrder: Sendable {
    enum Step: Sendable, Equatable {
        /// Compute every cell of one definition at once.
        case block(Int)
        /// Compute these definitions period by period, in this order within each period.
        case stepwise([Int])
    }

    var steps: [Step]
    /// For each slot, the slots that depend on it directly (for incremental recompute).
    var dependents: [[Int]]
    /// Each slot's position in `steps`.
    var stepOfSlot: [Int]

    /// Orders the model, or reports each cycle as `file:line:col: error: circular definition: a -> b -> a`.
    public static func build(_ model: CheckedModel) -> (EvaluationOrder?, [Diagnostic]) {
        let n = model.definitions.count
        var edges = [[Dependency]](repeating: [], count: n)
        var dependents = [[Int]](repeating: [], count: n)
        for (slot, d) in model.definitions.enumerated() {
            edges[slot] = d.dependencies
            for dep in Set(d.dependencies.map(\.slot)) { dependents[dep].append(slot) }
        }
        let components = stronglyConnectedComponents(n: n) { edges[$0].map(\.slot) }
        var steps: [Step] = []
        var diagnostics: [Diagnostic] = []
        for component in components {   // dependencies come out first
            let members = Set(component)
            let selfLoop = component.count == 1 && edges[component[0]].contains { $0.slot == component[0] }
            if component.count == 1 && !selfLoop {
                steps.append(.block(component[0]))
                continue
            }
            // A computed forecast is computed with its line's block, never period by period.
            let forecastInCycle = component.contains { model.definitions[$0].forecastFormula != nil }
            if forecastInCycle, let cycle = Optional(findCycle(in: component, members: members, edges: edges) { _ in true }) {
                diagnostics.append(cycleDiagnostic(cycle, model: model))
                continue
            }
            if let cycle = illegalCycle(component, members: members, edges: edges, model: model) {
                diagnostics.append(cycleDiagnostic(cycle, model: model))
                continue
            }
            // Only earlier periods and same-period links remain; same-period links must not loop.
            guard let ordered = topologicalOrder(component, members: members, edges: edges) else {
                let cycle = findCycle(in: component, members: members, edges: edges) { if case .shifted(_, 0) = $0 { true } else { false } }
                diagnostics.append(cycleDiagnostic(cycle, model: model))
                continue
            }
            steps.append(.stepwise(ordered))
        }
        guard diagnostics.isEmpty else { return (nil, diagnostics) }
        var stepOfSlot = [Int](repeating: 0, count: n)
        for (i, step) in steps.enumerated() {
            switch step {
            case .block(let s): stepOfSlot[s] = i
            case .stepwise(let ss): for s in ss { stepOfSlot[s] = i }
            }
        }
        return (EvaluationOrder(steps: steps, dependents: dependents, stepOfSlot: stepOfSlot), [])
    }

    /// A cycle through anything but a look back in time, if the component has one.
    static func illegalCycle(_ component: [Int], members: Set<Int>, edges: [[Dependency]], model: CheckedModel) -> [Int]? {
        let scalarMember = component.first { !model.definitions[$0].isSeries }
        let badEdge: (Dependency) -> Bool = { dep in
            switch dep {
            case .shifted(_, let offset): offset > 0
            case .scalar, .fixed, .window: true
            }
        }
        let hasBad = component.contains { s in edges[s].contains { members.contains($0.slot) && badEdge($0) } }
        guard scalarMember != nil || hasBad else { return nil }
        return findCycle(in: component, members: members, edges: edges) { _ in true }
    }

    /// Same-period order inside a component, or nil if same-period links form a loop.
    static func topologicalOrder(_ component: [Int], members: Set<Int>, edges: [[Dependency]]) -> [Int]? {
        var indegree: [Int: Int] = [:]
        var users: [Int: [Int]] = [:]
        for s in component {
            indegree[s, default: 0] += 0
            for dep in Set(edges[s]) {
                if case .shifted(let t, 0) = dep, members.contains(t), t != s {
                    indegree[s, default: 0] += 1
                    users[t, default: []].append(s)
                } else if case .shifted(let t, 0) = dep, t == s {
                    return nil
                }
            }
        }
        var ready = component.filter { indegree[$0] == 0 }.sorted()
        var order: [Int] = []
        while let s = ready.first {
            ready.removeFirst()
            order.append(s)
            for u in users[s] ?? [] {
                indegree[u]! -= 1
                if indegree[u] == 0 { ready.append(u) }
            }
        }
        return order.count == component.count ? order : nil
    }

    /// A closed path through `edges` accepted by `use`, found by an iterative depth-first search.
    static func findCycle(in component: [Int], members: Set<Int>, edges: [[Dependency]], use: (Dependency) -> Bool) -> [Int] {
        var color: [Int: Int] = [:]   // 1 on the path, 2 done
        for start in component.sorted() where color[start] == nil {
            var path: [Int] = []
            var stack: [(node: Int, next: Int)] = [(start, 0)]
            color[start] = 1
            path.append(start)
            while !stack.isEmpty {
                let (node, next) = stack[stack.count - 1]
                let out = edges[node].filter { members.contains($0.slot) && use($0) }.map(\.slot)
                if next < out.count {
                    stack[stack.count - 1].next += 1
                    let target = out[next]
                    if color[target] == 1, let at = path.firstIndex(of: target) {
                        return Array(path[at...]) + [target]
                    }
                    if color[target] == nil {
                        color[target] = 1
                        path.append(target)
                        stack.append((target, 0))
                    }
                } else {
                    color[node] = 2
                    path.removeLast()
                    stack.removeLast()
                }
            }
        }
        return component + [component[0]]
    }

    static func cycleDiagnostic(_ cycle: [Int], model: CheckedModel) -> Diagnostic {
        let names = cycle.map { model.definitions[$0].name }
        let first = model.definitions[cycle[0]]
        let series = cycle.allSatisfy { model.definitions[$0].isSeries }
        let hint = series ? "a series may use its own earlier periods: PREV(\(first.name), start) or \(first.name)[\(model.timeline.axisName)-1]" : nil
        return .error("circular definition: \(names.joined(separator: " -> "))", at: first.location, hint: hint, code: .cycle)
    }

    /// Tarjan's algorithm without recursion; components come out dependencies first.
    static func stronglyConnectedComponents(n: Int, successors: (Int) -> [Int]) -> [[Int]] {
        var index = [Int](repeating: -1, count: n)
        var low = [Int](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var stack: [Int] = []
        var components: [[Int]] = []
        var counter = 0
        for root in 0..<n where index[root] < 0 {
            var work: [(node: Int, successors: [Int], next: Int)] = [(root, successors(root), 0)]
            index[root] = counter; low[root] = counter; counter += 1
            stack.append(root); onStack[root] = true
            while !work.isEmpty {
                let top = work.count - 1
                let v = work[top].node
                if work[top].next < work[top].successors.count {
                    let w = work[top].successors[work[top].next]
                    work[top].next += 1
                    if index[w] < 0 {
                        index[w] = counter; low[w] = counter; counter += 1
                        stack.append(w); onStack[w] = true
                        work.append((w, successors(w), 0))
                    } else if onStack[w] {
                        low[v] = min(low[v], index[w])
                    }
                } else {
                    work.removeLast()
                    if let parent = work.last?.node { low[parent] = min(low[parent], low[v]) }
                    if low[v] == index[v] {
                        var component: [Int] = []
                        while true {
                            let w = stack.removeLast()
                            onStack[w] = false
                            component.append(w)
                            if w == v { break }
                        }
                        components.append(component.sorted())
                    }
                }
            }
        }
        return components
    }
}
