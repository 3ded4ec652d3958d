import Yams

// The declaration layer: every model struct has a table of `Field`s (key, one-line doc, value kind with
// its limits, and a key path into the model). The same table reads YAML (`ObjectDecl.read`), writes the
// resolved form (`ObjectDecl.write`) and generates the JSON Schema and the field table (`ObjectDecl.schema`),
// so the three cannot drift apart.

/// What a field holds, with its limits: the JSON Schema and the field table are generated from it.
indirect enum ValueKind: Sendable {
    /// A whole number in `min...max`.
    case integer(min: Int, max: Int)
    /// A 64-bit unsigned seed.
    case seed
    /// A finite number in `min...max`.
    case number(min: Double, max: Double)
    /// A number in [0, 1].
    case probability
    /// Text of 1…`maxLength` characters, optionally matching a regular expression.
    case text(maxLength: Int, pattern: String?)
    /// One of the given names.
    case choice([String])
    /// A time of day `HH:MM`, at most `maxMinute` minutes after midnight.
    case timeOfDay(maxMinute: Int)
    /// A window of the day `HH:MM-HH:MM` that ends after it starts.
    case window
    /// Weekly hours: weekday keys (or ranges) to lists of windows.
    case weekHours
    /// A list of weekdays (or ranges such as `mon-fri`).
    case weekdays
    /// Exactly `count` numbers in `min...max`.
    case numbers(count: Int, min: Double, max: Double)
    /// Up to `maxItems` distinct whole numbers in `min...max`.
    case integers(min: Int, max: Int, maxItems: Int)
    /// A map of the given keys to weights ≥ 0 with a positive sum.
    case weights([String])
    /// A map of the given keys to levels `0...max`.
    case levels([String], max: Int)
    /// A duration with units or a distribution of durations, mean at most `maxDays` days.
    case duration(maxDays: Int)
    /// A plain number or a distribution of numbers, in `min...max`.
    case quantity(min: Double, max: Double)
    /// A nested object.
    case object(ObjectSchema)
    /// A list of objects.
    case list(ObjectSchema, minItems: Int, maxItems: Int)
    /// A list of objects told apart by the value of the `tag` key.
    case variants(tag: String, [ObjectSchema], maxItems: Int)
    /// The kind, or `null`.
    case optional(ValueKind)
    /// A service clock `72bh` (m, h, d, bh, bd).
    case clock
    /// A list of up to `maxItems` names.
    case names(maxItems: Int)
    /// A list of up to `maxItems` expressions, each matching the regular expression `pattern`.
    case expressions(pattern: String, maxItems: Int)
    /// A mapping from names to values of the kind.
    case nameMap(ValueKind)
    /// A step name, or a list of branch objects.
    case stepOrBranches(ObjectSchema)
}

/// One field as the schema and the docs see it.
struct FieldSchema: Sendable {
    let key: String
    let doc: String
    let kind: ValueKind
    let required: Bool
    /// The default, written as in a file (nil when required or not simple).
    let defaultValue: YAMLValue?
}

/// One object type as the schema and the docs see it (`name` is its `$defs` key).
struct ObjectSchema: Sendable {
    let name: String
    let doc: String
    let fields: [FieldSchema]
}

/// How one type of value is read from a YAML node and written back.
struct Codec<Value> {
    /// What the value is, with its limits.
    let kind: ValueKind
    /// Reads and validates one node (`path` names it in errors).
    let read: (Node, Reader, String) throws(ScenarioError) -> Value
    /// Writes the value in the resolved form.
    let write: (Value) -> YAMLValue
}

/// One key of a model struct: how to read it into the model and how to write it back.
struct Field<Model> {
    let key: String
    let doc: String
    let kind: ValueKind
    let required: Bool
    let apply: (inout Model, Node, Reader, String) throws(ScenarioError) -> Void
    let emit: (Model) -> YAMLValue
    /// The kind with the defaults of nested objects taken from `defaults` (the enclosing object's start value).
    let kindFor: (Model?) -> ValueKind
    /// When it says so, the resolved form leaves the field out (a block that does not change the
    /// simulation, left at its default, so adding it changed no existing scenario's hash).
    var omitted: ((Model) -> Bool)?

