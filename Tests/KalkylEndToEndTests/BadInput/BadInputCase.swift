import Foundation
import Testing

/// One entry of the bad-input catalogue (docs/reliability.md): files written into a fresh
/// folder, one `kalkyl` command run there as a user would, and what it must give: its exit code
/// (docs/cli.md), the diagnostic as the user reads it (`model.kalkyl:3:5: error: …`), and a
/// folder in which nothing was left half-written (only `writes` may be new or changed).
struct BadInputCase: Sendable, CustomTestStringConvertible {
    enum Family: String, Sendable, CaseIterable {
        case model, data, layout, sie = "SIE", commandLine = "command line", export
    }

    /// What a file in the case's folder holds.
    enum Content: Sendable {
        case text(String)
        case bytes([UInt8])
        /// Made when the case runs, so the catalogue does not hold a million members in memory.
        case generated(@Sendable () -> [UInt8])
        /// A folder where a file is expected.
        case folder
        /// A file nobody may read (mode 000; the command runs as another user when the tests run as root).
        case unreadable(String)
        /// A symbolic link to this target.
        case link(String)
        /// A file of this many bytes that takes no disk (a hole): for size limits.
        case sparse(Int)
    }

    var family: Family
    var name: String
    var files: [(path: String, content: Content)]
    var arguments: [String]
    var exit: Int32
    /// Texts stderr must contain, in this order.
    var stderr: [String]
    /// Texts stderr must not contain (advice that does not fit the case).
    var stderrLacks: [String] = []
    /// A text stdout must contain.
    var stdout: String? = nil
    /// Files the command may create or change (what a successful run writes).
    var writes: Set<String> = []
    var stdin: [UInt8]? = nil
    /// A program and its arguments that run kalkyl (a file-size limit, say).
    var prefix: [String] = []
    /// Run as an unprivileged user when the tests run as root, so that file modes hold.
    var unprivileged = false
    /// The folder itself is read-only for the command.
    var readOnlyFolder = false
    /// A tiny file system mounted at this folder inside the case's folder: a full disk.
    var fullDisk: String? = nil
    var interruptAfter: TimeInterval? = nil
    /// Send SIGINT as soon as a file whose name starts so appears in the folder.
    var interruptWhenAppears: String? = nil
    var timeout: TimeInterval = 120

    var testDescription: String { "\(family.rawValue): \(name)" }
}

/// Runs catalogue entries.
enum BadInputRunner {
    static var isRoot: Bool { geteuid() == 0 }

    /// `setpriv` to the user nobody, when the tests run as root (where mode 000 does not stop a read).
    static var asNobody: [String] {
        isRoot ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
    }

    /// Runs `c` and checks everything it pins; returns the run for further checks.
    @discardableResult
    static func run(_ c: BadInputCase, sourceLocation: SourceLocation = #_sourceLocation) throws -> KalkylBinary.Run? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kalkyl-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var mounted: URL?
        defer {
            if let mounted { _ = shell("umount", mounted.path) }
            _ = shell("chmod", "-R", "u+rwX", folder.path)
            try? FileManager.default.removeItem(at: folder)
        }
        if let disk = c.fullDisk {
            let point = folder.appendingPathComponent(disk)
            try FileManager.default.createDirectory(at: point, withIntermediateDirectories: true)
            // A 64 KiB tmpfs: mounting needs root; elsewhere the case cannot be made and is skipped.
            guard isRoot, shell("mount", "-t", "tmpfs", "-o", "size=64k,mode=0777", "tmpfs", point.path) == 0 else {
                print("bad-input case '\(c.name)' skipped: cannot mount a tmpfs here")
                return nil
            }
            mounted = point
        }
        for (path, content) in c.files { try write(content, at: folder.appendingPathComponent(path)) }
        if c.readOnlyFolder { chmod(folder.path, 0o555) }
        let before = snapshot(folder)

        let prefix = (c.unprivileged || c.readOnlyFolder ? asNobody : []) + c.prefix
        let appears = c.interruptWhenAppears.map { prefix in
            { ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).contains { $0.hasPrefix(prefix) } }
        }
        let run = try KalkylBinary.run(c.arguments, in: folder, stdin: c.stdin.map { Data($0) }, prefix: prefix,
                                       interruptAfter: c.interruptAfter, timeout: c.timeout, interruptWhen: appears)
        chmod(folder.path, 0o755)
        let after = snapshot(folder)

