import Foundation
import InputLimits
import RetailerJourneys
import Yams

/// A scenario read from a file: the validated model, its canonical resolved text and that text's hash.
public struct LoadedScenario: Sendable, Equatable {
    /// The scenario, every default filled in.
    public var scenario: Scenario
    /// The resolved form: every field written out in a fixed order (reading it back gives `scenario`).
    public var resolvedYAML: String
    /// FNV-1a 64 of `resolvedYAML`, as 16 hex digits: equal hashes, equal scenarios.
    public var hash: String

    /// One paragraph: regions, depots, trucks, technicians, retailers, days, seed and hash.
    public var summary: String {
        let s = scenario
        let depots = s.regions.reduce(0) { $0 + $1.depots.count }
        let trucks = s.vehicleCount
        let techs = s.regions.reduce(0) { $0 + $1.technicians.reduce(0) { $0 + $1.count } }
        let remote = s.regions.reduce(0) { $0 + $1.technicians.filter { $0.kind == .remote }.reduce(0) { $0 + $1.count } }
        func n(_ x: Int, _ one: String, _ many: String) -> String { "\(FieldTable.group(x)) \(x == 1 ? one : many)" }
        return "\(s.name): \(n(s.regions.count, "region", "regions")) (\(s.regions.map(\.name).joined(separator: ", "))), "
            + "\(n(depots, "depot", "depots")), \(s.fleetFollowsCatchments ? "about " : "")\(n(trucks, "truck", "trucks")), \(n(techs, "technician", "technicians")) (\(remote) remote), "
            + "\(n(s.retailerCount, "retailer", "retailers")) in \(n(s.segments.count, "segment", "segments")); "
            + "\(n(s.days, "day", "days"))\(s.warmUpDays > 0 ? " (\(s.warmUpDays) warm-up)" : ""), seed \(s.seed), "
            + "\(n(s.disruptions.count, "disruption", "disruptions")); hash \(hash)"
    }
}

/// The scenario file format: read, validate, resolve, hash, and describe (JSON Schema, field table).
///
/// One source of truth: the field tables in `Fields` drive the reader, the resolved form, the schema and
/// the field table, so they cannot disagree.
public enum ScenarioFile {
    /// Files larger than this are refused before parsing.
    public static let maxBytes = 16 * 1024 * 1024
    /// YAML nesting deeper than this is refused before parsing (a scenario needs about 8).
    public static let maxDepth = 32

    /// Reads, validates and resolves a scenario file. A missing `name` becomes the file name without
    /// extension. - Throws: `ScenarioError` naming file, line, field path and what was expected.
    public static func load(path: String) throws(ScenarioError) -> LoadedScenario {
        let display = path
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let attributes else { throw ScenarioError(file: display, line: 0, field: "", message: "cannot read the file (no such file, or not readable)") }
        if (attributes[.type] as? FileAttributeType) == .typeDirectory {
            throw ScenarioError(file: display, line: 0, field: "", message: "is a directory, not a scenario file")
        }
        if let size = attributes[.size] as? Int, size > maxBytes {
            throw ScenarioError(file: display, line: 0, field: "", message: "the file is \(size) bytes; scenario files are at most \(maxBytes) (16 MiB)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioError(file: display, line: 0, field: "", message: "cannot read the file (no such file, or not readable)")
        }
        guard data.count <= maxBytes else {
            throw ScenarioError(file: display, line: 0, field: "", message: "the file is \(data.count) bytes; scenario files are at most \(maxBytes) (16 MiB)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScenarioError(file: display, line: 0, field: "", message: "not UTF-8 text (is it a binary file?)")
        }
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let scenario = try parse(text, file: display, defaultName: stem)
        return loaded(scenario)
    }

    /// Reads a scenario from YAML text (`file` names it in errors; `defaultName` is used when the text has
    /// no `name`). - Throws: `ScenarioError`.
    public static func parse(_ text: String, file: String, defaultName: String = "scenario") throws(ScenarioError) -> Scenario {
        try preScan(text, file: file)
        let root: Node
        do {
            guard let r = try Yams.compose(yaml: text) else {
                throw ScenarioError(file: file, line: 0, field: "", message: "the file is empty; a scenario needs at least 'regions' (see Scenarios/tiny.yaml)")
            }
            root = r
        } catch let e as ScenarioError {
            throw e
        } catch let e as YamlError {
            throw ScenarioError(file: file, line: yamlLine(e), field: "", message: "not valid YAML: \(yamlProblem(e))")
        } catch {
            throw ScenarioError(file: file, line: 0, field: "", message: "not valid YAML: \(error)")
        }
        let reader = Reader(file: file)
        if reader.isNull(root) {
            throw ScenarioError(file: file, line: 0, field: "", message: "the file is empty; a scenario needs at least 'regions' (see Scenarios/tiny.yaml)")
        }
        var scenario = Scenario()
        scenario.name = defaultName.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || "-_.".contains($0) }) && !defaultName.isEmpty
            ? defaultName : "scenario"
        guard root.mapping != nil else {
            throw reader.fail(root, "", "expected a mapping of scenario fields (name, days, regions, …), got \(Reader.what(root))")
        }
        try Fields.scenario.read(root, into: &scenario, reader, "")
        return scenario
    }

