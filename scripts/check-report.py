#!/usr/bin/env python3
"""Checks a report.html as a browser rendered it against the summary.json beside it.

    scripts/check-report.py DOM.html SUMMARY.json

DOM.html is `chromium --headless --dump-dom file://…/report.html`: the page after its inline script ran,
which marks <body data-report="ok" data-charts="N">. Every share bar's data-value must equal the KPI's
value in summary.json, and every confidence whisker's data-lo/data-hi its ci95, exactly as written.
Exits 1 naming the first mismatches.
"""
import json, re, sys

dom, summary = open(sys.argv[1]).read(), json.load(open(sys.argv[2]))
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
for p in problems[:10]:
    print("FAIL: report.html:", p)
if problems:
    sys.exit(1)
print(f"report.html matches summary.json: {len(bars)} bars, {len(whiskers)} confidence whiskers, {charts.group(1)} charts")
