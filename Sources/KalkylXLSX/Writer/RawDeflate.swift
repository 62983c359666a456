internal import CZlib

/// Raw deflate (RFC 1951, as a zip entry holds it) and the zip's CRC-32, through zlib.
enum RawDeflate {
    /// The bytes of a deflated zip entry, inflated; `expectedSize` is the size the zip's directory
    /// gives, checked against what comes out.
    static func inflate(_ compressed: ArraySlice<UInt8>, expectedSize: Int, _ operation: String) throws -> [UInt8] {
        var stream = z_stream()
        guard kalkyl_inflate_init_raw(&stream) == Z_OK else { throw failure(operation, "zlib could not start inflating") }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: expectedSize)
        var input = Array(compressed)
        let status: Int32 = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                return CZlib.inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END, Int(stream.total_out) == expectedSize else {
            throw failure(operation, "the entry does not inflate to its \(expectedSize) bytes (zlib status \(status))")
        }
        return output
    }

    /// `bytes` deflated at zlib's default level: the same bytes give the same output every time.
    static func deflate(_ bytes: [UInt8], _ operation: String) throws -> [UInt8] {
        var stream = z_stream()
        guard kalkyl_deflate_init_raw(&stream, Z_DEFAULT_COMPRESSION) == Z_OK else {
            throw failure(operation, "zlib could not start deflating")
        }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))))
        var input = bytes
        let status: Int32 = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                return CZlib.deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw failure(operation, "zlib could not deflate (status \(status))") }
        output.removeSubrange(Int(stream.total_out)...)
        return output
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in
            UInt32(CZlib.crc32(0, buffer.baseAddress, uInt(buffer.count)))
        }
    }

    private static func failure(_ operation: String, _ message: String) -> XLSXError {
        XLSXError(.library(.zipBadZipFile), operation: operation, message: message)
    }
}
