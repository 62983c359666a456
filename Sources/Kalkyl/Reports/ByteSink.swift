/// Text written as it is made: UTF-8 bytes gathered in a buffer and handed on a megabyte
/// at a time, so that printing three million values never holds them as one string. The
/// engine never prints: whoever makes the sink says where the bytes go.
public final class ByteSink {
    private var buffer: [UInt8] = []
    private let chunk: Int
    private let flush: ([UInt8]) -> Void

    public init(chunk: Int = 1 << 20, flush: @escaping ([UInt8]) -> Void) {
        self.chunk = chunk
        self.flush = flush
        buffer.reserveCapacity(chunk + 4096)
    }

    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= chunk { drain() }
    }

    func write(_ text: Substring) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= chunk { drain() }
    }

    func write(byte: UInt8) {
        buffer.append(byte)
    }

    /// A whole number in decimal, without making a string of it.
    func write(integer: Int64) {
        guard integer != 0 else { buffer.append(UInt8(ascii: "0")); return }
        if integer < 0 { buffer.append(UInt8(ascii: "-")) }
        var magnitude = integer.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)   // 24 bytes: room for 20 digits
        var count = 0
        withUnsafeMutableBytes(of: &digits) { bytes in
            while magnitude > 0 {
                bytes[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
            for i in stride(from: count - 1, through: 0, by: -1) { buffer.append(bytes[i]) }
        }
    }

    /// `count` spaces.
    func write(spaces count: Int) {
        for _ in 0..<max(0, count) { buffer.append(UInt8(ascii: " ")) }
    }

    /// Hands on what is left.
    public func finish() { drain() }

    private func drain() {
        guard !buffer.isEmpty else { return }
        flush(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
