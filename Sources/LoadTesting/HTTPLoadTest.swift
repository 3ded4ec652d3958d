import DiscreteEvents
import Dispatch
import Foundation

/// A client of `jornada serve`: one keep-alive connection, the same request mix as in process
/// (updates are sent as submits: the service has no update route), pipelined `count` deep per hop,
/// on its own thread (`LoadRun.runThreads`).
public struct HTTPDriver: BlockingLoadDriver {
    let connection: HTTPConnection
    let target: LoadTarget
    let depots: Int
    let token: String?
    var delivery: MixPicker
    var technicians: MixPicker
    var share: Double
    var credit = 0.0
    var rng: RandomStream
    var jobs: [String] = []
    var holds: [String] = []
    var booked: [String] = []

    /// Client `client` of `endpoint` for `target` with `profile`'s mix. - Complexity: O(1).
    public init(endpoint: HTTPEndpoint, target: LoadTarget, profile: LoadProfile, depots: Int, token: String?, client: Int) {
        connection = HTTPConnection(endpoint)
        self.target = target
        self.depots = max(1, depots)
        self.token = token
        delivery = MixPicker(profile.deliveryMix)
        technicians = MixPicker(profile.technicianMix)
        share = target == .technicians ? 1 : target == .delivery ? 0 : profile.technicianShare
        rng = RandomStream(seed: profile.seed, stream: 9000 + UInt64(client))
    }

    mutating func nextRequest() -> (kind: Int, bytes: [UInt8]) {
        credit += share
        let r = rng.next()
        if credit >= 1 {
            credit -= 1
            switch technicians.next() {
            case 1:
                let z = r % 16, m = 30 + (r >> 8) % 4 * 15
                return (11, request("/v1/technicians/holds", "{\"zone\": \(z), \"skill\": \"draughtSystems\", \"minutes\": \(m)}"))
            case 2 where !holds.isEmpty: return (12, request("/v1/technicians/confirm", holds.removeLast()))
            case 3 where booked.count > 200: return (13, request("/v1/technicians/cancel", booked.removeFirst()))
            default:
                let z = r % 16
                return (10, request("/v1/technicians/offers", "{\"zone\": \(z), \"skill\": \"draughtSystems\", \"minutes\": 60}"))
            }
        }
        switch delivery.next() {
        case 2 where !jobs.isEmpty:
            let i = Int((r >> 8) % UInt64(jobs.count))
            jobs.swapAt(i, jobs.count - 1)
            return (2, request("/v1/delivery/cancel", jobs.removeLast()))
        case 3: return (3, request("/v1/delivery/dispatch", "{\"depot\": \(r % UInt64(depots))}"))
        default:
            let x = Double(r & 0xFFFF) / 655.36, y = Double((r >> 16) & 0xFFFF) / 655.36
            return (0, request("/v1/delivery/jobs", "{\"depot\": \(r % UInt64(depots)), \"x\": \(x), \"y\": \(y), \"kegs\": \(1 + (r >> 40) % 3)}"))
        }
    }

    func request(_ path: String, _ body: String) -> [UInt8] {
        let auth = token.map { "Authorization: Bearer \($0)\r\n" } ?? ""
        return Array("POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\(auth)Content-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8)
    }

    /// Writes `count` requests back to back, then reads their responses. - Complexity: O(count × round trip).
    public mutating func send(_ count: Int, at now: SimTime) -> HopOutcome {
        var kinds: [Int] = []
        var bytes: [UInt8] = []
        for _ in 0..<count {
            let (k, b) = nextRequest()
            kinds.append(k)
            bytes += b
        }
        var answers: [(Int, [UInt8])?] = []
        if connection.connectIfNeeded() && connection.write(bytes) {
            for _ in 0..<count {
                guard let r = connection.readResponse() else { break }
                answers.append((r.status, Array(r.body)))
            }
        }
        if answers.count < count { connection.drop() }
        while answers.count < count { answers.append(nil) }
        var outcome = HopOutcome()
        for (k, a) in zip(kinds, answers) {
            guard let (status, body) = a else { outcome.errors += 1; continue }
            switch status {
            case 200..<300:
                let text = String(decoding: body, as: UTF8.self)
                if k == 0, text.hasPrefix("{\"depot\"") { jobs.append(text); if jobs.count > 4096 { jobs.removeFirst(2048) } }
                if k == 11 { holds.append(Self.reservation(text)) }
                if k == 12 { booked.append("") }
                if k == 3 && text.contains("null") { outcome.refused += 1 }
            case 404, 409: outcome.refused += 1
            default: outcome.errors += 1
            }
        }
        return outcome
    }

    /// `{"index": 3, "generation": 0}` from a hold's answer. - Complexity: O(text).
    static func reservation(_ text: String) -> String {
        let end = text.range(of: ", \"slot\"").map { text[..<$0.lowerBound] } ?? Substring(text)
        return String(end) + "}"
    }

    /// Nothing to audit client-side over HTTP (the service's `/v1/audit` does). - Complexity: O(1).
    public func finish() -> Int { 0 }
}

/// A run of `jornada loadtest --url`: the open-loop schedule against a served desk, then the
/// service's audit.
public enum HTTPLoadTest {
    /// Runs `run` against `endpoint`. - Complexity: O(rate × duration) round trips.
    public static func run(_ profile: LoadProfile, endpoint: HTTPEndpoint, target: LoadTarget, run: LoadRunConfig, flat: Bool,
                           token: String? = nil, progress: LoadProgress?) async -> LoadSummary {
        var config = run
        config.hours = flat ? [1] : profile.hours(target)
        let r = await LoadRun.runThreads(config, progress: progress) {
            HTTPDriver(endpoint: endpoint, target: target, profile: profile, depots: 1, token: token, client: $0)
        }
        var audit = DeskAuditSummary()
        if let text = await fetchAudit(endpoint) {
            audit.lostJobs = Self.int(text, "lostJobs") ?? 0
            audit.doubleBookings = Self.int(text, "doubleBookings") ?? 0
            audit.calendarViolations = Self.int(text, "calendarViolations") ?? 0
            audit.submittedJobs = Self.int(text, "submitted") ?? 0
            audit.confirmedBookings = Self.int(text, "confirmed") ?? 0
        } else {
            audit.lostJobs = -1  // the audit could not be read: counts as a violation
        }
        return LoadSummary(target: "http:\(target.rawValue)", scenario: profile.scenario, offeredRate: r.offeredRate, achievedRate: r.achievedRate,
                           durationNanoseconds: run.durationNanoseconds, elapsedNanoseconds: r.elapsedNanoseconds, clients: run.clients,
                           desks: (0, 0), recorder: r.recorder, audit: audit)
    }

    static func fetchAudit(_ endpoint: HTTPEndpoint) async -> String? {
        await withCheckedContinuation { done in
            DispatchQueue.global().async {
                let c = HTTPConnection(endpoint)
                guard c.connectIfNeeded(), c.write(Array("GET /v1/audit HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)),
                      let r = c.readResponse(), r.status == 200 else { done.resume(returning: nil); return }
                done.resume(returning: String(decoding: r.body, as: UTF8.self))
            }
        }
    }

    static func int(_ json: String, _ key: String) -> Int? {
        guard let r = json.range(of: "\"\(key)\": ") else { return nil }
        return Int(json[r.upperBound...].prefix { $0.isNumber || $0 == "-" })
    }
}
