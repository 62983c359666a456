import Foundation

extension ExplainReport {
    /// `explain --format table`, for people: the cell, where its value comes from, and the
    /// cells it reads as a tree; for an error, where it starts. `whatIfs` are the `--set`
    /// texts as typed, for the heading.
    ///
    /// Made from the report's values; the model gives the scenario's label, how a value reads
    /// (a period, a percentage) and which dimensions have member names.
    public func table(model: CheckedModel, whatIfs: [String] = []) -> String {
        ExplainTable(report: self, model: model, whatIfs: whatIfs, language: ReportLanguage.of(model)).render()
    }
}

/// The tree gives each cell as `name[members, period] = value unit — label`, then on the
/// next line where the value comes from (`= formula`, or the input statement that set it),
/// then the cells it reads, indented with `├─`, `│` and `└─`. A range (SUM's argument, a YTD
/// window) is one line with its cell count, its first cells below it, and how many more.
struct ExplainTable {
    typealias Node = ExplainReport.Node
    typealias Source = ExplainReport.Source

    let report: ExplainReport
    let model: CheckedModel
    let whatIfs: [String]
    /// The model's language, for its numbers: worked out once, from its labels and members.
    let language: ReportLanguage

    func render() -> String {
        var out = model.name
        if report.scenario != "base", let scenario = model.scenario(named: report.scenario) {
            out += " — scenario \(scenario.name)" + (scenario.label.map { " (\($0))" } ?? "")
        }
        if !whatIfs.isEmpty { out += " — with " + whatIfs.map { "--set \($0)" }.joined(separator: ", ") }
        out += "\n\n"
        var lines: [String] = []
        cellLines(report.explanation, lead: "", childLead: "", into: &lines)
        out += lines.joined(separator: "\n") + "\n"
        if let origin = report.errorOrigin {
            out += "\n" + originLines(origin).joined(separator: "\n") + "\n"
        }
        return out
    }

    /// A cell's line, its source line, then its precedents. `lead` starts the cell's line;
    /// `childLead` starts every line below it.
    /// In a range, whose line gives the label and the formula once, `inRange` leaves them out
    /// (a cell computed otherwise, as a computed forecast after the close, gives its own).
    func cellLines(_ node: Node, lead: String, childLead: String, inRange: Bool = false, rangeFormula: String? = nil,
                   into lines: inout [String]) {
        lines.append(lead + heading(node, label: !inRange))
        let children = node.expansion == "expanded" ? node.precedents : []
        var showsSource = node.expansion != "shown_above"
        if inRange, node.source.kind == "formula", node.source.formula == rangeFormula { showsSource = false }
        if showsSource {
            for text in sourceText(node).split(separator: "\n") {
                lines.append(childLead + (children.isEmpty ? "  " : "│ ") + text)
            }
        }
        for (k, precedent) in children.enumerated() {
            let last = k == children.count - 1
            precedentLines(precedent, lead: childLead + (last ? "└─ " : "├─ "), childLead: childLead + (last ? "   " : "│  "),
                           into: &lines)
        }
    }

    func precedentLines(_ p: ExplainReport.PrecedentReport, lead: String, childLead: String, into lines: inout [String]) {
        switch p.reads {
        case "period":
            lines.append(lead + p.reference + " = " + (p.period ?? "") + " (the period)")
            return
        case "outside_timeline":
            lines.append(lead + p.reference + " is \(side(of: p)) the timeline, so \(ExcelError.ref.spelling)")
            return
        default:
            break
        }
        let shortfall = rollingShortfall(p)
        if p.count == 1, shortfall == nil, let only = p.cells.first {
            cellLines(only, lead: lead, childLead: childLead, into: &lines)
            return
        }
        var title: String
        switch p.reads {
        case "ytd": title = "YTD over " + p.reference
        case "ttd": title = "TTD over " + p.reference
        case "qtd": title = "QTD over " + p.reference
        case "rolling": title = "ROLLING(\(p.periods ?? 0)) over " + p.reference
        default: title = p.reference
        }
        title += ": " + count(p.count, "cell")
        if let shortfall { title += ", " + shortfall }
        if p.errors > 0 { title += ", " + count(p.errors, "error") }
        if p.order == "largest_first", p.count > 1 { title += ", largest first" }
        // The cells of a range share a definition: its label and formula go on the range's line.
        if let label = p.cells.first?.label { title += " — " + label }
        lines.append(lead + title)
        if let first = p.cells.first, first.source.kind == "formula" {
            lines.append(childLead + "│ " + sourceText(first))
        }
        let more = p.omitted
        for (k, cell) in p.cells.enumerated() {
            if k == p.firstCells {
                lines.append(childLead + "├─ … further on, " + (p.cells.count - k == 1 ? "a cell that holds" : "cells that hold") + " an error:")
            }
            let last = k == p.cells.count - 1 && more == 0
            cellLines(cell, lead: childLead + (last ? "└─ " : "├─ "), childLead: childLead + (last ? "   " : "│  "),
                      inRange: true, rangeFormula: p.cells.first.flatMap { $0.source.kind == "formula" ? $0.source.formula : nil },
                      into: &lines)
        }
        if more > 0 {
            // The rest in one line, summed, so the listed cells and it account for the total.
            let errorsLeft = p.errors - p.cells.filter(\.value.isError).count
            let together = p.omittedTotal.flatMap { total in p.cells.first.map { valueText(.number(total), of: $0.name) } }
            lines.append(childLead + "└─ … " + number(Double(more), decimals: 0) + " more"
                         + (together.map { ", together " + $0 } ?? "")
                         + (errorsLeft > 0 ? ", " + count(errorsLeft, "error") + " among them" : ""))
        }
    }

