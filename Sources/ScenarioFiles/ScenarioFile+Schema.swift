import RetailerJourneys

/// The JSON Schema (draft 2020-12) and the Markdown field table, both generated from the field tables.
extension ScenarioFile {
    /// The JSON Schema of scenario files, as pretty-printed JSON text ending in a newline.
    public static func jsonSchema() -> String {
        var g = SchemaGenerator()
        let root = Fields.scenario.schema(defaults: Scenario())
        let body = g.objectBody(root)
        var top: [(String, JSON)] = [
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string("https://github.com/jornada/jornada/Scenarios/scenario.schema.json")),
            ("title", .string("Jornada scenario")),
        ]
        if case .object(let kv) = body { top += kv }
        g.addSharedDefs()
        top.append(("$defs", .object(g.defs.sorted { $0.0 < $1.0 })))
        return JSON.object(top).text() + "\n"
    }

    /// The field table in Markdown: one row per field, with its path, what it takes, its default and
    /// its description.
    public static func fieldTableMarkdown() -> String {
        var rows = ["| field | takes | default | description |", "|---|---|---|---|"]
        FieldTable.rows(Fields.scenario.schema(defaults: Scenario()), prefix: "", into: &rows)
        return rows.joined(separator: "\n") + "\n"
    }
}


/// Walks the field schemas into JSON Schema, collecting object and shared definitions in `$defs`.
struct SchemaGenerator {
    var defs: [(String, JSON)] = []

    mutating func define(_ name: String, _ make: (inout SchemaGenerator) -> JSON) {
        guard !defs.contains(where: { $0.0 == name }) else { return }
        defs.append((name, .null))
        let body = make(&self)
        if let i = defs.firstIndex(where: { $0.0 == name }) { defs[i].1 = body }
    }

    static func ref(_ name: String) -> JSON { .object([("$ref", .string("#/$defs/\(name)"))]) }

    mutating func objectBody(_ o: ObjectSchema) -> JSON {
        var props: [(String, JSON)] = []
        for f in o.fields {
            var s: [(String, JSON)] = [("description", .string(f.doc))]
            if case .object(let kv) = schema(f.kind) { s += kv }
            if let d = f.defaultValue { s.append(("default", JSON(d))) }
            props.append((f.key, .object(s)))
        }
        var out: [(String, JSON)] = [("description", .string(o.doc)), ("type", .string("object"))]
        let req = o.fields.filter(\.required).map { JSON.string($0.key) }
        if !req.isEmpty { out.append(("required", .array(req))) }
        out.append(("properties", .object(props)))
        out.append(("additionalProperties", .bool(false)))
        return .object(out)
    }

