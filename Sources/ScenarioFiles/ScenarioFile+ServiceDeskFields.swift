import DiscreteEvents
import RetailerJourneys
import Yams

/// The field tables of the service desk (seed 002): channels, teams, parties, case types with their flows,
/// and triggers. Starting from the standard desk, a file's list replaces the standard list of that name.
extension Fields {
    static var serviceDesk: ObjectDecl<ServiceDeskSpec> { ObjectDecl<ServiceDeskSpec>("serviceDesk", "The customer-service desk (seed 002) and journeys 5, 6 and 8: channels, agents, parties, case flows, triggers.", [
        Field("enabled", "Whether the desk is simulated (false: no case is raised, no service KPI reported).", \.enabled, C.boolean),
        Field(custom: "standard", "Start from the seed's standard desk (true: listed items with a standard name change it, others are added; false: only what the file lists).",
              kind: .choice(["true", "false"]),
              apply: { d, node, r, path throws(ScenarioError) in
                  if try !Codecs.boolean.read(node, r, path) { d.channels = []; d.teams = []; d.parties = []; d.caseTypes = []; d.triggers = [] }
              },
              emit: { _ in .plain("false") }),
        merged("channels", "Contact channels.", \.channels, channel, name: \.name,
               blank: { ServiceChannelSpec(name: "", kind: .async, responseTarget: SLAClock(1, .businessDays)) }, maxItems: 50, what: "channels"),
        merged("teams", "Agent teams: channels answered, head count, shift, skills.", \.teams, team, name: \.name,
               blank: { AgentTeamSpec(name: "", channels: [], agents: 0) }, maxItems: 200, what: "teams"),
        merged("parties", "External parties cases are escalated to.", \.parties, party, name: \.name,
               blank: { PartySpec(name: "", response: .hours(1)) }, maxItems: 200, what: "parties"),
        merged("caseTypes", "The case types and their flows.", \.caseTypes, caseType, name: \.name,
               blank: { CaseTypeSpec(name: "", sla: SLAClock(1, .businessDays), channels: [:], steps: []) }, maxItems: 500, what: "case types"),
        merged("triggers", "Journey events that raise cases (an item with a standard event and case type changes it).", \.triggers, trigger,
               name: \.key, blank: { CaseTriggerSpec(event: .rupture, caseType: "", contact: 0) }, maxItems: 100, what: "triggers",
               identity: { n in scalarValue(n, "event").flatMap { e in scalarValue(n, "caseType").map { "\(e)→\($0)" } } }),
        Field("phoneDocumentWait", "A caller asked for documents waits on the line up to this long, else the case goes on by e-mail.", \.phoneDocumentWait, C.clock),
        Field("documentDelay", "Time a customer takes to send documents or evidence.", \.documentDelay, C.duration()),
        Field("abandonRetry", "Probability that a caller who abandoned the queue writes an e-mail instead.", \.abandonRetry, C.probability),
        Field("couponExpiryDays", "Coupons and vouchers expire this many days after creation.", \.couponExpiryDays, C.integer(1, maxDays)),
        Field("couponUse", "Probability that a retailer uses a coupon at all.", \.couponUse, C.probability),
        Field("couponUseDelay", "Time from a coupon's creation to its use.", \.couponUseDelay, C.duration()),
        Field("creditCooldownDays", "A new credit request is accepted only this many days after the last answer.", \.creditCooldownDays, C.integer(0, maxDays)),
        Field("creditIncrease", "Credit-limit multiplier when an increase is granted.", \.creditIncrease, C.number(1, 100)),
        Field("dataPromptIntervalDays", "Every retailer is prompted to review its data every this many days (0 = never).", \.dataPromptIntervalDays, C.integer(0, maxDays)),
    ], check: Validation.serviceDesk) }

