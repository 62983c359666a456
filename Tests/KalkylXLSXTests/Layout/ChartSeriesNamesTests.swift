import Foundation
import Kalkyl
import KalkylXLSX
import Testing

/// A chart's legend names each series by what tells it apart: the version it picks (Utfall,
/// Budget, Prognos in a Swedish model), its member, its scenario ("bas" in Swedish). The
/// definition's label ("Kostnad per version") is the chart title's job and stays out of the
/// legend, unless the chart draws more than one definition. Read from the exported workbook's
/// chart XML.
@Suite struct ChartSeriesNamesTests {
    func model(language: String) -> String {
        """
        model "Resultat"
        language \(language)
        timeline monthly 2024-01 .. 2024-12
        input closed = 2024-06
        actuals through closed
        ## Kostnad per version
        input kost[version, month]: kr = 100
        input kost[budget, month] = 120
        ## Intakter
        input intakt[month]: kr = 50
        ## Personalandel
        input andel = 0%
        kost[forecast, month] = kost[budget] * (1 + andel)
        scenario stopp "Stopp" {
          andel = -6%
        }

        """
    }

    let layout = """
        sheet "Kostnad"
        columns months
        row kost[actual] "Kostnad"
        chart line "Kostnad per månad" kost[actual], kost[budget], kost[forecast]
        chart line "Kostnad och intäkter" kost[actual], intakt
        chart line "Kostnad per version" kost
        chart column "Prognos" kost[forecast] for base, stopp

        """

    /// The series' names of chart `n` (1-based), in order.
    static func seriesNames(_ workbook: ExportedWorkbook, chart n: Int) throws -> [String] {
        let xml = try ExportedWorkbook.unzip(workbook.url, "xl/charts/chart\(n).xml")
        return xml.matches(of: /<c:ser>.*?<c:tx>.*?<c:v>(.*?)<\/c:v>/.dotMatchesNewlines()).map { ExportedWorkbook.unescape(String($0.1)) }
    }

    func export(language: String, in scratch: Scratch) throws -> ExportedWorkbook {
        try model(language: language).write(toFile: scratch.path("m.kalkyl"), atomically: true, encoding: .utf8)
        try layout.write(toFile: scratch.path("m.layout"), atomically: true, encoding: .utf8)
        return try ExportedModel.make(path: scratch.path("m.kalkyl"), scenarios: [], layout: scratch.path("m.layout"),
                                      output: scratch.path("m.xlsx")).workbook
    }

    @Test func eachSeriesIsNamedByItsVersionInSwedish() throws {
        let scratch = try Scratch()
        let book = try export(language: "sv", in: scratch)
        #expect(try Self.seriesNames(book, chart: 1) == ["Utfall", "Budget", "Prognos"])
        #expect(try Self.seriesNames(book, chart: 2) == ["Kostnad per version, Utfall", "Intakter"], "two definitions: each keeps its label")
        #expect(try Self.seriesNames(book, chart: 3) == ["Kostnad per version, Utfall", "Kostnad per version, Budget", "Kostnad per version, Prognos"],
                "a member per series, named as the legend's reader says it")
        #expect(try Self.seriesNames(book, chart: 4) == ["Prognos — bas", "Prognos — Stopp"])
        let title = try ExportedWorkbook.unzip(book.url, "xl/charts/chart4.xml")
        #expect(title.contains("<a:t>Prognos</a:t>"), "the title is the layout's: \(title)")
    }

    @Test func anEnglishModelNamesThemInEnglish() throws {
        let scratch = try Scratch()
        let book = try export(language: "en", in: scratch)
        #expect(try Self.seriesNames(book, chart: 1) == ["Actual", "Budget", "Forecast"])
        #expect(try Self.seriesNames(book, chart: 4) == ["Forecast — base", "Forecast — Stopp"])
    }

    /// The division's hiring-stop page: the forecast in both scenarios, not "Resultat per version" twice.
    @Test func theDivisionsChartNamesTheForecastInEachScenario() throws {
        let scratch = try Scratch()
        let exported = try ExportedModel.make(path: repositoryRoot.appendingPathComponent(DivisionPDFTests.model).path,
                                              layout: repositoryRoot.appendingPathComponent(DivisionPDFTests.layout).path, output: scratch.path("d.xlsx"))
        #expect(try Self.seriesNames(exported.workbook, chart: 1) == ["Prognos — bas", "Prognos — Anställningsstopp resten av året"])
    }
}
