#!/usr/bin/env python3
"""How long `kalkyl lsp` takes to answer an edit of a large model, as an editor sees it.

Opens MODEL in `kalkyl lsp`, then edits one input's value in the unsaved buffer EDITS times
(the payroll overhead of the benchmark's personnel model by default) and times each edit
from the didChange notification to the diagnostics it publishes, then a hover and the inlay
hints of the first screen. Prints the minimum, median and maximum of each, in milliseconds.

    swift build -c release --product kalkyl --product kalkyl-bench
    .build/release/kalkyl-bench 100000 --runs 1 --updates 1 --keep /tmp/lsp-bench
    scripts/lsp-bench.py /tmp/lsp-bench/100000/personnel.kalkyl --kalkyl .build/release/kalkyl
"""
import argparse
import json
import pathlib
import re
import statistics
import subprocess
import sys
import time


class Client:
    def __init__(self, command):
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 0

    def send(self, message):
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def receive(self):
        length = None
        while True:
            line = self.process.stdout.readline()
            if not line:
                sys.exit("lsp-bench: the server closed its output")
            line = line.strip()
            if not line:
                break
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        return json.loads(self.process.stdout.read(length))

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            message = self.receive()
            if message.get("id") == self.next_id:
                return message.get("result")

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def diagnostics(self, uri):
        while True:
            message = self.receive()
            if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
                return message["params"]["diagnostics"]


def figures(name, seconds):
    ms = [s * 1000 for s in seconds]
    return f"{name:<28} min {min(ms):9.1f}   median {statistics.median(ms):9.1f}   max {max(ms):9.1f} ms   ({len(ms)} runs)"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model")
    parser.add_argument("--kalkyl", default=".build/release/kalkyl")
    parser.add_argument("--edits", type=int, default=11)
    parser.add_argument("--input", default="payroll_overhead", help="the input whose value each edit changes")
    args = parser.parse_args()

    path = pathlib.Path(args.model).resolve()
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(r"^(input " + re.escape(args.input) + r"\b[^=]*= *)(.*)$", re.M)
    if not pattern.search(text):
        sys.exit(f"lsp-bench: no line 'input {args.input} = …' in {path}")
    uri = path.as_uri()
    client = Client([args.kalkyl, "lsp"])
    client.request("initialize", {"processId": None, "rootUri": path.parent.as_uri(), "capabilities": {}})
    client.notify("initialized", {})

    start = time.perf_counter()
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "kalkyl", "version": 1, "text": text}})
    opened = client.diagnostics(uri)
    open_seconds = time.perf_counter() - start
    if any(d["severity"] == 1 for d in opened):
        sys.exit(f"lsp-bench: the model has errors: {opened[:3]}")

    edits, hovers, hints = [], [], []
    line = next(i for i, l in enumerate(text.split("\n")) if pattern.match(l))
    for k in range(args.edits):
        edited = pattern.sub(lambda m: m.group(1) + f"{40 + k % 10}.{k}%", text, count=1)
        start = time.perf_counter()
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": k + 2}, "contentChanges": [{"text": edited}]})
        client.diagnostics(uri)
        edits.append(time.perf_counter() - start)
        start = time.perf_counter()
        client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": line, "character": 8}})
        hovers.append(time.perf_counter() - start)
        start = time.perf_counter()
        client.request("textDocument/inlayHint", {"textDocument": {"uri": uri},
                       "range": {"start": {"line": 0, "character": 0}, "end": {"line": 60, "character": 0}}})
        hints.append(time.perf_counter() - start)

    client.request("shutdown", {})
    client.notify("exit", {})
    client.process.wait(timeout=30)
    print(f"{path} ({path.stat().st_size} bytes), {args.edits} edits of '{args.input}'")
    print(figures("open: first diagnostics", [open_seconds]))
    print(figures("edit: didChange → diagnostics", edits))
    print(figures("hover", hovers))
    print(figures("inlay hints (60 lines)", hints))


if __name__ == "__main__":
    main()
