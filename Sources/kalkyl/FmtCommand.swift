import ArgumentParser
import Foundation
import Kalkyl
import KalkylXLSX

/// `kalkyl fmt FILE... [--check]`: rewrite model files in the canonical layout.
struct FmtCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt",
        abstract: "Rewrite model files in the one canonical layout (spacing, aligned '=', comments kept).",
        discussion: """
        Each file is rewritten in place when its layout changes. With --check nothing is written:
        the files that would change are listed and the exit code is 1. A file with syntax errors
        is left as it is and its errors are reported (exit 1). FILE '-' reads standard input and
        writes the formatted model to standard output.
        """
    )

    @ArgumentParser.Argument(help: "Model files (formulas/*.kalkyl), or - for standard input.")
    var files: [String]

    @Flag(help: "Write nothing; list the files whose layout would change and exit 1 if there are any.")
    var check = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one model file, as in: kalkyl fmt formulas/model.kalkyl") }
    }

    func run() throws {
        var worst: Int32 = 0
        var unformatted: [String] = []
        for path in files {
            let original: String
            do {
                original = try readText(path)
            } catch {
                printError("kalkyl fmt: error: \(path): \(error.reason)\n")
                worst = max(worst, 3)
                continue
            }
            switch ModelFormatter.format(text: original, path: path == "-" ? "<stdin>" : path) {
            case .failure(let error):
                report(error.diagnostics)
                worst = max(worst, 1)
            case .success(let formatted):
                if path == "-" {
                    if check { if formatted != original { unformatted.append(path) } } else { print(formatted, terminator: "") }
                } else if formatted != original {
                    if check {
                        unformatted.append(path)
                    } else if !write(formatted, to: path) {
                        worst = max(worst, 3)
                    }
                }
            }
        }
        if !unformatted.isEmpty {
            for path in unformatted { print("\(path): not in the canonical layout") }
            printError("kalkyl fmt: \(unformatted.count) file\(unformatted.count == 1 ? "" : "s") would change; run kalkyl fmt on \(unformatted.count == 1 ? "it" : "them")\n")
            worst = max(worst, 1)
        }
        if worst != 0 { throw ExitCode(worst) }
    }

    /// The file's text, or standard input's for `-`; a file that is not UTF-8 text is not a
    /// model. Files are read as every command reads them (`DiskSources`: no devices, nothing
    /// past the size limit); standard input up to the same limit.
    func readText(_ path: String) throws(Unreadable) -> String {
        var bytes: [UInt8]
        if path == "-" {
            bytes = []
            while let chunk = try? FileHandle.standardInput.read(upToCount: 1 << 20), !chunk.isEmpty {
                bytes += chunk
                if bytes.count > DiskSources.sizeLimit { throw Unreadable(reason: SourceReadError.tooLarge(bytes.count).reason(kind: "model file")) }
            }
        } else {
            do {
                bytes = try DiskSources().contents(of: path)
            } catch {
                throw Unreadable(reason: error.reason(kind: "model file"))
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Unreadable(reason: "is not UTF-8 text; model files are plain UTF-8 text")
        }
        guard !bytes.contains(0) else { throw Unreadable(reason: "is not a text file: it holds the byte 0x00; model files are plain UTF-8 text") }
        return text
    }

    /// Replaces the file at once, so an interrupted run never leaves half a model. A model that
    /// is a symbolic link is written where it lives: replacing the link by a formatted copy left
    /// the real model unformatted, the two drifting apart (red team, session 19, hunt19/t05).
    func write(_ text: String, to path: String) -> Bool {
        do {
            let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            try AtomicFile.write(to: target) { temporary in try Data(text.utf8).write(to: URL(fileURLWithPath: temporary)) }
            return true
        } catch {
            printError("kalkyl fmt: error: \(path): cannot be written\n")
            return false
        }
    }
}

/// Why a file could not be read as a model's text.
struct Unreadable: Error {
    var reason: String
}
