// swift-tools-version: 6.0
import PackageDescription

// A release binary on Linux carries the parts of the Swift runtime and Foundation it uses
// instead of loading their shared libraries: a process starts in less time and keeps about
// 5 MB less resident, a good part of a cold start's fixed cost (docs/performance.md,
// "Loading"). The sources are compiled as for a dynamic runtime, so the libraries that a
// static runtime's modules would name are named here, in one group so their order does not
// matter. Debug builds and the tests link dynamically, as before.
//
// They are linked by lld with relative relocations packed (DT_RELR, glibc 2.36): a position-
// independent binary of this size has 81,000 of them, 1.9 MB of `.rela.dyn` that the loader
// read in and walked at every start, where the packed form is 16 KB. The binary stays
// position-independent (its address still randomised); 2.6 MB less is resident at start.
let staticRuntimeLibraries = [
    "Foundation", "FoundationEssentials", "FoundationInternationalization", "_FoundationICU", "_FoundationCShims",
    "_FoundationCollections", "CoreFoundation", "swiftSynchronization", "swiftDispatch", "dispatch", "BlocksRuntime",
    "swift_RegexParser", "swift_StringProcessing", "swift_Concurrency", "swiftCore",
]
//
// The functions a cold start runs (scripts/startup-order.txt, which scripts/startup-order.sh
// writes from callgrind) are laid out together at the front of the code: a start then touches
// about 1.4 MB of adjacent code instead of pages spread over all 18 MB, and the cold start's
// peak resident set is 4 MB lower (docs/performance.md, "Cold start"). A name the list has and
// the binary no longer has is skipped.
let startupOrder = ["-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/scripts/startup-order.txt",
                    "-Xlinker", "--no-warn-symbol-ordering"]
let staticRuntimeInRelease: [LinkerSetting] = [
    .unsafeFlags(["-static-stdlib", "-Xlinker", "--start-group"] + staticRuntimeLibraries.flatMap { ["-Xlinker", "-l" + $0] } + ["-Xlinker", "--end-group"]
                     + ["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"] + startupOrder,
                 .when(platforms: [.linux], configuration: .release)),
]

let package = Package(
    name: "Kalkyl",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Kalkyl", targets: ["Kalkyl"]),
        .executable(name: "kalkyl", targets: ["kalkyl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // The engine: text → tokens → tree → checked model → values. Pure Swift, no printing.
        .target(name: "Kalkyl", dependencies: ["CMalloc"]),
        // glibc's malloc.h, for what the heap holds free (`MachineMemory.left`); no code of its own.
        .systemLibrary(name: "CMalloc"),
        // The language server's analyses (what to show for a position) and its LSP messages;
        // the command line owns the stdio loop (`kalkyl lsp`).
        .target(name: "KalkylLanguageServer", dependencies: ["Kalkyl", "KalkylXLSX"]),
        // The command line: argument parsing, output formatting, exit codes.
        .executableTarget(
            name: "kalkyl",
            dependencies: [
                "Kalkyl",
                "KalkylXLSX",
                "KalkylLanguageServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: staticRuntimeInRelease
        ),
        .testTarget(
            name: "KalkylTests",
            dependencies: ["Kalkyl"],
            exclude: ["Examples/division_followup_2024.py"],   // run by DivisionFollowupTests
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "KalkylLanguageServerTests",
            dependencies: ["KalkylLanguageServer"]
        ),
        .testTarget(
            name: "KalkylEndToEndTests",
            dependencies: ["Kalkyl"],
            exclude: ["Golden"]   // read from the source tree by GoldenOutputTests
        ),

        // libxlsxwriter from Debian (libxlsxwriter-dev): its header, and a forwarder for each
        // function the wrapper calls, which opens the library with dlopen at the first workbook
        // (XLSXWriterLoader.c), so that no other command loads it or the libcrypto it brings.
        // With zlib, the only C in the package. Its debug information is DWARF 4, which valgrind
        // (scripts/valgrind-xlsx.sh) reads; clang's default, 5, stops valgrind 3.19 at start.
        .target(name: "CXlsxWriter", cSettings: [.unsafeFlags(["-gdwarf-4"])]),
        // zlib, to reopen the zip libxlsxwriter wrote: cached truth values and errors get their
        // types (Writer/CachedResultTypes.swift). libxlsxwriter links it already.
        .systemLibrary(
            name: "CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // The workbook side: a safe wrapper over libxlsxwriter (Writer/); the only target that sees C.
        .target(name: "KalkylXLSX", dependencies: ["Kalkyl", "CXlsxWriter", "CZlib"]),
        .testTarget(
            name: "KalkylXLSXTests",
            dependencies: ["KalkylXLSX"]
        ),
        // The personnel benchmark of docs/performance.md.
        .executableTarget(
            name: "kalkyl-bench",
            dependencies: ["Kalkyl"],
            path: "Benchmarks/PersonnelBenchmark",
            linkerSettings: staticRuntimeInRelease
        ),
    ],
    swiftLanguageModes: [.v6]
)
