"""Random well-formed Kalkyl models for the differential test against LibreOffice.

A model is a function of its seed alone (random.Random(seed), no clock, no hash of a string):
a timeline (monthly across a year end, or yearly), one or two dimensions, inputs (numbers,
percentages, text, booleans, errors, series with overrides for some periods, per member, and a
data file with empty cells, which are blanks), formulas over them that call every function of
the registry (scripts/differential/functions.json, kept equal to the registry by
DifferentialRegistryTests) and every operator, references to earlier periods, ranges of periods
and members, recurrences through PREV, the to-date functions, checks, and scenarios that
override inputs.

The generator writes what the language allows as far as it knows; `run.py` drops the
definitions the checker refuses (by the line the diagnostic names) and counts them, so a
model that reaches LibreOffice is one Kalkyl accepts.
"""

import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "functions.json"), encoding="utf-8") as f:
    REGISTRY = json.load(f)
FUNCTIONS = REGISTRY["functions"]
TIME_FUNCTIONS = REGISTRY["time_functions"]

MEMBER_NAMES = ["A", "B", "C", "D", "Norr", "Syd", "Öst"]
SECOND_MEMBERS = ["x1", "x2", "x3"]
TEXTS = ['"a"', '""', '"Abc"', '"12"', '"x y"', '"Vård"', '"a*"', '"1,5"', '"TRUE"', '"b"']
CRITERIA = ['">2"', '"<>0"', '"<=1"', '"a*"', '"=Abc"', '"?"', '"<>"', '">=0.5"', '"*"', '"b"']
NUMBERS = ["0", "1", "2", "3", "-1", "0.5", "1.5", "10", "12", "100", "-2.25", "0.1", "7",
           "1_000", "2.5E+3", "1E-3", "25%", "4.5%", "365", "44197", "0.3333333333333333"]
# where a function takes a number: counts, periods, digits, rates, dates
SMALL_NUMBERS = ["0", "1", "2", "3", "4", "5", "10", "12", "0.05", "0.1", "0.5", "-1", "100", "1000", "2.5", "44197",
                 "44286", "45000", "1.25", "-500", "8%"]
# functions whose ranges are read in step and must have one shape (FunctionSpec.alignsRanges)
ALIGNED = {"SUMIF", "AVERAGEIF", "SUMIFS", "COUNTIFS", "AVERAGEIFS", "MAXIFS", "MINIFS", "COUNTIF"}
BINARY = ["+", "-", "*", "/", "^", "&", "=", "<>", "<", "<=", ">", ">="]


class Definition:
    def __init__(self, name, dims, series, is_input=False, kind="number", line=None):
        self.name = name
        self.line = line          # cost, revenue or result: what VARIANCE reads as favourable
        self.dims = dims          # dimension names, in order
        self.series = series      # over the timeline
        self.is_input = is_input
        self.kind = kind          # what it mostly holds: number, text, bool


