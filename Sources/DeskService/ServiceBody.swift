import Foundation

/// A refused request: the HTTP status, the field at fault, and why.
public struct ServiceError: Error, Sendable, Equatable {
    /// 400, 401, 404, 409, 413, 415.
    public var status: Int
    /// The field (`depot`, `jobs[2].kegs`, `Authorization`).
    public var field: String
    /// What is wrong.
    public var message: String

    /// An error. - Complexity: O(1).
    public init(_ status: Int, field: String, _ message: String) { self.status = status; self.field = field; self.message = message }

    /// `{"error": "depot: expected 0...1, got 7", "field": "depot"}`. - Complexity: O(message).
    public var json: String { "{\"error\": \(DeskService.quoted("\(field): \(message)")), \"field\": \(DeskService.quoted(field))}" }
}

/// Decoding of request bodies: strict JSON types (an integer field refuses `true`, `1.5` or `"1"`),
/// errors that name the field path, then range checks that name it too.
enum ServiceBody {
    /// `T` from `bytes`. - Throws: a 400 naming the field. - Complexity: O(bytes).
    static func decode<T: Decodable>(_ type: T.Type, _ bytes: [UInt8]) throws(ServiceError) -> T {
        guard !bytes.isEmpty else { throw ServiceError(400, field: "body", "expected a JSON object, got an empty body") }
        do { return try JSONDecoder().decode(T.self, from: Data(bytes)) } catch let e as DecodingError {
            switch e {
            case .keyNotFound(let key, let c): throw ServiceError(400, field: path(c.codingPath + [key]), "required")
            case .typeMismatch(let t, let c): throw ServiceError(400, field: path(c.codingPath), "expected \(describe(t))")
            case .valueNotFound(let t, let c): throw ServiceError(400, field: path(c.codingPath), "expected \(describe(t)), got null")
            case .dataCorrupted(let c):
                throw ServiceError(400, field: path(c.codingPath), c.codingPath.isEmpty ? "not a valid JSON object" : c.debugDescription)
            @unknown default: throw ServiceError(400, field: "body", "not valid")
            }
        } catch {
            throw ServiceError(400, field: "body", "not valid JSON")
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        guard !keys.isEmpty else { return "body" }
        var s = ""
        for k in keys {
            if let i = k.intValue { s += "[\(i)]" } else { s += s.isEmpty ? k.stringValue : ".\(k.stringValue)" }
        }
        return s
    }

    static func describe(_ t: Any.Type) -> String {
        switch t {
        case is Int.Type, is Int32.Type, is Int64.Type: return "an integer"
        case is Double.Type: return "a number"
        case is String.Type: return "a string"
        default: return t is [Any].Type ? "an array" : "an object"
        }
    }

    /// `v` when in `range`. - Throws: a 400 naming `field`. - Complexity: O(1).
    static func check<T: Comparable>(_ v: T, _ range: ClosedRange<T>, _ field: String) throws(ServiceError) -> T {
        guard range.contains(v) else { throw ServiceError(400, field: field, "expected \(range.lowerBound)...\(range.upperBound), got \(v)") }
        return v
    }

    /// `v` when finite and in `range`. - Complexity: O(1).
    static func check(_ v: Double, _ range: ClosedRange<Double>, _ field: String) throws(ServiceError) -> Double {
        guard v.isFinite, range.contains(v) else { throw ServiceError(400, field: field, "expected \(range.lowerBound)...\(range.upperBound), got \(v)") }
        return v
    }

    /// The case of `E` named `text`. - Complexity: O(cases).
    static func choice<E: CaseIterable>(_ text: String?, _ names: KeyValuePairs<String, E>, _ field: String, default d: E) throws(ServiceError) -> E {
        guard let text else { return d }
        guard let e = names.first(where: { $0.key == text })?.value else {
            throw ServiceError(400, field: field, "expected one of \(names.map(\.key).joined(separator: ", ")), got '\(text.prefix(40))'")
        }
        return e
    }
}
