"""Checks the HTML report against the JSON of the same invocation, in its source and as Chromium
rendered it.

usage: check_html.py REPORT.html RESULT.json SCREENSHOT.png WIDTH HEIGHT
- self-contained: no script, no external reference (src=, href=, url(), @import);
- every traced result has a stacked bar whose parts (SVG rect widths / 800 px) are the JSON's
  shares of task time within 1 % (the interpreter lock taken out of the parts it is made of);
- the screenshot is WIDTH x HEIGHT, not blank, and in it each bar's coloured pixels per part
  match the JSON's shares within 1 % of the bar's length."""
import html.parser
import json
import struct
import sys
import zlib

page, res, png, W, H = sys.argv[1], json.load(open(sys.argv[2])), sys.argv[3], \
    int(sys.argv[4]), int(sys.argv[5])
src = open(page, encoding="utf-8").read()
bad = []
BAR_W = 800
COLORS = {"on-CPU": "#2e8b57", "runnable": "#f4a300", "blocked: sleep": "#4a7fd4",
          "blocked: lock": "#d43d3d", "blocked: io": "#8a4fc7", "blocked: child": "#7d7d7d",
          "blocked: poll": "#1fa3a3", "blocked: other": "#b8b8b8",
          "interpreter lock": "#7a1f5c"}

for needle in ("<script", "src=", "href=", "url(", "@import"):
    if needle in src.lower():
        bad.append("not self-contained: %r in the page" % needle)


def expected(r):
    """The bar's parts from the JSON alone."""
    d, t = r["time_decomposition"], r["totals"]
    T = d["task_seconds"] * 1e9
    g = t.get("interpreter_lock", {})
    gb = gh = go = 0.0
    if g.get("probed"):
        gb, gh, go = g["blocked_ns"] / T, g["handoff_runnable_ns"] / T, \
            g["oncpu_beyond_cost_ns"] / T
    p = {"on-CPU": max(0.0, d["oncpu"] - go), "runnable": max(0.0, d["runnable"] - gh)}
    for k, v in d["blocked"].items():
        p["blocked: " + k] = v
    p["blocked: lock"] = max(0.0, d["blocked"]["lock"] - gb)
    p["interpreter lock"] = gb + gh + go
    return p


class Bars(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.bars = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "svg" and a.get("class") == "stack":
            self.bars.append((a["data-workload"], a["data-label"], {}))
        elif tag == "rect" and "data-part" in a and self.bars:
            self.bars[-1][2][a["data-part"]] = float(a["width"]) / BAR_W


parser = Bars()
parser.feed(src)
traced = [r for r in res["results"] if r.get("time_decomposition")]
if len(parser.bars) != len(traced):
    bad.append("%d bars for %d traced results" % (len(parser.bars), len(traced)))
want = []
for (w, label, parts), r in zip(parser.bars, traced):
    if (w, label) != (r["workload"], r["label"]):
        bad.append("bar %s/%s for result %s/%s" % (w, label, r["workload"], r["label"]))
    e = expected(r)
    want.append(e)
    for k, v in e.items():
        if abs(parts.get(k, 0.0) - v) > 0.01:
            bad.append("%s %s: SVG %.4f, JSON %.4f" % (label, k, parts.get(k, 0.0), v))
    if abs(sum(e.values()) - 1) > 0.01:
        bad.append("%s: parts add up to %.4f" % (label, sum(e.values())))


def read_png(path):
    """8-bit RGB/RGBA, non-interlaced (what Chromium writes): width, height, rows of pixels."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, hdr = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            hdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    w, h, depth, ctype, _, _, interlace = hdr
    if depth != 8 or ctype not in (2, 6) or interlace:
        raise ValueError("unsupported PNG %r" % (hdr,))
    bpp = 4 if ctype == 6 else 3
    raw, stride, rows, prev = zlib.decompress(idat), w * bpp, [], bytearray(w * bpp)
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([tuple(line[x * bpp:x * bpp + 3]) for x in range(w)])
        prev = line
    return w, h, rows


w, h, rows = read_png(png)
if (w, h) != (W, H):
    bad.append("screenshot %dx%d, expected %dx%d" % (w, h, W, H))
palette = {tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)): k for k, c in COLORS.items()}
colors = set()
inked = 0
for row in rows[::4]:
    for px in row[::4]:
        colors.add(px)
        inked += px != (255, 255, 255)
if len(colors) < 12 or inked < 0.02 * (w // 4) * (h // 4):
    bad.append("blank screenshot: %d colours, %d inked samples" % (len(colors), inked))

# bars on screen: runs of rows where ~BAR_W pixels are part colours
groups, cur = [], []
for y, row in enumerate(rows):
    n = sum(1 for px in row if px in palette)
    if n >= BAR_W - 10:
        cur.append(y)
    elif cur:
        groups.append(cur)
        cur = []
if len(groups) != len(want):
    bad.append("%d bars on screen, %d expected" % (len(groups), len(want)))
for g, e, (_, label, _) in zip(groups, want, parser.bars):
    row = rows[g[len(g) // 2]]
    count = {}
    for px in row:
        if px in palette:
            count[palette[px]] = count.get(palette[px], 0) + 1
    for k, v in e.items():
        got = count.get(k, 0) / BAR_W
        if abs(got - v) > 0.01:
            bad.append("%s %s on screen: %.4f of the bar, JSON %.4f" % (label, k, got, v))
for b in bad[:20]:
    print(b)
print("bars %d (on screen %d), colours %d" % (len(parser.bars), len(groups), len(colors)))
sys.exit(1 if bad else 0)
