import Foundation
import Kalkyl

extension ReportLayout {
    /// Reads and resolves a layout file against `model`. Returns nil and the diagnostics when the
    /// file has errors (each `file:line:col` with a caret, unknown names with a did-you-mean, a
    /// byte that is not UTF-8); throws when the file cannot be read.
    public static func load(path: String, model: CheckedModel) throws -> (ReportLayout?, [Diagnostic]) {
        let text: SourceText
        do {
            // Read where the model's files come from: an editor's unsaved layout, say.
            text = try model.sources.text(of: path, as: .layout)
        } catch {
            throw ExportError(message: "\(path): \(error.reason(kind: "layout file"))")
        }
        if let problem = text.problem { return (nil, [problem.coded(.notText)]) }
        return resolve(text.file, model: model)
    }

    /// Parses and resolves a layout's text against `model`.
    public static func resolve(_ file: SourceFile, model: CheckedModel) -> (ReportLayout?, [Diagnostic]) {
        let (syntax, syntaxErrors) = LayoutParser.parse(file)
        var resolver = LayoutResolver(model: model, file: file)
        let layout = resolver.resolve(syntax)
        let diagnostics = (syntaxErrors + resolver.diagnostics).coded(.layout)
        return (diagnostics.isEmpty ? layout : nil, diagnostics)
    }
}

/// Looks a layout's names up in the model, statement by statement, and reports what does not fit.
struct LayoutResolver {
    let model: CheckedModel
    let file: SourceFile
    var diagnostics: [Diagnostic] = []

    static let options = ["cost", "revenue", "subtotal", "variance", "status", "sum", "closing", "average"] + ReportFormat.allCases.map(\.rawValue)

    mutating func resolve(_ syntax: LayoutSyntax) -> ReportLayout {
        var layout = ReportLayout(title: nil, period: nil, sheets: [])
        var defaultScenario = "base"
        var defaultSwitch: [String] = []
        var sheet: ReportSheet?
        var table: ReportTable?
        var sheetNames = Set<String>()

        func finishTable() {
            if let t = table { sheet?.items.append(.table(t)) }
            table = nil
        }
        func finishSheet() {
            finishTable()
            if let s = sheet { layout.sheets.append(s) }
            sheet = nil
        }

        for statement in syntax.statements {
            let at = statement.range
            switch statement.kind {
            case .title(let text):
                if sheet != nil { sheet?.title = text } else { layout.title = text }
            case .note(let text):
                guard sheet != nil else { error("a note belongs on a sheet", at, hint: "put it under a `sheet \"…\"` line", code: .outOfPlace); continue }
                sheet?.note = text
            case .period(let p):
                guard sheet == nil else { error("the report period is set once, above the first sheet", p.range, code: .layoutGivenTwice); continue }
                layout.period = period(p)
            case .scenario(let name):
                guard knownScenario(name) else { continue }
                if sheet != nil {
                    sheet?.scenario = name.text
                    sheet?.switchScenarios = []
                } else {
                    defaultScenario = name.text
                    defaultSwitch = []
                }
            case .scenarios(let names):
                guard sheet == nil else { error("the scenario switch is set once, above the first sheet", at, code: .layoutGivenTwice); continue }
                guard names.allSatisfy({ knownScenario($0) }) else { continue }
                var seen = Set<String>()
                if let twice = names.first(where: { !seen.insert($0.text).inserted }) {
                    error("'\(twice.text)' is named twice", twice.range, code: .layoutGivenTwice)
                    continue
                }
                guard names.count >= 2 else {
                    error("a switch needs two scenarios or more", at, hint: "for one, write `scenario \(names[0].text)`", code: .switchOfOne)
                    continue
                }
                defaultScenario = names[0].text
                defaultSwitch = names.map(\.text)
            case .sheet(let name):
                finishSheet()
                if let problem = Self.sheetNameProblem(name) {
                    error("'\(name)' cannot be a sheet's name: \(problem)", at, code: .sheetName)
                } else if !sheetNames.insert(name.lowercased()).inserted {
                    error("there is already a sheet '\(name)'", at, hint: "Excel compares sheet names without regard to case", code: .sheetName)
                }
                sheet = ReportSheet(name: name, title: nil, note: nil, scenario: defaultScenario, switchScenarios: defaultSwitch, items: [])
            case .columns(let columns):
                guard sheet != nil else { error("columns belong on a sheet", at, hint: "put a `sheet \"…\"` line above", code: .outOfPlace); continue }
                finishTable()
                var resolved: [ReportColumn] = []
                for c in columns { if let r = column(c) { resolved.append(r) } }
                table = ReportTable(columns: resolved, lines: [])
            case .heading(let text): append(.heading(text), at)
            case .blank: append(.blank, at)
            case .total(let text): append(.total(text), at)
            case .row(let row):
                for line in rows(row, label: statement.label) { append(line, at) }
            case .chart(let chart):
                guard sheet != nil else { error("a chart belongs on a sheet", at, hint: "put a `sheet \"…\"` line above", code: .outOfPlace); continue }
                guard let resolved = self.chart(chart) else { continue }
                finishTable()
                sheet?.items.append(.chart(resolved))
            }
        }
        finishSheet()
        if layout.sheets.isEmpty, diagnostics.isEmpty {
            error("the layout has no sheet", SourceRange(0, 0), hint: "start one with `sheet \"Resultat\"`", code: .outOfPlace)
        }
        return layout

        func append(_ line: ReportLine, _ at: SourceRange) {
            guard sheet != nil else { error("rows belong on a sheet", at, hint: "put a `sheet \"…\"` line above", code: .outOfPlace); return }
            guard table != nil else { error("rows need columns above them", at, hint: "for example `columns months, year` or `columns \"Utfall\" = ytd, \"Budget\" = budget ytd`", code: .outOfPlace); return }
            table?.lines.append(line)
        }
    }

