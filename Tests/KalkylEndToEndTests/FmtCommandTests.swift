import Foundation
import Testing

/// `kalkyl fmt` on the real binary: rewriting, `--check` for CI, and files it must refuse.
@Suite struct FmtCommandTests {
    /// CI's check: every example model is in the canonical layout. When this fails after an edit
    /// of a model, run `kalkyl fmt formulas/NAME.kalkyl` and commit the result.
    @Test func everyExampleModelIsFormatted() throws {
        let folder = KalkylBinary.root.appendingPathComponent("formulas")
        let models = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".kalkyl") }.sorted().map { "formulas/" + $0 }
        #expect(models.count >= 3)
        let run = try KalkylBinary.run(["fmt", "--check"] + models)
        #expect(run.status == 0, "run kalkyl fmt on these:\n\(run.stdout)\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func rewritesAFileInPlaceAndCheckListsItFirst() throws {
        let path = try KalkylBinary.temporaryModel("model \"m\"\ninput a=1 # one\ninput long_name=2\nb=a+long_name\n")
        let check = try KalkylBinary.run(["fmt", "--check", path])
        #expect(check.status == 1)
        #expect(check.stdout == "\(path): not in the canonical layout\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "model \"m\"\ninput a=1 # one\ninput long_name=2\nb=a+long_name\n",
                "--check writes nothing")
        let run = try KalkylBinary.run(["fmt", path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try String(contentsOfFile: path, encoding: .utf8)
                == "model \"m\"\ninput a         = 1  # one\ninput long_name = 2\nb               = a + long_name\n")
        #expect(try KalkylBinary.run(["fmt", "--check", path]).status == 0)
    }

    @Test func aFileWithSyntaxErrorsIsReportedAndLeftAlone() throws {
        let text = "model \"m\"\nx = (1 +\n"
        let path = try KalkylBinary.temporaryModel(text)
        let run = try KalkylBinary.run(["fmt", path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("\(path):") && run.stderr.contains(": error: "), "\(run.stderr)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
    }

    @Test func aMissingFileExitsThreeAndNoFileIsWrongUsage() throws {
        let run = try KalkylBinary.run(["fmt", "formulas/no-such-model.kalkyl"])
        #expect(run.status == 3)
        #expect(run.stderr.contains("no-such-model.kalkyl: no such file"))
        #expect(try KalkylBinary.run(["fmt"]).status == 2)
    }

    /// A model that is a symbolic link (into a shared folder) is formatted where it lives: the
    /// link was replaced by a formatted copy, the real model left as it was, and from then on
    /// the two drifted apart (red team, session 19, hunt19/t05).
    @Test func aSymbolicLinkIsFollowedNotReplaced() throws {
        let real = try KalkylBinary.temporaryModel("model \"m\"\ninput  a=1\n")
        let link = real + "-link.kalkyl"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        defer { try? FileManager.default.removeItem(atPath: link) }
        let run = try KalkylBinary.run(["fmt", link])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == real, "still a link")
        #expect(try String(contentsOfFile: real, encoding: .utf8) == "model \"m\"\ninput a = 1\n")
    }
}
