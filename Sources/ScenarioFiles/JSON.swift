/// A JSON value with ordered object keys, printed deterministically (two-space indentation).
indirect enum JSON: Sendable, Equatable {
    case object([(String, JSON)])
    case array([JSON])
    case string(String)
    case number(Double)
    case integer(Int)
    case unsigned(UInt64)
    case bool(Bool)
    case null

    static func == (a: JSON, b: JSON) -> Bool { a.text() == b.text() }

    /// The value as pretty-printed JSON text.
    func text(indent: Int = 0) -> String {
        let pad = String(repeating: " ", count: indent + 2), end = String(repeating: " ", count: indent)
        switch self {
        case .object(let kv):
            if kv.isEmpty { return "{}" }
            return "{\n" + kv.map { "\(pad)\(Self.quote($0.0)): \($0.1.text(indent: indent + 2))" }.joined(separator: ",\n") + "\n\(end)}"
        case .array(let items):
            if items.isEmpty { return "[]" }
            let flat = items.map { $0.text(indent: indent + 2) }
            if items.allSatisfy({ if case .object = $0 { false } else if case .array = $0 { false } else { true } }),
               flat.joined(separator: ", ").count + indent < 100 {
                return "[" + flat.joined(separator: ", ") + "]"
            }
            return "[\n" + flat.map { pad + $0 }.joined(separator: ",\n") + "\n\(end)]"
        case .string(let s): return Self.quote(s)
        case .number(let x): return x.isFinite ? format(x) : "null"
        case .integer(let n): return String(n)
        case .unsigned(let n): return String(n)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    /// A resolved-form value as JSON (numbers, null and booleans recognised in plain values).
    init(_ v: YAMLValue) {
        switch v {
        case .plain(let s):
            if s == "null" { self = .null } else if s == "true" || s == "false" { self = .bool(s == "true") }
            else if let i = Int(s) { self = .integer(i) } else if let d = Double(s), d.isFinite, s.contains(where: \.isNumber),
                    s.allSatisfy({ "0123456789+-.eE".contains($0) }) { self = .number(d) } else { self = .string(s) }
        case .text(let s): self = .string(s)
        case .list(let items): self = .array(items.map(JSON.init))
        case .map(let entries): self = .object(entries.map { ($0.key, JSON($0.value)) })
        }
    }
}