    // MARK: - Parts

    /// Whether the model has the scenario; reports it when not.
    mutating func knownScenario(_ name: LayoutName) -> Bool {
        guard name.text != "base", model.scenario(named: name.text) == nil else { return true }
        let all = ["base"] + model.scenarios.map(\.name)
        let hint = Suggestions.closest(to: name.text, in: all).map { "did you mean '\($0)'?" }
            ?? "the model's scenarios: \(all.joined(separator: ", "))"
        error("the model has no scenario '\(name.text)'", name.range, hint: hint, code: .unknownScenario)
        return false
    }

    mutating func period(_ p: LayoutPeriod) -> Int? {
        let t = model.timeline
        guard t.count > 0 else { error("the model has no timeline, so no periods", p.range, code: .periodWithoutTimeline); return nil }
        if let name = p.name {
            // The model's input holding the closed month: one edit there moves the report.
            guard let slot = model.slot(named: name), model.definitions[slot].isInput, !model.definitions[slot].isSeries,
                  model.definitions[slot].showsPeriod, let root = model.definitions[slot].expression.nodes.last,
                  case .period(let literal) = root.kind else {
                let inputs = model.definitions.filter { $0.isInput && $0.showsPeriod && !$0.isSeries }.map(\.name)
                error("'\(name)' is not an input of the model holding a period", p.range,
                      hint: Suggestions.closest(to: name, in: inputs).map { "did you mean '\($0)'?" } ?? "write the month, such as period \(t.label(t.count - 1))", code: .notAPeriodInput)
                return nil
            }
            return period(LayoutPeriod(year: literal.year, month: literal.month, range: p.range))
        }
        let absolute: Int
        switch (t.granularity, p.month) {
        case (.monthly, let month?): absolute = p.year * 12 + month - 1
        case (.yearly, nil): absolute = p.year
        case (.monthly, nil):
            error("the model's timeline is monthly: write a month such as \(p.year)-04", p.range, code: .periodOfAnotherGranularity)
            return nil
        case (.yearly, _?):
            error("the model's timeline is yearly: write a year such as \(p.year)", p.range, code: .periodOfAnotherGranularity)
            return nil
        }
        guard let index = t.index(ofAbsolute: absolute) else {
            error("\(p.month == nil ? String(p.year) : Period.label(year: p.year, month: p.month!)) is not on the model's timeline", p.range,
                  hint: "the timeline runs \(t.label(0)) .. \(t.label(t.count - 1))", code: .periodOutsideTimeline)
            return nil
        }
        return index
    }

    mutating func column(_ c: LayoutColumnSyntax) -> ReportColumn? {
        let span: ReportColumn.Span
        switch c.span {
        case .value: span = .value
        case .months: span = .months
        case .year: span = .year
        case .ytd: span = .ytd
        case .tertials:
            guard model.timeline.granularity == .monthly else {
                error("tertials need a monthly timeline", c.range, code: .needsAMonthlyTimeline)
                return nil
            }
            span = .tertials
        case .periods(let a, let b):
            guard let from = period(a), let to = period(b) else { return nil }
            guard from <= to else { error("the periods run backwards", b.range, code: .rangeRunsBackwards); return nil }
            span = .periods(from...to)
        }
        for name in [c.scenario, c.against].compactMap({ $0 }) where !knownScenario(name) { return nil }
        if let a = c.scenario, let b = c.against, a.text == b.text {
            error("a difference of '\(a.text)' from itself is 0", b.range, hint: "subtract another scenario, such as base", code: .differenceFromItself)
            return nil
        }
        return ReportColumn(header: c.header, measure: c.measure, span: span, scenario: c.scenario?.text, against: c.against?.text)
    }