    static var channel: ObjectDecl<ServiceChannelSpec> { ObjectDecl<ServiceChannelSpec>("channel", "A contact channel.", [
        Field("name", "Its name (unique; case types and teams refer to it).", \.name, C.text(maxLength: 60, identifier: true), required: true),
        Field("kind", "phone (a live queue with abandonment) or async (written: web, app, WhatsApp, e-mail).", \.kind,
              C.choice(ChannelKind.allCases.map { ($0.rawValue, $0) }), required: true),
        Field("patience", "Phone: how long a caller waits in the queue before hanging up.", \.patience, C.duration(maxDays: 1)),
        Field("responseTarget", "First-response target: contact → first agent answer (e.g. 2m, 8bh, 1bd).", \.responseTarget, C.clock, required: true),
    ]) }

    static var team: ObjectDecl<AgentTeamSpec> { ObjectDecl<AgentTeamSpec>("team", "A team of agents.", [
        Field("name", "Its name (unique; a step may name it).", \.name, C.text(maxLength: 60, identifier: true), required: true),
        Field("channels", "Channels it answers (none: it works only steps that name it, e.g. a back office).", \.channels, C.names(maxItems: 50)),
        Field("agents", "Agents on shift in every region.", \.agents, C.integer(0, 100_000), required: true),
        Field("perThousandRetailers", "More agents per 1,000 retailers of the region (rounded).", \.perThousandRetailers, C.number(0, 1_000)),
        Field("shift", "Shift per weekday (holidays off).", \.shift, C.weekHours),
        Field("skills", "Case types it handles (empty: every type).", \.skills, C.names(maxItems: 500)),
    ]) }

    static var party: ObjectDecl<PartySpec> { ObjectDecl<PartySpec>("party", "An external party cases are escalated to.", [
        Field("name", "Its name (unique; escalation steps refer to it).", \.name, C.text(maxLength: 60, identifier: true), required: true),
        Field("response", "Time to answer an escalation (bh: business hours).", \.response, C.duration(), required: true),
        Field("neverAnswers", "Probability that an escalation is never answered (its step then needs a timeout).", \.neverAnswers, C.probability),
        Field("target", "The answer target the party is measured against (null: none).", \.target, C.optional(C.clock)),
    ]) }

    static var caseType: ObjectDecl<CaseTypeSpec> { ObjectDecl<CaseTypeSpec>("caseType", "A case type: SLA, arrivals, channels, self-service and its flow.", [
        Field("name", "Its name (unique).", \.name, C.text(maxLength: 60, identifier: true), required: true),
        Field("area", "The KPI area it reports under (service, activation, payments, information, …).", \.area, C.text(maxLength: 40, identifier: true)),
        Field("sla", "Resolution target: opening → close (m, h, d elapsed; bh business hours; bd business days).", \.sla, C.clock, required: true),
        Field("perRetailerPerYear", "Background contacts per retailer per year, over business hours.", \.perRetailerPerYear, C.number(0, 1_000)),
        Field("channels", "Channel weights of reactive contacts (channel names).", \.channels, C.nameWeights, required: true),
        Field("selfService", "Probability that a digital retailer resolves it in self-service (no case opened).", \.selfService, C.probability),
        Field("proactiveStart", "The step an outbound (proactive) case starts at (null: the first).", \.proactiveStart, C.optional(C.text(maxLength: 60, identifier: true))),
        Field("steps", "The flow; a reactive case starts at the first step.", \.steps,
              step.list(blank: { CaseStepSpec(name: "", kind: .close) }, minItems: 1, maxItems: 200, what: "steps", one: "step")),
    ]) }

