// libFuzzer's entry point, linked with the Kalkyl and KalkylXLSX modules and the shared harness
// (Tests/KalkylXLSXTests/Fuzz/FuzzHarness.swift) by scripts/fuzz.sh; not a SwiftPM target, since
// libFuzzer brings its own main. One binary serves every target: KALKYL_FUZZ_TARGET picks one,
// KALKYL_FUZZ_ROOT is the repository (its examples are the data files and the layout's model).

import Foundation

let fuzzContext: FuzzContext = {
    let environment = ProcessInfo.processInfo.environment
    guard let name = environment["KALKYL_FUZZ_TARGET"], let target = FuzzTarget(rawValue: name) else {
        fatalError("set KALKYL_FUZZ_TARGET to one of \(FuzzTarget.allCases.map(\.rawValue))")
    }
    return FuzzContext(target: target, root: environment["KALKYL_FUZZ_ROOT"] ?? FileManager.default.currentDirectoryPath)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzContext.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
