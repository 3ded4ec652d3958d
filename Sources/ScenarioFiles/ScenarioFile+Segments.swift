import DiscreteEvents
import RetailerJourneys
import Yams

/// The `segments` list: each entry names a `kind` and overrides that kind's built-in profile field by
/// field; kinds not listed keep their built-in profile; `share: 0` removes a kind. `importer` has no
/// built-in profile, so it must give `share`, `kegsPerDay`, `casesPerDay`, `creditLimit` and `draughtShare`.
/// The result lists segments in the order cafe, bar, restaurant, shop, distributor, importer.
enum Segments {
    typealias C = Codecs

    static let kinds: [(String, SegmentKind)] = SegmentKind.allCases.map { ($0.rawValue, $0) }
    static let channels: [(String, OrderChannel)] = OrderChannel.allCases.map { ($0.rawValue, $0) }
    /// Fields an importer (no built-in profile) must give.
    static let importerRequired = ["share", "kegsPerDay", "casesPerDay", "creditLimit", "draughtShare"]

    static var decl: ObjectDecl<SegmentSpec> {
        ObjectDecl<SegmentSpec>("segment", "One segment's profile; listed keys override the built-in profile of that kind.", [
            Field("kind", "Which segment: cafe, bar, restaurant, shop, distributor or importer.", \.kind, C.choice(kinds), required: true),
            Field("share", "Relative weight in the population (normalised over segments; 0 removes the segment).", \.share, C.number(0, 1_000_000)),
            Field("kegsPerDay", "Kegs consumed per open day (drawn once per retailer).", \.kegsPerDay, C.quantity(0, 1000)),
            Field("casesPerDay", "Cases consumed per open day (drawn once per retailer).", \.casesPerDay, C.quantity(0, 10_000)),
            Field("weekdayFactor", "Consumption factor per weekday, Monday first (7 numbers).", \.weekdayFactor, C.numbers(count: 7, 0, 100)),
            Field("seasonAmplitude", "Seasonality: consumption × (1 + amplitude·cos(2π(day − seasonPeakDay)/365)).", \.seasonAmplitude, C.number(0, 1)),
            Field("seasonPeakDay", "The day of the year with the highest consumption (0 = the run's first day).", \.seasonPeakDay, C.integer(0, 365)),
            Field("deliveryHours", "Windows in which the outlet receives deliveries, per weekday.", \.deliveryHours, C.weekHours),
            Field("channelMix", "Order channel weights.", \.channelMix, C.weights(channels)),
            Field("creditLimit", "Credit limit in euros (drawn once per retailer).", \.creditLimit, C.quantity(0, 1e9)),
            Field("paymentTermDays", "Payment terms (days after invoicing).", \.paymentTermDays, C.integer(0, 365)),
            Field("latePayerShare", "Share of retailers who pay late (overdue invoices block new orders).", \.latePayerShare, C.probability),
            Field("draughtShare", "Share of retailers with draught equipment installed.", \.draughtShare, C.probability),
            Field("digitalAdoption", "Share of retailers who use the digital channels.", \.digitalAdoption, C.probability),
            Field("kegValue", "Value of one keg in euros.", \.kegValue, C.number(0, 1_000_000)),
            Field("caseValue", "Value of one case in euros.", \.caseValue, C.number(0, 1_000_000)),
        ], check: Validation.segment)
    }

    /// A profile with nothing set, for a kind without a built-in one.
    static func blank(_ kind: SegmentKind) -> SegmentSpec {
        SegmentSpec(kind: kind, share: 0, kegsPerDay: zero, casesPerDay: zero, creditLimit: zero, draughtShare: 0)
    }

    static var zero: Distribution {
        do { return try .constant(0) } catch { preconditionFailure("constant(0) is always valid") }
    }

    static var field: Field<Scenario> {
        let d = decl
        return Field<Scenario>(custom: "segments",
            "Retailer segments; a listed kind overrides its built-in profile field by field, share 0 removes it.",
            kind: .list(d.schema(defaults: nil), minItems: 0, maxItems: kinds.count),
            apply: { scenario, node, r, path throws(ScenarioError) in
                var byKind: [SegmentKind: SegmentSpec] = [:]
                for s in SegmentSpec.defaults { byKind[s.kind] = s }
                var seen: Set<SegmentKind> = []
                for (i, item) in try r.sequence(node, path, maxItems: 64, what: "segments").enumerated() {
                    let p = "\(path)[\(i)]"
                    let entries = try r.mapping(item, p, allowed: d.fields.map(\.key))
                    guard let kindNode = entries["kind"] else { throw r.fail(item, Reader.join(p, "kind"), "required (one of \(kinds.map(\.0).joined(separator: ", ")))") }
                    let kind = try C.choice(kinds).read(kindNode, r, Reader.join(p, "kind"))
                    guard !seen.contains(kind) else { throw r.fail(kindNode, Reader.join(p, "kind"), "\(kind.rawValue) is listed twice") }
                    seen.insert(kind)
                    var spec: SegmentSpec
                    if let builtIn = byKind[kind] {
                        spec = builtIn
                    } else {
                        spec = blank(kind)
                        // Without a built-in profile the share is required, and unless it is 0 (the
                        // segment left out) so is every field that has no default.
                        let missing = { (k: String) in
                            r.fail(item, Reader.join(p, k), "required: \(kind.rawValue) has no built-in profile (give \(importerRequired.joined(separator: ", ")))")
                        }
                        guard let shareNode = entries["share"] else { throw missing("share") }
                        let share = try C.number(0, 1_000_000).read(shareNode, r, Reader.join(p, "share"))
                        if share > 0, let k = importerRequired.first(where: { entries[$0] == nil }) { throw missing(k) }
                    }
                    try d.read(item, into: &spec, r, p)
                    byKind[kind] = spec
                }
                let result = SegmentKind.allCases.compactMap { byKind[$0] }.filter { $0.share > 0 }
                guard !result.isEmpty else { throw r.fail(node, path, "every segment has share 0: the population would be empty") }
                scenario.segments = result
            },
            emit: { scenario in
                var items: [YAMLValue] = []
                let builtIn = Set(SegmentSpec.defaults.map(\.kind))
                for k in SegmentKind.allCases {
                    if let s = scenario.segments.first(where: { $0.kind == k }) {
                        items.append(d.write(s))
                    } else if builtIn.contains(k) {
                        items.append(.map([.init(key: "kind", value: .plain(k.rawValue)), .init(key: "share", value: .int(0))]))
                    }
                }
                return .list(items)
            })
    }
}
