#!/usr/bin/env python3
"""The house rules a script can check (issue 19), run by the test command:

1. no Rust source file outside tests is over 400 lines (small files named after their one thing);
2. no import circle among the console's modules (`app/src`): module A names module B
   (`crate::…`, `super::…`, `self::…` paths, comments left out) and B, through others, names A.
   A child naming its own ancestor (`super::X` from a submodule) is not a circle: the ancestor
   declares it.

Exits 1 naming what breaks a rule.
"""

import os
import re
import subprocess
import sys

MAX_LINES = 400
CIRCLE_FREE = ["app/src"]


def is_test(path):
    parts = path.split("/")
    name = parts[-1]
    return "tests" in parts[:-1] or name == "tests.rs" or name.endswith("_tests.rs")


def long_files(root):
    files = subprocess.run(
        ["git", "ls-files", "*.rs"], cwd=root, capture_output=True, text=True, check=True
    ).stdout.split()
    out = []
    for f in files:
        if is_test(f):
            continue
        with open(os.path.join(root, f), encoding="utf-8") as fh:
            n = sum(1 for _ in fh)
        if n > MAX_LINES:
            out.append(f"{f}: {n} lines (over {MAX_LINES})")
    return out


def modules(src):
    """Module path (tuple) -> file, for every .rs file under `src`."""
    found = {}
    for dirpath, _, names in os.walk(src):
        for name in names:
            if not name.endswith(".rs"):
                continue
            path = os.path.join(dirpath, name)
            parts = os.path.relpath(path, src)[:-3].split(os.sep)
            if parts[-1] in ("lib", "main", "mod"):
                parts = parts[:-1]
            found[tuple(parts)] = path
    return found


PATH = re.compile(r"\b((?:crate|super|self)(?:::(?:super|[A-Za-z_][A-Za-z0-9_]*))*)(::\{)?")
TESTS = re.compile(r"#\[cfg\((?:all\()?test\b.*?\)\]\s*mod tests")


def group_items(text, start):
    """The top-level items of the `{…}` group whose `{` is at `start` (nested groups kept)."""
    depth, item, items = 0, "", []
    for ch in text[start:]:
        if ch == "{":
            depth += 1
            if depth == 1:
                continue
        elif ch == "}":
            depth -= 1
            if depth == 0:
                items.append(item)
                break
        if ch == "," and depth == 1:
            items.append(item)
            item = ""
        else:
            item += ch
    return [i.strip() for i in items if i.strip()]


def paths(text):
    """Every `crate::`/`super::`/`self::` path in `text`, use groups expanded
    (`use super::{a::X, b}` names `super::a::X` and `super::b`)."""
    found = []

    def expand(prefix, item):
        head = re.match(r"((?:super|self|[A-Za-z_][A-Za-z0-9_]*)(?:::(?:super|[A-Za-z_][A-Za-z0-9_]*))*)(::\{)?", item)
        if not head:
            return
        full = prefix + "::" + head.group(1) if head.group(1) != "self" else prefix
        if head.group(2):
            for sub in group_items(item, head.end() - 1):
                expand(full, sub)
        else:
            found.append(full)

    for match in PATH.finditer(text):
        if match.group(2):
            for item in group_items(text, match.end() - 1):
                expand(match.group(1), item)
        elif "::" in match.group(1):
            found.append(match.group(1))
    return found


def names(module, segments, known):
    """The module a path written in `module` names (its longest known prefix), or None."""
    if segments[0] == "crate":
        full = list(segments[1:])
    else:
        full = list(module)
        rest = list(segments)
        if rest[0] == "self":
            rest = rest[1:]
        while rest and rest[0] == "super":
            full = full[:-1]
            rest = rest[1:]
        full += rest
    for i in range(len(full), -1, -1):
        if tuple(full[:i]) in known:
            return tuple(full[:i])
    return None


def circles(src, shown):
    known = modules(src)
    edges = {m: set() for m in known}
    for module, path in known.items():
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        text = TESTS.split(text)[0]
        text = "\n".join(line.split("//")[0] for line in text.split("\n"))
        for path in paths(text):
            target = names(module, path.split("::"), known)
            # An ancestor is named by its descendants without a circle: it declares them.
            if target is None or target == module or module[: len(target)] == target:
                continue
            edges[module].add(target)
    # Tarjan's strongly connected components, iteratively.
    index, low, on, stack, found = {}, {}, set(), [], []
    counter = 0
    for start in known:
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on.add(start)
        while work:
            v, it = work[-1]
            advanced = False
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(edges[w]))))
                    advanced = True
                    break
                if w in on:
                    low[v] = min(low[v], index[w])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                component = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    component.append("::".join(w) or "crate")
                    if w == v:
                        break
                if len(component) > 1:
                    found.append(f"{shown}: circle {' <-> '.join(sorted(component))}")
    return found


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    problems = long_files(root)
    for src in CIRCLE_FREE:
        problems += circles(os.path.join(root, src), src)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        sys.exit(1)
    print(f"house: no file over {MAX_LINES} lines outside tests; no module circle in {', '.join(CIRCLE_FREE)}")


if __name__ == "__main__":
    main()
