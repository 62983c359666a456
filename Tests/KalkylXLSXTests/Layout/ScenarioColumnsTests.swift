import Foundation
import Kalkyl
import KalkylXLSX
import Testing

/// Scenarios side by side: a layout's column may show a scenario's figures (`stopp year`) or
/// the difference of two (`stopp - base year`), a row per member for each; a chart may draw
/// its series in several scenarios. LibreOffice recalculates every figure to Kalkyl's values.
@Suite struct ScenarioColumnsTests {
    let model = """
    model "Anställningsstopp"
    timeline monthly 2024-01 .. 2024-12
    dimension ansvar = Norr, Söder
    ## Anställda
    input anstallda[ansvar, month]: persons = 20
    input anstallda[Söder, month] = 12
    ## Nyanställda per månad
    input nya[ansvar, month]: persons = 1
    ## Månadslön
    input lon: kr/persons = 40_000
    ## Personalkostnad
    cost kostnad[ansvar, month]: kr = (anstallda + nya) * lon
    ## Personalkostnad totalt
    cost totalt[month]: kr = SUM(kostnad[ansvar])
    scenario stopp "Anställningsstopp från maj" {
      nya[ansvar, 2024-05 ..] = 0
    }
    """
    let layout = """
    title "Anställningsstopp"
    sheet "Alternativ"
    title "Personalkostnad: bas och anställningsstopp"
    columns "Bas" = base year, "Stopp" = stopp year, "Skillnad" = stopp - base year, "Stopp maj–dec" = stopp 2024-05 .. 2024-12
    row kostnad "Personalkostnad per ansvar" tkr
    row totalt "Summa" tkr subtotal
    chart line "Personalkostnad per månad" totalt for base, stopp
    chart column "Anställningsstopp" totalt for stopp
    """

    @Test func scenariosStandSideBySideAndRecalculate() throws {
        let scratch = try Scratch()
        try model.write(toFile: scratch.path("m.kalkyl"), atomically: true, encoding: .utf8)
        try layout.write(toFile: scratch.path("m.layout"), atomically: true, encoding: .utf8)
        let exported = try ExportedModel.make(path: scratch.path("m.kalkyl"), scenarios: [], layout: scratch.path("m.layout"),
                                              output: scratch.path("m.xlsx"))
        // The layout's scenario is exported without being asked for.
        #expect(exported.workbook.sheets.contains("Calc stopp"))
        let book = try expectFaithful(exported)
        // Row 5 is the header; then the heading, Norr, Söder and the total.
        // Base: (20 + 1) × 40 000 × 12 = 10 080 tkr for Norr; the stop takes 8 months of one hire.
        #expect(book["Alternativ", "B6"] == .number(10_080) && book["Alternativ", "C6"] == .number(10_080 - 320))
        #expect(book["Alternativ", "D6"] == .number(-320))
        #expect(book["Alternativ", "E6"] == .number(20 * 40 * 8))
        #expect(book["Alternativ", "B8"] == .number(10_080 + 6_240) && book["Alternativ", "D8"] == .number(-640))
        let formulas = try exported.workbook.formulaCells().filter { $0.sheet == "Alternativ" }
        #expect(formulas.contains { $0.formula.contains("'Calc stopp'!") && $0.formula.contains("Calc!") }, "the difference reads both")

        let line = try ExportedWorkbook.unzip(exported.workbook.url, "xl/charts/chart1.xml")
        #expect(line.contains("Personalkostnad totalt — bas<") && line.contains("Personalkostnad totalt — Anställningsstopp från maj"))
        #expect(line.contains("<c:f>Calc!") && line.contains("<c:f>'Calc stopp'!"), "\(line)")
        let column = try ExportedWorkbook.unzip(exported.workbook.url, "xl/charts/chart2.xml")
        #expect(column.contains("<c:f>'Calc stopp'!") && !column.contains("<c:f>Calc!"), "a chart that follows one scenario")
    }

    @Test func anUnknownScenarioIsNamedWhereItIs() throws {
        let scratch = try Scratch()
        try model.write(toFile: scratch.path("m.kalkyl"), atomically: true, encoding: .utf8)
        let loaded = try ModelLoader.load(path: scratch.path("m.kalkyl"))
        let model = try #require(loaded.model)
        for (text, message) in [
            ("columns \"S\" = stop year", "the model has no scenario 'stop'"),
            ("columns stopp - stopp year", "a difference of 'stopp' from itself is 0"),
        ] {
            let file = SourceFile(path: "x.layout", text: "sheet \"A\"\n\(text)\nrow totalt\n")
            let (layout, diagnostics) = ReportLayout.resolve(file, model: model)
            #expect(layout == nil && diagnostics.contains { $0.message.contains(message) }, "\(text): \(diagnostics.map(\.message))")
        }
        let chart = SourceFile(path: "x.layout", text: "sheet \"A\"\nchart line \"T\" totalt for base, stop\n")
        let (_, diagnostics) = ReportLayout.resolve(chart, model: model)
        #expect(diagnostics.map(\.message) == ["the model has no scenario 'stop'"])
        #expect(diagnostics.first?.hint == "did you mean 'stopp'?")
    }
}
