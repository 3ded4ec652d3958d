import DiscreteEvents

/// A branch with its target resolved to a step index.
struct CompiledBranch: Sendable {
    var to: Int
    var weight: Double
    var condition: CaseCondition?
    var negated: Bool
}

/// A step with every name resolved to an index (-1: none).
struct CompiledStep: Sendable {
    var kind: StepKind
    var duration: RandomDuration
    var team: Int
    var party: Int
    var target: SLAClock?
    /// Per channel index (nil: `target`, then the party's).
    var targetByChannel: [SLAClock?]
    var timeout: SLAClock?
    var onTimeout: Int
    var attempts: Int
    var reach: Double
    var onNoContact: Int
    var transferType: Int
    var action: CaseAction?
    var milestone: Int
    var next: [CompiledBranch]
}

/// A case type ready to run.
struct CompiledType: Sendable {
    var name: String
    var area: String
    var sla: SLAClock
    var rate: Double
    /// Per channel index.
    var channelWeights: [Double]
    var selfService: Double
    var start: Int
    var proactiveStart: Int
    var steps: [CompiledStep]
    var milestones: [String]
    var stepNames: [String]
}

/// The desk with names resolved: what the region model runs. Built once per region.
struct CompiledDesk: Sendable {
    var types: [CompiledType] = []
    var channels: [ServiceChannelSpec] = []
    var teams: [AgentTeamSpec] = []
    var parties: [PartySpec] = []
    /// Agents per team in this region.
    var agents: [Int] = []
    /// `route[type × channels + channel]`: the team answering that type on that channel (-1: none).
    var route: [Int] = []
    /// Per trigger event (`TriggerEvent.allCases` order): (type, contact probability, proactive).
    var triggers: [[(type: Int, contact: Double, proactive: Bool)]] = Array(repeating: [], count: TriggerEvent.allCases.count)
    /// The e-mail channel (phone cases continue there when documents take too long), or -1.
    var email = -1
    /// The phone channel (outbound contacts), or -1.
    var phone = -1
    // The desk's settings (see `ServiceDeskSpec`).
    var phoneDocumentWait = SLAClock(5, .minutes)
    var documentDelay: RandomDuration = .minutes(0)
    var abandonRetry = 0.0
    var couponExpiryDays = 90
    var couponUse = 0.0
    var couponUseDelay: RandomDuration = .minutes(0)
    var creditCooldownDays = 30
    var creditIncrease = 1.0
    var dataPromptIntervalDays = 0

    /// No desk. - Complexity: O(1).
    init() {}

    /// The name of step `s` of type `t` (traces). - Complexity: O(1).
    func stepName(_ t: Int, _ s: Int) -> String { types[t].stepNames[s] }

    /// The team answering `type` on `channel`. - Complexity: O(1).
    func team(type: Int, channel: Int) -> Int { route[type * channels.count + channel] }

