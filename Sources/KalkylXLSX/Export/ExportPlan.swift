import Kalkyl

/// Where everything goes, decided before a cell is written: the sheets, the row of every
/// definition in every scenario, the Excel names, and the rows of the checks.
struct ExportPlan {
    /// One evaluated scenario (the first is `base`) and its two sheets.
    struct ScenarioPlan {
        var name: String
        var label: String?
        var scenario: Scenario?
        var evaluation: Evaluation
        var inputsSheet: String
        var calcSheet: String
        /// By slot: where the definition's cells are for this scenario.
        var placements: [Placement?]
        /// On the Checks sheet: the row of the section's title (with the count of failing
        /// checks) and the rows of its checks.
        var checksTitleRow: Int?
        var checkRows: Range<Int> = 0..<0
    }

    let model: CheckedModel
    let grid: Grid
    /// The board pack's own words, in the model's language.
    let words: BoardPackWords
    var coverSheet: String
    var scenarios: [ScenarioPlan]
    var comparisonSheet: String?
    var checksSheet: String?
    /// The report sheets' names, as the layout gives them (renamed only if they clash with the model's sheets).
    var reportSheets: [String] = []
    /// The Scorecard sheet, when the model has measures.
    var scorecardSheet: String?
    /// Slots in model order, by the sheet they go on.
    var inputSlots: [Int] = []
    var formulaSlots: [Int] = []
    var checkSlots: [Int] = []
    /// The lists of constants the model's functions read in Excel (Sweden's holidays), each
    /// on its own sheet, in the order first called.
    var workbookLists: [(list: WorkbookList, sheet: String)] = []
    /// Every defined name with the cell it names, in the order defined.
    var definedNames: [(name: String, formula: String)] = []

    init(model: CheckedModel, evaluations: [(name: String, label: String?, scenario: Scenario?, evaluation: Evaluation)],
         reportSheets wanted: [String] = []) throws(ExportError) {
        self.model = model
        grid = Grid(model: model)
        words = BoardPackWords.of(model)
        var sheets = ExcelNames.Sheets()
        coverSheet = sheets.claim("Cover")
        scenarios = evaluations.enumerated().map { k, e in
            let suffix = k == 0 ? "" : " " + e.name
            return ScenarioPlan(name: e.name, label: e.label, scenario: e.scenario, evaluation: e.evaluation,
                                inputsSheet: sheets.claim("Inputs" + suffix), calcSheet: sheets.claim("Calc" + suffix),
                                placements: Array(repeating: nil, count: model.definitions.count))
        }
        comparisonSheet = scenarios.count > 1 ? sheets.claim("Comparison") : nil
        for (slot, d) in model.definitions.enumerated() {
            if d.isCheck { checkSlots.append(slot) } else if d.isInput { inputSlots.append(slot) } else { formulaSlots.append(slot) }
        }
        checksSheet = checkSlots.isEmpty ? nil : sheets.claim("Checks")
        reportSheets = wanted.map { sheets.claim($0) }
        scorecardSheet = model.scorecard == nil ? nil : sheets.claim("Scorecard")
        workbookLists = Self.lists(calledIn: model).map { ($0, sheets.claim($0.sheet)) }

        // Rows: the same on every scenario's sheets. A block of several members is followed by an empty row.
        func place(_ slots: [Int], sheet: (ScenarioPlan) -> String) throws(ExportError) {
            var row = Grid.firstDataRow
            for slot in slots {
                let members = model.memberCount(of: slot)
                for k in scenarios.indices {
                    scenarios[k].placements[slot] = Placement(sheet: sheet(scenarios[k]), firstRow: row)
                }
                row += members + (members > 1 ? 1 : 0)
                guard row < XLSXAddress.maxRows else {
                    throw ExportError(message: "the model needs more than Excel's \(XLSXAddress.maxRows) rows on one sheet")
                }
            }
        }
        try place(inputSlots) { $0.inputsSheet }
        try place(formulaSlots) { $0.calcSheet }
        if let checksSheet {
            var row = Grid.firstDataRow
            for k in scenarios.indices {
                scenarios[k].checksTitleRow = row
                row += 1
                let first = row
                for slot in checkSlots {
                    scenarios[k].placements[slot] = Placement(sheet: checksSheet, firstRow: row)
                    row += model.memberCount(of: slot)
                }
                scenarios[k].checkRows = first..<row
                row += 1
                guard row < XLSXAddress.maxRows else {
                    throw ExportError(message: "the model's checks need more than Excel's \(XLSXAddress.maxRows) rows")
                }
            }
        }

        // Names for single cells: the model's own name in base, `scenario.name` in a scenario.
        var names = ExcelNames()
        // The lists' names are in the functions' expressions: they come first, a model's name gives way.
        for (list, sheet) in workbookLists {
            _ = names.claim(list.name)
            let column = XLSXAddress.sheetPrefix(sheet) + "$A$\(Self.firstListRow + 1):$A$\(Self.firstListRow + max(1, list.values().count))"
            definedNames.append((list.name, "=" + column))
        }
        for k in scenarios.indices {
            for slot in inputSlots + formulaSlots where !model.definitions[slot].isSeries && model.memberCount(of: slot) == 1 {
                guard var placement = scenarios[k].placements[slot] else { continue }
                let wanted = k == 0 ? model.definitions[slot].name : scenarios[k].name + "." + model.definitions[slot].name
                let target = "=" + XLSXAddress.sheetPrefix(placement.sheet) + XLSXAddress.cell(row: placement.firstRow, column: grid.value, absolute: true)
                guard let name = names.claim(wanted), target.utf8.count <= 128 else { continue }
                placement.definedName = name
                scenarios[k].placements[slot] = placement
                definedNames.append((name, target))
            }
        }
    }

