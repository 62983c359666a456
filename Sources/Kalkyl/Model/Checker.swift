/// Turns a parsed file into a checked model: one definition per name, every name resolved,
/// every period on the timeline. It reports every problem it finds, not just the first.
struct Checker {
    let syntax: SyntaxFile
    var diagnostics: [Diagnostic] = []
    var timeline: Timeline?
    var timelineRange: SourceRange?
    var modelName: String?
    var fiscalStart: (month: Int, range: SourceRange)?
    /// `language sv`: the outputs' language, declared rather than detected.
    var language: ReportLanguage?
    var actualsThrough: (period: PeriodBound, range: SourceRange)?
    /// The last closed period and the versions' dimension and actual member, once known: data
    /// read into the actual after it is warned about.
    var closedActuals: (closed: Int, dimension: Int, actual: Int)?
    /// The `%` inputs, by slot: a bare number above 1 set for one is refused (`BarePercent.swift`).
    var percentInputs = Set<Int>()

    /// The data files the model reads.
    var data: DataBinding
    /// The report lines made of accounts, by dimension name (`dimension rad = Intäkter: 3000..3999`).
    var accountMappings: [String: AccountMapping] = [:]

    /// A checker of `syntax` that reads the data files it names from `sources`, and keeps
    /// what it read in `cache` for checking the model again.
    init(syntax: SyntaxFile, sources: any SourceProvider = DiskSources(), cache: CheckCache? = nil) {
        self.syntax = syntax
        self.data = DataBinding(file: syntax.file, sources: sources, cache: cache)
        data.streamable = DataFiles.streamable(in: syntax)
        data.percentInputs = PercentCells.declared(in: syntax)
    }

    var file: SourceFile { syntax.file }
    func location(_ r: SourceRange) -> SourceLocation { SourceLocation(file: file, range: r) }

    /// The checked model, or nil when there were errors (listed in the diagnostics).
    static func check(_ syntax: SyntaxFile, sources: any SourceProvider = DiskSources(),
                             cache: CheckCache? = nil) -> (CheckedModel?, [Diagnostic]) {
        var checker = Checker(syntax: syntax, sources: sources, cache: cache)
        var model = checker.run()
        // Reading is over: places in the data files are read back from them from here on.
        let coded = checker.diagnostics.coded(.model)
        var texts = DataTextsDropped(keepingPlacesOf: coded)
        texts.model(&model)
        let diagnostics = coded.map { texts.diagnostic($0) }
        return (diagnostics.contains { $0.severity == .error } ? nil : model, diagnostics)
    }

    mutating func run() -> CheckedModel {
        readHeader()
        let resolvedTimeline = timeline ?? Timeline(granularity: .monthly, first: 0, count: 0)
        var dimensions = readDimensions()
        // With a cut-off, the versions are a dimension of their own: the model's, or these.
        var versions: (dimension: Int, actual: Int, forecast: Int)?
        var closed: Int?
        let periodLiterals = periodInputLiterals()
        if let (bound, range) = actualsThrough {
            let names = NameTable(timeline: resolvedTimeline, hasTimeline: timeline != nil, slots: [:], shapes: [], dimensions: [])
            var fc = FormulaChecker(file: file, names: names, isSeries: false, isConstant: true)
            switch bound {
            case .period(let period):
                closed = fc.place(period)
            case .name(let name, let r):
                // `actuals through closed`: the input holds the month, so one edit moves everything.
                if var period = periodLiterals[name] {
                    period.range = r
                    closed = fc.place(period)
                } else {
                    diagnostics.append(.error("'\(name)' is not an input holding a period", at: location(r),
                                              hint: "define it, as in input \(name) = \(resolvedTimeline.count > 0 ? resolvedTimeline.label(resolvedTimeline.count - 1) : "2024-08"), or write the month", code: .notAPeriodInput))
                }
            }
            diagnostics += fc.diagnostics.coded(.formula)
            if !dimensions.contains(where: { $0.name == "version" }) {
                dimensions.append(Dimension(name: "version", members: ["actual", "budget", "forecast"], location: location(range)))
            }
            let v = dimensions.firstIndex { $0.name == "version" }!
            if let a = dimensions[v].memberIndex["actual"], let f = dimensions[v].memberIndex["forecast"] {
                versions = (v, a, f)
            } else {
                diagnostics.append(.error("the dimension 'version' needs the members actual and forecast", at: dimensions[v].location, code: .versionNeedsActualAndForecast))
            }
        }
        let dimensionIndex = Dictionary(dimensions.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })

