#!/usr/bin/env python3
"""Sums the calls a callgrind profile made to some functions (malloc, retain, hashing).

With --toggle-collect the instructions are those of the toggled function alone, but the call
counts of runtime functions are not to be trusted: on 200 salary updates it counted 405 calls to
malloc per update, while the direct callers of swift_allocObject in the same profile add up to
42 and DHAT finds 32.3 allocations inside Evaluation.set. Count allocations inside a function
with dhat-allocations.py."""
import re, sys
from collections import Counter
names = {}
calls = Counter()
pending = None
wanted = ['malloc', 'free', 'swift_retain', 'swift_release', 'swift_allocObject', 'swift_bridgeObjectRetain', 'swift_bridgeObjectRelease', 'Hasher', 'swift_beginAccess']
total_ir = None
for line in open(sys.argv[1], errors='replace'):
    if line.startswith('cfn='):
        m = re.match(r'cfn=\((\d+)\)(?: (.*))?', line.strip())
        if m.group(2): names[m.group(1)] = m.group(2)
        pending = names.get(m.group(1), '?')
    elif line.startswith('fn='):
        m = re.match(r'fn=\((\d+)\)(?: (.*))?', line.strip())
        if m and m.group(2): names[m.group(1)] = m.group(2)
    elif line.startswith('calls=') and pending is not None:
        calls[pending] += int(line.split('=')[1].split()[0])
        pending = None
    elif line.startswith('summary:') or line.startswith('totals:'):
        total_ir = int(line.split()[1])
n = int(sys.argv[2]) if len(sys.argv) > 2 else 1
print(f"Ir total {total_ir:,}  per op {total_ir/n:,.0f}")
for w in wanted:
    c = sum(v for k, v in calls.items() if (k == w if w in ('malloc','free') else w in k))
    print(f"{w:28s} {c:>10,}  per op {c/n:,.1f}")
