#!/usr/bin/env python3
"""Lists every cell of an .xlsx as tab-separated lines, for write_cells.c to write again.

    python3 cells_from_xlsx.py board-pack.xlsx > cells.tsv

Lines:  S <sheet name>                          a sheet, in tab order
        N <name> <formula>                      a defined name
        X <number format> <bold> <italic> <size> <font color> <fill color> <align> <top> <wrap> <indent> <top border> <bottom border>
                                                a cell format, in the order of the workbook's cellXfs
        C <sheet> <row> <col> <kind> <format> <text> <cached>
kind: n number, s string, b boolean, f formula with a cached number, g formula with cached text.
format: the index of the cell's X line ("" for the default look). Rows and columns are 0-based.
An X line gives what Kalkyl's styles set (XLSXStyle): the number format code ("" for General),
1 or 0 for bold, italic, top alignment and wrapped text, the font size ("" for 11), colors as
RRGGBB hex ("" for none), the horizontal alignment (left, center, right or ""), the indent
level, the borders' styles (thin, medium, double or "").
Tabs, line breaks and backslashes in text are escaped as \\t, \\n, \\\\.
"""
import re
import sys
import zipfile
from xml.etree import ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
BUILTIN = {0: "", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 14: "m/d/yyyy"}


def esc(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def column(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def cell_format(xf, styles, codes):
    """The fields of an X line for one cellXfs entry."""
    def rgb(element):
        value = element.get("rgb") if element is not None else None
        return value[-6:] if value else ""
    font = styles.find("m:fonts", NS)[int(xf.get("fontId", "0"))]
    fill = styles.find("m:fills", NS)[int(xf.get("fillId", "0"))]
    border = styles.find("m:borders", NS)[int(xf.get("borderId", "0"))]
    alignment = xf.find("m:alignment", NS)
    align = alignment.get("horizontal", "") if alignment is not None else ""
    top = "1" if alignment is not None and alignment.get("vertical") == "top" else "0"
    wrap = "1" if alignment is not None and alignment.get("wrapText") == "1" else "0"
    indent = alignment.get("indent", "0") if alignment is not None else "0"
    size = font.find("m:sz", NS).get("val") if font.find("m:sz", NS) is not None else "11"
    pattern = fill.find("m:patternFill", NS)
    fill_color = rgb(pattern.find("m:fgColor", NS)) if pattern is not None and pattern.get("patternType") == "solid" else ""
    def edge(name):
        e = border.find("m:" + name, NS)
        return e.get("style", "") if e is not None else ""
    return [codes.get(int(xf.get("numFmtId", "0")), ""),
            "1" if font.find("m:b", NS) is not None else "0", "1" if font.find("m:i", NS) is not None else "0",
            "" if float(size) == 11 else size, rgb(font.find("m:color", NS)), fill_color,
            align, top, wrap, indent, edge("top"), edge("bottom")]


def main(path):
    z = zipfile.ZipFile(path)
    out = sys.stdout
    workbook = ET.fromstring(z.read("xl/workbook.xml"))
    sheets = [s.get("name") for s in workbook.find("m:sheets", NS)]
    for name in sheets:
        out.write("S\t%s\n" % esc(name))
    names = workbook.find("m:definedNames", NS)
    for d in names if names is not None else []:
        out.write("N\t%s\t=%s\n" % (esc(d.get("name")), esc(d.text)))
    styles = ET.fromstring(z.read("xl/styles.xml"))
    codes = dict(BUILTIN)
    fmts = styles.find("m:numFmts", NS)
    for f in fmts if fmts is not None else []:
        codes[int(f.get("numFmtId"))] = f.get("formatCode")
    for xf in styles.find("m:cellXfs", NS):
        out.write("X\t%s\n" % "\t".join(esc(field) for field in cell_format(xf, styles, codes)))
    strings = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
            strings.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
    cell_re = re.compile(r"([A-Z]+)([0-9]+)")
    for i, name in enumerate(sheets):
        for _, c in ET.iterparse(z.open("xl/worksheets/sheet%d.xml" % (i + 1))):
            if c.tag != "{%s}c" % NS["m"]:
                continue
            letters, digits = cell_re.fullmatch(c.get("r")).groups()
            row, col = int(digits) - 1, column(letters)
            fmt = c.get("s", "")
            f, v, t = c.find("m:f", NS), c.find("m:v", NS), c.get("t")
            value = v.text if v is not None and v.text is not None else ""
            if f is not None:
                kind = "g" if t == "str" else "f"
                text, cached = "=" + (f.text or ""), value
            elif t == "s":
                kind, text, cached = "s", strings[int(value)], ""
            elif t == "b":
                kind, text, cached = "b", value, ""
            elif value == "":
                continue
            else:
                kind, text, cached = "n", value, ""
            out.write("C\t%s\t%d\t%d\t%s\t%s\t%s\t%s\n" % (esc(name), row, col, kind, esc(fmt), esc(text), esc(cached)))
            c.clear()


if __name__ == "__main__":
    main(sys.argv[1])
