#!/bin/sh
# Runs the libxlsxwriter wrapper (Sources/KalkylXLSX/Writer) under valgrind: no run may leak
# (definitely or indirectly) or touch memory it does not own. Two parts:
#
# 1. A throwaway program that calls every wrapper method, three rounds of:
#    - cells (number, string, boolean, blank, formula with each kind of cached result), formats,
#      defined names, column widths, row heights, freeze panes, document properties;
#    - charts (line and column: title, series with and without categories, names and styles,
#      both axis formats, legend, insertion), conditional formats (greater than, less than,
#      between, formula), a dropdown (data validation list), page setup (landscape and portrait,
#      paper, fit to width, repeated rows, header, footer, page numbers);
#    - every refused argument, with the workbook open; a close that fails; a workbook abandoned
#      unclosed (with a chart never inserted); a sheet and a chart that outlive their workbook
#      object; a build that throws inside an atomic write; every call on a workbook, sheet,
#      format and chart after close. Each misuse must throw: one that does not fails the run.
#    It builds a throwaway package in a temporary directory that links the repository's
#    CXlsxWriter and KalkylXLSX/Writer sources (the wrapper does not use the engine), so it
#    works whatever state the engine is in.
# 2. The real `kalkyl` binary exporting, under valgrind, the board pack
#    formulas/lansteknik-2021.kalkyl --layout workbooks/lansteknik-2021.layout (line and column
#    charts, green/red conditional formats, the `scenarios hiring_stop, base` dropdown, freeze
#    panes, landscape fit-to-width pages with headers and footers) and the scorecard
#    formulas/lansteknik-scorecard-2021-04.kalkyl (formula conditional formats, its page setup).
#    Skipped with KALKYL_BINARY=none; otherwise it uses $KALKYL_BINARY or builds .build/debug/kalkyl.
#
#   scripts/valgrind-xlsx.sh        (needs valgrind and libxlsxwriter-dev; about 25 s once both
#                                    are built, a few minutes with the builds; not in `make test`)
#
# scripts/valgrind-swift-runtime.supp hides one report inside the Swift runtime (see there);
# nothing in libxlsxwriter or Kalkyl is suppressed.
#
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/kalkyl-valgrind.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/Sources/Exercise" "$work/Sources/KalkylXLSX" "$work/out"
ln -s "$root/Sources/CXlsxWriter" "$work/Sources/CXlsxWriter"
ln -s "$root/Sources/CZlib" "$work/Sources/CZlib"
# Only the wrapper: Export and Layout import the engine.
ln -s "$root/Sources/KalkylXLSX/Writer" "$work/Sources/KalkylXLSX/Writer"
cat > "$work/Package.swift" <<'EOF'
// swift-tools-version: 6.0
import PackageDescription
let package = Package(
    name: "ValgrindXLSX",
    targets: [
        .target(name: "CXlsxWriter"),
        .systemLibrary(name: "CZlib"),
        .target(name: "KalkylXLSX", dependencies: ["CXlsxWriter", "CZlib"]),
        .executableTarget(name: "Exercise", dependencies: ["KalkylXLSX"]),
    ],
    swiftLanguageModes: [.v6]
)
EOF
cat > "$work/Sources/Exercise/main.swift" <<'EOF'
import Foundation
import KalkylXLSX