    static var step: ObjectDecl<CaseStepSpec> { ObjectDecl<CaseStepSpec>("caseStep", "One step of a case flow.", [
        Field("name", "Its name (unique in the flow).", \.name, C.text(maxLength: 60, identifier: true), required: true),
        Field("kind", "work, documents, escalate, contact, wait, transfer or close.", \.kind, C.choice(StepKind.allCases.map { ($0.rawValue, $0) }), required: true),
        Field("duration", "Work or wait length.", \.duration, C.duration()),
        Field("team", "Work: the team doing it (null: the team answering the case's channel with the skill).", \.team, C.optional(C.text(maxLength: 60, identifier: true))),
        Field("party", "Escalate: the party.", \.party, C.optional(C.text(maxLength: 60, identifier: true))),
        Field("target", "Escalate: the answer target (null: the party's).", \.target, C.optional(C.clock)),
        Field("targetByChannel", "Escalate: answer targets by the case's channel.", \.targetByChannel, C.nameClocks),
        Field("timeout", "Escalate: no answer by this clock → onTimeout.", \.timeout, C.optional(C.clock)),
        Field("onTimeout", "Escalate: the step taken on timeout.", \.onTimeout, C.optional(C.text(maxLength: 60, identifier: true))),
        Field("attempts", "Contact: attempts on different days and times.", \.attempts, C.integer(1, 20)),
        Field("reach", "Contact: probability that one attempt reaches the retailer.", \.reach, C.probability),
        Field("onNoContact", "Contact: the step taken when no attempt reaches the retailer.", \.onNoContact, C.optional(C.text(maxLength: 60, identifier: true))),
        Field("caseType", "Transfer: the case type the case is handed to.", \.caseType, C.optional(C.text(maxLength: 60, identifier: true))),
        Field("action", "What finishing the step does.", \.action, C.optional(C.choice(CaseAction.allCases.map { ($0.rawValue, $0) }))),
        Field("milestone", "A milestone name: the time from opening to this step's end is measured.", \.milestone, C.optional(C.text(maxLength: 60, identifier: true))),
        Field("next", "Where the flow goes: a step name, or a list of {to, weight} and {to, if|unless: condition}.", \.next, C.branches),
    ]) }

    static var trigger: ObjectDecl<CaseTriggerSpec> { ObjectDecl<CaseTriggerSpec>("caseTrigger", "A journey event that raises a case.", [
        Field("event", "The journey event.", \.event, C.choice(TriggerEvent.allCases.map { ($0.rawValue, $0) }), required: true),
        Field("caseType", "The case type raised.", \.caseType, C.text(maxLength: 60, identifier: true), required: true),
        Field("contact", "Probability that the retailer contacts the desk.", \.contact, C.probability, required: true),
        Field("proactive", "Whether the desk reaches out to the retailer who did not.", \.proactive, C.boolean),
    ]) }
}

extension Fields {
    /// A list of named objects merged into the current list: an item whose name is already there starts
    /// from that item and replaces it, a new name is appended.
    static func merged<M, E>(_ key: String, _ doc: String, _ kp: WritableKeyPath<M, [E]>, _ decl: ObjectDecl<E>,
                             name: KeyPath<E, String>, blank: @escaping () -> E, maxItems: Int, what: String,
                             identity: @escaping (Node) -> String? = { scalarValue($0, "name") }) -> Field<M> {
        Field<M>(custom: key, doc + " Items merge by name into the standard list.", kind: .list(decl.schema(defaults: blank()), minItems: 0, maxItems: maxItems),
                 apply: { model, node, r, path throws(ScenarioError) in
                     var list = model[keyPath: kp]
                     var seen: [String] = []
                     for (i, item) in try r.sequence(node, path, maxItems: maxItems, what: what).enumerated() {
                         let p = "\(path)[\(i)]"
                         var id = identity(item)
                         if let id, let j = list.firstIndex(where: { $0[keyPath: name] == id }) {
                             var start = list[j]
                             try decl.read(item, into: &start, r, p, requireAll: false)
                             list[j] = start
                         } else {
                             var fresh = blank()
                             try decl.read(item, into: &fresh, r, p)
                             id = fresh[keyPath: name]
                             list.append(fresh)
                         }
                         if let id, seen.contains(id) { throw r.fail(item, p, "'\(clip(id))' is listed twice") }
                         if let id { seen.append(id) }
                     }
                     model[keyPath: kp] = list
                 },
                 emit: { m in .list(m[keyPath: kp].map(decl.write)) })
    }
}

/// The plain text of `key` in a mapping node, if any.
func scalarValue(_ node: Node, _ key: String) -> String? {
    node.mapping?.first(where: { $0.key.string == key })?.value.scalar?.string
}

extension Codecs {
    /// `true` or `false`.
    static var boolean: Codec<Bool> { choice([("true", true), ("false", false)]) }

