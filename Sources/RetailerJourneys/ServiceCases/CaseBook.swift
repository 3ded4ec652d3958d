import DiscreteEvents

/// Where a case stands inside its current step.
enum CasePhase: UInt8 {
    /// Between steps (transient).
    case idle
    /// Waiting in a team's queue.
    case queued
    /// An agent works on it.
    case inWork
    /// On the phone, the agent waits on the line for documents (the seed's 5 minutes).
    case onLine
    /// The documents took longer than the phone wait: the agent hung up, documents come by e-mail.
    case lineGivenUp
    /// Waiting for documents (written channels), a delay, or a deferred start.
    case waiting
    /// Waiting for an external party's answer.
    case escalated
    /// Outbound attempts in progress.
    case outbound
    /// A phone contact made outside the desk's hours: it starts at the next shift.
    case startPending
    /// Closed (the slot is free).
    case closed
}

/// How a case ends.
enum CaseOutcome { case resolved, abandoned, transferred }

/// Service cases as struct-of-arrays with slot reuse (a slot is freed when its case closes).
struct CaseBook {
    var type: [Int16] = []
    /// The retailer, or `-1 - applicant` for an applicant not yet a retailer.
    var retailer: [Int32] = []
    var channel: [Int8] = []
    var step: [Int16] = []
    /// Bumped at every step change: a continuation scheduled with an older token is stale.
    var token: [Int32] = []
    var phase: [CasePhase] = []
    var openedAt: [SimTime] = []
    /// When the current queue wait, escalation or documents wait began.
    var since: [SimTime] = []
    /// Documents arrival (phone → e-mail rule).
    var docsAt: [SimTime] = []
    var sessions: [UInt8] = []
    var escalations: [UInt8] = []
    var documents: [UInt8] = []
    var attempts: [UInt8] = []
    /// Attempts made in the current outbound step.
    var tries: [UInt8] = []
    var abandoned: [Bool] = []
    var switched: [Bool] = []
    var proactive: [Bool] = []
    /// The team whose agent the case holds (−1: none).
    var heldTeam: [Int16] = []
    /// Draw counter for the case's random stream.
    var draws: [UInt32] = []
    /// Sequence number of the case (its random stream key; slots are reused, sequences are not).
    var sequence: [Int32] = []
    var free: [Int32] = []
    /// Open cases.
    var open = 0
    /// Cases ever opened in the region (the next sequence number).
    var count = 0

    /// A new case; returns its slot. - Complexity: O(1) amortised.
    mutating func add(type t: Int, retailer r: Int, channel c: Int, proactive p: Bool, at now: SimTime) -> Int {
        open += 1
        let seq = Int32(truncatingIfNeeded: count)
        count += 1
        if let s = free.popLast() {
            let i = Int(s)
            type[i] = Int16(t); retailer[i] = Int32(r); channel[i] = Int8(c); step[i] = 0; token[i] &+= 1
            phase[i] = .idle; openedAt[i] = now; since[i] = now; docsAt[i] = now; sessions[i] = 0; escalations[i] = 0
            documents[i] = 0; attempts[i] = 0; tries[i] = 0; abandoned[i] = false; switched[i] = false; proactive[i] = p
            heldTeam[i] = -1; draws[i] = 0; sequence[i] = seq
            return i
        }
        type.append(Int16(t)); retailer.append(Int32(r)); channel.append(Int8(c)); step.append(0); token.append(0)
        phase.append(.idle); openedAt.append(now); since.append(now); docsAt.append(now); sessions.append(0)
        escalations.append(0); documents.append(0); attempts.append(0); tries.append(0); abandoned.append(false); switched.append(false)
        proactive.append(p); heldTeam.append(-1); draws.append(0); sequence.append(seq)
        return type.count - 1
    }

    /// Frees a closed case's slot. - Complexity: O(1).
    mutating func end(_ i: Int) {
        phase[i] = .closed
        token[i] &+= 1
        open -= 1
        free.append(Int32(i))
    }
}

/// The agents of every team: FIFO queues, busy and on-shift counts, and the time integrals behind
/// utilisation.
struct AgentFloor {
    /// Per team: (case slot, token at enqueue); entries whose case moved on are skipped when reached.
    var queue: [[(slot: Int32, token: Int32)]] = []
    var head: [Int] = []
    var busy: [Int] = []
    var onDuty: [Int] = []
    var lastChange: [SimTime] = []

    init(teams: Int) {
        queue = Array(repeating: [], count: teams)
        head = Array(repeating: 0, count: teams)
        busy = head
        onDuty = head
        lastChange = Array(repeating: .zero, count: teams)
    }

    /// Drops consumed entries once they are the larger part of the buffer. - Complexity: O(1) amortised.
    mutating func compact(_ team: Int) {
        if head[team] > 1024 && head[team] * 2 > queue[team].count {
            queue[team].removeFirst(head[team])
            head[team] = 0
        }
    }
}
