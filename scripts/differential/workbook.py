"""Every formula cell of an .xlsx with its cached value, read with the standard library alone."""

import posixpath
import xml.etree.ElementTree as ET
import zipfile

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _text(element):
    """The text of a shared or inline string: its runs joined."""
    return "".join(t.text or "" for t in element.iter("{%s}t" % NS["m"]))


ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"}


def cells(path, formulas_only=True):
    """{(sheet, "B3"): (formula or None, value)}; a value is ("n", float), ("s", text), ("b", bool),
    ("e", "#DIV/0!") or ("blank", None)."""
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        shared = []
        if "xl/sharedStrings.xml" in names:
            root = ET.fromstring(z.read("xl/sharedStrings.xml"))
            shared = [_text(si) for si in root.findall("m:si", NS)]
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        targets = {rel.get("Id"): rel.get("Target") for rel in rels}
        workbook = ET.fromstring(z.read("xl/workbook.xml"))
        result = {}
        for sheet in workbook.find("m:sheets", NS):
            target = targets[sheet.get(REL)]
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            root = ET.fromstring(z.read(part))
            for c in root.iter("{%s}c" % NS["m"]):
                f = c.find("m:f", NS)
                if formulas_only and f is None:
                    continue
                t = c.get("t", "n")
                v = c.find("m:v", NS)
                raw = v.text if v is not None else None
                if t == "s":
                    value = ("s", shared[int(raw)])
                elif t == "str":
                    # libxlsxwriter caches errors (and TRUE, FALSE) as strings: XLSXWorksheet.swift
                    value = ("e", raw) if raw in ERRORS else ("s", raw or "")
                elif t == "inlineStr":
                    value = ("s", _text(c.find("m:is", NS)))
                elif t == "b":
                    value = ("b", raw == "1")
                elif t == "e":
                    value = ("e", raw)
                elif raw is None or raw == "":
                    value = ("blank", None)
                else:
                    value = ("n", float(raw))
                result[(sheet.get("name"), c.get("r"))] = (f.text if f is not None else None, value)
        return result


def same(kalkyl, libreoffice):
    """Whether LibreOffice's value is Kalkyl's: numbers to a relative 1e-9 (as the export
    tests hold them; a cached number is written with 15 to 17 digits) or 1e-18 absolute, the
    rest exactly."""
    if kalkyl == libreoffice:
        return True
    if kalkyl[0] == "s" and libreoffice[0] == "b" and kalkyl[1] == ("TRUE" if libreoffice[1] else "FALSE"):
        return True
    (kt, kv), (lt, lv) = kalkyl, libreoffice
    if kt == "n" and lt == "n":
        # a relative 1e-9, or 1e-18 absolute: LibreOffice's .ods holds a number as small as 4e-14
        # to fewer digits (4.097347e-14 for 4.097346876647016e-14)
        return abs(kv - lv) <= max(1e-9 * max(abs(kv), abs(lv)), 1e-18)
    # a formula's empty text result is cached as "" by one and as nothing by the other
    if {kt, lt} == {"s", "blank"} and (kv or "") == (lv or ""):
        return True
    return False


ODS = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
       "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
       "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
       "calcext": "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"}


def _q(prefix, name):
    return "{%s}%s" % (ODS[prefix], name)


def _column_name(index):
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _paragraph_text(p):
    """A <text:p>'s text, <text:s text:c="3"/> as its spaces."""
    parts = [p.text or ""]
    for child in p:
        if child.tag == _q("text", "s"):
            parts.append(" " * int(child.get(_q("text", "c"), "1")))
        elif child.tag == _q("text", "tab"):
            parts.append("\t")
        elif child.tag == _q("text", "line-break"):
            parts.append("\n")
        else:
            parts.append(_paragraph_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _days_from_civil(year, month, day):
    """Days from 1970-01-01 to a date of the proleptic Gregorian calendar, any year (LibreOffice
    writes dates up to 32767-12-31 and before year 1, which Python's date does not hold)."""
    year -= month <= 2
    era = (year if year >= 0 else year - 399) // 400
    year_of_era = year - era * 400
    day_of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era - 719468


def _serial(date):
    """An ODS date value (2021-04-01, 2021-04-01T12:00:00, 32767-12-31, -0001-01-01) as Excel's
    serial number."""
    day, _, clock = date.partition("T")
    sign = -1 if day.startswith("-") else 1
    year, month, dom = day.lstrip("-").split("-")
    serial = _days_from_civil(sign * int(year), int(month), int(dom)) - _days_from_civil(1899, 12, 30)
    if clock:
        h, m, s = clock.split(":")
        serial += (int(h) * 3600 + int(m) * 60 + float(s)) / 86400
    return float(serial)


def ods_cells(path, wanted):
    """LibreOffice's values of the cells in `wanted` ({sheet: set of "B3"}) of an .ods it
    wrote: as cells() gives them, and LibreOffice's own errors as they are (`Err:502`), which
    an .xlsx it writes would turn into #VALUE!."""
    result = {}
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("content.xml"))
    for table in root.iter(_q("table", "table")):
        sheet = table.get(_q("table", "name"))
        refs = wanted.get(sheet)
        if not refs:
            continue
        last_row = max(int("".join(ch for ch in r if ch.isdigit())) for r in refs)
        row = 0
        for tr in table.iter(_q("table", "table-row")):
            repeat_rows = int(tr.get(_q("table", "number-rows-repeated"), "1"))
            if row >= last_row:
                break
            column = 0
            for tc in tr:
                if tc.tag not in (_q("table", "table-cell"), _q("table", "covered-table-cell")):
                    continue
                repeat = int(tc.get(_q("table", "number-columns-repeated"), "1"))
                if tc.get(_q("office", "value-type")) is not None:
                    value = _ods_value(tc)
                    for c in range(column, column + min(repeat, 64)):
                        for r in range(row, row + min(repeat_rows, 64)):
                            ref = f"{_column_name(c)}{r + 1}"
                            if ref in refs:
                                result[(sheet, ref)] = value
                column += repeat
            row += repeat_rows
    return result


def _ods_value(tc):
    kind = tc.get(_q("calcext", "value-type")) or tc.get(_q("office", "value-type"))
    paragraphs = [_paragraph_text(p) for p in tc.findall(_q("text", "p"))]
    shown = "\n".join(paragraphs)
    if kind == "error":
        return ("e", shown)
    if kind == "boolean":
        return ("b", tc.get(_q("office", "boolean-value")) == "true")
    if kind == "string":
        string = tc.get(_q("office", "string-value"))
        return ("s", string if string is not None else shown)
    if kind == "date":
        return ("n", _serial(tc.get(_q("office", "date-value"))))
    if kind == "time":
        import re
        m = re.fullmatch(r"(-?)PT(\d+)H(\d+)M([\d.]+)S", tc.get(_q("office", "time-value")))
        seconds = int(m.group(2)) * 3600 + int(m.group(3)) * 60 + float(m.group(4))
        return ("n", (-seconds if m.group(1) else seconds) / 86400)   # a negative duration: -PT57H30M55S is -2.3965
    return ("n", float(tc.get(_q("office", "value"))))


def defined_names(path):
    """{name: "Sheet!$A$1:$B$2"} of a workbook's defined names (scenario-local ones included)."""
    with zipfile.ZipFile(path) as z:
        workbook = ET.fromstring(z.read("xl/workbook.xml"))
    names = workbook.find("m:definedNames", NS)
    return {} if names is None else {n.get("name"): n.text for n in names if not n.get("name").startswith("_xlnm")}