    /// A service clock: a number and a unit, `m`, `h`, `d` (elapsed), `bh` (business hours), `bd` (business days).
    static var clock: Codec<SLAClock> { Codec<SLAClock>(kind: .clock, read: { node, r, path throws(ScenarioError) in
        let s = try r.scalar(node, path, expected: "a clock such as 72bh").trimming(" ")
        let units = ClockUnit.allCases.sorted { $0.rawValue.count > $1.rawValue.count }
        let accepted = ClockUnit.allCases.map(\.rawValue).joined(separator: ", ")
        guard let u = units.first(where: { s.hasSuffix($0.rawValue) }) else {
            let letters = String(s.drop { "0123456789.".contains($0) })
            throw r.fail(node, path, letters.isEmpty
                ? "a clock needs a unit (\(accepted)), e.g. \(clip(s))bh"
                : "unknown unit '\(clip(letters))'; expected \(accepted) (m, h, d elapsed; bh business hours; bd business days)")
        }
        let number = String(s.dropLast(u.rawValue.count))
        guard !number.isEmpty, number.allSatisfy({ "0123456789.".contains($0) }) else {
            throw r.fail(node, path, "expected a clock such as 72bh, 5bd, 15d or 48h, got '\(clip(s))'")
        }
        let x = try parseNumber(number, 0, 3_650 * 24 * 60, node, r, path)
        return SLAClock(x, u)
    }, write: { .plain($0.description) }) }

    /// A list of names (channels, skills).
    static func names(maxItems: Int) -> Codec<[String]> {
        let one = text(maxLength: 60, identifier: true)
        return Codec(kind: .names(maxItems: maxItems), read: { node, r, path throws(ScenarioError) in
            var out: [String] = []
            for (i, n) in try r.sequence(node, path, maxItems: maxItems, what: "names").enumerated() {
                let v = try one.read(n, r, "\(path)[\(i)]")
                if out.contains(v) { throw r.fail(n, "\(path)[\(i)]", "'\(clip(v))' is listed twice") }
                out.append(v)
            }
            return out
        }, write: { .list($0.map { YAMLValue.plain($0) }) })
    }

    /// The load-test threshold grammar (`jornada loadtest --threshold`): a metric, an operator and a
    /// bound with its unit, e.g. `p99<2ms`, `errors==0`, `achievedRate>=500k`. The tool parses each
    /// again with its own parser; this pattern catches typos at the line that has them.
    static let thresholdPattern = #"^ *(p50|p90|p99|p99\.9|max|errors|dropped|late|achievedRate) *(<=|>=|==|!=|<|>) *[0-9]+(\.[0-9]+)? *(ns|us|µs|ms|s|k|M)? *$"#

    /// `thresholdPattern` compiled (a constant pattern; nil would reject every threshold, which the tests show).
    nonisolated(unsafe) static let thresholdRegex = try? Regex(thresholdPattern)

    /// A list of threshold expressions. - Complexity: O(items × length).
    static func thresholds(maxItems: Int) -> Codec<[String]> {
        return Codec(kind: .expressions(pattern: thresholdPattern, maxItems: maxItems), read: { node, r, path throws(ScenarioError) in
            var out: [String] = []
            for (i, n) in try r.sequence(node, path, maxItems: maxItems, what: "thresholds").enumerated() {
                let p = "\(path)[\(i)]"
                let v = try r.scalar(n, p, expected: "a threshold such as \"p99<2ms\"")
                guard v.count <= 80, let regex = thresholdRegex, (try? regex.wholeMatch(in: v)) != nil else {
                    throw r.fail(n, p, "expected METRIC OP VALUE such as \"p99<2ms\" or \"errors==0\" (metrics p50, p90, p99, p99.9, max, errors, dropped, late, achievedRate), got '\(clip(v))'")
                }
                out.append(v)
            }
            return out
        }, write: { .list($0.map { YAMLValue.text($0) }) })
    }