    mutating func schema(_ kind: ValueKind) -> JSON {
        switch kind {
        case .integer(let lo, let hi): return .object([("type", .string("integer")), ("minimum", .integer(lo)), ("maximum", .integer(hi))])
        case .seed: return .object([("type", .string("integer")), ("minimum", .integer(0)), ("maximum", .unsigned(UInt64.max))])
        case .number(let lo, let hi): return .object([("type", .string("number")), ("minimum", .number(lo)), ("maximum", .number(hi))])
        case .probability: return .object([("type", .string("number")), ("minimum", .integer(0)), ("maximum", .integer(1))])
        case .text(let n, let pattern):
            var kv: [(String, JSON)] = [("type", .string("string")), ("minLength", .integer(1)), ("maxLength", .integer(n))]
            if let p = pattern { kv.append(("pattern", .string(p))) }
            return .object(kv)
        case .choice(let names): return .object([("enum", .array(names.map(JSON.string)))])
        case .timeOfDay: return Self.ref("timeOfDay")
        case .window: return Self.ref("window")
        case .weekHours: return Self.ref("weekHours")
        case .weekdays: return .object([("type", .string("array")), ("items", .object([("enum", .array(Codecs.dayKeys.map(JSON.string)))])),
                                        ("minItems", .integer(1)), ("maxItems", .integer(7))])
        case .numbers(let n, let lo, let hi):
            return .object([("type", .string("array")), ("items", .object([("type", .string("number")), ("minimum", .number(lo)), ("maximum", .number(hi))])),
                            ("minItems", .integer(n)), ("maxItems", .integer(n))])
        case .integers(let lo, let hi, let maxItems):
            return .object([("type", .string("array")), ("items", .object([("type", .string("integer")), ("minimum", .integer(lo)), ("maximum", .integer(hi))])),
                            ("uniqueItems", .bool(true)), ("maxItems", .integer(maxItems))])
        case .weights(let keys):
            return .object([("type", .string("object")), ("properties", .object(keys.map { ($0, .object([("type", .string("number")), ("minimum", .integer(0)), ("maximum", .integer(1_000_000))])) })),
                            ("additionalProperties", .bool(false)), ("minProperties", .integer(1))])
        case .levels(let keys, let max):
            return .object([("type", .string("object")), ("properties", .object(keys.map { ($0, .object([("type", .string("integer")), ("minimum", .integer(0)), ("maximum", .integer(max))])) })),
                            ("additionalProperties", .bool(false)), ("minProperties", .integer(1))])
        case .duration(let maxDays):
            return .object([("$ref", .string("#/$defs/duration")), ("$comment", .string("mean at most \(maxDays)d"))])
        case .quantity(let lo, let hi):
            return .object([("oneOf", .array([.object([("type", .string("number")), ("minimum", .number(lo)), ("maximum", .number(hi))]), Self.ref("quantityDistribution")])),
                            ("$comment", .string("mean within \(format(lo))…\(format(hi))"))])
        case .object(let o):
            define(o.name) { $0.objectBody(o) }
            return Self.ref(o.name)
        case .list(let o, let minItems, let maxItems):
            define(o.name) { $0.objectBody(o) }
            return .object([("type", .string("array")), ("items", Self.ref(o.name)), ("minItems", .integer(minItems)), ("maxItems", .integer(maxItems))])
        case .variants(_, let objects, let maxItems):
            for o in objects { define(o.name) { $0.objectBody(o) } }
            return .object([("type", .string("array")), ("items", .object([("oneOf", .array(objects.map { Self.ref($0.name) }))])), ("maxItems", .integer(maxItems))])
        case .optional(let k):
            return .object([("anyOf", .array([schema(k), .object([("type", .string("null"))])]))])
        case .clock: return Self.ref("clock")
        case .names(let n):
            return .object([("type", .string("array")), ("items", .object([("type", .string("string")), ("pattern", .string("^[A-Za-z0-9._-]+$"))])),
                            ("uniqueItems", .bool(true)), ("maxItems", .integer(n))])
        case .expressions(let pattern, let n):
            return .object([("type", .string("array")), ("items", .object([("type", .string("string")), ("pattern", .string(pattern))])),
                            ("maxItems", .integer(n))])
        case .nameMap(let k):
            return .object([("type", .string("object")), ("propertyNames", .object([("pattern", .string("^[A-Za-z0-9._-]+$"))])),
                            ("additionalProperties", schema(k))])
        case .stepOrBranches(let o):
            define(o.name) { $0.objectBody(o) }
            return .object([("oneOf", .array([.object([("type", .string("string"))]),
                                              .object([("type", .string("array")), ("items", Self.ref(o.name)), ("minItems", .integer(1))])]))])
        }
    }

