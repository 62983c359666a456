import Foundation
import Testing

/// Data that gave a wrong number with exit 0 (issue 10, the red team's hunt16), run with the
/// real binary: each is now refused or warned about.
@Suite struct SilentWrongNumberTests {
    /// A folder with the model and its data files.
    func folder(_ model: String, _ files: [String: String]) throws -> String {
        let path = try KalkylBinary.temporaryModel(model)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return path
    }

    static let staffModel = """
        model "Staff"
        timeline monthly 2024-01 .. 2024-12
        dimension employee from "staff.csv" key id
        input salary[employee]: kr = column månadslön
        input fte[employee]: FTE = column tjänstgöringsgrad
        total_salary: kr = SUM(salary[employee])
        total_fte: FTE = SUM(fte[employee])
        """
    static let staff = "id;namn;månadslön;tjänstgöringsgrad\n1001;Anna;35 000;100 %\n1002;Bo;40 000;0,5\n1003;Cia;38 500;75%\n"

    /// hunt16/t2: the staff file's `Summa` row was a member, and total_salary 227 000.
    @Test func anERPTotalsRowIsRefused() throws {
        let path = try folder(Self.staffModel, ["staff.csv": Self.staff + "Summa;;113 500;2,25\n\n"])
        let run = try KalkylBinary.run(["eval", path])
        #expect(run.status == 1, "\(run.stdout)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("staff.csv:5:1: error: 'Summa' is the file's totals row: its numbers are the sums of the rows above it "
                                    + "(månadslön 113 500, tjänstgöringsgrad 2,25); read as a member of 'employee', it would count every amount twice"),
                "\(run.stderr)")
        #expect(run.stderr.contains("hint: delete the row, or filter it out of the export: Kalkyl adds up the rows itself"))
        #expect(run.stderr.hasSuffix("1 error\n"), "one error: the inputs reading the file's columns leave the row out without another")

        let deleted = try folder(Self.staffModel, ["staff.csv": Self.staff])
        let fixed = try KalkylBinary.run(["eval", deleted, "total_salary", "--format", "csv"])
        #expect(fixed.status == 0 && fixed.stderr.isEmpty, "\(fixed.stderr)")
        #expect(fixed.stdout.contains("total_salary,,kr,,113500"), "\(fixed.stdout)")
    }

    /// hunt16/t23: June's four vouchers pasted twice were summed twice (ytd 16 000 for 14 000).
    @Test func rowsPastedTwiceInALedgerAreWarnedAbout() throws {
        var rows = ["Ansvar;Period;Verifikation;Text;Belopp"]
        for n in 1...24 { rows.append("\((n - 1) % 4 < 2 ? 110 : 120);2024\(String(format: "%02d", (n + 3) / 4));A\(n);Faktura \(n);1 000,00") }
        rows += Array(rows[21...24])
        let path = try folder("""
            timeline monthly 2024-01 .. 2024-12
            dimension ansvar = "110", "120"
            input utfall[ansvar, month]: kr = data "gl.csv" long key Ansvar period Period amount Belopp sum missing 0
            """, ["gl.csv": rows.joined(separator: "\n") + "\n"])
        let run = try KalkylBinary.run(["check", path])
        #expect(run.status == 0, "a warning, as a member with no row is")
        #expect(run.stderr.contains("gl.csv:26:27: warning: this row is the same as line 22 in every column, so its amount is added twice "
                                    + "(4 rows of the file repeat an earlier one)"), "\(run.stderr)")
        #expect(run.stderr.contains("gl.csv:22:27: note: the same row here"), "\(run.stderr)")
        #expect(run.stderr.components(separatedBy: ": warning: ").count - 1 == 4, "lines 26–29, each once: \(run.stderr)")
    }

    /// hunt16/t7: B's empty February was a silent blank in year[B].
    @Test func aWideFilesEmptyCellIsWarnedAbout() throws {
        let path = try folder("""
            timeline monthly 2024-01 .. 2024-04
            dimension ansvar = A, B
            input budget[ansvar, month]: kr = data "budget.csv" wide key ansvar
            year[ansvar]: kr = SUM(budget)
            """, ["budget.csv": "ansvar;202401;202402;202403;202404\nA;1;2;3;4\nB;4;;6;7\n"])
        let run = try KalkylBinary.run(["check", path])
        #expect(run.status == 0)
        #expect(run.stderr.contains("budget.csv:3:5: warning: budget.csv has no value for B in 2024-02 (line 3), so 'budget' is blank there"), "\(run.stderr)")
    }
}
