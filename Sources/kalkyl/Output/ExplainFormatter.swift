import Foundation
import Kalkyl

/// Prints an `Explanation` as a tree for people (`table`); its JSON is `ExplainReport`.
///
/// The tree gives each cell as `name[members, period] = value unit — label`, then on the
/// next line where the value comes from (`= formula`, or the input statement that set it),
/// then the cells it reads, indented with `├─`, `│` and `└─`. A range (SUM's argument, a YTD
/// window) is one line with its cell count, its first cells below it, and how many more.
///
struct ExplainFormatter {
    let evaluation: Evaluation
    let explanation: Explanation
    /// The `--set` what-ifs as typed, for the heading.
    var whatIfs: [String] = []

    var model: CheckedModel { evaluation.model }

    // MARK: The tree

    func renderTable() -> String {
        let decimals = decimalsBySlot()
        var out = model.name
        if let scenario = evaluation.scenario {
            out += " — scenario \(scenario.name)" + (scenario.label.map { " (\($0))" } ?? "")
        }
        if !whatIfs.isEmpty { out += " — with " + whatIfs.map { "--set \($0)" }.joined(separator: ", ") }
        out += "\n\n"
        var lines: [String] = []
        cellLines(explanation.root, lead: "", childLead: "", decimals: decimals, into: &lines)
        out += lines.joined(separator: "\n") + "\n"
        if let origin = explanation.errorOrigin {
            out += "\n" + originLines(origin, decimals: decimals).joined(separator: "\n") + "\n"
        }
        return out
    }

    /// A cell's line, its source line, then its precedents. `lead` starts the cell's line;
    /// `childLead` starts every line below it.
    /// In a range, whose line gives the label and the formula once, `inRange` leaves them out.
    func cellLines(_ node: ExplainedCell, lead: String, childLead: String, decimals: [Int: Int], inRange: Bool = false,
                   into lines: inout [String]) {
        lines.append(lead + heading(node, decimals: decimals, label: !inRange))
        let children = node.expansion == .expanded ? node.precedents : []
        var showsSource = node.expansion != .shownAbove
        if inRange, case .formula = node.source { showsSource = false }
        if showsSource {
            for text in sourceText(node.source).split(separator: "\n") {
                lines.append(childLead + (children.isEmpty ? "  " : "│ ") + text)
            }
        }
        for (k, precedent) in children.enumerated() {
            let last = k == children.count - 1
            precedentLines(precedent, lead: childLead + (last ? "└─ " : "├─ "), childLead: childLead + (last ? "   " : "│  "),
                           decimals: decimals, into: &lines)
        }
    }

    func precedentLines(_ p: Precedent, lead: String, childLead: String, decimals: [Int: Int], into lines: inout [String]) {
        switch p.kind {
        case .period:
            lines.append(lead + p.reference + " = " + periodText(p.period ?? 0) + " (the period)")
            return
        case .outsideTimeline:
            let side = (p.period ?? 0) < 0 ? "before" : "after"
            lines.append(lead + p.reference + " is \(side) the timeline, so \(ExcelError.ref.spelling)")
            return
        default:
            break
        }
        if p.cellCount == 1, let only = p.cells.first {
            cellLines(only, lead: lead, childLead: childLead, decimals: decimals, into: &lines)
            return
        }
        var title: String
        switch p.kind {
        case .yearToDate: title = "YTD over " + p.reference
        case .tertialToDate: title = "TTD over " + p.reference
        case .quarterToDate: title = "QTD over " + p.reference
        case .rolling(let n): title = "ROLLING(\(n)) over " + p.reference
        default: title = p.reference
        }
        title += ": " + count(p.cellCount, "cell")
        if p.errorCount > 0 { title += ", " + count(p.errorCount, "error") }
        // The cells of a range share a definition: its label and formula go on the range's line.
        if let first = p.cells.first {
            if let label = model.definitions[first.cell.slot].label { title += " — " + label }
        }
        lines.append(lead + title)
        if let first = p.cells.first, case .formula = first.source {
            lines.append(childLead + "│ " + sourceText(first.source))
        }
        let more = p.omittedCount
        for (k, cell) in p.cells.enumerated() {
            if k == p.firstCellCount {
                lines.append(childLead + "├─ … further on, " + (p.cells.count - k == 1 ? "a cell that holds" : "cells that hold") + " an error:")
            }
            let last = k == p.cells.count - 1 && more == 0
            cellLines(cell, lead: childLead + (last ? "└─ " : "├─ "), childLead: childLead + (last ? "   " : "│  "),
                      decimals: decimals, inRange: true, into: &lines)
        }
        if more > 0 {
            let errorsLeft = p.errorCount - p.cells.filter(\.value.isError).count
            lines.append(childLead + "└─ … " + HumanNumbers.format(Double(more), decimals: 0) + " more"
                         + (errorsLeft > 0 ? ", " + count(errorsLeft, "error") + " among them" : ""))
        }
    }

    /// `employees[2021-04] = 131 persons — Antal anställda`
    func heading(_ node: ExplainedCell, decimals: [Int: Int], label: Bool = true) -> String {
        let d = model.definitions[node.cell.slot]
        var text = node.reference + " = " + valueText(node.value, slot: node.cell.slot, decimals: decimals)
        if label, let label = d.label { text += " — " + label }
        if let names = memberNames(node) { text += (label && d.label != nil ? " · " : " — ") + names }
        switch node.expansion {
        case .shownAbove: text += " (shown above)"
        case .sizeLimit: text += " (not expanded: the explanation is at its size limit; explain this cell on its own)"
        default: break
        }
        return text
    }

