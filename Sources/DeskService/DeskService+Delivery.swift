import DeliveryScheduling
import DiscreteEvents

/// The JSON of one job: depot, location, volume and the optional promise fields.
struct JobBody: Decodable {
    var depot: Int
    var x: Double
    var y: Double
    var kind: String?
    var kegs: Int?
    var cases: Int?
    var promisedDay: Int?
    var deadlineMinutes: Int?
    var tier: String?
    var windowFrom: Int?
    var windowTo: Int?
    var serviceMinutes: Int?
}

struct JobsBody: Decodable { var jobs: [JobBody] }
struct DepotBody: Decodable { var depot: Int }
struct JobRefBody: Decodable { var depot: Int; var slot: Int; var generation: Int }

extension DeskService {
    /// The checked job of `b` (field names prefixed by `at`). - Complexity: O(1).
    func job(_ b: JobBody, at prefix: String, now: SimTime) throws(ServiceError) -> DeliveryJob {
        func f(_ n: String) -> String { prefix + n }
        let depot = try ServiceBody.check(b.depot, 0...(deliveryDesks.count - 1), f("depot"))
        let x = try ServiceBody.check(b.x, -1e6...1e6, f("x")), y = try ServiceBody.check(b.y, -1e6...1e6, f("y"))
        let kind = try ServiceBody.choice(b.kind, ["delivery": JobKind.delivery, "empties": .empties, "defect-return": .defectReturn], f("kind"), default: .delivery)
        let tier = try ServiceBody.choice(b.tier, ["urgent": PriorityTier.urgent, "high": .high, "standard": .standard, "low": .low], f("tier"), default: .standard)
        let kegs = try ServiceBody.check(b.kegs ?? 1, 0...10_000, f("kegs")), cases = try ServiceBody.check(b.cases ?? 0, 0...100_000, f("cases"))
        let day = try ServiceBody.check(b.promisedDay ?? now.day + 1, 0...3650, f("promisedDay"))
        let service = try ServiceBody.check(b.serviceMinutes ?? 10, 0...600, f("serviceMinutes"))
        var windows = TimeWindowSet.anyTime
        if b.windowFrom != nil || b.windowTo != nil {
            let from = try ServiceBody.check(b.windowFrom ?? 0, 0...1440, f("windowFrom"))
            let to = try ServiceBody.check(b.windowTo ?? 1440, 0...1440, f("windowTo"))
            guard from < to else { throw ServiceError(400, field: f("windowTo"), "must be after windowFrom (\(from)), got \(to)") }
            windows = TimeWindowSet(single: TimeWindow(from: .minutes(Int64(from)), to: .minutes(Int64(to))))
        }
        let deadline = try b.deadlineMinutes.map { (m: Int) throws(ServiceError) in now + .minutes(Int64(try ServiceBody.check(m, 1...525_600, f("deadlineMinutes")))) }
        return DeliveryJob(kind: kind, depot: DepotID(Int32(depot)), location: Location(x: x, y: y),
                           volume: Volume(kegs: Int32(kegs), cases: Int32(cases)), serviceTime: .minutes(Int64(service)),
                           windows: windows, promisedDay: day, deadline: deadline ?? .distantFuture, tier: tier)
    }

    static func idJSON(_ id: RoutedJobID) -> String {
        "{\"depot\": \(id.depot.rawValue), \"slot\": \(id.job.slot), \"generation\": \(id.job.generation)}"
    }

    func submit(_ body: [UInt8]) async throws(ServiceError) -> ServiceResponse {
        let now = now()
        let j = try job(try ServiceBody.decode(JobBody.self, body), at: "", now: now)
        let r = await router.perform([.submit(j)], at: now)
        guard case .submitted(let id) = r[0] else { return Self.failure(r[0]) }
        counts.add("submitted")
        return ServiceResponse(201, Self.idJSON(id))
    }

    func submitBatch(_ body: [UInt8]) async throws(ServiceError) -> ServiceResponse {
        let now = now()
        let b = try ServiceBody.decode(JobsBody.self, body)
        guard (1...Self.maxBatch).contains(b.jobs.count) else {
            throw ServiceError(400, field: "jobs", "expected 1...\(Self.maxBatch) jobs, got \(b.jobs.count)")
        }
        var jobs: [DeliveryRequest] = []
        for (i, j) in b.jobs.enumerated() { jobs.append(.submit(try job(j, at: "jobs[\(i)].", now: now))) }
        let r = await router.perform(jobs, at: now)
        var ids: [String] = []
        for x in r { if case .submitted(let id) = x { ids.append(Self.idJSON(id)) } else { ids.append("null") } }
        counts.add("submitted", ids.filter { $0 != "null" }.count)
        return ServiceResponse(201, "{\"ids\": [\(ids.joined(separator: ", "))]}")
    }

    func dispatch(_ body: [UInt8]) async throws(ServiceError) -> ServiceResponse {
        let b = try ServiceBody.decode(DepotBody.self, body)
        let d = try ServiceBody.check(b.depot, 0...(deliveryDesks.count - 1), "depot")
        let r = await router.perform([.dispatchNext(DepotID(Int32(d)))], at: now())
        switch r[0] {
        case .dispatched(let id, _): counts.add("dispatched"); return ServiceResponse(200, "{\"dispatched\": \(Self.idJSON(id))}")
        case .nothingToDispatch: return ServiceResponse(200, "{\"dispatched\": null}")
        default: return Self.failure(r[0])
        }
    }

    func cancel(_ body: [UInt8]) async throws(ServiceError) -> ServiceResponse {
        let b = try ServiceBody.decode(JobRefBody.self, body)
        let d = try ServiceBody.check(b.depot, 0...(deliveryDesks.count - 1), "depot")
        let slot = try ServiceBody.check(b.slot, 0...Int(UInt32.max), "slot"), gen = try ServiceBody.check(b.generation, 0...Int(UInt32.max), "generation")
        let id = JobID(slot: UInt32(slot), generation: UInt32(gen))
        let desk = deliveryDesks[d]
        if let e = await desk.cancel([id])[0] { return Self.failure(.failed(e)) }
        counts.add("cancelled")
        return ServiceResponse(200, "{\"cancelled\": true}")
    }

    /// A desk refusal as a 4xx: an unknown or departed job is 404/409, anything else 400.
    static func failure(_ r: DeliveryResponse) -> ServiceResponse {
        guard case .failed(let e) = r else { return ServiceResponse(500, "{\"error\": \"unexpected desk response\"}") }
        switch e {
        case .unknownJob: return ServiceResponse(404, ServiceError(404, field: "slot", "no such pending job (\(e))").json)
        case .unknownDepot: return ServiceResponse(400, ServiceError(400, field: "depot", "\(e)").json)
        default: return ServiceResponse(409, ServiceError(409, field: "body", "\(e)").json)
        }
    }
}
