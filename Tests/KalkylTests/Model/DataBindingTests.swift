import Foundation
@testable import Kalkyl
import Testing

/// Dimensions and inputs read from data files, as ERP and HR systems export them.
@Suite struct DataBindingTests {
    /// Writes the files into a fresh folder and loads the model from there.
    func load(model: String, files: [String: String]) throws -> (LoadedModel, String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kalkyl-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let path = folder.appendingPathComponent("model.kalkyl").path
        try model.write(toFile: path, atomically: true, encoding: .utf8)
        return (try ModelLoader.load(path: path), folder.path)
    }

    let staff = """
    id;namn;enhet;månadslön;startmånad
    E1;Anna Berg;Datacenter;41 500;2021-01
    E2;Björn Ek;Nätverk;38 200,50;2021-03
    E3;Cecilia Öst;Datacenter;45 000;2021-06

    """

    @Test func membersAndColumnsFromAStaffFile() throws {
        let (loaded, _) = try load(model: """
        timeline monthly 2021-01 .. 2021-06
        dimension employee from "data/staff.csv" key id
        input salary[employee]: kr = column månadslön
        input start[employee] = column startmånad
        active[employee, month] = IF(month >= start, 1, 0)
        cost[employee, month] = salary * active
        total[month] = SUM(cost[employee])
        """, files: ["data/staff.csv": staff])
        #expect(loaded.diagnostics.isEmpty, "\(DiagnosticRenderer.render(loaded.diagnostics))")
        let model = try #require(loaded.model)
        #expect(model.dimensions[0].members == ["E1", "E2", "E3"])
        let e = Evaluation(model: model, order: try #require(loaded.order))
        e.evaluateAll()
        #expect(e.value("salary", member: 1) == .number(38_200.5))
        #expect(e.numbers("total") == [41_500, 41_500, 79_700.5, 79_700.5, 79_700.5, 124_700.5])
    }

    /// A key refused as a member (it names a member of another dimension) is reported once,
    /// where the file lists it, not again by every input that reads the file.
    @Test func aRefusedMemberIsReportedOnce() throws {
        let (loaded, _) = try load(model: """
        dimension board = Regionstyrelsen, "Politisk verksamhet"
        dimension unit in board from "data/units.csv" key verksamhet parent styrelse
        input revenue[unit] = column intäkter
        input costs[unit] = column kostnader
        """, files: ["data/units.csv": """
        verksamhet;styrelse;intäkter;kostnader
        Division Nära;Regionstyrelsen;1 534;-1 981
        Politisk verksamhet;Politisk verksamhet;0;-41

        """])
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1, "\(DiagnosticRenderer.render(loaded.diagnostics))")
        #expect(errors.first?.message == "'Politisk verksamhet' is already a member of 'board'; members of different dimensions need different names")
        #expect(errors.first?.location?.line == 3)
    }

