/// The forecast of a line over versions computed by a formula, as a version read from a file
/// is: `kost[forecast, ansvar, month] = kost[budget] + justering`. In the closed months the
/// forecast is the actual, as every forecast is; in the open months it is this formula, which
/// reads the line's other versions (never its own forecast) and anything else in the model.
public struct ForecastFormula: Sendable {
    /// The formula as written, to print it back (explain, the workbook).
    package internal(set) var expression: FormulaTree
    /// Compiled in the shape of the whole line (versions and all): a bare name is the same
    /// member, `kost[budget]` the same cell of the budget.
    package internal(set) var formula: [Op]
    package internal(set) var dependencies: [Dependency]
    /// As a definition's: the reads an input holding a period bounds.
    package internal(set) var periodBounds: [Int: PeriodBoundUse]
    /// Where the forecast's name is written, and its whole statement.
    public internal(set) var location: SourceLocation
    public internal(set) var statement: SourceLocation
}

extension CheckedModel {
    /// This model with a line's computed forecast in place of its definition's formula, for a
    /// front end that compiles the forecast as it compiles formulas (the workbook's forecast
    /// rows); nil when the line's forecast is not computed.
    public func computingForecast(of slot: Int) -> CheckedModel? {
        guard let f = definitions[slot].forecastFormula else { return nil }
        var computing = self
        computing.definitions[slot].formula = f.formula
        computing.definitions[slot].expression = f.expression
        computing.definitions[slot].periodBounds = f.periodBounds
        return computing
    }
}

extension CheckedModel {
    /// The formula that computes a cell, when the cell is the forecast of a line whose
    /// forecast is a formula, in a month after the close.
    public func forecastFormula(of cell: CellReference) -> ForecastFormula? {
        guard let f = definitions[cell.slot].forecastFormula, let closed = actualsThrough, let p = cell.period, p > closed,
              let versions, let k = definitions[cell.slot].dimensions.firstIndex(of: versions.dimension) else { return nil }
        let dims = definitions[cell.slot].dimensions
        var stride = 1
        for j in (k + 1)..<dims.count { stride *= dimensions[dims[j]].members.count }
        return (cell.member / stride) % dimensions[versions.dimension].members.count == versions.forecast ? f : nil
    }
}

extension Checker {
    /// Whether a formula written for some members (`kost[forecast, ansvar, month] = …`) names
    /// the forecast member of the versions: then it is the line's forecast, not a mistake.
    func namesTheForecast(_ d: Definition, versions: (dimension: Int, actual: Int, forecast: Int)?, dimensions: [Dimension]) -> Bool {
        guard let versions, !d.isInput else { return false }
        let forecast = dimensions[versions.dimension].members[versions.forecast]
        return d.target.contains { if case .name(let word, _) = $0 { word == forecast } else { false } }
    }

    /// Compiles a line's forecast formula and puts it on the line's definition, which must be
    /// an input over versions and periods, the formula written for its whole forecast.
    mutating func attachForecast(_ d: Definition, to definitions: inout [CheckedDefinition], names: NameTable,
                                 versions: (dimension: Int, actual: Int, forecast: Int)) {
        let dimensions = names.dimensions
        let forecastName = dimensions[versions.dimension].members[versions.forecast]
        guard let slot = names.slots[d.name] else {
            diagnostics.append(.error("'\(d.name)' is not defined; a forecast formula computes the forecast of a line over version",
                                      at: location(d.nameRange), hint: "define the line first, as in input \(d.name)[version, \(names.timeline.axisName)] = 0", code: .unknownName))
            return
        }
        let line = definitions[slot]
        guard line.isInput, line.isSeries, let k = line.dimensions.firstIndex(of: versions.dimension) else {
            diagnostics.append(.error("only an input over version and \(names.timeline.axisName) has a forecast to compute; '\(d.name)' is \(line.isInput ? "not over both" : "a formula")",
                                      at: location(d.nameRange), hint: "define it as input \(d.name)[version, …, \(names.timeline.axisName)] = …", code: .noForecastToCompute))
            return
        }
        var expected = line.dimensions.map { dimensions[$0].name }
        expected[k] = forecastName
        expected.append(names.timeline.axisName)
        var written: [String] = []
        for part in d.target {
            switch part {
            case .name(let word, _): written.append(word)
            case .relative(0, _): written.append(names.timeline.axisName)
            default: written.append("")
            }
        }
        guard written == expected else {
            diagnostics.append(.error("a forecast formula computes the whole forecast, every member in every open month",
                                      at: location(d.targetRange ?? d.nameRange), hint: "write \(d.name)[\(expected.joined(separator: ", "))] = …", code: .partialForecast))
            return
        }
        if let first = line.forecastFormula {
            diagnostics.append(.error("the forecast of '\(d.name)' is computed twice", at: location(d.nameRange),
                                      notes: [Diagnostic(.note, "first computed here", at: first.location)], code: .definedTwice))
            return
        }
        if let unit = d.unit {
            diagnostics.append(.error("the unit goes on the line's definition, not on its forecast", at: location(d.nameRange),
                                      hint: "leave out ': \(unit)'", code: .belongsOnTheDefinition))
            return
        }
        var fc = FormulaChecker(file: file, names: names, isSeries: true, dimensions: line.dimensions, isConstant: false)
        let (ops, deps) = fc.compile(d.expression)
        diagnostics += fc.diagnostics
        guard !fc.diagnostics.contains(where: { $0.severity == .error }) else { return }
        // It reads the line's other versions; its own forecast would be a circle.
        let sizes = line.dimensions.map { dimensions[$0].members.count }
        let stride = sizes[(k + 1)...].reduce(1, *)
        let members = sizes.reduce(1, *)
        func isForecast(_ m: Int) -> Bool { (m / stride) % sizes[k] == versions.forecast }
        let forecasts = (0..<members).filter(isForecast)
        func readsForecast(_ map: MemberMap) -> Bool {
            switch map {
            case .identity: true
            case .single(let s): isForecast(s)
            case .gather(let indices): forecasts.contains { isForecast(indices[$0]) }
            }
        }
        let circular = ops.contains { op in
            switch op {
            case .load(let s, _, let map), .prev(let s, let map), .toDate(let s, _, let map), .rolling(let s, _, let map):
                return s == slot && readsForecast(map)
            case .loadRange(let s, let access) where s == slot:
                switch access.members {
                case .map(let map): return readsForecast(map)
                case .all(let list): return list.contains(where: isForecast)
                case .groups(let groups): return forecasts.contains { groups[$0].contains(where: isForecast) }
                }
            default:
                return false
            }
        }
        guard !circular else {
            let actual = dimensions[versions.dimension].members[versions.actual]
            diagnostics.append(.error("the forecast of '\(d.name)' reads its own forecast", at: location(d.nameRange),
                                      hint: "read another version of it, as in \(d.name)[\(actual)]; a bare \(d.name) is the forecast itself", code: .cycle))
            return
        }
        definitions[slot].forecastFormula = ForecastFormula(expression: d.expression, formula: ops, dependencies: deps,
                                                            periodBounds: fc.periodBounds, location: location(d.nameRange),
                                                            statement: location(d.range))
        definitions[slot].dependencies += deps.filter { $0.slot != slot }
    }
}
