#!/usr/bin/env python3
"""Adversarial corpus: hostile inputs run over every command of the sparsescape binary, each run classified.

The corpus is generated here (deterministic, seeded; nothing is committed): malformed and hostile configs,
CSV, .npy and .npz data, point files, theme files, sweep lines and option values. Every input is run over one
or more commands with a timeout and a memory limit, and every run is classified:

  clean      exit 2, stderr exactly one line starting 'sparsescape: error:', no control characters, under
             300 bytes, and no content of a file that is not what it should be echoed;
  numerical  exit 1 with such a line saying the run diverged ('training diverged after N steps', 'level N:
             training diverged'): a numerical failure during a run, which is exit 1 by design (a *given* point
             whose loss or gradient is already non-finite is bad input, exit 2, and would count as unclean);
  unclean    any other non-zero exit (other exit 1, several lines, control characters, echoed content, ...), or
             any run (exit 0 included) that prints a raw control character on stdout or stderr (C0 other than
             newline and tab, DEL, C1, or a Unicode line separator or bidi override): a name, path or value
             from the input must reach the terminal escaped;
  crash      killed by a signal, exit >= 128, or 'Fatal error' on stderr;
  hang       still running at the timeout;
  accepted   exit 0, and stdout and stderr free of raw control characters.

Prints the counts per outcome and per command, then every non-clean case with its input and command line
(--keep DIR keeps the corpus so it can be reproduced; --case ID runs one input). Exits 1 when any run
crashed or hung, so it can serve as a regression check.

Usage: python3 scripts/adversarial.py [--bin .build/debug/sparsescape] [--timeout 20] [--jobs 2] [--json]
"""

import argparse
import json
import os
import random
import re
import resource
import shlex
import signal
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor

SEED = 12
MEMORY_LIMIT = 4 << 30          # address-space limit of every run (bytes)
SECRET = "s3cr3t-c0ntent-7f"     # planted in files of the wrong kind; must never appear on stderr
PASSWD_LINE = re.compile(r"[a-z_][a-z0-9_-]*:x:\d+:\d+:")  # any line of /etc/passwd; likewise


class F:
    """A file of the input, by name; becomes its path in the input's directory."""

    def __init__(self, name):
        self.name = name


class Fifo:
    """A named pipe nobody writes to (reading it blocks)."""


class Dir:
    """A directory where a file is expected."""


class Link:
    """A symbolic link to `target` (absolute)."""

    def __init__(self, target):
        self.target = target


class Sparse:
    """A file of `size` bytes that starts with `head` and is a hole after it (no disk used)."""

    def __init__(self, head, size):
        self.head, self.size = head, size


class Input:
    """One hostile input: its files, a description, and the command lines (lists of str and F) it is run with."""

    def __init__(self, kind, desc, files, runs, secret=False):
        self.kind, self.desc, self.files, self.runs, self.secret = kind, desc, files, runs, secret
        self.id = 0


# ---------------------------------------------------------------- valid building blocks

def jdump(obj):
    return json.dumps(obj).encode()


BASE = {  # widths [2, 2, 1], all weights free: 6 parameters
    "name": "base", "description": "adversarial base network",
    "widths": [2, 2, 1],
    "masks": [[[1, 1], [1, 1]], [[1], [1]]],
    "X": [[1, 0], [0, 1], [1, 1], [2, -1]],
    "Y": [[1], [0], [1], [3]],
}
POINT = {"params": [0.5, -0.25, 0.75, 0.1, 1.0, -0.5]}
POINT2 = {"params": [-0.5, 0.25, -0.75, -0.1, -1.0, 0.5]}


def config(**changes):
    c = dict(BASE)
    for k, v in changes.items():
        if v is DROP:
            c.pop(k, None)
        else:
            c[k] = v
    return c


DROP = object()


def npy(values, shape=None, descr="<f8", fortran=False, version=1, header=None, payload=None):
    """The bytes of a .npy file; header/payload override the generated parts."""
    if shape is None:
        shape = (len(values),)
    if header is None:
        shape_text = "(" + ", ".join(str(s) for s in shape) + ("," if len(shape) == 1 else "") + ")"
        header = "{'descr': '%s', 'fortran_order': %s, 'shape': %s, }" % (descr, "True" if fortran else "False", shape_text)
    h = header.encode("latin-1") if isinstance(header, str) else header
    pre = 10 if version == 1 else 12
    h = h + b" " * ((-(pre + len(h) + 1)) % 64) + b"\n"
    out = b"\x93NUMPY" + bytes([version, 0])
    out += struct.pack("<H", len(h)) if version == 1 else struct.pack("<I", len(h))
    out += h
    if payload is None:
        fmt = {"<f8": "<%dd", ">f8": ">%dd", "<f4": "<%df", ">f4": ">%df"}.get(descr, "<%dd")
        payload = struct.pack(fmt % len(values), *values)
    return out + payload


def npz(members, compress=False):
    """A zip archive of (name, bytes) members, as np.savez(_compressed) writes."""
    import io
    import warnings
    buf = io.BytesIO()
    warnings.simplefilter("ignore")  # a duplicate member name is deliberate
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED) as z:
        for name, data in members:
            z.writestr(name, data)
    return buf.getvalue()


def patched(data, offset, new):
    return data[:offset] + new + data[offset + len(new):]


# ---------------------------------------------------------------- commands

# Command lines taking a config (CONFIG), cheap enough to finish quickly on a good one.
def config_runs(cfg, point=None, point2=None):
    p = point if point is not None else F("point.json")
    q = point2 if point2 is not None else F("point2.json")
    return {
        "train": ["train", cfg, "--steps", "20"],
        "certify": ["certify", cfg, "--point", p, "--restarts", "1"],
        "search": ["search", cfg, "--restarts", "2", "--steps", "20"],
        "slice": ["slice", cfg, "--point", p, "--grid", "3", "--out", F("out/slice.csv")],
        "path": ["path", cfg, "--from", p, "--to", q, "--images", "3", "--iterations", "10", "--candidates", "1"],
        "landscape": ["landscape", cfg, "--starts", "3", "--path-minima", "2"],
        "critical": ["critical", cfg, "--starts", "3", "--iterations", "20"],
        "regrow": ["regrow", cfg, "--point", p],
        "analyze": ["analyze", cfg],
        "prune": ["prune", cfg, "--levels", "1", "--steps", "20", "--restarts", "0"],
        "sweep": ["sweep", cfg, "--sample", "1", "--restarts", "1", "--steps", "20"],
        "explore": ["explore", cfg],
        "demo": ["demo", cfg],
    }


CONFIG_COMMANDS = list(config_runs("x").keys())
POINT_COMMANDS = ["certify", "slice", "path", "regrow", "train", "prune", "explore"]


def point_runs(point):
    """Command lines taking a point file, on the valid base config."""
    return {
        "certify": ["certify", F("base.json"), "--point", point, "--restarts", "1"],
        "slice": ["slice", F("base.json"), "--point", point, "--grid", "3", "--out", F("out/slice.csv")],
        "path": ["path", F("base.json"), "--from", point, "--to", F("point2.json"), "--images", "3", "--iterations", "10", "--candidates", "1"],
        "regrow": ["regrow", F("base.json"), "--point", point],
        "train": ["train", F("base.json"), "--point", point, "--steps", "20"],
        "prune": ["prune", F("base.json"), "--point", point, "--levels", "1", "--steps", "20", "--restarts", "0"],
        "explore": ["explore", F("base.json"), "--point", point],
    }


def support_files():
    return {"base.json": jdump(BASE), "point.json": jdump(POINT), "point2.json": jdump(POINT2), "out": Dir()}


