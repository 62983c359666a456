extension Checker {
    /// Spreads the yearly amounts of the inputs read with `spread …` over the months, once
    /// every input is known (a profile may be defined further down than the input it spreads).
    /// The data statements' diagnostics since the definitions were read (the assignments'
    /// and the spreads') are added here.
    mutating func spreadYearlyAmounts(_ definitions: inout [CheckedDefinition], bodies: [Definition], base: [InputAssignment], names: NameTable) {
        for (slot, d) in bodies.enumerated() {
            guard let spread = d.dataOptions.spread, let source = d.source, let cells = definitions[slot].data.map({ [Value]($0) }) else { continue }
            var profile: (values: [Value]?, known: Bool) = (nil, false)
            if case .profile(let name) = spread.method, let p = names.slots[name.name], definitions[p].isInput,
               definitions[p].isSeries, definitions[p].dimensions.isEmpty {
                profile = (constantSeries(definitions[p], slot: p, base: base, count: names.timeline.count), true)
            }
            let shape = NameShape(isSeries: definitions[slot].isSeries, isInput: true, dimensions: definitions[slot].dimensions)
            definitions[slot].data = data.spread(d, spread, source: source, cells: cells, shape: shape, names: names, profile: profile).map(DataCells.init)
        }
        diagnostics += data.diagnostics.coded(.data)
        data.diagnostics = []
    }

    /// An input series' values when they are known without evaluating: read from a file, or a
    /// constant with constant assignments to some of its periods (`input profil[2024-07] = 4`).
    private func constantSeries(_ d: CheckedDefinition, slot: Int, base: [InputAssignment], count: Int) -> [Value]? {
        if let data = d.data { return Array(data) }
        guard d.formula.count == 1, case .constant(let v) = d.formula[0] else { return nil }
        var values = [Value](repeating: v, count: count)
        for a in base where a.slot == slot {
            guard a.data == nil, a.formula.count == 1, case .constant(let x) = a.formula[0] else { return nil }
            for p in a.periods ?? 0...(count - 1) where p < count { values[p] = x }
        }
        return values
    }

    /// The inputs a yearly amount is spread by (`spread by profil`), each with the name of the
    /// first input spread by it. The amounts are spread when the data is read, by the model's
    /// own profile, so a scenario or `--set` that changes the profile changed nothing: July
    /// stayed 0 kr with its weight set from 0 to 1 (red team, session 20, hunt20/t03). Such an
    /// override is an error (K0335; K1000 for `--set`).
    func spreadProfiles(_ bodies: [Definition], names: NameTable) -> [Int: String] {
        var profiles: [Int: String] = [:]
        for d in bodies {
            guard case .profile(let name)? = d.dataOptions.spread?.method, let slot = names.slots[name.name], profiles[slot] == nil else { continue }
            profiles[slot] = d.name
        }
        return profiles
    }

    /// What an override of `profile`, the profile `spread` is spread by, is told.
    static func spreadProfileOverride(_ profile: String, spreads spread: String, by whom: String) -> (message: String, hint: String) {
        ("'\(profile)' is the profile '\(spread)' is spread by, which is spread when its data is read; \(whom) cannot change it",
         "edit it in the model (input \(profile)[…] = …), or spread in a formula (\(spread) = årsbelopp * \(profile) / SUM(\(profile))), which a what-if recomputes")
    }
}
