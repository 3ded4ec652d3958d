import DiscreteEvents
import TechnicianBooking

/// The JSON of one case needing a visit.
struct CaseBody: Decodable {
    var region: Int?
    var zone: Int
    var skill: String
    var minutes: Int
    var severity: String?
    var kind: String?
    var topK: Int?
}

struct ReservationBody: Decodable { var region: Int?; var index: Int; var generation: Int }

extension DeskService {
    func desk(_ region: Int?) throws(ServiceError) -> TechnicianDesk {
        guard !technicianDesks.isEmpty else { throw ServiceError(404, field: "region", "this service has no technician desk") }
        return technicianDesks[try ServiceBody.check(region ?? 0, 0...(technicianDesks.count - 1), "region")]
    }

    func request(_ b: CaseBody) throws(ServiceError) -> OfferRequest {
        let skill = try ServiceBody.choice(b.skill, ["draughtSystems": Skill.draughtSystems, "coffeeMachines": .coffeeMachines,
                                                     "refrigeration": .refrigeration, "installation": .installation], "skill", default: .draughtSystems)
        let severity = try ServiceBody.choice(b.severity, ["machineDown": Severity.machineDown, "degraded": .degraded,
                                                           "installation": .installation, "minor": .minor], "severity", default: .degraded)
        let kind = try ServiceBody.choice(b.kind, ["field": ResourceKind.field, "remote": .remote], "kind", default: .field)
        let minutes = try ServiceBody.check(b.minutes, 15...480, "minutes")
        let zone = try ServiceBody.check(b.zone, 0...10_000, "zone")
        let topK = try ServiceBody.check(b.topK ?? 3, 1...TechnicianAllocator.maxTopK, "topK")
        return OfferRequest(zone: zone, kind: kind, skill: skill, duration: .minutes(Int64(minutes)), severity: severity, topK: topK)
    }

    static func slotJSON(_ s: SlotOffer) -> String {
        "{\"technician\": \(s.technician), \"day\": \(s.day), \"startSlot\": \(s.startSlot), \"visitSlots\": \(s.visitSlots)}"
    }

    /// A desk refusal as a 4xx naming the field (a zone unknown to the region is `zone`).
    static func refusal(_ e: AllocatorError) -> ServiceResponse {
        switch e {
        case .unknownZone: return ServiceResponse(400, ServiceError(400, field: "zone", "\(e)").json)
        case .unknownReservation, .notHeld, .holdExpired: return ServiceResponse(404, ServiceError(404, field: "index", "\(e)").json)
        case .slotUnavailable, .staleOffer: return ServiceResponse(409, ServiceError(409, field: "slot", "\(e)").json)
        default: return ServiceResponse(400, ServiceError(400, field: "body", "\(e)").json)
        }
    }

    func offer(_ body: [UInt8]) async throws(ServiceError) -> ServiceResponse {
        let b = try ServiceBody.decode(CaseBody.self, body)
        let d = try desk(b.region)
        let r = await d.submit([.offer(try request(b))], now: now())
        switch r[0] {
        case .offered(let slots): return ServiceResponse(200, "{\"slots\": [\(slots.map(Self.slotJSON).joined(separator: ", "))]}")
        case .empty(let why): return ServiceResponse(200, "{\"slots\": [], \"reason\": \(Self.quoted("\(why)"))}")
        case .failed(let e): return Self.refusal(e)
        default: return ServiceResponse(500, "{\"error\": \"unexpected desk response\"}")
        }
    }

    func hold(_ body: [UInt8]) async throws(ServiceError) -> ServiceResponse {
        let b = try ServiceBody.decode(CaseBody.self, body)
        let d = try desk(b.region)
        let r = await d.submit([.offerAndHold(try request(b), ttl: .minutes(Int64(30)))], now: now())
        switch r[0] {
        case .held(let id, let slot):
            counts.add("held")
            return ServiceResponse(201, "{\"index\": \(id.index), \"generation\": \(id.generation), \"slot\": \(Self.slotJSON(slot))}")
        case .empty(let why): return ServiceResponse(409, ServiceError(409, field: "slot", "no free slot (\(why))").json)
        case .failed(let e): return Self.refusal(e)
        default: return ServiceResponse(500, "{\"error\": \"unexpected desk response\"}")
        }
    }

    func reservation(_ body: [UInt8], confirm: Bool) async throws(ServiceError) -> ServiceResponse {
        let b = try ServiceBody.decode(ReservationBody.self, body)
        let d = try desk(b.region)
        let index = try ServiceBody.check(b.index, 0...Int(Int32.max), "index")
        let generation = try ServiceBody.check(b.generation, 0...Int(UInt32.max), "generation")
        let id = ReservationID(index: Int32(index), generation: UInt32(generation))
        let r = await d.submit([confirm ? .confirm(id) : .cancel(id)], now: now())
        switch r[0] {
        case .done:
            counts.add(confirm ? "confirmed" : "cancelledReservations")
            return ServiceResponse(200, confirm ? "{\"confirmed\": true}" : "{\"cancelled\": true}")
        case .failed(let e): return Self.refusal(e)
        default: return ServiceResponse(500, "{\"error\": \"unexpected desk response\"}")
        }
    }

    /// The counts and the engines' invariants: live delivery jobs must equal submitted − dispatched −
    /// cancelled, and no technician may be double-booked. - Complexity: O(jobs + technicians × days).
    func audit() async -> String {
        var live = 0
        for d in deliveryDesks { live += await d.snapshot().liveCount }
        let submitted = counts.get("submitted"), dispatched = counts.get("dispatched"), cancelled = counts.get("cancelled")
        var double = 0, violations = 0
        for d in technicianDesks {
            let a = await d.audit()
            double += a.doubleBookings
            violations += a.outsideShift + a.skillMismatches + a.maskMismatches + a.summaryViolations
        }
        let lost = submitted - dispatched - cancelled - live
        let clean = lost == 0 && double == 0 && violations == 0
        return "{\"submitted\": \(submitted), \"dispatched\": \(dispatched), \"cancelled\": \(cancelled), \"pending\": \(live), \"lostJobs\": \(lost), \"held\": \(counts.get("held")), \"confirmed\": \(counts.get("confirmed")), \"doubleBookings\": \(double), \"calendarViolations\": \(violations), \"clean\": \(clean)}"
    }
}