    /// The lines of one `row`: one line, or a heading and a line per member when the name has
    /// members left open.
    mutating func rows(_ row: LayoutRowSyntax, label: String?) -> [ReportLine] {
        guard let cells = reference(row.reference) else { return [] }
        var comparisons: [ReportCellReference] = []
        if let c = row.comparison {
            guard let found = reference(c) else { return [] }
            let (mainSeries, otherSeries) = (model.definitions[cells[0].cell.slot].isSeries, model.definitions[found[0].cell.slot].isSeries)
            guard mainSeries == otherSeries else {
                error("'\(c.name.text)' is \(otherSeries ? "a series" : "a single value") and '\(row.reference.name.text)' is not: a row compares like with like", c.range, code: .columnOfAnotherShape)
                return []
            }
            guard found.count == 1 || found.count == cells.count else {
                error("'\(c.name.text)' has \(found.count) rows here and '\(row.reference.name.text)' \(cells.count): name the members so they match", c.range, code: .columnOfAnotherShape)
                return []
            }
            comparisons = found.map(\.cell)
        }
        var template = ReportRow(label: "", cell: cells[0].cell)
        // The line's kind in the model (`cost NAME = …`) says which way its variance points,
        // unless the layout says otherwise.
        template.direction = model.definitions[cells[0].cell.slot].kind == .cost ? .cost : .revenue
        // A scorecard measure's status is coloured without being told.
        template.isStatus = model.scorecard?.measures.contains { $0.slots.status == cells[0].cell.slot } ?? false
        var formatGiven: LayoutName?
        for option in row.options {
            switch option.text {
            case "cost": template.direction = .cost
            case "revenue": template.direction = .revenue
            case "subtotal": template.isSubtotal = true
            case "variance": template.isVariance = true
            case "status": template.isStatus = true
            case "sum": template.aggregate = .sum
            case "closing": template.aggregate = .closing
            case "average": template.aggregate = .average
            default:
                guard let format = ReportFormat(rawValue: option.text) else {
                    let hint = Suggestions.closest(to: option.text, in: Self.options).map { "did you mean '\($0)'?" }
                        ?? "a row's options: \(Self.options.joined(separator: ", "))"
                    error("unknown option '\(option.text)'", option.range, hint: hint, code: .unknownLayoutWord)
                    return []
                }
                if let earlier = formatGiven {
                    error("the row has two formats, '\(earlier.text)' and '\(option.text)'", option.range, code: .layoutGivenTwice)
                    return []
                }
                formatGiven = option
                template.format = format
            }
        }
        let d = model.definitions[cells[0].cell.slot]
        let title = row.label ?? label ?? d.label ?? d.name
        if cells.count == 1 {
            template.label = title
            template.comparison = comparisons.first
            return [.row(template)]
        }
        var lines: [ReportLine] = [.heading(title)]
        for (k, cell) in cells.enumerated() {
            var r = template
            r.cell = cell.cell
            r.label = cell.members
            r.indent = 1
            r.comparison = comparisons.isEmpty ? nil : comparisons[comparisons.count == 1 ? 0 : k]
            lines.append(.row(r))
        }
        return lines
    }

    mutating func chart(_ c: LayoutChartSyntax) -> ReportChart? {
        let kind: XLSXChart.Kind
        switch c.kind.text {
        case "line": kind = .line
        case "column": kind = .column
        default:
            let hint = Suggestions.closest(to: c.kind.text, in: ["line", "column"]).map { "did you mean '\($0)'?" } ?? "a chart is a line or a column chart"
            error("unknown kind of chart '\(c.kind.text)'", c.kind.range, hint: hint, code: .unknownLayoutWord)
            return nil
        }
        guard model.timeline.count > 0 else { error("a chart shows periods, and the model has no timeline", c.kind.range, code: .periodWithoutTimeline); return nil }
        var series: [(String, ReportCellReference)] = []
        // A series that picks members (`resultat_version[forecast]`) is named by them, "Prognos":
        // the definition's label ("Resultat per version") says what the chart shows, its title's
        // job, and is kept only when the chart draws more than one definition.
        let definitions = Set(c.series.map(\.name.text))
        for reference in c.series {
            guard let cells = self.reference(reference) else { return nil }
            let d = model.definitions[cells[0].cell.slot]
            guard d.isSeries else {
                error("'\(reference.name.text)' is a single value: a chart shows series over the periods", reference.range, code: .chartOfASingleValue)
                return nil
            }
            let picked = cells[0].picked
            let label = picked.isEmpty || definitions.count > 1 ? d.label ?? d.name : nil
            for cell in cells {
                let open = cells.count == 1 ? [] : [cell.members]
                let name = ([label].compactMap { $0 } + picked + open).joined(separator: ", ")
                series.append((name, cell.cell))
            }
        }
        var seen = Set<String>()
        for name in c.scenarios {
            guard knownScenario(name) else { return nil }
            guard seen.insert(name.text).inserted else { error("'\(name.text)' is named twice", name.range, code: .layoutGivenTwice); return nil }
        }
        return ReportChart(kind: kind, title: c.title, series: series, scenarios: c.scenarios.map(\.text))
    }