    /// Resolves every name of `spec` for a region of `retailers`.
    /// - Throws: `RunError` naming the field of an unknown step, party, team, channel or case type (the
    ///   scenario reader reports these first, with lines).
    /// - Complexity: O(types × steps × branches + teams × channels × types).
    init(_ spec: ServiceDeskSpec, retailers: Int) throws(RunError) {
        guard spec.enabled else { return }
        channels = spec.channels
        teams = spec.teams
        parties = spec.parties
        let channelIndex = Dictionary(spec.channels.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        let teamIndex = Dictionary(spec.teams.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        let partyIndex = Dictionary(spec.parties.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        let typeIndex = Dictionary(spec.caseTypes.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        email = channelIndex["email"] ?? -1
        phone = spec.channels.firstIndex { $0.kind == .phone } ?? -1
        phoneDocumentWait = spec.phoneDocumentWait; documentDelay = spec.documentDelay; abandonRetry = spec.abandonRetry
        couponExpiryDays = spec.couponExpiryDays; couponUse = spec.couponUse; couponUseDelay = spec.couponUseDelay
        creditCooldownDays = spec.creditCooldownDays; creditIncrease = spec.creditIncrease
        dataPromptIntervalDays = spec.dataPromptIntervalDays
        agents = spec.teams.map { $0.agents + Int((Double(retailers) / 1000 * $0.perThousandRetailers).rounded()) }
        for (ti, t) in spec.caseTypes.enumerated() {
            let path = "serviceDesk.caseTypes[\(ti)]"
            let stepIndex = Dictionary(t.steps.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
            func step(_ name: String?, _ field: String) throws(RunError) -> Int {
                guard let name else { return -1 }
                guard let i = stepIndex[name] else { throw RunError(field: "\(path).\(field)", message: "unknown step '\(name)'") }
                return i
            }
            var weights = [Double](repeating: 0, count: spec.channels.count)
            for (name, w) in t.channels.sorted(by: { $0.key < $1.key }) {
                guard let c = channelIndex[name] else { throw RunError(field: "\(path).channels.\(name)", message: "unknown channel") }
                weights[c] = w
            }
            var milestones: [String] = []
            var steps: [CompiledStep] = []
            for (si, s) in t.steps.enumerated() {
                let sp = "steps[\(si)]"
                var byChannel = [SLAClock?](repeating: nil, count: spec.channels.count)
                for (name, clock) in s.targetByChannel {
                    guard let c = channelIndex[name] else { throw RunError(field: "\(path).\(sp).targetByChannel.\(name)", message: "unknown channel") }
                    byChannel[c] = clock
                }
                var m = -1
                if let ms = s.milestone {
                    if let i = milestones.firstIndex(of: ms) { m = i } else { milestones.append(ms); m = milestones.count - 1 }
                }
                var next: [CompiledBranch] = []
                for (bi, b) in s.next.enumerated() {
                    next.append(CompiledBranch(to: try step(b.to, "\(sp).next[\(bi)].to"), weight: b.weight, condition: b.condition, negated: b.negated))
                }
                var team = -1, party = -1, transfer = -1
                if let n = s.team {
                    guard let i = teamIndex[n] else { throw RunError(field: "\(path).\(sp).team", message: "unknown team '\(n)'") }
                    team = i
                }
                if let n = s.party {
                    guard let i = partyIndex[n] else { throw RunError(field: "\(path).\(sp).party", message: "unknown party '\(n)'") }
                    party = i
                }
                if s.kind == .escalate && party < 0 { throw RunError(field: "\(path).\(sp).party", message: "an escalation needs a party") }
                if let n = s.caseType {
                    guard let i = typeIndex[n] else { throw RunError(field: "\(path).\(sp).caseType", message: "unknown case type '\(n)'") }
                    transfer = i
                }
                if s.kind == .transfer && transfer < 0 { throw RunError(field: "\(path).\(sp).caseType", message: "a transfer needs a case type") }
                steps.append(CompiledStep(
                    kind: s.kind, duration: s.duration, team: team, party: party, target: s.target, targetByChannel: byChannel,
                    timeout: s.timeout, onTimeout: try step(s.onTimeout, "\(sp).onTimeout"), attempts: max(1, s.attempts), reach: s.reach,
                    onNoContact: try step(s.onNoContact, "\(sp).onNoContact"), transferType: transfer, action: s.action,
                    milestone: m, next: next))
            }
            guard !steps.isEmpty else { throw RunError(field: "\(path).steps", message: "a case type needs at least one step") }
            types.append(CompiledType(
                name: t.name, area: t.area, sla: t.sla, rate: t.perRetailerPerYear, channelWeights: weights, selfService: t.selfService,
                start: 0, proactiveStart: try step(t.proactiveStart, "proactiveStart"), steps: steps, milestones: milestones,
                stepNames: t.steps.map(\.name)))
        }
        route = [Int](repeating: -1, count: types.count * channels.count)
        for ti in types.indices {
            for ci in channels.indices {
                route[ti * channels.count + ci] = teams.indices.first { k in
                    teams[k].channels.contains(channels[ci].name) && (teams[k].skills.isEmpty || teams[k].skills.contains(types[ti].name))
                } ?? -1
            }
        }
        for (i, tr) in spec.triggers.enumerated() {
            guard let ti = typeIndex[tr.caseType] else {
                throw RunError(field: "serviceDesk.triggers[\(i)].caseType", message: "unknown case type '\(tr.caseType)'")
            }
            guard let e = TriggerEvent.allCases.firstIndex(of: tr.event) else { continue }
            triggers[e].append((ti, tr.contact, tr.proactive))
        }
    }
}
