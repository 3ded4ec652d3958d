/// Walker's alias table built by Vose's method: O(n) build, O(1) sample with two draws.
@usableFromInline
struct AliasTable: Sendable, Equatable {
    /// The normalised probability of each outcome (for moments and tests).
    let probabilities: [Double]
    /// For column i: keep i with probability `cutoff[i]`, else take `alias[i]`.
    let cutoff: [Double]
    let alias: [Int]
    /// The value of each outcome.
    let values: [Double]

    /// Validates `weights` (non-empty, finite, ≥ 0, positive sum) and builds the table.
    init(weights: [Double], distribution: String) throws(DistributionError) {
        if weights.isEmpty { throw .emptyParameter(distribution: distribution, parameter: "weights") }
        var total = 0.0
        for (i, w) in weights.enumerated() {
            if !(w.isFinite && w >= 0) {
                throw .invalidParameter(distribution: distribution, parameter: "weights[\(i)]", value: w,
                                        requirement: "finite and ≥ 0")
            }
            total += w
        }
        if !(total > 0 && total.isFinite) {
            throw .invalidParameter(distribution: distribution, parameter: "weights", value: total,
                                    requirement: "of finite, positive sum")
        }
        let n = weights.count
        probabilities = weights.map { $0 / total }
        var scaled = probabilities.map { $0 * Double(n) }
        var cutoff = [Double](repeating: 1, count: n)
        var alias = Array(0..<n)
        // Work lists in index order, so the table (and every sample) is deterministic.
        var small: [Int] = []
        var large: [Int] = []
        small.reserveCapacity(n)
        large.reserveCapacity(n)
        for i in 0..<n {
            if scaled[i] < 1 { small.append(i) } else { large.append(i) }
        }
        while let l = small.popLast() {
            guard let g = large.popLast() else { small.append(l); break }
            cutoff[l] = scaled[l]
            alias[l] = g
            scaled[g] = (scaled[g] + scaled[l]) - 1
            if scaled[g] < 1 { small.append(g) } else { large.append(g) }
        }
        // Leftovers are 1 up to rounding: they keep themselves (cutoff 1, alias self).
        for i in small { cutoff[i] = 1; alias[i] = i }
        for i in large { cutoff[i] = 1; alias[i] = i }
        self.cutoff = cutoff
        self.alias = alias
        self.values = []
    }

    private init(probabilities: [Double], cutoff: [Double], alias: [Int], values: [Double]) {
        self.probabilities = probabilities
        self.cutoff = cutoff
        self.alias = alias
        self.values = values
    }

    /// The same table with outcome values attached.
    func with(values: [Double]) -> AliasTable {
        AliasTable(probabilities: probabilities, cutoff: cutoff, alias: alias, values: values)
    }

    /// The index of one outcome. - Complexity: O(1), two draws.
    func sampleIndex(_ rng: inout RandomStream) -> Int {
        let column = Int(rng.nextInt(below: UInt64(cutoff.count)))
        return rng.nextUnit() < cutoff[column] ? column : alias[column]
    }

    var mean: Double {
        var m = 0.0
        for i in values.indices { m += probabilities[i] * values[i] }
        return m
    }

    var variance: Double {
        let m = mean
        var v = 0.0
        for i in values.indices { v += probabilities[i] * (values[i] - m) * (values[i] - m) }
        return v
    }
}

/// Data for the empirical distribution: resampled as given, or sorted for piecewise-linear interpolation.
@usableFromInline
struct EmpiricalTable: Sendable, Equatable {
    let data: [Double]
    let interpolated: Bool

    init(data: [Double], interpolated: Bool) {
        self.data = interpolated ? data.sorted() : data
        self.interpolated = interpolated
    }

    /// - Complexity: O(1), one draw.
    func sample(_ rng: inout RandomStream) -> Double {
        if !interpolated {
            return data[Int(rng.nextInt(below: UInt64(data.count)))]
        }
        let position = rng.nextUnit() * Double(data.count - 1)
        let i = Int(position)
        if i >= data.count - 1 { return data[data.count - 1] }
        let fraction = position - Double(i)
        return data[i] + fraction * (data[i + 1] - data[i])
    }

    /// Resampling: the data's mean; interpolated: the mean of the piecewise-uniform mixture.
    var mean: Double {
        var s = 0.0
        if !interpolated {
            for x in data { s += x }
            return s / Double(data.count)
        }
        for i in 0..<(data.count - 1) { s += (data[i] + data[i + 1]) / 2 }
        return s / Double(data.count - 1)
    }

    /// Resampling: the data's population variance; interpolated: that of the piecewise-uniform mixture.
    var variance: Double {
        let m = mean
        var s = 0.0
        if !interpolated {
            for x in data { s += (x - m) * (x - m) }
            return s / Double(data.count)
        }
        for i in 0..<(data.count - 1) {
            let a = data[i] - m, b = data[i + 1] - m
            s += (a * a + a * b + b * b) / 3
        }
        return s / Double(data.count - 1)
    }
}
