import Foundation
@testable import Kalkyl
import Testing

/// The division's follow-up (formulas/division-followup-2024.kalkyl): its expectations are
/// recomputed from the data files by a few lines of Python, independently of Kalkyl, and the
/// model meets them (ExampleModelTests), so both agree with the data.
@Suite struct DivisionFollowupTests {
    @Test func pythonRecomputesTheExpectationsFromTheData() throws {
        let root = ExampleModelTests.root
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent("Tests/KalkylTests/Examples/division_followup_2024.py").path, root.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("11 expectations, 0 differ"), "\(text)")
    }

    /// The ledger is Windows-1252 at transaction level: several vouchers make one month's
    /// figure, and explain names every one of them.
    @Test func theLedgerIsReadAsExported() throws {
        let path = ExampleModelTests.root.appendingPathComponent("formulas/division-followup-2024.kalkyl").path
        let loaded = try ModelLoader.load(path: path)
        let model = try #require(loaded.model)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
        let ansvar = try #require(model.dimensions.first { $0.name == "ansvar" })
        #expect(ansvar.title(of: 1) == "521020 MT Service Norr")
        let konto = try #require(model.dimensions.first { $0.name == "konto" })
        #expect(konto.title(of: 6) == "6110 Förbrukningsmaterial")
    }
}
