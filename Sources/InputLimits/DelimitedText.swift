/// The cell separator of a delimited text file.
public enum Delimiter: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    /// `,` (RFC 4180).
    case comma = 44
    /// `;` (spreadsheets in locales whose decimal mark is a comma).
    case semicolon = 59
    /// A tab (`.tsv`, "tab-delimited text").
    case tab = 9

    /// The separator as written in messages.
    public var description: String {
        switch self {
        case .comma: return "','"
        case .semicolon: return "';'"
        case .tab: return "tab"
        }
    }
}

/// One record of a delimited file: its cells and the 1-based line where it starts.
public struct DelimitedRecord: Sendable, Equatable {
    /// The line where the record starts (a quoted cell may run over several lines).
    public var line: Int
    /// The cells: unquoted cells trimmed of spaces, quoted cells exactly as written (`""` → `"`).
    public var cells: [String]

    /// A record starting at `line`.
    public init(line: Int, cells: [String]) {
        self.line = line
        self.cells = cells
    }
}

/// Delimited text as spreadsheets write it (RFC 4180 and its common variants), with line numbers.
///
/// - Quoted cells may hold the separator, line breaks and doubled quotes (`"say ""hi"""`).
/// - Line ends are LF, CRLF or CR; a UTF-8 byte-order mark is skipped.
/// - The separator is `,`, `;` or tab: given, or detected as the one that occurs most often outside
///   quotes on the first record (ties prefer `,`).
/// - A line whose first character is `#` is a comment; a `#` inside an unquoted cell elsewhere is
///   refused (quote the cell, or put the comment on its own line), so a comment is never read as data.
/// - Blank lines, and records whose cells are all empty (`,,,` as spreadsheets pad them), are skipped.
public enum DelimitedText {
    /// The most cells a record may have.
    public static let maxColumns = 256

    /// Parses `text`. - Throws: `InputError` naming the line (an unterminated quote names the line
    /// where it opened). - Complexity: O(|text|).
    public static func parse(_ text: String, file: String, delimiter: Delimiter? = nil) throws(InputError) -> (delimiter: Delimiter, records: [DelimitedRecord]) {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let sep = delimiter ?? detect(bytes)
        var records: [DelimitedRecord] = []
        var cells: [String] = []
        var cell: [UInt8] = []
        var quoted = false          // the current cell was quoted
        var inQuotes = false
        var quoteLine = 0
        var line = 1
        var recordLine = 1
        var atRecordStart = true
        var i = 0
        let n = bytes.count
        func fail(_ l: Int, _ field: String, _ m: String) -> InputError {
            InputError(file: file, line: l, field: field, message: m)
        }
        func endCell() throws(InputError) {
            var value = String(decoding: cell, as: UTF8.self)
            if !quoted { value = BoundedNumbers.trimmed(value) }
            cells.append(value)
            guard cells.count <= maxColumns else { throw fail(recordLine, "column \(cells.count)", "more than \(maxColumns) cells in one record") }
            cell.removeAll(keepingCapacity: true)
            quoted = false
        }
        func endRecord() {
            if cells.contains(where: { !$0.isEmpty }) { records.append(DelimitedRecord(line: recordLine, cells: cells)) }
            cells.removeAll(keepingCapacity: true)
            atRecordStart = true
        }
        while i < n {
            let c = bytes[i]
            if inQuotes {
                if c == UInt8(ascii: "\"") {
                    if i + 1 < n && bytes[i + 1] == UInt8(ascii: "\"") { cell.append(c); i += 2; continue }
                    inQuotes = false
                    i += 1
                    // After the closing quote: spaces, then a separator or the end of the line.
                    while i < n, bytes[i] == UInt8(ascii: " ") || (bytes[i] == UInt8(ascii: "\t") && sep != .tab) { i += 1 }
                    if i < n, bytes[i] != sep.rawValue, bytes[i] != UInt8(ascii: "\n"), bytes[i] != UInt8(ascii: "\r") {
                        throw fail(line, "column \(cells.count + 1)", "unexpected text after a closing quote; a quote inside a quoted cell is written twice (\"\")")
                    }
                    continue
                }
                if c == UInt8(ascii: "\n") || (c == UInt8(ascii: "\r") && !(i + 1 < n && bytes[i + 1] == UInt8(ascii: "\n"))) { line += 1 }
                cell.append(c)
                i += 1
                continue
            }
            if atRecordStart {
                recordLine = line
                atRecordStart = false
                if c == UInt8(ascii: "#") {   // a comment line: skip to its end
                    while i < n, bytes[i] != UInt8(ascii: "\n"), bytes[i] != UInt8(ascii: "\r") { i += 1 }
                    continue
                }
            }
            switch c {
            case sep.rawValue:
                try endCell()
                i += 1
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                if c == UInt8(ascii: "\r"), i + 1 < n, bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
                i += 1
                try endCell()
                endRecord()
                line += 1
            case UInt8(ascii: "\""):
                guard cell.allSatisfy({ $0 == UInt8(ascii: " ") }) else {
                    throw fail(line, "column \(cells.count + 1)", "a quote inside an unquoted cell; quote the whole cell and write inner quotes twice (\"\")")
                }
                cell.removeAll()
                inQuotes = true
                quoted = true
                quoteLine = line
                i += 1
            case UInt8(ascii: "#") where cells.isEmpty && cell.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }):
                while i < n, bytes[i] != UInt8(ascii: "\n"), bytes[i] != UInt8(ascii: "\r") { i += 1 }   // an indented comment line
                cell.removeAll()
            case UInt8(ascii: "#"):
                throw fail(line, "column \(cells.count + 1)", "'#' after data: comments go on lines of their own starting with '#' (quote the cell if '#' is part of a value)")
            default:
                guard !quoted else {
                    throw fail(line, "column \(cells.count + 1)", "unexpected text after a closing quote")
                }
                cell.append(c)
                i += 1
            }
        }
        if inQuotes { throw fail(quoteLine, "column \(cells.count + 1)", "a quoted cell opened here is never closed") }
        if !atRecordStart || !cell.isEmpty || !cells.isEmpty {
            try endCell()
            endRecord()
        }
        return (sep, records)
    }

    /// The separator occurring most often outside quotes in the first non-comment record.
    /// - Complexity: O(length of that record).
    static func detect(_ bytes: [UInt8]) -> Delimiter {
        var counts: [Delimiter: Int] = [:]
        var inQuotes = false
        var atLineStart = true
        var skipping = false
        for c in bytes {
            if skipping {
                if c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") { skipping = false; atLineStart = true }
                continue
            }
            if atLineStart {
                atLineStart = false
                if c == UInt8(ascii: "#") { skipping = true; continue }
                if c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") { atLineStart = true; continue }
            }
            if c == UInt8(ascii: "\"") { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") {
                if counts.isEmpty { atLineStart = true; continue }
                break
            }
            if let d = Delimiter(rawValue: c) { counts[d, default: 0] += 1 }
        }
        return Delimiter.allCases.max { (counts[$0] ?? 0) < (counts[$1] ?? 0) || ((counts[$0] ?? 0) == (counts[$1] ?? 0) && $0 != .comma) } ?? .comma
    }
}