    /// This field, left out of the resolved form whenever `omit` holds.
    func omitted(when omit: @escaping (Model) -> Bool) -> Field {
        var f = self
        f.omitted = omit
        return f
    }

    /// A field stored at `keyPath`, read and written by `codec`.
    init<V>(_ key: String, _ doc: String, _ keyPath: WritableKeyPath<Model, V>, _ codec: Codec<V>, required: Bool = false) {
        self.key = key
        self.doc = doc
        self.kind = codec.kind
        self.required = required
        self.apply = { model, node, reader, path throws(ScenarioError) in model[keyPath: keyPath] = try codec.read(node, reader, path) }
        self.emit = { codec.write($0[keyPath: keyPath]) }
        let kind = codec.kind
        self.kindFor = { _ in kind }
    }

    /// A nested object stored at `keyPath`: the file's keys overwrite the current (default) value field by field.
    init<V>(_ key: String, _ doc: String, _ keyPath: WritableKeyPath<Model, V>, object decl: ObjectDecl<V>) {
        self.key = key
        self.doc = doc
        self.kind = .object(decl.schema(defaults: nil))
        self.required = false
        self.apply = { model, node, reader, path throws(ScenarioError) in
            var sub = model[keyPath: keyPath]
            try decl.read(node, into: &sub, reader, path)
            model[keyPath: keyPath] = sub
        }
        self.emit = { decl.write($0[keyPath: keyPath]) }
        self.kindFor = { m in .object(decl.schema(defaults: m.map { $0[keyPath: keyPath] })) }
    }

    /// A field with its own reading and writing (segments, disruptions: they need the rest of the model).
    init(custom key: String, _ doc: String, kind: ValueKind,
         apply: @escaping (inout Model, Node, Reader, String) throws(ScenarioError) -> Void,
         emit: @escaping (Model) -> YAMLValue) {
        self.key = key
        self.doc = doc
        self.kind = kind
        self.required = false
        self.apply = apply
        self.emit = emit
        self.kindFor = { _ in kind }
    }
}

/// The declaration of one model struct: its fields and the checks that involve several of them.
struct ObjectDecl<Model> {
    /// The schema `$defs` name.
    let name: String
    /// One line about the object.
    let doc: String
    /// The fields, in the order they are read and written (a field may depend on those before it).
    let fields: [Field<Model>]
    /// Cross-field checks after the fields are read, with the object's node to point at lines.
    var check: ((Model, Located) throws(ScenarioError) -> Void)?

    init(_ name: String, _ doc: String, _ fields: [Field<Model>],
         check: ((Model, Located) throws(ScenarioError) -> Void)? = nil) {
        self.name = name
        self.doc = doc
        self.fields = fields
        self.check = check
    }

    /// Overwrites `model` with the keys present in `node`; unknown keys and missing required keys are errors.
    /// With `requireAll` false (an item changing a standard one), required keys may be left out.
    func read(_ node: Node, into model: inout Model, _ reader: Reader, _ path: String, requireAll: Bool = true) throws(ScenarioError) {
        let entries = try reader.mapping(node, path, allowed: fields.map(\.key))
        for f in fields {
            if let value = entries[f.key] {
                try f.apply(&model, value, reader, Reader.join(path, f.key))
            } else if f.required && requireAll {
                throw reader.fail(node, Reader.join(path, f.key), "required (\(describe(f.kind)))")
            }
        }
        if let check { try check(model, Located(node: node, path: path, reader: reader)) }
    }

    /// Every field, in declaration order.
    func write(_ model: Model) -> YAMLValue {
        .map(fields.compactMap { $0.omitted?(model) == true ? nil : YAMLValue.Entry(key: $0.key, value: $0.emit(model)) })
    }

    /// The schema; `defaults` (the value a file starts from) gives the simple defaults.
    func schema(defaults: Model?) -> ObjectSchema {
        ObjectSchema(name: name, doc: doc, fields: fields.map { f in
            var d: YAMLValue?
            if let m = defaults, !f.required, isSimple(f.kind) { d = f.emit(m) }
            return FieldSchema(key: f.key, doc: f.doc, kind: f.kindFor(defaults), required: f.required, defaultValue: d)
        })
    }