    /// Checks a scenario built in code with the file reader's rules, by reading back its resolved form
    /// (errors name lines of that text, as `file`). - Throws: `ScenarioError`.
    public static func validate(_ scenario: Scenario, file: String = "(resolved scenario)") throws(ScenarioError) {
        _ = try parse(resolvedYAML(scenario), file: file, defaultName: scenario.name)
    }

    /// The scenario with its resolved text and hash.
    public static func loaded(_ scenario: Scenario) -> LoadedScenario {
        let text = resolvedYAML(scenario)
        return LoadedScenario(scenario: scenario, resolvedYAML: text, hash: hex16(fnv1a64(text)))
    }

    /// The canonical resolved form: every field written out in declaration order, so the run can write it
    /// beside its results and reading it back gives an equal `Scenario`. - Complexity: O(size of the scenario).
    public static func resolvedYAML(_ scenario: Scenario) -> String {
        "# The resolved scenario: every field, defaults filled in (jornada validate/run write this form).\n"
            + Fields.scenario.write(scenario).document()
    }

    /// FNV-1a 64 of the resolved form, as 16 hex digits.
    public static func scenarioHash(_ scenario: Scenario) -> String { hex16(fnv1a64(resolvedYAML(scenario))) }

    /// Refuses control characters (binary input) and nesting deeper than `maxDepth` before the YAML parser
    /// (which recurses once per level) sees the text.
    static func preScan(_ text: String, file: String) throws(ScenarioError) {
        var line = 1
        for u in text.unicodeScalars {
            if u == "\n" { line += 1; continue }
            if (u.value < 0x20 && u != "\t" && u != "\r") || u.value == 0x7F || u.value == 0xFFFE || u.value == 0xFFFF {
                throw ScenarioError(file: file, line: line, field: "", message: "control character U+\(String(u.value, radix: 16, uppercase: true)) in the text: this is not a YAML scenario (binary file?)")
            }
        }
        if let deep = NestingScan.firstTooDeep(text, limit: maxDepth) {
            throw ScenarioError(file: file, line: deep, field: "", message: "nesting deeper than \(maxDepth) levels; a scenario needs about 8")
        }
        // The jobs files' nesting scan as well (it counts block indicators, explicit keys and quotes that
        // a simpler scan misses): two independent guards in front of a recursive parser.
        do { try InputText.checkYAMLNesting(text, file: file, maxDepth: maxDepth) } catch {
            throw ScenarioError(file: error.file, line: error.line, field: error.field, message: error.message)
        }
    }

    static func yamlLine(_ e: YamlError) -> Int {
        switch e {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: 0
        }
    }

    static func yamlProblem(_ e: YamlError) -> String {
        switch e {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): problem
        default: "\(e)".split(separator: "\n").first.map(String.init) ?? "syntax error"
        }
    }
}

/// A conservative estimate of YAML nesting, line by line: block indentation levels, `- ` and `? ` item
/// markers, and flow brackets outside quotes and comments.
enum NestingScan {
    /// The first line where the estimated depth exceeds `limit`, or nil.
    static func firstTooDeep(_ text: String, limit: Int) -> Int? {
        var indents: [Int] = []
        var flow = 0
        var lineNo = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNo += 1
            let chars = Array(raw.utf8)
            var i = 0
            while i < chars.count, chars[i] == UInt8(ascii: " ") { i += 1 }
            if i == chars.count || chars[i] == UInt8(ascii: "#") { continue }
            var depth: Int
            if flow == 0 {
                while let last = indents.last, last > i { indents.removeLast() }
                if indents.last != i { indents.append(i) }
                depth = indents.count
                // `- - - x` nests one level per marker on the same line.
                while i + 1 < chars.count, chars[i] == UInt8(ascii: "-") || chars[i] == UInt8(ascii: "?"), chars[i + 1] == UInt8(ascii: " ") {
                    depth += 1
                    i += 2
                    while i < chars.count, chars[i] == UInt8(ascii: " ") { i += 1 }
                }
            } else {
                depth = indents.count
            }
            if depth + flow > limit { return lineNo }
            var quote: UInt8 = 0
            var prev: UInt8 = UInt8(ascii: " ")
            while i < chars.count {
                let c = chars[i]
                if quote != 0 {
                    if c == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") { i += 2; continue }
                    if c == quote { quote = 0 }
                } else if c == UInt8(ascii: "\"") || (c == UInt8(ascii: "'") && (prev == UInt8(ascii: " ") || prev == UInt8(ascii: "[") || prev == UInt8(ascii: "{") || prev == UInt8(ascii: ","))) {
                    quote = c
                } else if c == UInt8(ascii: "#") && prev == UInt8(ascii: " ") {
                    break
                } else if c == UInt8(ascii: "[") || c == UInt8(ascii: "{") {
                    flow += 1
                    if depth + flow > limit { return lineNo }
                } else if c == UInt8(ascii: "]") || c == UInt8(ascii: "}") {
                    flow = Swift.max(0, flow - 1)
                }
                prev = c
                i += 1
            }
        }
        return nil
    }
}
