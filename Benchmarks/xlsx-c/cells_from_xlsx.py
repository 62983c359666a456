#!/usr/bin/env python3
"""Lists every cell of an .xlsx as tab-separated lines, for write_cells.c to write again.

    python3 cells_from_xlsx.py board-pack.xlsx > cells.tsv

Lines:  S <sheet name>                          a sheet, in tab order
        N <name> <formula>                      a defined name
        C <sheet> <row> <col> <kind> <format> <text> <cached>
kind: n number, s string, b boolean, f formula with a cached number, g formula with cached text.
format: the cell's number format code ("" for General). Rows and columns are 0-based.
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
    xf_format = [codes.get(int(xf.get("numFmtId", "0")), "") for xf in styles.find("m:cellXfs", NS)]
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
            fmt = xf_format[int(c.get("s", "0"))]
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