let directory = CommandLine.arguments[1]
nonisolated(unsafe) var refused = 0
nonisolated(unsafe) var accepted: [Int] = []
/// A misuse must throw; one that returns is recorded and fails the run.
func refuse(line: Int = #line, _ body: () throws -> Void) {
    do { try body(); accepted.append(line) } catch { refused += 1 }
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
    // The presentation calls of report layouts: charts, conditional formats, a dropdown, pages.
    try XLSXWorkbook.write(to: "\(directory)/report.xlsx") { book in
        let sheet = try book.addWorksheet("Resultat")
        let notes = try book.addWorksheet("Noter")
        let date = try book.format(XLSXStyle(numberFormat: "mmm"))
        for column in 0..<12 {
            try sheet.writeNumber(Double(44_197 + 31 * column), row: 0, column: column + 1, format: date)
            try sheet.writeNumber(Double(column * 10 - 50) * 1e6, row: 1, column: column + 1)
            try sheet.writeNumber(Double(column) * 1e6, row: 2, column: column + 1)
        }
        try sheet.writeString("Personalkostnad", row: 1, column: 0)
        try sheet.writeString("Budget", row: 2, column: 0)
        let green = try book.format(XLSXStyle(fillColor: 0xC6EFCE))
        let red = try book.format(XLSXStyle(fillColor: 0xFFC7CE))
        try sheet.conditionalFormat(rows: 1...2, columns: 1...12, rule: .greaterThan(0), format: green)
        try sheet.conditionalFormat(rows: 1...2, columns: 1...12, rule: .lessThan(0), format: red)
        try sheet.conditionalFormat(rows: 2...2, columns: 1...12, rule: .between(-1e6, 1e6), format: green)
        try sheet.conditionalFormat(rows: 1...1, columns: 1...12, rule: .formula("=B2>B3"), format: red)
        for (kind, at) in [(XLSXChart.Kind.line, 5), (.column, 22)] {
            let chart = try book.addChart(kind)
            try chart.setTitle("Personalkostnad (mnkr) \(round)", size: 11)
            try chart.addSeries(values: "=Resultat!$B$2:$M$2", categories: "=Resultat!$B$1:$M$1", name: "=Resultat!$A$2",
                                style: .init(color: 0x1F4E79))
            try chart.addSeries(values: "=Resultat!$B$3:$M$3", categories: nil, name: "Budget & plan",
                                style: .init(color: 0xC00000, dashed: true))
            try chart.addSeries(values: "=Resultat!$B$3:$M$3", categories: nil, name: nil)
            // libxlsxwriter does not check ranges: one on a sheet that does not exist.
            try chart.addSeries(values: "=Saknas!$B$3:$M$3", categories: "=Saknas!$B$1:$M$1", name: "=Saknas!$A$3")
            try chart.setValueAxisNumberFormat("#,##0.0,,")
            try chart.setCategoryAxisNumberFormat("mmm")
            try chart.placeLegendBelow()
            try sheet.insertChart(chart, row: at, column: 1, widthScale: 1.25, heightScale: 1)
            refuse { try sheet.insertChart(chart, row: at, column: 8) }
            refuse { try notes.insertChart(chart, row: 0, column: 0) }
            refuse { try chart.setTitle("x", size: 0) }
            refuse { try chart.setTitle("bad \u{1}") }
            refuse { try chart.addSeries(values: "Resultat!$B$2:$M$2", categories: nil, name: nil) }
            refuse { try chart.addSeries(values: "=Resultat!$B$2:$M$2", categories: "bad \u{0}", name: nil) }
            refuse { try chart.addSeries(values: "=Resultat!$B$2:$M$2", categories: nil, name: nil, style: .init(color: 0x100_0000)) }
            refuse { try chart.setValueAxisNumberFormat("\u{FFFE}") }
            refuse { try chart.setCategoryAxisNumberFormat("\u{2}") }
        }
        try sheet.writeString("hiring_stop", row: 3, column: 1)
        try sheet.restrictToList(row: 3, column: 1, choices: ["hiring_stop", "base", "Fortsatt anställningsstopp"])
        try sheet.freezePanes(row: 1, column: 1)
        var page = XLSXPageSetup()
        page.landscape = true
        page.fitToWidth = true
        page.repeatRows = 0...0
        page.header = ("Länsteknik & co", "Delårsrapport", "per april 2021")
        page.footer = ("Resultat", "", "")
        page.pageNumbers = true
        try sheet.setPageSetup(page)
        var portrait = XLSXPageSetup()
        portrait.paper = .a3
        portrait.footer = ("", "", "sida")
        try notes.setPageSetup(portrait)
        try notes.setPageSetup(XLSXPageSetup())
        // Refused arguments of the presentation calls.
        let spare = try book.addChart(.column)   // never inserted: freed at close
        refuse { try sheet.insertChart(spare, row: 0, column: 0, widthScale: 0) }
        refuse { try sheet.insertChart(spare, row: 0, column: 0, heightScale: .nan) }
        refuse { try sheet.insertChart(spare, row: 1_048_576, column: 0) }
        refuse { try sheet.insertChart(spare, row: 0, column: -1) }
        refuse { try sheet.conditionalFormat(rows: 0...0, columns: 0...0, rule: .greaterThan(.nan), format: green) }
        refuse { try sheet.conditionalFormat(rows: 0...0, columns: 0...0, rule: .between(0, .infinity), format: green) }
        refuse { try sheet.conditionalFormat(rows: 0...1_048_576, columns: 0...0, rule: .lessThan(0), format: red) }
        refuse { try sheet.conditionalFormat(rows: 0...0, columns: 0...0, rule: .formula("=A1\u{1}"), format: red) }
        refuse { try sheet.restrictToList(row: 4, column: 1, choices: []) }
        refuse { try sheet.restrictToList(row: 4, column: 1, choices: ["a,b"]) }
        refuse { try sheet.restrictToList(row: 4, column: 1, choices: ["a", ""]) }
        refuse { try sheet.restrictToList(row: 4, column: 1, choices: ["a\u{0}"]) }
        refuse { try sheet.restrictToList(row: 4, column: 1, choices: (0..<60).map { "val\($0)" }) }
        refuse { try sheet.restrictToList(row: 1_048_576, column: 1, choices: ["a"]) }
        refuse { try sheet.freezePanes(row: 1_048_576, column: 0) }
        var long = XLSXPageSetup()
        long.header = (String(repeating: "x", count: 300), "", "")
        refuse { try sheet.setPageSetup(long) }
        long = XLSXPageSetup()
        long.footer = ("\u{3}", "", "")
        refuse { try sheet.setPageSetup(long) }
        long = XLSXPageSetup()
        long.repeatRows = 0...1_048_576
        refuse { try sheet.setPageSetup(long) }
        // A chart of another workbook, which is then abandoned unclosed.
        let stranger = try XLSXWorkbook(path: "\(directory)/stranger.xlsx")
        let foreign = try stranger.addChart(.line)
        try foreign.addSeries(values: "=S!$A$1:$B$1", categories: nil, name: nil)
        refuse { try sheet.insertChart(foreign, row: 40, column: 0) }
        let strangerFormat = try stranger.format(XLSXStyle(bold: true))
        refuse { try sheet.conditionalFormat(rows: 0...0, columns: 0...0, rule: .greaterThan(0), format: strangerFormat) }
    }
    // Every presentation call after close throws.
    let closed = try XLSXWorkbook(path: "\(directory)/closed.xlsx")
    let closedSheet = try closed.addWorksheet("S")
    try closedSheet.writeNumber(1, row: 0, column: 0)
    let closedChart = try closed.addChart(.line)
    try closedChart.addSeries(values: "=S!$A$1:$A$1", categories: nil, name: nil)
    try closedSheet.insertChart(closedChart, row: 2, column: 0)
    let unplaced = try closed.addChart(.column)
    let closedFormat = try closed.format(XLSXStyle(bold: true))
    try closed.close()
    refuse { try closedChart.setTitle("x") }
    refuse { try closedChart.addSeries(values: "=S!$A$1:$A$1", categories: nil, name: nil) }
    refuse { try closedChart.setValueAxisNumberFormat("0") }
    refuse { try closedChart.setCategoryAxisNumberFormat("mmm") }
    refuse { try closedChart.placeLegendBelow() }
    refuse { try unplaced.placeLegendBelow() }
    refuse { try closedSheet.insertChart(unplaced, row: 0, column: 0) }
    refuse { _ = try closed.addChart(.column) }
    refuse { try closedSheet.conditionalFormat(rows: 0...0, columns: 0...0, rule: .greaterThan(0), format: closedFormat) }
    refuse { try closedSheet.restrictToList(row: 0, column: 0, choices: ["a"]) }
    refuse { try closedSheet.setPageSetup(XLSXPageSetup()) }
    refuse { try closedSheet.freezePanes(row: 1, column: 1) }
    refuse { try closedSheet.setColumnWidth(0...1, width: 10) }
    refuse { try closedSheet.setRowHeight(0, height: 10) }
    refuse { try closedSheet.writeFormula("=1", result: .number(1), row: 0, column: 0) }
    refuse { try closed.defineName("x", formula: "=1") }
    refuse { _ = try closed.format(XLSXStyle(italic: true)) }
    // A chart that outlives its workbook object keeps the workbook alive, then frees it unwritten.
    var chartOwner: XLSXWorkbook? = try XLSXWorkbook(path: "\(directory)/chart-orphan.xlsx")
    let orphanChart = try chartOwner!.addChart(.line)
    chartOwner = nil
    try orphanChart.setTitle("orphan")
}
guard accepted.isEmpty else {
    print("misuse not refused at main.swift lines \(accepted.map(String.init).joined(separator: ", "))")
    exit(1)
}
print("ok: \(refused) refusals")
EOF
cd "$work"
swift build --product Exercise >build.log 2>&1 || { cat build.log; exit 1; }
valgrind --error-exitcode=99 --suppressions="$root/scripts/valgrind-swift-runtime.supp" --leak-check=full --show-leak-kinds=definite,indirect ${VALGRIND_FLAGS:-} \
    --errors-for-leak-kinds=definite,indirect "$work/.build/debug/Exercise" "$work/out"

