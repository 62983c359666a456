import Foundation
import Kalkyl
import KalkylXLSX
import Testing

/// The repository's root, for `formulas/` and the built binary.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

/// A model exported to a workbook in a scratch folder, with Kalkyl's own evaluations beside it.
struct ExportedModel {
    let model: CheckedModel
    /// By scenario name, base first.
    let evaluations: [(name: String, evaluation: Evaluation)]
    let workbook: ExportedWorkbook
    let summary: WorkbookExport.Summary

    /// Loads `path`, exports it with `scenarios` (all of the model's when nil) to `output`.
    /// With `layout`, the report sheets are that layout file's; without, the default report.
    static func make(path: String, scenarios: [String]? = nil, whatIfs: [String] = [], layout: String? = nil, output: String) throws -> ExportedModel {
        let loaded = try ModelLoader.load(path: path)
        guard let model = loaded.model, let order = loaded.order else {
            throw LibreOffice.Failure(description: DiagnosticRenderer.render(loaded.diagnostics))
        }
        var options = WorkbookExport.Options()
        options.scenarios = try (scenarios ?? model.scenarios.map(\.name)).map { name in
            guard let s = model.scenario(named: name) else { throw LibreOffice.Failure(description: "no scenario \(name)") }
            return s
        }
        options.whatIfs = whatIfs.map { ($0, model.parseAssignment($0).0!) }
        options.sources = try WorkbookExport.sources(model: model)
        options.generator = "Kalkyl test"
        if let layout {
            let (resolved, diagnostics) = try ReportLayout.load(path: layout, model: model)
            guard let resolved else { throw LibreOffice.Failure(description: DiagnosticRenderer.render(diagnostics)) }
            options.layout = resolved
            // The scenarios the layout shows are exported too.
            for name in resolved.scenarios where !options.scenarios.contains(where: { $0.name == name }) {
                if let s = model.scenario(named: name) { options.scenarios.append(s) }
            }
        }
        let summary = try WorkbookExport(model: model, order: order, options: options).write(to: output)
        var evaluations: [(String, Evaluation)] = []
        for scenario in [nil] + options.scenarios.map(Optional.some) {
            let evaluation = Evaluation(model: model, order: order, scenario: scenario)
            evaluation.evaluateAll()
            if !options.whatIfs.isEmpty { evaluation.set(options.whatIfs.map(\.assignment)) }
            evaluations.append((scenario?.name ?? "base", evaluation))
        }
        return ExportedModel(model: model, evaluations: evaluations, workbook: try ExportedWorkbook(URL(fileURLWithPath: output)),
                             summary: summary)
    }

    func calcSheet(_ k: Int) -> String { k == 0 ? "Calc" : "Calc \(evaluations[k].name)" }
}

/// Whether LibreOffice's value of a cell is the one Kalkyl computed: numbers to a relative 1e-9.
func agreesWithKalkyl(_ cell: RecalculatedCell, _ value: Value) -> Bool {
    agrees(cell, XLSXFormulaResult(kalkyl: value))
}

extension XLSXFormulaResult {
    /// A formula cell's value as Kalkyl gives it (blank shows as 0).
    init(kalkyl value: Value) {
        switch value {
        case .number(let x): self = .number(x)
        case .text(let s): self = .text(s)
        case .bool(let b): self = .bool(b)
        case .error(let e): self = .error(XLSXCellError(rawValue: e.spelling)!)
        case .blank: self = .number(0)
        }
    }
}

/// The checks every exported workbook must pass after LibreOffice recalculated it:
/// - every formula cell's recalculated value is the one cached beside it, and LibreOffice made
///   up no error of its own (Err:5xx, #NAME?);
/// - every cell of every Calc sheet is a formula whose value is the one Kalkyl computed (the
///   rows are found by the name and member columns, the periods by the header);
/// - the scalars have their Excel names.
@discardableResult
func expectFaithful(_ exported: ExportedModel, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> RecalculatedWorkbook {
    let workbook = exported.workbook
    let book = try LibreOffice.recalculate(workbook.url, sheets: workbook.sheets)
    let formulas = try workbook.formulaCells()
    #expect(!formulas.isEmpty, sourceLocation: sourceLocation)
    expectAgreement(book, formulas.map { WrittenFormula(sheet: $0.sheet, address: $0.address, formula: $0.formula, result: $0.cached) },
                    sourceLocation: sourceLocation)
    for (sheet, grid) in book.sheets {
        for (r, row) in grid.enumerated() {
            for (c, cell) in row.enumerated() {
                if case .error(let e) = cell, e.hasPrefix("Err:") {
                    Issue.record("\(sheet) row \(r + 1) column \(c + 1): LibreOffice shows \(e)", sourceLocation: sourceLocation)
                }
            }
        }
    }

    let model = exported.model
    let hasDimensions = model.definitions.contains { !$0.dimensions.isEmpty }
    let nameColumn = 1, memberColumn = 2
    let valueColumn = hasDimensions ? 4 : 3
    for (k, (_, evaluation)) in exported.evaluations.enumerated() {
        let sheet = exported.calcSheet(k)
        guard let grid = book.sheets[sheet] else { Issue.record("no sheet \(sheet)", sourceLocation: sourceLocation); continue }
        let formulaAddresses = Set(formulas.filter { $0.sheet == sheet }.map(\.address))
        var checked = Set<Int>()
        for (r, row) in grid.enumerated() where r >= 3 {
            guard nameColumn < row.count, case .text(let name) = row[nameColumn], let slot = model.slot(named: name) else { continue }
            let d = model.definitions[slot]
            let members = model.memberCount(of: slot)
            var member = 0
            if !d.dimensions.isEmpty {
                guard case .text(let memberText) = row[memberColumn] else { Issue.record("\(sheet) row \(r + 1): no member"); continue }
                member = (0..<members).first { model.memberTitles(of: slot, member: $0).joined(separator: ", ") == memberText } ?? -1
                #expect(member >= 0, "\(sheet) row \(r + 1): unknown member \(memberText)", sourceLocation: sourceLocation)
                if member < 0 { continue }
            }
            let periods = d.isSeries ? model.timeline.count : 1
            for p in 0..<periods {
                let column = d.isSeries ? valueColumn + 1 + p : valueColumn
                let address = XLSXAddress.cell(row: r, column: column)
                let cell = column < row.count ? row[column] : .blank
                let value = evaluation.values(of: slot)[p * members + member]
                #expect(formulaAddresses.contains(address), "\(sheet)!\(address) (\(name)) holds no formula", sourceLocation: sourceLocation)
                #expect(agreesWithKalkyl(cell, value), "\(sheet)!\(address) \(name)[\(member), \(p)]: LibreOffice \(cell), Kalkyl \(value)",
                        sourceLocation: sourceLocation)
            }
            checked.insert(slot * 1_000_000 + member)
        }
        let expected = model.definitions.indices.filter { !model.definitions[$0].isInput && !model.definitions[$0].isCheck }
            .reduce(0) { $0 + model.memberCount(of: $1) }
        #expect(checked.count == expected, "\(sheet): \(checked.count) rows of formulas found, the model has \(expected)",
                sourceLocation: sourceLocation)
    }
    // A name Excel would read as a cell (q1) gets a trailing _.
    for d in model.definitions where !d.isSeries && !d.isCheck && d.dimensions.isEmpty {
        let name = workbook.definedNames[d.name] ?? workbook.definedNames[d.name + "_"]
        #expect(name?.hasPrefix(d.isInput ? "Inputs!$" : "Calc!$") == true, "no Excel name for \(d.name)", sourceLocation: sourceLocation)
    }
    return book
}