    /// Why `ROLLING(x, n)` is #N/A in the timeline's first n−1 periods, for a window with fewer
    /// than n cells: `fewer than 3, so #N/A (the timeline's first 2 periods have fewer than 3
    /// up to them)`. Nil for any other read.
    func rollingShortfall(_ p: ExplainReport.PrecedentReport) -> String? {
        guard p.reads == "rolling", let n = p.periods, p.count < n else { return nil }
        return "fewer than \(n), so \(ExcelError.na.spelling) (the timeline's first \(n - 1) periods have fewer than \(n) up to them)"
    }

    /// `before` or `after`: which end of the timeline a read off it falls beyond.
    func side(of p: ExplainReport.PrecedentReport) -> String {
        let index = p.period.flatMap(model.timeline.index(ofLabel:)) ?? 0
        return index < 0 ? "before" : "after"
    }

    /// `employees[2021-04] = 131 persons — Antal anställda`
    func heading(_ node: Node, label: Bool = true) -> String {
        var text = node.cell + " = " + valueText(node.value, of: node.name)
        if label, let label = node.label { text += " — " + label }
        if let names = memberTitles(node) { text += (label && node.label != nil ? " · " : " — ") + names }
        switch node.expansion {
        case "shown_above": text += " (shown above)"
        case "size_limit": text += " (not expanded: the explanation is at its size limit; explain this cell on its own)"
        default: break
        }
        return text
    }

    /// `411010 VC Centrum, 5010 Lokalhyra`: the cell's members with their names, nil when
    /// none of its dimensions has names.
    func memberTitles(_ node: Node) -> String? {
        guard let slot = model.slot(named: node.name) else { return nil }
        let dimensions = model.definitions[slot].dimensions
        guard dimensions.contains(where: { !model.dimensions[$0].descriptions.isEmpty }) else { return nil }
        let titles = zip(dimensions, node.members.entries).map { dimension, entry in
            model.dimensions[dimension].memberIndex[entry.value].map(model.dimensions[dimension].title(of:)) ?? entry.value
        }
        return JSONNode.escaped(titles.joined(separator: ", "), quotes: false)   // on one line, as eval's table
    }

    /// Where a cell's value comes from: `= formula`, or the input statement (and the data
    /// file's cell, or every row summed into it).
    func sourceText(_ node: Node) -> String {
        let source = node.source
        switch source.kind {
        case "formula":
            return "= " + (source.formula ?? "")
        case "actual":
            return "= the actual, since \(node.period ?? "") is closed (actuals through \(source.actualsThrough ?? ""))"
        default:
            let line = source.line.map { "line \($0)" } ?? ""
            let text = source.text ?? ""
            switch source.setBy {
            case "scenario": return "scenario \(source.scenario ?? ""), \(line): \(text)"
            case "set": return "--set " + text
            default:
                guard let cell = source.data else { return line + ": " + text }
                if let vouchers = cell.vouchers {
                    // Every voucher behind the figure, as the accounting system shows it.
                    let places = vouchers.map { "\(cell.file):\($0.line):\($0.column)" }
                    let amounts = bookedAmounts(vouchers.map(\.amount))
                    let placeWidth = places.map(\.count).max() ?? 0, amountWidth = amounts.map(\.count).max() ?? 0
                    let noun = vouchers.count == 1 ? "the #TRANS line" : "the sum of \(vouchers.count) #TRANS lines"
                    if cell.fileChanged == true {
                        return line + ": " + text + "\n" + "\(noun) of \(cell.file)\(cell.negatedNote): " + DataCellSource.changedNote
                            + ", so their lines and vouchers are not known"
                    }
                    return line + ": " + text + "\n" + "\(noun) of \(cell.file)\(cell.negatedNote):\n" + zip(vouchers, zip(places, amounts)).map { v, pa in
                        let (place, amount) = pa
                        let voucher = "voucher \(v.series) \(v.number) \(v.date)" + (v.text.isEmpty ? "" : " \"\(v.text)\"")
                        return "  " + place.padded(toCharacters: placeWidth) + "  "
                            + String(repeating: " ", count: amountWidth - amount.count) + amount + "  " + voucher
                    }.joined(separator: "\n")
                }
                if let rows = cell.rows {
                    if cell.fileChanged == true {
                        return line + ": " + text + "\n" + "the sum of \(rows.count) rows of \(cell.file) (\(cell.header))\(cell.negatedNote): "
                            + DataCellSource.changedNote + ", so their lines are not known"
                    }
                    // Every row behind the figure, so that each can be found in the file.
                    return line + ": " + text + "\n" + "the sum of \(rows.count) rows of \(cell.file) (\(cell.header))\(cell.negatedNote):\n"
                        + rows.map { "  \(cell.file):\($0.line):\($0.column)" }.joined(separator: "\n")
                }
                return line + ": " + text + "\n" + "read from \(cell.place) (\(cell.header))" + cell.negatedNote
                    + (cell.fileChanged == true ? ": " + DataCellSource.changedNote : "")
            }
        }
    }

