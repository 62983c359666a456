import Foundation
import Testing

/// `kalkyl lsp` driven over pipes by a real client, one feature of the protocol at a time.
/// The model on disk and the editor's unsaved buffer differ: every answer must come from the buffer.
@Suite struct LanguageServerTests {
    static let model = """
    model "Test"
    timeline monthly 2021-01 .. 2021-12

    ## Anställda december
    input employees_start: persons = 137
    input hires[month]: persons = 0
    input hires[2021-04] = 2
    dimension unit = Datacenter, Nätverk
    input cost[unit]: kr = 100
    input cost[Nätverk] = 50

    ## Antal anställda
    employees[month]: persons = PREV(employees, employees_start) + hires
    årets_summa = SUM(employees)
    april = employees[2021-04]
    total_cost = SUM(cost[unit])
    check ok: total_cost = 150

    scenario more "Fler" {
      hires[2021-06] = 5
    }

    """

    /// A workspace: formulas/test.kalkyl (on disk: an older version) and workbooks/test.layout.
    func workspace(disk: String = "model \"Old\"\nx = 1\n", layout: String? = nil) throws -> (root: URL, model: String, layout: String) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kalkyl-lsp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("formulas"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("workbooks"), withIntermediateDirectories: true)
        let model = root.appendingPathComponent("formulas/test.kalkyl")
        try disk.write(to: model, atomically: true, encoding: .utf8)
        let layoutFile = root.appendingPathComponent("workbooks/test.layout")
        try (layout ?? "sheet \"S\"\ncolumns months\nrow employees\n").write(to: layoutFile, atomically: true, encoding: .utf8)
        return (root, model.absoluteString, layoutFile.absoluteString)
    }

    func range(_ d: [String: Any]) -> [Int] {
        let r = d["range"] as! [String: Any]
        let s = r["start"] as! [String: Any], e = r["end"] as! [String: Any]
        return [s["line"] as! Int, s["character"] as! Int, e["line"] as! Int, e["character"] as! Int]
    }

    func hoverText(_ client: LanguageServerClient, _ uri: String, _ at: [String: Any]) throws -> String {
        let hover = try client.result("textDocument/hover", ["textDocument": ["uri": uri], "position": at]) as? [String: Any]
        return ((hover?["contents"] as? [String: Any])?["value"] as? String) ?? ""
    }

    @Test func initializeAnnouncesEveryFeatureAndShutdownExitsZero() throws {
        let client = try LanguageServerClient()
        let (root, _, _) = try workspace()
        let result = try client.initialize(root: root)
        let capabilities = try #require(result["capabilities"] as? [String: Any])
        for key in ["hoverProvider", "inlayHintProvider", "definitionProvider", "referencesProvider", "renameProvider",
                    "documentSymbolProvider", "workspaceSymbolProvider", "completionProvider", "documentFormattingProvider",
                    "codeActionProvider", "codeLensProvider", "executeCommandProvider", "textDocumentSync"] {
            #expect(capabilities[key] != nil, "no \(key)")
        }
        #expect(capabilities["positionEncoding"] as? String == "utf-16")
        #expect(try client.shutdown() == 0)
    }

    @Test func diagnosticsOfTheUnsavedBufferAtUTF16RangesWithADidYouMeanFix() throws {
        let client = try LanguageServerClient()
        let (root, uri, _) = try workspace()
        _ = try client.initialize(root: root)
        let broken = Self.model.replacingOccurrences(of: "årets_summa = SUM(employees)", with: "årets_summa = SUM(employes)")
        try client.open(uri, text: broken)
        let diagnostics = try #require(client.diagnostics(for: uri))
        #expect(diagnostics.count == 1, "\(diagnostics)")
        let d = try #require(diagnostics.first)
        // "årets_summa = SUM(" is 18 UTF-16 units (19 bytes): the range counts as the editor does.
        #expect(range(d) == [13, 18, 13, 26])
        #expect(d["severity"] as? Int == 1)
        #expect(d["code"] as? String == "K0201", "the stable code of an unknown name")
        #expect((d["message"] as? String)?.contains("employes") == true)
        let actions = try #require(try client.result("textDocument/codeAction", [
            "textDocument": ["uri": uri], "range": d["range"]!, "context": ["diagnostics": [d]],
        ]) as? [[String: Any]])
        let fix = try #require(actions.first)
        #expect(fix["kind"] as? String == "quickfix")
        let edits = ((fix["edit"] as? [String: Any])?["changes"] as? [String: Any])?[uri] as? [[String: Any]]
        #expect(edits?.first?["newText"] as? String == "employees")
        #expect(edits.map { range($0[0]) } == [13, 18, 13, 26])
        // Fixed in the buffer (the disk still has the old model): no diagnostics.
        try client.change(uri, text: Self.model, version: 2)
        #expect(client.diagnostics(for: uri)?.isEmpty == true)
        #expect(try client.shutdown() == 0)
    }

    @Test func aFailingCheckIsAWarningAtTheCheckWithBothSides() throws {
        let client = try LanguageServerClient()
        let (root, uri, _) = try workspace()
        _ = try client.initialize(root: root)
        let failing = Self.model.replacingOccurrences(of: "input cost[Nätverk] = 50", with: "input cost[Nätverk] = 60")
        try client.open(uri, text: failing)
        let diagnostics = try #require(client.diagnostics(for: uri))
        #expect(diagnostics.count == 1, "\(diagnostics)")
        let d = try #require(diagnostics.first)
        #expect(d["severity"] as? Int == 2)
        #expect(range(d) == [16, 6, 16, 8], "\(d)")   // the check's name
        #expect((d["message"] as? String)?.contains("check 'ok' fails: 160 = 150 is FALSE") == true, "\(d)")
        // Put right in the buffer: the warning goes.
        try client.change(uri, text: Self.model, version: 2)
        #expect(client.diagnostics(for: uri)?.isEmpty == true)
        #expect(try client.shutdown() == 0)
    }

    @Test func anUnsavedDataFileIsReadFromItsBuffer() throws {
        let client = try LanguageServerClient()
        let (root, uri, _) = try workspace()
        let csv = root.appendingPathComponent("formulas/units.csv")
        try "unit,cost\nA,100\nB,50\n".write(to: csv, atomically: true, encoding: .utf8)
        _ = try client.initialize(root: root)
        let model = """
        model "Data"
        dimension unit from "units.csv" key unit
        input cost[unit]: kr = column cost
        total: kr = SUM(cost[unit])

        """
        try client.open(uri, text: model)
        #expect(client.diagnostics(for: uri)?.isEmpty == true)
        let at = position(of: "total", in: model)
        #expect(try hoverText(client, uri, at).contains("150"))
        // The editor opens the data file and edits it without saving: the model reads the buffer.
        try client.open(csv.absoluteString, text: "unit,cost\nA,100\nB,70\n", language: "csv")
        #expect(client.diagnostics(for: uri)?.isEmpty == true)
        #expect(try hoverText(client, uri, at).contains("170"))
        // Where an input's value was read: the buffer's cell, kept by the checked model.
        let origin = try hoverText(client, uri, position(of: "cost[unit]:", in: model))
        #expect(origin.contains("`cost[A]` read from `units.csv:2:3` (cost)"), "\(origin)")
        // A mistake typed into the buffer is shown on the data file, at its place.
        try client.change(csv.absoluteString, text: "unit,cost\nA,100\nB,7O\n", version: 2)
        #expect(client.diagnostics(for: uri)?.isEmpty == true)
        let inData = try #require(client.diagnostics(for: csv.absoluteString))
        #expect(inData.count == 1, "\(inData)")
        #expect(inData.first.map(range)?.first == 2)
        // Closed without saving: the file on disk counts again.
        try client.notify("textDocument/didClose", ["textDocument": ["uri": csv.absoluteString]])
        _ = client.diagnostics(for: uri)
        #expect(try hoverText(client, uri, at).contains("150"))
        #expect(try client.shutdown() == 0)
    }

    /// A data file opened before the model: the model's session starts from its buffer, and
    /// closing it brings back the file on disk.
    @Test func aDataBufferOpenedBeforeTheModelIsReadAndDroppedOnClose() throws {
        let client = try LanguageServerClient()
        let (root, uri, _) = try workspace()
        let csv = root.appendingPathComponent("formulas/units.csv")
        try "unit,cost\nA,100\nB,50\n".write(to: csv, atomically: true, encoding: .utf8)
        _ = try client.initialize(root: root)
        try client.open(csv.absoluteString, text: "unit,cost\nA,100\nB,70\n", language: "csv")
        let model = """
        model "Data"
        dimension unit from "units.csv" key unit
        input cost[unit]: kr = column cost
        total: kr = SUM(cost[unit])

        """
        try client.open(uri, text: model)
        #expect(client.diagnostics(for: uri)?.isEmpty == true)
        let at = position(of: "total", in: model)
        #expect(try hoverText(client, uri, at).contains("170"))
        try client.notify("textDocument/didClose", ["textDocument": ["uri": csv.absoluteString]])
        _ = client.diagnostics(for: uri)
        #expect(try hoverText(client, uri, at).contains("150"))
        #expect(try client.shutdown() == 0)
    }

    @Test func hoverShowsLabelUnitFormulaAndValuesOfTheBuffer() throws {
        let client = try LanguageServerClient()
        let (root, uri, _) = try workspace()
        _ = try client.initialize(root: root)
        try client.open(uri, text: Self.model)
        _ = client.diagnostics(for: uri)
        // A series: label, unit, kind, formula, each period and the year as eval totals it (a
        // headcount's is December's: the months added up read 1 662).
        let series = try hoverText(client, uri, position(of: "employees)", in: Self.model, offset: 2))
        #expect(series.contains("**Antal anställda**"), "\(series)")
        #expect(series.contains("persons"))
        #expect(series.contains("*formula*"))
        #expect(series.contains("PREV(employees, employees_start) + hires"))
        #expect(series.contains("2021-03  137\n2021-04  139\n"))
        #expect(series.contains("2021-12  139\n2021     139\n"), "\(series)")
        #expect(!series.contains("1 662"))
        // The period under the cursor.
        let april = try hoverText(client, uri, position(of: "employees[2021-04]", in: Self.model, offset: 1))
        #expect(april.contains("2021-04: base **139**"), "\(april)")
        // A definition over a dimension: its members.
        let cost = try hoverText(client, uri, position(of: "cost[unit])", in: Self.model))
        #expect(cost.contains("Datacenter  100"), "\(cost)")
        #expect(cost.contains("Nätverk      50"))
        #expect(cost.contains("total       150"))
        // In a scenario block: base and scenario side by side.
        let scenario = try hoverText(client, uri, position(of: "hires[2021-06] = 5", in: Self.model, offset: 1))
        #expect(scenario.contains("base  more"), "\(scenario)")
        #expect(scenario.contains("2021-06     0     5"))
        // A dimension, a function.
        #expect(try hoverText(client, uri, position(of: "unit = ", in: Self.model)).contains("Datacenter, Nätverk"))
        #expect(try hoverText(client, uri, position(of: "SUM(employees", in: Self.model)).contains("SUM("))
        #expect(try client.shutdown() == 0)
    }

    /// A member named with an emoji (two UTF-16 units, one character) is shown whole in a
    /// hover's table, aligned by characters.
    @Test func aHoverTableShowsAMemberWithAnEmojiWhole() throws {
        let client = try LanguageServerClient()
        let (root, uri, _) = try workspace()
        _ = try client.initialize(root: root)
        let model = "model \"E\"\ndimension unit = \"Vård 🏥\", Labb\ninput rent[unit]: kr = 1000\ninput rent[Labb] = 500\n"
        try client.open(uri, text: model)
        _ = client.diagnostics(for: uri)
        let hover = try hoverText(client, uri, position(of: "rent[unit]", in: model))
        #expect(hover.contains("Vård 🏥  1 000\nLabb      500\ntotal   1 500\n"), "\(hover)")
        #expect(try client.shutdown() == 0)
    }

    @Test func inlayHintsFollowAnEditOfAnInput() throws {
        let client = try LanguageServerClient()
        let (root, uri, _) = try workspace()
        _ = try client.initialize(root: root)
        try client.open(uri, text: Self.model)
        _ = client.diagnostics(for: uri)
        func hints() throws -> [String: String] {
            let all = try #require(try client.result("textDocument/inlayHint", [
                "textDocument": ["uri": uri],
                "range": ["start": ["line": 0, "character": 0], "end": ["line": 100, "character": 0]],
            ]) as? [[String: Any]])
            var byLine: [String: String] = [:]
            for hint in all {
                let line = (hint["position"] as? [String: Any])?["line"] as? Int ?? -1
                byLine[String(line)] = hint["label"] as? String
            }
            return byLine
        }
        var before = try hints()
        #expect(before["13"] == "= 1 662", "\(before)")                     // årets_summa
        #expect(before["12"] == "2021 closing: 139 · 2021-12: 139")          // employees, as eval totals it
        #expect(before["15"] == "= 150")                                      // total_cost
        #expect(before["16"] == "✓ holds")                                    // the check
        try client.change(uri, text: Self.model.replacingOccurrences(of: "= 137", with: "= 138"), version: 2)
        _ = client.diagnostics(for: uri)
        before = try hints()
        #expect(before["13"] == "= 1 674", "\(before)")
        #expect(try client.shutdown() == 0)
    }

    @Test func definitionReferencesRenameAndSymbols() throws {
        let client = try LanguageServerClient()
        let (root, uri, layoutURI) = try workspace()
        _ = try client.initialize(root: root)
        try client.open(uri, text: Self.model)
        _ = client.diagnostics(for: uri)
        try client.open(layoutURI, text: "sheet \"S\"\ncolumns months\nrow employees\n", language: "kalkyl-layout")
        _ = client.diagnostics(for: layoutURI)
        let at = position(of: "employees)", in: Self.model)
        let definition = try #require(try client.result("textDocument/definition", ["textDocument": ["uri": uri], "position": at]) as? [String: Any])
        #expect(definition["uri"] as? String == uri)
        #expect(range(definition) == [12, 0, 12, 9])
        let references = try #require(try client.result("textDocument/references", [
            "textDocument": ["uri": uri], "position": at, "context": ["includeDeclaration": true],
        ]) as? [[String: Any]])
        // Its definition, PREV(employees, …), SUM(employees), employees[2021-04], and the layout's row.
        #expect(references.count == 5, "\(references)")
        #expect(references.contains { $0["uri"] as? String == layoutURI })
        let prepared = try client.result("textDocument/prepareRename", ["textDocument": ["uri": uri], "position": at]) as? [String: Any]
        #expect(prepared?["placeholder"] as? String == "employees")
        let edit = try #require(try client.result("textDocument/rename", ["textDocument": ["uri": uri], "position": at, "newName": "staff"]) as? [String: Any])
        let changes = try #require(edit["changes"] as? [String: [[String: Any]]])
        #expect(changes[uri]?.count == 4)
        #expect(changes[layoutURI]?.count == 1)
        #expect(changes[uri]?.allSatisfy { $0["newText"] as? String == "staff" } == true)
        let refused = try client.request("textDocument/rename", ["textDocument": ["uri": uri], "position": at, "newName": "april"])
        #expect(refused["error"] != nil)
        let symbols = try #require(try client.result("textDocument/documentSymbol", ["textDocument": ["uri": uri]]) as? [[String: Any]])
        let names = symbols.compactMap { $0["name"] as? String }
        for name in ["employees_start", "hires", "unit", "employees", "årets_summa", "ok", "more"] { #expect(names.contains(name), "\(names)") }
        #expect(names.filter { $0 == "hires" }.count == 1, "an input's later lines are not symbols of their own")
        let unit = symbols.first { $0["name"] as? String == "unit" }
        #expect((unit?["children"] as? [[String: Any]])?.count == 2)
        let workspaceSymbols = try #require(try client.result("workspace/symbol", ["query": "årets"]) as? [[String: Any]])
        #expect(workspaceSymbols.map { $0["name"] as? String } == ["årets_summa"])
        #expect(try client.shutdown() == 0)
    }

    /// The columns a model reads (`key Ansvar`, `name Benämning`, a data source's `column`):
    /// go to definition opens the data file at the column's header; a rename says to rename
    /// the header in the file, since the model cannot change it.
    @Test func aDataColumnLeadsToItsHeaderAndIsNotRenamedInTheModel() throws {
        let model = """
            model "Namn"
            timeline monthly 2024-01 .. 2024-02
            dimension ansvar from "data/ansvar.csv" key Ansvar name Benämning
            input budget[ansvar]: kr = data "data/budget.csv" key Ansvar column Belopp
            input andel[ansvar] = column Andel

            """
        let (root, uri, _) = try workspace(disk: model)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("formulas/data"), withIntermediateDirectories: true)
        let ansvar = root.appendingPathComponent("formulas/data/ansvar.csv")
        try "Ansvar;Andel;Benämning\n411010;1;VC Centrum\n".write(to: ansvar, atomically: true, encoding: .utf8)
        let budget = root.appendingPathComponent("formulas/data/budget.csv")
        try "Konto;Ansvar;Belopp\n1;411010;100\n".write(to: budget, atomically: true, encoding: .utf8)
        let client = try LanguageServerClient()
        _ = try client.initialize(root: root)
        try client.open(uri, text: model)
        _ = client.diagnostics(for: uri)
        func definition(_ needle: String, occurrence: Int = 1) throws -> [String: Any]? {
            try client.result("textDocument/definition", ["textDocument": ["uri": uri], "position": position(of: needle, in: model, occurrence: occurrence, offset: 1)]) as? [String: Any]
        }
        let name = try #require(try definition("Benämning"))
        #expect(name["uri"] as? String == ansvar.absoluteString)
        #expect(range(name) == [0, 13, 0, 22])
        // The same name in two files: each leads to its own file's header.
        let key = try #require(try definition("Ansvar column"))
        #expect(key["uri"] as? String == budget.absoluteString && range(key) == [0, 6, 0, 12])
        let andel = try #require(try definition("Andel"))
        #expect(andel["uri"] as? String == ansvar.absoluteString && range(andel) == [0, 7, 0, 12])
        let at = position(of: "Benämning", in: model, offset: 1)
        #expect(try client.result("textDocument/prepareRename", ["textDocument": ["uri": uri], "position": at]) == nil)
        let refused = try client.request("textDocument/rename", ["textDocument": ["uri": uri], "position": at, "newName": "Namn"])
        #expect(((refused["error"] as? [String: Any])?["message"] as? String) == "'Benämning' is a column of data/ansvar.csv: rename it in the file's header, then here")
        #expect(try client.shutdown() == 0)
    }

    @Test func completionOfNamesFunctionsMembersPeriodsAndUnits() throws {
        let client = try LanguageServerClient()
        let (root, uri, _) = try workspace()
        _ = try client.initialize(root: root)
        let text = Self.model + "x = SUM(cost[\ny: \nz = e\n"
        try client.open(uri, text: Self.model)
        _ = client.diagnostics(for: uri)
        try client.change(uri, text: text, version: 2)
        _ = client.diagnostics(for: uri)
        func labels(_ at: [String: Any]) throws -> [String: [String: Any]] {
            let list = try #require(try client.result("textDocument/completion", ["textDocument": ["uri": uri], "position": at]) as? [String: Any])
            var out: [String: [String: Any]] = [:]
            for item in list["items"] as? [[String: Any]] ?? [] { out[item["label"] as! String] = item }
            return out
        }
        // The buffer has errors now: completion still knows the last good model.
        let members = try labels(position(of: "x = SUM(cost[", in: text, offset: 13))
        #expect(members["Datacenter"] != nil && members["Nätverk"] != nil && members["unit"] != nil, "\(members.keys.sorted())")
        #expect(members["2021-04"] != nil)
        let units = try labels(position(of: "y: ", in: text, offset: 3))
        #expect(units["kr"] != nil && units["persons"] != nil)
        let names = try labels(position(of: "z = e", in: text, offset: 5))
        #expect(names["employees"]?["detail"] as? String == "formula [month]: persons")
        #expect(names["employees_start"] != nil)
        #expect((names["SUM"]?["detail"] as? String)?.hasPrefix("SUM(") == true)
        #expect((names["ROUND"]?["documentation"] as? [String: Any])?["value"] != nil)
        #expect(try client.shutdown() == 0)
    }

    @Test func formattingIsKalkylFmtAndTheExplainLensRunsExplain() throws {
        let client = try LanguageServerClient()
        let (root, uri, _) = try workspace()
        _ = try client.initialize(root: root)
        let messy = Self.model.replacingOccurrences(of: "april = employees[2021-04]", with: "april=employees[ 2021-04 ]")
        try client.open(uri, text: messy)
        _ = client.diagnostics(for: uri)
        let edits = try #require(try client.result("textDocument/formatting", ["textDocument": ["uri": uri], "options": ["tabSize": 2, "insertSpaces": true]]) as? [[String: Any]])
        #expect(edits.count == 1)
        let formatted = try #require(edits.first?["newText"] as? String)
        #expect(formatted.contains("\n" + "april".padding(toLength: "employees[month]: persons".count, withPad: " ", startingAt: 0) + " = employees[2021-04]\n"), "\(formatted)")
        let lenses = try #require(try client.result("textDocument/codeLens", ["textDocument": ["uri": uri]]) as? [[String: Any]])
        let lens = try #require(lenses.first { (($0["command"] as? [String: Any])?["title"] as? String) == "explain employees[2021-12]" })
        let command = try #require(lens["command"] as? [String: Any])
        let explained = try #require(try client.result("workspace/executeCommand", ["command": command["command"]!, "arguments": command["arguments"]!]) as? String)
        #expect(explained.contains("employees[2021-12] = 139"), "\(explained)")
        #expect(explained.contains("PREV(employees, employees_start) + hires"))
        #expect(try client.shutdown() == 0)
    }

    /// From a layout, as from its model: references and rename reach the model and every
    /// layout of it, also one on disk that is not open (a rename must leave no board pack naming
    /// the old name), and a layout's did-you-mean is a quick fix.
    @Test func fromALayoutReferencesRenameAndQuickFixReachTheModelAndItsLayouts() throws {
        let client = try LanguageServerClient()
        let (root, uri, layoutURI) = try workspace(disk: Self.model)   // the model is not open: read from disk
        try FileManager.default.createDirectory(at: root.appendingPathComponent("reports"), withIntermediateDirectories: true)
        let other = root.appendingPathComponent("reports/test.layout")   // never opened
        try "sheet \"R\"\ncolumns months\nrow employees\n".write(to: other, atomically: true, encoding: .utf8)
        _ = try client.initialize(root: root)
        let layout = "sheet \"S\"\ncolumns months\nrow employes\nrow employees\n"
        try client.open(layoutURI, text: layout, language: "kalkyl-layout")
        let diagnostics = try #require(client.diagnostics(for: layoutURI))
        let d = try #require(diagnostics.first)
        let actions = try #require(try client.result("textDocument/codeAction", [
            "textDocument": ["uri": layoutURI], "range": d["range"]!, "context": ["diagnostics": [d]],
        ]) as? [[String: Any]])
        let edits = ((actions.first?["edit"] as? [String: Any])?["changes"] as? [String: Any])?[layoutURI] as? [[String: Any]]
        #expect(edits?.first?["newText"] as? String == "employees", "\(actions)")
        #expect(edits.map { range($0[0]) } == [2, 4, 2, 12])

        let at = position(of: "employees", in: layout, offset: 1)
        let references = try #require(try client.result("textDocument/references", [
            "textDocument": ["uri": layoutURI], "position": at, "context": ["includeDeclaration": true],
        ]) as? [[String: Any]])
        // The model's four (its definition, PREV, SUM, employees[2021-04]) and one in each layout.
        #expect(references.filter { $0["uri"] as? String == uri }.count == 4, "\(references)")
        #expect(references.filter { $0["uri"] as? String == layoutURI }.map(range) == [[3, 4, 3, 13]])
        #expect(references.filter { $0["uri"] as? String == other.absoluteString }.map(range) == [[2, 4, 2, 13]])

        let prepared = try client.result("textDocument/prepareRename", ["textDocument": ["uri": layoutURI], "position": at]) as? [String: Any]
        #expect(prepared?["placeholder"] as? String == "employees")
        let edit = try #require(try client.result("textDocument/rename", [
            "textDocument": ["uri": layoutURI], "position": at, "newName": "staff",
        ]) as? [String: Any])
        let changes = try #require(edit["changes"] as? [String: [[String: Any]]])
        #expect(changes[uri]?.count == 4)
        #expect(changes[layoutURI]?.map(range) == [[3, 4, 3, 13]])
        #expect(changes[other.absoluteString]?.map(range) == [[2, 4, 2, 13]])
        // A name the model does not define is no rename.
        let refused = try client.request("textDocument/rename", [
            "textDocument": ["uri": layoutURI], "position": position(of: "employes", in: layout, offset: 1), "newName": "x",
        ])
        #expect(refused["error"] != nil)
        #expect(try client.shutdown() == 0)
    }

    @Test func layoutsGetDiagnosticsDefinitionAndCompletionOfTheModelsNames() throws {
        let client = try LanguageServerClient()
        let (root, uri, layoutURI) = try workspace(disk: Self.model)
        _ = try client.initialize(root: root)
        let layout = "sheet \"S\"\ncolumns months\nrow employes\nrow årets_summa\n"
        try client.open(layoutURI, text: layout, language: "kalkyl-layout")
        let diagnostics = try #require(client.diagnostics(for: layoutURI))
        #expect(diagnostics.count == 1, "\(diagnostics)")
        #expect(diagnostics.first.map(range) == [2, 4, 2, 12])
        let definition = try #require(try client.result("textDocument/definition", [
            "textDocument": ["uri": layoutURI], "position": position(of: "årets_summa", in: layout, offset: 2),
        ]) as? [String: Any])
        #expect(definition["uri"] as? String == uri)
        #expect(range(definition) == [13, 0, 13, 11])
        let list = try #require(try client.result("textDocument/completion", [
            "textDocument": ["uri": layoutURI], "position": position(of: "employes", in: layout, offset: 3),
        ]) as? [String: Any])
        let labels = (list["items"] as? [[String: Any]] ?? []).compactMap { $0["label"] as? String }
        #expect(labels.contains("employees"))
        #expect(try client.shutdown() == 0)
    }
}
