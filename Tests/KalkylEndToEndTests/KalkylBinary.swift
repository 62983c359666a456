import Foundation
import Testing

/// Runs the real `kalkyl` binary, as a user or a script would.
struct KalkylBinary {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    struct Run {
        /// The exit code; -1 when the run was killed for taking too long.
        var status: Int32
        /// Whether it ended by a signal (a crash), not by exiting.
        var crashed = false
        var stdout: String
        var stderr: String
    }

    static var path: String {
        for configuration in ["debug", "release"] {
            let candidate = root.appendingPathComponent(".build/\(configuration)/kalkyl").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return root.appendingPathComponent(".build/debug/kalkyl").path
    }

    /// Runs kalkyl with a time limit; a run past it is killed and reported as status -1.
    ///
    /// - `directory`: the working folder (the repository's root by default), so a test can name
    ///   its files by relative paths and pin diagnostics as a user sees them (`model.kalkyl:3:5`).
    /// - `stdin`: bytes on standard input (none by default).
    /// - `prefix`: a program and its arguments that run kalkyl (`["setpriv", "--reuid=65534", …]`,
    ///   `["sh", "-c", "ulimit -f 64; exec \"$0\" \"$@\""]`).
    /// - `interruptAfter`: send `signal` (SIGINT, as Ctrl-C does) this long after the start;
    ///   `interruptWhen`: send it as soon as this holds (polled every 10 ms).
    static func run(_ arguments: [String], in directory: URL? = nil, stdin: Data? = nil, prefix: [String] = [],
                    environment: [String: String] = [:], interruptAfter: TimeInterval? = nil, signal: Int32 = SIGINT,
                    timeout: TimeInterval = 60, interruptWhen: (() -> Bool)? = nil) throws -> Run {
        #expect(FileManager.default.isExecutableFile(atPath: path), "build kalkyl first: swift build (make test does)")
        let process = Process()
        if prefix.isEmpty {
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = prefix + [path] + arguments
        }
        process.currentDirectoryURL = directory ?? root
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = stdin.map { _ in Pipe() }
        process.standardInput = input ?? FileHandle.nullDevice
        try process.run()
        if let input, let stdin {
            DispatchQueue.global().async {
                try? input.fileHandleForWriting.write(contentsOf: stdin)
                try? input.fileHandleForWriting.close()
            }
        }
        // Read both pipes while the process runs, so a large output cannot block it.
        nonisolated(unsafe) var outData = Data(), errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let started = Date()
        let deadline = started.addingTimeInterval(timeout)
        var interrupted = false
        while process.isRunning && Date() < deadline {
            if !interrupted, interruptAfter.map({ Date() >= started.addingTimeInterval($0) }) ?? false || interruptWhen?() ?? false {
                kill(process.processIdentifier, signal)
                interrupted = true
            }
            usleep(10_000)
        }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            group.wait()
            return Run(status: -1, stdout: String(decoding: outData, as: UTF8.self), stderr: "timed out")
        }
        process.waitUntilExit()
        group.wait()
        return Run(status: process.terminationStatus, crashed: process.terminationReason == .uncaughtSignal,
                   stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs kalkyl with a string on standard input.
    static func run(_ arguments: [String], stdin: String, timeout: TimeInterval = 60) throws -> Run {
        try run(arguments, stdin: Data(stdin.utf8), timeout: timeout)
    }

    /// A temporary model file with these bytes.
    static func temporaryModel(_ bytes: Data, name: String = "model.kalkyl") throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kalkyl-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name)
        try bytes.write(to: file)
        return file.path
    }

    static func temporaryModel(_ text: String, name: String = "model.kalkyl") throws -> String {
        try temporaryModel(Data(text.utf8), name: name)
    }
}