# Part 2: the real binary, exporting the board pack with its layout and a scorecard.
[ "${KALKYL_BINARY:-}" = none ] && exit 0
if [ -z "${KALKYL_BINARY:-}" ]; then
    (cd "$root" && swift build --product kalkyl >"$work/kalkyl-build.log" 2>&1) || { cat "$work/kalkyl-build.log"; exit 1; }
    KALKYL_BINARY="$root/.build/debug/kalkyl"
fi
cd "$root"
for export in "formulas/lansteknik-2021.kalkyl --layout workbooks/lansteknik-2021.layout" \
              "formulas/lansteknik-scorecard-2021-04.kalkyl"; do
    echo "valgrind: kalkyl export $export"
    # shellcheck disable=SC2086
    valgrind --error-exitcode=99 --suppressions="$root/scripts/valgrind-swift-runtime.supp" --leak-check=full --show-leak-kinds=definite,indirect ${VALGRIND_FLAGS:-} \
        --errors-for-leak-kinds=definite,indirect "$KALKYL_BINARY" export $export -o "$work/out/board-pack.xlsx"
    [ -s "$work/out/board-pack.xlsx" ] || { echo "no workbook written"; exit 1; }
    rm -f "$work/out/board-pack.xlsx"
done
echo "ok: valgrind found nothing"
