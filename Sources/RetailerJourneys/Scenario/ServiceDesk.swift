import DiscreteEvents

/// The customer-service desk (seed 002) and the journeys it carries (5 activations, 6 payments, 8
/// information requests): channels, agent teams, external parties and the case types, each a flow of
/// steps written as data. `ServiceDeskSpec.standard` is the seed's desk; a scenario may replace any list.
public struct ServiceDeskSpec: Sendable, Equatable {
    /// Whether the desk is simulated at all (off: no case is raised, no KPI reported).
    public var enabled = true
    /// The contact channels (phone queues and asynchronous channels).
    public var channels: [ServiceChannelSpec] = ServiceDeskSpec.standardChannels
    /// Agent teams: channels served, head count, shift, skills.
    public var teams: [AgentTeamSpec] = ServiceDeskSpec.standardTeams
    /// External parties cases are escalated to.
    public var parties: [PartySpec] = ServiceDeskSpec.standardParties
    /// The case types and their flows.
    public var caseTypes: [CaseTypeSpec] = ServiceDeskSpec.standardCaseTypes
    /// Journey events that raise cases.
    public var triggers: [CaseTriggerSpec] = ServiceDeskSpec.standardTriggers
    /// The seed's phone rule: a caller asked for documents waits on the line up to this long, else the
    /// case continues by e-mail.
    public var phoneDocumentWait: SLAClock = SLAClock(5, .minutes)
    /// Time a customer takes to send documents or evidence asked for.
    public var documentDelay: RandomDuration = .exponential(mean: 6, unit: .hours(1))
    /// Probability that a caller who abandoned the phone queue writes an e-mail instead (else gives up).
    public var abandonRetry: Double = 0.5
    /// Coupons and vouchers expire this many days after creation.
    public var couponExpiryDays: Int = 90
    /// Probability that a retailer uses a coupon at all.
    public var couponUse: Double = 0.75
    /// Time from a coupon's creation until the retailer uses it (when it does; unused past expiry: expired).
    public var couponUseDelay: RandomDuration = .exponential(mean: 30, unit: .days(1))
    /// A new credit request is accepted only this many days after the last answer.
    public var creditCooldownDays: Int = 30
    /// Credit-limit multiplier when a credit increase is granted.
    public var creditIncrease: Double = 1.25
    /// Journey 8: every retailer is prompted to review its data every this many days (0 = never); the
    /// `dataPrompt` trigger says how many submit a change.
    public var dataPromptIntervalDays: Int = 180
    /// The desk. - Complexity: O(1).
    public init() {}
}

/// How a channel carries contacts.
public enum ChannelKind: String, Sendable, CaseIterable, Hashable {
    /// A live call: waits in a queue, may abandon, is answered by an agent on shift.
    case phone
    /// A written channel (web form, app, WhatsApp, e-mail): queued until an agent on shift takes it.
    case async
}

/// A contact channel.
public struct ServiceChannelSpec: Sendable, Equatable {
    /// Its name (`phone`, `web`, …).
    public var name: String
    /// Phone or asynchronous.
    public var kind: ChannelKind
    /// Phone only: how long a caller waits in the queue before hanging up.
    public var patience: RandomDuration = .exponential(mean: 4, unit: .minutes(1))
    /// The first-response target: from the contact to the first agent answer.
    public var responseTarget: SLAClock
    /// A channel. - Complexity: O(1).
    public init(name: String, kind: ChannelKind, responseTarget: SLAClock) {
        self.name = name; self.kind = kind; self.responseTarget = responseTarget
    }
}

/// A team of agents.
public struct AgentTeamSpec: Sendable, Equatable {
    /// Team name.
    public var name: String
    /// Channels it answers (a step may also name the team directly, e.g. a back office).
    public var channels: [String]
    /// Agents on shift in every region.
    public var agents: Int
    /// More agents per 1,000 retailers of the region (rounded), so a desk scales with its region.
    public var perThousandRetailers: Double = 0
    /// Shift per weekday.
    public var shift: WeekHours = .weekdays([DayWindow(hours: 8, 18)])
    /// Case types it handles (empty: every type).
    public var skills: [String] = []
    /// A team. - Complexity: O(1).
    public init(name: String, channels: [String], agents: Int) {
        self.name = name; self.channels = channels; self.agents = agents
    }
}