    /// The cells a reference names: one, or one per member of the dimensions it leaves open,
    /// each with its open members' names for a label, and the names of the members it picks.
    /// A version is named in the model's language ("Utfall", "Prognos").
    mutating func reference(_ r: LayoutReference) -> [(cell: ReportCellReference, members: String, picked: [String])]? {
        guard let slot = model.slot(named: r.name.text), !model.definitions[slot].isCheck else {
            let candidates = model.definitions.filter { !$0.isCheck }.map(\.name)
            let isCheck = model.slot(named: r.name.text).map { model.definitions[$0].isCheck } ?? false
            let hint = isCheck ? "a check is a TRUE/FALSE test, not a figure to report"
                : Suggestions.closest(to: r.name.text, in: candidates).map { "did you mean '\($0)'?" }
            error(isCheck ? "'\(r.name.text)' is a check" : "the model has no definition '\(r.name.text)'", r.name.range, hint: hint,
                  code: isCheck ? .checkAsALine : .unknownName)
            return nil
        }
        let d = model.definitions[slot]
        var chosen: [Int?] = Array(repeating: nil, count: d.dimensions.count)
        for member in r.members {
            guard let k = d.dimensions.indices.first(where: { chosen[$0] == nil && model.dimensions[d.dimensions[$0]].memberIndex[member.text] != nil }) else {
                if d.dimensions.isEmpty {
                    error("'\(d.name)' has no dimensions, so no members", member.range, code: .notADimensionOfTheName)
                } else {
                    let all = d.dimensions.flatMap { model.dimensions[$0].members }
                    let hint = Suggestions.closest(to: member.text, in: all).map { "did you mean '\($0)'?" }
                        ?? "its dimensions: \(d.dimensions.map { model.dimensions[$0].name }.joined(separator: ", "))"
                    error("'\(member.text)' is not a member of \(d.name)'s dimensions", member.range, hint: hint,
                          code: model.dimensions.contains { $0.memberIndex[member.text] != nil } ? .notADimensionOfTheName : .unknownSubscript)
                }
                return nil
            }
            chosen[k] = model.dimensions[d.dimensions[k]].memberIndex[member.text]
        }
        // Every combination of the open dimensions, the last fastest (the order of the Calc sheet).
        var combos: [(index: Int, names: [String])] = [(0, [])]
        for (k, dimension) in d.dimensions.enumerated() {
            let dim = model.dimensions[dimension]
            let picks = chosen[k].map { [$0] } ?? Array(dim.members.indices)
            combos = combos.flatMap { combo in
                picks.map { m in (combo.index * dim.members.count + m, chosen[k] == nil ? combo.names + [memberName(dimension, m)] : combo.names) }
            }
        }
        let picked = d.dimensions.indices.compactMap { k in chosen[k].map { memberName(d.dimensions[k], $0) } }
        return combos.map { (ReportCellReference(slot: slot, member: $0.index), $0.names.joined(separator: ", "), picked) }
    }

    /// A member as a report names it: its title (`521020 MT Service Norr`), a version in the
    /// model's language.
    func memberName(_ dimension: Int, _ member: Int) -> String {
        let dim = model.dimensions[dimension]
        if dimension == model.versions?.dimension, let word = BoardPackWords.of(model).versionNames[dim.members[member]] { return word }
        return dim.title(of: member)
    }

    static func sheetNameProblem(_ name: String) -> String? {
        if name.isEmpty { return "it is empty" }
        if name.count > 31 { return "Excel allows at most 31 characters" }
        if let bad = name.first(where: { "[]:*?/\\".contains($0) }) { return "Excel does not allow '\(bad)' in a sheet's name" }
        if name.hasPrefix("'") || name.hasSuffix("'") { return "it cannot start or end with '" }
        if name.lowercased() == "history" { return "Excel reserves 'History'" }
        return nil
    }

    mutating func error(_ message: String, _ range: SourceRange, hint: String? = nil, code: DiagnosticCode) {
        diagnostics.append(.error(message, at: SourceLocation(file: file, range: range), hint: hint, code: code))
    }
}
