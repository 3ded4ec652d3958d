#!/usr/bin/env python3
"""Writes Tests/Fuzz/corpus/: hostile jobs files, one per class a hostile tester tries (numbers too
large for their field, tiny speeds, huge counts, deep nesting, duplicate or empty ids, spreadsheet
CSV dialects, binary junk, truncation). Deterministic; re-run it to regenerate the committed corpus.
Every file must make `jornada plan` exit 0 or 1 (an error naming file, line and field), never die by
a signal or run past its bound (Tests/JornadaCLITests/HostileFileCLITests.swift checks this)."""
import os, random, shutil

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
out = os.path.join(root, "Tests", "Fuzz", "corpus")
shutil.rmtree(out, ignore_errors=True)
os.makedirs(out)
yaml = open(os.path.join(root, "Scenarios", "plan-small.yaml")).read()
csv = open(os.path.join(root, "Scenarios", "vrptw-jc1-50.csv")).read()
n = 0

def put(name, text, ext):
    global n
    n += 1
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    open(os.path.join(out, f"{n:03d}-{name}.{ext}"), "wb").write(data)

Y = "depot: {id: D, x: 0, y: 0, speed: SPEED}\nday: DAY\nvehicles:\n  - {id: T1, kegs: KEGS, shift: \"SHIFT\", count: COUNT}\njobs:\n  - {id: JOB, x: X, y: 1, kegs: JK, service: SERVICE, windows: [\"WIN\"], deadline: \"DL\", value: VALUE, retailer: RET}\n"
base = dict(SPEED="40", DAY="0", KEGS="10", SHIFT="07:00-17:00", COUNT="1", JOB="a", X="1", JK="1",
            SERVICE="10", WIN="08:00-12:00", DL="18:00", VALUE="1", RET="0")
def y(**kw):
    t = Y
    for k, v in {**base, **kw}.items(): t = t.replace(k, v)
    return t
huge = ["1e308", "-1e308", "1e13", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "99999999999999999999999", "nan", "inf", "-inf", "0x7fffffffffffffff", "1e-320", "-0", ""]
for field in ["SPEED", "DAY", "KEGS", "COUNT", "X", "JK", "SERVICE", "VALUE", "RET"]:
    for v in huge:
        put(f"{field.lower()}-{v or 'empty'}", y(**{field: v}), "yaml")
for v in ["1e-300", "0.000001", "1e-9", "0"]:
    put(f"tiny-speed-{v}", y(SPEED=v), "yaml")
for v in ["99999999999:00-99999999999:01", "1e13-1e14", "00:00-9999999:00", "24:00-23:00", "1e308-1e308", "08:60-09:00", "-5-10"]:
    put(f"window-{v[:12]}", y(WIN=v), "yaml")
    put(f"shift-{v[:12]}", y(SHIFT=v), "yaml")
for v in ["1e13", "99999999999999:00", "-1"]:
    put(f"deadline-{v}", y(DL=v), "yaml")
put("count-ten-million", y(COUNT="10000000"), "yaml")
put("duplicate-job-ids", y() + "  - {id: a, x: 2, y: 2, kegs: 1}\n", "yaml")
put("empty-job-id", y(JOB='""'), "yaml")
put("blank-job-id", y(JOB='"   "'), "yaml")
put("duplicate-truck-ids", y().replace("jobs:", "  - {id: T1, kegs: 5}\njobs:"), "yaml")
put("expanded-truck-id-collision", y(COUNT="2").replace("jobs:", "  - {id: T1-1, kegs: 5}\njobs:"), "yaml")
put("volume-past-2-31", y().replace("jobs:\n", "jobs:\n" + "".join(f"  - {{id: j{i}, x: 1, y: 1, kegs: 1000000}}\n" for i in range(2200))), "yaml")
put("load-past-2-31", y(JK="2147483647") + "  - {id: b, x: 2, y: 2, kegs: 2147483647}\n", "yaml")
for depth in [100, 1000, 5000]:
    put(f"nested-flow-{depth}", "depot: " + "[" * depth + "]" * depth + "\n", "yaml")
    put(f"nested-block-{depth}", "".join(" " * i + f"k:\n" for i in range(min(depth, 600))), "yaml")
    put(f"nested-dash-{depth}", "jobs: " + "- " * depth + "x\n", "yaml")
