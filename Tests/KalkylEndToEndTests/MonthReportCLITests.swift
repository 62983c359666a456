import Foundation
import Testing

/// The command line as a controller uses it in the month's work: diff limited to names, in
/// time order, percentages in per cent and as CSV; Swedish numbers in a Swedish model's table
/// and in --set; a member named by a numeric code; help that reads as sentences.
@Suite struct MonthReportCLITests {
    let swedish = """
    model "Uppföljning 2024"
    timeline monthly 2024-01 .. 2024-03
    dimension konto = "411050", "411060", "0412"
    ## Kostnad
    input kost[konto, month]: kr = 40_000.5
    ## Andel
    input andel: % = 25%
    ## Andel per månad
    andel_m[month]: % = andel * MONTH(month) / 10
    konto_feb = kost[411050, 2024-02]
    konto_noll = kost["0412", 2024-02]
    scenario mer {
      andel = 30%
      kost[411060] = 50_000
    }
    """

    @Test func diffTakesNamesSortsSeriesByPeriodShowsPerCentAndWritesCSV() throws {
        let path = try KalkylBinary.temporaryModel(swedish)
        let limited = try KalkylBinary.run(["diff", path, "--scenario", "mer", "andel_m"])
        #expect(limited.status == 0, "\(limited.stderr)")
        #expect(!limited.stdout.contains("(kost)") && limited.stdout.contains("(andel_m)"))
        let lines = limited.stdout.split(separator: "\n").map(String.init)
        let rows = lines.filter { $0.hasPrefix("  2024-") }
        #expect(rows.map { String($0.dropFirst(2).prefix(7)) } == ["2024-01", "2024-02", "2024-03"], "in time order: \(rows)")
        #expect(rows.first?.contains("2,5 %") == true && rows.first?.contains("3,0 %") == true && rows.first?.contains("+0,5 pp") == true,
                "a percentage in per cent, its change in points: \(rows)")
        let csv = try KalkylBinary.run(["diff", path, "--scenario", "mer", "kost", "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.stdout == """
            name,label,unit,cell,period,members,from,to,difference,percent
            kost,Kostnad,kr,"kost[411060, 2024-01]",2024-01,411060,40000.5,50000,9999.5,0.24998437519531005
            kost,Kostnad,kr,"kost[411060, 2024-02]",2024-02,411060,40000.5,50000,9999.5,0.24998437519531005
            kost,Kostnad,kr,"kost[411060, 2024-03]",2024-03,411060,40000.5,50000,9999.5,0.24998437519531005

            """)
        let unknown = try KalkylBinary.run(["diff", path, "--scenario", "mer", "andel_n"])
        #expect(unknown.status == 2 && unknown.stderr.contains("did you mean 'andel_m'?"))
    }

    @Test func aSwedishModelsTableAndSetSpeakSwedishNumbers() throws {
        let path = try KalkylBinary.temporaryModel(swedish)
        let table = try KalkylBinary.run(["eval", path, "kost", "--set", "kost[411050]=40 000", "--set", "andel=0,5"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("40 000,5"), "a decimal comma: \(table.stdout)")
        #expect(table.stdout.contains("40 000,0") || table.stdout.contains(" 40 000 "), "\(table.stdout)")
        let json = try KalkylBinary.run(["eval", path, "andel", "--set", "andel=0,5", "--format", "json"])
        #expect(json.stdout.contains("\"andel\": 0.5"), "\(json.stdout)")
        let english = try KalkylBinary.temporaryModel("timeline monthly 2024-01 .. 2024-01\ninput x[month] = 40_000.5\n")
        #expect(try KalkylBinary.run(["eval", english]).stdout.contains("40 000.5"))
    }

    @Test func aNumericMemberCodeIsTheMemberOrAHintToQuoteIt() throws {
        let path = try KalkylBinary.temporaryModel(swedish)
        let json = try KalkylBinary.run(["eval", path, "konto_feb", "konto_noll", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        #expect(json.stdout.contains("\"konto_feb\": 40000.5") && json.stdout.contains("\"konto_noll\": 40000.5"))
        let wrong = try KalkylBinary.temporaryModel(swedish.replacingOccurrences(of: "kost[411050, 2024-02]", with: "kost[999999, 2024-02]"))
        let check = try KalkylBinary.run(["check", wrong])
        #expect(check.status == 1)
        #expect(check.stderr.contains("'999999' is not a dimension, a member or a period"), "\(check.stderr)")
        #expect(check.stderr.contains("in quotes"), "\(check.stderr)")
    }

    @Test("Help reads as whole sentences", arguments: ["diff", "watch"])
    func helpReadsAsSentences(command: String) throws {
        let help = try KalkylBinary.run([command, "--help"])
        #expect(help.status == 0)
        if command == "diff" { #expect(help.stdout.contains("table (the default), csv or json")) }
        // Every option's and argument's help starts with a capital and ends with a full stop.
        var sentence = ""
        var sentences: [String] = []
        for line in help.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("-") || trimmed.hasPrefix("<") {
                if !sentence.isEmpty { sentences.append(sentence) }
                let parts = trimmed.components(separatedBy: "  ").filter { !$0.isEmpty }
                sentence = parts.count > 1 ? parts.dropFirst().joined(separator: " ").trimmingCharacters(in: .whitespaces) : ""
            } else if !sentence.isEmpty, !trimmed.isEmpty, line.hasPrefix("      ") {
                sentence += " " + trimmed
            } else if trimmed.isEmpty || !line.hasPrefix(" ") {
                if !sentence.isEmpty { sentences.append(sentence) }
                sentence = ""
            }
        }
        if !sentence.isEmpty { sentences.append(sentence) }
        // ArgumentParser's own "(default: …)" and "(values: …)" follow the sentence.
        sentences = sentences.map { $0.replacing(/\s\((default|values): [^)]*\)$/, with: "") }
        #expect(!sentences.isEmpty)
        // The discussion is wrapped once, by ArgumentParser: no line broken short mid-sentence.
        let discussion = help.stdout.components(separatedBy: "USAGE:")[0].split(separator: "\n").dropFirst().map(String.init)
        for (line, next) in zip(discussion, discussion.dropFirst()) where next.first?.isLowercase == true {
            #expect(line.count >= 60, "a sentence broken by hand: \(line) / \(next)")
        }
        for s in sentences {
            #expect(s.first?.isUppercase == true && (s.hasSuffix(".") || s.hasSuffix(".)")), "not a sentence: \(s)")
        }
    }
}