    /// Members refused from the middle of a file are each reported once, at their own cell, in
    /// file order (the place is made from the member's row only when a diagnostic needs it).
    @Test func refusedMembersAreReportedAtTheirCells() throws {
        let (loaded, _) = try load(model: """
        dimension region = Nord, Syd
        dimension unit from "data/units.csv" key verksamhet
        input revenue[unit] = column intäkter
        """, files: ["data/units.csv": """
        intäkter;verksamhet
        1;Akut
        2;  Nord
        3;Bild
        4;Syd
        5;Cyto

        """])
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.message) == ["'Nord' is already a member of 'region'; members of different dimensions need different names",
                                          "'Syd' is already a member of 'region'; members of different dimensions need different names"])
        #expect(errors.map { $0.location?.line } == [3, 5])
        #expect(errors.map { $0.location?.column } == [3, 3])   // the cell, with its padding
    }

    /// An input with a unit is an amount: a typo in its column is an error even where the
    /// typos are as many as the numbers, not a text that SUM would quietly skip.
    @Test func anAmountColumnIsNumbersWhateverItsTypos() throws {
        let (loaded, _) = try load(model: """
        dimension unit from "data/budget.csv" key enhet
        input budget[unit]: kr = column belopp
        input note[unit] = column belopp
        total: kr = SUM(budget[unit])
        """, files: ["data/budget.csv": "enhet;belopp\nDatacenter;femton\nNätverk;2 000\n"])
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1, "\(DiagnosticRenderer.render(loaded.diagnostics))")
        #expect(errors.first?.location?.line == 2)
        #expect(errors.first?.location?.column == 12)
    }

    /// A ledger row whose second key is no member is shown at that key's cell (the account),
    /// not at the first key (the cost centre).
    @Test func anUnknownSecondKeyIsShownAtItsOwnCell() throws {
        let (loaded, _) = try load(model: """
        timeline monthly 2024-01 .. 2024-02
        dimension ansvar = "110", "120"
        dimension konto = "4010", "4020"
        input utfall[ansvar, konto, month] = data "data/gl.csv" long key Ansvar, Konto period Period amount Belopp sum
        """, files: ["data/gl.csv": "Ansvar;Konto;Period;Belopp\n110;4010;202401;100\n110;9999;202401;50\n"])
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.message) == ["'9999' is not a member of 'konto'"])
        #expect(errors.first.map(place) == "3:5")
        #expect(errors.first.flatMap(underlined) == "9999")
    }

    @Test func wideAndLongFormsPerUnitAndMonth() throws {
        let (loaded, _) = try load(model: """
        timeline monthly 2021-01 .. 2021-03
        dimension unit = Datacenter, Nätverk
        input budget[unit, month] = data "data/budget.csv" wide key ansvar
        input actual[unit, month] = data "data/ledger.csv" long key ansvar period period amount belopp sum
        variance[unit, month] = budget - actual
        """, files: [
            "data/budget.csv": "ansvar;202101;202102;202103\nDatacenter;1 000,00;1 000,00;1 200,00\nNätverk;500;500;500\n",
            "data/ledger.csv": "konto;ansvar;period;belopp\n4010;Datacenter;202101;900,50\n4020;Datacenter;202101;50\n4010;Nätverk;202102;−20\n",
        ])
        #expect(loaded.diagnostics.isEmpty, "\(DiagnosticRenderer.render(loaded.diagnostics))")
        let e = Evaluation(model: try #require(loaded.model), order: try #require(loaded.order))
        e.evaluateAll()
        #expect(e.value("variance", period: 0, member: 0) == .number(49.5))
        #expect(e.value("actual", period: 1, member: 1) == .number(-20))
        #expect(e.value("actual", period: 2, member: 0) == .blank, "no amount is blank, not zero")
        #expect(e.value("variance", period: 2, member: 0) == .number(1_200))
    }

    @Test func badDataIsReportedWhereItIs() throws {
        let (loaded, _) = try load(model: """
        timeline monthly 2021-01 .. 2021-02
        dimension unit = Datacenter, Nätverk
        input budget[unit, month] = data "data/budget.csv" wide key ansvar
        input other[unit, month] = data "data/missing.csv" wide key ansvar
        input rate[unit] = data "data/rates.csv" key ansvar column satts
        """, files: [
            "data/budget.csv": "ansvar;202101;202102\nDatacenter;1 000;x\nSupport;1;2\n",
            "data/rates.csv": "ansvar;sats\nDatacenter;1,5\n",
        ])
        #expect(loaded.model == nil)
        let messages = loaded.diagnostics.map { "\($0.location.map { "\($0.file.path.split(separator: "/").last!):\($0.line):\($0.column)" } ?? "") \($0.message)" }
        #expect(messages.contains { $0.hasPrefix("model.kalkyl:4:") && $0.contains("data/missing.csv") })
        #expect(messages.contains { $0.hasPrefix("model.kalkyl:5:") && $0.contains("no column 'satts'") })
        #expect(messages.contains { $0.hasPrefix("budget.csv:2:18") })
        #expect(messages.contains { $0.hasPrefix("budget.csv:3:1 'Support' is not a member of 'unit'") })
    }

    @Test func membersWithoutDataAreAWarning() throws {
        let (loaded, _) = try load(model: """
        dimension unit = Datacenter, Nätverk, MT
        input rate[unit] = data "data/rates.csv" key ansvar column sats
        """, files: ["data/rates.csv": "ansvar;sats\nDatacenter;1,5\n"])
        #expect(loaded.model != nil)
        #expect(loaded.diagnostics.map(\.severity) == [.warning])
        #expect(loaded.diagnostics.first?.message == "2 members have no row for 'rate', so their cells are blank: Nätverk, MT")
    }
}