class Corpus:
    def __init__(self, rng):
        self.rng = rng
        self.inputs = []
        self.turn = 0

    def pick(self, commands, k):
        """k commands, round-robin through `commands`, so every command sees its share of every input kind."""
        out = []
        for _ in range(k):
            out.append(commands[self.turn % len(commands)])
            self.turn += 1
        return sorted(set(out), key=commands.index)

    def add(self, kind, desc, files, runs, secret=False):
        all_files = support_files()
        all_files.update(files)
        self.inputs.append(Input(kind, desc, all_files, runs, secret))

    def config_input(self, desc, content, extra=None, k=3, secret=False, name="config.json"):
        """A bad config (bytes, or a Fifo/Dir/Link), run with `train` and k more config commands."""
        files = {name: content}
        files.update(extra or {})
        cmds = ["train"] + [c for c in self.pick(CONFIG_COMMANDS[1:], k) if c != "train"]
        runs = [config_runs(F(name))[c] for c in cmds]
        self.add("config", desc, files, runs, secret)

    def data_input(self, kind, desc, filename, content, role="X", k=2, secret=False):
        """A bad data file referenced by an otherwise valid config (as X, Y or a mask)."""
        if role == "X":
            cfg = config(X=filename)
        elif role == "Y":
            cfg = config(Y=filename)
        else:
            cfg = config(masks=[filename, [[1], [1]]])
        files = {"config.json": jdump(cfg), filename: content}
        cmds = ["train"] + [c for c in self.pick(CONFIG_COMMANDS[1:], k) if c != "train"]
        runs = [config_runs(F("config.json"))[c] for c in cmds]
        self.add(kind, desc, files, runs, secret)

    def point_input(self, desc, filename, content, k=3, secret=False, extra=None):
        files = {filename: content}
        files.update(extra or {})
        runs = [point_runs(F(filename))[c] for c in self.pick(POINT_COMMANDS, k)]
        self.add("point", desc, files, runs, secret)

    def theme_input(self, desc, value, files=None, secret=False):
        runs = [["explore", F("base.json"), "--theme", value]]
        self.add("theme", desc, files or {}, runs, secret)

    def option_input(self, desc, argv):
        self.add("option", desc, {}, [argv])


# ---------------------------------------------------------------- the corpus

