import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A running `kalkyl watch`, its output read as it comes.
final class WatchProcess: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var output = Data()

    /// Starts `kalkyl watch path options`, in `folder` if one is given.
    init(_ path: String, _ options: [String] = [], in folder: URL? = nil) throws {
        process.executableURL = URL(fileURLWithPath: KalkylBinary.path)
        process.arguments = ["watch", path] + options
        if let folder { process.currentDirectoryURL = folder }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self else { return }
            self.lock.lock(); self.output.append(data); self.lock.unlock()
        }
        try process.run()
    }

    var text: String {
        lock.lock(); defer { lock.unlock() }
        return String(decoding: output, as: UTF8.self)
    }

    /// Waits until the output holds `needle` (`times` times) (true) or `seconds` have passed (false).
    func waitFor(_ needle: String, times: Int = 1, seconds: Double = 20) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if count(needle) >= times { return true }
            usleep(20_000)
        }
        return count(needle) >= times
    }

    /// How many times the output holds `needle`.
    func count(_ needle: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// Stops watch and returns all it printed.
    func stop() -> String {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        usleep(50_000)
        return text
    }
}

/// A flag set once, read from another thread.
final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    func set() { lock.lock(); value = true; lock.unlock() }
}
