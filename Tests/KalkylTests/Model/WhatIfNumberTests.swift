@testable import Kalkyl
import Testing

/// `--set` takes decimal commas and decimal points alike, so `salary=40,000` and
/// `salary=40.000` were read as 40 with exit 0 (issue 10). A mark followed by exactly three
/// digits could be either, and is refused as data files refuse it; every other form reads once.
@Suite struct WhatIfNumberTests {
    static let model = """
        timeline monthly 2024-01 .. 2024-03
        input salary: kr = 40_000
        input rate = 2%
        out[month]: kr = salary * (1 + rate)

        """

    @Test(arguments: [
        ("salary=40,000", "'40,000' could be read two ways: as 40000 with ',' grouping thousands, or as 40 with a decimal comma",
         "write '40000' or '40 000' for 40000, or '40' for 40"),
        ("salary=40.000", "'40.000' could be read two ways: as 40000 with '.' grouping thousands, or as 40 with a decimal point",
         "write '40000' or '40 000' for 40000, or '40' for 40"),
        ("salary = -1.234", "'-1.234' could be read two ways: as 1234 with '.' grouping thousands, or as 1.2340 with a decimal point",
         "write '1234' or '1 234' for 1234, or '1.2340' for 1.2340"),
        ("rate=12,500%", "'12,500%' could be read two ways: as 12500 with ',' grouping thousands, or as 12.5 with a decimal comma",
         "write '12500' or '12 500' for 12500, or '12.5' for 12.5"),
        // A number in brackets: +4250 to a formula, -4250 to a report and a data file (hunt18/t02).
        ("salary=(4250)", "'(4250)' could be read two ways: as 4250 in a formula's brackets, or as -4250 as a report writes a negative amount",
         "write '-4250' for a negative amount, or '4250'"),
        ("salary=( 4 250,50 )", "'( 4 250,50 )' could be read two ways: as 4 250,50 in a formula's brackets, or as -4 250,50 as a report writes a negative amount",
         "write '-4 250,50' for a negative amount, or '4 250,50'"),
        ("rate=(2%)", "'(2%)' could be read two ways: as 2% in a formula's brackets, or as -2% as a report writes a negative amount",
         "write '-2%' for a negative amount, or '2%'"),
    ])
    func aNumberThatReadsTwoWaysIsRefused(_ text: String, _ message: String, _ hint: String) throws {
        let e = try evaluate(Self.model)
        let (assignment, problems) = e.model.parseAssignment(text)
        #expect(assignment == nil)
        #expect(problems.map(\.message) == [message])
        #expect(problems.first?.hint == hint)
        #expect(problems.first?.code == .whatIf)
        #expect(problems.first?.severity == .error)
    }

    @Test(arguments: [
        ("salary=40000", 40_000.0), ("salary=40 000", 40_000), ("salary=40_000", 40_000), ("salary=40,5", 40.5),
        ("salary=40.5", 40.5), ("salary=0.125", 0.125), ("salary=0,125", 0.125), ("salary=1.2340", 1.234),
        ("salary=1234,567", 1234.567), ("salary=40", 40), ("salary=-(4250)", -4250), ("salary=(4250)+1", 4251),
    ])
    func aNumberThatReadsOneWayIsSet(_ text: String, _ value: Double) throws {
        let e = try evaluate(Self.model)
        let (assignment, problems) = e.model.parseAssignment(text)
        #expect(problems.isEmpty)
        e.set([try #require(assignment)])
        #expect(e.numbers("salary") == [value])
    }
}