def build_corpus(seed):
    rng = random.Random(seed)
    c = Corpus(rng)
    big = "A" * (10 << 20)

    # ---- configs: not JSON at all
    for desc, content in [
        ("empty file", b""), ("whitespace", b"  \n\t\n"), ("null", b"null"), ("array", b"[]"), ("number", b"42"),
        ("string", b'"widths"'), ("truncated JSON", jdump(BASE)[:40]), ("trailing garbage", jdump(BASE) + b" }}"),
        ("NUL bytes", b"\x00" * 64), ("invalid UTF-8", b'{"name": "\xff\xfe", "widths": [2,1]}'),
        ("UTF-16 with BOM", "\ufeff".encode("utf-16-le") + json.dumps(BASE).encode("utf-16-le")),
        ("UTF-8 BOM", b"\xef\xbb\xbf" + jdump(BASE)),
        ("random bytes", bytes(rng.randrange(256) for _ in range(512))),
        ("JSON with comments", b"// config\n" + jdump(BASE)),
        ("single quotes", json.dumps(BASE).replace('"', "'").encode()),
        ("NaN literal", jdump(BASE).replace(b'"Y": [[1]', b'"Y": [[NaN]')),
        ("Infinity literal", jdump(BASE).replace(b'"Y": [[1]', b'"Y": [[Infinity]')),
        ("deep nesting (100000 [)", b"[" * 100000), ("deep nesting (100000 {\"a\":)", b'{"a":' * 100000),
        ("deep nesting in X (5000)", b'{"widths":[2,1],"masks":[[[1],[1]]],"X":' + b"[" * 5000 + b"]" * 5000 + b',"Y":[[1]]}'),
        ("10 MB of spaces then JSON", b" " * (10 << 20) + jdump(BASE)),
        ("ANSI escape as file content", b"\x1b[2J\x1b[31m" + SECRET.encode() + b"\x1b[0m"),
        ("plain text with a secret", ("this is not a config: %s\n" % SECRET).encode() * 3),
    ]:
        c.config_input(desc, content, secret=content.find(SECRET.encode()) >= 0)
    c.config_input("/etc/passwd as config", Link("/etc/passwd"), secret=True)
    c.config_input("a directory as config", Dir())
    c.config_input("a FIFO as config (never written)", Fifo())
    c.config_input("/dev/zero as config", Link("/dev/zero"))
    c.config_input("/dev/null as config", Link("/dev/null"))
    c.config_input("dangling symlink as config", Link("/nonexistent/sparsescape-adversarial"))
    c.config_input("config named with control characters", jdump(BASE), name="co\x1b[31mnf\x07ig.json")

    # ---- configs: wrong types, one field at a time
    wrong = {
        "widths": ["3", 3, None, {}, [[2]], [2.5, 1], [True, 1], ["2", "1"], [], [2], [2, None]],
        "masks": ["x", 1, None, [], [1], [[[2, 1], [1, 1]], [[1], [1]]], [[["a", 1], [1, 1]], [[1], [1]]],
                  [[[0.5, 1], [1, 1]], [[1], [1]]], [[[1, 1], [1, 1]]], [[[1, 1]], [[1], [1]]],
                  [[[1, 1, 1], [1, 1]], [[1], [1]]], [[[1, 1], [1, 1]], [[1], [1]], [[1]]], [[[-1, 1], [1, 1]], [[1], [1]]]],
        "X": [5, None, [], [[]], [[1, "a"]], [[1, 0], [1]], [[1, 0, 1]], "nofile.npy", "x.txt", "", "/", [[1e308, 1e308]],
              [[1, 0]] * 1, {"a": 1}, [[True, False]]],
        "Y": [5, None, [], [[]], [[1, 2]], [[1]], "nofile.csv", [[1], [0]], [["x"], [1], [1], [1]]],
        "start": ["a", [1], [], [1, 2, 3, 4, 5, 6, 7], [None] * 6, [1e308] * 6, ["1"] * 6, {}],
        "optimizer": [5, "", "sgd", "GD", "gd ", "\x1b[31mgd", None, ["gd"]],
        "lr": [-1, 0, "x", 1e308, -1e-300, None, [0.1], True],
        "points": [[], {"a": "b"}, {"a": [1]}, {"a": [1] * 6, "b": "x"}, {"": [0] * 6}, {"\x1b[2J": [0] * 6},
                   {"a": [None] * 6}, "x", {"a": [[1] * 6]}],
        "name": [5, None, ["x"], "\x1b[2J\x1b[31mred", "a\nb", "\x00", "x" * 100000],
        "description": [5, ["x"], "\x1b]0;title\x07", "line1\nline2\rline3"],
    }
    for field, values in wrong.items():
        for v in values:
            shown = json.dumps(v)
            if len(shown) > 50:
                shown = shown[:47] + "..."
            c.config_input("%s = %s" % (field, shown), jdump(config(**{field: v})))
    for field in ["widths", "masks", "X", "Y"]:
        c.config_input("missing %s" % field, jdump(config(**{field: DROP})))
    c.config_input("unknown extra field", jdump(config(extra={"a": [1, 2]}, wideths=[2, 1])))

    # ---- configs: numbers
    for desc, cfg in [
        ("widths [0, 1]", config(widths=[0, 1], masks=[[]], X=[[1]], Y=[[1]])),
        ("widths [-1, 1]", config(widths=[-1, 1], masks=[[[1]]], X=[[1]], Y=[[1]])),
        ("widths [1000001, 1]", config(widths=[1000001, 1], masks=[[[1]]], X=[[1]], Y=[[1]])),
        ("widths [100000, 1, 1] with tiny data", config(widths=[100000, 1, 1], masks=[[[1]], [[1]]], X=[[1]], Y=[[1]])),
        ("widths [3, 2**63-1]", config(widths=[3, 2 ** 63 - 1])),
        ("widths [3, 2**64]", config(widths=[3, 2 ** 64])),
        ("widths [1e400, 1]", None),
        ("widths [2, 2, 1] masks all zero", config(masks=[[[0, 0], [0, 0]], [[0], [0]]])),
        ("X with 1e400", None),
        ("X with -1e400", None),
        ("X all zero", config(X=[[0, 0]] * 4)),
        ("X with 1e308 (overflowing loss)", config(X=[[1e308, 1e308]] * 4)),
        ("X and Y of different row counts", config(Y=[[1], [0]])),
        ("one data row", config(X=[[1, 0]], Y=[[1]])),
        ("lr 1e308 (divergence)", config(lr=1e308, optimizer="gd")),
        ("start with 1e300 entries", config(start=[1e300] * 6)),
        ("start with 1e-320 (subnormal)", config(start=[1e-320] * 6)),
        ("points with 1e400", None),
    ]:
        if cfg is None:
            text = {"widths [1e400, 1]": jdump(config()).replace(b'"widths": [2, 2, 1]', b'"widths": [1e400, 1]'),
                    "X with 1e400": jdump(config()).replace(b'"X": [[1, 0]', b'"X": [[1e400, 0]'),
                    "X with -1e400": jdump(config()).replace(b'"X": [[1, 0]', b'"X": [[-1e400, 0]'),
                    "points with 1e400": jdump(config(points={"p": [0] * 6})).replace(b'"p": [0', b'"p": [1e400')}[desc]
        else:
            text = jdump(cfg)
        c.config_input(desc, text)

    # 2000 layers of width 1 (valid, but deep), and 2000 layers with a wrong mask count
    deep = config(widths=[1] * 2001, masks=[[[1]]] * 2000, X=[[1.0], [2.0]], Y=[[1.0], [2.0]])
    c.config_input("2000 layers of width 1", jdump(deep), k=2)
    c.config_input("2000 layers, 1999 masks", jdump(config(widths=[1] * 2001, masks=[[[1]]] * 1999, X=[[1.0]], Y=[[1.0]])))
    c.config_input("widths of 100000 layers", jdump(config(widths=[1] * 100000, masks=[[[1]]] * 99999, X=[[1.0]], Y=[[1.0]])), k=1)
    wide = config(widths=[2, 3000, 1], masks=[[[1] * 3000] * 2, [[1]] * 3000])
    c.config_input("hidden width 3000 (6000 free weights)", jdump(wide), k=2)

    # duplicate keys, control characters, huge strings
    c.config_input("duplicate key widths", b'{"widths": [9, 9], ' + jdump(BASE)[1:])
    c.config_input("duplicate key X (second wins?)", jdump(BASE)[:-1] + b', "X": "dup.npy"}')
    for v in ["\x1b[2J\x1b[H", "\x00\x01\x02", "\u202eevil", "tab\there", "\x9b31m", "\ud800"]:
        c.config_input("name with %r" % v, json.dumps(config(name=v), ensure_ascii=True).encode())
        c.config_input("X path with %r" % v, json.dumps(config(X=v + ".npy"), ensure_ascii=True).encode())
    c.config_input("10 MB name", jdump(config(name=big)), k=1)
    c.config_input("10 MB X path", jdump(config(X=big + ".npy")), k=1)
    c.config_input("10 MB number", jdump(config()).replace(b'"Y": [[1]', b'"Y": [[1' + b"0" * (10 << 20)), k=1)
    c.config_input("X path is /etc/passwd", jdump(config(X="/etc/passwd")), secret=True)
    c.config_input("X path is /etc/passwd.csv via symlink", jdump(config(X="passwd.csv")),
                   extra={"passwd.csv": Link("/etc/passwd")}, secret=True)
    c.config_input("X path is a FIFO .csv", jdump(config(X="fifo.csv")), extra={"fifo.csv": Fifo()})
    c.config_input("X path is /dev/zero via .npy symlink", jdump(config(X="zero.npy")), extra={"zero.npy": Link("/dev/zero")})
    c.config_input("X path is a directory .npy", jdump(config(X="d.npy")), extra={"d.npy": Dir()})
    c.config_input("X path escapes with ../../..", jdump(config(X="../../../../../../etc/passwd.csv")))

    # random field mutations of the base config
    for i in range(40):
        cfg = json.loads(json.dumps(BASE))
        field = rng.choice(["widths", "masks", "X", "Y"])
        junk = rng.choice([-1, 0, 1e300, -1e300, 7, "x", None, [], [[]], [[1, 2, 3]], [[0.5]], 2 ** 40, True])
        target = cfg[field]
        path = []
        while isinstance(target, list) and target and rng.random() < 0.7:
            k = rng.randrange(len(target))
            path.append(k)
            if isinstance(target[k], list):
                target = target[k]
            else:
                target[k] = junk
                break
        else:
            cfg[field] = junk
        c.config_input("mutation %d: %s%s <- %s" % (i, field, "".join("[%d]" % k for k in path), json.dumps(junk)), jdump(cfg), k=2)

    # ---- CSV data (as X unless stated)
    csvs = [
        ("empty CSV", b""), ("only a header", b"a,b\n"), ("only comments", b"# x\n# y\n"),
        ("NUL bytes", b"1,0\n0,\x001\n1,1\n2,-1\n"), ("ragged rows", b"1,0\n0\n1,1\n2,-1\n"),
        ("1e400", b"1e400,0\n0,1\n1,1\n2,-1\n"), ("-1e400", b"-1e400,0\n0,1\n1,1\n2,-1\n"),
        ("nan", b"nan,0\n0,1\n1,1\n2,-1\n"), ("inf", b"inf,0\n0,1\n1,1\n2,-1\n"),
        ("hex float", b"0x1p3,0\n0,1\n1,1\n2,-1\n"), ("quoted numbers", b'"1","0"\n"0","1"\n"1","1"\n"2","-1"\n'),
        ("semicolons", b"1;0\n0;1\n1;1\n2;-1\n"), ("CRLF", b"1,0\r\n0,1\r\n1,1\r\n2,-1\r\n"), ("CR only", b"1,0\r0,1\r1,1\r2,-1\r"),
        ("UTF-8 BOM", b"\xef\xbb\xbf1,0\n0,1\n1,1\n2,-1\n"), ("invalid UTF-8", b"1,0\n0,\xff\n1,1\n2,-1\n"),
        ("UTF-16", "1,0\n0,1\n1,1\n2,-1\n".encode("utf-16")),
        ("ANSI escape in a field", b"1,0\n0,\x1b[31m1\n1,1\n2,-1\n"), ("trailing comma", b"1,0,\n0,1,\n1,1,\n2,-1,\n"),
        ("empty fields", b",\n,\n"), ("100000 columns", (",".join(["1"] * 100000) + "\n").encode()),
        ("one column (X needs two)", b"1\n0\n1\n2\n"), ("three columns", b"1,0,1\n0,1,1\n1,1,1\n2,-1,1\n"),
        ("10 MB line", b"1," + b"1" * (10 << 20) + b"\n"), ("1e6 rows", b"1,0\n" * 1000000),
        ("numbers with spaces inside", b"1 0,0\n0,1\n1,1\n2,-1\n"), ("+1 and .5", b"+1,.5\n0,1\n1,1\n2,-1\n"),
        ("Unicode minus", "−1,0\n0,1\n1,1\n2,-1\n".encode()), ("fullwidth digits", "１,0\n0,1\n1,1\n2,-1\n".encode()),
        ("secret text", ("%s,%s\n" % (SECRET, SECRET)).encode() * 4),
        ("header then ragged", b"a,b\n1\n"), ("two header lines", b"a,b\nc,d\n1,0\n"),
    ]
    for desc, content in csvs:
        c.data_input("csv", "CSV X: " + desc, "x.csv", content, secret=SECRET.encode() in content)
    c.data_input("csv", "CSV Y: 1e400", "y.csv", b"1e400\n0\n1\n3\n", role="Y")
    c.data_input("csv", "CSV Y: ragged", "y.csv", b"1\n0,1\n1\n3\n", role="Y")
    c.data_input("csv", "CSV mask: 2 entries", "m.csv", b"2,1\n1,1\n", role="mask")
    c.data_input("csv", "CSV mask: nan", "m.csv", b"nan,1\n1,1\n", role="mask")
    c.data_input("csv", "CSV mask: 0.5", "m.csv", b"0.5,1\n1,1\n", role="mask")
    c.data_input("csv", "CSV mask: wrong shape", "m.csv", b"1,1,1\n1,1,1\n", role="mask")
    c.data_input("csv", "/etc/passwd as CSV", "x.csv", Link("/etc/passwd"), secret=True)

    # ---- .npy data (as X unless stated)
    good_x = npy([1, 0, 0, 1, 1, 1, 2, -1], (4, 2))
    npys = [
        ("valid big-endian f8", npy([1, 0, 0, 1, 1, 1, 2, -1], (4, 2), ">f8")),
        ("valid f4", npy([1, 0, 0, 1, 1, 1, 2, -1], (4, 2), "<f4")),
        ("fortran order", npy([1, 0, 1, 2, 0, 1, 1, -1], (4, 2), fortran=True)),
        ("empty file", b""), ("magic only", b"\x93NUMPY"), ("truncated header", good_x[:20]),
        ("truncated data", good_x[:-3]), ("no data", good_x[:128]),
        ("dtype <i8", npy([1] * 8, (4, 2), "<i8", payload=struct.pack("<8q", *[1] * 8))),
        ("dtype |b1", npy([], (4, 2), "|b1", payload=b"\x01" * 8)),
        ("dtype <c16", npy([], (4, 2), "<c16", payload=b"\x00" * 128)),
        ("dtype <U3", npy([], (4, 2), "<U3", payload=b"\x00" * 96)),
        ("dtype object", npy([], (4, 2), "|O", payload=b"\x80\x02N.")),
        ("dtype with ANSI escape", npy([], (4, 2), "\x1b[31m<f8", payload=b"\x00" * 64)),
        ("shape (2,2,2)", npy([1] * 8, (2, 2, 2))), ("shape ()", npy([1], ())),
        ("shape (0, 2)", npy([], (0, 2))), ("shape (4, 0)", npy([], (4, 0))),
        ("shape (-1, 2)", npy([1] * 8, (-1, 2))),
        ("huge shape (10**9, 10**9)", npy([1] * 8, (10 ** 9, 10 ** 9))),
        ("overflowing shape (2**62, 4)", npy([1] * 8, (2 ** 62, 4))),
        ("shape 2**64", npy([1] * 8, (2 ** 64, 2))),
        ("version 2 header", npy([1, 0, 0, 1, 1, 1, 2, -1], (4, 2), version=2)),
        ("version 9", patched(good_x, 6, b"\x09")),
        ("header length beyond the file", patched(good_x, 8, b"\xff\xff")),
        ("v2 header length 2**31", patched(npy([1] * 8, (4, 2), version=2), 8, b"\x00\x00\x00\x80")),
        ("header not UTF-8", npy([1] * 8, header=b"{'descr': '<f8', '\xff': 1, 'fortran_order': False, 'shape': (4, 2), }")),
        ("header without descr", npy([1] * 8, header="{'fortran_order': False, 'shape': (4, 2), }")),
        ("header without shape", npy([1] * 8, header="{'descr': '<f8', 'fortran_order': False, }")),
        ("shape without closing paren", npy([1] * 8, header="{'descr': '<f8', 'fortran_order': False, 'shape': (4, 2, }")),
        ("shape entries not numbers", npy([1] * 8, header="{'descr': '<f8', 'fortran_order': False, 'shape': (four, 2), }")),
        ("shape with a secret", npy([1] * 8, header="{'descr': '<f8', 'fortran_order': False, 'shape': (%s, 2), }" % SECRET)),
        ("NaN payload", npy([float("nan")] * 8, (4, 2))), ("inf payload", npy([float("inf")] * 8, (4, 2))),
        ("1e308 payload", npy([1e308] * 8, (4, 2))),
        ("wrong shape (2, 4)", npy([1] * 8, (2, 4))), ("1-D (8,)", npy([1] * 8, (8,))),
        ("a zip file named .npy", npz([("x.npy", good_x)])),
        ("text with a secret named .npy", ("%s\n" % SECRET).encode() * 5),
    ]
    for desc, content in npys:
        c.data_input("npy", "npy X: " + desc, "x.npy", content, secret=SECRET.encode() in content)
    c.data_input("npy", "npy Y: NaN", "y.npy", npy([float("nan")] * 4, (4, 1)), role="Y")
    c.data_input("npy", "npy Y: huge shape", "y.npy", npy([1] * 4, (2 ** 40, 1)), role="Y")
    c.data_input("npy", "npy mask: 2.0 entries", "m.npy", npy([2, 1, 1, 1], (2, 2)), role="mask")
    c.data_input("npy", "npy mask: truncated", "m.npy", npy([1, 1, 1, 1], (2, 2))[:-5], role="mask")
    c.data_input("npy", "/etc/passwd as .npy", "x.npy", Link("/etc/passwd"), secret=True)
    for i in range(30):  # random byte flips in a valid .npy
        data = bytearray(good_x)
        for _ in range(rng.randint(1, 6)):
            data[rng.randrange(len(data) if rng.random() < 0.3 else 128)] = rng.randrange(256)
        c.data_input("npy", "npy X: %d random byte flips (seeded)" % i, "x.npy", bytes(data), k=1)

    # ---- point files (on the valid base config)
    w1 = [[0.5, -0.25], [0.75, 0.1]]
    w2 = [[1.0], [-0.5]]
    points = [
        ("params wrong length", "p.json", jdump({"params": [1, 2, 3]})),
        ("params empty", "p.json", jdump({"params": []})),
        ("params a string", "p.json", jdump({"params": "x"})),
        ("params with null", "p.json", jdump({"params": [None] * 6})),
        ("params with 1e400", "p.json", b'{"params": [1e400, 0, 0, 0, 0, 0]}'),
        ("params nested", "p.json", jdump({"params": [[1] * 6]})),
        ("params 10**6 entries", "p.json", jdump({"params": [0] * 1000000})),
        ("layers wrong count", "p.json", jdump({"layers": [w1]})),
        ("layers wrong shape", "p.json", jdump({"layers": [[[1, 2, 3]], w2]})),
        ("layers ragged", "p.json", jdump({"layers": [[[1, 2], [3]], w2]})),
        ("layers flat", "p.json", jdump({"layers": [[1, 2, 3, 4], w2]})),
        ("layers with strings", "p.json", jdump({"layers": ["W1.txt", w2]})),
        ("layers naming /etc/passwd", "p.json", jdump({"layers": ["/etc/passwd", w2]})),
        ("layers naming a missing .npy", "p.json", jdump({"layers": ["nofile.npy", w2]})),
        ("layers naming ../../../etc/passwd.npy", "p.json", jdump({"layers": ["../../../../../etc/passwd.npy", w2]})),
        ("layers naming a .npy with control chars", "p.json", jdump({"layers": ["\x1b[31mW1.npy", w2]})),
        ("both params and layers", "p.json", jdump({"params": POINT["params"], "layers": [w1, w2]})),
        ("neither params nor layers", "p.json", jdump({"point": [1]})),
        ("empty file", "p.json", b""), ("not JSON", "p.json", b"params = 1,2,3"),
        ("secret text", "p.json", ("%s\n" % SECRET).encode()),
        ("deep nesting", "p.json", b'{"params":' + b"[" * 100000),
        ("npy wrong length", "p.npy", npy([1, 2, 3])),
        ("npy 2-D for a 2-layer network", "p.npy", npy([1] * 4, (2, 2))),
        ("npy NaN", "p.npy", npy([float("nan")] * 6)),
        ("npy huge shape", "p.npy", npy([1] * 6, (2 ** 50,))),
        ("npy truncated", "p.npy", npy([1] * 6)[:-7]),
        ("npz empty zip", "p.npz", npz([])),
        ("npz W1 only", "p.npz", npz([("W1.npy", npy([0.5, -0.25, 0.75, 0.1], (2, 2)))])),
        ("npz W1, W2 wrong shapes", "p.npz", npz([("W1.npy", npy([1] * 4, (4, 1))), ("W2.npy", npy([1, 2], (1, 2)))])),
        ("npz W1, W2, W3", "p.npz", npz([("W%d.npy" % i, npy([1] * 4, (2, 2))) for i in (1, 2, 3)])),
        ("npz W1 and arr_1", "p.npz", npz([("W1.npy", npy([1] * 4, (2, 2))), ("arr_1.npy", npy([1, 1], (2, 1)))])),
        ("npz params 2-D", "p.npz", npz([("params.npy", npy([1] * 6, (2, 3)))])),
        ("npz params and W1", "p.npz", npz([("params.npy", npy([1] * 6)), ("W1.npy", npy([1] * 4, (2, 2)))])),
        ("npz duplicate member", "p.npz", npz([("W1.npy", npy([1] * 4, (2, 2))), ("W1.npy", npy([1] * 4, (2, 2)))])),
        ("npz member not .npy", "p.npz", npz([("W1", npy([1] * 4, (2, 2))), ("readme.txt", SECRET.encode())])),
        ("npz member is not an npy", "p.npz", npz([("params.npy", SECRET.encode() * 4)])),
        ("npz deflated, truncated", "p.npz", npz([("params.npy", npy([1] * 6))], compress=True)[:-30]),
        ("npz CRC damaged", "p.npz", None),
        ("npz declares 4 GiB uncompressed", "p.npz", None),
        ("npz encrypted flag", "p.npz", None),
        ("npz bzip2 method", "p.npz", None),
        ("npz zip bomb (10 MB of zeros, deflated)", "p.npz", npz([("params.npy", npy([0] * 6) + b"\x00" * (10 << 20))], compress=True)),
        ("npz with a member name of control chars", "p.npz", npz([("\x1b[2J.npy", npy([1] * 6))])),
        ("zip named .json", "p.json", npz([("params.npy", npy([1] * 6))])),
        ("npy named .npz", "p.npz", npy([1] * 6)),
        ("/etc/passwd as point", "passwd", Link("/etc/passwd")),
        ("/etc/passwd as .npz", "p.npz", Link("/etc/passwd")),
        ("a directory as point", "p.json", Dir()),
        ("a FIFO as point", "p.json", Fifo()),
        ("/dev/zero as .npy point", "p.npy", Link("/dev/zero")),
    ]
    good_npz = npz([("params.npy", npy(POINT["params"]))])
    central = good_npz.rfind(b"PK\x01\x02")
    for desc, name, content in points:
        if content is None:
            data = bytearray(good_npz)
            if desc == "npz CRC damaged":
                data[central + 16] ^= 0xFF
                data[14] ^= 0xFF
            elif desc == "npz declares 4 GiB uncompressed":
                data[central + 24:central + 28] = b"\xfe\xff\xff\xff"
            elif desc == "npz encrypted flag":
                data[central + 8] |= 1
                data[6] |= 1
            else:
                data[central + 10] = 12
                data[8] = 12
            content = bytes(data)
        secret = isinstance(content, Link) and "passwd" in content.target or (isinstance(content, bytes) and SECRET.encode() in content)
        c.point_input("point: " + desc, name, content, secret=secret)
    for i in range(30):  # random byte flips in a valid .npz
        data = bytearray(good_npz)
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        c.point_input("point: npz with %d random byte flips (seeded)" % i, "p.npz", bytes(data), k=1)
    for label in ["", "\x1b[2J", "nope", "x" * 10000, "-", "/"]:
        c.point_input("point label %r" % label[:20], "unused", b"", k=2)
        c.inputs[-1].runs = [[a if not (isinstance(a, F) and a.name == "unused") else label for a in r] for r in c.inputs[-1].runs]

    # ---- theme files
    themes = [
        ("empty theme file", b""), ("bad colour", b'theme[main_bg]="#GGGGGG"\n'),
        ("missing =", b'theme[main_bg] "#000000"\n'), ("unterminated quote", b'theme[main_bg]="#000000\n'),
        ("bad key", b'theme[main bg!]="#000000"\n'), ("no theme[", b'main_bg="#000000"\n'),
        ("control characters", b'theme[main_bg]="\x1b[31m#000000"\n'),
        ("NUL byte", b'theme[main_bg]="#00\x000000"\n'), ("invalid UTF-8", b'theme[main_bg]="#\xff\xfe0000"\n'),
        ("decimal out of range", b'theme[main_bg]="256 0 0"\n'), ("negative decimal", b'theme[main_bg]="-1 0 0"\n'),
        ("10 MB line", b'theme[main_bg]="' + b"#" * (10 << 20) + b'"\n'),
        ("100000 keys", b"".join(b'theme[k%d]="#000000"\n' % i for i in range(100000))),
        ("secret text", ("%s\n" % SECRET).encode()), ("binary", bytes(rng.randrange(256) for _ in range(256))),
        ("fullwidth hex digits", 'theme[main_bg]="#１２３４５６"\n'.encode()),
        ("combining character after [", 'theme[\u0301main_bg]="#000000"\n'.encode()),
    ]
    for desc, content in themes:
        c.theme_input("theme: " + desc, F("t.theme"), {"t.theme": content}, secret=SECRET.encode() in content)
    c.theme_input("theme: /etc/passwd", "/etc/passwd", secret=True)
    c.theme_input("theme: /etc/passwd via .theme symlink", F("passwd.theme"), {"passwd.theme": Link("/etc/passwd")}, secret=True)
    c.theme_input("theme: a directory", F("d.theme"), {"d.theme": Dir()})
    c.theme_input("theme: a FIFO", F("f.theme"), {"f.theme": Fifo()})
    c.theme_input("theme: /dev/zero", "/dev/zero")
    c.theme_input("theme: /dev/urandom via .theme", F("r.theme"), {"r.theme": Link("/dev/urandom")})
    for name in ["", "nope", "\x1b[2J", "../../etc/passwd", "x" * 10000, "default\n"]:
        c.theme_input("theme name %r" % name[:20], name)

    # ---- sweep-merge lines
    sweep_lines = [
        ("empty file", b""), ("not JSON", b"hello\n"), ("secret text", ("%s\n" % SECRET).encode()),
        ("JSON of the wrong shape", b'{"a": 1}\n'), ("truncated line", b'{"index": 1, "mask": [1,'),
        ("NUL bytes", b"\x00" * 100), ("10 MB line", b'{"x": "' + b"a" * (10 << 20) + b'"}\n'),
        ("deep nesting", b"[" * 100000 + b"\n"),
    ]
    for desc, content in sweep_lines:
        c.add("sweep-merge", "sweep-merge: " + desc, {"s.jsonl": content}, [["sweep-merge", F("s.jsonl")]],
              secret=SECRET.encode() in content)
    c.add("sweep-merge", "sweep-merge: /etc/passwd", {}, [["sweep-merge", "/etc/passwd"]], secret=True)
    c.add("sweep-merge", "sweep-merge: a directory", {}, [["sweep-merge", F("out")]])
    c.add("sweep-merge", "sweep-merge: missing file", {}, [["sweep-merge", "/nonexistent/x.jsonl"]])

    # ---- option values, command by command
    ints = ["-1", "0", "9223372036854775807", "99999999999999999999", "abc", "", "1.5", "0x10"]
    doubles = ["-1", "0", "nan", "inf", "-inf", "1e400", "abc", ""]
    outs = ["", F("out"), "/nonexistent-dir/x.csv", F("out/\x1b[31mx.csv"), "/proc/version"]
    strings = ["", "bogus", "\x1b[2J", "x" * 10000]
    base = F("base.json")
    p = F("point.json")
    options = {
        "train": (["train", base, "--steps", "20"], {"--steps": ints, "--tol": doubles, "--rel-tol": doubles, "--max-norm": doubles,
                  "--seed": ints, "--lr": doubles, "--optimizer": strings, "--out": outs, "--trajectory": outs,
                  "--trajectory-every": ints, "--plot": outs}),
        "certify": (["certify", base, "--point", p], {"--grad-tol": doubles, "--eig-tol": doubles, "--restarts": ints,
                    "--seed": ints, "--density-method": strings, "--slq-probes": ints, "--slq-steps": ints, "--density-bins": ints,
                    "--density-sigma": doubles, "--density": outs}),
        "search": (["search", base, "--restarts", "2", "--steps", "20"], {"--restarts": ints, "--steps": ints, "--tol": doubles,
                   "--init-scale": doubles, "--seed": ints, "--optimizer": strings, "--lr": doubles}),
        "slice": (["slice", base, "--point", p, "--grid", "3", "--out", F("out/s.csv")], {"--grid": ints, "--span": doubles,
                  "--dirs": strings + ["toward:", "toward:\x1b[2J", "plane:a", "hessian:99,99", "hessian:-1,0", "pca:/etc/passwd", "pca:"],
                  "--out": outs, "--dir1": ["", "/etc/passwd", F("out")], "--seed": ints, "--basin-steps": ints,
                  "--basin-optimizer": strings, "--plot": outs, "--plot-style": strings, "--plot-scale": strings,
                  "--plot-path": ["/etc/passwd", "", F("out")]}),
        "path": (["path", base, "--from", p, "--to", F("point2.json"), "--images", "3", "--iterations", "10", "--candidates", "1"],
                 {"--images": ints, "--iterations": ints, "--candidates": ints, "--out": outs, "--saddle-out": outs,
                  "--from": strings + ["/etc/passwd"]}),
        "landscape": (["landscape", base, "--starts", "3", "--path-minima", "2"], {"--starts": ints, "--path-minima": ints,
                      "--seed": ints, "--dot": outs}),
        "critical": (["critical", base, "--starts", "3", "--iterations", "20"], {"--starts": ints, "--iterations": ints,
                     "--init-scale": doubles, "--grad-tol": doubles, "--seed": ints}),
        "regrow": (["regrow", base, "--point", p], {"--point": strings + ["/etc/passwd"]}),
        "analyze": (["analyze", base], {"--effective-out": outs}),
        "prune": (["prune", base, "--levels", "1", "--steps", "20", "--restarts", "0"], {"--method": strings, "--scope": strings,
                  "--sparsity": doubles + ["1", "0.999999"], "--levels": ints, "--rate": doubles + ["1"], "--rewind": ints,
                  "--steps": ints, "--restarts": ints, "--level": ints, "--out-config": outs, "--tol": doubles}),
        "sweep": (["sweep", base, "--sample", "1", "--restarts", "1", "--steps", "20"], {"--sample": ints, "--restarts": ints,
                  "--shard": strings + ["0/1", "2/1", "1/0", "-1/2", "1/9223372036854775807", "1/"], "--steps": ints,
                  "--tol": doubles, "--init-scale": doubles, "--seed": ints}),
        "explore": (["explore", base], {"--theme": strings, "--glyphs": strings, "--out-dir": outs, "--speed": strings + ["0", "-1"],
                    "--seed": ints, "--optimizer": strings, "--lr": doubles}),
        "verify-theorems": (["verify-theorems", "--trials", "1", "--restarts", "1"], {"--trials": ints, "--restarts": ints, "--seed": ints}),
        "presets": (["presets", "show"], {}),
    }
    for command, (prefix, opts) in options.items():
        for opt, values in opts.items():
            for v in values:
                argv = list(prefix)
                if opt in argv:
                    argv[argv.index(opt) + 1] = v
                else:
                    argv += [opt, v]
                shown = v.name if isinstance(v, F) else v
                c.option_input("%s %s %r" % (command, opt, shown[:30] if len(shown) > 30 else shown), argv)
    for name in ["", "nope", "\x1b[2J", "../../../etc/passwd", "x" * 10000, "theorem5\x00"]:
        if "\x00" in name:
            continue
        c.option_input("presets show %r" % name[:20], ["presets", "show", name])
    for argv in [["bogus-command"], ["train"], ["train", "--steps"], ["--version", "x"], ["train", "\x1b[2J"],
                 ["train", "theorem5", "--no-such-option"], ["slice", "theorem5", "--point", "spurious-minimum"],
                 ["train", "x" * 100000]]:
        c.option_input("argv %r" % " ".join(argv)[:40], argv)

    # ---- added later (kept at the end so the ids above stay those of earlier runs)
    # file names that reach stdout: a point file and an output file named with control characters
    c.point_input("point file named with control characters", "p\x1b[31m\x07.json", jdump(POINT), k=4)
    c.option_input("train --out with a newline and ESC in the name", ["train", base, "--steps", "20", "--out", F("out/a\nb\x1b[2J.json")])
    c.option_input("path --from a file named with control characters, --out likewise",
                   ["path", base, "--from", F("p\x1b]0;t\x07.json"), "--to", F("point2.json"), "--images", "3",
                    "--iterations", "10", "--candidates", "1", "--out", F("out/\x1b[31mp.csv")])
    c.inputs[-1].files["p\x1b]0;t\x07.json"] = jdump(POINT)
    # long lists in messages: many point labels, many widths
    many = {"l%d-%s" % (i, "x" * 30): [0] * 6 for i in range(1000)}
    c.add("config", "1000 point labels, --point names none of them", {"config.json": jdump(config(points=many))},
          [["certify", F("config.json"), "--point", "nope", "--restarts", "1"], ["regrow", F("config.json"), "--point", "nope"]])
    c.config_input("widths with a 0 after 5000 ones", jdump(config(widths=[1] * 5000 + [0], masks=[[[1]]] * 5000)), k=1)
    # a CSV with a header, then text with digits in it; /etc/passwd lines other than root's
    c.data_input("csv", "CSV X: header then a line of text with digits", "x.csv", ("a,b\n%s\n" % SECRET).encode(), secret=True)
    c.data_input("csv", "CSV X: the lines of /etc/passwd after its first", "x.csv",
                 b"# not root\n" + b"daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n" * 3, secret=True)
    c.data_input("npy", "npy X: dtype holding a secret", "x.npy", npy([], (4, 2), SECRET, payload=b"\x00" * 64), secret=True)

    # ---- issue 21 (appended: the ids above stay those of earlier runs)
    # outputs of one command that name one file: refused before any work
    for desc, argv in [
        ("slice --out a.csv --plot a.json (the sidecar)", ["slice", base, "--point", p, "--grid", "3", "--out", F("out/a.csv"), "--plot", F("out/a.json")]),
        ("slice --out a.csv --plot a.csv", ["slice", base, "--point", p, "--grid", "3", "--out", F("out/a.csv"), "--plot", F("out/a.csv")]),
        ("slice --out x.json (a CSV named like a sidecar)", ["slice", base, "--point", p, "--grid", "3", "--out", F("out/x.json")]),
        ("path --out pb.csv --plot pb.json", ["path", base, "--from", p, "--to", F("point2.json"), "--images", "3", "--iterations", "10",
                                              "--candidates", "1", "--out", F("out/pb.csv"), "--plot", F("out/pb.json")]),
        ("train --out p.json --trajectory p.json", ["train", base, "--steps", "20", "--out", F("out/p.json"), "--trajectory", F("out/p.json")]),
        ("train --out p.json --plot out/../out/p.json", ["train", base, "--steps", "20", "--out", F("out/p.json"), "--plot", F("out/../out/p.json")]),
        ("slice --out with a 250-byte name", ["slice", base, "--point", p, "--grid", "3", "--out", F("out/" + "a" * 246 + ".csv")]),
        ("slice --out with a 300-byte name", ["slice", base, "--point", p, "--grid", "3", "--out", F("out/" + "a" * 296 + ".csv")]),
        ("train --trajectory-every 1 for 10**9 steps (over the memory budget)",
         ["train", base, "--tol", "0", "--steps", "1000000000", "--trajectory", F("out/t.csv"), "--trajectory-every", "1"]),
    ]:
        c.option_input(desc, argv)
    # --resume through a symbolic link (to a file, to nothing)
    c.add("option", "sweep --resume a symlink to /etc/passwd", {"link.jsonl": Link("/etc/passwd")},
          [["sweep", base, "--sample", "1", "--restarts", "1", "--steps", "20", "--resume", F("link.jsonl")]], secret=True)
    c.add("option", "sweep --resume a dangling symlink", {"link.jsonl": Link("/nonexistent/sparsescape-adversarial.jsonl")},
          [["sweep", base, "--sample", "1", "--restarts", "1", "--steps", "20", "--resume", F("link.jsonl")]])
    # .npy headers NumPy reads otherwise, or refuses
    x8 = [1, 0, 0, 1, 1, 1, 2, -1]
    for desc, header in [
        ("duplicated descr", "{'descr': '<f4', 'descr': '<f8', 'fortran_order': False, 'shape': (4, 2), }"),
        ("duplicated fortran_order", "{'descr': '<f8', 'fortran_order': False, 'fortran_order': True, 'shape': (4, 2), }"),
        ("fortran_order: Trueish", "{'descr': '<f8', 'fortran_order': Trueish, 'shape': (4, 2), }"),
        ("text after the closing brace", "{'descr': '<f8', 'fortran_order': False, 'shape': (4, 2), } %s" % SECRET),
        ("an extra key holding a secret", "{'descr': '<f8', 'fortran_order': False, 'shape': (4, 2), '%s': 1}" % SECRET),
        ("shape (8) (a number, not a tuple)", "{'descr': '<f8', 'fortran_order': False, 'shape': (8), }"),
    ]:
        c.data_input("npy", "npy X: header with " + desc, "x.npy", npy(x8, header=header), secret=SECRET in header)
    c.data_input("npy", "npy X: a 16 GB array over a sparse file (over the memory budget)", "x.npy",
                 Sparse(npy([], header="{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000, 2), }", payload=b""), 16 * 10 ** 9 + 128))
    c.data_input("csv", "CSV X: a valid number of 5,000 digits", "x.csv", ("1." + "0" * 5000 + ",0\n0,1\n1,1\n2,-1\n").encode())
    c.point_input("point: npz duplicate member with a 1000-character name", "p.npz",
                  npz([("W" + "x" * 1000 + ".npy", npy([1] * 4, (2, 2))), ("W" + "x" * 1000 + ".npy", npy([1] * 4, (2, 2)))]), k=1)
    # sweep-merge: records that contradict themselves or their sweep, escapes in names, CRLF
    def sweep_record(k, **changes):
        index = k
        r = {"benign": True, "certifiedMinima": 0, "certifiedSpurious": 0, "code": "0x%x" % index, "configMask": index == 1,
             "diverged": 0, "effectiveWeights": index, "enumeration": "exact", "escaping": 0, "freeWeights": index,
             "globalMinimum": 0.5, "index": index, "lowestIsGlobal": True, "mask": [[[index]]],
             "minima": [{"classification": "constant" if index == 0 else "global-minimum", "count": 2, "frequency": 1,
                         "gradientNorm": 0, "loss": 0.5 if index == 0 else 0.1}],
             "network": "tiny", "optimizer": "none" if index == 0 else "lbfgs", "orbitSize": 1, "restarts": 2,
             "searchSeed": 7, "sweepId": "sweep-00000000000000aa", "total": 2, "unconverged": 0,
             "verdict": "constant" if index == 0 else "scalar-output", "widths": [1, 1]}
        if index == 1:
            r["certifiedMinima"] = 1
        r.update(changes)
        return r

    def sweep_file(records, crlf=False):
        end = "\r\n" if crlf else "\n"
        return "".join(json.dumps(r, sort_keys=True, separators=(",", ":")) + end for r in records).encode()

    for desc, records, crlf in [
        ("a valid two-mask sweep", [sweep_record(0), sweep_record(1)], False),
        ("the same with CRLF line ends", [sweep_record(0), sweep_record(1)], True),
        ("network setting the terminal title", [sweep_record(0, network="\x1b]0;pwned\x07"), sweep_record(1, network="\x1b]0;pwned\x07")], False),
        ("network with a colour escape", [sweep_record(0, network="n\x1b[31mred"), sweep_record(1, network="n\x1b[31mred")], False),
        ("index 0 carrying mask 1", [sweep_record(1, index=0, configMask=False), sweep_record(1)], False),
        ("orbitSize 100000", [sweep_record(0, orbitSize=100000), sweep_record(1)], False),
        ("restarts 99 in one record", [sweep_record(0), sweep_record(1, restarts=99)], False),
        ("verdict dense with benign false", [sweep_record(0), sweep_record(1, verdict="dense", benign=False)], False),
        ("an end point reached by -5 starts", [sweep_record(0, minima=[{"classification": "constant", "count": -5, "frequency": -2.5,
                                                                            "gradientNorm": 0, "loss": 0.5}]), sweep_record(1)], False),
        ("two config masks", [sweep_record(0, configMask=True), sweep_record(1)], False),
        ("a verdict with an escape", [sweep_record(0, verdict="\x1b[2Jconstant"), sweep_record(1)], False),
    ]:
        c.add("sweep-merge", "sweep-merge: " + desc, {"s.jsonl": sweep_file(records, crlf)}, [["sweep-merge", F("s.jsonl")],
                                                                                             ["sweep-merge", "--json", F("s.jsonl")]])

    for i, inp in enumerate(c.inputs):
        inp.id = i + 1
    return c.inputs


