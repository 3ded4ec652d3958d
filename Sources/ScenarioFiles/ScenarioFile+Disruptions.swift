import RetailerJourneys
import Yams

/// The `disruptions` list: entries told apart by `type`; regions and depots are named, and resolved to
/// indices against the scenario's `regions` (read before). Every disruption lies inside the horizon.
enum Disruptions {
    typealias C = Codecs

    struct Variant: Sendable {
        let type: String
        let doc: String
        /// Keys besides `type`, with docs and whether required.
        let keys: [(key: String, doc: String, required: Bool, kind: ValueKind)]
    }

    static let region = (key: "region", doc: "The region's name.", required: true, kind: ValueKind.text(maxLength: 100, pattern: nil))
    static let anyRegion = (key: "region", doc: "The region's name (absent or null: every region).", required: false, kind: ValueKind.optional(.text(maxLength: 100, pattern: nil)))
    static let depot = (key: "depot", doc: "The depot's name in that region.", required: true, kind: ValueKind.text(maxLength: 100, pattern: nil))
    static let count = (key: "count", doc: "How many (default 1).", required: false, kind: ValueKind.integer(min: 1, max: 100_000))
    static let day = (key: "day", doc: "The first day (0-based, inside the horizon).", required: true, kind: ValueKind.integer(min: 0, max: Fields.maxDays - 1))
    static let days = (key: "days", doc: "How many days (default 1; must end inside the horizon).", required: false, kind: ValueKind.integer(min: 1, max: Fields.maxDays))

    static let variants: [Variant] = [
        Variant(type: "truck-breakdown", doc: "`count` trucks of a depot out of service from `day` for `days` days.", keys: [region, depot, count, day, days]),
        Variant(type: "technician-absence", doc: "`count` technicians of a region absent (the first ones of the roster).", keys: [region, count, day, days]),
        Variant(type: "bad-keg-batch", doc: "Kegs delivered in the period come from a bad batch with this defect rate.", keys: [anyRegion, day, days,
            (key: "defectRate", doc: "Probability that a keg of the batch is defective.", required: true, kind: .probability)]),
        Variant(type: "demand-peak", doc: "Consumption × `factor` in the period.", keys: [anyRegion, day, days,
            (key: "factor", doc: "Consumption multiplier (0.01–100).", required: true, kind: .number(min: 0.01, max: 100))]),
        Variant(type: "depot-closed", doc: "A depot that neither plans nor dispatches in the period.", keys: [region, depot, day, days]),
    ]

    static var schemas: [ObjectSchema] {
        variants.map { v in
            ObjectSchema(name: v.type, doc: v.doc, fields: [FieldSchema(key: "type", doc: "The disruption type.", kind: .choice([v.type]), required: true, defaultValue: nil)]
                + v.keys.map { FieldSchema(key: $0.key, doc: $0.doc, kind: $0.kind, required: $0.required, defaultValue: nil) })
        }
    }

    static var field: Field<Scenario> {
        Field<Scenario>(custom: "disruptions", "Disruptions: truck breakdowns, technician absences, a bad keg batch, a demand peak, a closed depot.",
            kind: .variants(tag: "type", schemas, maxItems: 10_000),
            apply: { scenario, node, r, path throws(ScenarioError) in
                var out: [Disruption] = []
                for (i, item) in try r.sequence(node, path, maxItems: 10_000, what: "disruptions").enumerated() {
                    out.append(try read(item, r, "\(path)[\(i)]", scenario))
                }
                scenario.disruptions = out
            },
            emit: { scenario in .list(scenario.disruptions.map { write($0, scenario) }) })
    }