    /// A codec for a list of these objects, each starting from `blank`.
    func list(blank: @escaping () -> Model, minItems: Int, maxItems: Int, what: String, one: String = "") -> Codec<[Model]> {
        let decl = self
        return Codec(kind: .list(schema(defaults: blank()), minItems: minItems, maxItems: maxItems),
                     read: { node, reader, path throws(ScenarioError) in
                         let items = try reader.sequence(node, path, maxItems: maxItems, what: what)
                         if items.count < minItems {
                             throw reader.fail(node, path, minItems == 1 && !one.isEmpty ? "needs at least one \(one), got an empty list" : "needs at least \(minItems) \(what)")
                         }
                         var out: [Model] = []
                         for (i, item) in items.enumerated() {
                             var m = blank()
                             try decl.read(item, into: &m, reader, "\(path)[\(i)]")
                             out.append(m)
                         }
                         return out
                     },
                     write: { .list($0.map(decl.write)) })
    }
}

/// Kinds whose default is worth stating in the schema and the field table.
func isSimple(_ kind: ValueKind) -> Bool {
    switch kind {
    case .object, .list, .variants: false
    case .optional(let k): isSimple(k)
    default: true
    }
}

/// An object's node and path, for cross-field checks that point at a line inside it.
struct Located {
    let node: Node
    let path: String
    let reader: Reader

    /// An error at the sub-path `sub` (e.g. `depots[1].x`) of this object, on the line of the deepest node
    /// found along it (the object's own line when the key is absent).
    func fail(_ sub: String, _ message: String) -> ScenarioError {
        var n = node
        walk: for step in Reader.steps(sub) {
            switch step {
            case .key(let k):
                guard let m = n.mapping, let v = m.first(where: { $0.key.string == k })?.value else { break walk }
                n = v
            case .index(let i):
                guard let s = n.sequence, i >= 0, i < s.count else { break walk }
                n = s[i]
            }
        }
        return reader.fail(n, sub.isEmpty ? path : (sub.hasPrefix("[") ? path + sub : Reader.join(path, sub)), message)
    }
}

/// A short phrase for what a kind expects (used in "required" and type errors).
func describe(_ kind: ValueKind) -> String {
    switch kind {
    case .integer(let lo, let hi): "a whole number from \(lo) to \(hi)"
    case .seed: "a whole number from 0 to \(UInt64.max)"
    case .number(let lo, let hi): "a number from \(format(lo)) to \(format(hi))"
    case .probability: "a probability from 0 to 1"
    case .text: "a name"
    case .choice(let names): "one of \(names.joined(separator: ", "))"
    case .timeOfDay: "a time of day HH:MM"
    case .window: "a window HH:MM-HH:MM"
    case .weekHours: "weekly hours, e.g. {mon-fri: [\"08:00-18:00\"]}"
    case .weekdays: "a list of weekdays, e.g. [mon-sat]"
    case .numbers(let n, _, _): "a list of \(n) numbers"
    case .integers: "a list of whole numbers"
    case .weights(let keys): "weights for \(keys.joined(separator: ", "))"
    case .levels(let keys, _): "levels for \(keys.joined(separator: ", "))"
    case .duration: "a duration with a unit (\(DurationUnit.accepted)) or a distribution of them"
    case .quantity: "a number or a distribution"
    case .object(let o): "an object (\(o.name))"
    case .list(let o, _, _): "a list of \(o.name) objects"
    case .variants(let tag, _, _): "a list of objects with a '\(tag)'"
    case .optional(let k): describe(k) + " or null"
    case .clock: "a clock such as 72bh, 5bd, 15d or 48h"
    case .names: "a list of names"
    case .expressions: "a list of expressions such as \"p99<2ms\""
    case .nameMap(let k): "a mapping of names to " + describe(k)
    case .stepOrBranches: "a step name or a list of branches"
    }
}

/// A number as a person writes it: `3`, `0.25`, `1e+06`.
func format(_ x: Double) -> String {
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return "\(x)"
}