# ---------------------------------------------------------------- running

def materialize(inp, root):
    d = os.path.join(root, "case-%04d" % inp.id)
    os.makedirs(d, exist_ok=True)
    for name, content in inp.files.items():
        path = os.path.join(d, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if isinstance(content, Dir):
            os.makedirs(path, exist_ok=True)
        elif isinstance(content, Fifo):
            os.mkfifo(path)
        elif isinstance(content, Link):
            os.symlink(content.target, path)
        elif isinstance(content, Sparse):
            with open(path, "wb") as fh:
                fh.write(content.head)
                fh.truncate(content.size)
        else:
            with open(path, "wb") as fh:
                fh.write(content)
    return d


def argv_of(run, d):
    return [os.path.join(d, a.name) if isinstance(a, F) else a for a in run]


def limit_child():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    os.setsid()


# Raw control characters that must never reach a terminal from the input: C0 other than newline and tab, DEL,
# C1 (as UTF-8), and the Unicode line/paragraph separators and bidi overrides/isolates (as UTF-8).
RAW_CONTROL = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xa8-\xae]|\xe2\x81[\xa6-\xa9]")

# The messages of a numerical failure during a run (exit 1 by design).
NUMERICAL = re.compile(rb"^sparsescape: error: (level \d+: )?training diverged\b")


