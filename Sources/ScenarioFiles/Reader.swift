import InputLimits
import Yams

/// Typed access to YAML nodes; every failure names the file, the line and the field path.
///
/// A class because the node budget is shared by the whole read (aliases can repeat a subtree, so the
/// budget counts nodes as visited, not as written).
final class Reader {
    /// The file named in errors.
    let file: String
    /// Nodes that may still be visited before the document counts as too large.
    private var nodesLeft: Int
    /// The budget it started with (for the message).
    let nodeBudget: Int

    init(file: String, nodeBudget: Int = 1_000_000) {
        self.file = file
        self.nodesLeft = nodeBudget
        self.nodeBudget = nodeBudget
    }

    func line(_ node: Node?) -> Int { node?.mark?.line ?? 0 }

    func fail(_ node: Node?, _ path: String, _ message: String) -> ScenarioError {
        ScenarioError(file: file, line: line(node), field: path, message: message)
    }

    /// Counts one visited node against the budget.
    func visit(_ node: Node, _ path: String) throws(ScenarioError) {
        nodesLeft -= 1
        if nodesLeft < 0 {
            throw fail(node, path, "the document has more than \(nodeBudget) values (aliases count as copies)")
        }
    }

    /// `a.b`, or `b` at the top.
    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// A path's steps: `depots[1].x` → key depots, index 1, key x.
    enum Step { case key(String), index(Int) }
    static func steps(_ path: String) -> [Step] {
        var out: [Step] = []
        for part in path.split(separator: ".") {
            var rest = Substring(part)
            if let b = rest.firstIndex(of: "[") {
                if b > rest.startIndex { out.append(.key(String(rest[..<b]))) }
                rest = rest[b...]
                while rest.hasPrefix("["), let e = rest.firstIndex(of: "]") {
                    if let i = Int(rest[rest.index(after: rest.startIndex)..<e]) { out.append(.index(i)) }
                    rest = rest[rest.index(after: e)...]
                }
            } else {
                out.append(.key(String(rest)))
            }
        }
        return out
    }

    /// Whether the node is `null`, `~` or an empty plain value.
    func isNull(_ node: Node) -> Bool {
        guard let s = node.scalar, s.style == .plain || s.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(s.string)
    }

    /// The node's entries, checked: a mapping, text keys, no duplicates, every key in `allowed` (else an
    /// error with the closest allowed key as a suggestion).
    func mapping(_ node: Node, _ path: String, allowed: [String]) throws(ScenarioError) -> Entries {
        try visit(node, path)
        guard let m = node.mapping else {
            throw fail(node, path, "expected a mapping (key: value) with keys \(Self.list(allowed)), got \(Self.what(node))")
        }
        var out = Entries()
        for (k, v) in m {
            guard let key = k.scalar?.string else { throw fail(k, path, "keys must be plain text, got \(Self.what(k))") }
            guard allowed.contains(key) else {
                throw fail(k, Self.join(path, key), "unknown key\(Self.suggestion(key, allowed)); expected \(Self.list(allowed))")
            }
            if out[key] != nil { throw fail(k, Self.join(path, key), "duplicate key") }
            out.items.append((key, k, v))
        }
        return out
    }

    /// The node's items, checked: a list of at most `maxItems`.
    func sequence(_ node: Node, _ path: String, maxItems: Int, what: String) throws(ScenarioError) -> [Node] {
        try visit(node, path)
        guard let s = node.sequence else { throw fail(node, path, "expected a list of \(what), got \(Self.what(node))") }
        guard s.count <= maxItems else { throw fail(node, path, "at most \(maxItems) \(what), got \(s.count)") }
        return Array(s)
    }

    /// The node's text, checked: a single value (not a list or a mapping).
    func scalar(_ node: Node, _ path: String, expected: String) throws(ScenarioError) -> String {
        try visit(node, path)
        guard let s = node.scalar else { throw fail(node, path, "expected \(expected), got \(Self.what(node))") }
        return s.string
    }

    /// `a list`, `a mapping`, `'abc'`.
    static func what(_ node: Node) -> String {
        switch node {
        case .scalar(let s): "'\(s.string.count > 40 ? String(s.string.prefix(40)) + "…" : s.string)'"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }

    /// `a, b or c`.
    static func list(_ names: [String]) -> String {
        if names.count > 12 { return names.prefix(12).joined(separator: ", ") + ", …" }
        return names.joined(separator: ", ")
    }

    /// ` (did you mean 'x'?)` for the closest name within a plausible distance, else empty.
    static func suggestion(_ given: String, _ names: [String]) -> String {
        let g = given.lowercased()
        if g.count >= 3, let prefixed = names.first(where: { $0.lowercased().hasPrefix(g) }) { return " (did you mean '\(prefixed)'?)" }
        if let stem = names.filter({ $0.count >= 3 && g.hasPrefix($0.lowercased()) }).max(by: { $0.count < $1.count }) {
            return " (did you mean '\(stem)'?)"
        }
        var name = "", distance = Int.max
        for n in names {
            let d = Suggestion.editDistance(g, n.lowercased())   // one edit distance for every reader
            if d < distance { name = n; distance = d }
        }
        guard distance <= Swift.max(2, name.count / 3) else { return "" }
        return " (did you mean '\(name)'?)"
    }
}

/// A mapping's entries in file order.
struct Entries {
    var items: [(key: String, keyNode: Node, value: Node)] = []
    /// The value of `key`, if present.
    subscript(_ key: String) -> Node? { items.first { $0.key == key }?.value }
}
