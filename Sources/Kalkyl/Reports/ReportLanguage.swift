import Foundation

/// The language a model's outputs speak to their readers: month names in titles and page
/// headers ("Utfall jan–aug", "per augusti 2024"), numbers in tables, and the board pack's own
/// words. A model says it with `language sv` or `language en`; without that, a model whose name,
/// labels, scenario labels or member names are Swedish (å, ä or ö in them) gets Swedish words,
/// others English.
public enum ReportLanguage: String, Sendable {
    case sv, en

    /// The model's declared language, else the one detected from its own words.
    public static func of(_ model: CheckedModel) -> ReportLanguage {
        model.declaredLanguage ?? detected(in: model)
    }

    /// Swedish when some word the model's readers see has å, ä or ö: its name, a label, a
    /// scenario's label or a member (the first 10,000 of a dimension read from data).
    public static func detected(in model: CheckedModel) -> ReportLanguage {
        if isSwedish(model.name) || model.definitions.contains(where: { $0.label.map(isSwedish) ?? false })
            || model.scenarios.contains(where: { $0.label.map(isSwedish) ?? false })
            || model.dimensions.contains(where: { $0.members.prefix(10_000).contains(where: isSwedish) }) { return .sv }
        return .en
    }

    /// The same detection over what a model's text says, before it is checked: the words a
    /// measure's parts are labelled with follow it.
    static func detected(name: String?, statements: [Statement], dimensions: [Dimension]) -> ReportLanguage {
        if name.map(isSwedish) ?? false { return .sv }
        for statement in statements {
            let label: String? = switch statement {
            case .definition(let d), .check(let d): d.label
            case .measure(let m): m.label
            case .scenario(let s): s.label
            default: nil
            }
            if label.map(isSwedish) ?? false { return .sv }
        }
        if dimensions.contains(where: { $0.members.prefix(10_000).contains(where: isSwedish) }) { return .sv }
        return .en
    }

    /// Whether `text` has å, ä or ö. Most member names of a large dimension are plain ASCII
    /// (employee numbers), so their bytes are scanned first and only a text with a non-ASCII
    /// byte is read as Characters (which also finds a decomposed "a" + ring above): the
    /// language server detects the language on every keystroke, over 10,000 members.
    static func isSwedish(_ text: String) -> Bool {
        guard text.utf8.contains(where: { $0 >= 0x80 }) else { return false }
        return text.contains { "åäöÅÄÖ".contains($0) }
    }

    /// The month's name, 1–12: "augusti", "August".
    public func monthName(_ month: Int) -> String {
        let names = self == .sv
            ? ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"]
            : ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return names[(month - 1 + 12) % 12]
    }

    /// Its short name: "aug", "Aug".
    public func shortMonthName(_ month: Int) -> String {
        let full = monthName(month)
        return String(full.prefix(self == .sv && month == 9 ? 4 : 3))
    }

    /// Words for a report period `index` of `timeline`: `{period}` the months of its fiscal
    /// year to date ("jan–aug"), `{month}` its month ("augusti"), `{year}` its year, and
    /// `{per}` the page header's "per augusti 2024" ("to August 2024").
    public func periodWords(_ index: Int, on timeline: Timeline) -> [String: String] {
        guard timeline.count > 0 else { return [:] }
        let absolute = timeline.first + index
        guard timeline.granularity == .monthly else {
            let year = String(absolute)
            return ["period": year, "month": year, "year": year, "per": (self == .sv ? "per " : "to ") + year]
        }
        let month = absolute % 12 + 1
        // The year to date's first month: the fiscal year's, or the timeline's when it starts
        // later in that year, as YTD sums. A timeline from March said "jan–jun" over the sum
        // of March–June (red team, session 20, hunt20/t04).
        let sinceStart = (month - timeline.fiscalYearStart + 12) % 12
        let start = index - sinceStart < 0 ? timeline.first % 12 + 1 : timeline.fiscalYearStart
        let year = String(absolute / 12)
        let span = start == month ? shortMonthName(month) : shortMonthName(start) + "–" + shortMonthName(month)
        return ["period": span, "month": monthName(month), "year": year,
                "per": (self == .sv ? "per " : "to ") + monthName(month) + " " + year]
    }

    /// `text` with `{period}`, `{month}`, `{year}` and `{per}` replaced by `words`.
    public static func substitute(_ text: String, _ words: [String: String]) -> String {
        guard text.contains("{") else { return text }
        var out = text
        for (key, value) in words { out = out.replacingOccurrences(of: "{" + key + "}", with: value) }
        return out
    }
}
