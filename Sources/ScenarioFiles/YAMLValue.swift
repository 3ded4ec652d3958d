/// A value of the resolved form, written as YAML with a deterministic layout.
indirect enum YAMLValue: Equatable, Sendable {
    /// One key of a mapping.
    struct Entry: Equatable, Sendable {
        let key: String
        let value: YAMLValue
    }
    /// Written as is: numbers, `null`, enum names, units (`90m`).
    case plain(String)
    /// Text, always double-quoted (names, times of day).
    case text(String)
    /// A list.
    case list([YAMLValue])
    /// A mapping in the given key order.
    case map([Entry])

    /// A number as written: whole numbers without a fraction, others in Swift's shortest round-trip form.
    static func number(_ x: Double) -> YAMLValue { .plain(format(x)) }
    /// A whole number.
    static func int(_ n: Int) -> YAMLValue { .plain(String(n)) }

    /// The flow form on one line: `{exponential: {mean: 30m}}`, `["08:00-12:00", "14:00-17:00"]`.
    var flow: String {
        switch self {
        case .plain(let s): s
        case .text(let s): Self.quote(s)
        case .list(let items): "[" + items.map(\.flow).joined(separator: ", ") + "]"
        case .map(let entries): "{" + entries.map { "\($0.key): \($0.value.flow)" }.joined(separator: ", ") + "}"
        }
    }

    /// Whether the value contains a mapping inside a list (written in block form for readability).
    var hasObjectList: Bool {
        switch self {
        case .plain, .text: false
        case .list(let items): items.contains { if case .map = $0 { true } else { $0.hasObjectList } }
        case .map(let entries): entries.contains { $0.value.hasObjectList }
        }
    }

    /// The document: block mappings and lists of objects, short values in flow form.
    func document() -> String {
        var lines: [String] = []
        block(into: &lines, indent: 0)
        return lines.joined(separator: "\n") + "\n"
    }

    private func block(into lines: inout [String], indent: Int) {
        let pad = String(repeating: " ", count: indent)
        switch self {
        case .map(let entries):
            for e in entries {
                if e.value.fitsOnLine(indent + e.key.count + 2) {
                    lines.append("\(pad)\(e.key): \(e.value.flow)")
                } else {
                    lines.append("\(pad)\(e.key):")
                    e.value.block(into: &lines, indent: indent + 2)
                }
            }
        case .list(let items):
            for item in items {
                if item.fitsOnLine(indent + 2) {
                    lines.append("\(pad)- \(item.flow)")
                } else {
                    var sub: [String] = []
                    item.block(into: &sub, indent: indent + 2)
                    for (i, l) in sub.enumerated() {
                        lines.append(i == 0 ? pad + "- " + l.dropFirst(indent + 2) : l)
                    }
                }
            }
        case .plain, .text:
            lines.append(pad + flow)
        }
    }

    private func fitsOnLine(_ used: Int) -> Bool {
        switch self {
        case .plain, .text: true
        case .list(let items) where items.isEmpty: true
        case .map(let entries) where entries.isEmpty: true
        default: !hasObjectList && used + flow.count <= 110 && !isObjectWithManyKeys
        }
    }

    /// Objects of more than four keys read better one key a line.
    private var isObjectWithManyKeys: Bool {
        if case .map(let e) = self { return e.count > 4 }
        return false
    }

    /// `"text"` with `\` `"` and control characters escaped.
    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    let hex = String(u.value, radix: 16)
                    out += "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

/// FNV-1a, 64 bits: a small, dependency-free, deterministic hash of the resolved text.
///
/// Why not SHA-256: the hash names a scenario in result files and compares runs; it is not a security
/// boundary, and FNV-1a is a dozen lines that anyone can check.
func fnv1a64(_ text: String) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in text.utf8 {
        h ^= UInt64(b)
        h = h &* 0x0000_0100_0000_01B3
    }
    return h
}

/// Sixteen lowercase hex digits.
func hex16(_ x: UInt64) -> String {
    let s = String(x, radix: 16)
    return String(repeating: "0", count: 16 - s.count) + s
}