extension DataBindingTests {
    @Test func membersRollUpToTheParentsInAColumn() throws {
        let (loaded, _) = try load(model: """
        dimension unit = Datacenter, Nätverk
        dimension employee in unit from "data/staff.csv" key id parent enhet
        input salary[employee] = column månadslön
        unit_salaries[unit] = SUM(salary[employee])
        """, files: ["data/staff.csv": staff])
        #expect(loaded.diagnostics.isEmpty, "\(DiagnosticRenderer.render(loaded.diagnostics))")
        let e = Evaluation(model: try #require(loaded.model), order: try #require(loaded.order))
        e.evaluateAll()
        #expect(e.value("unit_salaries", member: 0) == .number(86_500))
        #expect(e.value("unit_salaries", member: 1) == .number(38_200.5))
    }

    @Test func anUnknownParentIsReportedInTheFile() throws {
        let (loaded, _) = try load(model: """
        dimension unit = Datacenter
        dimension employee in unit from "data/staff.csv" key id parent enhet
        """, files: ["data/staff.csv": staff])
        let messages = loaded.diagnostics.map { "\($0.location.map { "\($0.file.path.split(separator: "/").last!):\($0.line):\($0.column)" } ?? "") \($0.message)" }
        #expect(messages == ["staff.csv:3:13 'Nätverk' is not a member of 'unit'"])
    }

    /// A ledger over the size limit is refused with the advice to export it in parts, read each
    /// into an input of its own and add them: the parts give the whole file's numbers.
    @Test func aLedgerReadInPartsAddsUpToTheWhole() throws {
        let header = "Konto;Period;Belopp\n"
        let first = "3010;2024-01;100\n3010;2024-02;250,50\n4010;2024-02;-75\n"
        let second = "3010;2024-03;40\n4010;2024-03;-12,25\n3010;2024-03;1\n"
        let accounts = "Konto\n3010\n4010\n"
        let read = " long key Konto period Period amount Belopp sum missing 0"
        let (whole, _) = try load(model: """
        timeline monthly 2024-01 .. 2024-03
        dimension konto from "data/konto.csv" key Konto
        input utfall[konto, month]: kr = data "data/gl.csv"\(read)
        total[month]: kr = SUM(utfall[konto])
        """, files: ["data/konto.csv": accounts, "data/gl.csv": header + first + second])
        let (parts, _) = try load(model: """
        timeline monthly 2024-01 .. 2024-03
        dimension konto from "data/konto.csv" key Konto
        input utfall_h1[konto, month]: kr = data "data/gl-1.csv"\(read)
        input utfall_h2[konto, month]: kr = data "data/gl-2.csv"\(read)
        utfall[konto, month]: kr = utfall_h1 + utfall_h2
        total[month]: kr = SUM(utfall[konto])
        """, files: ["data/konto.csv": accounts, "data/gl-1.csv": header + first, "data/gl-2.csv": header + second])
        var totals: [[Double?]] = []
        for loaded in [whole, parts] {
            #expect(loaded.diagnostics.isEmpty, "\(DiagnosticRenderer.render(loaded.diagnostics))")
            let e = Evaluation(model: try #require(loaded.model), order: try #require(loaded.order))
            e.evaluateAll()
            totals.append(e.numbers("total"))
        }
        #expect(totals[0] == [100, 175.5, 28.75])
        #expect(totals[1] == totals[0])
    }
}