    /// `411010 VC Centrum, 5010 Lokalhyra`: the cell's members with their names, nil when
    /// none of its dimensions has names.
    func memberNames(_ node: ExplainedCell) -> String? {
        let dimensions = model.definitions[node.cell.slot].dimensions
        guard dimensions.contains(where: { !model.dimensions[$0].descriptions.isEmpty }) else { return nil }
        return model.memberTitles(of: node.cell.slot, member: node.cell.member).joined(separator: ", ")
    }

    func sourceText(_ source: CellSource) -> String {
        switch source {
        case .formula(let f):
            return "= " + f.text
        case .input(let input):
            let line = input.location.map { "line \($0.line)" } ?? ""
            switch input.setBy {
            case .definition, .assignment:
                guard let cell = input.data else { return line + ": " + input.text }
                if !cell.summed.isEmpty {
                    // Every row behind the figure, so that each can be found in the file.
                    return line + ": " + input.text + "\n" + "the sum of \(cell.summed.count) rows of \(cell.path) (\(cell.header)):\n"
                        + cell.summed.map { "  \(cell.path):\($0.line):\($0.column)" }.joined(separator: "\n")
                }
                return line + ": " + input.text + "\n" + "read from \(cell.path):\(cell.line):\(cell.column) (\(cell.header))"
            case .scenario(let name): return "scenario \(name), \(line): \(input.text)"
            case .whatIf: return "--set " + input.text
            }
        case .actual(let overlay):
            let month = overlay.actual.period.map(model.timeline.label) ?? ""
            return "= the actual, since \(month) is closed (actuals through \(model.timeline.label(overlay.actualsThrough)))"
        }
    }

    /// `#DIV/0! starts at ratio[2021-03]: 1 / headcount`, then what that cell reads.
    func originLines(_ origin: ErrorOrigin, decimals: [Int: Int]) -> [String] {
        let cell = origin.cell
        let place = origin.path.count == 1 ? "starts here, in \(cell.reference)" : "starts at \(cell.reference)"
        var lines: [String] = []
        switch cell.source {
        case .formula(let f): lines.append("\(origin.error.spelling) \(place): \(f.text)")
        case .input: lines.append("\(origin.error.spelling) \(place), an input: \(sourceText(cell.source).replacingOccurrences(of: "\n", with: ", "))")
        case .actual(let overlay): lines.append("\(origin.error.spelling) \(place), the actual \(model.text(of: overlay.actual))")
        }
        var reads: [String] = []
        for p in cell.precedents {
            switch p.kind {
            case .period: reads.append(p.reference + " = " + periodText(p.period ?? 0))
            case .outsideTimeline: reads.append(p.reference + " is \((p.period ?? 0) < 0 ? "before" : "after") the timeline")
            default:
                if p.cellCount == 1, let only = p.cells.first {
                    reads.append(only.reference + " = " + valueText(only.value, slot: only.cell.slot, decimals: decimals))
                } else {
                    reads.append(p.reference + ": " + count(p.cellCount, "cell") + (p.errorCount > 0 ? ", " + count(p.errorCount, "error") : ""))
                }
            }
        }
        if !reads.isEmpty { lines.append("  where " + reads.joined(separator: ", ")) }
        if origin.path.count > 2 {
            lines.append("  reached through " + origin.path.map(model.text(of:)).joined(separator: " → "))
        }
        return lines
    }

    // MARK: Values for people

    /// Each definition's decimals, chosen over its whole block as the eval table does.
    func decimalsBySlot() -> [Int: Int] {
        var slots = Set<Int>()
        var stack = [explanation.root]
        if let origin = explanation.errorOrigin { stack.append(origin.cell) }
        while let node = stack.popLast() {
            slots.insert(node.cell.slot)
            for p in node.precedents { stack += p.cells }
        }
        var out: [Int: Int] = [:]
        for slot in slots {
            let column = evaluation.values(of: slot)
            let percent = model.definitions[slot].unit == "%"
            let numbers = (0..<column.count).compactMap { column[$0].number.map { percent ? $0 * 100 : $0 } }
            out[slot] = HumanNumbers.decimals(for: numbers, limit: 2)
        }
        return out
    }

    /// A value as the eval table shows it, with its unit.
    func valueText(_ v: Value, slot: Int, decimals: [Int: Int]) -> String {
        let d = model.definitions[slot]
        switch v {
        case .number(let x) where d.showsPeriod:
            return model.timeline.periodLabel(ofSerial: x) ?? HumanNumbers.format(x, decimals: 0)
        case .number(let x):
            if d.unit == "%" { return HumanNumbers.format(x * 100, decimals: decimals[slot] ?? 2) + " %" }
            return HumanNumbers.format(x, decimals: decimals[slot] ?? 2) + (d.unit.map { " " + $0 } ?? "")
        case .text(let s): return "\"" + s + "\""
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .error(let e): return e.spelling
        case .blank: return "(blank)"
        }
    }

    func periodText(_ p: Int) -> String { model.timeline.label(p) }

    func count(_ n: Int, _ noun: String) -> String {
        HumanNumbers.format(Double(n), decimals: 0) + " " + noun + (n == 1 ? "" : "s")
    }
}