        // Slots first, so definitions may use names defined further down.
        var slots: [String: Int] = [:]
        var bodies: [(definition: Definition, shape: NameShape)] = []
        var assignments: [Definition] = []
        var checks = Set<String>()
        // A measure is a few ordinary definitions (see ScorecardExpansion).
        let scorecard = ScorecardExpansion(statements: syntax.statements, dimensions: dimensions, file: file,
                                           language: language ?? ReportLanguage.detected(name: modelName, statements: syntax.statements, dimensions: dimensions))
        diagnostics += scorecard.diagnostics.coded(.scorecard)
        var written: [Definition] = []
        /// `kost[forecast, ansvar, month] = …`: a line's forecast computed by a formula.
        var forecastStatements: [Definition] = []
        for statement in syntax.statements {
            switch statement {
            case .definition(let definition): written.append(definition)
            case .check(let definition): written.append(definition); checks.insert(definition.name)
            case .measure(let m): written += scorecard.definitions[m.name] ?? []
            default: continue
            }
        }
        for d in written + scorecard.countDefinitions {
            guard let shape = definitionShape(d, dimensionIndex: dimensionIndex, dimensions: dimensions) else {
                if d.isInput {
                    if let kind = d.kind {
                        diagnostics.append(.error("'\(kind.kind.rawValue)' goes on the definition of '\(d.name)', not on the values it sets",
                                                  at: location(kind.range), hint: "declare it where \(d.name) is defined, as in input \(kind.kind.rawValue) \(d.name)[…] = …", code: .belongsOnTheDefinition))
                    }
                    assignments.append(d)
                } else if namesTheForecast(d, versions: versions, dimensions: dimensions) {
                    forecastStatements.append(d)
                } else {
                    diagnostics.append(.error("only an input can be set for some periods or members; '\(d.name)' is a formula",
                                              at: location(d.targetRange ?? d.nameRange),
                                              hint: "write 'input \(d.name)[…] = …', or define the whole of it, as in \(d.name)[\(resolvedTimeline.axisName)] = …", code: .overrideOfAFormula))
                }
                continue
            }
            if let first = slots[d.name] {
                diagnostics.append(.error("'\(d.name)' is defined twice", at: location(d.nameRange),
                                          notes: [Diagnostic(.note, "first defined here", at: location(bodies[first].definition.nameRange))],
                                          code: .definedTwice))
                continue
            }
            if shape.isSeries && timeline == nil {
                diagnostics.append(.error("'\(d.name)' is a series, but the model has no timeline", at: location(d.targetRange ?? d.nameRange),
                                          hint: "add a line such as: timeline monthly 2021-01 .. 2021-12", code: .seriesWithoutTimeline))
            }
            if timeline != nil, d.name == resolvedTimeline.axisName {
                diagnostics.append(.error("'\(d.name)' names the timeline's axis and cannot be defined", at: location(d.nameRange), code: .reservedName))
            }
            slots[d.name] = bodies.count
            bodies.append((d, shape))
        }

        // Refused before a cell is read or computed: a model that cannot fit in memory is an
        // error naming its largest definition, not a crash when the cells are allocated.
        // The model refused for its size: no definitions, so nothing is computed.
        let tooLarge = { [modelName, defaultModelName, file, resolvedTimeline, dimensions, timeline] in
            CheckedModel(name: modelName ?? defaultModelName, file: file, timeline: resolvedTimeline, dimensions: dimensions,
                         definitions: [], baseAssignments: [], scenarios: [], expectations: [], slotsByName: [:],
                         names: NameTable(timeline: resolvedTimeline, hasTimeline: timeline != nil, slots: [:], shapes: [], dimensions: dimensions))
        }
        if let problem = ModelSize.problem(bodies.map { ($0.definition, $0.shape) }, dimensions: dimensions,
                                           periods: resolvedTimeline.count, file: file, dropped: data.textsDroppedAfterChecking) {
            diagnostics.append(problem)
            return tooLarge()
        }
        var names = NameTable(timeline: resolvedTimeline, hasTimeline: timeline != nil, slots: slots,
                              shapes: bodies.map(\.shape), dimensions: dimensions)
        for (name, period) in periodLiterals { if let slot = slots[name] { names.periodInputs[name] = (slot, period) } }
        names.broken = syntax.brokenDefinitions
        for d in written where d.isInput {
            guard case .sie = d.source else { continue }
            if d.dataOptions.creditPositive == nil {
                if names.sieAsBooked[d.name] == nil { names.sieAsBooked[d.name] = d }
            } else if names.sieCreditPositive[d.name] == nil {
                names.sieCreditPositive[d.name] = d
            }
        }
        checkSignsThroughFormulas(written, names: &names)
        var definitions: [CheckedDefinition] = []
        let dimensionFiles = Dictionary(syntax.statements.compactMap { statement -> (String, String)? in
            guard case .dimension(let d) = statement, let file = d.file else { return nil }
            return (d.name, file.path)
        }, uniquingKeysWith: { first, _ in first })
        var periodBounds: [[Int: PeriodBoundUse]] = []
        var unkindedVarianceReads: [(kind: LineKind, names: [String], range: SourceRange)] = []
        // Actuals read by a definition over `version` (a ledger with a version key column) are
        // looked at as those of an assignment to `actual` are.
        if let closed, let versions { closedActuals = (closed, versions.dimension, versions.actual) }
        var dataOrigins: [DataOrigins?] = []
        for (d, shape) in bodies {
            if let total = d.total, !shape.isSeries {
                diagnostics.append(.error("'\(total.kind.rawValue)' says how a series' periods total, and \(d.name) is a single value",
                                          at: location(total.range), hint: "leave it out, or define \(d.name)[\(resolvedTimeline.axisName)]", code: .periodTotalOfAScalar))
            }
            var ops: [Op] = [.constant(.blank)]
            var deps: [Dependency] = []
            var bounds: [Int: PeriodBoundUse] = [:]
            var values: [Value]?
            var origins: DataOrigins?
            if let source = d.source {
                let read = data.values(d, source: source, shape: shape, names: names)
                values = read?.cells
                origins = read?.origins
                if let cells = values { checkBookedSigns(d, kind: d.kind?.kind, source: source, cells: cells) }
                let actual = actualMembers(shape: shape, members: [Int?](repeating: nil, count: shape.dimensions.count), names: names)
                if let cells = values, let actual {
                    let m = names.memberCount(shape.dimensions)
                    warnOfActualsAfterTheClose(cells, source: source, actual: actual, memberCount: m, timeline: names.timeline)
                    if d.dataOptions.spread == nil {
                        warnOfClosedMonthsWithoutActuals(origins, source: source, actual: actual, memberCount: m, timeline: names.timeline)
                    }
                }
                warnOfMissingPeriodColumns(origins, source: source, name: d.name, shape: shape, periods: nil,
                                           memberCount: names.memberCount(shape.dimensions), timeline: names.timeline)
                warnOfEmptyCells(read, d: d, source: source, dimensions: shape.dimensions, names: names, periods: nil)
            } else {
                var fc = FormulaChecker(file: file, names: names, isSeries: shape.isSeries, dimensions: shape.dimensions, isConstant: d.isInput)
                (ops, deps) = fc.compile(d.expression)
                diagnostics += fc.diagnostics.coded(.formula)
                bounds = fc.periodBounds
                unkindedVarianceReads += fc.unkindedVarianceReads
                if d.isInput, d.unit == "%", let bare = barePercentProblem(d, input: d.name) { diagnostics.append(bare) }
            }
            periodBounds.append(bounds)
            dataOrigins.append(origins)
            definitions.append(CheckedDefinition(name: d.name, label: d.label, unit: d.unit, kind: d.kind?.kind,
                                                 declaredTotal: d.total?.kind, isInput: d.isInput,
                                                 isCheck: checks.contains(d.name), isSeries: shape.isSeries, dimensions: shape.dimensions,
                                                 location: location(d.nameRange), statement: location(d.range), expression: d.expression,
                                                 formula: ops, dependencies: deps, data: values.map(DataCells.init),
                                                 dataFile: d.source.flatMap { $0.path ?? shape.dimensions.first.flatMap { dimensionFiles[dimensions[$0].name] } }))
        }
        for k in definitions.indices {
            definitions[k].periodBounds = periodBounds[k]
            definitions[k].dataOrigins = dataOrigins[k]
        }
        if let versions {
            for d in forecastStatements { attachForecast(d, to: &definitions, names: names, versions: versions) }
        }
        // A file's problem met twice (by a dimension reading the file and an input reading the
        // same rows) is shown once.
        var shown = Set<String>()
        diagnostics += data.diagnostics.filter { shown.insert(DiagnosticRenderer.render($0)).inserted }.coded(.data)
        data.diagnostics = []
        // Units once every name resolves, so a unit error is never a name error's echo.
        if !diagnostics.contains(where: { $0.severity == .error }) {
            var units = UnitChecker(file: file, definitions: bodies.map(\.definition), slots: slots)
            let stated = Set(syntax.statements.compactMap { statement -> String? in
                switch statement {
                case .definition(let d), .check(let d): d.name
                default: nil
                }
            })
            units.check(bodies.indices.filter { stated.contains(bodies[$0].definition.name) })
            for d in forecastStatements { if let slot = slots[d.name] { units.checkForecast(d, line: slot) } }
            diagnostics += units.diagnostics.coded(.units)
        }