/// An external party: distributor, finance, key-account team, credit provider, trade, WhatsApp vendor.
public struct PartySpec: Sendable, Equatable {
    /// Its name.
    public var name: String
    /// Time to answer an escalation (business time unless written in elapsed units).
    public var response: RandomDuration
    /// Probability that an escalation is never answered.
    public var neverAnswers: Double = 0
    /// The answer target the party is measured against (nil: none).
    public var target: SLAClock?
    /// A party. - Complexity: O(1).
    public init(name: String, response: RandomDuration, neverAnswers: Double = 0, target: SLAClock? = nil) {
        self.name = name; self.response = response; self.neverAnswers = neverAnswers; self.target = target
    }
}

/// What a step of a case flow does.
public enum StepKind: String, Sendable, CaseIterable, Hashable {
    /// Agent work on the case's channel (or the step's team): identify, validate, resolve, follow up.
    case work
    /// The customer sends documents or evidence (on the phone: the seed's wait-on-the-line rule).
    case documents
    /// An escalation to an external party, with an optional timeout branch.
    case escalate
    /// Proactive outbound contact: attempts on different days and times.
    case contact
    /// A delay without work (automatic correction, scheduling lead time).
    case wait
    /// The case is handed over to another case type (closed here, opened there).
    case transfer
    /// The case is closed.
    case close
}

/// A fact a branch can test.
public enum CaseCondition: String, Sendable, CaseIterable, Hashable {
    /// The retailer's open order is still before its payment stage (it can be cancelled).
    case orderBeforePayment
    /// The retailer's last credit answer is younger than the cooldown (a new request is refused).
    case creditCooldown
    /// The retailer uses digital channels.
    case digital
    /// The case is on the phone.
    case onPhone
    /// The outlet's consumption is below its segment's typical rate (activation potential check).
    case lowPotential
}

/// What reaching a step does to the retailer or the run.
public enum CaseAction: String, Sendable, CaseIterable, Hashable {
    /// A voucher is sent (expires with the coupons).
    case voucher
    /// A cashback coupon is created (expires `couponExpiryDays` after creation).
    case coupon
    /// A refund is paid.
    case refund
    /// The retailer's open order is cancelled (only before payment).
    case cancelOrder
    /// The account is blocked (fraud confirmed) and its open order cancelled.
    case blockAccount
    /// A credit increase is granted (limit × `creditIncrease`); the answer starts the cooldown.
    case creditGranted
    /// A credit increase is refused; the answer starts the cooldown.
    case creditRefused
    /// A trade-marketing activation is carried out at the outlet (its history grows).
    case activationDone
    /// The retailer's data are updated.
    case dataUpdated
}

/// One branch out of a step.
public struct CaseBranch: Sendable, Equatable {
    /// The step it leads to.
    public var to: String
    /// Its weight among the unconditional branches.
    public var weight: Double = 1
    /// When set, the branch is taken when the condition holds (conditional branches are tried first, in order).
    public var condition: CaseCondition?
    /// Whether the condition must be false instead of true.
    public var negated = false
    /// A branch. - Complexity: O(1).
    public init(to: String, weight: Double = 1, condition: CaseCondition? = nil, negated: Bool = false) {
        self.to = to; self.weight = weight; self.condition = condition; self.negated = negated
    }
}

/// One step of a case flow.
public struct CaseStepSpec: Sendable, Equatable {
    /// Its name (unique in the flow).
    public var name: String
    /// What it does.
    public var kind: StepKind
    /// Work, documents wait (non-phone override) or wait length.
    public var duration: RandomDuration = .minutes(6)
    /// Work: the team that does it (nil: the team serving the case's channel with the skill).
    public var team: String?
    /// Escalate: the party.
    public var party: String?
    /// Escalate: the answer target for this escalation (nil: the party's), by the case's channel first.
    public var target: SLAClock?
    /// Escalate: answer targets per channel (the credit provider's 24/48/96 business hours).
    public var targetByChannel: [String: SLAClock] = [:]
    /// Escalate: no answer by this clock → `onTimeout`.
    public var timeout: SLAClock?
    /// Escalate: the step taken on timeout.
    public var onTimeout: String?
    /// Contact: attempts on different days and times.
    public var attempts: Int = 3
    /// Contact: probability that one attempt reaches the retailer.
    public var reach: Double = 0.6
    /// Contact: the step taken when no attempt reaches the retailer.
    public var onNoContact: String?
    /// Transfer: the case type the case is handed to.
    public var caseType: String?
    /// What reaching the step does.
    public var action: CaseAction?
    /// A named milestone: the time from the case's opening to reaching this step is measured.
    public var milestone: String?
    /// Where the flow goes next (none for close and transfer).
    public var next: [CaseBranch] = []
    /// A step. - Complexity: O(1).
    public init(name: String, kind: StepKind, next: [CaseBranch] = []) {
        self.name = name; self.kind = kind; self.next = next
    }
}

