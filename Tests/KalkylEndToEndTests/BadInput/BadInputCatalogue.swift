import Foundation

/// The bad-input catalogue: every case, by family (docs/reliability.md counts them).
/// `BadInputCatalogueTests` runs each with the real binary.
enum BadInputCatalogue {
    static let all: [BadInputCase] = model + data + memory + layout + export + commandLine

    /// `kalkyl check model.kalkyl` (or another command) on a model file with these bytes.
    static func model(_ name: String, _ content: BadInputCase.Content, exit: Int32, _ stderr: String..., stdout: String? = nil,
                      command: [String] = ["check"], timeout: TimeInterval = 120) -> BadInputCase {
        BadInputCase(family: .model, name: name, files: [("model.kalkyl", content)], arguments: command + ["model.kalkyl"],
                     exit: exit, stderr: stderr, stdout: stdout, timeout: timeout)
    }

    static func model(_ name: String, _ text: String, exit: Int32, _ stderr: String..., stdout: String? = nil,
                      command: [String] = ["check"]) -> BadInputCase {
        BadInputCase(family: .model, name: name, files: [("model.kalkyl", .text(text))], arguments: command + ["model.kalkyl"],
                     exit: exit, stderr: stderr, stdout: stdout)
    }

    /// Bytes made from a text repeated: the generator of the large cases.
    static func generated(_ make: @escaping @Sendable () -> String) -> BadInputCase.Content {
        .generated { Array(make().utf8) }
    }