        if let closed, let versions { closedActuals = (closed, versions.dimension, versions.actual) }
        percentInputs = Self.percentInputs(definitions)
        let base = assignments.compactMap { assignment($0, names: names, context: "") }
        closedActuals = nil
        spreadYearlyAmounts(&definitions, bodies: bodies.map(\.definition), base: base, names: names)
        warnOfVariancesReadingNegativeAmounts(unkindedVarianceReads, definitions: definitions, base: base, written: written)
        var scenarios: [Scenario] = []
        let profiles = spreadProfiles(bodies.map(\.definition), names: names)
        for case .scenario(let s) in syntax.statements {
            if scenarios.contains(where: { $0.name == s.name }) {
                diagnostics.append(.error("the scenario '\(s.name)' is defined twice", at: location(s.nameRange), code: .scenarioDefinedTwice))
                continue
            }
            if s.name == "base" {
                diagnostics.append(.error("'base' is the model without overrides; give this scenario another name", at: location(s.nameRange), code: .reservedName))
            }
            let overrides = s.overrides.compactMap { assignment($0, names: names, context: " in scenario '\(s.name)'") }
            for (o, a) in zip(s.overrides, overrides) where boundingInputs(definitions).contains(a.slot) {
                diagnostics.append(.error("'\(o.name)' bounds periods in formulas, which are placed when the model is checked; a scenario cannot move it",
                                          at: location(o.nameRange), hint: "edit it in the model (input \(o.name) = …) to roll the month forward", code: .scenarioMovesAPeriodBound))
            }
            for (o, a) in zip(s.overrides, overrides) {
                guard let spread = profiles[a.slot] else { continue }
                let (message, hint) = Self.spreadProfileOverride(o.name, spreads: spread, by: "a scenario")
                diagnostics.append(.error(message, at: location(o.nameRange), hint: hint, code: .scenarioChangesASpreadProfile))
            }
            scenarios.append(Scenario(name: s.name, label: s.label, assignments: overrides))
        }

        // Every input is read: the computed cells are weighed again against what is left now,
        // which the inputs' cells took as they are, not as estimated before they were read.
        if let problem = ModelSize.computedCellsProblem(bodies.map { ($0.definition, $0.shape) }, dimensions: dimensions,
                                                        periods: resolvedTimeline.count, file: file, dropped: data.textsDroppedAfterChecking,
                                                        inputs: definitions.compactMap(\.evaluationCopy)) {
            diagnostics.append(problem)
            return tooLarge()
        }