/// A case type: its SLA, where its cases come from and its flow.
public struct CaseTypeSpec: Sendable, Equatable {
    /// Its name (`orderRupture`).
    public var name: String
    /// The journey or area it belongs to in the KPI table (`service`, `activation`, `payments`, `information`).
    public var area: String = "service"
    /// Resolution target: opening → close.
    public var sla: SLAClock
    /// Background contacts per retailer per year (spread over business hours).
    public var perRetailerPerYear: Double = 0
    /// Channel weights of reactive contacts.
    public var channels: [String: Double]
    /// Probability that a digital retailer resolves it in self-service (no case is opened).
    public var selfService: Double = 0
    /// The step a proactive (outbound) case starts at (nil: the first step).
    public var proactiveStart: String?
    /// The flow; the first step is where a reactive case starts.
    public var steps: [CaseStepSpec]
    /// A case type. - Complexity: O(1).
    public init(name: String, sla: SLAClock, channels: [String: Double], steps: [CaseStepSpec]) {
        self.name = name; self.sla = sla; self.channels = channels; self.steps = steps
    }
}

/// A journey event that can raise a case.
public enum TriggerEvent: String, Sendable, CaseIterable, Hashable {
    /// A rupture found at invoicing.
    case rupture
    /// An order not delivered by the end of its promised day.
    case lateOrder
    /// An order held by the credit check (blocked account).
    case blockedOrder
    /// An application waiting for approval (documents asked).
    case registrationPending
    /// A retailer prompted to review its data (journey 8).
    case dataPrompt
}

/// A journey event raising a case: the retailer contacts with a probability, else (when `proactive`)
/// the desk reaches out.
public struct CaseTriggerSpec: Sendable, Equatable {
    /// The event.
    public var event: TriggerEvent
    /// The case type raised.
    public var caseType: String
    /// Probability that the retailer contacts the desk.
    public var contact: Double
    /// Whether the desk contacts the retailer who did not.
    public var proactive = false
    /// Its identity in a list: event and case type.
    public var key: String { "\(event.rawValue)→\(caseType)" }
    /// A trigger. - Complexity: O(1).
    public init(event: TriggerEvent, caseType: String, contact: Double, proactive: Bool = false) {
        self.event = event; self.caseType = caseType; self.contact = contact; self.proactive = proactive
    }
}

/// The units a service clock counts in.
public enum ClockUnit: String, Sendable, CaseIterable, Hashable {
    /// Elapsed minutes.
    case minutes = "m"
    /// Elapsed hours.
    case hours = "h"
    /// Elapsed (calendar) days.
    case days = "d"
    /// Hours of the business calendar's open time.
    case businessHours = "bh"
    /// Business days: the same time of day, N business days later.
    case businessDays = "bd"
}

/// A service-level clock: an amount in a unit, counted on the business calendar when the unit says so.
/// `72bh` is 72 business hours, `5bd` five business days, `15d` fifteen calendar days.
public struct SLAClock: Sendable, Hashable, CustomStringConvertible {
    /// How many units.
    public var amount: Double
    /// The unit.
    public var unit: ClockUnit
    /// A clock. - Complexity: O(1).
    public init(_ amount: Double, _ unit: ClockUnit) { self.amount = amount; self.unit = unit }

    /// The instant the clock runs out when started at `start`. Business days count whole days (a
    /// fraction rounds up). - Complexity: as `BusinessCalendar.add(_:to:)`.
    public func deadline(from start: SimTime, calendar: BusinessCalendar) -> SimTime {
        switch unit {
        case .minutes: return start + .seconds(amount * 60)
        case .hours: return start + .seconds(amount * 3_600)
        case .days: return start + .seconds(amount * 86_400)
        case .businessHours: return calendar.add(.seconds(amount * 3_600), to: start)
        case .businessDays: return calendar.addBusinessDays(Int(amount.rounded(.up)), to: start)
        }
    }

    /// `72bh`.
    public var description: String {
        let n = amount == amount.rounded() && abs(amount) < 1e15 ? String(Int64(amount)) : "\(amount)"
        return n + unit.rawValue
    }
}
