/// What the service desk measures, in mergeable form, laid out by the desk's names (case types,
/// channels, parties, teams): regions of one scenario share the layout, so they merge index by index.
/// Outcomes count for cases opened after the warm-up; the flow counts (opened, closed) count every case.
public struct ServiceMetrics: Sendable, Hashable {
    /// Case type names (with their KPI area and milestone names).
    public var typeNames: [String] = []
    /// Per type: its KPI area (`service`, `activation`, `payments`, `information`).
    public var typeAreas: [String] = []
    /// Per type: its milestone names.
    public var milestoneNames: [[String]] = []
    /// Channel names.
    public var channelNames: [String] = []
    /// Per type: channels that carry it (weight > 0), for the SLA table.
    public var typeChannels: [[Bool]] = []
    /// Party names.
    public var partyNames: [String] = []
    /// Team names.
    public var teamNames: [String] = []

    /// Cases opened (flow count, whole run).
    public var opened = 0
    /// Cases closed (flow count, whole run; abandoned, transferred and resolved).
    public var closed = 0
    /// Resolution within the type's SLA, per `type × channels + channel` (the channel the case ended on).
    public var sla: [Share] = []
    /// Opening → close, hours, per type.
    public var resolutionByType: [Sample] = []
    /// Opening → close, hours, every resolved case.
    public var resolution = Sample()
    /// First agent answer within the channel's response target, per channel.
    public var response: [Share] = []
    /// Queue wait (enqueue → an agent starts), hours, per channel.
    public var queueWait: [Sample] = []
    /// Resolved at the first agent contact (no escalation, documents, outreach or second contact), per channel.
    public var firstContact: [Share] = []
    /// Phone calls offered to a queue.
    public var callsOffered = 0
    /// Calls abandoned in the queue.
    public var callsAbandoned = 0
    /// Abandoned callers who wrote instead.
    public var abandonRetries = 0
    /// Cases resolved in self-service (no case opened), per type.
    public var deflected: [Int] = []
    /// Reactive cases opened, per type.
    public var reactive: [Int] = []
    /// Proactive (outbound) cases opened, per type.
    public var proactive: [Int] = []
    /// Outbound attempts made.
    public var outboundAttempts = 0
    /// Outbound contacts that reached the retailer.
    public var outboundReached = 0
    /// Resolved cases with at least one escalation.
    public var escalatedCases = 0
    /// Escalations sent, per party.
    public var escalations: [Int] = []
    /// Escalation → answer, hours, per party.
    public var partyAnswer: [Sample] = []
    /// Answers within the party's target, per party.
    public var partyOnTime: [Share] = []
    /// Escalations that ran out their timeout, per party.
    public var partyTimeouts: [Int] = []
    /// Agent busy hours, per team.
    public var busyHours: [Double] = []
    /// Agent on-shift hours, per team.
    public var dutyHours: [Double] = []
    /// Opening → milestone, hours, per type and milestone.
    public var milestones: [[Sample]] = []
    /// The documented customer-effort score of every resolved case (1 = effortless … 7).
    public var effort = Sample()
    /// Cases handed to another type.
    public var transfers = 0
    /// Vouchers sent.
    public var vouchers = 0
    /// Cashback coupons created.
    public var coupons = 0
    /// Coupons and vouchers used before expiry.
    public var couponsUsed = 0
    /// Coupons and vouchers that expired unused.
    public var couponsExpired = 0
    /// Refunds paid.
    public var refunds = 0
    /// Credit increases granted.
    public var creditGranted = 0
    /// Credit increases refused.
    public var creditRefused = 0
    /// Accounts blocked for confirmed fraud.
    public var accountsBlocked = 0
    /// Orders cancelled through a case.
    public var ordersCancelled = 0
    /// Activations carried out.
    public var activationsDone = 0
    /// Outlets with at least one activation at the run's end.
    public var outletsWithActivation = 0
    /// Data changes applied (self-service and reviewed).
    public var dataUpdates = 0
    /// Data-review prompts sent (journey 8).
    public var dataPrompts = 0
    /// Orders blocked for overdue invoices (journey 6).
    public var blockedOverdue = 0
    /// Orders blocked by the credit limit.
    public var blockedLimit = 0