    /// Time of day, windows, weekly hours and the two distribution families.
    mutating func addSharedDefs() {
        let clock = "([01]?[0-9]|2[0-3]):[0-5][0-9]"
        define("timeOfDay") { _ in .object([("description", .string("A time of day HH:MM.")), ("type", .string("string")), ("pattern", .string("^\(clock)$"))]) }
        define("window") { _ in .object([("description", .string("A window of the day HH:MM-HH:MM that ends after it starts (24:00 allowed as the end).")),
                                         ("type", .string("string")), ("pattern", .string("^\(clock)-(\(clock)|24:00)$"))]) }
        define("weekHours") { _ in
            .object([("description", .string("Hours per weekday: keys mon … sun, ranges such as mon-fri, or every-day; each a list of windows ([] closed). Days not named are closed; a single day overrides a range.")),
                     ("type", .string("object")), ("propertyNames", .object([("enum", .array(Codecs.dayKeys.map(JSON.string)))])),
                     ("additionalProperties", .object([("oneOf", .array([Self.ref("window"), .object([("type", .string("array")), ("items", Self.ref("window")), ("maxItems", .integer(24))])]))]))])
        }
        define("durationText") { _ in
            .object([("description", .string("A duration with a unit: \(DurationUnit.accepted). Business days (bd) are refused: write bh.")),
                     ("type", .string("string")), ("pattern", .string("^[0-9][0-9_]*(\\.[0-9]+)?([eE][+-]?[0-9]+)?(us|ms|s|m|h|d|bm|bh)$"))])
        }
        define("duration") { g in
            .object([("description", .string("A duration (90m, 2h, 3d, 48bh) or a distribution of durations whose value parameters all carry units.")),
                     ("oneOf", .array([Self.ref("durationText"), g.distribution(durations: true)]))])
        }
        define("quantityDistribution") { g in g.distribution(durations: false) }
        define("clock") { _ in
            .object([("description", .string("A service clock: m, h, d (elapsed), bh (business hours) or bd (business days), e.g. 72bh, 5bd, 15d.")),
                     ("type", .string("string")), ("pattern", .string("^[0-9]+(\\.[0-9]+)?(m|h|d|bh|bd)$"))])
        }
    }

    func distribution(durations: Bool) -> JSON {
        let value: JSON = durations ? Self.ref("durationText") : .object([("type", .string("number"))])
        var props: [(String, JSON)] = [("constant", value)]
        for f in DistributionForms.forms where !durations || f.forDurations {
            var params: [(String, JSON)] = []
            for shape in f.shapes {
                for p in shape where !params.contains(where: { $0.0 == p.key }) {
                    let s: JSON
                    switch p.role {
                    case .value: s = value
                    case .pure, .logLocation: s = .object([("type", .string("number"))])
                    case .count: s = .object([("type", .string("integer")), ("minimum", .integer(1)), ("maximum", .integer(1000))])
                    }
                    params.append((p.key, s))
                }
            }
            if f.name == "lognormal", durations {
                params.append(("unit", .object([("description", .string("The unit of mu (with mu and sigma only).")), ("enum", .array(DurationUnit.allCases.map { .string($0.rawValue) }))])))
            }
            var body: [(String, JSON)] = [("description", .string(f.doc)), ("type", .string("object")), ("properties", .object(params)), ("additionalProperties", .bool(false))]
            if f.shapes.count == 1 {
                body.append(("required", .array(f.shapes[0].map { .string($0.key) })))
            } else {
                body.append(("oneOf", .array(f.shapes.map { .object([("required", .array($0.map { .string($0.key) }))]) })))
            }
            props.append((f.name, .object(body)))
        }
        let list: JSON = .object([("type", .string("array")), ("items", value), ("minItems", .integer(1)), ("maxItems", .integer(100_000))])
        props.append(("discrete", .object([("description", .string("values with relative weights")), ("type", .string("object")),
                                          ("properties", .object([("values", list), ("weights", .object([("type", .string("array")), ("items", .object([("type", .string("number")), ("minimum", .integer(0))]))]))])),
                                          ("required", .array([.string("values"), .string("weights")])), ("additionalProperties", .bool(false))])))
        props.append(("empirical", .object([("description", .string("resample the data (or interpolate between sorted data)")),
                                           ("oneOf", .array([list, .object([("type", .string("object")), ("properties", .object([("data", list), ("interpolated", .object([("type", .string("boolean"))]))])),
                                                                           ("required", .array([.string("data")])), ("additionalProperties", .bool(false))])]))])))
        return .object([("description", .string(durations ? "A distribution of durations: exactly one key." : "A distribution of plain numbers: exactly one key.")),
                        ("type", .string("object")), ("properties", .object(props)), ("additionalProperties", .bool(false)),
                        ("minProperties", .integer(1)), ("maxProperties", .integer(1))])
    }
}

