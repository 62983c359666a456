import Foundation
import Kalkyl
import Testing

/// Runs the bad-input catalogue (docs/reliability.md): each case with the real binary, its exit
/// code and diagnostic pinned, nothing half-written.
@Suite struct BadInputCatalogueTests {
    @Test("Bad input gives its diagnostic and exit code, and leaves no file half-written", arguments: BadInputCatalogue.all)
    func badInput(_ c: BadInputCase) throws {
        try BadInputRunner.run(c)
    }

    @Test("A bad SIE file gives its diagnostics, never a crash or a silent number", arguments: SIECatalogue.all)
    func badSIE(_ c: SIECase) {
        let started = Date()
        let sie = SIEFile(bytes: c.bytes(), path: "ledger.se")
        let rendered = DiagnosticRenderer.render(sie.diagnostics)
        var rest = Substring(rendered)
        for text in c.diagnostics {
            guard let found = rest.range(of: text) else {
                Issue.record("\(c.name): the diagnostics lack \(text.debugDescription); they are:\n\(rendered.prefix(1500))")
                break
            }
            rest = rest[found.upperBound...]
        }
        #expect(sie.diagnostics.contains { $0.severity == .error } == c.hasErrors, "\(c.name): \(rendered.prefix(600))")
        #expect(sie.balances.allSatisfy(\.amount.isFinite) && sie.vouchers.groups.allSatisfy { $0.amounts.allSatisfy(\.isFinite) },
                "\(c.name): every amount read is a finite number")
        #expect(Date().timeIntervalSince(started) < 120, "\(c.name): read in bounded time")
    }

    @Test func theCatalogueHasAtLeastEightyCasesInEveryFamily() {
        let count = BadInputCatalogue.all.count + SIECatalogue.all.count
        #expect(count >= 80)
        for family in BadInputCase.Family.allCases where family != .sie {
            #expect(BadInputCatalogue.all.contains { $0.family == family }, "no case of \(family.rawValue)")
        }
        #expect(Set(BadInputCatalogue.all.map(\.testDescription)).count == BadInputCatalogue.all.count, "names are unique")
        #expect(Set(SIECatalogue.all.map(\.name)).count == SIECatalogue.all.count, "names are unique")
    }
}