def raw_controls(data):
    """The raw control characters in `data` (bytes), as a short escaped list, or '' when there are none."""
    found = sorted(set(m.group(0) for m in RAW_CONTROL.finditer(data)))
    return " ".join(repr(f)[2:-1] for f in found[:4])


def classify(rc, stderr, timed_out, secret, stdout=b""):
    """(outcome, reason) of one run."""
    if timed_out:
        return "hang", "no exit within the timeout"
    text = stderr.decode("utf-8", "replace")
    if rc < 0 or rc >= 128 or "Fatal error" in text:
        return "crash", ("signal %d" % -rc) if rc < 0 else ("exit %d" % rc if rc >= 128 else "Fatal error")
    stdout_controls = raw_controls(stdout)
    if rc == 0:
        reasons = []
        if stdout_controls:
            reasons.append("raw control characters on stdout (%s)" % stdout_controls)
        stderr_controls = raw_controls(stderr)
        if stderr_controls:
            reasons.append("raw control characters on stderr (%s)" % stderr_controls)
        return ("unclean", ", ".join(reasons)) if reasons else ("accepted", "")
    reasons = []
    numerical = rc == 1 and NUMERICAL.match(stderr) is not None
    if rc != 2 and not numerical:
        reasons.append("exit %d" % rc)
    if stdout_controls:
        reasons.append("raw control characters on stdout (%s)" % stdout_controls)
    body = stderr[:-1] if stderr.endswith(b"\n") else stderr
    if b"\n" in body or not stderr.endswith(b"\n"):
        reasons.append("%d lines" % (body.count(b"\n") + 1) if b"\n" in body else "no newline")
    if not body.startswith(b"sparsescape: error:"):
        reasons.append("no 'sparsescape: error:' prefix")
    if any(b < 0x20 or b == 0x7F for b in body) or b"\xc2\x9b" in body:
        reasons.append("control characters")
    if len(stderr) >= 300:
        reasons.append("%d bytes" % len(stderr))
    if secret and (SECRET in text or PASSWD_LINE.search(text)):
        reasons.append("echoes file content")
    if reasons:
        return "unclean", ", ".join(reasons)
    return ("numerical", "") if numerical else ("clean", "")


