#!/bin/sh
# Renders the report sheets of a board pack to PNG, as LibreOffice prints them (Swedish locale,
# the workbook recalculated on load): the pictures in docs/ and the README.
#
#   scripts/render-board-pack.sh out/board-pack.xlsx docs/board-pack   (needs soffice and pdftoppm)
#   scripts/render-board-pack.sh out/division.pdf docs/division        (the board's PDF, from --pdf)
#
# Given the PDF that `kalkyl export … --pdf` wrote, its pages are rendered as they are (page
# numbers of the board's pack, "7 (7)"); given a workbook, LibreOffice prints all of it first.
#
# Writes PREFIX-SHEET.png for the first page of each report sheet (the sheets whose page footer
# names them: Resultat, Personal, …), lower-cased.
set -eu
workbook=$1
prefix=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/kalkyl-render.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/profile/user"
cat > "$work/profile/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>sv-SE</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>sv-SE</value></prop></item>
</oor:items>
XCU
case "$workbook" in
*.pdf) pdf=$workbook ;;
*)
    soffice -env:UserInstallation="file://$work/profile" --headless --norestore --convert-to pdf --outdir "$work" "$workbook" >/dev/null 2>&1
    pdf="$work/$(basename "${workbook%.*}").pdf"
    [ -f "$pdf" ] || { echo "LibreOffice wrote no PDF for $workbook" >&2; exit 1; } ;;
esac
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
seen=""
page=1
while [ "$page" -le "$pages" ]; do
    # A report page's footer: the sheet's name on the left, "N (M)" on the right.
    footer=$(pdftotext -f "$page" -l "$page" -layout "$pdf" - | grep -E "[0-9]+ \([0-9]+\)[[:space:]]*$" | tail -1 |
             sed -E 's/^[[:space:]]*//; s/[[:space:]]+[0-9]+ \([0-9]+\)[[:space:]]*$//')
    if [ -n "$footer" ] && ! echo "$seen" | grep -qx "$footer"; then
        seen="$seen
$footer"
        name=$(echo "$footer" | tr '[:upper:]ÅÄÖ' '[:lower:]åäö' | sed 's/ /-/g')
        pdftoppm -r 110 -f "$page" -l "$page" -singlefile -png "$pdf" "$prefix-$name"
        echo "$prefix-$name.png"
    fi
    page=$((page + 1))
done