class Model:
    """One random model: its text and the files it reads."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.seed = seed
        self.definitions = []
        self.files = {}
        r = self.rng
        self.yearly = r.random() < 0.2
        if self.yearly:
            first = r.randint(2019, 2022)
            self.periods = [str(y) for y in range(first, first + r.randint(2, 5))]
            self.axis = "year"
        else:
            start_month = r.choice([1, 3, 9, 11, 12])
            count = r.randint(2, 15)
            self.periods = []
            year, month = 2021, start_month
            for _ in range(count):
                self.periods.append(f"{year}-{month:02d}")
                month += 1
                if month == 13:
                    year, month = year + 1, 1
            self.axis = "month"
        self.dimensions = {"d": r.sample(MEMBER_NAMES, r.randint(1, 4))}
        if r.random() < 0.4:
            self.dimensions["e"] = r.sample(SECOND_MEMBERS, r.randint(1, 3))

    # -- names and references -------------------------------------------------------------

    def period(self):
        return self.rng.choice(self.periods)

    def period_range(self):
        i = self.rng.randrange(len(self.periods))
        j = self.rng.randrange(i, len(self.periods))
        if self.rng.random() < 0.2:
            return f"{self.periods[i]} .."
        return f"{self.periods[i]} .. {self.periods[j]}"

    def visible(self, ctx):
        """Definitions a formula of shape ctx may name bare."""
        dims, series = ctx
        return [d for d in self.definitions if set(d.dims) <= set(dims) and (series or not d.series)]

    def reference(self, ctx, kind=None):
        """One value per cell: a bare name, a member or period picked, an earlier period."""
        r = self.rng
        dims, series = ctx
        pool = [d for d in self.definitions if kind is None or d.kind == kind or r.random() < 0.3]
        if not pool:
            return None
        d = r.choice(pool)
        picks = []
        for dim in d.dims:
            if dim not in dims:
                picks.append(r.choice(self.dimensions[dim]))
        if d.series and not series:
            picks.append(self.period())
        elif d.series and series and not picks and r.random() < 0.25:
            offset = r.choice([1, 1, 2, 12])
            return f"{d.name}[{self.axis}-{offset}]"
        elif d.series and series and not picks and r.random() < 0.1:
            return f"PREV({d.name}, {r.choice(NUMBERS)})"
        if picks and r.random() < 0.9:
            return f"{d.name}[{', '.join(picks)}]"
        if picks:
            return None
        return d.name

    def range_reference(self, ctx):
        """Several cells: periods of a series, members of a dimension, a whole series."""
        r = self.rng
        dims, series = ctx
        for _ in range(8):
            d = r.choice(self.definitions)
            extra = [x for x in d.dims if x not in dims]
            if d.series and not extra:
                if not series and r.random() < 0.4:
                    return d.name
                return f"{d.name}[{self.period_range()}]"
            if len(extra) == 1 and (series or not d.series):
                return f"{d.name}[{extra[0]}]"
            if len(extra) == 1 and d.series and not series:
                # members of one period are not a form the language has; the whole is not either
                continue
        return None

    # -- expressions ----------------------------------------------------------------------

    def literal(self, kind):
        r = self.rng
        if kind == "text":
            return r.choice(TEXTS)
        if kind == "bool":
            return r.choice(["TRUE", "FALSE"])
        if kind == "any":
            return self.literal(r.choice(["number"] * 6 + ["text", "bool"]))
        return r.choice(NUMBERS)

    def expression(self, ctx, depth, kind="number"):
        """An expression that mostly gives `kind` (number, text, bool or any): operators on
        operands of the kind they take, so that most cells hold a value, not an error."""
        r = self.rng
        if kind == "any":
            kind = r.choice(["number"] * 5 + ["text", "bool"])
        if depth <= 0 or r.random() < 0.3:
            if r.random() < 0.55:
                ref = self.reference(ctx, kind)
                if ref:
                    return ref
            if kind == "number" and ctx[1] and r.random() < 0.08:
                return self.axis
            return self.literal(kind)
        choice = r.random()
        if choice < 0.03:
            return r.choice(["1/0", "NA()", '"a" + 1', "SQRT(-1)"])
        if choice < 0.45:
            if kind == "text":
                op = "&"
                operand = r.choice(["text", "text", "number", "bool"])
            elif kind == "bool":
                op = r.choice(["=", "<>", "<", "<=", ">", ">="])
                operand = r.choice(["number", "number", "text", "bool"])
            else:
                op = r.choice(["+", "-", "*", "/", "^", "+", "-", "*"])
                operand = "number"
            left = self.expression(ctx, depth - 1, operand)
            right = self.expression(ctx, depth - 1, operand)
            if op == "^":
                right = r.choice(["2", "0.5", "3", "-1", "0"])
            return f"{left} {op} {right}" if r.random() < 0.5 else f"({left} {op} {right})"
        if kind == "number" and choice < 0.52:
            return f"-{self.expression(ctx, depth - 1, kind)}"
        if kind == "number" and choice < 0.55:
            return f"({self.expression(ctx, depth - 1, kind)})%"
        return self.call(ctx, depth - 1)

    def argument(self, ctx, depth, parameter):
        r = self.rng
        kind = parameter["kind"]
        if kind == "criterion":
            if r.random() < 0.7:
                return r.choice(CRITERIA)
            return self.expression(ctx, 0, "any")
        if kind == "range":
            return self.range_reference(ctx) or self.expression(ctx, depth, "number")
        if kind == "array":
            roll = r.random()
            if roll < 0.5:
                return self.range_reference(ctx) or self.expression(ctx, depth, "number")
            if roll < 0.6:
                items = [self.literal(r.choice(["number", "number", "text", "bool"])) for _ in range(r.randint(1, 4))]
                return "{" + ",".join(items) + "}"
            return self.expression(ctx, depth, "any" if r.random() < 0.2 else "number")
        if kind == "value":
            return self.expression(ctx, depth, r.choice(["number", "number", "text", "bool", "any"]))
        if r.random() < 0.5:
            return r.choice(SMALL_NUMBERS)
        return self.expression(ctx, depth, "number" if r.random() < 0.95 else "any")

    def call(self, ctx, depth, function=None):
        r = self.rng
        spec = function or r.choice(FUNCTIONS)
        return self.call_of(spec, ctx, depth)

    def aligned_ranges(self, ctx, count):
        """`count` ranges of one shape, as the conditional aggregates read them in step: the same
        periods of series, or the same dimension's members."""
        r = self.rng
        dims, series = ctx
        by_dimension = {}
        for d in self.definitions:
            extra = [x for x in d.dims if x not in dims]
            if len(extra) == 1 and (series or not d.series):
                by_dimension.setdefault(extra[0], []).append(d)
        plain_series = [d for d in self.definitions if d.series and all(x in dims for x in d.dims)]
        if by_dimension and (not plain_series or r.random() < 0.5):
            dim, pool = r.choice(sorted(by_dimension.items()))
            return [f"{r.choice(pool).name}[{dim}]" for _ in range(count)]
        if plain_series:
            span = self.period_range()
            return [f"{r.choice(plain_series).name}[{span}]" for _ in range(count)]
        return None

    def line_reference(self, ctx):
        """A line with a kind (cost, revenue, result), as VARIANCE and its kin need."""
        pool = [d for d in self.visible(ctx) if d.line]
        return self.rng.choice(pool).name if pool else None

    def call_of(self, spec, ctx, depth):
        r = self.rng
        params = list(spec["parameters"])
        required = [p for p in params if not p["optional"]]
        optional = [p for p in params if p["optional"]]
        chosen = required + optional[: r.randint(0, len(optional))]
        if spec["repeating"]:
            groups = max(1, r.choice([1, 1, 2, 3]))
            for _ in range(groups):
                chosen += spec["repeating"]
            if spec["trailing"] and r.random() < 0.5:
                chosen += spec["trailing"]
        if len(chosen) > spec["max_args"]:
            chosen = chosen[: spec["max_args"]]
        args = [self.argument(ctx, depth, p) for p in chosen]
        ranges = [i for i, p in enumerate(chosen) if p["kind"] == "range"]
        if spec["name"] in ALIGNED and len(ranges) > 1:
            aligned = self.aligned_ranges(ctx, len(ranges))
            if aligned:
                for i, text in zip(ranges, aligned):
                    args[i] = text
        if spec["implicit"] == "lineKind":
            for i in range(min(2, len(args))):
                args[i] = self.line_reference(ctx) or args[i]
        return f"{spec['name']}({', '.join(args)})"

    # -- definitions ----------------------------------------------------------------------

    def fresh_name(self, stem):
        return f"{stem}{len(self.definitions) + 1}"

    def shape(self):
        r = self.rng
        dims = []
        if r.random() < 0.45:
            dims = ["d"]
            if "e" in self.dimensions and r.random() < 0.4:
                dims.append("e")
        return dims, r.random() < 0.65

    @staticmethod
    def head(name, dims, series, axis):
        index = dims + ([axis] if series else [])
        return f"{name}[{', '.join(index)}]" if index else name

    def inputs(self):
        lines = []
        r = self.rng
        for _ in range(r.randint(2, 6)):
            dims, series = self.shape()
            kind = r.choice(["number"] * 6 + ["text", "bool"])
            name = self.fresh_name("in")
            line = r.choice(["cost", "revenue", "result"]) if kind == "number" and r.random() < 0.3 else None
            d = Definition(name, dims, series, is_input=True, kind=kind, line=line)
            value = self.literal(kind)
            if r.random() < 0.08:
                value = r.choice(["#N/A", "#DIV/0!", "#VALUE!"])
            lines.append(f"input {line + ' ' if line else ''}{self.head(name, dims, series, self.axis)} = {value}")
            if series and r.random() < 0.6:
                lines.append(f"input {name}[{self.period_range() if r.random() < 0.5 else self.period()}] = {self.literal(kind)}")
            if dims and r.random() < 0.5:
                lines.append(f"input {name}[{r.choice(self.dimensions[dims[0]])}] = {self.literal(kind)}")
            self.definitions.append(d)
        if r.random() < 0.5:
            lines += self.data_input()
        return lines

    def data_input(self):
        """A wide data file over d and the timeline with some empty cells: blanks."""
        r = self.rng
        name = self.fresh_name("data")
        path = f"data{len(self.files) + 1}.csv"
        rows = ["d;" + ";".join(self.periods)]
        for member in self.dimensions["d"]:
            cells = []
            for _ in self.periods:
                roll = r.random()
                cells.append("" if roll < 0.3 else str(r.choice([0, 1, 2.5, -4, 1000, 0.25, 7])).replace(".", ","))
            rows.append(member + ";" + ";".join(cells))
        self.files[path] = "\n".join(rows) + "\n"
        self.definitions.append(Definition(name, ["d"], True, is_input=True))
        return [f'input {name}[d, {self.axis}] = data "{path}" wide key d']

    def formulas(self):
        lines = []
        r = self.rng
        for _ in range(r.randint(3, 9)):
            dims, series = self.shape()
            ctx = (dims, series)
            roll = r.random()
            name = self.fresh_name("f")
            if series and roll < 0.15:
                # a recurrence: the previous period of itself
                start = self.expression((dims, False), 1)
                body = self.expression(ctx, 1)
                expr = f"PREV({name}, {start}) {r.choice(['+', '*', '-'])} {body}"
            elif series and roll < 0.25:
                target = [d for d in self.visible(ctx) if d.series]
                if not target:
                    continue
                fn = r.choice(["YTD", "TTD", "QTD", "ROLLING"] if not self.yearly else ["YTD", "ROLLING"])
                arg = r.choice(target).name
                expr = f"ROLLING({arg}, {r.randint(1, 4)})" if fn == "ROLLING" else f"{fn}({arg})"
            elif roll < 0.75:
                expr = self.call(ctx, r.randint(1, 2))
            else:
                expr = self.expression(ctx, r.randint(1, 3))
            lines.append(f"{self.head(name, dims, series, self.axis)} = {expr}")
            self.definitions.append(Definition(name, dims, series))
        return lines

    def checks(self):
        r = self.rng
        if r.random() < 0.6:
            return []
        ctx = ([], False)
        return [f"check c{len(self.definitions) + 1}: {self.expression(ctx, 1)} {r.choice(['=', '<=', '>', '<>'])} {self.expression(ctx, 1)}"]

    def scenarios(self):
        r = self.rng
        inputs = [d for d in self.definitions if d.is_input and not d.name.startswith("data")]
        lines = []
        for k in range(r.randint(0, 2)):
            if not inputs:
                break
            body = []
            for d in r.sample(inputs, min(len(inputs), r.randint(1, 3))):
                target = d.name
                if d.series and r.random() < 0.5:
                    target += f"[{self.period_range()}]"
                elif d.dims and r.random() < 0.4:
                    target += f"[{r.choice(self.dimensions[d.dims[0]])}]"
                body.append(f"  {target} = {self.literal(d.kind)}")
            lines += [f's{k + 1} "Scenario {k + 1}" {{'] + body + ["}"]
        return [line if not line.startswith("s") else "scenario " + line for line in lines]

    def text(self):
        r = self.rng
        head = [f'model "differential {self.seed}"']
        if self.yearly:
            head.append(f"timeline yearly {self.periods[0]} .. {self.periods[-1]}")
        else:
            head.append(f"timeline monthly {self.periods[0]} .. {self.periods[-1]}")
            if r.random() < 0.2:
                head.append(f"fiscal year starts {r.choice(['04', '07', '09'])}")
        for name, members in self.dimensions.items():
            head.append(f"dimension {name} = {', '.join(members)}")
        body = self.inputs()
        # a function the model would call less often by chance is called once on purpose
        body += self.formulas()
        body += self.checks()
        body += self.scenarios()
        return "\n".join(head + body) + "\n"


def generate(seed, function=None):
    """The model of `seed`: (text, {data file name: text}). With `function`, one more formula
    calls it, so that a run names every function of the registry."""
    model = Model(seed)
    text = model.text()
    if function is not None:
        spec = next(f for f in FUNCTIONS if f["name"] == function)
        lines = text.split("\n")
        dims, series = model.shape()
        call = model.call_of(spec, (dims, series), 1)
        definition = f"{Model.head('g' + str(len(model.definitions) + 1), dims, series, model.axis)} = {call}"
        # before the scenarios and checks, after the definitions it may name
        at = next((i for i, line in enumerate(lines) if line.startswith(("scenario", "check"))), len(lines) - 1)
        lines.insert(at, definition)
        text = "\n".join(lines)
    return text, model.files


if __name__ == "__main__":
    import sys
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    text, files = generate(seed, sys.argv[2] if len(sys.argv) > 2 else None)
    print(text)
    for name, content in files.items():
        print(f"--- {name}\n{content}")
