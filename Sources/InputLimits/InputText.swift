import Foundation

/// Reading a user file under stated limits, before any parser sees it: size, encoding, nesting.
public enum InputText {
    /// The largest input file read (8 MiB): far above any real jobs file or scenario, small enough
    /// that every parser finishes in seconds.
    public static let maxBytes = 8 << 20

    /// The deepest YAML nesting accepted (mappings, lists and flow collections together).
    public static let maxYAMLDepth = 32

    /// The file's text: at most `maxBytes`, valid UTF-8, a leading byte-order mark removed, no NUL.
    /// - Throws: `InputError` (line 0) naming the limit. - Complexity: O(file size).
    public static func read(path: String, maxBytes: Int = InputText.maxBytes) throws(InputError) -> String {
        let whole = FieldLocation(file: path, line: 0, field: "path")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw whole.error("cannot read the file (no such file, or not readable)")
        }
        guard !isDirectory.boolValue else { throw whole.error("is a directory, not a file") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw whole.error("cannot read the file (no such file, or not readable)")
        }
        defer { try? handle.close() }
        // Read one byte past the limit rather than trusting the reported size (pipes, /dev/zero).
        let data: Data
        do { data = try handle.read(upToCount: maxBytes + 1) ?? Data() } catch {
            throw whole.error("cannot read the file: \(error.localizedDescription)")
        }
        guard data.count <= maxBytes else {
            throw FieldLocation(file: path, line: 0, field: "size").error("the file is larger than the limit of \(maxBytes >> 20) MiB")
        }
        return try decode(data, file: path)
    }

    /// `data` as text under the same rules as `read(path:)`. - Complexity: O(|data|).
    public static func decode(_ data: Data, file: String) throws(InputError) -> String {
        guard var text = String(data: data, encoding: .utf8) else {
            throw FieldLocation(file: file, line: 0, field: "encoding").error("the file is not UTF-8 text")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if let nul = text.utf8.firstIndex(of: 0) {
            let line = text.utf8[..<nul].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            throw FieldLocation(file: file, line: line, field: "(text)").error("the file contains a NUL byte: binary data, not text")
        }
        return text
    }

    /// Refuses YAML nested deeper than `maxDepth`, by a linear scan of the text before any parser runs
    /// (a recursive parser would otherwise exhaust the stack). It counts block indentation levels,
    /// block indicators on one line (`- `, `? `, one `: `) and open flow brackets outside quotes,
    /// skipping comments and block scalars, so it over-estimates rather than under-estimates.
    /// - Throws: `InputError` at the first line past the limit. - Complexity: O(|text|).
    public static func checkYAMLNesting(_ text: String, file: String, maxDepth: Int = InputText.maxYAMLDepth) throws(InputError) {
        var indents: [Int] = []
        var flow = 0
        var lineNo = 0
        var blockScalarIndent: Int?   // inside `|` / `>` text deeper than this indentation
        var inDouble = false, inSingle = false
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNo += 1
            let line = Array(raw.utf8)
            var i = 0
            while i < line.count, line[i] == UInt8(ascii: " ") { i += 1 }
            let indent = i
            let blank = i == line.count || line[i] == UInt8(ascii: "#") || line[i] == UInt8(ascii: "\r")
            if let b = blockScalarIndent {
                if blank || indent > b { continue }
                blockScalarIndent = nil
            }
            if blank { continue }
            var depth = 0
            if flow == 0 && !inDouble && !inSingle {
                while let last = indents.last, last > indent { indents.removeLast() }
                if indents.last != indent { indents.append(indent) }
                depth = indents.count
            } else {
                depth = indents.count
            }
            var previous: UInt8 = UInt8(ascii: " ")
            var countedValue = false
            scan: while i < line.count {
                let c = line[i]
                if inDouble {
                    if c == UInt8(ascii: "\\") { i += 2; continue }
                    if c == UInt8(ascii: "\"") { inDouble = false }
                } else if inSingle {
                    if c == UInt8(ascii: "'") { inSingle = false }
                } else {
                    switch c {
                    // A quote opens a quoted scalar only where a scalar can start (YAML reads `a"b` as plain text).
                    case UInt8(ascii: "\"") where Self.scalarCanStart(after: previous, inFlow: flow > 0): inDouble = true
                    case UInt8(ascii: "'") where Self.scalarCanStart(after: previous, inFlow: flow > 0): inSingle = true
                    case UInt8(ascii: "#") where previous == UInt8(ascii: " ") || previous == UInt8(ascii: "\t"):
                        break scan
                    case UInt8(ascii: "["), UInt8(ascii: "{"):
                        flow += 1
                        if depth + flow > maxDepth { throw tooDeep(file, lineNo, maxDepth) }
                    case UInt8(ascii: "]"), UInt8(ascii: "}"):
                        flow = Swift.max(0, flow - 1)
                    // Block indicators on one line nest (`- ? - ? x`): each `- ` and `? ` opens a level, and
                    // one `: ` per line outside flow collections (inside them, `:` separates siblings).
                    case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
                        let next = i + 1 < line.count ? line[i + 1] : UInt8(ascii: " ")
                        guard next == UInt8(ascii: " ") || next == UInt8(ascii: "\t") || next == UInt8(ascii: "\r") else { break }
                        if c == UInt8(ascii: ":") {
                            if flow > 0 || countedValue { break }
                            countedValue = true
                        }
                        depth += 1
                        if depth + flow > maxDepth { throw tooDeep(file, lineNo, maxDepth) }
                    default: break
                    }
                }
                previous = c
                i += 1
            }
            if depth + flow > maxDepth { throw tooDeep(file, lineNo, maxDepth) }
            if flow == 0 && !inDouble && !inSingle && Self.opensBlockScalar(raw) {
                blockScalarIndent = indent
            }
        }
    }

    /// Whether a quote after `previous` starts a quoted scalar: at the line start or after a space or
    /// tab; inside a flow collection also right after `[`, `{`, `,` or `:` (`{"a":"b"}`).
    static func scalarCanStart(after previous: UInt8, inFlow: Bool) -> Bool {
        if previous == UInt8(ascii: " ") || previous == UInt8(ascii: "\t") { return true }
        return inFlow && (previous == UInt8(ascii: "[") || previous == UInt8(ascii: "{")
                          || previous == UInt8(ascii: ",") || previous == UInt8(ascii: ":"))
    }

    /// Whether `line` ends with a block scalar header (`key: |`, `- >-`, `|2`), after which the more
    /// indented lines are text.
    static func opensBlockScalar(_ line: Substring) -> Bool {
        line.range(of: #"(^|[:-][ \t]+)[|>][0-9+-]*[ \t]*(#.*)?\r?$"#, options: .regularExpression) != nil
    }

    static func tooDeep(_ file: String, _ line: Int, _ max: Int) -> InputError {
        InputError(file: file, line: line, field: "(nesting)", message: "nested deeper than the limit of \(max) levels")
    }
}