/// Rows of the Markdown field table.
enum FieldTable {
    static func rows(_ o: ObjectSchema, prefix: String, into rows: inout [String]) {
        for f in o.fields {
            let path = prefix + f.key
            let def = f.required ? "**required**" : (f.defaultValue.map { "`\($0.flow.replacingBars)`" } ?? "")
            rows.append("| `\(path)` | \(takes(f.kind)) | \(def) | \(f.doc.replacingBars) |")
            switch f.kind {
            case .object(let sub): self.rows(sub, prefix: path + ".", into: &rows)
            case .list(let sub, _, _): self.rows(sub, prefix: path + "[].", into: &rows)
            case .stepOrBranches(let sub): self.rows(sub, prefix: path + "[].", into: &rows)
            case .variants(_, let subs, _):
                for s in subs { self.rows(ObjectSchema(name: s.name, doc: s.doc, fields: Array(s.fields.dropFirst())), prefix: "\(path)[] (\(s.name)).", into: &rows) }
            default: break
            }
        }
    }

    static func takes(_ kind: ValueKind) -> String {
        switch kind {
        case .integer(let lo, let hi): "whole number \(group(lo))…\(group(hi))"
        case .seed: "whole number 0…2⁶⁴−1"
        case .number(let lo, let hi): "number \(num(lo))…\(num(hi))"
        case .probability: "probability 0…1"
        case .text(let n, let p): p == nil ? "text (1–\(n) chars)" : "name: letters, digits, `-_.` (1–\(n))"
        case .choice(let names): names.map { "`\($0)`" }.joined(separator: " \\| ")
        case .timeOfDay: "time `HH:MM`"
        case .window: "window `HH:MM-HH:MM`"
        case .weekHours: "weekly hours"
        case .weekdays: "weekdays, e.g. `[mon-sat]`"
        case .numbers(let n, let lo, let hi): "\(n) numbers \(format(lo))…\(format(hi))"
        case .integers(let lo, let hi, _): "list of day numbers \(lo)…\(group(hi))"
        case .weights(let keys): "weights for " + keys.map { "`\($0)`" }.joined(separator: ", ")
        case .levels(let keys, let max): "levels 0…\(max) for " + keys.map { "`\($0)`" }.joined(separator: ", ")
        case .duration(let d): "duration (mean ≤ \(d)d)"
        case .quantity(let lo, let hi): "quantity \(num(lo))…\(num(hi))"
        case .object(let o): "object (`\(o.name)`)"
        case .list(let o, let lo, let hi): "list of `\(o.name)` (\(lo)–\(group(hi)))"
        case .variants(let tag, _, let hi): "list by `\(tag)` (≤ \(group(hi)))"
        case .optional(let k): takes(k) + " or `null`"
        case .clock: "clock, e.g. `72bh`, `5bd`, `15d`"
        case .names: "list of names"
        case .expressions: "list of threshold expressions"
        case .nameMap(let k): "names → " + takes(k)
        case .stepOrBranches: "step name or list of branches"
        }
    }

    /// A whole number with thousands separators, else as `format`.
    static func num(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? group(Int(x)) : format(x) }

    static func group(_ n: Int) -> String {
        let s = String(n.magnitude)
        var out = ""
        for (i, c) in s.enumerated() {
            if i > 0, (s.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
}

extension String {
    /// Pipes escaped for a Markdown table cell.
    var replacingBars: String { split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|") }
}