        let name = modelName ?? defaultModelName
        var model = CheckedModel(name: name, file: file, timeline: resolvedTimeline, dimensions: dimensions, definitions: definitions,
                            baseAssignments: base, scenarios: scenarios, expectations: syntax.expectations, slotsByName: slots,
                            names: names)
        model.actualsThrough = closed
        model.spreadProfiles = profiles
        model.declaredLanguage = language
        model.scorecard = scorecard.scorecard(slots: slots)
        model.versions = versions
        model.sources = data.sources
        model.dataFiles = DataFiles.paths(in: syntax)
        return model
    }

    /// Scalar inputs written as one period (`input closed = 2024-08`), by name.
    func periodInputLiterals() -> [String: PeriodLiteral] {
        var found: [String: PeriodLiteral] = [:]
        for case .definition(let d) in syntax.statements where d.isInput && d.target.isEmpty && d.source == nil {
            if let root = d.expression.nodes.last, case .period(let p) = root.kind { found[d.name] = p }
        }
        return found
    }

    /// The inputs that bound a range or pick a period in some formula.
    func boundingInputs(_ definitions: [CheckedDefinition]) -> Set<Int> {
        var slots = Set<Int>()
        for d in definitions { for use in d.periodBounds.values { slots.formUnion([use.from, use.to].compactMap { $0 }) } }
        return slots
    }

    /// Dimensions and their members; names that differ only by case or spacing are refused,
    /// since a controller reading them would take them for the same member.
    mutating func readDimensions() -> [Dimension] {
        var dimensions: [Dimension] = []
        /// The dimension above that already has a member of this name.
        func owner(of member: String) -> String? {
            dimensions.first { $0.memberIndex[member] != nil }?.name
        }
        for case .dimension(let d) in syntax.statements {
            if let first = dimensions.first(where: { $0.name == d.name }) {
                diagnostics.append(.error("the dimension '\(d.name)' is defined twice", at: location(d.nameRange),
                                          notes: [Diagnostic(.note, "first defined here", at: first.location)], code: .dimensionDefinedTwice))
                continue
            }
            var seen: [String: String] = [:]
            var members: [String] = []
            // Members from a data file were checked for repeats as they were read.
            let fromFile = d.file != nil || d.sie != nil
            let listed = d.sie != nil ? data.sieMembers(of: d)
                : fromFile ? data.members(of: d) : ListedMembers(names: d.members.map(\.0), file: file, ranges: d.members.map(\.1))
            if fromFile { members = dimensions.isEmpty ? listed.names : refusingOwned(listed, of: d.name, owner: owner) }
            for (index, m) in listed.names.enumerated() where !fromFile {
                let key = Checker.memberKey(m)
                if let other = seen[key] {
                    let message = other == m ? "'\(m)' is listed twice in '\(d.name)'"
                        : "'\(m)' and '\(other)' differ only by case or spacing; a member must be unmistakable"
                    diagnostics.append(.error(message, at: listed.location(index), code: .memberListedTwice))
                    continue
                }
                if let owner = owner(of: m) {
                    diagnostics.append(.error("'\(m)' is already a member of '\(owner)'; members of different dimensions need different names",
                                              at: listed.location(index), code: .memberOfTwoDimensions))
                    continue
                }
                seen[key] = m
                members.append(m)
            }
            let index = data.cache?.memberIndex(d.name, members: members) ?? MemberIndex(members)
            var dimension = Dimension(name: d.name, members: members, location: location(d.nameRange), memberIndex: index)
            if fromFile, d.nameColumn != nil || d.sie != nil {
                let names = d.sie != nil ? data.sieDescriptions(of: d) : data.descriptions(of: d)
                dimension.descriptions = members.map { names[$0] ?? "" }
            }
            if let parent = d.parent {
                if let p = dimensions.firstIndex(where: { $0.name == parent.name }) {
                    dimension.parent = p
                    // Each member's parent and where it is written: in the model, or in the data file.
                    var written: [(member: String, parent: String, at: SourceLocation)] = []
                    // A problem a member of a file: a thousand of a kind are listed.
                    var perMember = CappedDiagnostics()
                    if let mapping = accountMapping(for: d, parent: parent.name, mappings: accountMappings) {
                        // Report lines made of accounts: each account's line from the ranges.
                        let lines = mapping.parents(of: listed, dimension: d.name, lines: parent.name, into: &diagnostics)
                        for m in members { if let (line, at) = lines[m] { written.append((m, line, at)) } }
                    } else if fromFile, let parents = data.parents(of: d) {
                        // Parents that would not fit are refused at the file (nil), not reported member by member.
                        // A member without one is shown at its row, where the cell is to be filled (it
                        // was shown at the model's `parent` column: hunt18/t06), with a note there.
                        var rowOf: [String: Int]?
                        for m in members {
                            guard let (name, at) = parents[m] else {
                                let column = location(d.parentColumn?.range ?? d.nameRange)
                                if rowOf == nil { rowOf = Dictionary(listed.names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first }) }
                                let row = rowOf?[m].map { listed.location($0) }
                                perMember.append(.error("'\(m)' has no \(parent.name) in \(d.file!.path)", at: row ?? column,
                                                        notes: row == nil ? [] : [Diagnostic(.note, "its \(parent.name) is read from this column", at: column)],
                                                        code: .memberWithoutParent))
                                continue
                            }
                            written.append((m, name, at))
                        }
                    } else {
                        for (k, (m, _)) in d.members.enumerated() where k < d.parents.count {
                            written.append((m, d.parents[k].name, location(d.parents[k].range)))
                        }
                    }
                    for (m, parentMember, at) in written {
                        guard dimension.memberIndex[m] != nil else { continue }
                        guard let index = dimensions[p].memberIndex[parentMember] else {
                            perMember.append(.parentNotAMember, at: at) {
                                let hint = Suggestions.closest(to: parentMember, in: dimensions[p].members).map { "did you mean '\($0)'?" }
                                return .error("'\(parentMember)' is not a member of '\(parent.name)'", at: at, hint: hint, code: .parentNotAMember)
                            }
                            continue
                        }
                        dimension.parentOf.append(index)
                    }
                    diagnostics += perMember.all
                    if dimension.parentOf.count != members.count { dimension.parent = nil }
                } else {
                    diagnostics.append(.error("'\(parent.name)' is not a dimension defined above '\(d.name)'", at: location(parent.range),
                                              hint: "define the dimension a dimension rolls up to before it", code: .parentNotADimensionAbove))
                }
            }
            if !d.accounts.isEmpty { accountMappings[d.name] = accountMapping(of: d) }
            dimensions.append(dimension)
        }
        return dimensions
    }

    /// A file's members without those a dimension above already has: each of those is an
    /// error where the file lists it, and its rows are left out of the inputs without another.
    /// The list itself when none is refused.
    private mutating func refusingOwned(_ listed: ListedMembers, of dimension: String, owner: (String) -> String?) -> [String] {
        var kept: [String]?
        // A member of a file each: a thousand are listed.
        var owned = CappedDiagnostics()
        defer { diagnostics += owned.all }
        for (index, m) in listed.names.enumerated() {
            guard let owner = owner(m) else {
                kept?.append(m)
                continue
            }
            if kept == nil { kept = Array(listed.names[..<index]) }
            owned.append(.error("'\(m)' is already a member of '\(owner)'; members of different dimensions need different names",
                                at: listed.location(index), code: .memberOfTwoDimensions))
            data.refusedMembers[dimension, default: []].insert(m)
        }
        return kept ?? listed.names
    }

    /// The report lines of a dimension written with accounts (`Intäkter: 3000..3999`); a range
    /// written backwards is an error.
    mutating func accountMapping(of d: DimensionSyntax) -> AccountMapping {
        var entries: [AccountMapping.Entry] = []
        for span in d.accounts {
            var range: AccountRange?
            if let high = span.high {
                range = AccountRange("\(span.low)..\(high)")
                if let r = range, !r.isOrdered {
                    diagnostics.append(.error("the range '\(span.text)' runs backwards", at: location(span.range), hint: "write \(high)..\(span.low)", code: .rangeRunsBackwards))
                    continue
                }
            }
            entries.append(.init(key: span.text, range: range, line: d.members[span.member].name, location: location(span.range)))
        }
        return AccountMapping(entries: entries)
    }

    /// Where a dimension's members find their parents by account: a mapping file
    /// (`parent Rad from "rader.csv" key Konto`), or the accounts of the parent's members when
    /// neither a parent column nor parents in the model are given. Nil for plain parents.
    mutating func accountMapping(for d: DimensionSyntax, parent: String, mappings: [String: AccountMapping]) -> AccountMapping? {
        if let file = d.parentFile, let column = d.parentColumn {
            return data.accountMapping(path: file.path, at: file.range, key: file.key, line: column) ?? AccountMapping(entries: [], isUsable: false)
        }
        let hasParents = d.file != nil ? d.parentColumn != nil : !d.parents.isEmpty
        if hasParents { return nil }
        if let mapping = mappings[parent] { return mapping }
        diagnostics.append(.error("'\(d.name)' rolls up to '\(parent)', but neither says how",
                                  at: location(d.nameRange),
                                  hint: d.file != nil ? "name the column of each member's \(parent) (parent Rad), or give \(parent)'s members their accounts (Intäkter: 3000..3999)"
                                      : "give each member's \(parent) (Datacenter: Länsteknik), or give \(parent)'s members their accounts (Intäkter: 3000..3999)", code: .rollUpWithoutParents))
        return AccountMapping(entries: [], isUsable: false)
    }

    static func memberKey(_ name: String) -> String {
        String(name.lowercased().filter { !$0.isWhitespace && $0 != "_" })
    }

    /// The shape a definition declares (`x[unit, month]`), or nil when its brackets select
    /// cells instead (`input x[Datacenter, 2021-04] = …`), which makes it an assignment.
    mutating func definitionShape(_ d: Definition, dimensionIndex: [String: Int], dimensions: [Dimension]) -> NameShape? {
        var shape = NameShape(isSeries: false, isInput: d.isInput, kind: d.kind?.kind, unit: d.unit)
        for part in d.target {
            switch part {
            case .relative(0, _):
                shape.isSeries = true
            case .name(let word, _) where dimensionIndex[word] != nil:
                let dim = dimensionIndex[word]!
                if shape.dimensions.contains(dim) {
                    diagnostics.append(.error("'\(word)' is named twice", at: location(part.range), code: .dimensionNamedTwice))
                }
                shape.dimensions.append(dim)
            case .name(let word, let r) where !d.isInput && !dimensions.contains(where: { $0.memberIndex[word] != nil }) && word != "month" && word != "year":
                // Neither a dimension nor a member: say so here, and keep the definition, so
                // that the formulas using it are not reported too.
                var candidates = dimensions.map(\.name)
                candidates += dimensions.flatMap(\.members)
                let hint = Suggestions.closest(to: word, in: candidates).map { "did you mean '\($0)'?" }
                diagnostics.append(.error("'\(word)' is not a dimension or a member", at: location(r), hint: hint, code: .unknownSubscript))
            default:
                return nil
            }
        }
        return shape
    }

    var defaultModelName: String {
        let base = file.path.split(separator: "/").last.map(String.init) ?? file.path
        return base.hasSuffix(".kalkyl") ? String(base.dropLast(7)) : base
    }

    mutating func readHeader() {
        var modelRange: SourceRange?
        var fiscalRange: SourceRange?
        var languageRange: SourceRange?
        for statement in syntax.statements {
            switch statement {
            case .model(let name, let range):
                if modelRange != nil {
                    diagnostics.append(.error("the model is named twice", at: location(range), code: .headerGivenTwice))
                } else {
                    modelName = name
                    modelRange = range
                }
            case .timeline(let granularity, let from, let to, let range):
                if let first = timelineRange {
                    diagnostics.append(.error("the model has two timelines", at: location(range),
                                              notes: [Diagnostic(.note, "the first is here", at: location(first))], code: .headerGivenTwice))
                } else {
                    timeline = Timeline(granularity: granularity, first: from, count: to - from + 1)
                    timelineRange = range
                }
            case .actualsThrough(let period, let range):
                if actualsThrough != nil {
                    diagnostics.append(.error("the last closed period is given twice", at: location(range), code: .headerGivenTwice))
                }
                actualsThrough = (period, range)
            case .fiscalYear(let month, let range):
                if fiscalRange != nil {
                    diagnostics.append(.error("the fiscal year's start is given twice", at: location(range), code: .headerGivenTwice))
                }
                fiscalRange = range
                fiscalStart = (month, range)
            case .language(let code, let range, let codeRange):
                if languageRange != nil {
                    diagnostics.append(.error("the model's language is given twice", at: location(range), code: .headerGivenTwice))
                } else if let declared = ReportLanguage(rawValue: code) {
                    language = declared
                } else {
                    diagnostics.append(.error("unknown language '\(code)'", at: location(codeRange),
                                              hint: "write 'language sv' (Swedish) or 'language en' (English)", code: .unknownLanguage))
                }
                languageRange = range
            default:
                break
            }
        }
        if let (month, range) = fiscalStart {
            if timeline?.granularity == .yearly {
                diagnostics.append(.error("a fiscal year start only applies to a monthly timeline", at: location(range), code: .needsAMonthlyTimeline))
            }
            timeline?.fiscalYearStart = month
        }
    }

    /// An input set in some cells (`input hires[2021-02] = 2`, `input budget[MT] = 120`) or a
    /// scenario's override of one.
    /// Whether a part of an assignment's brackets picks its periods: one, or a range written out.
    private static func setsPeriods(_ part: SubscriptPart) -> Bool {
        switch part {
        case .period, .range: true
        default: false
        }
    }

    mutating func assignment(_ d: Definition, names: NameTable, context: String) -> InputAssignment? {
        guard let slot = names.slots[d.name] else {
            // `input x[unitt] = …` with no `input x[…]` defined: the bracket is the likelier mistake.
            for case .name(let word, let r) in d.target where names.dimensionIndex[word] == nil && names.owners(of: word).isEmpty {
                var candidates = Array(names.dimensionIndex.keys)
                candidates += names.dimensions.flatMap(\.members)
                let hint = Suggestions.closest(to: word, in: candidates).map { "did you mean '\($0)'?" }
                diagnostics.append(.error("'\(word)' is not a dimension or a member", at: location(r), hint: hint, code: .unknownSubscript))
                return nil
            }
            let inputs = names.slots.keys.filter { names.shapes[names.slots[$0]!].isInput }
            let hint = Suggestions.closest(to: d.name, in: inputs).map { "did you mean '\($0)'?" }
            diagnostics.append(.error("'\(d.name)' is not an input of this model\(context)", at: location(d.nameRange), hint: hint,
                                      code: .overrideOfNoInput))
            return nil
        }
        let shape = names.shapes[slot]
        guard shape.isInput else {
            diagnostics.append(.error("'\(d.name)' is a formula, and only inputs can be overridden\(context)", at: location(d.nameRange),
                                      hint: "make it an input, or override the inputs it is computed from", code: .overrideOfAFormula))
            return nil
        }
        var periods: ClosedRange<Int>?
        var members = [Int?](repeating: nil, count: shape.dimensions.count)
        // A second member of one dimension, or a second period, was once taken in place of the
        // first: `salary[e0, e1] = 3` set e1 alone. An assignment sets one member of each
        // dimension and one period or range.
        var memberWords = [String?](repeating: nil, count: shape.dimensions.count)
        var periodsPart: SourceRange?
        for written in d.target {
            // `input grad[110] = …`, `--set "kost[budget, 110, 2024-05]=0"`: a member whose name
            // is a number, written bare, as a formula takes it (`kost[4110]`); it was refused as a
            // period ("'grad' is a scalar input", "110 is a year": hunt18/t12).
            var part = written
            if case .period(let p) = written, p.month == nil, names.timeline.granularity == .monthly || !shape.isSeries,
               shape.dimensions.contains(where: { names.dimensions[$0].memberIndex[String(p.year)] != nil }) {
                part = .name(String(p.year), p.range)
            }
            if Self.setsPeriods(part) {
                if periodsPart != nil {
                    diagnostics.append(.error("a second period here: '\(d.name)' is set for one period or one range of them", at: location(part.range),
                                              hint: "write a range, such as [2021-01 .. 2021-03], or one line for each period", code: .dimensionNamedTwice))
                    return nil
                }
                periodsPart = part.range
            }
            switch part {
            case .relative(0, let r):
                guard shape.isSeries else {
                    diagnostics.append(.error("'\(d.name)' has no periods", at: location(r), code: .nameHasNoPeriods))
                    return nil
                }
            case .relative(_, let r):
                diagnostics.append(.error("an input is set for fixed periods, such as [2021-04] or [2021-04 ..]", at: location(r), code: .periodsNotWrittenOut))
                return nil
            case .period(let p):
                guard shape.isSeries else {
                    diagnostics.append(.error("'\(d.name)' is a scalar input and has no periods", at: location(p.range), code: .nameHasNoPeriods))
                    return nil
                }
                guard let i = place(p, names: names) else { return nil }
                periods = i...i
            case .range(let from, let to):
                guard shape.isSeries else {
                    diagnostics.append(.error("'\(d.name)' is a scalar input and has no periods", at: location(part.range), code: .nameHasNoPeriods))
                    return nil
                }
                guard let a = place(from, names: names) else { return nil }
                let b = to.map { place($0, names: names) } ?? names.timeline.count - 1
                guard let b else { return nil }
                guard a <= b else {
                    diagnostics.append(.error("this range runs backwards: \(from.label) comes after \(to?.label ?? "")", at: location(part.range), code: .rangeRunsBackwards))
                    return nil
                }
                periods = a...b
            case .boundedRange:
                diagnostics.append(.error("an input is set for periods written out, such as [2021-04 ..]; a name bounds ranges in formulas",
                                          at: location(part.range), code: .periodsNotWrittenOut))
                return nil
            case .name(let word, let r):
                if let dim = names.dimensionIndex[word], shape.dimensions.contains(dim) { continue }
                let owners = names.owners(of: word)
                guard let k = shape.dimensions.firstIndex(where: { owners.contains($0) }) else {
                    var candidates: [String] = shape.dimensions.flatMap { names.dimensions[$0].members }
                    candidates += shape.dimensions.map { names.dimensions[$0].name }
                    let hint = Suggestions.closest(to: word, in: candidates).map { "did you mean '\($0)'?" }
                    let what = shape.dimensions.isEmpty ? "'\(d.name)' has no dimensions" :
                        "'\(word)' is not a member of " + shape.dimensions.map { "'\(names.dimensions[$0].name)'" }.joined(separator: " or ")
                    diagnostics.append(.error(what, at: location(r), hint: hint,
                                              code: owners.isEmpty && !shape.dimensions.isEmpty ? .unknownSubscript : .notADimensionOfTheName))
                    return nil
                }
                if let first = memberWords[k] {
                    let dimension = names.dimensions[shape.dimensions[k]].name
                    diagnostics.append(.error("'\(word)' and '\(first)' are both members of '\(dimension)': '\(d.name)' is set for one member of each dimension",
                                              at: location(r), hint: "write one line for each member", code: .dimensionNamedTwice))
                    return nil
                }
                memberWords[k] = word
                members[k] = names.dimensions[shape.dimensions[k]].memberIndex[word]
            }
        }
        if let source = d.source {
            // `input cost[actual, unit, month] = data …`: the file gives the cells of the
            // dimensions left open, for the periods chosen, read as the input's unit says: its
            // scale, currency and kronor were not held to the file before (a budget column
            // `Budget (tkr)`, a row in EUR and a `10 %` were read into `input kost[version, …]: kr`
            // without a word, red team, session 20, hunt20/t07).
            let d = d.withUnit(ofInput: shape)
            var sub = NameShape(isSeries: shape.isSeries, isInput: true)
            sub.dimensions = zip(shape.dimensions, members).filter { $0.1 == nil }.map(\.0)
            guard let read = data.values(d, source: source, shape: sub, names: names, readFrom: periods?.lowerBound ?? 0) else { return nil }
            var values = read.cells
            var origins = read.origins
            checkBookedSigns(d, kind: shape.kind, source: source, cells: values)
            if let spread = d.dataOptions.spread {
                // `input kost[budget, …] = data … spread by …`: the yearly amounts over the
                // months, as on a definition (before, every month took the whole year); each
                // month keeps the yearly amount's row as its origin.
                if case .profile(let name) = spread.method {
                    diagnostics.append(.error("a spread over a profile is written on the input's definition, not on the values it sets",
                                              at: location(name.range), hint: "spread by a key file (spread by \"nycklar.csv\" key Konto) or evenly here", code: .belongsOnTheDefinition))
                    return nil
                }
                guard let spreadValues = data.spread(d, spread, source: source, cells: values, shape: sub, names: names, profile: (nil, false)) else {
                    return nil
                }
                values = spreadValues
            }
            let actual = actualMembers(shape: shape, members: members, names: names)
            warnOfActualsAfterTheClose(values, source: source, actual: actual, memberCount: names.memberCount(sub.dimensions), timeline: names.timeline)
            // Actuals are exported up to the closed month: their later columns are expected missing.
            let isActuals = closedActuals.map { c in shape.dimensions.firstIndex(of: c.dimension).map { members[$0] == c.actual } ?? false } ?? false
            if d.dataOptions.spread == nil, !isActuals {
                warnOfMissingPeriodColumns(origins, source: source, name: d.name, shape: sub, periods: periods,
                                           memberCount: names.memberCount(sub.dimensions), timeline: names.timeline)
            }
            // The actuals' cells after the closed month are expected empty: exported up to the close.
            let lower = periods?.lowerBound ?? 0
            let upper = min(periods?.upperBound ?? names.timeline.count - 1, isActuals ? closedActuals?.closed ?? Int.max : Int.max)
            if d.dataOptions.spread == nil, lower <= upper {
                warnOfEmptyCells(read, d: d, source: source, dimensions: sub.dimensions, names: names, periods: lower...upper)
            }
            if d.dataOptions.spread == nil {
                warnOfClosedMonthsWithoutActuals(origins, source: source, actual: actual, memberCount: names.memberCount(sub.dimensions),
                                                 timeline: names.timeline, periods: periods)
            }
            if let periods, shape.isSeries {
                let m = names.memberCount(sub.dimensions)
                values = Array(values[(periods.lowerBound * m)..<((periods.upperBound + 1) * m)])
                origins = origins?.periods(periods, memberCount: m)
            }
            var a = InputAssignment(slot: slot, periods: periods, members: members, formula: [.constant(.blank)], location: location(d.nameRange))
            a.data = DataCells(values)
            a.dataOrigins = origins
            return a
        }
        var fc = FormulaChecker(file: file, names: names, isSeries: false, isConstant: true)
        let (ops, _) = fc.compile(d.expression)
        diagnostics += fc.diagnostics.coded(.formula)
        if percentInputs.contains(slot), let bare = barePercentProblem(d, input: d.name) {
            diagnostics.append(bare)
            return nil
        }
        return InputAssignment(slot: slot, periods: periods, members: members, formula: ops, location: location(d.nameRange))
    }

    /// Actuals read from a file for months after the last closed one are left out of every
    /// year-to-date figure: a roll-forward forgotten. Say so, naming the file and the months.
    mutating func warnOfActualsAfterTheClose(_ values: [Value], source: DataSourceSyntax, actual: [Int]?,
                                             memberCount m: Int, timeline: Timeline) {
        guard let c = closedActuals, let actual, m > 0, values.count >= timeline.count * m else { return }
        let late = ((c.closed + 1)..<timeline.count).filter { p in
            actual.contains { i in
                switch values[p * m + i] {
                case .blank: false
                case .number(let x): x != 0
                default: true
                }
            }
        }
        guard let first = late.first else { return }
        let path: String, range: SourceRange
        switch source {
        case .wide(let p, let r, _), .long(let p, let r, _, _, _, _), .keyed(let p, let r, _, _), .sie(let p, let r, _, _, _): (path, range) = (p, r)
        case .column: return
        }
        let months = late.map(timeline.label)
        let list = months.count > 3 ? months.prefix(3).joined(separator: ", ") + " and \(months.count - 3) more" : months.joined(separator: ", ")
        // The edit to make is where the closed month is written: the input that holds it
        // (`input closed = 2024-06`, `actuals through closed`), or the statement itself.
        let month = timeline.label(late.last ?? first)
        let edit = if case .name(let input, _) = actualsThrough?.period { "input \(input) = \(month)" } else { "actuals through \(month)" }
        diagnostics.append(Diagnostic(.warning, "\(path) holds actuals for \(list), after the closed month \(timeline.label(c.closed)); they are left out of the year to date",
                                    at: location(range), hint: "roll forward: \(edit)", code: .actualsAfterTheClose))
    }

    /// The twin of the warning above: a file read into the actuals with no row at all for the
    /// last closed month (a month's export not saved) makes that month 0 or blank in every
    /// year-to-date figure, a variance that is not. Say so, naming the file and the closed
    /// months after its last row that have none. So is a closed month of the year to date
    /// before it with no row at all (`closedMonthsOfTheYearWithoutActuals`); earlier gaps, such
    /// as a timeline starting a year before the ledger, are left alone. `periods` are the ones
    /// the statement sets (`input kost[actual, ansvar, 2024-01 .. 2024-06] = data "h1.csv" …`):
    /// a file read for the first half year is not asked for July (it was, K0328 at h1.csv,
    /// beside the file read from July that holds it).
    mutating func warnOfClosedMonthsWithoutActuals(_ origins: DataOrigins?, source: DataSourceSyntax, actual: [Int]?,
                                                   memberCount m: Int, timeline: Timeline, periods: ClosedRange<Int>? = nil) {
        guard let c = closedActuals, let actual, let origins, !origins.perMember,
              m > 0, c.closed >= 0, c.closed < timeline.count, origins.offsets.count >= timeline.count * m else { return }
        let path: String, range: SourceRange
        switch source {
        case .wide(let p, let r, _), .long(let p, let r, _, _, _, _), .keyed(let p, let r, _, _), .sie(let p, let r, _, _, _): (path, range) = (p, r)
        case .column: return
        }
        func hasRow(_ p: Int) -> Bool { actual.contains { origins.offsets[p * m + $0] >= 0 } }
        let setPeriods = periods ?? 0...(timeline.count - 1)
        guard setPeriods.contains(c.closed) else {
            // The statement ends before the close: the closed months it sets are its year to date.
            if setPeriods.upperBound < c.closed, hasRow(setPeriods.upperBound) {
                warnOfClosedMonthsOfTheYearWithoutActuals(hasRow, path: path, range: range, closed: setPeriods.upperBound, timeline: timeline,
                                                           from: setPeriods.lowerBound, actualsThrough: c.closed)
            }
            return
        }
        guard !hasRow(c.closed) else {
            warnOfClosedMonthsOfTheYearWithoutActuals(hasRow, path: path, range: range, closed: c.closed, timeline: timeline,
                                                       from: setPeriods.lowerBound, actualsThrough: c.closed)
            return
        }
        let lastWithRow = (0..<c.closed).last(where: hasRow)
        let empty = Array(((lastWithRow ?? -1) + 1)...c.closed)
        let months = empty.map(timeline.label)
        let list = months.count > 3 ? "\(months[0]) .. \(months[months.count - 1]) (\(months.count) months)" : months.joined(separator: ", ")
        let read = ClosedInputWarnings.rowsAround(lastBefore: lastWithRow, firstAfter: ((c.closed + 1)..<timeline.count).first(where: hasRow),
                                                  closed: c.closed, timeline: timeline)
        diagnostics.append(Diagnostic(.warning, "\(path) holds no actuals for \(list), closed (actuals through \(timeline.label(c.closed))); \(read), so the year to date takes \(months.count == 1 ? "that month" : "those months") as empty",
                                    at: location(range), hint: "add the closed months' rows to \(path), or move the closed month back", code: .closedMonthWithoutActuals))
    }

    /// A `wide` file without a column for some of the periods it is read for leaves those
    /// periods blank for every member: the whole-column twin of a member with no row (K0502).
    /// Warned about with or without `missing 0` (that says a row may be missing, not a month).
    /// Not for the actuals of a model with `actuals through`: they are exported up to the close.
    mutating func warnOfMissingPeriodColumns(_ origins: DataOrigins?, source: DataSourceSyntax, name: String, shape: NameShape,
                                             periods: ClosedRange<Int>?, memberCount m: Int, timeline: Timeline) {
        guard case .wide(let path, let range, _) = source, let origins, !origins.perMember, shape.isSeries, m > 0,
              origins.offsets.count >= timeline.count * m else { return }
        let read = periods ?? 0...(timeline.count - 1)
        func hasColumn(_ p: Int) -> Bool { ((p * m)..<((p + 1) * m)).contains { origins.offsets[$0] >= 0 } }
        // A file with no row at all has its own warning (no member has a row). Periods before
        // the file's first column are history it does not hold (a table of the last two
        // years on a longer timeline); one that stops early or skips a period has lost it.
        guard let first = read.first(where: hasColumn) else { return }
        let missing = (first...read.upperBound).filter { !hasColumn($0) }
        guard !missing.isEmpty else { return }
        let months = missing.map(timeline.label)
        let list = months.count > 3 ? months.prefix(3).joined(separator: ", ") + " and \(months.count - 3) more" : months.joined(separator: ", ")
        diagnostics.append(Diagnostic(.warning, "\(path) has no column for \(list), so '\(name)' is blank there",
                                    at: location(range), hint: "export every period of the timeline \(timeline.rangeDescription)",
                                    code: .noRowForMember))
    }

    mutating func place(_ p: PeriodLiteral, names: NameTable) -> Int? {
        var fc = FormulaChecker(file: file, names: names, isSeries: false, isConstant: true)
        let i = fc.place(p)
        diagnostics += fc.diagnostics.coded(.formula)
        return i
    }
}