    static func read(_ item: Node, _ r: Reader, _ p: String, _ s: Scenario) throws(ScenarioError) -> Disruption {
        let pre = try r.mapping(item, p, allowed: ["type"] + Array(Set(variants.flatMap { $0.keys.map(\.key) })).sorted())
        guard let typeNode = pre["type"] else { throw r.fail(item, Reader.join(p, "type"), "required (one of \(variants.map(\.type).joined(separator: ", ")))") }
        let t = try C.choice(variants.map { ($0.type, $0.type) }).read(typeNode, r, Reader.join(p, "type"))
        guard let v = variants.first(where: { $0.type == t }) else { throw r.fail(typeNode, Reader.join(p, "type"), "unknown type") }
        let m = try r.mapping(item, p, allowed: ["type"] + v.keys.map(\.key))
        for k in v.keys where k.required && m[k.key] == nil {
            throw r.fail(item, Reader.join(p, k.key), "required for \(t) (\(describe(k.kind)))")
        }
        func int(_ k: String, _ lo: Int, _ hi: Int, _ def: Int) throws(ScenarioError) -> Int {
            guard let n = m[k] else { return def }
            return try C.integer(lo, hi).read(n, r, Reader.join(p, k))
        }
        let day = try int("day", 0, Fields.maxDays - 1, 0)
        let days = try int("days", 1, Fields.maxDays, 1)
        if day >= s.days { throw r.fail(m["day"], Reader.join(p, "day"), "day \(day) is outside the horizon (days: \(s.days))") }
        if day + days > s.days { throw r.fail(m["days"], Reader.join(p, "days"), "ends after day \(s.days - 1), the last of the horizon (day \(day) + \(days) days)") }
        var regionIndex: Int?
        if let n = m["region"], !r.isNull(n) || v.keys.first(where: { $0.key == "region" })?.required == true {
            let name = try C.text().read(n, r, Reader.join(p, "region"))
            guard let ri = s.regions.firstIndex(where: { $0.name == name }) else {
                throw r.fail(n, Reader.join(p, "region"), "no region named '\(clip(name))'\(Reader.suggestion(name, s.regions.map(\.name))); regions: \(Reader.list(s.regions.map(\.name)))")
            }
            regionIndex = ri
        }
        var depotIndex = 0
        if let ri = regionIndex, let n = m["depot"] {
            let name = try C.text().read(n, r, Reader.join(p, "depot"))
            let depots = s.regions[ri].depots
            guard let di = depots.firstIndex(where: { $0.name == name }) else {
                throw r.fail(n, Reader.join(p, "depot"), "no depot named '\(clip(name))' in \(s.regions[ri].name)\(Reader.suggestion(name, depots.map(\.name))); depots: \(Reader.list(depots.map(\.name)))")
            }
            depotIndex = di
        }
        let count = try int("count", 1, 100_000, 1)
        switch t {
        case "truck-breakdown":
            let ri = regionIndex ?? 0
            // A fleet sized by its catchment is known only once the population is drawn: a breakdown of
            // more trucks than it has then stops them all.
            let groups = s.regions[ri].depots[depotIndex].vehicles
            let trucks = groups.reduce(0) { $0 + $1.count }
            if groups.allSatisfy({ $0.perThousandRetailers == 0 }), count > trucks { throw r.fail(m["count"], Reader.join(p, "count"), "\(count) trucks, but depot \(s.regions[ri].depots[depotIndex].name) has \(trucks)") }
            return .truckBreakdown(region: ri, depot: depotIndex, count: count, day: day, days: days)
        case "technician-absence":
            let ri = regionIndex ?? 0
            let techs = s.regions[ri].technicians.reduce(0) { $0 + $1.count }
            if count > techs { throw r.fail(m["count"], Reader.join(p, "count"), "\(count) technicians, but \(s.regions[ri].name) has \(techs)") }
            return .technicianAbsence(region: ri, count: count, day: day, days: days)
        case "bad-keg-batch":
            let rate = try m["defectRate"].map { n throws(ScenarioError) in try C.probability.read(n, r, Reader.join(p, "defectRate")) } ?? 0
            return .badKegBatch(region: regionIndex, day: day, days: days, defectRate: rate)
        case "demand-peak":
            let f = try m["factor"].map { n throws(ScenarioError) in try C.number(0.01, 100).read(n, r, Reader.join(p, "factor")) } ?? 1
            return .demandPeak(region: regionIndex, day: day, days: days, factor: f)
        default:
            return .depotClosed(region: regionIndex ?? 0, depot: depotIndex, day: day, days: days)
        }
    }

    static func write(_ d: Disruption, _ s: Scenario) -> YAMLValue {
        func region(_ i: Int?) -> YAMLValue { i.map { s.regions.indices.contains($0) ? .text(s.regions[$0].name) : .int($0) } ?? .plain("null") }
        func depot(_ ri: Int, _ di: Int) -> YAMLValue {
            guard s.regions.indices.contains(ri), s.regions[ri].depots.indices.contains(di) else { return .int(di) }
            return .text(s.regions[ri].depots[di].name)
        }
        func e(_ k: String, _ v: YAMLValue) -> YAMLValue.Entry { .init(key: k, value: v) }
        switch d {
        case let .truckBreakdown(ri, di, count, day, days):
            return .map([e("type", .plain("truck-breakdown")), e("region", region(ri)), e("depot", depot(ri, di)), e("count", .int(count)), e("day", .int(day)), e("days", .int(days))])
        case let .technicianAbsence(ri, count, day, days):
            return .map([e("type", .plain("technician-absence")), e("region", region(ri)), e("count", .int(count)), e("day", .int(day)), e("days", .int(days))])
        case let .badKegBatch(ri, day, days, rate):
            return .map([e("type", .plain("bad-keg-batch")), e("region", region(ri)), e("day", .int(day)), e("days", .int(days)), e("defectRate", .number(rate))])
        case let .demandPeak(ri, day, days, factor):
            return .map([e("type", .plain("demand-peak")), e("region", region(ri)), e("day", .int(day)), e("days", .int(days)), e("factor", .number(factor))])
        case let .depotClosed(ri, di, day, days):
            return .map([e("type", .plain("depot-closed")), e("region", region(ri)), e("depot", depot(ri, di)), e("day", .int(day)), e("days", .int(days))])
        }
    }
}
