import DeliveryScheduling
import DiscreteEvents
import Foundation
import TechnicianBooking

/// One HTTP answer: status and JSON body.
public struct ServiceResponse: Sendable, Equatable {
    /// The HTTP status.
    public var status: Int
    /// The JSON body.
    public var body: String
    /// A response. - Complexity: O(1).
    public init(_ status: Int, _ body: String) { self.status = status; self.body = body }
}

/// Both desks as an HTTP/JSON service, independent of any HTTP server: `handle` takes a method, a
/// path, the `Authorization` and `Content-Type` headers and the body bytes and returns a status and
/// a JSON body. `jornada-serve` (the nested `Serve` package, Hummingbird) registers `routes` and
/// forwards to it; the tests call it directly.
///
/// Safety: bodies are bounded (`maxBodyBytes`), batches too (`maxBatch`); every field is type- and
/// range-checked before a desk sees it, so bad input is a 4xx naming the field and leaves the desks
/// unchanged; with a token, every route that changes state needs `Authorization: Bearer TOKEN`.
public final class DeskService: Sendable {
    /// Largest accepted request body (64 KiB).
    public static let maxBodyBytes = 64 * 1024
    /// Most jobs in one batch submit.
    public static let maxBatch = 1000

    let router: DeliveryDeskRouter
    let deliveryDesks: [DeliveryDesk]
    let technicianDesks: [TechnicianDesk]
    let token: String?
    let epoch: Int64
    let counts = Counts()

    /// A service over `deliveryDesks` (depot i at index i) and `technicianDesks` (region i at index i),
    /// guarded by `token` when non-nil. - Complexity: O(desks).
    public init(deliveryDesks: [DeliveryDesk], technicianDesks: [TechnicianDesk], token: String?) throws(DeliverySchedulingError) {
        router = try DeliveryDeskRouter(desks: deliveryDesks)
        self.deliveryDesks = deliveryDesks
        self.technicianDesks = technicianDesks
        self.token = token.flatMap { $0.isEmpty ? nil : $0 }
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        epoch = Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }

    /// One route: method, path, whether it changes state (and so needs the token), what it does.
    public struct Route: Sendable, Equatable {
        /// `GET` or `POST`.
        public var method: String
        /// The path.
        public var path: String
        /// Whether the route changes a desk.
        public var changesState: Bool
        /// One line for the OpenAPI document.
        public var summary: String
    }

    /// Every route the service answers.
    public static let routes: [Route] = [
        Route(method: "GET", path: "/health", changesState: false, summary: "Liveness"),
        Route(method: "GET", path: "/openapi.json", changesState: false, summary: "This OpenAPI document"),
        Route(method: "GET", path: "/v1/audit", changesState: false, summary: "Request counts and the engines' invariants"),
        Route(method: "POST", path: "/v1/delivery/jobs", changesState: true, summary: "Submit one delivery or pickup job"),
        Route(method: "POST", path: "/v1/delivery/jobs/batch", changesState: true, summary: "Submit up to 1000 jobs in one desk hop per depot"),
        Route(method: "POST", path: "/v1/delivery/dispatch", changesState: true, summary: "Hand over the most urgent pending job of a depot"),
        Route(method: "POST", path: "/v1/delivery/cancel", changesState: true, summary: "Cancel a job that has not left"),
        Route(method: "POST", path: "/v1/technicians/offers", changesState: false, summary: "Rank slots for a case (changes nothing)"),
        Route(method: "POST", path: "/v1/technicians/holds", changesState: true, summary: "Offer and hold the best slot for a case"),
        Route(method: "POST", path: "/v1/technicians/confirm", changesState: true, summary: "Confirm a hold"),
        Route(method: "POST", path: "/v1/technicians/cancel", changesState: true, summary: "Cancel a hold or booking"),
    ]

    /// Answers one request. - Complexity: O(body) parsing plus the desk operation's cost.
    public func handle(method: String, path: String, authorization: String?, contentType: String?, body: [UInt8]) async -> ServiceResponse {
        let p = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        guard let route = Self.routes.first(where: { $0.path == p }) else {
            return ServiceResponse(404, ServiceError(404, field: "path", "no route '\(p.prefix(80))'").json)
        }
        guard route.method == method else {
            return ServiceResponse(405, ServiceError(405, field: "method", "\(p) takes \(route.method), got \(method.prefix(10))").json)
        }
        if route.changesState, let token, authorization != "Bearer \(token)" {
            return ServiceResponse(401, ServiceError(401, field: "Authorization", "this route needs 'Authorization: Bearer <token>'").json)
        }
        guard body.count <= Self.maxBodyBytes else {
            return ServiceResponse(413, ServiceError(413, field: "body", "at most \(Self.maxBodyBytes) bytes, got \(body.count)").json)
        }
        if method == "POST", let ct = contentType, !ct.lowercased().hasPrefix("application/json") {
            return ServiceResponse(415, ServiceError(415, field: "Content-Type", "expected application/json, got '\(ct.prefix(40))'").json)
        }
        do throws(ServiceError) {
            switch p {
            case "/health": return ServiceResponse(200, "{\"status\": \"ok\"}")
            case "/openapi.json": return ServiceResponse(200, Self.openAPIDocument)
            case "/v1/audit": return ServiceResponse(200, await audit())
            case "/v1/delivery/jobs": return try await submit(body)
            case "/v1/delivery/jobs/batch": return try await submitBatch(body)
            case "/v1/delivery/dispatch": return try await dispatch(body)
            case "/v1/delivery/cancel": return try await cancel(body)
            case "/v1/technicians/offers": return try await offer(body)
            case "/v1/technicians/holds": return try await hold(body)
            case "/v1/technicians/confirm": return try await reservation(body, confirm: true)
            default: return try await reservation(body, confirm: false)
            }
        } catch {
            return ServiceResponse(error.status, error.json)
        }
    }

    /// Virtual time: day 0 06:00 plus the wall time since the service started. - Complexity: O(1).
    func now() -> SimTime {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        let ns = Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec) - epoch
        return SimTime(ticks: SimDuration.ticksPerHour * 6 + ns / 1000)
    }

    /// `"text"` as a JSON string. - Complexity: O(text).
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case _ where u.value < 0x20: out += "\\u00" + String(u.value, radix: 16).leftPadded(2)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}

/// Success counts per operation, for the audit's identity submitted = pending + dispatched + cancelled.
final class Counts: Sendable {
    private let lock = Lock()
    nonisolated(unsafe) private var values: [String: Int] = [:]

    func add(_ key: String, _ n: Int = 1) { if n != 0 { lock.withLock { values[key, default: 0] += n } } }

    func get(_ key: String) -> Int { lock.withLock { values[key] ?? 0 } }
}

extension String {
    func leftPadded(_ n: Int) -> String { String(repeating: "0", count: Swift.max(0, n - count)) + self }
}