    static let model: [BadInputCase] = [
        model("empty file", .bytes([]), exit: 0, stdout: "model.kalkyl: ok — 0 definitions"),
        model("only a byte-order mark", .bytes([0xEF, 0xBB, 0xBF]), exit: 0, stdout: "model.kalkyl: ok — 0 definitions"),
        model("only comments", "# a model\n# to be written\n", exit: 0, stdout: "model.kalkyl: ok — 0 definitions"),
        model("truncated in a formula", "input a = 1\nx = a +", exit: 1,
              "model.kalkyl:2:8: error: the formula ends here, but a value was expected"),
        model("truncated in a text", "x = \"abc", exit: 1, "model.kalkyl:1:5: error: this text has no closing '\"'"),
        model("truncated in a scenario", "input a = 1\nscenario s \"S\" {\n a = 2\n", exit: 1,
              "model.kalkyl:4:1: error: expected '}' to close the scenario s, found the end of the file"),
        model("truncated inside a UTF-8 letter", .bytes(Array("x = \"".utf8) + [0xC3]), exit: 1,
              "model.kalkyl:1:6: error: this file is not UTF-8 text (byte 0xC3)"),
        model("binary garbage", .bytes((0..<65_536).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ ($0 >> 3)) }), exit: 1,
              "model.kalkyl:1:1: error: this is not a text file: it holds the byte 0x00",
              "hint: a model is a text file (.kalkyl), written in an editor"),
        model("a NUL byte in a formula", .bytes([0x61, 0x20, 0x3D, 0x00, 0x31, 0x0A]), exit: 1,
              "model.kalkyl:1:4: error: this is not a text file: it holds the byte 0x00"),
        model("a workbook given as the model", .bytes([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00] + Array("[Content_Types].xml".utf8)), exit: 1,
              "model.kalkyl:1:6: error: this is not a text file: it holds the byte 0x00 (it is a zip file, as an .xlsx workbook is)"),
        model("UTF-16 with a byte-order mark", .bytes([0xFF, 0xFE] + Array("x = 1\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })), exit: 1,
              "model.kalkyl:1:1: error: this file is UTF-16 text, not UTF-8", "hint: save the model as UTF-8"),
        model("Windows-1252 letters", .bytes(Array("x".utf8) + [0xE5] + Array(" = 1\n".utf8)), exit: 1,
              "model.kalkyl:1:2: error: this file is not UTF-8 text (byte 0xE5)", "hint: save the model as UTF-8"),
        model("UTF-8 and Windows-1252 mixed", .bytes(Array("å = 1\nx".utf8) + [0xE4] + Array(" = 2\n".utf8)), exit: 1,
              "model.kalkyl:2:2: error: this file is not UTF-8 text (byte 0xE4): it mixes UTF-8 and Windows-1252"),
        model("a number too large for a double", "x = 1e400\n", exit: 1, "model.kalkyl:1:5: error: this number is too large for a double"),
        model("a 400-digit number", "x = 1" + String(repeating: "0", count: 400) + "\n", exit: 1,
              "model.kalkyl:1:5: error: this number is too large for a double"),
        model("a result too large for a double", "x = 1e308 * 10\ny = 10 ^ 400\n", exit: 0, stdout: "x,,,,#NUM!\ny,,,,#NUM!",
              command: ["eval", "--format", "csv"]),
        model("100,000 nested parentheses", generated { "x = " + String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000) },
              exit: 1, "model.kalkyl:1:261: error: this formula nests more than 256 levels deep"),
        model("100,000 nested function calls", generated { "x = " + String(repeating: "ABS(", count: 100_000) + "1" + String(repeating: ")", count: 100_000) },
              exit: 1, "model.kalkyl:1:1029: error: this formula nests more than 256 levels deep"),
        model("100,000 minus signs", generated { "x = " + String(repeating: "-", count: 100_000) + "1" }, exit: 1,
              "model.kalkyl:1:261: error: this formula nests more than 256 levels deep"),
        model("a line of 200,000 terms", generated { "x = " + Array(repeating: "1", count: 200_000).joined(separator: " + ") }, exit: 0,
              stdout: "x,,,,200000", command: ["eval", "--format", "csv"]),
        model("a 200,000-character name", generated { String(repeating: "n", count: 200_000) + " = 1" }, exit: 0,
              stdout: "model.kalkyl: ok — 1 definitions"),
        model("a 10 MB comment line", generated { "# " + String(repeating: "x", count: 10_000_000) + "\nx = 1\n" }, exit: 0,
              stdout: "model.kalkyl: ok — 1 definitions"),
        model("a dimension of 100,000 members on one line", generated {
            "dimension d = " + (0..<100_000).map { "m\($0)" }.joined(separator: ", ") + "\ninput v[d] = 1\ntotal = SUM(v[d])\n"
        }, exit: 0, stdout: "total,,,,100000", command: ["eval", "--format", "csv"]),
        model("a chain of 100,000 definitions", generated {
            "input a0 = 1\n" + (1...100_000).map { "a\($0) = a\($0 - 1) + 1\n" }.joined()
        }, exit: 0, stdout: "model.kalkyl: ok — 100001 definitions", timeout: 300),
        model("a name defined twice", "a = 1\na = 2\n", exit: 1,
              "model.kalkyl:2:1: error: 'a' is defined twice", "model.kalkyl:1:1: note: first defined here"),
        model("a member listed twice", "dimension d = A, A\n", exit: 1, "model.kalkyl:1:18: error: 'A' is listed twice in 'd'"),
        model("a dimension defined twice", "dimension d = A\ndimension d = B\n", exit: 1,
              "model.kalkyl:2:11: error: the dimension 'd' is defined twice"),
        model("a scenario defined twice", "input a = 1\nscenario s \"S\" {\n a = 2\n}\nscenario s \"T\" {\n a = 3\n}\n", exit: 1,
              "model.kalkyl:5:10: error: the scenario 's' is defined twice"),
        // A scenario's `r = 5` for a rate of 2 % made it 500 %, with exit 0 (issue 10).
        model("a scenario's bare 5 for a % rate (5 % or 500 %?)", "input r: % = 2%\nx = r * 100\nscenario s \"S\" {\n r = 5\n}\n", exit: 1,
              "model.kalkyl:4:6: error: '5' for the % input 'r' could be read two ways: as 5 %, or as 500 %, since a number without '%' is a fraction (0.05 is 5 %)",
              "hint: write 5% for 5 per cent, or the fraction, 0.05", "1 error"),
        model("two timelines", "timeline monthly 2021-01 .. 2021-12\ntimeline monthly 2022-01 .. 2022-12\n", exit: 1,
              "model.kalkyl:2:1: error: the model has two timelines", "model.kalkyl:1:1: note: the first is here"),
        model("a circular definition", "a = b\nb = a\n", exit: 1, "model.kalkyl:1:1: error: circular definition: a -> b -> a"),
        model("a definition that reads itself", "a = a + 1\n", exit: 1, "model.kalkyl:1:1: error: circular definition: a -> a"),
        model("a timeline of 10,000 years", "timeline monthly 0001-01 .. 9999-12\n", exit: 1,
              "model.kalkyl:1:18: error: a timeline of more than 200 years is not supported"),
        model("96 billion cells", generated {
            "timeline monthly 2021-01 .. 2021-12\n" + ["a", "b", "c"].map { d in
                "dimension \(d) = " + (0..<2_000).map { "\(d.uppercased())\($0)" }.joined(separator: ", ") + "\n"
            }.joined() + "x[a, b, c, month] = 1\n"
        }, exit: 1, "model.kalkyl:5:2: error: the model is too large to compute: it holds more than 200,000,000 cells, and 'x' alone has 96,000,000,000 (2,000 a × 2,000 b × 2,000 c × 12 periods)"),
        model("a count of cells past Int.max", generated {
            (1...6).map { d in "dimension d\(d) = " + (0..<2_000).map { "D\(d)M\($0)" }.joined(separator: ", ") + "\n" }.joined()
                + "input x[d1, d2, d3, d4, d5, d6] = 1\n"
        }, exit: 1, "model.kalkyl:7:8: error: the model is too large to compute", "alone has 64,000,000,000,000,000,000 (2,000 d1 × "),
        model("many small definitions past the limit", generated {
            "timeline monthly 2021-01 .. 2021-12\ndimension d = " + (0..<10_000).map { "M\($0)" }.joined(separator: ", ") + "\n"
                + (0..<2_000).map { "input x\($0)[d, month] = 1\n" }.joined()
        }, exit: 1, "error: the model is too large to compute: it holds more than 200,000,000 cells, and 'x0' alone has 120,000 (10,000 d × 12 periods)"),
        model("a thousand errors", generated { (0..<1_000).map { "x\($0) = nope\($0)\n" }.joined() }, exit: 1,
              "model.kalkyl:1:6: error: unknown name 'nope0'", "… and 975 more; fix the first ones and run again", "1000 errors"),
        model("an unknown function", "x = SUMM(1)\n", exit: 1, "model.kalkyl:1:5: error: unknown function 'SUMM'", "hint: did you mean SUM?"),
        model("a folder given as the model", .folder, exit: 3, "kalkyl: error: model.kalkyl: is a folder, not a model file"),
        BadInputCase(family: .model, name: "a missing model file", files: [], arguments: ["check", "nothere.kalkyl"], exit: 3,
                     stderr: ["kalkyl: error: nothere.kalkyl: no such file"]),
        BadInputCase(family: .model, name: "an unreadable model file", files: [("model.kalkyl", .unreadable("x = 1\n"))],
                     arguments: ["eval", "model.kalkyl"], exit: 3, stderr: ["kalkyl: error: model.kalkyl: cannot be read"], unprivileged: true),
    ]
}