    /// `#DIV/0! starts at ratio[2021-03]: 1 / headcount`, then what that cell reads.
    func originLines(_ origin: ExplainReport.ErrorOriginReport) -> [String] {
        let cell = origin.explanation
        let place = origin.path.count == 1 ? "starts here, in \(cell.cell)" : "starts at \(cell.cell)"
        var lines: [String] = []
        switch cell.source.kind {
        case "formula": lines.append("\(origin.error) \(place): \(cell.source.formula ?? "")")
        case "actual": lines.append("\(origin.error) \(place), the actual \(cell.source.actual ?? "")")
        default: lines.append("\(origin.error) \(place), an input: \(sourceText(cell).replacingOccurrences(of: "\n", with: ", "))")
        }
        var reads: [String] = []
        for p in cell.precedents {
            switch p.reads {
            case "period": reads.append(p.reference + " = " + (p.period ?? ""))
            case "outside_timeline": reads.append(p.reference + " is \(side(of: p)) the timeline")
            default:
                if let shortfall = rollingShortfall(p) {
                    reads.append(p.reference + ": " + count(p.count, "cell") + ", " + shortfall)
                } else if p.count == 1, let only = p.cells.first {
                    reads.append(only.cell + " = " + valueText(only.value, of: only.name))
                } else {
                    reads.append(p.reference + ": " + count(p.count, "cell") + (p.errors > 0 ? ", " + count(p.errors, "error") : ""))
                }
            }
        }
        if !reads.isEmpty { lines.append("  where " + reads.joined(separator: ", ")) }
        if origin.path.count > 2 {
            lines.append("  reached through " + origin.path.joined(separator: " → "))
        }
        return lines
    }

    // MARK: Values for people

    /// A value as the eval table shows the same cell (`ValueFormat`: with the decimals its
    /// definition's whole block takes), then its unit.
    func valueText(_ v: Value, of name: String) -> String {
        switch v {
        case .number(let x):
            let decimals = report.decimals[name] ?? 2
            guard let slot = model.slot(named: name) else { return number(x, decimals: decimals) }
            return ValueFormat(model.definitions[slot], timeline: model.timeline, language: language).figure(x, decimals: decimals)
        case .text(let s): return JSONNode.quoted(s)   // on one line, as watch shows it
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .error(let e): return e.spelling
        case .blank: return "(blank)"
        }
    }

    /// A SIE figure's `#TRANS` amounts as booked, to be found in the file: every one with the
    /// decimals the list needs to write each exactly (öre as two; up to 6, so that an amount
    /// booked as `1234567.891` is not shown as the `.89` it differs from), the model's decimal
    /// sign. They were rounded to whole kronor or two decimals, and written with a point in a
    /// Swedish model.
    func bookedAmounts(_ amounts: [Double]) -> [String] {
        // Exact: the amount written with `d` decimals reads back as the same double.
        let exact = { (d: Int) in amounts.allSatisfy { !$0.isFinite || Double(String(format: "%.\(d)f", $0)) == $0 } }
        var decimals = (0...6).first(where: exact) ?? 6
        if decimals == 1 { decimals = 2 }
        return amounts.map { number($0, decimals: decimals) }
    }

    func count(_ n: Int, _ noun: String) -> String {
        number(Double(n), decimals: 0) + " " + noun + (n == 1 ? "" : "s")
    }

    /// A number as the model's language writes it, as eval's table does: a decimal comma in a
    /// Swedish model.
    func number(_ x: Double, decimals: Int) -> String {
        HumanNumbers.format(x, decimals: decimals, language: language)
    }
}
