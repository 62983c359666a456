#!/bin/sh
# Runs the libxlsxwriter wrapper (Sources/KalkylXLSX/Writer) under valgrind: successful writes,
# failing closes, abandoned workbooks, handles used after close and every refused argument must
# leave no leak and no invalid memory access.
#
#   scripts/valgrind-xlsx.sh        (needs valgrind and libxlsxwriter-dev; about a minute)
#
# It builds a throwaway package in a temporary directory that links the repository's CXlsxWriter
# and KalkylXLSX sources (the wrapper does not use the engine), so it works whatever state the
# engine is in.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/kalkyl-valgrind.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/Sources/Exercise" "$work/out"
ln -s "$root/Sources/CXlsxWriter" "$work/Sources/CXlsxWriter"
ln -s "$root/Sources/KalkylXLSX" "$work/Sources/KalkylXLSX"
cat > "$work/Package.swift" <<'EOF'
// swift-tools-version: 6.0
import PackageDescription
let package = Package(
    name: "ValgrindXLSX",
    targets: [
        .systemLibrary(name: "CXlsxWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .target(name: "KalkylXLSX", dependencies: ["CXlsxWriter"]),
        .executableTarget(name: "Exercise", dependencies: ["KalkylXLSX"]),
    ],
    swiftLanguageModes: [.v6]
)
EOF
cat > "$work/Sources/Exercise/main.swift" <<'EOF'
import KalkylXLSX

let directory = CommandLine.arguments[1]
nonisolated(unsafe) var refused = 0
func refuse(_ body: () throws -> Void) {
    do { try body() } catch { refused += 1 }
}

for round in 0..<3 {
    // A complete workbook, written atomically.
    try XLSXWorkbook.write(to: "\(directory)/ok.xlsx", properties: .init(title: "Round \(round)")) { book in
        let inputs = try book.addWorksheet("Inputs")
        let results = try book.addWorksheet("Result sheet")
        let money = try book.format(XLSXStyle(numberFormat: "#,##0", bold: true, fillColor: 0xDDEEFF))
        for row in 0..<200 {
            try inputs.writeNumber(Double(row) * 1.5, row: row, column: 1, format: money)
            try inputs.writeString("rad \(row) =1+1", row: row, column: 0)
            try results.writeFormula("=Inputs!B\(row + 1)*(1+po)", result: .number(Double(row) * 1.5 * 1.4615), row: row, column: 0)
        }
        try results.writeFormula("=1/0", result: .error(.divisionByZero), row: 200, column: 0)
        try results.writeFormula("=1>0", result: .bool(true), row: 201, column: 0)
        try results.writeFormula("=_xlfn.CONCAT(\"a\",1)", result: .text("a1"), row: 202, column: 0)
        try inputs.writeBoolean(true, row: 300, column: 0)
        try inputs.writeBlank(row: 301, column: 0, format: money)
        try book.defineName("po", formula: "=0.4615")
        try results.setColumnWidth(0...2, width: 14)
        try results.setRowHeight(0, height: 20)
        try results.freezePanes(row: 1, column: 1)
        // Refused arguments, with the workbook open.
        refuse { try inputs.writeNumber(1, row: 1_048_576, column: 0) }
        refuse { try inputs.writeNumber(.nan, row: 0, column: 0) }
        refuse { _ = try book.addWorksheet(String(repeating: "x", count: 40)) }
        refuse { _ = try book.addWorksheet("inputs") }
        refuse { try book.defineName("PO", formula: "=1") }
        refuse { try book.defineName("A1", formula: "=1") }
        refuse { try inputs.writeString(String(repeating: "x", count: 40_000), row: 0, column: 0) }
    }
    // A close that fails: everything is freed, every handle then throws.
    let failing = try XLSXWorkbook(path: "\(directory)/missing/dir/x.xlsx")
    let sheet = try failing.addWorksheet("Data")
    let bold = try failing.format(XLSXStyle(bold: true))
    try sheet.writeNumber(1, row: 0, column: 0, format: bold)
    refuse { try failing.close() }
    refuse { try failing.close() }
    refuse { try sheet.writeNumber(2, row: 0, column: 0, format: bold) }
    refuse { _ = try failing.addWorksheet("More") }
    // A workbook abandoned without close: freed, nothing written.
    do {
        let abandoned = try XLSXWorkbook(path: "\(directory)/abandoned.xlsx")
        try abandoned.addWorksheet("Data").writeString("never", row: 0, column: 0)
        _ = try abandoned.format(XLSXStyle(italic: true))
    }
    // A sheet that outlives its workbook object.
    var owner: XLSXWorkbook? = try XLSXWorkbook(path: "\(directory)/orphan.xlsx")
    let orphan = try owner!.addWorksheet("Data")
    owner = nil
    try orphan.writeNumber(1, row: 0, column: 0)
    // A build that throws inside an atomic write.
    refuse { try XLSXWorkbook.write(to: "\(directory)/ok.xlsx") { book in try book.addWorksheet("S").writeNumber(.infinity, row: 0, column: 0) } }
}
print("ok: \(refused) refusals")
EOF
cd "$work"
swift build --product Exercise >build.log 2>&1 || { cat build.log; exit 1; }
valgrind --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect ${VALGRIND_FLAGS:-} \
    --errors-for-leak-kinds=definite,indirect "$work/.build/debug/Exercise" "$work/out"
