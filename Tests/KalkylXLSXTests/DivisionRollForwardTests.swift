import Foundation
import Kalkyl
import KalkylXLSX
import Testing

/// The division's month (formulas/division-followup-2024.kalkyl with its board pack): July's
/// ledger arrives; without the roll-forward the model warns that the ledger holds actuals after
/// the closed month; one edit (`input closed = 2024-07`) moves everything: the year to date,
/// the forecast (July now actual), and the board pack's titles. The layout is not touched.
@Suite struct DivisionRollForwardTests {
    static let july = [
        "521010;3110;202407;2024-07-23;A901;Faktura service;-100 000",
        "521020;5010;202407;2024-07-25;A902;Lon juli;130 000",
        "521030;6110;202407;2024-07-26;A903;Material;20 000",
    ]

    /// The example, its data and its layout, in a folder of their own.
    func copyExample(to scratch: Scratch) throws -> (model: String, layout: String) {
        let fm = FileManager.default
        let data = scratch.path("data")
        try fm.createDirectory(atPath: data, withIntermediateDirectories: true)
        let source = repositoryRoot.appendingPathComponent("formulas/data")
        for file in try fm.contentsOfDirectory(atPath: source.path) where file.hasPrefix("division-2024") {
            try fm.copyItem(atPath: source.appendingPathComponent(file).path, toPath: data + "/" + file)
        }
        try fm.copyItem(atPath: repositoryRoot.appendingPathComponent("formulas/division-followup-2024.kalkyl").path, toPath: scratch.path("d.kalkyl"))
        try fm.copyItem(atPath: repositoryRoot.appendingPathComponent("workbooks/division-followup-2024.layout").path, toPath: scratch.path("d.layout"))
        return (scratch.path("d.kalkyl"), scratch.path("d.layout"))
    }

    func evaluate(_ path: String) throws -> (LoadedModel, Evaluation) {
        let loaded = try ModelLoader.load(path: path)
        let model = try #require(loaded.model, "\(DiagnosticRenderer.render(loaded.diagnostics))")
        let e = Evaluation(model: model, order: try #require(loaded.order))
        e.evaluateAll()
        return (loaded, e)
    }

    func number(_ e: Evaluation, _ name: String, period: Int? = nil, member: Int = 0) -> Double {
        e.value(name, period: period, member: member)?.number ?? .nan
    }

    @Test func oneEditRollsTheMonthForwardAndAForgottenOneIsWarnedAbout() throws {
        let scratch = try Scratch()
        let (model, layout) = try copyExample(to: scratch)
        let (june, juneEval) = try evaluate(model)
        #expect(!june.diagnostics.contains { $0.message.contains("after the closed month") })
        let forecastJuly = number(juneEval, "resultat_version", period: 6, member: 2)   // versions: actual, budget, forecast

        // July's ledger arrives (appended in the file's own encoding), the model not yet rolled.
        let gl = scratch.path("data/division-2024-gl.csv")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: gl))
        handle.seekToEndOfFile()
        handle.write(Data((Self.july.joined(separator: "\n") + "\n").utf8))
        try handle.close()
        let (forgotten, forgottenEval) = try evaluate(model)
        let warning = forgotten.diagnostics.first { $0.message.contains("after the closed month") }
        #expect(warning?.message == "data/division-2024-gl.csv holds actuals for 2024-07, after the closed month 2024-06; they are left out of the year to date")
        #expect(warning?.hint == "roll forward: input closed = 2024-07", "the edit to make: the input that holds the closed month")
        // Until then nothing moves: the year to date stays June's.
        #expect(number(forgottenEval, "utfall_hittills") == number(juneEval, "utfall_hittills"))

        // The one edit.
        let text = try String(contentsOfFile: model, encoding: .utf8)
        #expect(text.contains("input closed = 2024-06\n"))
        try text.replacingOccurrences(of: "input closed = 2024-06\n", with: "input closed = 2024-07\n").write(toFile: model, atomically: true, encoding: .utf8)
        let (july, julyEval) = try evaluate(model)
        #expect(!july.diagnostics.contains { $0.message.contains("after the closed month") }, "\(july.diagnostics.map(\.message))")
        // July's 50 000 join the year to date; July's forecast becomes its actual.
        #expect(number(julyEval, "utfall_hittills") == number(juneEval, "utfall_hittills") + 50_000)
        #expect(number(julyEval, "resultat_version", period: 6, member: 2) == 50_000)
        #expect(abs(number(julyEval, "årsprognos") - (number(juneEval, "årsprognos") - forecastJuly + 50_000)) < 1e-6)

        // The board pack follows: its titles say July, the layout untouched.
        let output = scratch.path("d.xlsx")
        _ = try ExportedModel.make(path: model, scenarios: [], layout: layout, output: output)
        let strings = try ExportedWorkbook.unzip(URL(fileURLWithPath: output), "xl/sharedStrings.xml")
        #expect(strings.contains("Utfall jan–jul") && strings.contains("Resultat per juli 2024") && !strings.contains("jan–jun"))
    }
}
