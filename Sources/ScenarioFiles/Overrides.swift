import Foundation
import InputLimits
import RetailerJourneys

/// One `--set key.path=value` override of a scenario field, e.g. `regions[Lisboa].depots[0].vehicles[0].count=5`.
///
/// A path is the scenario's field path as errors print it: keys joined by `.`, list items by `[index]`, or by
/// `[name]` for lists of named objects (regions, depots, vehicles, technicians, segments). The value is
/// written as in a scenario file (`5`, `least-slack`, `45m`, `{exponential: {mean: 30m}}`).
public struct Override: Sendable, Hashable, CustomStringConvertible {
    /// The field path.
    public var path: String
    /// The value as written on the command line.
    public var value: String

    /// An override of `path` by `value`.
    public init(path: String, value: String) {
        self.path = path
        self.value = value
    }

    /// Parses `key.path=value`. - Throws: `ScenarioError` (file `--set`) when there is no `=` or either side
    /// is empty or holds a line break. - Complexity: O(length).
    public init(parsing text: String, option: String = "--set") throws(ScenarioError) {
        guard let eq = text.firstIndex(of: "=") else {
            throw ScenarioError(file: option, line: 0, field: text, message: "expected key.path=value, got no '='")
        }
        let p = text[..<eq].trimmingCharacters(in: .whitespaces), v = text[text.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        guard !p.isEmpty else { throw ScenarioError(file: option, line: 0, field: text, message: "expected key.path=value, the path is empty") }
        guard !v.isEmpty else { throw ScenarioError(file: option, line: 0, field: p, message: "expected key.path=value, the value is empty") }
        guard !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw ScenarioError(file: option, line: 0, field: p, message: "the value holds a line break or control character")
        }
        self.init(path: p, value: v)
    }

    /// `path=value`.
    public var description: String { "\(path)=\(value)" }
}

/// One `--vary key.path=v1,v2,…` axis of a sweep: the field and the values it takes, in order.
public struct SweepAxis: Sendable, Hashable {
    /// The field path.
    public var path: String
    /// The values, in the order given (the first is the sweep's reference level).
    public var values: [String]

    /// An axis over `values` of `path`.
    public init(path: String, values: [String]) {
        self.path = path
        self.values = values
    }

    /// Parses `key.path=v1,v2,…`; commas inside `[]`, `{}` or quotes do not split. - Throws: `ScenarioError`
    /// (file `--vary`) for a missing `=`, an empty value, a repeated value or more than 1,000 values.
    /// - Complexity: O(length).
    public init(parsing text: String) throws(ScenarioError) {
        let whole = try Override(parsing: text, option: "--vary")
        var values: [String] = []
        var depth = 0, quote: Character?
        var current = ""
        for ch in whole.value {
            if let q = quote { if ch == q { quote = nil } } else if ch == "\"" || ch == "'" { quote = ch }
            else if ch == "[" || ch == "{" { depth += 1 } else if ch == "]" || ch == "}" { depth -= 1 }
            if ch == ",", depth == 0, quote == nil { values.append(current.trimmingCharacters(in: .whitespaces)); current = ""; continue }
            current.append(ch)
        }
        values.append(current.trimmingCharacters(in: .whitespaces))
        if let i = values.firstIndex(where: \.isEmpty) {
            throw ScenarioError(file: "--vary", line: 0, field: whole.path, message: "value \(i + 1) of \(values.count) is empty")
        }
        guard values.count <= 1_000 else { throw ScenarioError(file: "--vary", line: 0, field: whole.path, message: "at most 1000 values, got \(values.count)") }
        for (i, v) in values.enumerated() where values[..<i].contains(v) {
            throw ScenarioError(file: "--vary", line: 0, field: whole.path, message: "the value '\(v)' is given twice")
        }
        self.init(path: whole.path, values: values)
    }
}

extension ScenarioFile {
    /// The scenario with `overrides` applied in order, checked by the file reader's rules.
    ///
    /// Works on the resolved form (every field written out), so every field a file can hold can be set, and
    /// the result is validated exactly as a file would be. A path step that does not exist is an error with
    /// the keys (or names) it could have been and a "did you mean"; a bad value is the reader's own error.
    /// - Throws: `ScenarioError` with `file` = `--set` and the override's path.
    /// - Complexity: O(overrides × size of the scenario).
    public static func applying(_ overrides: [Override], to scenario: Scenario, option: String = "--set") throws(ScenarioError) -> LoadedScenario {
        guard !overrides.isEmpty else { return loaded(scenario) }
        var tree = Fields.scenario.write(scenario)
        for o in overrides {
            let steps = try pathSteps(o.path, option: option)
            tree = try replace(in: tree, steps: steps[...], walked: "", with: .plain(o.value), override: o, option: option)
        }
        let text = "# scenario with \(option) overrides\n" + tree.document()
        do throws(ScenarioError) {
            return loaded(try parse(text, file: option, defaultName: scenario.name))
        } catch {
            let culprit = overrides.last { error.field.hasPrefix(normalised($0.path)) } ?? overrides.last!
            throw ScenarioError(file: option, line: 0, field: error.field.isEmpty ? culprit.path : error.field,
                                message: "\(error.message) (from \(option) \(culprit))")
        }
    }