def first_control_line(data):
    """The first line of `data` holding a raw control character (at most 160 bytes), or ''."""
    m = RAW_CONTROL.search(data)
    if not m:
        return ""
    start = data.rfind(b"\n", 0, m.start()) + 1
    end = data.find(b"\n", m.start())
    return data[start:end if end >= 0 else len(data)][:160].decode("utf-8", "replace")


def run_input(inp, root, binary, timeout):
    d = materialize(inp, root)
    results = []
    for run in inp.runs:
        argv = argv_of(run, d)
        start = time.monotonic()
        proc = subprocess.Popen([binary] + argv, cwd=d, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, preexec_fn=limit_child)
        timed_out = False
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
        err = err or b""
        outcome, reason = classify(proc.returncode, err, timed_out, inp.secret, out or b"")
        results.append({"input": inp.id, "kind": inp.kind, "desc": inp.desc, "command": run[0],
                        "argv": argv, "outcome": outcome, "reason": reason, "exit": proc.returncode,
                        "seconds": round(time.monotonic() - start, 2),
                        "stderr": err[:300].decode("utf-8", "replace"), "stdout": first_control_line(out or b"")})
    return results


def shown_argv(binary, argv):
    parts = []
    for a in [binary] + argv:
        if len(a) > 60:
            a = a[:40] + "…(%d chars)" % len(a)
        parts.append(shlex.quote(a.encode("unicode_escape").decode() if any(ord(ch) < 32 for ch in a) else a))
    return " ".join(parts)


