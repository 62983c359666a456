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
}