    /// Every cell of the grid `axes` (the last axis varies fastest), as the overrides that make it.
    /// - Complexity: O(product of the axes' value counts × axes).
    public static func grid(_ axes: [SweepAxis]) -> [[Override]] {
        var cells: [[Override]] = [[]]
        for axis in axes {
            cells = cells.flatMap { cell in axis.values.map { cell + [Override(path: axis.path, value: $0)] } }
        }
        return cells
    }

    enum PathStep { case key(String), index(Int), name(String) }

    static func pathSteps(_ path: String, option: String) throws(ScenarioError) -> [PathStep] {
        var out: [PathStep] = []
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            var rest = Substring(part)
            let key = rest.prefix { $0 != "[" }
            if key.isEmpty && out.isEmpty || (key.isEmpty && !rest.hasPrefix("[")) {
                throw ScenarioError(file: option, line: 0, field: path, message: "the path has an empty step (write keys joined by '.', e.g. regions[0].depots[0].vehicles[0].count)")
            }
            if !key.isEmpty { out.append(.key(String(key))) }
            rest = rest.dropFirst(key.count)
            while rest.hasPrefix("[") {
                guard let close = rest.firstIndex(of: "]") else {
                    throw ScenarioError(file: option, line: 0, field: path, message: "'[' without a closing ']'")
                }
                let inner = String(rest[rest.index(after: rest.startIndex)..<close])
                guard !inner.isEmpty else { throw ScenarioError(file: option, line: 0, field: path, message: "empty brackets '[]'") }
                out.append(Int(inner).map(PathStep.index) ?? .name(inner))
                rest = rest[rest.index(after: close)...]
            }
            guard rest.isEmpty else { throw ScenarioError(file: option, line: 0, field: path, message: "unexpected '\(rest)' after ']'") }
        }
        return out
    }

    /// `regions[Lisboa].x` stays as given; used only to match reader errors to the override that caused them.
    static func normalised(_ path: String) -> String { String(path.prefix { $0 != "[" }) }

    static func replace(in value: YAMLValue, steps: ArraySlice<PathStep>, walked: String, with new: YAMLValue,
                        override o: Override, option: String) throws(ScenarioError) -> YAMLValue {
        guard let step = steps.first else { return new }
        func fail(_ message: String) -> ScenarioError { ScenarioError(file: option, line: 0, field: o.path, message: message) }
        switch (step, value) {
        case (.key(let k), .map(var entries)):
            guard let i = entries.firstIndex(where: { $0.key == k }) else {
                let keys = entries.map(\.key)
                throw fail("unknown key '\(k)'\(walked.isEmpty ? "" : " in \(walked)")\(Suggestion.hint(for: k, among: keys)); expected one of \(keys.joined(separator: ", "))")
            }
            let sub = try replace(in: entries[i].value, steps: steps.dropFirst(), walked: Reader.join(walked, k), with: new, override: o, option: option)
            entries[i] = YAMLValue.Entry(key: k, value: sub)
            return .map(entries)
        case (.index(let n), .list(var items)):
            guard n >= 0, n < items.count else {
                throw fail("\(walked) has \(items.count) item\(items.count == 1 ? "" : "s") (indices 0...\(items.count - 1)), got [\(n)]")
            }
            items[n] = try replace(in: items[n], steps: steps.dropFirst(), walked: "\(walked)[\(n)]", with: new, override: o, option: option)
            return .list(items)
        case (.name(let name), .list(var items)):
            let names = items.map { item -> String? in
                guard case .map(let e) = item, let v = e.first(where: { $0.key == "name" })?.value else { return nil }
                if case .text(let s) = v { return s }
                if case .plain(let s) = v { return s }
                return nil
            }
            guard let n = names.firstIndex(of: name) else {
                let known = names.compactMap { $0 }
                throw fail(known.isEmpty ? "\(walked) is not a list of named objects; use an index, e.g. \(walked)[0]"
                    : "\(walked) has no item named '\(name)'\(Suggestion.hint(for: name, among: known)); names: \(known.joined(separator: ", "))")
            }
            items[n] = try replace(in: items[n], steps: steps.dropFirst(), walked: "\(walked)[\(name)]", with: new, override: o, option: option)
            return .list(items)
        case (.key(let k), _):
            throw fail("\(walked.isEmpty ? "the scenario" : walked) is a single value, it has no key '\(k)'")
        case (.index, _), (.name, _):
            throw fail("\(walked) is not a list")
        }
    }
}