    /// A mapping from names to values of `codec`, in file order for errors, sorted by name when written.
    static func nameMap<V>(_ codec: Codec<V>, what: String) -> (Node, Reader, String) throws(ScenarioError) -> [(String, V, Node)] {
        { node, r, path throws(ScenarioError) in
            try r.visit(node, path)
            guard let m = node.mapping else { throw r.fail(node, path, "expected a mapping of \(what), got \(Reader.what(node))") }
            var out: [(String, V, Node)] = []
            for (k, v) in m {
                guard let key = k.scalar?.string, !key.isEmpty else { throw r.fail(k, path, "keys must be plain names, got \(Reader.what(k))") }
                let p = Reader.join(path, key)
                if out.contains(where: { $0.0 == key }) { throw r.fail(k, p, "duplicate key") }
                out.append((key, try codec.read(v, r, p), v))
            }
            return out
        }
    }

    /// Weights by channel name: each 0…1,000,000, a positive sum.
    static var nameWeights: Codec<[String: Double]> {
        let read = nameMap(number(0, 1_000_000), what: "channel weights")
        return Codec(kind: .nameMap(.number(min: 0, max: 1_000_000)), read: { node, r, path throws(ScenarioError) in
            let items = try read(node, r, path)
            guard items.reduce(0, { $0 + $1.1 }) > 0 else { throw r.fail(node, path, "the weights must have a positive sum") }
            return Dictionary(items.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
        }, write: { m in .map(m.keys.sorted().map { YAMLValue.Entry(key: $0, value: .number(m[$0] ?? 0)) }) })
    }

    /// Clocks by channel name.
    static var nameClocks: Codec<[String: SLAClock]> {
        let read = nameMap(clock, what: "clocks by channel")
        return Codec(kind: .nameMap(.clock), read: { node, r, path throws(ScenarioError) in
            Dictionary(try read(node, r, path).map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
        }, write: { m in .map(m.keys.sorted().map { YAMLValue.Entry(key: $0, value: .plain(m[$0]?.description ?? "")) }) })
    }

    static var branch: ObjectDecl<CaseBranch> { ObjectDecl<CaseBranch>("caseBranch", "A branch: to a step, by weight or when a condition holds (if) or fails (unless).", [
        Field("to", "The step it leads to.", \.to, text(maxLength: 60, identifier: true), required: true),
        Field("weight", "Its weight among the unconditional branches.", \.weight, number(0, 1_000_000)),
        Field(custom: "if", "Taken when this condition holds.", kind: .optional(.choice(CaseCondition.allCases.map(\.rawValue))),
              apply: { b, node, r, path throws(ScenarioError) in
                  if r.isNull(node) { return }
                  b.condition = try Codecs.condition.read(node, r, path); b.negated = false
              },
              emit: { b in b.condition.flatMap { b.negated ? nil : YAMLValue.plain($0.rawValue) } ?? .plain("null") }),
        Field(custom: "unless", "Taken when this condition does not hold.", kind: .optional(.choice(CaseCondition.allCases.map(\.rawValue))),
              apply: { b, node, r, path throws(ScenarioError) in
                  if r.isNull(node) { return }
                  if b.condition != nil { throw r.fail(node, path, "a branch takes if or unless, not both") }
                  b.condition = try Codecs.condition.read(node, r, path); b.negated = true
              },
              emit: { b in b.condition.flatMap { b.negated ? YAMLValue.plain($0.rawValue) : nil } ?? .plain("null") }),
    ]) }

    static var condition: Codec<CaseCondition> { choice(CaseCondition.allCases.map { ($0.rawValue, $0) }) }

    /// `next: stepName` or `next: [{to: a, weight: 0.7}, {to: b, if: digital}]`.
    static var branches: Codec<[CaseBranch]> {
        let list = branch.list(blank: { CaseBranch(to: "") }, minItems: 0, maxItems: 50, what: "branches")
        let name = text(maxLength: 60, identifier: true)
        return Codec(kind: .stepOrBranches(branch.schema(defaults: CaseBranch(to: ""))), read: { node, r, path throws(ScenarioError) in
            if node.scalar != nil { return [CaseBranch(to: try name.read(node, r, path))] }
            return try list.read(node, r, path)
        }, write: { bs in
            if bs.count == 1, bs[0].condition == nil, bs[0].weight == 1 { return .plain(bs[0].to) }
            return list.write(bs)
        })
    }
}
