import Foundation
@testable import Kalkyl
import Testing

/// An ERP or HR export ends with a totals row (`Summa;;113 500;2,25`): read as a member, it
/// doubled every total with exit 0 (issue 10, hunt16/t2). It is refused where its key is a word
/// for a total and its numbers are the sums of the rows above, or the word stands among codes.
@Suite struct TotalsRowTests {
    static let staff = """
        timeline monthly 2024-01 .. 2024-12
        dimension employee from "staff.csv" key id
        input salary[employee]: kr = column månadslön
        input fte[employee]: FTE = column tjänstgöringsgrad
        total_salary: kr = SUM(salary[employee])
        """

    func load(_ files: [String: String], model: String = staff) throws -> LoadedModel {
        try InMemoryModel.load(model, files: files)
    }

    func shown(_ loaded: LoadedModel) -> [String] { InMemoryModel.shown(loaded) }

    @Test func aStaffFilesSummaRowIsRefusedNotAMember() throws {
        let loaded = try load(["staff.csv": "id;namn;månadslön;tjänstgöringsgrad\n1001;Anna;35 000;100 %\n1002;Bo;40 000;0,5\n1003;Cia;38 500;75%\nSumma;;113 500;2,25\n\n"])
        #expect(shown(loaded) == ["staff.csv:5:1: error: 'Summa' is the file's totals row: its numbers are the sums of the rows above it "
                                  + "(månadslön 113 500, tjänstgöringsgrad 2,25); read as a member of 'employee', it would count every amount twice"])
        #expect(loaded.diagnostics.first?.code == .totalsRow)
        #expect(loaded.diagnostics.first?.hint == "delete the row, or filter it out of the export: Kalkyl adds up the rows itself")
        #expect(loaded.model == nil)
    }

    @Test func theSameFileWithoutTheRowReadsAsBefore() throws {
        let loaded = try load(["staff.csv": "id;namn;månadslön;tjänstgöringsgrad\n1001;Anna;35 000;100 %\n1002;Bo;40 000;0,5\n1003;Cia;38 500;75%\n"])
        #expect(loaded.diagnostics.isEmpty)
        let model = try #require(loaded.model)
        #expect(model.dimensions[0].members == ["1001", "1002", "1003"])
    }

    @Test func aTotalsWordAmongCodesIsRefusedThoughItsSumIsStale() throws {
        // A salary changed after the export: the row's sum no longer adds up, the word still stands out.
        let loaded = try load(["staff.csv": "id;namn;månadslön;tjänstgöringsgrad\n1001;Anna;36 000;1\n1002;Bo;40 000;0,5\nTotalt;;75 000;1,5\n"])
        #expect(shown(loaded) == ["staff.csv:4:1: error: 'Totalt' is the file's totals row: the other keys of column 'id' are codes; "
                                  + "read as a member of 'employee', it would count every amount twice"])
    }

    @Test func aTotalsWordAmongWordsIsRefusedWhenItsNumbersAreTheSums() throws {
        let loaded = try load(["staff.csv": "id;månadslön;tjänstgöringsgrad\nAnna;35 000;1\nBo;40 000;0,5\nS:a;75 000;1,5\n"])
        #expect(loaded.diagnostics.map(\.code) == [.totalsRow])
        #expect(loaded.diagnostics.first?.severity == .error)
    }

    @Test func aTotalsWordAmongWordsWhoseNumbersAreNoSumsIsAMemberWithAWarning() throws {
        let model = """
            dimension kategori from "k.csv" key namn
            input belopp[kategori]: kr = column belopp
            """
        let loaded = try load(["k.csv": "namn;belopp\nLön;100\nHyra;50\nTotal;20\n"], model: model)
        #expect(shown(loaded) == ["k.csv:4:1: warning: 'Total' is read as a member of 'kategori', though it is a word for a total: "
                                  + "its numbers are not the sums of the rows above it"])
        #expect(try #require(loaded.model).dimensions[0].members == ["Lön", "Hyra", "Total"])
    }

    /// A row whose numbers happen to be the sums of those above, under a key that is no totals
    /// word, is a member: with one or two rows above, a real member can match by chance.
    @Test func numbersThatAreTheSumsUnderAnIdAreAMember() throws {
        let loaded = try load(["staff.csv": "id;namn;månadslön;tjänstgöringsgrad\n1001;Anna;20 000;0,5\n1002;Bo;20 000;0,5\n1003;Cia;40 000;1\n"])
        #expect(loaded.diagnostics.isEmpty)
        #expect(try #require(loaded.model).dimensions[0].members.count == 3)
    }

    /// A totals row labelled more than the word (`Summa anställda`, `Totalt antal: 3`) was read as
    /// a member with exit 0, doubling the total salary (red team, session 18, hunt18/t04): its
    /// numbers being the sums of the rows above make it one.
    @Test("A key led by a totals word is refused when its numbers are the sums", arguments: [
        "Summa anställda", "Totalt antal: 3", "Summa (3 st)", "Summa ansvar 110", "Totalsumma lön",
    ])
    func aKeyLedByATotalsWordWhoseNumbersAreTheSumsIsRefused(_ key: String) throws {
        let loaded = try load(["staff.csv": "id;namn;månadslön;tjänstgöringsgrad\n1001;Anna;30 000;1\n1002;Bo;40 000;0,5\n1003;Cia;10 000;0,25\n\(key);;80 000;1,75\n"])
        #expect(shown(loaded) == ["staff.csv:5:1: error: '\(key)' is the file's totals row: its numbers are the sums of the rows above it "
                                  + "(månadslön 80 000, tjänstgöringsgrad 1,75); read as a member of 'employee', it would count every amount twice"])
        #expect(loaded.model == nil)
    }

    /// Such a key whose numbers are no sums may be a report line (`Summa kostnader`): a member,
    /// without a word; and one row above is no sum to go by.
    @Test func aKeyLedByATotalsWordWhoseNumbersAreNoSumsIsAMember() throws {
        let model = """
            dimension rad from "r.csv" key rad
            input belopp[rad]: kr = column belopp
            """
        let loaded = try load(["r.csv": "rad;belopp\nLön;100\nHyra;50\nSumma kostnader;20\n"], model: model)
        #expect(loaded.diagnostics.isEmpty)
        #expect(try #require(loaded.model).dimensions[0].members == ["Lön", "Hyra", "Summa kostnader"])
        let one = try load(["r.csv": "rad;belopp\nLön;100\nSumma lön;100\n"], model: model)
        #expect(one.diagnostics.isEmpty)
    }

    @Test("Keys led by a word for a total", arguments: [
        ("Summa anställda", true), ("Totalt antal: 3", true), ("summa (3 st)", true), ("TOTAL: alla", true), ("Summa ansvar 110", true),
        ("Summa", false), ("Summa:", false), ("Totalt 2024", false), ("Totalförsvaret", false), ("Sumner", false), ("Summa: ", false),
        ("Lön", false), ("", false),
    ])
    func keysLedByATotalsWord(_ key: String, _ isOne: Bool) {
        #expect(TotalsRow.isLedByTotalsWord(key) == isOne)
    }

    @Test("Words for a total", arguments: [
        ("Summa", true), ("SUMMA", true), ("summa:", true), ("Totalt", true), ("Total", true), ("S:a", true), ("Sum", true),
        ("Totalt 2024", true), ("Summa 2024-01", true), ("Summa totalt", true), ("Grand total", true), ("Totalsumma", true),
        ("Summa kostnader", false), ("Sumner", false), ("Total2", false), ("Totalförsvaret", false), ("1001", false), ("", false),
    ])
    func wordsForATotal(_ key: String, _ isOne: Bool) {
        #expect(TotalsRow.isTotalsWord(key) == isOne)
    }

    /// A statement that reads a file by a key refuses a totals row whose key the model lists as
    /// a member, and names a totals row that is no member as such rather than as a typo.
    @Test func aKeyedWideOrLongReadRefusesTheTotalsRow() throws {
        let keyed = """
            dimension rad = Intäkter, Kostnader, Total
            input budget[rad]: kr = data "b.csv" key rad column belopp
            """
        let found = try load(["b.csv": "rad;belopp\nIntäkter;100\nKostnader;-80\nTotal;20\n"], model: keyed)
        // (and a warning that the member Total has no row: a consequence)
        #expect(shown(found).filter { !$0.contains("warning") } == ["b.csv:4:1: error: 'Total' is the file's totals row: its numbers are the sums of the rows above it (belopp 20); "
                                 + "read as the value of 'budget', it would count every amount twice"])
        let wide = """
            timeline monthly 2024-01 .. 2024-02
            dimension ansvar = "110", "120"
            input budget[ansvar, month]: kr = data "w.csv" wide key ansvar
            """
        let widely = try load(["w.csv": "ansvar;202401;202402\n110;1;2\n120;3;4\nSumma;4;6\n"], model: wide)
        #expect(shown(widely).filter { !$0.contains("warning") } == ["w.csv:4:1: error: 'Summa' is the file's totals row: its numbers are the sums of the rows above it "
                                  + "(202401 4, 202402 6); read as the values of 'budget', it would count every amount twice"])
        let long = """
            timeline monthly 2024-01 .. 2024-02
            dimension ansvar = "110", "120", Totalt
            input utfall[ansvar, month]: kr = data "l.csv" long key ansvar period period amount belopp sum
            """
        let longly = try load(["l.csv": "ansvar;period;belopp\n110;202401;1\n120;202401;3\nTotalt;202401;4\n"], model: long)
        #expect(shown(longly).filter { !$0.contains("warning") } == ["l.csv:4:1: error: 'Totalt' is the file's totals row: its numbers are the sums "
                                     + "of the rows above it (belopp 4); read as the values of 'utfall', it would count every amount twice"])
    }

    /// A ledger read as it passes (from disk) is read whole when a key is a totals word, and refused so.
    @Test func aStreamedLedgersTotalsRowIsRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kalkyl-totals-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "ansvar;period;belopp\n110;202401;1\n120;202401;3\nTotalt;202401;4\n".write(to: folder.appendingPathComponent("l.csv"), atomically: true, encoding: .utf8)
        let path = folder.appendingPathComponent("m.kalkyl").path
        try """
            timeline monthly 2024-01 .. 2024-02
            dimension ansvar = "110", "120", Totalt
            input utfall[ansvar, month]: kr = data "l.csv" long key ansvar period period amount belopp sum missing 0

            """.write(toFile: path, atomically: true, encoding: .utf8)
        let loaded = try ModelLoader.load(path: path)
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.code) == [.totalsRow])
        #expect(errors.first?.location?.line == 4)
    }
}
