import Foundation

/// Changes some entries of a zip file written by libxlsxwriter (through minizip): every other
/// entry is copied as it was, compressed bytes and all, in the same order with the same times.
///
/// It reads only what minizip writes for a workbook: no encryption, no zip64 (a workbook over
/// 4 GB), deflated or stored entries, one disk. Anything else is refused, never guessed at.
enum ZipRewrite {
    /// Rewrites the zip at `path`: for each entry whose name `change` returns a function for, the
    /// entry's bytes become what that function makes of them. The file is written over in place:
    /// ``XLSXWorkbook/write(to:properties:_:)`` does this to its temporary file, before the rename
    /// that makes the workbook appear whole.
    static func rewrite(_ path: String, change: (_ name: String) -> ((inout [UInt8]) throws -> Void)?) throws {
        let operation = "give the cached results their types in \(path)"
        let url = URL(fileURLWithPath: path)
        let bytes: [UInt8]
        do { bytes = [UInt8](try Data(contentsOf: url)) } catch {
            throw XLSXError(.file, operation: operation, message: "could not read the file back: \(error.localizedDescription)")
        }
        let entries = try Entry.centralDirectory(of: bytes, operation)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 1024)
        var directory: [UInt8] = []
        for var entry in entries {
            let data = try entry.storedBytes(in: bytes, operation)
            let offset = output.count
            var stored = Array(data)
            if let transform = change(entry.name) {
                var plain = entry.method == 8
                    ? try RawDeflate.inflate(data, expectedSize: Int(entry.size), operation)
                    : Array(data)
                guard RawDeflate.crc32(plain) == entry.crc else {
                    throw XLSXError(.library(.zipBadZipFile), operation: operation, message: "\(entry.name) fails its CRC")
                }
                try transform(&plain)
                stored = try RawDeflate.deflate(plain, operation)
                entry.method = 8
                entry.crc = RawDeflate.crc32(plain)
                entry.size = try Self.fits(plain.count, operation)
                entry.compressedSize = try Self.fits(stored.count, operation)
            }
            entry.appendLocalHeader(to: &output)
            output += stored
            entry.appendDirectoryHeader(to: &directory, localOffset: try Self.fits(offset, operation))
        }
        let directoryOffset = try Self.fits(output.count, operation)
        output += directory
        output.appendLittleEndian(UInt32(0x0605_4b50))
        output.appendLittleEndian(UInt16(0))                 // this disk
        output.appendLittleEndian(UInt16(0))                 // the disk the directory starts on
        output.appendLittleEndian(UInt16(entries.count))     // entries on this disk
        output.appendLittleEndian(UInt16(entries.count))     // entries in all
        output.appendLittleEndian(try Self.fits(directory.count, operation))
        output.appendLittleEndian(directoryOffset)
        output.appendLittleEndian(UInt16(0))                 // no comment
        do { try Data(output).write(to: url) } catch {
            throw XLSXError(.file, operation: operation, message: "could not write the file: \(error.localizedDescription)")
        }
    }

    private static func fits(_ value: Int, _ operation: String) throws -> UInt32 {
        guard let small = UInt32(exactly: value), small != .max else {
            throw XLSXError.invalid(operation, "the workbook would pass 4 GB, which needs zip64")
        }
        return small
    }

    /// One file in the zip, as its central directory describes it.
    struct Entry {
        var name: String
        var nameBytes: ArraySlice<UInt8>
        var flags: UInt16
        var method: UInt16
        var time: UInt16
        var date: UInt16
        var crc: UInt32
        var compressedSize: UInt32
        var size: UInt32
        var externalAttributes: UInt32
        var localOffset: Int

        static func centralDirectory(of bytes: [UInt8], _ operation: String) throws -> [Entry] {
            func bad(_ why: String) -> XLSXError {
                XLSXError(.library(.zipBadZipFile), operation: operation, message: why)
            }
            // The end record is the last 22 bytes: minizip writes no archive comment.
            let end = bytes.count - 22
            guard end >= 0, bytes.littleEndian(UInt32.self, at: end) == 0x0605_4b50 else {
                throw bad("no end of central directory where minizip puts it")
            }
            guard bytes.littleEndian(UInt16.self, at: end + 4) == 0, bytes.littleEndian(UInt16.self, at: end + 6) == 0 else {
                throw bad("a zip over several disks")
            }
            let count = Int(bytes.littleEndian(UInt16.self, at: end + 10))
            var at = Int(bytes.littleEndian(UInt32.self, at: end + 16))
            var entries: [Entry] = []
            for _ in 0..<count {
                guard at + 46 <= end, bytes.littleEndian(UInt32.self, at: at) == 0x0201_4b50 else {
                    throw bad("a central directory entry is not where the directory says")
                }
                let nameLength = Int(bytes.littleEndian(UInt16.self, at: at + 28))
                let extraLength = Int(bytes.littleEndian(UInt16.self, at: at + 30))
                let commentLength = Int(bytes.littleEndian(UInt16.self, at: at + 32))
                guard at + 46 + nameLength <= end else { throw bad("an entry's name runs past the directory") }
                let nameBytes = bytes[(at + 46)..<(at + 46 + nameLength)]
                let entry = Entry(
                    name: String(decoding: nameBytes, as: UTF8.self), nameBytes: nameBytes,
                    flags: bytes.littleEndian(UInt16.self, at: at + 8),
                    method: bytes.littleEndian(UInt16.self, at: at + 10),
                    time: bytes.littleEndian(UInt16.self, at: at + 12),
                    date: bytes.littleEndian(UInt16.self, at: at + 14),
                    crc: bytes.littleEndian(UInt32.self, at: at + 16),
                    compressedSize: bytes.littleEndian(UInt32.self, at: at + 20),
                    size: bytes.littleEndian(UInt32.self, at: at + 24),
                    externalAttributes: bytes.littleEndian(UInt32.self, at: at + 38),
                    localOffset: Int(bytes.littleEndian(UInt32.self, at: at + 42)))
                guard entry.flags & 1 == 0 else { throw bad("\(entry.name) is encrypted") }
                guard entry.method == 0 || entry.method == 8 else { throw bad("\(entry.name) uses compression method \(entry.method)") }
                guard entry.compressedSize != .max, entry.size != .max, entry.localOffset != Int(UInt32.max) else {
                    throw bad("\(entry.name) is a zip64 entry")
                }
                entries.append(entry)
                at += 46 + nameLength + extraLength + commentLength
            }
            return entries
        }

        /// The entry's bytes as stored (compressed), found through its local header.
        func storedBytes(in bytes: [UInt8], _ operation: String) throws -> ArraySlice<UInt8> {
            let at = localOffset
            guard at + 30 <= bytes.count, bytes.littleEndian(UInt32.self, at: at) == 0x0403_4b50 else {
                throw XLSXError(.library(.zipBadZipFile), operation: operation, message: "\(name) has no local header where the directory says")
            }
            let start = at + 30 + Int(bytes.littleEndian(UInt16.self, at: at + 26)) + Int(bytes.littleEndian(UInt16.self, at: at + 28))
            guard start + Int(compressedSize) <= bytes.count else {
                throw XLSXError(.library(.zipBadZipFile), operation: operation, message: "\(name) runs past the end of the file")
            }
            return bytes[start..<(start + Int(compressedSize))]
        }

        /// The sizes and CRC go in the header itself (no data descriptor after the bytes), with
        /// no extra fields, as minizip writes them for a workbook.
        private var headerFlags: UInt16 { flags & ~0x0008 }

        func appendLocalHeader(to out: inout [UInt8]) {
            out.appendLittleEndian(UInt32(0x0403_4b50))
            out.appendLittleEndian(UInt16(20))                // version needed: 2.0 (deflate)
            appendCommonFields(to: &out)
            out.appendLittleEndian(UInt16(0))                 // no extra field
            out += nameBytes
        }

        func appendDirectoryHeader(to out: inout [UInt8], localOffset: UInt32) {
            out.appendLittleEndian(UInt32(0x0201_4b50))
            out.appendLittleEndian(UInt16(0))                 // made by: MS-DOS, as minizip says
            out.appendLittleEndian(UInt16(20))
            appendCommonFields(to: &out)
            out.appendLittleEndian(UInt16(0))                 // no extra field
            out.appendLittleEndian(UInt16(0))                 // no comment
            out.appendLittleEndian(UInt16(0))                 // disk
            out.appendLittleEndian(UInt16(0))                 // internal attributes
            out.appendLittleEndian(externalAttributes)
            out.appendLittleEndian(localOffset)
            out += nameBytes
        }

        /// Flags through the name's length: the part both headers share.
        private func appendCommonFields(to out: inout [UInt8]) {
            out.appendLittleEndian(headerFlags)
            out.appendLittleEndian(method)
            out.appendLittleEndian(time)
            out.appendLittleEndian(date)
            out.appendLittleEndian(crc)
            out.appendLittleEndian(compressedSize)
            out.appendLittleEndian(size)
            out.appendLittleEndian(UInt16(nameBytes.count))
        }
    }
}

private extension [UInt8] {
    func littleEndian<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> T {
        var value: T = 0
        for k in 0..<MemoryLayout<T>.size where offset + k < count {
            value |= T(self[offset + k]) << (8 * k)
        }
        return value
    }

    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        for k in 0..<MemoryLayout<T>.size { append(UInt8(truncatingIfNeeded: value >> (8 * k))) }
    }
}
