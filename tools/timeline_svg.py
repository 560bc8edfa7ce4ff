#!/usr/bin/env python3
"""Draws one process track of a --export timeline file as a static HTML page (inline SVG), the
way Perfetto lays it out: one row per thread, its Running / Runnable / Blocked / Interpreter lock
slices in colour, wake-up flows as arrows, the runnable-tasks counter on top. For the README's
picture (screenshot it with headless Chromium): every mark comes from the file's own events.

usage: timeline_svg.py TIMELINE.json PID FROM_US TO_US MAX_THREADS > page.html
"""
import html
import json
import sys

tl = json.load(open(sys.argv[1]))
pid, t0, t1, maxthreads = int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
COLORS = {"Running": "#2e8b57", "Runnable": "#f4a300", "Interpreter lock": "#7a1f5c",
          "Blocked: sleep": "#4a7fd4", "Blocked: lock": "#d43d3d", "Blocked: io": "#8a4fc7",
          "Blocked: child": "#7d7d7d", "Blocked: poll": "#1fa3a3", "Blocked: other": "#b8b8b8"}
W, LABEL, ROW, TOP = 1000, 170, 16, 70

ev = [e for e in tl["traceEvents"] if e.get("pid") == pid]
pname = next(e["args"]["name"] for e in ev if e["ph"] == "M" and e["name"] == "process_name")
order = sorted(((e["args"]["sort_index"], e["tid"]) for e in ev
                if e["ph"] == "M" and e["name"] == "thread_sort_index"))
names = {e["tid"]: e["args"]["name"] for e in ev if e["ph"] == "M" and e["name"] == "thread_name"}
tids = [t for _, t in order][:maxthreads]
row = {t: i for i, t in enumerate(tids)}
x = lambda us: LABEL + (min(max(us, t0), t1) - t0) / (t1 - t0) * (W - LABEL)
H = TOP + ROW * len(tids) + 30

out = ['<!DOCTYPE html><html><head><meta charset="utf-8"><style>'
       'body{margin:10px;font:12px system-ui,sans-serif}text{font-size:11px}'
       '.l span{margin-right:12px}.l i{display:inline-block;width:11px;height:11px;'
       'margin-right:3px;vertical-align:-1px}</style></head><body>',
       '<div><b>%s</b> &nbsp; %.0f–%.0f µs after the run started (%s)</div>' %
       (html.escape(pname), t0, t1, html.escape(sys.argv[1].split("/")[-1])),
       '<div class="l">' + "".join('<span><i style="background:%s"></i>%s</span>' % (c, n)
                                   for n, c in COLORS.items()) + ' <span>→ wake-up</span></div>',
       '<svg width="%d" height="%d">' % (W, H)]
# runnable-tasks counter, a step line above the threads
cs = sorted((e["ts"], e["args"]["runnable"]) for e in ev if e["ph"] == "C")
peak = max([v for _, v in cs] + [1])
pts, last = [], 0
for ts, v in cs:
    if ts > t1:
        break
    if ts >= t0:
        y0, y1 = TOP - 8 - last / peak * 30, TOP - 8 - v / peak * 30
        pts += ["%.1f,%.1f" % (x(ts), y0), "%.1f,%.1f" % (x(ts), y1)]
    last = v
out.append('<text x="4" y="%d">runnable tasks (max %d)</text>' % (TOP - 14, peak))
out.append('<polyline fill="none" stroke="#f4a300" points="%.1f,%.1f %s %.1f,%.1f"/>' %
           (LABEL, TOP - 8 - last / peak * 30 if not pts else TOP - 8, " ".join(pts), W,
            TOP - 8 - last / peak * 30))
for t in tids:
    y = TOP + row[t] * ROW
    out.append('<text x="4" y="%d">%s</text>' % (y + 11, html.escape(names.get(t, str(t)))))
for e in ev:
    if e["ph"] == "X" and e["tid"] in row and e["ts"] < t1 and e["ts"] + e["dur"] > t0:
        y = TOP + row[e["tid"]] * ROW
        a, b = x(e["ts"]), x(e["ts"] + e["dur"])
        out.append('<rect x="%.2f" y="%d" width="%.2f" height="%d" fill="%s"/>' %
                   (a, y + 2, max(b - a, 0.3), ROW - 4, COLORS.get(e["name"], "#000")))
flows = {}
for e in ev:
    if e["ph"] in "sf":
        flows.setdefault(e["id"], {})[e["ph"]] = e
for f in flows.values():
    s, e = f.get("s"), f.get("f")
    if s and e and s["tid"] in row and e["tid"] in row and t0 <= s["ts"] <= t1 and e["ts"] <= t1:
        out.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#000" stroke-width="0.8"/>'
                   % (x(s["ts"]), TOP + row[s["tid"]] * ROW + 8, x(e["ts"]),
                      TOP + row[e["tid"]] * ROW + 8))
        out.append('<circle cx="%.1f" cy="%d" r="1.8"/>' % (x(e["ts"]), TOP + row[e["tid"]] * ROW + 8))
out.append("</svg></body></html>")
print("\n".join(out))