    /// An empty tally with no layout (a scenario without a desk). - Complexity: O(1).
    public init() {}

    /// An empty tally laid out for `desk`. - Complexity: O(types × channels + parties + teams).
    public init(desk: ServiceDeskSpec) {
        guard desk.enabled else { return }
        typeNames = desk.caseTypes.map(\.name)
        typeAreas = desk.caseTypes.map(\.area)
        milestoneNames = desk.caseTypes.map { t in
            var names: [String] = []
            for s in t.steps { if let m = s.milestone, !names.contains(m) { names.append(m) } }
            return names
        }
        channelNames = desk.channels.map(\.name)
        typeChannels = desk.caseTypes.map { t in desk.channels.map { (t.channels[$0.name] ?? 0) > 0 } }
        partyNames = desk.parties.map(\.name)
        teamNames = desk.teams.map(\.name)
        let nt = typeNames.count, nc = channelNames.count, np = partyNames.count
        sla = Array(repeating: Share(), count: nt * nc)
        resolutionByType = Array(repeating: Sample(), count: nt)
        response = Array(repeating: Share(), count: nc)
        queueWait = Array(repeating: Sample(), count: nc)
        firstContact = Array(repeating: Share(), count: nc)
        deflected = Array(repeating: 0, count: nt)
        reactive = deflected
        proactive = deflected
        escalations = Array(repeating: 0, count: np)
        partyTimeouts = escalations
        partyAnswer = Array(repeating: Sample(), count: np)
        partyOnTime = Array(repeating: Share(), count: np)
        busyHours = Array(repeating: 0, count: teamNames.count)
        dutyHours = busyHours
        milestones = milestoneNames.map { Array(repeating: Sample(), count: $0.count) }
    }

    /// Adds another region's tally (same layout; a tally without layout adopts the other's).
    /// - Complexity: O(types × channels × buckets).
    public mutating func merge(_ o: ServiceMetrics) {
        if typeNames.isEmpty && channelNames.isEmpty { self = o; return }
        guard typeNames == o.typeNames, channelNames == o.channelNames else { return }
        opened += o.opened; closed += o.closed
        for i in sla.indices { sla[i].merge(o.sla[i]) }
        for i in resolutionByType.indices { resolutionByType[i].merge(o.resolutionByType[i]) }
        resolution.merge(o.resolution)
        for i in response.indices { response[i].merge(o.response[i]); queueWait[i].merge(o.queueWait[i]); firstContact[i].merge(o.firstContact[i]) }
        callsOffered += o.callsOffered; callsAbandoned += o.callsAbandoned; abandonRetries += o.abandonRetries
        for i in deflected.indices { deflected[i] += o.deflected[i]; reactive[i] += o.reactive[i]; proactive[i] += o.proactive[i] }
        outboundAttempts += o.outboundAttempts; outboundReached += o.outboundReached; escalatedCases += o.escalatedCases
        for i in escalations.indices {
            escalations[i] += o.escalations[i]; partyTimeouts[i] += o.partyTimeouts[i]
            partyAnswer[i].merge(o.partyAnswer[i]); partyOnTime[i].merge(o.partyOnTime[i])
        }
        for i in busyHours.indices { busyHours[i] += o.busyHours[i]; dutyHours[i] += o.dutyHours[i] }
        for i in milestones.indices { for j in milestones[i].indices { milestones[i][j].merge(o.milestones[i][j]) } }
        effort.merge(o.effort)
        transfers += o.transfers; vouchers += o.vouchers; coupons += o.coupons; couponsUsed += o.couponsUsed
        couponsExpired += o.couponsExpired; refunds += o.refunds; creditGranted += o.creditGranted; creditRefused += o.creditRefused
        accountsBlocked += o.accountsBlocked; ordersCancelled += o.ordersCancelled; activationsDone += o.activationsDone
        dataUpdates += o.dataUpdates; outletsWithActivation += o.outletsWithActivation; dataPrompts += o.dataPrompts; blockedOverdue += o.blockedOverdue; blockedLimit += o.blockedLimit
    }
}