def describe_file(content):
    if isinstance(content, (Dir, Fifo)):
        return type(content).__name__.lower()
    if isinstance(content, Link):
        return "symlink to " + content.target
    if isinstance(content, Sparse):
        return "%d bytes, a hole after %r" % (content.size, content.head[:60])
    head = content[:60]
    return "%d bytes: %r%s" % (len(content), head, "…" if len(content) > 60 else "")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=".build/debug/sparsescape", help="the sparsescape binary")
    ap.add_argument("--timeout", type=float, default=20, help="seconds before a run counts as a hang")
    ap.add_argument("--jobs", type=int, default=2, help="inputs run in parallel")
    ap.add_argument("--seed", type=int, default=SEED, help="seed of the generated corpus")
    ap.add_argument("--case", type=int, action="append", help="run only this input (repeatable)")
    ap.add_argument("--keep", help="write the corpus under this directory and keep it")
    ap.add_argument("--json", action="store_true", help="print a machine-readable summary instead of text")
    ap.add_argument("--accepted", action="store_true", help="also list the accepted runs (exit 0)")
    args = ap.parse_args()
    binary = os.path.abspath(args.bin)
    if not os.access(binary, os.X_OK):
        print("adversarial.py: no executable %s (build it first)" % binary, file=sys.stderr)
        return 2
    inputs = build_corpus(args.seed)
    if args.case:
        inputs = [i for i in inputs if i.id in args.case]
    root = os.path.abspath(args.keep) if args.keep else tempfile.mkdtemp(prefix="sparsescape-adversarial-")
    os.makedirs(root, exist_ok=True)
    started = time.monotonic()
    results = []
    try:
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            for i, rs in enumerate(pool.map(lambda inp: run_input(inp, root, binary, args.timeout), inputs)):
                results += rs
                if not args.json and sys.stderr.isatty():
                    print("\r%d/%d inputs" % (i + 1, len(inputs)), end="", file=sys.stderr)
    finally:
        if not args.keep:
            subprocess.run(["rm", "-rf", root])
    elapsed = time.monotonic() - started
    outcomes = ["clean", "numerical", "unclean", "crash", "hang", "accepted"]
    counts = {o: sum(r["outcome"] == o for r in results) for o in outcomes}
    per_command = {}
    for r in results:
        per_command.setdefault(r["command"], {o: 0 for o in outcomes})[r["outcome"]] += 1
    bad = [r for r in results if r["outcome"] in ("unclean", "crash", "hang")]
    if args.json:
        print(json.dumps({"seed": args.seed, "inputs": len(inputs), "runs": len(results), "seconds": round(elapsed, 1),
                          "outcomes": counts, "perCommand": per_command,
                          "nonClean": [{k: r[k] for k in ("input", "desc", "command", "argv", "outcome", "reason", "exit", "stderr", "stdout")}
                                       for r in bad]}, indent=1))
    else:
        print("adversarial corpus (seed %d): %d inputs, %d runs in %.0f s" % (args.seed, len(inputs), len(results), elapsed))
        print("  " + "  ".join("%s %d" % (o, counts[o]) for o in outcomes))
        print("\n%-16s %7s %9s %7s %7s %7s %8s" % ("command", *outcomes))
        for cmd in sorted(per_command):
            print("%-16s %7d %9d %7d %7d %7d %8d" % (cmd, *[per_command[cmd][o] for o in outcomes]))
        by_input = {i.id: i for i in inputs}
        for outcome in ("crash", "hang", "unclean") + (("accepted",) if args.accepted else ()):
            group = [r for r in results if r["outcome"] == outcome]
            if not group:
                continue
            print("\n== %s (%d)" % (outcome, len(group)))
            for r in group:
                inp = by_input[r["input"]]
                print("#%d %s [%s] %s" % (r["input"], r["desc"], r["command"], r["reason"]))
                print("   $ " + shown_argv(binary, r["argv"]))
                for name, content in inp.files.items():
                    if name not in support_files():
                        print("   %s: %s" % (name, describe_file(content)))
                first = r["stderr"].splitlines()[:2]
                if first:
                    print("   stderr: " + " | ".join(line[:160] for line in first).encode("unicode_escape").decode())
                if r["stdout"]:
                    print("   stdout: " + r["stdout"].encode("unicode_escape").decode())
        if bad:
            print("\nreproduce one input: python3 scripts/adversarial.py --case ID --keep DIR (its files are in DIR/case-ID)")
    return 1 if counts["crash"] or counts["hang"] else 0


if __name__ == "__main__":
    sys.exit(main())