        #expect(!run.crashed, "\(c.name): crashed: \(run.stderr.prefix(400))", sourceLocation: sourceLocation)
        #expect(run.status == c.exit, "\(c.name): exit \(run.status), not \(c.exit): \(run.stderr.prefix(600))", sourceLocation: sourceLocation)
        var rest = Substring(run.stderr)
        for text in c.stderr {
            guard let found = rest.range(of: text) else {
                Issue.record("\(c.name): stderr lacks \(text.debugDescription); it is:\n\(run.stderr.prefix(1500))", sourceLocation: sourceLocation)
                break
            }
            rest = rest[found.upperBound...]
        }
        for text in c.stderrLacks {
            #expect(!run.stderr.contains(text), "\(c.name): stderr has \(text.debugDescription): \(run.stderr.prefix(600))",
                    sourceLocation: sourceLocation)
        }
        if let stdout = c.stdout {
            #expect(run.stdout.contains(stdout), "\(c.name): stdout lacks \(stdout.debugDescription): \(run.stdout.prefix(600))",
                    sourceLocation: sourceLocation)
        }
        #expect(run.stderr.split(separator: "\n").count < 200, "\(c.name): a screenful of errors, not a flood", sourceLocation: sourceLocation)
        // Nothing half-written: every file as it was, none new (no temporary file left behind),
        // except what a successful run writes.
        for (path, stamp) in after where before[path] != stamp && !c.writes.contains(path) {
            Issue.record("\(c.name): \(path) was \(before[path] == nil ? "left behind" : "changed")", sourceLocation: sourceLocation)
        }
        for path in before.keys where after[path] == nil && !c.writes.contains(path) {
            Issue.record("\(c.name): \(path) was removed", sourceLocation: sourceLocation)
        }
        return run
    }

    static func write(_ content: BadInputCase.Content, at url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        switch content {
        case .text(let text): try Data(text.utf8).write(to: url)
        case .bytes(let bytes): try Data(bytes).write(to: url)
        case .generated(let make): try Data(make()).write(to: url)
        case .folder: try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        case .unreadable(let text):
            try Data(text.utf8).write(to: url)
            chmod(url.path, 0)
        case .link(let target): try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
        case .sparse(let size):
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
            _ = truncate(url.path, off_t(size))
        }
    }

    /// Every entry under `folder` (hidden ones too) with its kind, size and content digest.
    static func snapshot(_ folder: URL) -> [String: String] {
        var out: [String: String] = [:]
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return out }
        while let path = walker.nextObject() as? String {
            let full = folder.appendingPathComponent(path).path
            var info = stat()
            guard lstat(full, &info) == 0 else { continue }
            let kind = info.st_mode & S_IFMT
            if kind == S_IFREG {
                out[path] = "file \(info.st_size) \(digest(full, size: Int(info.st_size)))"
            } else {
                out[path] = kind == S_IFDIR ? "folder" : "other \(kind)"
            }
        }
        return out
    }

    /// A cheap fingerprint of a file's bytes (all of a small file; the start and end of a large one).
    static func digest(_ path: String, size: Int) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "unreadable" }
        defer { try? handle.close() }
        var bytes = (try? handle.read(upToCount: 1 << 20)) ?? Data()
        if size > 2 << 20 {
            try? handle.seek(toOffset: UInt64(size - (1 << 20)))
            bytes += (try? handle.readToEnd()) ?? Data()
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }

    /// Runs a program; its exit status.
    @discardableResult
    static func shell(_ arguments: String...) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }
}
