#!/usr/bin/env python3
"""Checks a report.html as a browser rendered it against the summary.json beside it.

    scripts/check-report.py DOM.html SUMMARY.json

DOM.html is `chromium --headless --dump-dom file://…/report.html`: the page after its inline script ran,
which marks <body data-report="ok" data-charts="N">. Every share bar's data-value must equal the KPI's
value in summary.json, and every confidence whisker's data-lo/data-hi its ci95, exactly as written.
The technician heat map's cells and the route map's stops must equal series.json beside summary.json:
one cell per (technician row, day) with a shift, its data-value the row's value that day; one mark per
planned stop of the sample day, in truck and stop order, with its coordinates and status.
Exits 1 naming the first mismatches.
"""
import json, os, re, sys

dom, summary = open(sys.argv[1]).read(), json.load(open(sys.argv[2]))
series = json.load(open(os.path.join(os.path.dirname(os.path.abspath(sys.argv[2])), "series.json")))
problems = []
body = re.search(r'<body([^>]*)>', dom)
if not body or 'data-report="ok"' not in body.group(1):
    problems.append("the page's script did not run to its end (no data-report=\"ok\" on <body>)")
charts = re.search(r'data-charts="(\d+)"', body.group(1) if body else "")
if not charts or int(charts.group(1)) < 4:
    problems.append(f"expected at least 4 SVG charts, the script counted {charts.group(1) if charts else 'none'}")
kpis = summary["kpis"]
bars = re.findall(r'<rect class="bar" data-kpi="([^"]+)" data-arm="0" data-value="([^"]+)"', dom)
whiskers = re.findall(r'<path class="ci" data-kpi="([^"]+)" data-arm="0" data-lo="([^"]+)" data-hi="([^"]+)"', dom)
shares = [k for k, v in kpis.items() if v["unit"] == "share" and v["value"] is not None]
if sorted(k for k, _ in bars) != sorted(shares):
    problems.append(f"the chart has bars for {len(bars)} KPIs, summary.json has {len(shares)} measured shares")
for key, value in bars:
    if float(value) != kpis[key]["value"]:
        problems.append(f"{key}: the bar shows {value}, summary.json says {kpis[key]['value']}")
for key, lo, hi in whiskers:
    ci = kpis[key].get("ci95")
    if not ci or [float(lo), float(hi)] != ci:
        problems.append(f"{key}: the whisker shows [{lo}, {hi}], summary.json says {ci}")
if "ci95" in next(iter(kpis.values())) and not whiskers:
    problems.append("a run of several replications but no confidence whisker on the chart")
cells = re.findall(r'<rect class="util" data-row="(\d+)" data-day="(\d+)" data-value="([^"]+)"', dom)
rows = series["utilisation"]["rows"]
expected = {(r, d): v for r, row in enumerate(rows) for d, v in enumerate(row["value"]) if v is not None}
if len(cells) != len(expected):
    problems.append(f"the heat map has {len(cells)} cells, series.json has {len(expected)} technician-days with a shift")
for r, d, v in cells:
    want = expected.get((int(r), int(d)))
    if want is None or float(v) != want:
        problems.append(f"heat map row {r} ({rows[int(r)]['label'] if int(r) < len(rows) else '?'}) day {d}: shows {v}, series.json says {want}")
if rows and 'id="utilisation"' not in dom:
    problems.append("series.json has technician rows but the page has no utilisation heat map")
stops = re.findall(r'class="stop" data-truck="(\d+)" data-stop="(\d+)" data-x="([^"]+)" data-y="([^"]+)" data-status="([^"]+)"', dom)
routes = series["routes"]
want_stops = [] if routes is None else [(t, s, p["x"], p["y"], p["status"]) for t, truck in enumerate(routes["trucks"]) for s, p in enumerate(truck["stops"])]
got_stops = [(int(t), int(s), float(x), float(y), st) for t, s, x, y, st in stops]
if got_stops != want_stops:
    first = next((i for i, (a, b) in enumerate(zip(got_stops, want_stops)) if a != b), min(len(got_stops), len(want_stops)))
    problems.append(f"the route map has {len(got_stops)} stops, series.json {len(want_stops)}; first difference at mark {first}")
if routes is not None and 'id="routes"' not in dom:
    problems.append("series.json has a sample day's routes but the page has no route map")
for p in problems[:10]:
    print("FAIL: report.html:", p)
if problems:
    sys.exit(1)
print(f"report.html matches summary.json and series.json: {len(bars)} bars, {len(whiskers)} confidence whiskers, "
      f"{len(cells)} heat-map cells over {len(rows)} technician rows, {len(stops)} route stops"
      f"{'' if routes is None else ' of ' + str(len(routes['trucks'])) + ' trucks on day ' + str(routes['day'])}, {charts.group(1)} charts")