    /// The scenario's name as the pack shows it, in the switch, the legends and on the cover: the
    /// model without overrides in the model's language ("bas"), unless a scenario of the model
    /// is called that (then "base", so the switch never offers one name twice); any other by its
    /// name in the model.
    func shownName(of k: Int) -> String {
        guard k == 0 else { return scenarios[k].name }
        return model.scenarios.contains { $0.name == words.base } ? scenarios[0].name : words.base
    }

    /// The row (0-based) of a workbook list's first value, below its title.
    static let firstListRow = 2

    /// The workbook lists of the functions the model calls, once each.
    static func lists(calledIn model: CheckedModel) -> [WorkbookList] {
        var seen = Set<String>()
        var out: [WorkbookList] = []
        for d in model.definitions {
            for case .call(let spec, _) in d.formula {
                if let list = spec.workbookList, seen.insert(list.name).inserted { out.append(list) }
            }
        }
        return out
    }

    /// The cells of an input that a list of assignments sets, as indices into its block.
    func cells(setBy assignments: [InputAssignment], slot: Int) -> Set<Int> {
        let d = model.definitions[slot]
        let sizes = d.dimensions.map { model.dimensions[$0].members.count }
        let m = sizes.reduce(1, *)
        var cells = Set<Int>()
        for a in assignments where a.slot == slot {
            let periods = d.isSeries ? Array(a.periods ?? 0...(model.timeline.count - 1)) : [0]
            var selected: [Int] = [0]
            for (k, size) in sizes.enumerated() {
                let choice = k < a.members.count ? a.members[k] : nil
                selected = selected.flatMap { i in choice.map { [i * size + $0] } ?? (0..<size).map { i * size + $0 } }
            }
            for p in periods { for s in selected { cells.insert(p * m + s) } }
        }
        return cells
    }

    /// Formula cells the export writes, for progress: every cell of every formula and check per
    /// scenario, plus the comparison's.
    var formulaCellEstimate: Int {
        let perScenario = (formulaSlots + checkSlots).reduce(0) { $0 + model.cellCount(of: $1) }
        return perScenario * scenarios.count * (scenarios.count > 1 ? 2 : 1)
    }
}
