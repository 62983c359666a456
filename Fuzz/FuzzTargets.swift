// libFuzzer entry points, compiled together with Sources/Kalkyl by scripts/fuzz.sh (not a
// SwiftPM target: libFuzzer brings its own main). One binary per target; FUZZ_TARGET picks it.
// Each target must never crash, trap, hang or read out of bounds, whatever the bytes.

#if FUZZ_PARSER
/// The lexer and parser: a model file's bytes, decoded as `kalkyl` decodes them.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = SourceText(bytes: Array(UnsafeBufferPointer(start: data, count: size)), path: "fuzz.kalkyl", as: .model)
    _ = Parser.parse(text.file)
    return 0
}
#elseif FUZZ_CHECK
/// Parsing and checking, with no disk: data files the model names are not found.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = SourceText(bytes: Array(UnsafeBufferPointer(start: data, count: size)), path: "fuzz.kalkyl", as: .model)
    guard text.problem == nil else { return 0 }
    _ = ModelLoader.load(source: text.file, sources: MemorySources([:], fallback: nil))
    return 0
}
#elseif FUZZ_CSV
/// The CSV reader: a data file's bytes, every encoding, separator and quoting.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let table = DataTable.parse(bytes: Array(UnsafeBufferPointer(start: data, count: size)), path: "fuzz.csv")
    for row in 0..<min(table.rowCount, 64) where !table.header.isEmpty {
        _ = table.trimmedText(row, 0)
    }
    return 0
}
#elseif FUZZ_SIE
/// The SIE reader.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = SIEFile(bytes: Array(UnsafeBufferPointer(start: data, count: size)), path: "fuzz.se")
    return 0
}
#endif
