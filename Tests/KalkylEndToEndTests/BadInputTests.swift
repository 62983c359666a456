import Foundation
import Testing

/// Input a tired controller, or a broken tool, might hand to kalkyl: each gets a result or a
/// clear error, never a crash, a stack overflow or a hang.
@Suite struct BadInputTests {
    static let cases: [(String, Data)] = [
        ("empty file", Data()),
        ("only a byte-order mark", Data([0xEF, 0xBB, 0xBF])),
        ("a byte-order mark and a model", Data([0xEF, 0xBB, 0xBF]) + Data("input a = 1\nb = a * 2\n".utf8)),
        ("CRLF line endings", Data("timeline monthly 2021-01 .. 2021-03\r\ninput a[month] = 1\r\nb[month] = a * 2\r\n".utf8)),
        ("tabs", Data("input\ta\t=\t1\nb\t=\ta\t+\t1\n".utf8)),
        ("Swedish letters in names", Data("input årslön = 480_000\nmånadslön = årslön / 12\növerskott_ä = månadslön - 1\n".utf8)),
        ("100,000 nested parentheses", Data(("x = " + String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)).utf8)),
        ("a line of 200,000 terms", Data(("x = " + Array(repeating: "1", count: 200_000).joined(separator: " + ")).utf8)),
        ("100,000 leading minus signs", Data(("x = " + String(repeating: "-", count: 100_000) + "1").utf8)),
        ("binary garbage", Data((0..<65_536).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ ($0 >> 3)) })),
        ("NUL bytes", Data([0x61, 0x20, 0x3D, 0x00, 0x31, 0x0A])),
        ("an unclosed text", Data("x = \"never closed\ny = 1\n".utf8)),
        ("an unclosed scenario", Data("input a = 1\nscenario s \"S\" {\n a = 2\n".utf8)),
        ("a 200,000-character name", Data((String(repeating: "n", count: 200_000) + " = 1").utf8)),
    ]

    @Test("Bad input never crashes or hangs", arguments: cases.map(\.0))
    func badInput(name: String) throws {
        let bytes = Self.cases.first { $0.0 == name }!.1
        let path = try KalkylBinary.temporaryModel(bytes)
        for command in ["check", "eval"] {
            let run = try KalkylBinary.run([command, path], timeout: 60)
            #expect(!run.crashed, "\(name): kalkyl \(command) crashed")
            #expect(run.status == 0 || run.status == 1, "\(name): kalkyl \(command) exited \(run.status): \(run.stderr.prefix(500))")
            if run.status == 1 {
                #expect(run.stderr.contains("\(path):"), "\(name): errors name the file")
                #expect(run.stderr.split(separator: "\n").count < 200, "\(name): a screenful of errors, not a flood")
            }
        }
    }

    @Test func binaryGarbageIsReportedAsNotText() throws {
        let path = try KalkylBinary.temporaryModel(Data([0x61, 0x20, 0x3D, 0x20, 0xFF, 0xFE, 0x31]))
        let run = try KalkylBinary.run(["check", path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("\(path):1:5: error: this file is not UTF-8 text (byte 0xFF)"))
    }

    @Test func aLongSumEvaluates() throws {
        let path = try KalkylBinary.temporaryModel("x = " + Array(repeating: "1", count: 200_000).joined(separator: " + "))
        let run = try KalkylBinary.run(["eval", path, "--format", "json"])
        #expect(run.stdout.contains(#""x": 200000"#))
    }

    @Test func evaluationErrorsAreValuesNotFailures() throws {
        let path = try KalkylBinary.temporaryModel("input a = 0\nb = 1 / a\nc = IFERROR(b, -1)\n")
        let run = try KalkylBinary.run(["eval", path, "--format", "csv"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("b,,,,#DIV/0!"))
        #expect(run.stdout.contains("c,,,,-1"))
    }
}
