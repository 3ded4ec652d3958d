#!/usr/bin/env python3
"""Writes Scenarios/national.yaml: 1,000,000 retailers in 5 regions for 365 days.

Sized from the baseline's ratios (Scenarios/baseline.yaml: 5,000 retailers, 40 trucks, 34 field and 6 remote
technicians): one depot per ~25,000 retailers with a vehicle per ~125 retailers, a field technician per ~150
and a remote specialist per ~850; the service desk scales with each region (perThousandRetailers). Run it
again after changing the ratios; the file is committed, so `jornada run Scenarios/national.yaml` needs nothing.
"""
import math, sys

# Sizes chosen so that regions handed out largest first split evenly over two workers
# (Lisboa + Centro = Porto + Sul + Norte = 500,000): a day's barrier waits for the slower worker.
REGIONS = [  # name, retailers, square side in km
    ("Lisboa", 350_000, 170), ("Porto", 250_000, 150), ("Centro", 150_000, 200),
    ("Sul", 150_000, 220), ("Norte", 100_000, 180),
]
PER_DEPOT = 25_000
TRUCKS, VANS = 12.0, 0.5  # per 1,000 retailers of a depot's catchment
out = ["# yaml-language-server: $schema=scenario.schema.json",
       "# National: 1,000,000 retailers in 5 regions, 40 depots, 8,000 trucks, 8,000 technicians, 365 days.",
       "# Written by scripts/make-national.py (the ratios are the baseline's); edit the script, not this file.",
       "name: national", "seed: 20260101", "days: 365", "warmUpDays: 7", "", "regions:"]
for name, n, size in REGIONS:
    depots = max(1, round(n / PER_DEPOT))
    side = math.ceil(math.sqrt(depots))
    out += [f"  - name: {name}", f"    retailers: {n}", f"    size: {size}", f"    towns: {depots * 3}",
            "    zoneGrid: 8", f"    salesRepVisitsPerDay: {n // 500}", "    depots:"]
    for d in range(depots):
        x = (d % side + 0.5) * size / side
        y = (d // side + 0.5) * size / side
        # The fleet follows each depot's catchment (towns are drawn at random, so the depots of a grid
        # serve from a few thousand to tens of thousands of outlets): 8 vehicles per 1,000 retailers.
        out += [f"      - name: {name}-{d + 1}", f"        x: {x:.1f}", f"        y: {y:.1f}", "        vehicles:",
                f"          - {{name: T, count: 0, perThousandRetailers: {TRUCKS}, kegs: 100, cases: 400, shift: \"07:00-17:00\"}}",
                f"          - {{name: V, count: 0, perThousandRetailers: {VANS}, kegs: 40, cases: 150, shift: \"08:00-16:00\"}}"]
    field = round(n / 150); remote = round(n / 850)
    out += ["    technicians:",
            f"      - {{name: Campo, count: {field}, skills: {{draughtSystems: 3, coffeeMachines: 2, refrigeration: 2, installation: 3}}, shift: {{mon-fri: [\"08:00-17:00\"]}}}}",
            f"      - {{name: Remotos, count: {remote}, kind: remote, skills: {{draughtSystems: 4, coffeeMachines: 4, refrigeration: 3}}, shift: {{mon-fri: [\"08:00-20:00\"], sat: [\"09:00-13:00\"]}}}}"]
out += ["", "policies:", "  delivery: earliest-deadline",
        "  # A bounded improvement budget per depot-day (about 8 move evaluations per planned stop).",
        "  planningEvaluations: 20000",
        "  # Every cut depot-day (over 1,000 stops) inserts by neighbourhood: on 30 national days 20 % less",
        "  # planning CPU than full cheapest insertion for the 1,000-2,000-stop days, and 12 % less distance.",
        "  largeDayStops: 1000", "  technicians: earliest", "  offersShown: 3", "",
        "# The standard service desk of seed 002, staffed per 1,000 retailers of each region (as the baseline).",
        "serviceDesk:", "  standard: true", "  teams:",
        '    - {name: phoneDesk, agents: 1, perThousandRetailers: 0.6, shift: {mon-fri: ["08:00-20:00"], sat: ["09:00-13:00"]}}',
        '    - {name: digitalDesk, agents: 1, perThousandRetailers: 0.35, shift: {mon-fri: ["08:00-20:00"], sat: ["09:00-13:00"]}}',
        '    - {name: backOffice, agents: 1, perThousandRetailers: 0.1, shift: {mon-fri: ["09:00-18:00"]}}']
path = sys.argv[1] if len(sys.argv) > 1 else "Scenarios/national.yaml"
open(path, "w").write("\n".join(out) + "\n")