put("quote-in-plain-scalar-then-deep-flow", 'a"b: ' + "[" * 200000 + "]" * 200000 + "\n", "yaml")
put("fake-block-scalar-then-deep-flow", "- a |\n  " + "[" * 200000 + "]" * 200000 + "\n", "yaml")
put("nested-explicit-keys", "? " * 100000 + "x\n", "yaml")
put("nested-dash-explicit-keys", "- ? " * 50000 + "x\n", "yaml")
put("colon-quote-then-deep-flow", 'a:"b: ' + "[" * 200000 + "]" * 200000 + "\n", "yaml")
put("unclosed-flow", "depot: {x: 0, y: 0\nvehicles: [\n", "yaml")
put("unclosed-quote", "depot: {id: \"abc, x: 0, y: 0}\n", "yaml")
put("alias-bomb", "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\njobs: [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n", "yaml")
put("wrong-types", "depot: [1, 2]\nvehicles: {id: T}\njobs: 5\n", "yaml")
put("scalar-document", "just text\n", "yaml")
put("empty", "", "yaml")
put("only-comment", "# nothing\n", "yaml")
put("unknown-key", y().replace("speed:", "sped:"), "yaml")
put("many-windows", y(WIN='08:00-09:00", "10:00-11:00", "12:00-13:00", "14:00-15:00", "16:00-17:00'), "yaml")
put("crlf-yaml", yaml.replace("\n", "\r\n"), "yaml")
put("bom-yaml", "\ufeff" + yaml, "yaml")
put("nul-bytes", yaml.encode() + b"\x00\x00", "yaml")
put("invalid-utf8", b"depot: {x: \xff\xfe, y: 0}\n", "yaml")
rng = random.Random(13)
for i in range(6):
    put(f"binary-junk-{i}", bytes(rng.randrange(256) for _ in range(rng.randrange(1, 2000))), "yaml")
    put(f"binary-junk-{i}", bytes(rng.randrange(256) for _ in range(rng.randrange(1, 2000))), "csv")
for cut in [10, 100, 400, 700, len(yaml) - 3]:
    put(f"truncated-{cut}", yaml[:cut], "yaml")
    put(f"truncated-{cut}", csv[:cut * 3], "csv")
for i in range(8):   # random byte flips of the bundled files
    b = bytearray(yaml.encode()); c = bytearray(csv.encode())
    for _ in range(5):
        b[rng.randrange(len(b))] = rng.choice(b"{}[]:-,\"'#&*!|>9e.\n ")
        c[rng.randrange(len(c))] = rng.choice(b",;\"\r\n#9e.-")
    put(f"flipped-{i}", bytes(b), "yaml")
    put(f"flipped-{i}", bytes(c), "csv")

C = "type,id,x,y,kegs,ready,due,service,count,speed,day\ndepot,D,0,0,,,,,,SPEED,DAY\nvehicle,T1,,,KEGS,420,1020,,COUNT,,\njob,JOB,X,1,JK,480,720,SERVICE,,,\n"
def c(**kw):
    t = C
    for k, v in {**base, **kw}.items(): t = t.replace(k, v)
    return t
for field in ["SPEED", "DAY", "KEGS", "COUNT", "X", "JK", "SERVICE"]:
    for v in ["1e308", "1e13", "9223372036854775808", "nan", "-1"]:
        put(f"csv-{field.lower()}-{v}", c(**{field: v}), "csv")
put("csv-tiny-speed", c(SPEED="1e-300"), "csv")
put("csv-count-ten-million", c(COUNT="10000000"), "csv")
put("csv-duplicate-ids", c() + "job,a,2,2,1,480,720,5,,,\n", "csv")
put("csv-empty-id", c(JOB='""'), "csv")
put("csv-crlf", csv.replace("\n", "\r\n"), "csv")
put("csv-semicolon", csv.replace(",", ";"), "csv")
put("csv-tab", csv.replace(",", "\t"), "csv")
put("csv-quoted-header", "\n".join(",".join(f'"{x}"' for x in line.split(",")) if not line.startswith("#") else line for line in csv.split("\n")), "csv")
put("csv-bom-crlf-semicolon", "\ufeff" + csv.replace(",", ";").replace("\n", "\r\n"), "csv")
put("csv-quoted-embedded", 'type,id,x,y,kegs,windows\ndepot,"Depot, main",0,0,,\nvehicle,"T ""big""",,,10,\njob,"a\nb",1,1,1,"09:00-10:00;11:00-12:00"\n', "csv")
put("csv-unclosed-quote", 'type,id,x,y\ndepot,"D,0,0\n', "csv")
put("csv-trailing-comment", c().replace("job,a,1,1,1,480,720,10,,,", "job,a,1,1,1,480,720,10,,, # a comment"), "csv")
put("csv-too-many-cells", c() + "job,b,1,1,1,480,720,5,,,,,,,\n", "csv")
put("csv-many-columns", "type," + ",".join(["id"] * 5000) + "\n", "csv")
put("csv-unknown-column", c().replace("kegs", "kgs"), "csv")
put("csv-no-depot", "type,id\njob,a\n", "csv")
put("csv-empty", "", "csv")
put("csv-quote-in-cell", 'type,id,x,y\ndepot,D"x,0,0\n', "csv")
put("csv-long-line", "type,id,x,y\ndepot," + "x" * 100000 + ",0,0\n", "csv")
put("csv-cr-only", csv.replace("\n", "\r"), "csv")
print(f"wrote {n} files to {os.path.relpath(out, root)}")
