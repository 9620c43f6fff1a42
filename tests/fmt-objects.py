#!/usr/bin/env python3
"""rustfmt for what rustfmt cannot see: the resolvers written inside `object! { … }` in
api/src/graphql (rustfmt leaves a macro's braces alone). Each written `async fn` is laid out
by rustfmt with the project's settings, four columns narrower for the macro's indent.

    python3 tests/fmt-objects.py          rewrite in place
    python3 tests/fmt-objects.py --check  exit 1 and name the files that are not laid out so
"""
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
FN = re.compile(r"^        (?:///[^\n]*\n        |#\[[^\n]*\]\n        )*async fn ", re.M)


def blocks(text):
    """(start, end) of the body of each `object! {` … `}` (up to its closing brace)."""
    for m in re.finditer(r"^object! \{\n", text, re.M):
        end = text.index("\n}\n", m.end())
        yield m.end(), end


def written(body):
    """(start, end) of each written resolver in an object! body (docs and attributes too)."""
    out = []
    for m in FN.finditer(body):
        open_brace = body.index("{\n", body.index(")", m.end()))
        close = body.index("\n        }\n", open_brace)
        out.append((m.start(), close + len("\n        }")))
    return out


def rustfmt(methods):
    src = "impl X {\n" + "\n\n".join(dedent(m) for m in methods) + "\n}\n"
    done = subprocess.run(
        ["rustfmt", "--edition", "2024", "--config-path", str(ROOT / "rustfmt.toml"),
         "--config", "max_width=96", "--emit", "stdout"],
        input=src, capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout
    inner = done[done.index("{\n") + 2: done.rindex("}")].rstrip("\n")
    parts = re.split(r"\n\n(?=    (?:///|#\[|async fn ))", inner)
    return ["\n".join(("    " + l if l else l) for l in p.split("\n")) for p in parts]


def dedent(method):
    return "\n".join(l[4:] if l.startswith("    ") else l for l in method.split("\n"))


def format_file(path):
    text = path.read_text()
    out, last = [], 0
    for start, end in blocks(text):
        body = text[start:end]
        spans = written(body)
        if not spans:
            continue
        laid = rustfmt([body[a:b] for a, b in spans])
        assert len(laid) == len(spans), path
        new, pos = [], 0
        for (a, b), m in zip(spans, laid):
            new += [body[pos:a], m]
            pos = b
        new.append(body[pos:])
        out += [text[last:start], "".join(new)]
        last = end
    out.append(text[last:])
    return "".join(out)


def main():
    check = "--check" in sys.argv
    wrong = []
    for path in sorted((ROOT / "api/src/graphql").rglob("*.rs")):
        before = path.read_text()
        if "object! {" not in before:
            continue
        after = format_file(path)
        if after != before:
            wrong.append(path.relative_to(ROOT))
            if not check:
                path.write_text(after)
    for path in wrong:
        print(("not laid out by rustfmt: " if check else "formatted: ") + str(path))
    sys.exit(1 if check and wrong else 0)


main()
